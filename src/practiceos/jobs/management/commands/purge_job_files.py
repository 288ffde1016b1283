"""``practiceos purge_job_files``: delete the files of old jobs (PDFs, exports)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from practiceos.jobs.services import purge_job_files


class Command(BaseCommand):
    help = (
        "Delete the files (PDFs, org file exports) of jobs finished more than --days ago; "
        "the jobs stay. Run it daily from cron beside purge_imports."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--days", type=float, default=7.0, help="keep files this long")

    def handle(self, *args: Any, **options: Any) -> None:
        deleted = purge_job_files(older_than=dt.timedelta(days=options["days"]))
        self.stdout.write(f"deleted {deleted} job file(s)")
