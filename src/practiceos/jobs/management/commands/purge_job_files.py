"""``practiceos purge_job_files``: delete the files of old jobs (PDFs, exports) and
numbers files previewed but never confirmed."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from practiceos.jobs.services import purge_job_files
from practiceos.scorecards import uploads


class Command(BaseCommand):
    help = (
        "Delete the files (PDFs, org file exports) of jobs finished more than --days ago, "
        "and scorecard uploads previewed that long ago and never saved; the jobs stay. Run "
        "it daily from cron beside purge_imports."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--days", type=float, default=7.0, help="keep files this long")

    def handle(self, *args: Any, **options: Any) -> None:
        age = dt.timedelta(days=options["days"])
        deleted = purge_job_files(older_than=age)
        previews = uploads.purge(older_than=age)
        self.stdout.write(
            f"deleted {deleted} job file(s) and {previews} unconfirmed scorecard upload(s)"
        )
