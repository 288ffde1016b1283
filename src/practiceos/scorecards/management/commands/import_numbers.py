"""``practiceos import-numbers FILE``: load weekly numbers from a CSV or Excel file."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction

from practiceos.core.problems import InputError
from practiceos.scorecards import services
from practiceos.scorecards.entry_views import MAX_UPLOAD, read_upload_entries
from practiceos.tenancy.lookup import practice_from_option
from practiceos.tenancy.models import MemberRole, Membership


class _DryRun(Exception):
    pass


class Command(BaseCommand):
    help = (
        "Load measurables' numbers from a CSV or .xlsx file (long: measurable, period, value; "
        "or wide: measurable then one column per week or month). Idempotent per measurable "
        "and period; all or nothing: every bad cell is listed and nothing is written."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="the numbers (CSV or .xlsx)")
        parser.add_argument("--practice", help="practice slug (default: the only practice)")
        parser.add_argument("--dry-run", action="store_true", help="check and count; write nothing")

    def handle(self, *args: Any, **options: Any) -> None:
        path = Path(options["file"])
        practice = practice_from_option(options["practice"])
        try:
            if path.stat().st_size > MAX_UPLOAD:
                raise CommandError(f"{path}: larger than {MAX_UPLOAD // 2**20} MB; split it")
            data = path.read_bytes()
        except OSError as exc:
            raise CommandError(f"{path}: cannot read: {exc.strerror}") from None
        # The command line acts as the practice's owner, audited without a user.
        actor = Membership(practice=practice, role=MemberRole.OWNER)
        try:
            with transaction.atomic():
                result = services.save_numbers(
                    actor=actor,
                    entries=read_upload_entries(data, path.name),
                    note=f"numbers (command line): {path.name}"[:300],
                )
                if options["dry_run"]:
                    raise _DryRun
        except InputError as exc:
            for problem in exc.problems[:200]:
                self.stderr.write(f"{path}: {problem}")
            more = len(exc.problems) - 200
            if more > 0:
                self.stderr.write(f"{path}: and {more} more problems")
            raise CommandError(f"{path}: cannot be loaded; nothing was written") from None
        except _DryRun:
            self.stdout.write(f"dry run, nothing written: {practice.slug}: {path.name} checks out")
            return
        self.stdout.write(
            f"{practice.slug}: {result.created} new, {result.updated} changed, "
            f"{result.cleared} cleared, {result.unchanged} already there"
        )
