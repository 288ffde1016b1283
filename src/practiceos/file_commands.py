"""Commands that need no database: they read and write files with ``practiceos.core`` only.

``practiceos check FILE.yaml`` (the health check of an org file) and ``practiceos
roster-to-org ROSTER -o org.yaml``. Each module named here exposes ``main(argv) -> int``
and imports nothing from Django, so these commands run without settings or a database.
"""

from __future__ import annotations

import importlib

COMMANDS = {
    "check": "practiceos.health.file_command",
    "roster-to-org": "practiceos.roster.file_command",
}


def run(argv: list[str]) -> int:
    """Dispatch ``argv`` (command first) to the file command it names; returns the exit code."""
    module = importlib.import_module(COMMANDS[argv[0]])
    return int(module.main(argv[1:]))
