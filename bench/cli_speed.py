"""Command-line speed on the embedded SQLite: whole processes, as a user runs them.

    .venv/bin/python bench/cli_speed.py [--people 100000] [--data-dir DIR]

Builds (or reuses, with ``--data-dir`` pointing at an earlier run's directory) a SQLite
database holding one demo practice of ``--people`` people, then times, best of 3, the whole
process of:

- ``practiceos check --practice SLUG --no-save`` (target ≤ 2.5 s at 100,000 people);
- ``practiceos export --practice SLUG -o FILE`` (target ≤ 10 s at 100,000 people).

Prints wall and CPU seconds and peak memory of each; exits 1 when a target is missed. The
product's modules are byte-compiled (into ``DATA_DIR/pycache``) as an installed package's
are, so a start does not recompile them.
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

SLUG = "bench-cli"
TARGETS = {"check": 2.5, "export": 10.0}


def _run(command: list[str], env: dict[str, str]) -> tuple[float, float, int]:
    """Wall seconds, CPU seconds (user + system) and peak RSS in MB of one child process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    done = subprocess.run(command, env=env, stdout=subprocess.DEVNULL, check=False)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode not in (0, 1):  # check exits 1 when it finds something
        raise SystemExit(f"{' '.join(command)} exited {done.returncode}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu, after.ru_maxrss // 1024


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=100_000)
    parser.add_argument("--data-dir", help="reuse this data directory (its demo is kept)")
    args = parser.parse_args()
    data_dir = Path(args.data_dir or tempfile.mkdtemp(prefix="practiceos-cli-"))
    data_dir.mkdir(parents=True, exist_ok=True)
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env["PRACTICEOS_DATA_DIR"] = str(data_dir)
    # As installed (pip compiles the bytecode): a checkout run with PYTHONDONTWRITEBYTECODE
    # would recompile every module of the product on each start, about 0.2 s here. The
    # bytecode goes to the data directory, never into the source tree.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env.setdefault("PYTHONPYCACHEPREFIX", str(data_dir / "pycache"))
    practiceos = str(Path(sys.executable).parent / "practiceos")
    marker = data_dir / f"{SLUG}-{args.people}.ready"
    if not marker.exists():
        started = time.perf_counter()
        subprocess.run([practiceos, "migrate", "-v", "0"], env=env, check=True)
        subprocess.run(
            [practiceos, "demo", "--people", str(args.people), "--slug", SLUG, "--no-progress"],
            env=env,
            check=True,
            stdout=subprocess.DEVNULL,
        )
        marker.touch()
        print(f"demo of {args.people:,} people loaded in {time.perf_counter() - started:.0f} s")
    commands = {
        "check": [practiceos, "check", "--practice", SLUG, "--no-save"],
        "export": [practiceos, "export", "--practice", SLUG, "-o", str(data_dir / "org.yaml")],
    }
    print(f"SQLite, {args.people:,} people, {os.cpu_count()} CPUs, best of 3 whole processes")
    missed = False
    for name, command in commands.items():
        runs = [_run(command, env) for _ in range(3)]
        wall, cpu, rss = min(runs)
        target = TARGETS[name] if args.people == 100_000 else None
        verdict = "" if target is None else f" (target ≤ {target:.1f} s)"
        print(f"{name:>7}: {wall:6.2f} s wall, {cpu:6.2f} s CPU, peak {rss} MB{verdict}")
        if target is not None and wall > target:
            missed = True
    if missed:
        print("TARGET MISSED")
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
