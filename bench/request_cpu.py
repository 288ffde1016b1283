"""Per-request CPU of the load-test mix: what each page and API call costs the web process.

    .venv/bin/python bench/request_cpu.py [--people 10000] [--small 5] [--rounds 40]
        [--only NAME] [--profile NAME]

Wall-clock load tests mean little on a machine whose cores are shared, so this measures
the Django process's own CPU time (``time.process_time``) per request instead: the figure
that decides how many requests a second two cores can serve. It logs in as the owner, a
manager and a member of a ``--people`` demo practice (plus ``--small`` small practices so
scoping matters), then runs each endpoint of ``bench/load/locustfile.py`` ``--rounds`` times
after a warm-up through Django's test client with the production settings (debug off),
and prints the mean CPU milliseconds and the query count of each.

The database is ``DATABASE_URL`` (PostgreSQL as in the load test, or the embedded SQLite);
a database already holding the demo (the practice ``load-0``) is reused. ``--profile NAME``
prints cProfile's top functions for one endpoint.
"""

from __future__ import annotations

import argparse
import cProfile
import dataclasses
import os
import pstats
import random
import sys
import tempfile
import time
from collections.abc import Callable

PASSWORD = "load-test-password-1"


def _prepare(people: int, small: int) -> None:
    """Load the demo practices and the three logins unless they are there already."""
    from django.core.management import call_command

    from practiceos.core.demo import generate_demo
    from practiceos.org.loading import load_snapshot
    from practiceos.tenancy.models import MemberRole, Practice
    from practiceos.tenancy.services import grant_login

    call_command("migrate", verbosity=0)
    if Practice.objects.filter(slug="load-0").exists():
        return
    rng = random.Random(7)
    for index, size in enumerate([people] + [rng.randint(20, 300) for _ in range(small)]):
        demo = generate_demo(size, seed=index + 1)
        demo = dataclasses.replace(
            demo, practice=dataclasses.replace(demo.practice, slug=f"load-{index}")
        )
        practice = load_snapshot(demo, actor=None, note="bench").practice
        if index == 0:
            for role in (MemberRole.OWNER, MemberRole.MANAGER, MemberRole.MEMBER):
                grant_login(practice, username=f"{role.value}@load-0", role=role, password=PASSWORD)


def _clients() -> dict[str, tuple[object, dict[str, str]]]:
    """A logged-in test client and the API token header per role."""
    from django.test import Client

    from practiceos.tenancy.models import ApiToken, MemberRole, Membership
    from practiceos.tenancy.services import create_token

    clients: dict[str, tuple[object, dict[str, str]]] = {}
    for role in (MemberRole.OWNER, MemberRole.MANAGER, MemberRole.MEMBER):
        client = Client()
        # The real login form (session written by the configured engine), as locust does.
        response = client.post(
            "/login/", {"username": f"{role.value}@load-0", "password": PASSWORD}
        )
        assert response.status_code == 302, (role, response.status_code)
        membership = Membership.objects.get(user__username=f"{role.value}@load-0")
        ApiToken.objects.filter(membership=membership).delete()
        _, secret = create_token(actor=membership, name="bench")
        clients[role.value] = (client, {"HTTP_AUTHORIZATION": f"Bearer {secret}"})
    return clients


def _endpoints() -> dict[str, Callable[[random.Random], str]]:
    """The load mix's endpoints, each a function drawing a URL."""
    from practiceos.org.models import Person, Seat
    from practiceos.tenancy.models import Practice

    practice = Practice.objects.get(slug="load-0")
    seats = list(Seat.objects.filter(practice=practice).values_list("pk", flat=True)[:500])
    managers = list(
        Seat.objects.filter(practice=practice, direct_reports__isnull=False)
        .distinct()
        .values_list("pk", flat=True)[:200]
    )
    rows = list(Person.objects.filter(practice=practice).values_list("pk", "name")[:500])
    terms = sorted({name.split()[-1][:4] for _, name in rows})[:50]
    return {
        "/org/chart/": lambda r: "/org/chart/",
        "/org/chart/roots/": lambda r: "/org/chart/roots/",
        "/org/chart/children/[id]/": lambda r: f"/org/chart/children/{r.choice(managers)}/",
        "/org/seats/[id]/": lambda r: f"/org/seats/{r.choice(seats)}/",
        "/org/people/[id]/": lambda r: f"/org/people/{r.choice(rows)[0]}/",
        "/org/people/?q=": lambda r: f"/org/people/?q={r.choice(terms)}",
        "/health/": lambda r: "/health/",
        "/api/seats": lambda r: "/api/seats?limit=50",
        "/api/people": lambda r: "/api/people?limit=50",
        "/roster/": lambda r: "/roster/",
        "/login/ (form)": lambda r: "/login/",
    }


