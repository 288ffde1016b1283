"""Chart builders for the web tests: realistic trees of any size, made with bulk_create.

``build_org`` grows owner → regional directors → clinic managers → clinic staff, with
people in most seats, a vacancy every seventh seat and support seats serving providers,
so every page has something in each of its sections at every size.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from typing import Any

import pytest

FIRST = ["Ana", "Ben", "Chloe", "Dev", "Elena", "Farid", "Grace", "Hugo", "Ines", "Jon", "Kira"]
LAST = ["Alvarez", "Brooks", "Chen", "Dubois", "Evans", "Fischer", "Garcia", "Haddad", "Ito"]


@dataclass
class Org:
    """Handles on a built chart."""

    owner_seat: Any
    directors: list[Any]
    managers: list[Any]
    staff: list[Any]
    locations: list[Any]
    people: list[Any]

    @property
    def seat_count(self) -> int:
        """All seats built."""
        return 1 + len(self.directors) + len(self.managers) + len(self.staff)


def build_org(
    practice: Any,
    *,
    directors: int,
    managers_per_director: int,
    staff_per_manager: int,
    prefix: str = "",
    root: Any = None,
) -> Org:
    """Build a chart in ``practice`` with bulk_create (a few queries per level).

    With ``root`` the directors report to that existing seat instead of a new owner seat.
    """
    from practiceos.org.models import (
        Assignment,
        Location,
        Person,
        Role,
        Seat,
        ServiceLink,
    )

    pid = practice.pk
    n_locations = max(1, directors * managers_per_director)
    locations = Location.objects.bulk_create(
        Location(practice_id=pid, name=f"{prefix}Clinic {i + 1:04d}", address=f"{i + 1} High St")
        for i in range(n_locations)
    )
    role_specs = [
        ("owner", "Owner", "leadership"),
        ("director", "Regional Director", "management"),
        ("manager", "Clinic Manager", "management"),
        ("dentist", "Dentist", "provider"),
        ("assistant", "Dental Assistant", "support"),
        ("desk", "Front Desk Coordinator", "administrative"),
    ]
    roles = {
        key: Role.objects.get_or_create(
            practice_id=pid,
            title=f"{prefix}{title}",
            defaults={
                "kind": kind,
                "purpose": f"{title}: what the seat is for.",
                "responsibilities": [f"{title} responsibility"],
                "decision_rights": [f"{title} decides"],
            },
        )[0]
        for key, title, kind in role_specs
    }
    owner_seat = root or Seat.objects.create(
        practice_id=pid,
        name=f"{prefix}Owner",
        kind="leadership",
        role=roles["owner"],
        location=locations[0],
    )
    director_seats = Seat.objects.bulk_create(
        Seat(
            practice_id=pid,
            name=f"{prefix}Regional Director {d + 1:03d}",
            kind="management",
            role=roles["director"],
            location=locations[d * managers_per_director],
            reports_to=owner_seat,
        )
        for d in range(directors)
    )
    manager_seats = Seat.objects.bulk_create(
        Seat(
            practice_id=pid,
            name=f"{prefix}Clinic Manager {d + 1:03d}-{m + 1:04d}",
            kind="management",
            role=roles["manager"],
            location=locations[d * managers_per_director + m],
            reports_to=director,
        )
        for d, director in enumerate(director_seats)
        for m in range(managers_per_director)
    )
    staff_kinds = ["provider", "support", "support", "administrative"]
    staff_roles = {"provider": "dentist", "support": "assistant", "administrative": "desk"}
    staff_seats = Seat.objects.bulk_create(
        Seat(
            practice_id=pid,
            name=f"{prefix}{roles[staff_roles[staff_kinds[s % 4]]].title} {i + 1:04d}-{s + 1:03d}",
            kind=staff_kinds[s % 4],
            role=roles[staff_roles[staff_kinds[s % 4]]],
            location=manager.location,
            reports_to=manager,
        )
        for i, manager in enumerate(manager_seats)
        for s in range(staff_per_manager)
    )
    all_seats = [*([] if root else [owner_seat]), *director_seats, *manager_seats, *staff_seats]
    names = itertools.cycle(f"{f} {last}" for last in LAST for f in FIRST)
    filled = [seat for i, seat in enumerate(all_seats) if i % 7 != 3]
    people = Person.objects.bulk_create(
        Person(
            practice_id=pid,
            name=f"{prefix}{next(names)} {i + 1}",
            email=f"{prefix.lower().strip()}person{i + 1}@example.com",
            employee_id=f"{prefix}E{i + 1:05d}",
        )
        for i in range(len(filled))
    )
    Assignment.objects.bulk_create(
        Assignment(practice_id=pid, person=person, seat=seat, fte=1, level="senior")
        for person, seat in zip(people, filled, strict=True)
    )
    # Each clinic's assistants serve its dentists (a service line, not a reporting line).
    links = []
    for i in range(0, len(staff_seats), staff_per_manager):
        team = staff_seats[i : i + staff_per_manager]
        providers = [s for s in team if s.kind == "provider"]
        for seat in team:
            if seat.kind == "support" and providers:
                links.extend(
                    ServiceLink(practice_id=pid, support_seat=seat, provider_seat=p)
                    for p in providers[:2]
                )
    ServiceLink.objects.bulk_create(links)
    return Org(
        owner_seat=owner_seat,
        directors=director_seats,
        managers=manager_seats,
        staff=staff_seats,
        locations=locations,
        people=people,
    )


@pytest.fixture
def grow():
    """``grow(practice, directors=..., managers_per_director=..., staff_per_manager=...)``."""
    return build_org
