"""The ``practiceos`` command: one entry point for everything.

Commands that work on files alone (``check FILE``, ``roster-to-org``) run in pure Python
without touching Django or a database; everything else is a Django management command
(``practiceos migrate``, ``practiceos runserver``, ``practiceos demo`` ...).
"""

from __future__ import annotations

import contextlib
import os
import sys

# ``practiceos check`` is the health check; Django's own system check stays reachable.
RENAMED = {"check": "healthcheck", "system-check": "check"}
FILE_COMMANDS = {"roster-to-org"}


def _wants_file_check(argv: list[str]) -> bool:
    """``check FILE`` without ``--practice`` needs no database."""
    return (
        bool(argv)
        and argv[0] == "check"
        and not any(a == "--practice" or a.startswith("--practice=") for a in argv[1:])
        and any(not a.startswith("-") for a in argv[1:])
    )


def main(argv: list[str] | None = None) -> int:
    """Run a command; returns the process exit code."""
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv and (argv[0] in FILE_COMMANDS or _wants_file_check(argv)):
        from practiceos import file_commands

        return file_commands.run(argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "practiceos.settings")
    from django.core.management import execute_from_command_line

    if argv and not argv[0].startswith("-"):
        # Django command modules cannot contain hyphens: `import-roster` is import_roster.
        argv[0] = RENAMED.get(argv[0], argv[0].replace("-", "_"))
    from django.core.exceptions import ImproperlyConfigured

    try:
        execute_from_command_line(["practiceos", *argv])
    except SystemExit as exc:
        return int(exc.code or 0) if not isinstance(exc.code, str) else 1
    except ImproperlyConfigured as exc:
        # Unsafe or broken settings (a short secret key with debug off): say why, no trace.
        print(f"practiceos: refusing to start: {exc}", file=sys.stderr)
        return 2
    return 0


def run() -> None:
    """The installed ``practiceos`` script: :func:`main`, then a quick exit.

    A command that read a large practice leaves hundreds of thousands of small objects,
    and an ordinary interpreter exit frees them one by one (about 0.15 s after a
    100,000-person check, over 5% of it) only for the process to end. Everything a command
    wrote is already committed, so after flushing output and logs and closing the database
    connections the process ends at once with ``os._exit``. ``main`` itself returns as
    usual (tests call it in-process).
    """
    code = main()
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except (BrokenPipeError, ValueError):  # output piped to a reader that has gone
        pass
    import logging

    logging.shutdown()
    if "django.db" in sys.modules:
        # Settings that refused to load (main has said why) leave nothing to close.
        with contextlib.suppress(Exception):
            from django.db import connections

            connections.close_all()
    os._exit(code)


if __name__ == "__main__":
    run()
