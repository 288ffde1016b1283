"""Read functions other apps use (role cards, reviews, the home page).

Each is scoped to one practice and runs a fixed number of queries; names here are stable.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from practiceos.core import leadership as core
from practiceos.leadership.access import seats_held_by
from practiceos.leadership.models import (
    AreaOverride,
    Ask,
    AskStatus,
    CoreValue,
    DecisionArea,
    Vision,
)
from practiceos.org.models import Location, Seat
from practiceos.tenancy.models import Practice


def core_values(practice: Practice | int) -> list[CoreValue]:
    """The practice's core values in their order (name, behaviour, stable ``pk``). One query.

    Empty until the owner writes the vision. Other areas (reviews in accountability) rate
    people against these rows by primary key.
    """
    pid = practice if isinstance(practice, int) else practice.pk
    return list(CoreValue.objects.filter(practice_id=pid).order_by("position", "id"))


def vision_of(practice: Practice | int) -> core.Vision:
    """The practice's vision as the core dataclass (empty when none). Two queries."""
    pid = practice if isinstance(practice, int) else practice.pk
    row = Vision.objects.filter(practice_id=pid).first()
    values = tuple(core.CoreValue(v.name, v.behaviour) for v in core_values(pid))
    if row is None:
        return core.Vision(core_values=values)
    return core.Vision(
        three_year_picture=row.three_year_picture,
        one_year_goals=tuple(str(g) for g in row.one_year_goals or ()),
        core_values=values,
        core_focus=row.core_focus,
        what_good_looks_like=row.what_good_looks_like,
    )


@dataclass(frozen=True)
class SeatDecision:
    """An area a seat decides: everywhere (``location`` None) or at one location."""

    area: DecisionArea
    location: Location | None = None


def decision_areas_decided_by(seat: Seat) -> list[SeatDecision]:
    """The areas ``seat`` decides, as the deciding seat or through a location override,
    sorted by area name (two queries). For role cards: "areas this seat decides"."""
    out = [
        SeatDecision(area)
        for area in DecisionArea.objects.filter(practice_id=seat.practice_id, decider=seat)
    ]
    out += [
        SeatDecision(o.area, o.location)
        for o in AreaOverride.objects.filter(practice_id=seat.practice_id, seat=seat)
        .select_related("area", "location")
        .order_by("location__name")
    ]
    return sorted(out, key=lambda d: (d.area.name.casefold(), d.location is not None))


def decision_areas_decided_by_role(role: Any) -> list[SeatDecision]:
    """The areas decided by the seats that hold ``role`` (the deciding seat, or a location
    override), sorted by area name (two queries). For the role card: a role card is about
    every seat of the role, so it lists what those seats decide."""
    out = [
        SeatDecision(area)
        for area in DecisionArea.objects.filter(practice_id=role.practice_id, decider__role=role)
    ]
    out += [
        SeatDecision(o.area, o.location)
        for o in AreaOverride.objects.filter(practice_id=role.practice_id, seat__role=role)
        .select_related("area", "location")
        .order_by("location__name")
    ]
    return sorted(out, key=lambda d: (d.area.name.casefold(), d.location is not None))


OPEN_ASKS_SHOWN = 20


def open_asks_for(user: Any, practice: Practice | int, limit: int = OPEN_ASKS_SHOWN) -> list[Ask]:
    """Asks waiting for ``user``: open asks at the seats their person holds, oldest first
    (two queries; at most ``limit``). Empty for a login not linked to a person. For the
    home page's "asks waiting for you"."""
    pid = practice if isinstance(practice, int) else practice.pk
    held = seats_held_by(user, pid)
    if not held:
        return []
    return list(
        Ask.objects.filter(practice_id=pid, to_seat_id__in=held, status=AskStatus.OPEN)
        .select_related("area", "asker", "to_seat")
        .order_by("created_at", "id")[:limit]
    )
