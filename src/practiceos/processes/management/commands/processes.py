"""``practiceos processes``: the template library, a practice's processes, or adopt one.

    practiceos processes --templates
    practiceos processes --practice SLUG
    practiceos processes --practice SLUG --adopt TEMPLATE_ID --owner-seat SEAT_ID

Writes act as the practice's first owner (audited as them) through the same service as the
"Start from this template" button. Exit status 2 for bad input, naming the option.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from practiceos.core.problems import InputError
from practiceos.core.processes import template_library
from practiceos.processes.reads import process_list
from practiceos.processes.services import adopt_template
from practiceos.tenancy.models import MemberRole, Membership


class Command(BaseCommand):
    help = (
        "List the process template library (--templates), a practice's core processes "
        "(--practice SLUG), or start one from a template (--adopt ID --owner-seat ID)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--templates", action="store_true", help="list the library")
        parser.add_argument("--practice", metavar="SLUG", help="practice slug")
        parser.add_argument("--adopt", metavar="TEMPLATE_ID", help="template to start from")
        parser.add_argument("--owner-seat", metavar="SEAT_ID", help="the owning seat's id")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["templates"]:
            for t in template_library():
                self.stdout.write(f"{t.id}\t{t.field}\t{t.name}\t{len(t.steps)} steps")
            return
        slug = options["practice"]
        if not slug:
            raise CommandError("--practice: required unless --templates", returncode=2)
        owner = (
            Membership.objects.select_related("practice", "user")
            .filter(practice__slug=slug, role=MemberRole.OWNER)
            .order_by("pk")
            .first()
        )
        if owner is None:
            raise CommandError(
                f"--practice: no practice {slug!r} with an owner login", returncode=2
            )
        if options["adopt"]:
            try:
                process = adopt_template(
                    actor=owner,
                    template_id=options["adopt"],
                    owner_seat=options["owner_seat"],
                )
            except InputError as exc:
                where = {"template": "--adopt", "owner_seat": "--owner-seat"}
                raise CommandError(
                    "; ".join(f"{where.get(p.where, p.where)}: {p.message}" for p in exc.problems),
                    returncode=2,
                ) from None
            self.stdout.write(f"started {process.name} (id {process.pk})")
            return
        for p in process_list(owner):
            owner_seat = p.owner_seat.name if p.owner_seat else "no owner"
            reviewed = p.last_reviewed_on.isoformat() if p.last_reviewed_on else "never reviewed"
            self.stdout.write(
                f"{p.pk}\t{p.name}\t{owner_seat}\t{p.status}\t{reviewed}\t"
                f"{p.runs_done}/{p.runs_total} runs completed"  # type: ignore[attr-defined]
            )
