"""Benchmark: the live meeting page's poll for a 12-person team with 5 years of meetings.

Creates a scratch database (SQLite in a temporary directory unless ``--database-url``
names a PostgreSQL server database to create and drop), migrates it, makes a team of 12
people with logins, writes 260 weeks of concluded meetings (issues, decisions, to-dos,
headlines, ratings) with ``meetings.history.build_history``, starts a run and then times,
through Django's request handling (session, login, membership, view, template):

- the unchanged poll (``?v=<current version>``: a 204), many times;
- the changed fragment of every agenda section (the full render an attendee gets when
  something moved), many times each;

and prints the median and 95th percentile in milliseconds and the queries per request.

    .venv/bin/python bench/meetings_live.py [--weeks 260] [--repeat 200]
    .venv/bin/python bench/meetings_live.py --admin-url postgres://postgres@127.0.0.1:5432/postgres

Target (issue 9): the update answers in at most 50 ms server time with a fixed number of
queries.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))


def main() -> None:
    """Parse arguments, set up the database, run, print (and drop a PostgreSQL database)."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--weeks", type=int, default=260)
    parser.add_argument("--repeat", type=int, default=200)
    parser.add_argument("--admin-url", default="", help="PostgreSQL admin URL (else SQLite)")
    args = parser.parse_args()
    data_dir = tempfile.mkdtemp(prefix="pos-bench-meetings-")
    os.environ["PRACTICEOS_DATA_DIR"] = data_dir
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "practiceos.settings")
    name = f"pos_bench_meetings_{os.getpid()}"
    if args.admin_url:
        import psycopg

        with psycopg.connect(args.admin_url, autocommit=True) as admin:
            admin.execute(f'CREATE DATABASE "{name}"')
        os.environ["DATABASE_URL"] = f"{args.admin_url.rsplit('/', 1)[0]}/{name}"
    else:
        os.environ["DATABASE_URL"] = f"sqlite:///{data_dir}/bench.sqlite3"
    try:
        run(args.weeks, args.repeat)
    finally:
        if args.admin_url:
            from django.db import connections

            connections.close_all()
            with psycopg.connect(args.admin_url, autocommit=True) as admin:
                admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def run(weeks: int, repeat: int) -> None:
    """Build the team and its history, then time the poll."""
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    settings.ALLOWED_HOSTS = ["testserver"]
    settings.AXES_ENABLED = False
    call_command("migrate", verbosity=0)
    _, meeting, manager, member, people, users = _team()
    started = time.perf_counter()
    runs = _history(meeting, people, users, weeks)
    print(f"history: {runs} meetings over {weeks} weeks in {time.perf_counter() - started:.1f} s")
    from practiceos.meetings import services

    run_ = services.start_run(actor=manager, meeting=meeting)
    client = Client()
    client.force_login(member.user)
    url = f"/meetings/runs/{run_.pk}/live/"
    hx = {"HTTP_HX_REQUEST": "true"}
    print(f"{'request':<22}{'median ms':>10}{'p95 ms':>9}{'cpu ms':>9}{'queries':>9}")
    current = run_.version
    _report("unchanged poll (204)", client, url, {"v": current}, hx, repeat, 204)
    for index, section in enumerate(run_.agenda):
        run_ = services.go_to_section(actor=manager, run=run_, section=index)
        _report(f"section {section['key']}", client, url, {"v": 0}, hx, max(20, repeat // 4), 200)
    del connection, CaptureQueriesContext


def _report(
    label: str,
    client: object,
    url: str,
    params: dict[str, object],
    hx: dict[str, str],
    n: int,
    status: int,
) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    times, cpu = [], []
    queries = 0
    for _ in range(n):
        with CaptureQueriesContext(connection) as ctx:
            t0, c0 = time.perf_counter(), time.process_time()
            response = client.get(url, params, **hx)  # type: ignore[attr-defined]
            times.append((time.perf_counter() - t0) * 1000)
            cpu.append((time.process_time() - c0) * 1000)
        assert response.status_code == status, (label, response.status_code)
        queries = len(ctx)
    times.sort()
    p95 = times[min(len(times) - 1, int(len(times) * 0.95))]
    print(
        f"{label:<22}{statistics.median(times):>10.2f}{p95:>9.2f}"
        f"{statistics.median(cpu):>9.2f}{queries:>9}"
    )


def _team() -> tuple[object, ...]:
    """A practice with a 12-person team (manager, providers, support), all with logins."""
    from django.contrib.auth.models import User

    from practiceos.meetings.services import create_meeting
    from practiceos.org.models import Assignment, Person, Seat, Team
    from practiceos.tenancy.models import Membership, Practice

    practice = Practice.objects.create(name="Bench Surgical", slug="bench-surgical")
    owner = Membership.objects.create(
        practice=practice, user=User.objects.create_user("bench-owner"), role="owner"
    )
    lead = Seat.objects.create(practice=practice, name="Surgical Manager", kind="management")
    team = Team.objects.create(practice=practice, name="Surgical Services", manager_seat=lead)
    lead.team = team
    lead.save()
    people, users, memberships = [], [], []
    for i in range(12):
        user = User.objects.create_user(f"bench-{i}")
        memberships.append(
            Membership.objects.create(
                practice=practice, user=user, role="manager" if i == 0 else "member"
            )
        )
        seat = (
            lead
            if i == 0
            else Seat.objects.create(
                practice=practice,
                name=f"Team seat {i}",
                kind="provider" if i < 4 else "support",
                team=team,
                reports_to=lead,
            )
        )
        person = Person.objects.create(practice=practice, name=f"Person {i}", user=user)
        Assignment.objects.create(practice=practice, person=person, seat=seat)
        people.append(person)
        users.append(user)
    meeting = create_meeting(actor=owner, team=team, weekday=1, start_time="07:30")
    _numbers(practice, team, lead)
    return team, meeting, memberships[0], memberships[5], people, users


def _numbers(practice: object, team: object, seat: object) -> None:
    """Eight weekly measurables with a year of numbers and four priorities (some red)."""
    import datetime as dt
    from decimal import Decimal

    from practiceos.core.meetings import week_start
    from practiceos.scorecards.models import Measurable, MeasurableValue, Priority

    this_week = week_start(dt.date.today())
    measurables = Measurable.objects.bulk_create(
        Measurable(
            practice=practice,
            team=team,
            seat=seat,
            name=f"Measure {i}",
            key=f"measure-{i}",
            operator="gte",
            goal_low=Decimal(90),
            position=i,
        )
        for i in range(8)
    )
    MeasurableValue.objects.bulk_create(
        MeasurableValue(
            practice=practice,
            measurable=m,
            period=this_week - dt.timedelta(weeks=w),
            value=Decimal(80 + (w * 7 + i * 3) % 20),
        )
        for i, m in enumerate(measurables)
        for w in range(52)
    )
    Priority.objects.bulk_create(
        Priority(
            practice=practice,
            team=team,
            seat=seat,
            title=f"Priority {i}",
            due=dt.date.today() + dt.timedelta(days=60),
            status="off_track" if i == 0 else "on_track",
        )
        for i in range(4)
    )


def _history(meeting: object, people: list[object], users: list[object], weeks: int) -> int:
    from practiceos.meetings.history import build_history

    return build_history(meeting, people, users, weeks=weeks)  # type: ignore[arg-type]


if __name__ == "__main__":
    main()
