"""Commands that need no database: they read and write files with ``practiceos.core`` only.

Filled in by the roster and health-check features; each returns a process exit code.
"""

from __future__ import annotations

import sys


def run(argv: list[str]) -> int:
    """Dispatch ``argv`` (command first) to the file command it names."""
    print(f"practiceos {argv[0]}: not available yet in this version", file=sys.stderr)
    return 2
