"""Load test: gunicorn + PostgreSQL on this machine under the owner/manager/member mix.

    .venv/bin/python bench/load/run.py [--users 50] [--seconds 60] [--small 200]

Creates a scratch database ``practiceos_load_<pid>`` on postgres://postgres@127.0.0.1:5432
(dropped at the end unless ``PRACTICEOS_BENCH_KEEP=1``), loads a 10,000-person demo
practice and ``--small`` practices of 20 to 300 people, gives logins (owner, managers,
members, each with an API token), collects static files and starts gunicorn with the
production settings file (``practiceos.gunicorn_conf``: 2 × CPUs + 1 workers, unless
``--workers``). Then locust runs headless with ``--users`` simultaneous users, each
offering about one request a second, for ``--seconds`` after they have all logged in.

Prints the achieved request rate, p50/p95/p99, the error count and the five slowest
endpoints by p95. Goal on 2 cores (load generator on the same cores): p95 ≤ 200 ms at 50
requests/s with 0 errors; exits 1 when it is missed, so a regression is visible. Every
loop here is bounded by count or time; traffic goes only to 127.0.0.1.
"""

from __future__ import annotations

import argparse
import csv
import dataclasses
import json
import os
import random
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ADMIN_URL = "postgresql://postgres@127.0.0.1:5432/postgres"
NAME = f"practiceos_load_{os.getpid()}"
KEPT = "practiceos_load_kept"
PASSWORD = "load-test-password-1"
GOAL_P95_MS, GOAL_RATE = 200.0, 50.0


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _prepare(small: int, data_dir: str) -> dict[str, object]:
    """Load the practices and logins; returns the fixture locust reads."""
    os.environ["DJANGO_SETTINGS_MODULE"] = "practiceos.settings"
    import django

    django.setup()
    from django.core.management import call_command

    from practiceos.core.demo import generate_demo
    from practiceos.org.loading import load_snapshot
    from practiceos.org.models import Person, Seat
    from practiceos.tenancy.models import MemberRole
    from practiceos.tenancy.services import create_token, grant_login

    call_command("migrate", verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)
    rng = random.Random(7)
    fixture: dict[str, list[dict[str, object]] | dict[str, object]] = {
        "owners": [],
        "managers": [],
        "members": [],
        "practices": {},
    }
    sizes = [10_000] + [rng.randint(20, 300) for _ in range(small)]
    started = time.perf_counter()
    for index, people in enumerate(sizes):
        demo = generate_demo(people, seed=index + 1)
        # Two seeds can draw the same practice name: give each practice its own slug.
        demo = dataclasses.replace(
            demo, practice=dataclasses.replace(demo.practice, slug=f"load-{index}")
        )
        practice = load_snapshot(demo, actor=None, note="load test").practice
        seats = list(Seat.objects.filter(practice=practice).values_list("pk", flat=True)[:500])
        managers = list(
            Seat.objects.filter(practice=practice, direct_reports__isnull=False)
            .distinct()
            .values_list("pk", flat=True)[:200]
        )
        people_rows = list(Person.objects.filter(practice=practice).values_list("pk", "name")[:500])
        fixture["practices"][practice.slug] = {  # type: ignore[index]
            "seats": seats,
            "managers": managers,
            "people": [pk for pk, _ in people_rows],
            "search_terms": sorted({name.split()[-1][:4] for _, name in people_rows})[:50],
        }
        roles = [("owners", MemberRole.OWNER, 1)]
        if index == 0:  # the large practice: many managers and members log in at once
            roles += [("managers", MemberRole.MANAGER, 20), ("members", MemberRole.MEMBER, 40)]
        elif index % 10 == 1:
            roles += [("members", MemberRole.MEMBER, 1)]
        for pool, role, count in roles:
            for n in range(count):
                username = f"{pool[:-1]}{n}@{practice.slug}"[:150]
                membership, _ = grant_login(
                    practice, username=username, role=role, password=PASSWORD
                )
                _, secret = create_token(actor=membership, name="load test")
                fixture[pool].append(  # type: ignore[union-attr]
                    {
                        "username": username,
                        "password": PASSWORD,
                        "practice": practice.slug,
                        "token": secret,
                    }
                )
        if index == 0:
            print(f"large practice: {people:,} people in {time.perf_counter() - started:.1f} s")
    print(
        f"{len(sizes)} practices loaded in {time.perf_counter() - started:.1f} s "
        f"({sum(sizes):,} people)"
    )
    from django.db import connection, connections

    # A production database has planner statistics; one loaded a minute ago has not, and
    # autovacuum would gather them (and compete for the cores) during the measurement.
    started = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")
    print(f"VACUUM ANALYZE in {time.perf_counter() - started:.1f} s")
    connections.close_all()
    return fixture  # type: ignore[return-value]


def _wait_for(port: int, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        with socket.socket() as sock:
            if sock.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.2)
    raise RuntimeError(f"gunicorn did not listen on port {port} within {seconds} s")


