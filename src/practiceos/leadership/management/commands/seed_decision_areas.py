"""``practiceos seed_decision_areas --practice SLUG``: add the library's decision areas.

Acts as the practice's first owner (audited as them), like pressing "Add from the
library" on the Decisions page: areas the practice lacks are added, decided by the
owner's seat. Exit status 2 for an unknown practice or one without an owner login.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from practiceos.leadership.services import seed_decision_areas
from practiceos.tenancy.models import MemberRole, Membership


class Command(BaseCommand):
    help = (
        "Add the decision-area library's areas a practice lacks (--practice SLUG), decided "
        "by the owner's seat; prints the areas added."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--practice", required=True, metavar="SLUG", help="practice slug")

    def handle(self, *args: Any, **options: Any) -> None:
        slug = options["practice"]
        owner = (
            Membership.objects.select_related("practice", "user")
            .filter(practice__slug=slug, role=MemberRole.OWNER)
            .order_by("pk")
            .first()
        )
        if owner is None:
            raise CommandError(
                f"--practice: no practice {slug!r} with an owner login (practiceos grant ...)",
                returncode=2,
            )
        made = seed_decision_areas(actor=owner)
        for area in made:
            self.stdout.write(f"added {area.name}")
        self.stdout.write(f"{len(made)} decision area(s) added to {owner.practice.name}")