# Which roles request which endpoint in the load mix (the roster page is the owner's).
ROLES = {"/roster/": ("owner",), "/login/ (form)": ("anonymous",)}


def _get(clients: dict[str, tuple[object, dict[str, str]]], role: str, url: str) -> None:
    from django.test import Client

    if role == "anonymous":
        response = Client().get(url)
    else:
        client, headers = clients[role]
        extra = headers if url.startswith("/api/") else {}
        response = client.get(url, **extra)  # type: ignore[attr-defined]
    assert response.status_code == 200, (role, url, response.status_code)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=10_000)
    parser.add_argument("--small", type=int, default=5)
    parser.add_argument("--rounds", type=int, default=40)
    parser.add_argument("--only", help="only this endpoint (substring)")
    parser.add_argument("--profile", help="cProfile this endpoint (substring) as a manager")
    args = parser.parse_args()
    os.environ.setdefault("PRACTICEOS_DATA_DIR", tempfile.mkdtemp(prefix="practiceos-cpu-"))
    os.environ["PRACTICEOS_DEBUG"] = "0"
    os.environ["PRACTICEOS_AXES"] = "0"
    os.environ.setdefault("PRACTICEOS_SECRET_KEY", "request-cpu-" + "k" * 50)
    os.environ["DJANGO_SETTINGS_MODULE"] = "practiceos.settings"
    import django

    django.setup()
    from django.db import connection

    _prepare(args.people, args.small)
    clients = _clients()
    endpoints = _endpoints()
    rng = random.Random(3)
    if args.profile:
        name = next(n for n in endpoints if args.profile in n)
        role = ROLES.get(name, ("manager",))[0]
        for _ in range(5):
            _get(clients, role, endpoints[name](rng))
        profiler = cProfile.Profile(time.process_time)
        profiler.enable()
        for _ in range(args.rounds):
            _get(clients, role, endpoints[name](rng))
        profiler.disable()
        stats = pstats.Stats(profiler)
        stats.sort_stats("cumulative").print_stats(45)
        stats.sort_stats("tottime").print_stats(30)
        return 0
    print(
        f"{args.people:,}-person practice, {connection.vendor}, mean of {args.rounds} "
        "requests after warm-up, CPU of the Django process"
    )
    print(f"{'endpoint':<28} {'role':<9} {'CPU ms':>7} {'queries':>7}")
    total, weights = 0.0, 0
    # Weights of the locust mix per endpoint (tasks: chart 4 → two requests, ...).
    mix = {
        "/org/chart/": 4,
        "/org/chart/roots/": 4,
        "/org/chart/children/[id]/": 4,
        "/org/seats/[id]/": 6,
        "/org/people/[id]/": 4,
        "/org/people/?q=": 3,
        "/health/": 2,
        "/api/seats": 3,
        "/api/people": 3,
    }
    for name, draw in endpoints.items():
        if args.only and args.only not in name:
            continue
        for role in ROLES.get(name, ("owner", "manager", "member")):
            for _ in range(5):
                _get(clients, role, draw(rng))
            queries: list[str] = []

            def count(execute, sql, params, many, context, queries=queries):  # type: ignore[no-untyped-def]
                queries.append(sql)
                return execute(sql, params, many, context)

            with connection.execute_wrapper(count):
                _get(clients, role, draw(rng))
            started = time.process_time()
            for _ in range(args.rounds):
                _get(clients, role, draw(rng))
            cpu = (time.process_time() - started) / args.rounds * 1000
            print(f"{name:<28} {role:<9} {cpu:>7.1f} {len(queries):>7}")
            if role == "manager" and name in mix:
                total += cpu * mix[name]
                weights += mix[name]
    if weights:
        mean = total / weights
        print(
            f"weighted mean over the mix (manager): {mean:.1f} ms CPU a request "
            f"→ about {2000 / mean:.0f} requests/s on 2 cores at full use"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
