"""A three-location practice for the leadership tests (in the personas' practice "acme").

Downtown: the owner's seat (Alice, the ``owner`` login), an office manager (Mo, the
``manager`` login) and an assistant (Mel, the ``member`` login). Riverside: its own office
manager (Rita) and an assistant (Ravi). Lakeside: an assistant (Lia) reporting to the
owner, no manager.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest


@dataclass
class Sites:
    """Handles on the three-location practice."""

    downtown: Any
    riverside: Any
    lakeside: Any
    owner_seat: Any
    downtown_manager: Any
    riverside_manager: Any
    downtown_assistant: Any
    riverside_assistant: Any
    lakeside_assistant: Any


def build_sites(personas: Any) -> Sites:
    """Create the practice's locations, seats, people and login links."""
    from practiceos.org.models import Assignment, Location, Person, Role, Seat

    p = personas.acme
    locs = {
        n: Location.objects.create(practice=p, name=n)
        for n in ("Downtown", "Riverside", "Lakeside")
    }
    owner_role = Role.objects.create(practice=p, title="Owner", kind="leadership")
    office = Role.objects.create(practice=p, title="Office Manager", kind="management")
    assistant = Role.objects.create(practice=p, title="Dental Assistant", kind="support")

    def seat(
        name: str, kind: str, role: Any, loc: str, boss: Any, person: str, user: Any = None
    ) -> Any:
        s = Seat.objects.create(
            practice=p, name=name, kind=kind, role=role, location=locs[loc], reports_to=boss
        )
        who = Person.objects.create(practice=p, name=person, user=user)
        Assignment.objects.create(practice=p, person=who, seat=s)
        return s

    owner = seat(
        "Owner", "leadership", owner_role, "Downtown", None, "Alice Owner", personas.owner.user
    )
    dm = seat(
        "Office Manager Downtown",
        "management",
        office,
        "Downtown",
        owner,
        "Mo Manager",
        personas.manager.user,
    )
    rm = seat("Office Manager Riverside", "management", office, "Riverside", owner, "Rita Manager")
    da = seat(
        "Assistant Downtown",
        "support",
        assistant,
        "Downtown",
        dm,
        "Mel Member",
        personas.member.user,
    )
    ra = seat("Assistant Riverside", "support", assistant, "Riverside", rm, "Ravi Assistant")
    la = seat("Assistant Lakeside", "support", assistant, "Lakeside", owner, "Lia Assistant")
    return Sites(locs["Downtown"], locs["Riverside"], locs["Lakeside"], owner, dm, rm, da, ra, la)


@pytest.fixture
def sites(personas: Any) -> Sites:
    """The three-location practice (see the module docstring)."""
    return build_sites(personas)


@pytest.fixture
def login(client: Any, personas: Any) -> Any:
    """``login(name)`` logs the client in as a persona and returns it."""
    from tests.conftest import PASSWORD

    def do(name: str) -> Any:
        client.logout()
        assert client.login(username=name, password=PASSWORD)
        return client

    return do
