"""Many tenants in one database: a small practice stays as fast as when it is alone.

    .venv/bin/python bench/many_tenants.py [--practices 1000] [--large 100000]

Creates a scratch PostgreSQL database ``practiceos_tenants_<pid>`` on
postgres://postgres@127.0.0.1:5432 (dropped at the end unless ``PRACTICEOS_BENCH_KEEP=1``)
and loads one small practice (200 people). It times that practice's pages (server side,
through Django's test client: chart, chart level, seat, person, people search, health
report, API seat list) and its health check (snapshot + rules), median of 15 each. Then it
loads ``--practices`` more practices of 20 to 500 people and one of ``--large`` people,
runs VACUUM ANALYZE (as autovacuum would), and times the same small practice again.

Prints both columns and their ratio per item: with every query scoped by practice_id
through indexes, the ratio should stay near 1 (exits 1 when any item is more than 1.5
times slower, a sign that some query scans other practices' rows).
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable

ADMIN_URL = "postgresql://postgres@127.0.0.1:5432/postgres"
NAME = f"practiceos_tenants_{os.getpid()}"
ROUNDS = 15
LIMIT = 1.5


def _median_ms(fn: Callable[[], object]) -> float:
    fn()  # warm caches (templates, connections)
    times = []
    for _ in range(ROUNDS):
        started = time.perf_counter()
        fn()
        times.append(time.perf_counter() - started)
    return statistics.median(times) * 1000


def _measure(practice_slug: str) -> dict[str, float]:
    from django.contrib.auth.models import User
    from django.test import Client

    from practiceos.core.health import run_check
    from practiceos.org.models import Person, Seat
    from practiceos.org.snapshot import build_snapshot
    from practiceos.tenancy.models import Practice

    practice = Practice.objects.get(slug=practice_slug)
    client = Client()
    client.force_login(User.objects.get(username=f"owner@{practice_slug}"))
    manager = Seat.objects.filter(practice=practice, direct_reports__isnull=False).first()
    person = Person.objects.filter(practice=practice).order_by("pk").first()
    assert manager is not None and person is not None
    pages = {
        "chart": "/org/chart/",
        "chart level": f"/org/chart/children/{manager.pk}/",
        "seat": f"/org/seats/{manager.pk}/",
        "person": f"/org/people/{person.pk}/",
        "people search": f"/org/people/?q={person.name.split()[-1][:3]}",
        "health report": "/health/",
        "API seats": "/api/seats?limit=50",
    }
    figures: dict[str, float] = {}
    for name, url in pages.items():

        def get(url: str = url) -> None:
            response = client.get(url)
            assert response.status_code == 200, (url, response.status_code)

        figures[name] = _median_ms(get)
    figures["health check"] = _median_ms(lambda: run_check(build_snapshot(practice)))
    return figures


def _load(people: int, seed: int, slug: str | None = None) -> str:
    import dataclasses

    from practiceos.core.demo import generate_demo
    from practiceos.org.loading import load_snapshot

    demo = generate_demo(people, seed=seed)
    if slug:
        demo = dataclasses.replace(demo, practice=dataclasses.replace(demo.practice, slug=slug))
    return str(load_snapshot(demo, actor=None, note="benchmark").practice.slug)


def _bench(others: int, large: int) -> int:
    os.environ["DATABASE_URL"] = f"postgresql://postgres@127.0.0.1:5432/{NAME}"
    os.environ.setdefault("PRACTICEOS_DATA_DIR", tempfile.mkdtemp(prefix="practiceos-bench-"))
    os.environ["DJANGO_SETTINGS_MODULE"] = "practiceos.settings"
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from practiceos.tenancy.models import MemberRole, Practice
    from practiceos.tenancy.services import grant_login

    call_command("migrate", verbosity=0)
    slug = _load(200, seed=11, slug="probe-clinic")
    grant_login(Practice.objects.get(slug=slug), username=f"owner@{slug}", role=MemberRole.OWNER)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    alone = _measure(slug)

    rng = random.Random(5)
    started = time.perf_counter()
    # Each practice its own slug: two seeds can draw the same practice name, and loading
    # an org file onto an existing slug replaces that practice's chart.
    _load(large, seed=99, slug="large-group")
    for n in range(others):
        _load(rng.randint(20, 500), seed=1000 + n, slug=f"tenant-{n}")
        if (n + 1) % 100 == 0:
            print(f"  loaded {n + 1} practices ({time.perf_counter() - started:.0f} s)")
    with connection.cursor() as cursor:
        # As autovacuum would by the time anyone looks, and so that it is not running
        # beside the measurement (it would, just after loading millions of rows).
        cursor.execute("VACUUM ANALYZE")
        cursor.execute("SELECT count(*) FROM tenancy_practice")
        practices = cursor.fetchone()[0]
        cursor.execute("SELECT count(*) FROM org_person")
        people = cursor.fetchone()[0]
    print(
        f"database: {practices:,} practices, {people:,} people "
        f"(loaded in {time.perf_counter() - started:.0f} s)"
    )
    crowded = _measure(slug)

    print(f"\nthe 200-person practice, median of {ROUNDS}, server side (ms)")
    print(f"{'':>15} {'alone':>8} {'crowded':>8} {'ratio':>6}")
    worst = 0.0
    for name in alone:
        ratio = crowded[name] / alone[name]
        worst = max(worst, ratio)
        print(f"{name:>15} {alone[name]:>8.1f} {crowded[name]:>8.1f} {ratio:>6.2f}")
    print(f"worst ratio {worst:.2f} (limit {LIMIT})")
    return 0 if worst <= LIMIT else 1


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--practices", type=int, default=1000, help="other practices")
    parser.add_argument("--large", type=int, default=100_000, help="people in the large one")
    args = parser.parse_args()
    import psycopg

    with psycopg.connect(ADMIN_URL, autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{NAME}"')
    try:
        return _bench(args.practices, args.large)
    finally:
        from django.db import connections

        connections.close_all()
        if not os.environ.get("PRACTICEOS_BENCH_KEEP"):
            with psycopg.connect(ADMIN_URL, autocommit=True) as admin:
                admin.execute(f'DROP DATABASE IF EXISTS "{NAME}" WITH (FORCE)')


if __name__ == "__main__":
    sys.exit(main())
