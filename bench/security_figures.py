"""Security figures for the release note: the permission matrix's size, the schemathesis
run and the hostile-input suite, each run through pytest with its counts printed.

    PYTHONPATH=src .venv/bin/python bench/security_figures.py [--fuzz-scale 20]

The quick run is what `make test` runs; ``--fuzz-scale N`` multiplies schemathesis'
examples per operation (the longer run documented in docs/security.md).
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SUITES = {
    "permission matrix": ["tests/matrix/test_matrix.py"],
    "hostile input (XSS through every page)": ["tests/matrix/test_hostile.py"],
    "hostile input (uploads and forms)": [
        "tests/roster/test_web.py",
        "tests/web/test_editing_fuzz.py",
        "tests/api/test_bad_input.py",
        "tests/tenancy",
    ],
    "schemathesis": ["tests/api/test_schemathesis.py"],
}


def matrix_size() -> str:
    """Pages, operations, personas and cells of the declared matrix (no database)."""
    sys.path[:0] = [str(ROOT), str(ROOT / "src")]
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "practiceos.settings")
    import django

    django.setup()
    from tests.matrix.conftest import PERSONAS
    from tests.matrix.test_matrix import API_METHODS, DECLARED, PAGE_METHODS

    paths = {o.path for o in DECLARED.operations.values()}
    cells = (len(DECLARED.pages) * len(PAGE_METHODS) + len(paths) * len(API_METHODS)) * len(
        PERSONAS
    )
    return (
        f"{len(DECLARED.pages)} pages x {len(PAGE_METHODS)} methods + {len(paths)} API paths "
        f"({len(DECLARED.operations)} operations) x {len(API_METHODS)} methods, "
        f"x {len(PERSONAS)} personas = {cells} cells"
    )


def run(name: str, paths: list[str], env: dict[str, str]) -> None:
    """Run one suite and print its pass/fail counts and time."""
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-m", "not browser", *paths],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    tail = done.stdout.strip().splitlines()[-1] if done.stdout.strip() else done.stderr[-300:]
    counts = re.sub(r"=+", "", tail).strip()
    print(f"{name:<42} {counts}  ({time.perf_counter() - start:.0f} s)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--fuzz-scale", type=int, default=1)
    args = parser.parse_args()
    env = {**os.environ, "PRACTICEOS_FUZZ_SCALE": str(args.fuzz_scale)}
    env["PYTHONPATH"] = os.pathsep.join([str(ROOT / "src"), env.get("PYTHONPATH", "")])
    print(f"permission matrix: {matrix_size()}")
    for name, paths in SUITES.items():
        run(name, paths, env)


if __name__ == "__main__":
    main()
