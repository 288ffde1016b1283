"""One writer per practice: two real processes with their own database connections.

Each test runs on the database the suite runs on: a fresh SQLite file (the suite's own
SQLite database lives in memory, which other processes cannot open) or the PostgreSQL
test database. The writers are ``practiceos`` processes started at the same moment; the
result must equal one of the two serial orders, never a mix.
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from django.db import connection

SRC = Path(__file__).resolve().parents[2] / "src"
PEOPLE = 400


@pytest.fixture
def database(transactional_db: Any, tmp_path: Path) -> dict[str, str]:
    """Environment for child processes pointing at a database they can share."""
    env = dict(os.environ)
    env["PYTHONPATH"] = str(SRC)
    env["PRACTICEOS_DATA_DIR"] = str(tmp_path / "data")
    env["DJANGO_SETTINGS_MODULE"] = "practiceos.settings"
    if connection.vendor == "sqlite":
        env["DATABASE_URL"] = f"sqlite:///{tmp_path / 'writers.sqlite3'}"
        _run(env, "migrate", "--verbosity", "0")
    else:
        s = connection.settings_dict
        auth = s["USER"] + (f":{s['PASSWORD']}" if s.get("PASSWORD") else "")
        env["DATABASE_URL"] = f"postgres://{auth}@{s['HOST']}:{s['PORT'] or 5432}/{s['NAME']}"
    return env


def _cmd(*args: str) -> list[str]:
    return [sys.executable, "-m", "practiceos.cli", *args]


def _run(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    done = subprocess.run(_cmd(*args), env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    return done


def _query(env: dict[str, str], sql: str) -> list[tuple[Any, ...]]:
    url = env["DATABASE_URL"]
    if url.startswith("sqlite:///"):
        with sqlite3.connect(url.removeprefix("sqlite:///")) as db:
            return list(db.execute(sql))
    with connection.cursor() as cursor:
        cursor.execute(sql)
        return list(cursor.fetchall())


def _org_file(path: Path, locations: list[str]) -> Path:
    lines = ["practice:", "  name: Twin Writers", "  slug: twin", "locations:"]
    lines += [f"  - name: {name}" for name in locations]
    path.write_text("\n".join(lines) + "\n")
    return path


def _roster(path: Path, prefix: str) -> tuple[Path, set[str]]:
    rows = ["Employee #,First Name,Last Name,Job Title,Location,Reporting to,Hire Date"]
    rows.append("E000,Olive,Owner,Owner,Main,,2015-01-01")
    names = {"Olive Owner"}
    for i in range(PEOPLE):
        first, last = f"{prefix}{i:04d}", "Person"
        names.add(f"{first} {last}")
        rows.append(
            f'{prefix}{i:04d},{first},{last},Dental Assistant,Main,"Owner, Olive",2020-01-01'
        )
    path.write_text("\n".join(rows) + "\n")
    return path, names


def _together(env: dict[str, str], *commands: list[str]) -> list[subprocess.CompletedProcess[str]]:
    procs = [
        subprocess.Popen(
            _cmd(*c), env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
        )
        for c in commands
    ]
    out = []
    for proc in procs:
        stdout, stderr = proc.communicate(timeout=300)
        out.append(subprocess.CompletedProcess(proc.args, proc.returncode, stdout, stderr))
    return out


CURRENT = (
    "SELECT DISTINCT p.name FROM org_person p JOIN org_assignment a ON a.person_id = p.id "
    "JOIN tenancy_practice t ON t.id = p.practice_id WHERE a.\"end\" IS NULL AND t.slug = 'twin'"
)


LOCATIONS = (
    "SELECT l.name FROM org_location l JOIN tenancy_practice t ON t.id = l.practice_id "
    "WHERE t.slug = 'twin'"
)


def _hold(env: dict[str, str], script: str, *args: str) -> subprocess.Popen[str]:
    """Start ``script`` (it takes the practice's writer lock) and wait until it holds it."""
    holder = subprocess.Popen(
        [sys.executable, "-c", script, *args],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert holder.stdout is not None
    assert holder.stdout.readline().strip() == "held", holder.stderr
    return holder


def test_two_imports_at_once_give_the_result_of_one_serial_order(database, tmp_path):
    _run(database, "load", str(_org_file(tmp_path / "org.yaml", ["Main"])), "--no-progress")
    file_a, people_a = _roster(tmp_path / "a.csv", "A")
    file_b, people_b = _roster(tmp_path / "b.csv", "B")
    results = _together(
        database,
        *(
            ["import-roster", str(f), "--practice", "twin", "--end-missing", "--no-progress"]
            for f in (file_a, file_b)
        ),
    )
    for result in results:
        assert result.returncode == 0, result.stderr
    current = {name for (name,) in _query(database, CURRENT)}
    # A then B leaves B's people current (A's ended as not in the file), B then A leaves
    # A's; both planning against the empty practice would leave everyone (801).
    assert current in (people_a, people_b), len(current)


def test_two_loads_at_once_give_the_result_of_one_serial_order(database, tmp_path):
    first = ["North", "South"]
    second = ["East", "West", "Centre"]
    results = _together(
        database,
        ["load", str(_org_file(tmp_path / "one.yaml", first)), "--no-progress"],
        ["load", str(_org_file(tmp_path / "two.yaml", second)), "--no-progress"],
    )
    for result in results:
        assert result.returncode == 0, result.stderr
    names = {name for (name,) in _query(database, LOCATIONS)}
    assert names in (set(first), set(second))
    assert _query(database, "SELECT count(*) FROM tenancy_practice WHERE slug = 'twin'") == [(1,)]


HOLD = """
import sys, time, django
django.setup()
from practiceos.tenancy.locking import practice_writer
with practice_writer(sys.argv[1], "alice", "publishing a scenario"):
    print("held", flush=True)
    time.sleep(float(sys.argv[2]))
"""


def test_a_second_writer_that_cannot_wait_is_told_who_holds_the_practice(database, tmp_path):
    _run(database, "load", str(_org_file(tmp_path / "org.yaml", ["Main"])), "--no-progress")
    roster, _ = _roster(tmp_path / "a.csv", "A")
    holder = _hold(database, HOLD, "twin", "120")
    try:
        refused = subprocess.run(
            _cmd("import-roster", str(roster), "--practice", "twin", "--end-missing"),
            env={**database, "PRACTICEOS_WRITER_WAIT": "1"},
            capture_output=True,
            text=True,
            timeout=120,
        )
        # Refused after its own short wait, while the holder still holds the practice.
        assert holder.poll() is None
    finally:
        holder.terminate()
        holder.wait(timeout=60)
    assert refused.returncode == 1
    assert "alice has been changing this practice" in refused.stderr
    assert '"publishing a scenario"' in refused.stderr and " since 20" in refused.stderr
    assert "Traceback" not in refused.stderr and "nothing was written" in refused.stderr
    assert _query(database, CURRENT) == []


CREATE_AND_HOLD = """
import sys, time, django
django.setup()
from practiceos.tenancy.locking import practice_writer
from practiceos.tenancy.models import Practice
with practice_writer(sys.argv[1], "alice", "loading an org file"):
    Practice.objects.create(slug=sys.argv[1], name="Twin Writers")
    print("held", flush=True)
    time.sleep(float(sys.argv[2]))
"""


def test_a_load_waits_for_another_writer_creating_the_same_new_practice(database, tmp_path):
    # The practice has no row yet, so there is nothing to lock: the second creator must
    # still wait for the first (not insert beside it and fail on the unique slug).
    holder = _hold(database, CREATE_AND_HOLD, "twin", "3")
    try:
        loaded = subprocess.run(
            _cmd("load", str(_org_file(tmp_path / "org.yaml", ["Main"])), "--no-progress"),
            env=database,
            capture_output=True,
            text=True,
            timeout=120,
        )
    finally:
        holder.wait(timeout=60)
    assert holder.returncode == 0
    assert loaded.returncode == 0, loaded.stderr
    assert _query(database, "SELECT count(*) FROM tenancy_practice WHERE slug = 'twin'") == [(1,)]
    assert _query(database, LOCATIONS) == [("Main",)]
