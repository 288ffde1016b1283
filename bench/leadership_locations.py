"""Benchmark the multi-location table on PostgreSQL at 5,000 locations (not a timed test).

    .venv/bin/python bench/leadership_locations.py

Creates a scratch database ``practiceos_bench_loc_<pid>`` on postgres://postgres@127.0.0.1:5432
(dropped at the end), migrates it and builds one practice with 5,000 locations, each with
a manager seat (held), four staff seats, twenty asks over the last four weeks (some open,
some reaching the owner) and health-check flags on some seats. Then times, best of 3, one
page of the table (``location_table``: count, page and spread, as the page and the API
run it) for each sort, first and last page.

Target: every sort and page ≤ 1 s. Prints every figure; exits 1 when a target is missed.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
import tempfile
import time

ADMIN_URL = "postgresql://postgres@127.0.0.1:5432/postgres"
NAME = f"practiceos_bench_loc_{os.getpid()}"
LOCATIONS = 5_000
ASKS_PER_LOCATION = 20
TARGET_S = 1.0


def main() -> int:
    import psycopg

    with psycopg.connect(ADMIN_URL, autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{NAME}"')
    try:
        return _bench()
    finally:
        from django.db import connections

        connections.close_all()
        with psycopg.connect(ADMIN_URL, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{NAME}" WITH (FORCE)')


def _build() -> int:
    from django.utils import timezone

    from practiceos.health.models import HealthRun, SeatFlag
    from practiceos.leadership.models import Ask
    from practiceos.org.models import Assignment, Location, Person, Seat
    from practiceos.tenancy.models import Practice

    practice = Practice.objects.create(name="Bench Group", slug="bench-group")
    pid = practice.pk
    owner = Seat.objects.create(practice=practice, name="Owner", kind="leadership")
    locs = Location.objects.bulk_create(
        [Location(practice_id=pid, name=f"Clinic {i:05d}") for i in range(LOCATIONS)],
        batch_size=2000,
    )
    managers = Seat.objects.bulk_create(
        [
            Seat(
                practice_id=pid,
                name=f"Manager {i:05d}",
                kind="management",
                location=loc,
                reports_to=owner,
            )
            for i, loc in enumerate(locs)
        ],
        batch_size=2000,
    )
    staff = Seat.objects.bulk_create(
        [
            Seat(
                practice_id=pid,
                name=f"Staff {i:05d}-{j}",
                kind="support",
                location=loc,
                reports_to=managers[i],
            )
            for i, loc in enumerate(locs)
            for j in range(4)
        ],
        batch_size=5000,
    )
    people = Person.objects.bulk_create(
        [Person(practice_id=pid, name=f"Manager Person {i}") for i in range(LOCATIONS)],
        batch_size=5000,
    )
    Assignment.objects.bulk_create(
        [
            Assignment(practice_id=pid, person=p, seat=s)
            for p, s in zip(people, managers, strict=True)
        ],
        batch_size=5000,
    )
    now = timezone.now()
    asks = []
    for i, loc in enumerate(locs):
        for j in range(ASKS_PER_LOCATION):
            asks.append(
                Ask(
                    practice_id=pid,
                    text="bench",
                    location=loc,
                    to_seat=managers[i],
                    reached_owner=(i + j) % 5 == 0,
                    status="open" if j % 3 == 0 else "decided",
                    created_at=now - dt.timedelta(hours=(i * 7 + j * 13) % 600),
                )
            )
    Ask.objects.bulk_create(asks, batch_size=10_000)
    run = HealthRun.objects.create(practice=practice, overall=70)
    SeatFlag.objects.bulk_create(
        [
            SeatFlag(
                practice_id=pid, run=run, seat=s, count=1 + k % 3, severity="medium", messages="x"
            )
            for k, s in enumerate(staff)
            if k % 7 == 0
        ],
        batch_size=5000,
    )
    return pid


def _bench() -> int:
    os.environ["DATABASE_URL"] = f"postgresql://postgres@127.0.0.1:5432/{NAME}"
    os.environ.setdefault("PRACTICEOS_DATA_DIR", tempfile.mkdtemp(prefix="practiceos-bench-"))
    os.environ["DJANGO_SETTINGS_MODULE"] = "practiceos.settings"
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from practiceos.leadership.locations import PER_PAGE, SORTS, location_table

    call_command("migrate", verbosity=0)
    started = time.perf_counter()
    pid = _build()
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    print(
        f"database {NAME} (PostgreSQL), {os.cpu_count()} CPUs; built {LOCATIONS:,} locations, "
        f"{LOCATIONS * ASKS_PER_LOCATION:,} asks in {time.perf_counter() - started:.1f} s"
    )
    since = dt.datetime.now(dt.UTC) - dt.timedelta(days=28)
    last_page = LOCATIONS // PER_PAGE
    worst = 0.0
    for key in SORTS:
        for sort in (key, f"-{key}"):
            for page in (1, last_page):
                times = []
                for _ in range(3):
                    begun = time.perf_counter()
                    table = location_table(pid, since, sort, page)
                    rows = list(table.page)
                    times.append(time.perf_counter() - begun)
                best = min(times)
                worst = max(worst, best)
                print(f"sort {sort:>10} page {page:>4}: {best * 1000:7.1f} ms ({len(rows)} rows)")
    print(f"slowest: {worst * 1000:.1f} ms (target ≤ {TARGET_S * 1000:.0f} ms)")
    return 0 if worst <= TARGET_S else 1


if __name__ == "__main__":
    sys.exit(main())
