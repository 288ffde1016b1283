"""``practiceos export``: write a practice as an org file."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from practiceos.core.orgfile import dump_org
from practiceos.org.snapshot import build_snapshot
from practiceos.tenancy.lookup import practice_from_option


class Command(BaseCommand):
    help = "Write a practice's whole structure as an org file (YAML) to a file or stdout."
    # Django's system checks import every URL module (about 0.5 s of a 100,000-person run)
    # to check pages this command never serves; `practiceos system-check` runs them.
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--practice", metavar="SLUG", help="the practice (needed when there are several)"
        )
        parser.add_argument("-o", "--output", metavar="FILE", help="write here instead of stdout")

    def handle(self, *args: Any, **options: Any) -> None:
        practice = practice_from_option(options["practice"])
        text = dump_org(build_snapshot(practice))
        if options["output"] and options["output"] != "-":
            try:
                Path(options["output"]).write_text(text, encoding="utf-8")
            except OSError as exc:
                raise CommandError(
                    f"--output: cannot write {options['output']!r}: {exc.strerror}"
                ) from None
            self.stderr.write(f"wrote {practice.slug} to {options['output']}")
        else:
            sys.stdout.write(text)
