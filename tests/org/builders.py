"""Bulk builders for data-size tests (fast: bulk_create, no services)."""

from __future__ import annotations

from practiceos.org.models import Assignment, Location, Person, Role, Seat, ServiceLink, Team
from practiceos.tenancy.models import Practice


def bulk_practice(slug: str, seats: int) -> Practice:
    """A practice of ``seats`` seats: one owner, managers of ten, providers and support staff.

    Every seat has a person, every support seat serves a provider; returns the practice.
    """
    practice = Practice.objects.create(name=f"Bulk {slug}", slug=slug)
    loc = Location.objects.create(practice=practice, name="Main")
    roles = {
        kind: Role.objects.create(practice=practice, title=f"{kind.title()} role", kind=kind)
        for kind in ("leadership", "management", "provider", "support")
    }
    team = Team.objects.create(practice=practice, name="Everyone")
    top = Seat.objects.create(
        practice=practice, name="Owner", kind="leadership", role=roles["leadership"], location=loc
    )
    rows = []
    for i in range(1, seats):
        kind = "management" if i % 10 == 1 else ("provider" if i % 3 == 0 else "support")
        rows.append(
            Seat(
                practice=practice,
                name=f"Seat {i:05d}",
                kind=kind,
                role=roles[kind],
                location=loc,
                team=team,
            )
        )
    Seat.objects.bulk_create(rows, batch_size=1000)
    managers = [s for s in rows if s.kind == "management"]
    for i, seat in enumerate(rows):
        seat.reports_to = (
            top if seat.kind == "management" else managers[min(i // 10, len(managers) - 1)]
        )
    Seat.objects.bulk_update(rows, ["reports_to"], batch_size=1000)
    providers = [s for s in rows if s.kind == "provider"]
    if providers:
        ServiceLink.objects.bulk_create(
            [
                ServiceLink(
                    practice=practice, support_seat=s, provider_seat=providers[i % len(providers)]
                )
                for i, s in enumerate(rows)
                if s.kind == "support"
            ],
            batch_size=1000,
        )
    people = Person.objects.bulk_create(
        [
            Person(practice=practice, name=f"Person {i:05d}", employee_id=f"E{i}")
            for i in range(seats)
        ],
        batch_size=1000,
    )
    Assignment.objects.bulk_create(
        [
            Assignment(practice=practice, person=p, seat=s)
            for p, s in zip(people, [top, *rows], strict=True)
        ],
        batch_size=1000,
    )
    return practice
