"""A synthetic group practice of any size, for benchmarks and load tests (not demo data).

The shape is a sound multi-location group: owner → COO → divisions → regions →
locations of about 48 seats (location manager, two clinical support managers, a front
office manager, a lead provider with providers, assistants and front-desk staff). A
fixed share of seats (``issue_rate``) is then broken the ways real rosters are: support
staff reporting to providers, vacant seats, people in two seats, unresolved managers,
small reporting loops. The same arguments always give the same snapshot.
"""

from __future__ import annotations

import datetime as dt
import random

from practiceos.core.model import (
    Assignment,
    Location,
    Person,
    PracticeInfo,
    Role,
    Seat,
    SeatKind,
    Snapshot,
)

_ROLES = (
    Role("r-owner", "Owner", SeatKind.LEADERSHIP),
    Role("r-exec", "Executive", SeatKind.MANAGEMENT),
    Role("r-director", "Regional Director", SeatKind.MANAGEMENT),
    Role("r-lm", "Location Manager", SeatKind.MANAGEMENT),
    Role("r-csm", "Clinical Support Manager", SeatKind.MANAGEMENT),
    Role("r-fom", "Front Office Manager", SeatKind.MANAGEMENT),
    Role("r-lead", "Lead Dentist", SeatKind.PROVIDER, provider_lead=True),
    Role("r-dds", "Dentist", SeatKind.PROVIDER),
    Role("r-da", "Dental Assistant", SeatKind.SUPPORT),
    Role("r-fd", "Receptionist", SeatKind.ADMINISTRATIVE),
)
_PER_REGION = 12
_PER_DIVISION = 12
AS_OF = dt.date(2025, 1, 15)


def synthetic_snapshot(people: int, *, seed: int = 0, issue_rate: float = 0.02) -> Snapshot:
    """A group practice with about ``people`` people (one per filled seat)."""
    rng = random.Random(seed)
    seats: list[Seat] = []
    locations: list[Location] = []

    def add(
        seat_id: str, name: str, kind: SeatKind, role: str, boss: str | None, loc: str | None
    ) -> str:
        seats.append(Seat(seat_id, name, kind, role_id=role, location_id=loc, reports_to=boss))
        return seat_id

    add("owner", "Owner", SeatKind.LEADERSHIP, "r-owner", None, None)
    coo = add("coo", "Chief Operating Officer", SeatKind.MANAGEMENT, "r-exec", "owner", None)
    add("cfo", "Chief Financial Officer", SeatKind.MANAGEMENT, "r-exec", "owner", None)
    location_count = max(1, round(people / 48))
    region = division = ""
    for n in range(location_count):
        if n % (_PER_REGION * _PER_DIVISION) == 0:
            division = add(
                f"div{n}", f"Division Director {n}", SeatKind.MANAGEMENT, "r-director", coo, None
            )
        if n % _PER_REGION == 0:
            region = add(
                f"reg{n}",
                f"Regional Director {n}",
                SeatKind.MANAGEMENT,
                "r-director",
                division,
                None,
            )
        loc = f"loc{n}"
        locations.append(Location(loc, f"Clinic {n}"))
        lm = add(f"{loc}-lm", "Location Manager", SeatKind.MANAGEMENT, "r-lm", region, loc)
        csm = [
            add(
                f"{loc}-csm{k}",
                f"Clinical Support Manager {k}",
                SeatKind.MANAGEMENT,
                "r-csm",
                lm,
                loc,
            )
            for k in (1, 2)
        ]
        fom = add(f"{loc}-fom", "Front Office Manager", SeatKind.MANAGEMENT, "r-fom", lm, loc)
        lead = add(f"{loc}-lead", "Lead Dentist", SeatKind.PROVIDER, "r-lead", lm, loc)
        providers = [lead] + [
            add(f"{loc}-dds{k}", f"Dentist {k}", SeatKind.PROVIDER, "r-dds", lead, loc)
            for k in range(7)
        ]
        for k in range(26):
            boss = csm[k % 2]
            if rng.random() < issue_rate:
                boss = rng.choice(providers)  # an assistant who reports to the dentist
            seats.append(
                Seat(
                    f"{loc}-da{k}",
                    f"Dental Assistant {k}",
                    SeatKind.SUPPORT,
                    role_id="r-da",
                    location_id=loc,
                    reports_to=boss,
                    serves=(providers[k % len(providers)],),
                )
            )
        for k in range(10):
            add(f"{loc}-fd{k}", f"Receptionist {k}", SeatKind.ADMINISTRATIVE, "r-fd", fom, loc)

    # Data problems an import produces: unresolved managers and small loops.
    for index in range(len(seats)):
        seat = seats[index]
        if seat.kind is SeatKind.SUPPORT and rng.random() < issue_rate / 10:
            seats[index] = Seat(
                seat.id,
                seat.name,
                seat.kind,
                seat.role_id,
                seat.location_id,
                reports_to="unknown-manager",
                note='unresolved manager "Dr. Smyth"',
            )
        elif seat.kind is SeatKind.ADMINISTRATIVE and rng.random() < issue_rate / 10 and index > 0:
            other = seats[index - 1]
            if other.kind is SeatKind.ADMINISTRATIVE:
                seats[index] = Seat(
                    seat.id,
                    seat.name,
                    seat.kind,
                    seat.role_id,
                    seat.location_id,
                    reports_to=other.id,
                )
                seats[index - 1] = Seat(
                    other.id,
                    other.name,
                    other.kind,
                    other.role_id,
                    other.location_id,
                    reports_to=seat.id,
                )

    persons: list[Person] = []
    assignments: list[Assignment] = []
    start = AS_OF - dt.timedelta(days=365)
    for seat in seats:
        if rng.random() < issue_rate:
            continue  # vacant
        person_id = f"p-{seat.id}"
        persons.append(Person(person_id, f"Person {seat.id}"))
        assignments.append(Assignment(f"a-{seat.id}", person_id, seat.id, start=start))
        if persons and rng.random() < issue_rate / 2:
            # The same person also covers another seat (often overloading them).
            other = rng.choice(seats)
            assignments.append(
                Assignment(f"a2-{seat.id}", person_id, other.id, start=start, fte=0.5)
            )
    return Snapshot(
        practice=PracticeInfo("Synthetic Dental Group", "synthetic"),
        locations=tuple(locations),
        roles=_ROLES,
        seats=tuple(seats),
        people=tuple(persons),
        assignments=tuple(assignments),
        as_of=AS_OF,
    )
