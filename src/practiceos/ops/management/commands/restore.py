"""``practiceos restore PATH``: restore a backup into an empty database."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from practiceos.ops.backups import BackupError, restore


class Command(BaseCommand):
    help = (
        "Restore a backup made by `practiceos backup` into this installation's database, "
        "which must be empty (or give --replace). Stop the web server and workers first."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", help="the backup file")
        parser.add_argument(
            "--replace",
            action="store_true",
            help="overwrite a database that already holds practices",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        path = Path(options["path"])
        try:
            kind = restore(path, replace=options["replace"])
        except BackupError as exc:
            raise CommandError(f"restore: {exc}") from None
        self.stdout.write(f"restored {path} ({kind})")
