"""Scenario fixtures: a practice whose support staff report to a surgeon, in the database."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest

from tests.core.builders import Org


@dataclass
class Surgical:
    """Handles on the surgical chart loaded into practice acme (seats by name)."""

    seats: dict[str, Any]
    run: Any

    def seat(self, name: str) -> Any:
        """The seat row called ``name``."""
        return self.seats[name]


def surgical_org() -> Org:
    """Owner; practice manager; a surgeon with two surgical assistants reporting to him;
    a front desk at a second location under the practice manager."""
    org = Org(name="Acme Orthopedics", slug="acme")
    org.location("north", "North Clinic")
    org.seat("owner", "leadership", name="Owner", role="Owner", person="Dr. Ana Patel")
    org.seat(
        "pm",
        "management",
        name="Practice Manager",
        role="Practice Manager",
        reports_to="owner",
        person="Rita Moss",
    )
    org.seat(
        "surg", "provider", name="Surgeon", role="Surgeon", reports_to="owner", person="Dr. Ben Ng"
    )
    org.seat(
        "sa1",
        "support",
        name="Surgical Assistant 1",
        role="Surgical Assistant",
        reports_to="surg",
        person="Jo Lee",
    )
    org.seat(
        "sa2",
        "support",
        name="Surgical Assistant 2",
        role="Surgical Assistant",
        reports_to="surg",
        person="Kim Roe",
    )
    org.seat(
        "fd",
        "administrative",
        name="Front Desk",
        role="Receptionist",
        reports_to="pm",
        location="north",
        person="Sam Cole",
    )
    return org


@pytest.fixture
def surgical(personas: Any) -> Surgical:
    """The surgical chart in acme, with a first health check run."""
    from practiceos.health.services import run_health_check
    from practiceos.org.loading import load_snapshot
    from practiceos.org.models import Seat

    snapshot = surgical_org().build()
    load_snapshot(snapshot, actor=None)
    personas.acme.refresh_from_db()
    run = run_health_check(None, personas.acme)
    seats = {s.name: s for s in Seat.objects.filter(practice=personas.acme)}
    return Surgical(seats=seats, run=run)


# The API's bearer-token callers (tests/api/conftest.py), for the scenario API suites.
from tests.api.conftest import api_as, make_token  # noqa: E402, F401
from tests.api.test_schemathesis import api_schema  # noqa: E402, F401


@pytest.fixture
def draft(personas: Any, surgical: Surgical) -> Any:
    """A draft of acme (by the owner) holding the fixes of every finding of the run."""
    from practiceos.scenarios.fixes import try_fixes

    return try_fixes(actor=personas.owner, run=surgical.run).scenario
