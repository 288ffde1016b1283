"""``practiceos grant``: give a user a role in a practice (creating the user if new)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from practiceos.core.problems import InputError
from practiceos.tenancy.lookup import practice_from_option
from practiceos.tenancy.models import MemberRole
from practiceos.tenancy.services import grant_login


class Command(BaseCommand):
    help = "Give USERNAME a role in a practice; a new user gets a random password, printed once."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username")
        parser.add_argument("--practice", metavar="SLUG")
        parser.add_argument("--role", choices=MemberRole.values, default=MemberRole.MEMBER)
        parser.add_argument("--password", help="set this password (otherwise random for new users)")

    def handle(self, *args: Any, **options: Any) -> None:
        practice = practice_from_option(options["practice"])
        try:
            membership, password = grant_login(
                practice,
                username=options["username"],
                role=options["role"],
                password=options["password"],
            )
        except InputError as exc:
            raise CommandError("; ".join(f"{p.where}: {p.message}" for p in exc.problems)) from None
        self.stdout.write(f"{options['username']} is {membership.role} of {practice.slug}")
        if password:
            self.stdout.write(f"password: {password}")
