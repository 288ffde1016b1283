"""``practiceos import-roster ROSTER``: bring a practice in line with an HRIS export."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from practiceos.core.problems import InputError
from practiceos.org.progress import stage_bars
from practiceos.roster.services import (
    Preview,
    end_warnings,
    import_roster,
    plan_import,
    read_upload,
)
from practiceos.tenancy.lookup import practice_from_option
from practiceos.tenancy.models import Practice


class Command(BaseCommand):
    help = (
        "Import a roster export (CSV or .xlsx) into a practice: new hires are added, "
        "leavers' assignments end, transfers and title changes move seats; history is kept. "
        "All or nothing: every problem is listed with its row and nothing is written while "
        "one blocks."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("roster", help="the roster export (CSV or .xlsx)")
        parser.add_argument("--practice", help="practice slug (default: the only practice)")
        parser.add_argument("--columns", metavar="MAP.yaml", help="column map for unknown headers")
        parser.add_argument(
            "--allow-unresolved",
            action="store_true",
            help="import people whose manager cannot be found at the top; the seat's note says why",
        )
        parser.add_argument(
            "--end-missing",
            action="store_true",
            help="end the people not in the file even when they are more than the policy's "
            "share (import_end_share, 20%%) or at locations the file lacks",
        )
        parser.add_argument(
            "--only-file-locations",
            action="store_true",
            help="leave alone people at locations the file does not mention (a per-location "
            "export)",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="show what would change; write nothing"
        )
        parser.add_argument("--no-progress", action="store_true", help="no progress bar")

    def handle(self, *args: Any, **options: Any) -> None:
        path = Path(options["roster"])
        practice = practice_from_option(options["practice"])
        columns = ""
        if options["columns"]:
            try:
                columns = Path(options["columns"]).read_text(encoding="utf-8-sig")
            except (OSError, UnicodeDecodeError) as exc:
                raise CommandError(
                    f"--columns: cannot read {options['columns']!r}: {exc}"
                ) from None
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise CommandError(f"{path}: cannot read: {exc.strerror}") from None
        progress, close = stage_bars(not options["no_progress"] and options["verbosity"] > 0)
        try:
            try:
                table = read_upload(data, path.name, columns)
            except InputError as exc:
                for problem in exc.problems:
                    self.stderr.write(f"{path}: {problem}")
                raise CommandError(f"{path}: cannot be imported; nothing was written") from None
            shown: list[Preview] = []

            def report(preview: Preview) -> None:
                shown.append(preview)
                self._report(path, practice, preview, options)

            if options["dry_run"]:
                report(
                    plan_import(
                        practice,
                        table,
                        allow_unresolved=options["allow_unresolved"],
                        only_file_locations=options["only_file_locations"],
                        progress=progress,
                    )
                )
            else:
                try:
                    import_roster(
                        practice,
                        table,
                        actor=None,
                        note=f"roster import (command line): {path.name}",
                        allow_unresolved=options["allow_unresolved"],
                        only_file_locations=options["only_file_locations"],
                        end_missing=options["end_missing"],
                        progress=progress,
                        on_plan=report,
                    )
                except InputError as exc:
                    # The writer lock was busy (nothing planned), or the ends need confirming.
                    for problem in exc.problems:
                        self.stderr.write(f"{path}: {problem}")
                    hint = (
                        "; give --end-missing to end them, or --only-file-locations to leave "
                        "other locations alone"
                        if shown
                        else ""
                    )
                    raise CommandError(f"{path}: nothing was written{hint}") from None
            plan = shown[0].plan
        finally:
            close()
        prefix = "dry run, nothing written: " if options["dry_run"] else ""
        self.stdout.write(f"{prefix}{practice.slug}: {len(table.rows)} rows")
        for line in plan.summary_lines():
            self.stdout.write(f"  {line}")

    def _report(
        self, path: Path, practice: Practice, preview: Preview, options: dict[str, Any]
    ) -> None:
        """Warnings, then what ends, then blocking problems (the command stops on those)."""
        plan = preview.plan
        for warning in plan.warnings:
            self.stderr.write(f"{path}: warning: {warning}")
        if plan.blocking:
            for problem in plan.blocking_problems:
                self.stderr.write(f"{path}: {problem}")
            hint = (
                ""
                if options["allow_unresolved"]
                else " (--allow-unresolved settles manager problems)"
            )
            raise CommandError(
                f"{len(plan.blocking_problems)} problem(s) in {path}; nothing was written{hint}"
            )
        for problem in plan.problems:
            self.stderr.write(f"{path}: settled: {problem}")
        if options["dry_run"]:
            for warning in end_warnings(practice, plan):
                self.stderr.write(f"{path}: needs --end-missing: {warning}")
