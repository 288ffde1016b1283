"""Benchmark: scenarios of a 10,000-seat practice on PostgreSQL.

Creates a scratch database, migrates it, loads the demo practice of
``core.demo`` (10,000 people, with the problems a real roster has) and runs a health check, then times the three steps of issue 12: creating a
scenario, applying every fix of the report in it ("try every fix"), and computing the
comparison the scenario page shows (today's snapshot, the scenario applied, both health
checks, the diff). Publishing is timed too, for information. The database is dropped at
the end.

    .venv/bin/python bench/scenarios.py [PEOPLE] [--admin-url postgres://postgres@127.0.0.1:5432/postgres]

Target (issue 12): each of create, apply all fixes and compare at most 2 s.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

import psycopg

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))


def main() -> None:
    """Create the scratch database, run, print, drop."""
    parser = argparse.ArgumentParser()
    parser.add_argument("people", nargs="?", type=int, default=10_000)
    parser.add_argument("--admin-url", default="postgres://postgres@127.0.0.1:5432/postgres")
    args = parser.parse_args()
    name = f"pos_bench_scenarios_{os.getpid()}"
    base = args.admin_url.rsplit("/", 1)[0]
    with psycopg.connect(args.admin_url, autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    try:
        run(args.people, f"{base}/{name}")
    finally:
        with psycopg.connect(args.admin_url, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _timed(label: str, fn):  # type: ignore[no-untyped-def]
    started = time.perf_counter()
    result = fn()
    print(f"{label:<34} {time.perf_counter() - started:7.2f} s", flush=True)
    return result


def run(people: int, url: str) -> None:
    """Migrate, load, check, then time the scenario steps."""
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("PRACTICEOS_DATA_DIR", tempfile.mkdtemp(prefix="pos-bench-"))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "practiceos.settings")
    import django

    django.setup()
    from dataclasses import replace

    from django.contrib.auth.models import User
    from django.core.management import call_command

    from practiceos.core.demo import generate_demo
    from practiceos.core.model import PracticeInfo
    from practiceos.core.scenario_compare import compare
    from practiceos.health.services import run_health_check
    from practiceos.org.loading import load_snapshot
    from practiceos.org.snapshot import build_snapshot
    from practiceos.scenarios.fixes import try_fixes
    from practiceos.scenarios.publishing import publish_scenario
    from practiceos.scenarios.services import create_scenario, scenario_state
    from practiceos.tenancy.models import Membership

    call_command("migrate", verbosity=0)
    snapshot = replace(
        generate_demo(people, seed=12), practice=PracticeInfo("Bench Group", "bench")
    )
    summary = _timed("load the practice (setup)", lambda: load_snapshot(snapshot, actor=None))
    practice = summary.practice
    user = User.objects.create_user("bench-owner", password="x")
    owner = Membership.objects.create(practice=practice, user=user, role="owner")
    owner.practice = practice
    run = _timed("health check (setup)", lambda: run_health_check(owner, practice))
    print(f"seats {len(snapshot.seats)}, findings {len(run.findings)}")
    scenario = _timed("create a scenario", lambda: create_scenario(actor=owner, name="All fixes"))
    scenario.practice = practice
    result = _timed("apply every fix", lambda: try_fixes(actor=owner, run=run, scenario=scenario))
    print(f"changes {len(result.scenario.changes)}, skipped {len(result.merge.skipped)}")

    def comparison():  # type: ignore[no-untyped-def]
        state = scenario_state(result.scenario)
        assert state.result is not None, state.problems
        return compare(state.today, state.result, state.changes)

    compared = _timed("compute the comparison", comparison)
    # The same, by step (for profiling): read today's chart, apply and check, compare.
    today = _timed("  of which: build_snapshot", lambda: build_snapshot(practice, sections=False))
    state = _timed("  of which: apply and check", lambda: scenario_state(result.scenario, today))
    _timed("  of which: both checks and diff", lambda: compare(today, state.result, state.changes))
    print(
        f"score {compared.before.score.overall} -> {compared.after.score.overall}, "
        f"resolved {len(compared.resolved)}, introduced {len(compared.introduced)}"
    )
    _timed(
        "publish (for information)", lambda: publish_scenario(actor=owner, scenario=result.scenario)
    )


if __name__ == "__main__":
    main()
