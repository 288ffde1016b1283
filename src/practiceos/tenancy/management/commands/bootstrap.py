"""``practiceos bootstrap``: on an empty database, load the demo practice (its chart, then
``practiceos showcase`` for every other area); print the login.

Used by ``make run``. The demo login is kept in the data directory (readable only by its
owner) so that every later ``make run`` can print it again.
"""

from __future__ import annotations

import io
import os
from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandParser

from practiceos.tenancy.models import Practice

DEMO_SLUG = "demo"


class Command(BaseCommand):
    help = "Create the demo practice and its owner login when the database has no practice."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--people", default="140", help="size of the demo practice")

    def handle(self, *args: Any, **options: Any) -> None:
        login_file = settings.DATA_DIR / "demo-login.txt"
        if not Practice.objects.exists():
            password = os.urandom(9).hex()
            call_command(
                "demo",
                people=options["people"],
                seed=7,
                slug=DEMO_SLUG,
                owner="owner",
                password=password,
                no_progress=True,
                verbosity=0,
                stdout=io.StringIO(),  # the login is printed below, once
            )
            # Every area filled in (vision, scorecards, meetings, processes, hiring ...),
            # so a first look at the demo shows each page at work, not its empty state.
            # Sample content must never stop the product from starting: a failure is said
            # and the demo opens with its chart (each area's write is its own transaction).
            try:
                call_command("showcase", practice=DEMO_SLUG, stdout=io.StringIO())
            except Exception as exc:  # reported, and the server still starts
                self.stderr.write(f"note: the demo's sample areas were not all filled: {exc}")
            login_file.parent.mkdir(parents=True, exist_ok=True)
            login_file.write_text(f"owner\n{password}\n", encoding="utf-8")
            login_file.chmod(0o600)
        if login_file.exists():
            username, password = login_file.read_text(encoding="utf-8").split()[:2]
            self.stdout.write(
                "\n  PracticeOS is starting at http://127.0.0.1:8000\n"
                f"  Log in as the demo practice's owner:  username {username}   password {password}\n"
            )
