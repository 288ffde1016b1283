"""A real ``practiceos worker`` that stops dead in the middle of a roster import's write.

Run by tests/jobs/test_stack.py as its own process: it patches the import so that, after
writing every row (inside the import's one transaction, before it commits), it leaves a
marker file and sleeps; the test then kills it with SIGKILL, as a crash or an out-of-memory
kill would, and checks that nothing of the import is in the database.

    python tests/stack_worker.py MARKER_FILE
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import django


def main(marker: Path) -> None:
    """Patch the import's last step inside its transaction, then run the worker."""
    django.setup()
    from django.core.management import call_command

    from practiceos.roster import services

    real = services._Applier._write_audit

    def write_then_hang(self: services._Applier) -> None:
        real(self)
        marker.write_text("every row written, not committed")
        time.sleep(120)

    services._Applier._write_audit = write_then_hang  # type: ignore[method-assign]
    call_command("worker", interval=0.2, verbosity=0)


if __name__ == "__main__":
    import os

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "practiceos.settings")
    main(Path(sys.argv[1]))
