"""``practiceos load``: make a practice match an org file, all or nothing."""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from practiceos.core.orgfile import line_of, parse_org
from practiceos.core.problems import InputError
from practiceos.org.loading import load_snapshot
from practiceos.org.progress import stage_bars


class Command(BaseCommand):
    help = (
        "Load an org file (YAML) into the database: creates the practice if new, otherwise "
        "makes it match the file. All or nothing; every problem in the file is listed."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="the org file to load")
        parser.add_argument("--no-progress", action="store_true", help="no progress bar")

    def handle(self, *args: Any, **options: Any) -> None:
        path = Path(options["file"])
        try:
            text = path.read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError) as exc:
            raise CommandError(f"file: cannot read {str(path)!r}: {exc}") from None
        try:
            snapshot = parse_org(text)
            progress, close = stage_bars(not options["no_progress"] and options["verbosity"] > 0)
            try:
                summary = load_snapshot(snapshot, actor=None, progress=progress)
            finally:
                close()
        except InputError as exc:
            for problem in exc.problems:
                if problem.line is None and problem.where != "file":
                    # Found after parsing (what the database would refuse): point into
                    # the file all the same.
                    problem = dataclasses.replace(problem, line=line_of(text, problem.where))
                self.stderr.write(f"{path}: {problem}")
            raise CommandError(
                f"{len(exc.problems)} problem(s) in {path}; nothing was written"
            ) from None
        self.stdout.write(f"{summary.practice.slug}: " + "; ".join(summary.lines()))
