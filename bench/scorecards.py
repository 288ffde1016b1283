"""Benchmark: scorecard page, practice roll-up and bulk upload (issue 8 targets).

Creates a scratch PostgreSQL database (dropped at the end), migrates it and prints:

1. **Team scorecard page**: a team of 20 seats × 5 measurables, 13 weeks shown, in a
   practice of ``--seats`` seats (default 10,000) where every seat keeps
   ``--background`` measurables (default 1) with 5 years of weekly history, and the team
   has 5 years too. Server time per request (Django test client, median of 20, after a
   warm-up) and the query count. Target: ≤ 100 ms, fixed query count.
2. **Practice roll-up** across ``--locations`` locations (default 5,000), one measurable
   per location, ~5% missing: ``roll_up_kind`` and the whole page. Target: ≤ 1 s.
3. **Bulk upload**: one year of numbers for 1,000 measurables (52,000 numbers) as a CSV
   file, read, checked and written through ``services.save_numbers`` (audit included).
   Target: ≤ 10 s. Saved a second time, the same file changes nothing (idempotent).

    .venv/bin/python bench/scorecards.py [--seats 10000] [--background 1] [--locations 5000]
        [--admin-url postgres://postgres@127.0.0.1:5432/postgres]
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import os
import random
import statistics
import sys
import tempfile
import time

import psycopg

WEEKS_5Y = 260


def main() -> None:
    """Create the scratch database, run, print, drop."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--seats", type=int, default=10_000)
    parser.add_argument("--background", type=int, default=1, help="measurables per other seat")
    parser.add_argument("--locations", type=int, default=5_000)
    parser.add_argument("--upload-measurables", type=int, default=1_000)
    parser.add_argument("--admin-url", default="postgres://postgres@127.0.0.1:5432/postgres")
    args = parser.parse_args()
    name = f"pos_bench_scorecards_{os.getpid()}"
    base = args.admin_url.rsplit("/", 1)[0]
    with psycopg.connect(args.admin_url, autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    try:
        run(args, f"{base}/{name}")
    finally:
        with psycopg.connect(args.admin_url, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def setup_django(url: str) -> None:
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("PRACTICEOS_DATA_DIR", tempfile.mkdtemp(prefix="pos-bench-"))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "practiceos.settings")
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command

    settings.ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost"]
    settings.AXES_ENABLED = False
    call_command("migrate", verbosity=0)


def run(args: argparse.Namespace, url: str) -> None:
    setup_django(url)
    from django.contrib.auth.models import User

    from practiceos.tenancy.models import Membership, Practice

    user = User.objects.create_user("bench", password="x")
    practice = Practice.objects.create(name="Bench Group", slug="bench")
    membership = Membership.objects.create(practice=practice, user=user, role="owner")
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    print(f"PostgreSQL {url.rsplit('/', 1)[1]}; 2 cores shared with other work, load {load}")
    scorecard_page(args, practice, membership)
    other = Practice.objects.create(name="Bench Locations", slug="bench-loc")
    Membership.objects.create(practice=other, user=user, role="owner")
    rollup(args, other, user)
    upload(args, practice, membership)


def _copy(table: str, columns: str, rows: object) -> None:
    from django.db import connection

    with (
        connection.cursor() as cursor,
        cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy,
    ):
        for row in rows:  # type: ignore[attr-defined]
            copy.write_row(row)


def scorecard_page(args: argparse.Namespace, practice: object, membership: object) -> None:
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from practiceos.core import scorecard as sc
    from practiceos.org.models import Location, Seat, Team
    from practiceos.scorecards.models import Measurable
    from practiceos.scorecards.sample import build_team_board

    pid = practice.pk  # type: ignore[attr-defined]
    t0 = time.perf_counter()
    locations = Location.objects.bulk_create(
        Location(practice_id=pid, name=f"Site {i}") for i in range(max(1, args.seats // 20))
    )
    seats = Seat.objects.bulk_create(
        (
            Seat(
                practice_id=pid,
                name=f"Seat {i}",
                kind="support",
                location=locations[i % len(locations)],
            )
            for i in range(args.seats)
        ),
        batch_size=5000,
    )
    team = Team.objects.create(practice_id=pid, name="Measured team", manager_seat=seats[0])
    members = seats[:20]
    Seat.objects.filter(pk__in=[s.pk for s in members]).update(team=team)
    today = dt.date.today()
    build_team_board(team, members, per_seat=5, weeks=WEEKS_5Y, end=today)
    # Background: every other seat keeps measurables with 5 years of history (COPY).
    background = Measurable.objects.bulk_create(
        (
            Measurable(
                practice_id=pid,
                seat=seat,
                name="Background number",
                key=f"bg-{seat.pk}-{k}",
                goal_low=10,
            )
            for seat in seats[20:]
            for k in range(args.background)
        ),
        batch_size=5000,
    )
    periods = sc.trailing_periods(today, WEEKS_5Y, sc.Cadence.WEEKLY)
    rnd = random.Random(1)
    _copy(
        "scorecards_measurablevalue",
        "practice_id, measurable_id, period, value, note, updated_at",
        (
            (pid, m.pk, p, rnd.randint(0, 20), "", dt.datetime.now(dt.UTC))
            for m in background
            for p in periods
        ),
    )
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
        cursor.execute("SELECT count(*) FROM scorecards_measurablevalue")
        total = cursor.fetchone()[0]
    print(
        f"\n1. Scorecard page: {args.seats:,} seats, {len(background) + 100:,} measurables, "
        f"{total:,} numbers (5 years weekly); built in {time.perf_counter() - t0:.1f} s"
    )
    client = Client()
    client.force_login(membership.user)  # type: ignore[attr-defined]
    for weeks in (13, 52):
        url = f"/scorecards/teams/{team.pk}/?weeks={weeks}"
        client.get(url)  # warm-up
        times, cpu = [], []
        for _ in range(20):
            with CaptureQueriesContext(connection) as ctx:
                start, start_cpu = time.perf_counter(), time.process_time()
                response = client.get(url)
                times.append(time.perf_counter() - start)
                cpu.append(time.process_time() - start_cpu)
            assert response.status_code == 200
        print(
            f"   {weeks:>2} weeks shown: wall median {statistics.median(times) * 1000:6.1f} ms "
            f"(p90 {sorted(times)[17] * 1000:6.1f}), server CPU median "
            f"{statistics.median(cpu) * 1000:6.1f} ms, {len(ctx.captured_queries)} queries "
            "(incl. session, user, membership)"
        )
    url = f"/scorecards/teams/{team.pk}/enter/"
    client.get(url)
    start = time.perf_counter()
    for _ in range(10):
        client.get(url)
    print(f"   entry grid: {(time.perf_counter() - start) * 100:6.1f} ms per request")


def rollup(args: argparse.Namespace, practice: object, user: object) -> None:
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from practiceos.core import scorecard as sc
    from practiceos.org.models import Location, Seat
    from practiceos.scorecards.models import Measurable, MeasurableValue
    from practiceos.scorecards.rollup import roll_up_kind

    pid = practice.pk  # type: ignore[attr-defined]
    t0 = time.perf_counter()
    locations = Location.objects.bulk_create(
        (Location(practice_id=pid, name=f"Clinic {i:05d}") for i in range(args.locations)),
        batch_size=5000,
    )
    seats = Seat.objects.bulk_create(
        (
            Seat(practice_id=pid, name=f"Front desk {i}", kind="administrative", location=loc)
            for i, loc in enumerate(locations)
        ),
        batch_size=5000,
    )
    measurables = Measurable.objects.bulk_create(
        (
            Measurable(
                practice_id=pid,
                seat=seat,
                name="Calls answered live %",
                key=f"calls-{seat.pk}",
                unit="percent",
                operator="gte",
                goal_low=90,
                library_id="general-phone-answer-rate",
            )
            for seat in seats
        ),
        batch_size=5000,
    )
    week = sc.week_start(dt.date.today())
    rnd = random.Random(2)
    MeasurableValue.objects.bulk_create(
        (
            MeasurableValue(
                practice_id=pid,
                measurable=m,
                period=week - dt.timedelta(weeks=w),
                value=rnd.randint(60, 100),
            )
            for m in measurables
            for w in range(13)
            if rnd.random() > 0.05
        ),
        batch_size=10_000,
    )
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    print(f"\n2. Roll-up: {args.locations:,} locations, built in {time.perf_counter() - t0:.1f} s")
    times = []
    for _ in range(5):
        start = time.perf_counter()
        result = roll_up_kind(pid, "lib:general-phone-answer-rate", week)
        times.append(time.perf_counter() - start)
    assert result is not None
    s = result.summary
    print(
        f"   roll_up_kind: median {statistics.median(times) * 1000:6.1f} ms; "
        f"{s.present:,} present, {len(s.missing):,} missing (named), {len(s.red):,} red; "
        f"weakest {s.worst[0][0]} at {s.worst[0][1]}"
    )
    client = Client()
    client.force_login(user)
    session = client.session
    session["practice_id"] = pid
    session.save()
    url = "/scorecards/rollup/?kind=lib:general-phone-answer-rate"
    client.get(url)
    times = []
    for _ in range(5):
        with CaptureQueriesContext(connection) as ctx:
            start = time.perf_counter()
            response = client.get(url)
            times.append(time.perf_counter() - start)
    body = response.content.decode()
    shown = "Clinic" in body
    print(
        f"   page: median {statistics.median(times) * 1000:6.1f} ms, "
        f"{len(ctx.captured_queries)} queries, status {response.status_code}"
        f"{'' if shown else ' (practice switch not applied: page showed another practice)'}"
    )


def upload(args: argparse.Namespace, practice: object, membership: object) -> None:
    from practiceos.core import scorecard as sc
    from practiceos.org.models import Seat
    from practiceos.scorecards import services
    from practiceos.scorecards.entry_views import _read_upload
    from practiceos.scorecards.models import Measurable

    pid = practice.pk  # type: ignore[attr-defined]
    seat = Seat.objects.filter(practice_id=pid).first()
    measurables = Measurable.objects.bulk_create(
        Measurable(practice_id=pid, seat=seat, name=f"Upload {i}", key=f"up-{i}", goal_low=5)
        for i in range(args.upload_measurables)
    )
    weeks = sc.trailing_periods(dt.date.today(), 52, sc.Cadence.WEEKLY)
    buffer = io.StringIO()
    buffer.write("measurable," + ",".join(sc.week_label(w) for w in weeks) + "\n")
    rnd = random.Random(3)
    for m in measurables:
        buffer.write(m.key + "," + ",".join(str(rnd.randint(0, 20)) for _ in weeks) + "\n")
    data = buffer.getvalue().encode()
    print(
        f"\n3. Bulk upload: {len(measurables):,} measurables × 52 weeks = "
        f"{len(measurables) * 52:,} numbers, CSV of {len(data) / 2**20:.1f} MB"
    )
    for attempt in ("first save", "same file again"):
        start = time.perf_counter()
        raw = _read_upload(data, "year.csv")
        read = time.perf_counter() - start
        result = services.save_numbers(actor=membership, entries=raw, note="bench")
        total = time.perf_counter() - start
        print(
            f"   {attempt}: read {read:5.2f} s, total {total:5.2f} s; created {result.created:,}, "
            f"unchanged {result.unchanged:,}"
        )


if __name__ == "__main__":
    sys.exit(main())
