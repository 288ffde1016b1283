"""A three-location practice with decision areas, for the routing and rule tests.

Main has the owner, a practice manager ("Office Manager" role), a medical director and an
assistant; East has its own office manager and an assistant; West has an assistant who
reports to the owner and no manager.
"""

from __future__ import annotations

from dataclasses import replace

from practiceos.core.leadership import AreaOverride, DecisionArea, WorkKind
from practiceos.core.model import Snapshot

from .builders import Org

AREAS = (
    DecisionArea(
        "schedule",
        "Schedule conflicts",
        WorkKind.MANAGEMENT,
        decider_seat_id="pm",
        keywords=("schedule", "swap", "shift", "cover"),
    ),
    DecisionArea(
        "fees", "Fees", WorkKind.LEADERSHIP, decider_seat_id="owner", keywords=("fee", "price")
    ),
    DecisionArea(
        "complaints",
        "Patient complaints",
        WorkKind.MANAGEMENT,
        decider_seat_id="pm",
        keywords=("complaint", "unhappy"),
    ),
    DecisionArea(
        "protocol",
        "Clinical protocol changes",
        WorkKind.CLINICAL,
        decider_seat_id="md",
        keywords=("protocol", "checklist"),
    ),
    DecisionArea(
        "time-off",
        "Time off",
        WorkKind.MANAGEMENT,
        decider_seat_id="pm",
        overrides=(AreaOverride("east", "em"),),
        keywords=("time off", "holiday", "off"),
    ),
)


def three_locations() -> Org:
    """The practice as a builder (add or change seats before ``build``)."""
    org = Org("Three Sites", "three")
    org.location("east", "East")
    org.location("west", "West")
    org.seat("owner", "leadership", name="Owner", role="Owner", person="Dr. Ana Owner")
    org.seat("pm", "management", name="Practice Manager", role="Office Manager", reports_to="owner")
    org.seat(
        "md",
        "management",
        name="Medical Director",
        role="Medical Director",
        provider_lead=True,
        reports_to="owner",
    )
    org.seat("ma", "support", name="Assistant Main", reports_to="pm")
    org.seat(
        "em",
        "management",
        name="East Manager",
        role="Office Manager",
        location="east",
        reports_to="owner",
    )
    org.seat("ea", "support", name="Assistant East", location="east", reports_to="em")
    org.seat("wa", "support", name="Assistant West", location="west", reports_to="owner")
    return org


def practice(areas: tuple[DecisionArea, ...] = AREAS, org: Org | None = None) -> Snapshot:
    """The built snapshot with ``areas``."""
    return replace((org or three_locations()).build(), decision_areas=areas)


def with_decider(areas: tuple[DecisionArea, ...], seat_id: str | None) -> tuple[DecisionArea, ...]:
    """Every non-leadership area decided by ``seat_id`` (overrides dropped)."""
    return tuple(
        a if a.kind is WorkKind.LEADERSHIP else replace(a, decider_seat_id=seat_id, overrides=())
        for a in areas
    )
