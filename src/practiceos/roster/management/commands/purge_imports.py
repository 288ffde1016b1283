"""``practiceos purge-imports``: expire forgotten roster previews, delete their files."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from practiceos.roster.services import purge_imports


def _hours(value: str) -> float:
    try:
        hours = float(value)
    except ValueError:
        raise CommandError(f"{value!r} is not a number of hours; use for example 24") from None
    if not 0 < hours <= 24 * 365:
        raise CommandError(f"{value!r} hours is out of range; use more than 0 and at most 8760")
    return hours


class Command(BaseCommand):
    help = (
        "Expire roster previews nobody confirmed, fail imports stalled by a restart, and "
        "delete uploaded files no import needs (uploads are personal data). Run it from cron."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--preview-hours", default="24", help="expire previews older than this")
        parser.add_argument("--stall-hours", default="1", help="fail runs silent this long")

    def handle(self, *args: Any, **options: Any) -> None:
        result = purge_imports(
            preview_age=dt.timedelta(hours=_hours(options["preview_hours"])),
            stall_age=dt.timedelta(hours=_hours(options["stall_hours"])),
        )
        self.stdout.write(
            f"expired previews: {result.expired_previews}; stalled runs: {result.stalled_runs}; "
            f"files deleted: {result.files_deleted}"
        )
