"""``practiceos demo``: build a realistic demo practice of N people."""

from __future__ import annotations

import dataclasses
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from practiceos.core.demo import demo_specialty, generate_demo
from practiceos.core.problems import InputError
from practiceos.health.services import run_health_check
from practiceos.org.loading import load_snapshot
from practiceos.org.progress import stage_bars
from practiceos.tenancy.models import MemberRole
from practiceos.tenancy.services import grant_login

MIN_PEOPLE, MAX_PEOPLE = 5, 100_000


def _people(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        raise CommandError(
            f"--people: {value!r} is not a whole number; use {MIN_PEOPLE} to {MAX_PEOPLE:,}"
        ) from None
    if not MIN_PEOPLE <= number <= MAX_PEOPLE:
        raise CommandError(
            f"--people: {number} is out of range; use {MIN_PEOPLE} to {MAX_PEOPLE:,}"
        )
    return number


class Command(BaseCommand):
    help = (
        "Build a realistic multi-location demo practice of N people (5 to 100,000) with a few "
        "structural problems to find, and print the owner's login."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--people", required=True, help="number of people, 5 to 100,000")
        parser.add_argument(
            "--seed", type=int, default=1, help="random seed (same seed, same practice)"
        )
        parser.add_argument("--locations", type=int, help="number of locations (default: by size)")
        parser.add_argument(
            "--specialty", help="medical, surgical, dental, physical-therapy or veterinary"
        )
        parser.add_argument("--slug", help="practice slug (default: from the generated name)")
        parser.add_argument(
            "--owner", default=None, help="owner login username (default: owner@SLUG)"
        )
        parser.add_argument("--password", help="owner password (default: random, printed)")
        parser.add_argument("--no-progress", action="store_true")

    def handle(self, *args: Any, **options: Any) -> None:
        people = _people(options["people"])
        if options["locations"] is not None and not 1 <= options["locations"] <= people:
            raise CommandError(
                f"--locations: {options['locations']} is out of range; use 1 to {people}"
            )
        try:
            snapshot = generate_demo(
                people,
                seed=options["seed"],
                locations=options["locations"],
                specialty=options["specialty"],
            )
        except ValueError as exc:
            raise CommandError(f"--specialty: {exc}") from None
        if options["slug"]:
            snapshot = dataclasses.replace(
                snapshot, practice=dataclasses.replace(snapshot.practice, slug=options["slug"])
            )
        progress, close = stage_bars(not options["no_progress"] and options["verbosity"] > 0)
        try:
            summary = load_snapshot(snapshot, actor=None, progress=progress, note="demo practice")
        except InputError as exc:
            raise CommandError("; ".join(str(p) for p in exc.problems)) from None
        finally:
            close()
        practice = summary.practice
        # Marked as the demo (a banner on every page), so real data does not land here;
        # its specialty picks the library content `practiceos showcase` adds.
        type(practice).objects.filter(pk=practice.pk).update(
            is_demo=True, specialty=demo_specialty(options["seed"], options["specialty"])
        )
        username = options["owner"] or f"owner@{practice.slug}"
        _, password = grant_login(
            practice, username=username, role=MemberRole.OWNER, password=options["password"]
        )
        self.stdout.write(
            f"{practice.name} ({practice.slug}): {len(snapshot.people)} people, {len(snapshot.seats)} seats"
        )
        self.stdout.write(
            f"owner login: {username}" + (f" / {password}" if password else " (existing password)")
        )
        # A first health check, so the chart's flags and the report are there on first visit.
        run = run_health_check(None, practice)
        self.stdout.write(f"health check: score {run.overall}/100, {len(run.findings)} findings")
