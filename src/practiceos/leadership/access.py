"""One access helper per object type, scoped to the caller's practice inside the query
(another practice's object is a 404, exactly like a missing one)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Q

from practiceos.leadership.models import AreaOverride, Ask, DecisionArea, TimeEntry
from practiceos.org.models import Assignment
from practiceos.tenancy.access import get_object_for
from practiceos.tenancy.models import Membership
from practiceos.tenancy.permissions import Action


def get_area_for(
    membership: Membership | None, pk: object, action: Action = Action.VIEW
) -> DecisionArea:
    """The decision area ``pk`` in the caller's practice, with its deciding seat."""
    qs = DecisionArea.objects.select_related("decider")
    return get_object_for(membership, DecisionArea, pk, action=action, queryset=qs)


def get_override_for(
    membership: Membership | None, pk: object, action: Action = Action.LEAD
) -> AreaOverride:
    """The location override ``pk`` in the caller's practice."""
    qs = AreaOverride.objects.select_related("area", "location", "seat")
    return get_object_for(membership, AreaOverride, pk, action=action, queryset=qs)


def get_ask_for(membership: Membership | None, pk: object, action: Action = Action.VIEW) -> Ask:
    """The ask ``pk`` in the caller's practice, with its area, seats and people."""
    qs = Ask.objects.select_related("area", "to_seat", "asker", "location", "decided_by")
    return get_object_for(membership, Ask, pk, action=action, queryset=qs)


def get_time_entry_for(
    membership: Membership | None, pk: object, action: Action = Action.ASK
) -> TimeEntry:
    """The time entry ``pk`` in the caller's practice."""
    return get_object_for(membership, TimeEntry, pk, action=action)


def current(on: dt.date | None = None) -> Q:
    """Assignments current on ``on`` (today by default), as a filter."""
    on = on or dt.date.today()
    return (Q(start__isnull=True) | Q(start__lte=on)) & (Q(end__isnull=True) | Q(end__gt=on))


def seats_held_by(user: Any, practice_id: int) -> list[int]:
    """Seat ids the user's person currently holds in the practice (one query; empty when
    the login is not linked to a person)."""
    if not getattr(user, "is_authenticated", False):
        return []
    return list(
        Assignment.objects.filter(current(), practice_id=practice_id, person__user=user)
        .order_by("seat__name", "seat_id")
        .values_list("seat_id", flat=True)
    )
