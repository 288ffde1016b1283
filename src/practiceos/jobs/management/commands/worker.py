"""``practiceos worker``: run long work (jobs) from the database task queue."""

from __future__ import annotations

from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandParser


class Command(BaseCommand):
    help = (
        "Run a task worker: takes queued jobs (imports, health checks, PDFs, exports) from "
        "the database and runs them; run as many as you like, on as many machines."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--interval", type=float, default=1.0, help="seconds between looks at the queue"
        )
        parser.add_argument(
            "--batch", action="store_true", help="stop when the queue is empty (for scripts)"
        )
        parser.add_argument("--max-tasks", type=int, help="stop after this many tasks")

    def handle(self, *args: Any, **options: Any) -> None:
        extra = {"max_tasks": options["max_tasks"]} if options["max_tasks"] else {}
        call_command(
            "db_worker",
            queue_name="*",
            interval=options["interval"],
            batch=options["batch"],
            startup_delay=not options["batch"],
            reload=False,
            verbosity=options["verbosity"],
            **extra,
        )
