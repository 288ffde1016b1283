"""Benchmark: import a 100,000-row roster into PostgreSQL, next to a raw COPY of the same rows.

Creates a scratch database, migrates it, generates the roster of ``bench/roster_convert.py``
(a dental group: CEO, regional directors, office managers, staff, 2% terminated), then
times the three steps of ``practiceos import-roster``: convert (read + roster_to_snapshot),
plan (against the empty practice) and load (the bulk writes with their audit records, in
one transaction). The floor is PostgreSQL's COPY of exactly the rows the import wrote,
into scratch tables with the same columns and indexes. The database is dropped at the end.

    .venv/bin/python bench/roster_import.py [ROWS] [--admin-url postgres://postgres@127.0.0.1:5432/postgres]

Target (issue 3): 100,000 rows in at most 30 s on a 2-core machine, and at most 10 times
the COPY time.
"""

from __future__ import annotations

import argparse
import io
import os
import resource
import sys
import tempfile
import time
from pathlib import Path

import psycopg

sys.path.insert(0, str(Path(__file__).resolve().parent))
from roster_convert import generate

TABLES = [
    "org_location",
    "org_role",
    "org_team",
    "org_seat",
    "org_person",
    "org_assignment",
    "audit_auditrecord",
]


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    """Create the scratch database, run, print, drop."""
    parser = argparse.ArgumentParser()
    parser.add_argument("rows", nargs="?", type=int, default=100_000)
    parser.add_argument("--admin-url", default="postgres://postgres@127.0.0.1:5432/postgres")
    args = parser.parse_args()
    name = f"pos_bench_roster_{os.getpid()}"
    base = args.admin_url.rsplit("/", 1)[0]
    with psycopg.connect(args.admin_url, autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    try:
        run(args.rows, f"{base}/{name}")
    finally:
        with psycopg.connect(args.admin_url, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def run(rows: int, url: str) -> None:
    """Migrate, generate, import, COPY, report."""
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("PRACTICEOS_DATA_DIR", tempfile.mkdtemp(prefix="pos-bench-"))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "practiceos.settings")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from practiceos.core.roster import roster_to_snapshot
    from practiceos.core.roster.planning import person_rows, plan_changes
    from practiceos.org.snapshot import build_snapshot
    from practiceos.roster.services import apply_plan, read_upload
    from practiceos.tenancy.models import Practice

    call_command("migrate", verbosity=0)
    practice = Practice.objects.create(name="Bench Dental Group", slug="bench")
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "roster.csv"
        generate(path, rows)
        data = path.read_bytes()
    rss_before = _rss_mb()

    cpu0 = time.process_time()
    t0 = time.perf_counter()
    table = read_upload(data, "roster.csv")
    # The generated file has deliberate typos in manager names: settle them as a user would.
    result = roster_to_snapshot(
        table, practice_name=practice.name, practice_slug=practice.slug, allow_unresolved=True
    )
    t1 = time.perf_counter()
    plan = plan_changes(
        build_snapshot(practice),
        result,
        rows=person_rows(table),
        today=result.snapshot.as_of,
        allow_unresolved=True,
    )
    t2 = time.perf_counter()
    assert not plan.blocking, plan.blocking_problems[:3]
    apply_plan(plan, practice=practice, actor=None, note="bench")
    t3 = time.perf_counter()
    cpu = time.process_time() - cpu0
    rss_after = _rss_mb()
    convert, planning, load = t1 - t0, t2 - t1, t3 - t2
    total = t3 - t0

    # The floor: COPY the very rows the import wrote into same-shaped scratch tables.
    written = 0
    dumps: dict[str, bytes] = {}
    with connection.cursor() as cursor:
        raw = cursor.connection
        for name in TABLES:
            buffer = io.BytesIO()
            with raw.cursor().copy(f"COPY (SELECT * FROM {name}) TO STDOUT") as copy:
                for chunk in copy:
                    buffer.write(chunk)
            dumps[name] = buffer.getvalue()
            count = raw.execute(f"SELECT count(*) FROM {name}").fetchone()[0]
            written += count
            raw.execute(f"CREATE TABLE scratch_{name} (LIKE {name} INCLUDING ALL)")
        raw.commit()
        copy_start = time.perf_counter()
        for name in TABLES:
            with raw.cursor().copy(f"COPY scratch_{name} FROM STDIN") as copy:
                copy.write(dumps[name])
        raw.commit()
        copy_time = time.perf_counter() - copy_start

    counts = plan.counts()
    print(f"rows in file:       {len(table.rows):,} ({len(data) / 1e6:.1f} MB CSV)")
    print(
        f"people:             {counts['hire']:,} hired, {counts['skipped']:,} former employees skipped"
    )
    print(
        f"database rows:      {written:,} written (seats, people, assignments, audit records ...)"
    )
    print(f"convert:            {convert:6.2f} s  (read + roster_to_snapshot)")
    print(f"plan:               {planning:6.2f} s")
    print(f"load:               {load:6.2f} s  (bulk writes + audit, one transaction)")
    print(f"total:              {total:6.2f} s  = {len(table.rows) / total:,.0f} rows/s")
    print(f"python CPU:         {cpu:6.2f} s  (this process; the rest is PostgreSQL and waiting)")
    print(
        f"load average:       {os.getloadavg()[0]:.1f} (other work on the machine slows the wall times)"
    )
    print(f"peak RSS:           {rss_after:,.0f} MB (was {rss_before:,.0f} MB before converting)")
    print(f"COPY floor:         {copy_time:6.2f} s  (the same {written:,} rows, same indexes)")
    print(f"ratio total/COPY:   {total / copy_time:6.1f}x  (load alone {load / copy_time:.1f}x)")
    print(
        f"target:             <= 30 s and <= 10x COPY: {'met' if total <= 30 and total <= 10 * copy_time else 'MISSED'}"
    )
    connection.close()


if __name__ == "__main__":
    main()