def _report(prefix: str, users: int) -> int:
    """Print the figures from locust's CSV; 1 when the goal is missed."""
    with open(f"{prefix}_stats.csv", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    total = next(r for r in rows if r["Name"] == "Aggregated")
    endpoints = [
        r for r in rows if r["Name"] != "Aggregated" and not r["Name"].startswith("/login")
    ]
    count = int(total["Request Count"])
    failures = int(total["Failure Count"])
    rate = float(total["Requests/s"])
    p50, p95, p99 = (float(total[k] or 0) for k in ("50%", "95%", "99%"))
    logins = Path(prefix).with_name("logins.json")
    if logins.exists():
        done = json.loads(logins.read_text(encoding="utf-8"))
        print(
            f"\n{done['users']} logins (password hashing) all done {done['all_done_after']} s "
            f"after the start: median {done['median']} s, slowest {done['slowest']} s; "
            "the figures below start after the last one"
        )
    else:
        print("\nnot every user logged in: the figures include the logins")
    print(f"\n{users} users, {count:,} requests, {rate:.1f} req/s achieved")
    print(f"latency p50 {p50:.0f} ms, p95 {p95:.0f} ms, p99 {p99:.0f} ms; errors {failures}")
    print("slowest endpoints by p95 (ms):")
    print(f"  {'endpoint':<34} {'requests':>8} {'p50':>6} {'p95':>6} {'p99':>6} {'errors':>6}")
    for row in sorted(endpoints, key=lambda r: -float(r["95%"] or 0))[:5]:
        print(
            f"  {row['Name']:<34} {int(row['Request Count']):>8} {float(row['50%']):>6.0f} "
            f"{float(row['95%']):>6.0f} {float(row['99%']):>6.0f} {int(row['Failure Count']):>6}"
        )
    met = p95 <= GOAL_P95_MS and rate >= GOAL_RATE * 0.95 * users / 50 and failures == 0
    print(
        f"goal: p95 ≤ {GOAL_P95_MS:.0f} ms at {GOAL_RATE:.0f} req/s with 0 errors: "
        + ("met" if met else "MISSED")
    )
    return 0 if met else 1


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--small", type=int, default=200)
    parser.add_argument("--workers", type=int, default=0, help="gunicorn workers (default: conf)")
    parser.add_argument(
        "--reuse",
        action="store_true",
        help=f"keep the database ({KEPT}) and its fixture for the next --reuse run (to compare "
        "changes without two minutes of loading each time)",
    )
    args = parser.parse_args()
    import psycopg

    name = KEPT if args.reuse else NAME
    work = (
        str(Path(tempfile.gettempdir()) / KEPT)
        if args.reuse
        else tempfile.mkdtemp(prefix="practiceos-load-")
    )
    fixture_path = Path(work) / "fixture.json"
    reused = args.reuse and fixture_path.exists()
    if not reused:
        with psycopg.connect(ADMIN_URL, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            admin.execute(f'CREATE DATABASE "{name}"')
        Path(work).mkdir(exist_ok=True)
    env = {
        **os.environ,
        "DATABASE_URL": f"postgresql://postgres@127.0.0.1:5432/{name}",
        "PRACTICEOS_DATA_DIR": work,
        "PRACTICEOS_DEBUG": "0",
        "PRACTICEOS_AXES": "0",  # 60 logins from one address in seconds is the test, not an attack
        "PRACTICEOS_SECRET_KEY": "load-test-" + "k" * 50,
    }
    os.environ.update(env)
    server = None
    try:
        if reused:
            print(f"reusing {name} and {fixture_path}")
        else:
            fixture_path.write_text(json.dumps(_prepare(args.small, work)), encoding="utf-8")
        port = _free_port()
        bin_dir = Path(sys.executable).parent
        gunicorn = [str(bin_dir / "gunicorn"), "-c", "python:practiceos.gunicorn_conf"]
        server_env = {**env, "PRACTICEOS_BIND": f"127.0.0.1:{port}"}
        if args.workers:
            server_env["PRACTICEOS_WEB_WORKERS"] = str(args.workers)
        server = subprocess.Popen(
            gunicorn,
            env=server_env,
            start_new_session=True,
            stderr=(Path(work) / "gunicorn.log").open("w"),
        )
        _wait_for(port)
        prefix = str(Path(work) / "locust")
        spawn = max(1, args.users // 10)
        command = [
            str(bin_dir / "locust"),
            "-f",
            str(HERE / "locustfile.py"),
            "--headless",
            "--only-summary",
            "--reset-stats",  # the figures are the steady state, after every login
            "-u",
            str(args.users),
            "-r",
            str(spawn),
            "-t",
            # spawning, then up to 20 s of logins before the steady state's figures start
            f"{args.seconds + args.users // spawn + 20}s",
            "--host",
            f"http://127.0.0.1:{port}",
            "--csv",
            prefix,
            "--loglevel",
            "WARNING",
        ]
        subprocess.run(
            command,
            env={**env, "PRACTICEOS_LOAD_FIXTURE": str(fixture_path)},
            check=False,
            timeout=args.seconds + 600,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,  # its own table; the figures are printed below
        )
        return _report(prefix, args.users)
    finally:
        if server is not None:
            os.killpg(server.pid, signal.SIGTERM)
            server.wait(timeout=30)
        if not (args.reuse or os.environ.get("PRACTICEOS_BENCH_KEEP")):
            with psycopg.connect(ADMIN_URL, autocommit=True) as admin:
                admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


if __name__ == "__main__":
    sys.exit(main())
