"""``practiceos backup -o PATH``: an online backup of the whole database."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from practiceos.ops.backups import BackupError, backup


class Command(BaseCommand):
    help = (
        "Write a consistent backup of the whole database to PATH while the product keeps "
        "serving (SQLite: a copy of the database file; PostgreSQL: pg_dump's custom format)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("-o", "--output", required=True, metavar="PATH", help="backup file")

    def handle(self, *args: Any, **options: Any) -> None:
        path = Path(options["output"])
        try:
            size = backup(path)
        except (BackupError, OSError) as exc:
            raise CommandError(f"backup: {exc}") from None
        self.stdout.write(f"backup written to {path} ({size:,} bytes)")
