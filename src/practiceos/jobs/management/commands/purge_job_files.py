"""``practiceos purge_job_files``: delete the files of old jobs (PDFs, exports) and the
inputs apps kept for jobs never started (scorecard uploads previewed, never confirmed)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from practiceos.jobs.registry import handlers
from practiceos.jobs.services import purge_job_files


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
        done = [f"{purge_job_files(older_than=age)} job file(s)"]
        # Inputs apps keep for their jobs (registered with the handler: jobs imports no app).
        done += [f"{h.purge_inputs(age)} {h.inputs_name}" for h in handlers() if h.purge_inputs]
        self.stdout.write("deleted " + " and ".join(done))
