"""People-accountability fixtures: the standard chart with logins linked to people.

- the owner persona is Alice, in the Owner seat (top of the chart);
- the manager persona is Mia, in the Practice Manager seat (reports to the owner);
- the member persona is Tom, a scrub tech reporting to the Practice Manager seat;
- Bob, the surgeon, reports to the owner's seat and has no login.

So Tom's records are visible to Tom, Mia (his manager), Alice (her manager) and the admin;
Bob's only to Alice and the admin: to Mia and Tom he is a peer's business (404).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import pytest

from tests.api.conftest import api_as, make_token  # noqa: F401  (re-exported fixtures)

LONG_AGO = dt.date(2020, 1, 1)


@dataclass
class Cast:
    """The people and their records."""

    chart: Any
    mia: Any
    tom: Any
    bob: Any
    tom_review: Any
    tom_plan: Any
    tom_meeting: Any
    bob_review: Any
    bob_plan: Any
    bob_meeting: Any

    def record(self, subject: str, kind: str) -> Any:
        """``record("tom", "plan")``."""
        return getattr(self, f"{subject}_{kind}")


def review_data(**extra: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "held_on": dt.date.today().isoformat(),
        "values": [
            {"value": "Patients first", "rating": "+"},
            {"value": "Own it", "rating": "+/-"},
        ],
        "gets_it": True,
        "wants_it": True,
        "capacity": True,
        "manager_notes": "Strong quarter; keep teaching the new hires.",
    }
    data.update(extra)
    return data


def plan_data(**extra: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "reason": "numbers",
        "expectations": ["Turnover under 20 minutes in 9 of 10 cases"],
        "support": "Paired with the senior tech for two weeks",
        "end_date": (dt.date.today() + dt.timedelta(days=60)).isoformat(),
    }
    data.update(extra)
    return data


def meeting_data(**extra: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "held_on": dt.date.today().isoformat(),
        "topics": ["development"],
        "shared_notes": "Agreed to shadow the lead tech on Thursdays.",
        "private_notes": "Watch for burnout.",
    }
    data.update(extra)
    return data


@pytest.fixture
def cast(chart: Any, personas: Any) -> Cast:
    from practiceos.org.models import Assignment, Person
    from practiceos.people import services

    p = personas.acme
    chart.alice.user = personas.owner.user
    chart.alice.save()
    mia = Person.objects.create(practice=p, name="Mia Manager", user=personas.manager.user)
    Assignment.objects.create(practice=p, person=mia, seat=chart.manager_seat, start=LONG_AGO)
    tom = Person.objects.create(practice=p, name="Tom Tech", user=personas.member.user)
    Assignment.objects.create(practice=p, person=tom, seat=chart.tech_seat, start=LONG_AGO)
    owner = personas.owner
    made = {}
    for key, person in (("tom", tom), ("bob", chart.bob)):
        made[f"{key}_review"] = services.record_review(
            actor=owner, person=person, data=review_data()
        )
        made[f"{key}_plan"] = services.open_plan(actor=owner, person=person, data=plan_data())
        made[f"{key}_meeting"] = services.record_one_on_one(
            actor=owner, person=person, data=meeting_data()
        )
    return Cast(chart=chart, mia=mia, tom=tom, bob=chart.bob, **made)
