"""The API's resources as data, for the declared suites: path, model, sample bodies."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Resource:
    """One API resource and how the suites exercise it on the standard chart."""

    path: str
    model_name: str
    sample: Callable[[Any], Any]  # chart -> the object read and updated
    create: Callable[[Any], dict[str, Any]]  # chart -> a valid create body in acme
    update: dict[str, Any]  # a valid change of ``sample``
    # True when the create body links to acme objects, so the outsider (acting in
    # practice "other") gets a 422 naming the link instead of a 201.
    links_to_acme: bool = False

    @property
    def model(self) -> Any:
        """The Django model class."""
        from practiceos.org import models

        return getattr(models, self.model_name)


RESOURCES = {
    "locations": Resource(
        "locations",
        "Location",
        sample=lambda c: c.downtown,
        create=lambda c: {"name": "Uptown", "address": "9 Hill Rd"},
        update={"address": "2 Main St"},
    ),
    "teams": Resource(
        "teams",
        "Team",
        sample=lambda c: c.team,
        create=lambda c: {"name": "Front Desk", "manager_seat": c.manager_seat.pk},
        update={"goal": "Every call answered within three rings"},
        links_to_acme=True,
    ),
    "roles": Resource(
        "roles",
        "Role",
        sample=lambda c: c.tech_role,
        create=lambda c: {
            "title": "Receptionist",
            "kind": "administrative",
            "responsibilities": ["Check patients in"],
        },
        update={"purpose": "Prepare and run the sterile field"},
    ),
    "seats": Resource(
        "seats",
        "Seat",
        sample=lambda c: c.tech_seat,
        create=lambda c: {
            "name": "Surgical Technologist 2",
            "kind": "support",
            "role": c.tech_role.pk,
            "location": c.downtown.pk,
            "reports_to": c.manager_seat.pk,
            "serves": [c.surgeon_seat.pk],
        },
        update={"note": "Covers theatre 2"},
        links_to_acme=True,
    ),
    "people": Resource(
        "people",
        "Person",
        sample=lambda c: c.bob,
        create=lambda c: {"name": "Carol Nurse", "email": "carol@acme.example"},
        update={"preferred_name": "Bobby"},
    ),
    "assignments": Resource(
        "assignments",
        "Assignment",
        sample=lambda c: c.bob_surgeon,
        create=lambda c: {
            "person": c.alice.pk,
            "seat": c.tech_seat.pk,
            "fte": 0.5,
            "start": "2024-01-01",
        },
        update={"fte": 0.8},
        links_to_acme=True,
    ),
}


def table_counts() -> dict[str, int]:
    """Row counts of every table an API write could touch (audit included)."""
    from practiceos.audit.models import AuditRecord
    from practiceos.org.models import Assignment, Location, Person, Role, Seat, ServiceLink, Team

    models = [Location, Team, Role, Seat, ServiceLink, Person, Assignment, AuditRecord]
    return {m.__name__: m.objects.count() for m in models}


def fields_of(obj: Any) -> dict[str, Any]:
    """The stored fields of ``obj`` as the audit log sees them, re-read from the database."""
    from practiceos.audit.services import snapshot_fields

    return snapshot_fields(type(obj).objects.get(pk=obj.pk))
