"""Starting a practice from nothing: create it (name, specialty, locations), then import
the roster or start from the specialty's template chart. Each write audited."""

from __future__ import annotations

import re
from typing import Any

from django.db import transaction
from django.utils.text import slugify

from practiceos.audit.models import AuditAction
from practiceos.audit.services import record
from practiceos.core.demo import SPECIALTIES
from practiceos.core.problems import InputError, Problem
from practiceos.core.template_chart import template_chart
from practiceos.org import services as org_services
from practiceos.org.models import Location, Seat
from practiceos.tenancy.access import require
from practiceos.tenancy.models import MemberRole, Membership, Practice
from practiceos.tenancy.permissions import Action

MAX_NAME = 200
MAX_LOCATIONS = 50
MAX_LOCATION_NAME = 120
SLUG_RE = re.compile(r"^[a-z0-9](?:[a-z0-9-]{0,58}[a-z0-9])?$")
SPECIALTY_LABELS = {
    "medical": "Medical (primary care, multi-specialty)",
    "surgical": "Surgical (orthopedics, ENT, surgery centers)",
    "dental": "Dental (including DSOs)",
    "physical_therapy": "Physical therapy",
    "veterinary": "Veterinary",
}


def _shown(value: str) -> str:
    text = "".join(c if c.isprintable() else "?" for c in value)
    return f'"{text[:60]}…"' if len(text) > 60 else f'"{text}"'


def _check(name: Any, slug: Any, specialty: Any, locations: Any) -> tuple[str, str, str, list[str]]:
    """The cleaned fields; an :class:`InputError` naming every bad one."""
    problems = []
    name = (name if isinstance(name, str) else "").strip()
    if not name or len(name) > MAX_NAME:
        problems.append(
            Problem("name", f"{_shown(name)} is not a usable name; use 1-{MAX_NAME} characters")
        )
    slug = (slug if isinstance(slug, str) else "").strip() or slugify(name)[:60].strip("-")
    if not SLUG_RE.match(slug):
        problems.append(
            Problem(
                "slug",
                f"{_shown(slug)} is not a usable short name; use 1-60 lowercase letters, digits "
                "and hyphens, not starting or ending with a hyphen",
            )
        )
    specialty = specialty if isinstance(specialty, str) else ""
    if specialty not in SPECIALTIES:
        problems.append(
            Problem(
                "specialty",
                f"{_shown(specialty)} is not a specialty; use one of {', '.join(SPECIALTIES)}",
            )
        )
    lines = locations if isinstance(locations, list) else str(locations or "").splitlines()
    names = [line.strip() for line in lines if line.strip()]
    if not names:
        problems.append(Problem("locations", "name at least one location, one a line"))
    elif len(names) > MAX_LOCATIONS:
        problems.append(
            Problem(
                "locations",
                f"{len(names)} locations; add at most {MAX_LOCATIONS} here, the rest later",
            )
        )
    for loc in names:
        if len(loc) > MAX_LOCATION_NAME:
            problems.append(
                Problem(
                    "locations",
                    f"{_shown(loc)} is {len(loc)} characters; use at most {MAX_LOCATION_NAME}",
                )
            )
    duplicates = sorted({n for n in names if names.count(n) > 1})
    if duplicates:
        problems.append(
            Problem("locations", f"{_shown(duplicates[0])} is listed twice; each location once")
        )
    if problems:
        raise InputError(problems)
    return name, slug, specialty, names


def create_practice(
    *, actor: Any, name: str, specialty: str, locations: Any, slug: str = ""
) -> Membership:
    """A new practice owned by the user ``actor``, with its locations; returns the owner's
    membership. A slug (short name) already taken is refused, nothing is created. Audited
    in the new practice (the practice, the membership, each location)."""
    name, slug, specialty, names = _check(name, slug, specialty, locations)
    with transaction.atomic():
        if Practice.objects.filter(slug=slug).exists():
            raise InputError(
                [
                    Problem(
                        "slug",
                        f'the short name "{slug}" is taken; choose another (it appears in exports and commands)',
                    )
                ]
            )
        practice = Practice.objects.create(name=name, slug=slug, specialty=specialty)
        membership = Membership.objects.create(practice=practice, user=actor, role=MemberRole.OWNER)
        record(
            actor=actor,
            practice_id=practice.pk,
            action=AuditAction.CREATED,
            obj=practice,
            after={"name": name, "slug": slug, "specialty": specialty},
        )
        record(
            actor=actor,
            practice_id=practice.pk,
            action=AuditAction.CREATED,
            obj=membership,
            after={"user": actor.get_username(), "role": MemberRole.OWNER},
        )
        membership.practice = practice
        for loc in names:
            org_services.create(membership, Location, {"name": loc})
    return membership


def start_from_template(*, actor: Membership) -> Practice:
    """Fill an empty chart with the practice's specialty template (owners and admins).

    Refused when the chart already has seats (a template would replace them) or the
    practice has no specialty with a template. Loaded through ``org.loading`` (audited).
    """
    from practiceos.org.loading import load_snapshot

    require(actor, Action.MANAGE_PRACTICE)
    practice = actor.practice
    seats = Seat.objects.filter(practice_id=practice.pk).count()
    if seats:
        raise InputError(
            [
                Problem(
                    "template",
                    f"the chart already has {seats} seats; a template is only for an empty chart",
                )
            ]
        )
    if practice.specialty not in SPECIALTIES:
        raise InputError(
            [
                Problem(
                    "specialty",
                    f"{_shown(practice.specialty)} has no template; use one of {', '.join(SPECIALTIES)}",
                )
            ]
        )
    names = list(
        Location.objects.filter(practice_id=practice.pk)
        .order_by("pk")
        .values_list("name", flat=True)
    )
    snapshot = template_chart(
        practice.specialty,
        name=practice.name,
        slug=practice.slug,
        locations=names or [practice.name],
    )
    load_snapshot(snapshot, actor=actor, note="template chart")
    return practice
