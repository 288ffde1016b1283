"""``practiceos check --practice SLUG``: run the health check on a practice in the database.

The run is stored (a ``HealthRun`` with its chart flags and an audit record, as the web
button does), so a scheduled check keeps the report page and the chart up to date.
Exit status as for ``practiceos check FILE``: 0, 1 at or above ``--fail-on``, 2 for an
unknown practice.
"""

from __future__ import annotations

import sys
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from practiceos.health.file_command import add_report_options, exit_code, render
from practiceos.health.services import run_and_report
from practiceos.tenancy.models import Practice


class Command(BaseCommand):
    help = (
        "Run the health check on a practice (--practice SLUG), store the run, and print the "
        "findings with fixes; exits 1 when a finding is at or above --fail-on (default high)."
    )
    # Django's system checks import every URL module (about 0.5 s of a 100,000-person run)
    # to check pages this command never serves; `practiceos system-check` runs them.
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--practice", required=True, metavar="SLUG", help="practice slug")
        parser.add_argument(
            "--no-save", action="store_true", help="print the report without storing the run"
        )
        add_report_options(parser)

    def handle(self, *args: Any, **options: Any) -> None:
        slug = options["practice"]
        practice = Practice.objects.filter(slug=slug).first()
        if practice is None:
            raise CommandError(f"--practice: no practice with the slug {slug!r}", returncode=2)
        run, report = run_and_report(None, practice, save=not options["no_save"])
        extra = {"run": {"id": run.pk, "created_at": run.created_at.isoformat()}} if run else None
        self.stdout.write(render(report, options["format"], extra), ending="")
        code = exit_code(report, options["fail_on"])
        if code:
            sys.exit(code)
