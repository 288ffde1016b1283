"""The leadership section of the snapshot, registered with ``org.snapshot``.

Seven queries whatever the practice's size: the vision, its core values, the decision
areas, their consulted/informed seats, their overrides, the last four weeks' asks
counted per location and area (in SQL), and the owner's time summed per kind (in SQL).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Count, Q, Sum

from practiceos.core import leadership as core
from practiceos.leadership.models import AreaOverride, AreaSeat, Ask, DecisionArea, TimeEntry
from practiceos.leadership.reads import vision_of
from practiceos.org.snapshot import register_section
from practiceos.tenancy.models import Practice

#: Asks and time entries this recent count towards owner load and the owner's time split.
RECENT_DAYS = 28


def _s(pk: int | None) -> str | None:
    return None if pk is None else str(pk)


def decision_areas(pid: int) -> tuple[core.DecisionArea, ...]:
    """The practice's decision areas as core dataclasses (three queries)."""
    involved: dict[int, dict[str, list[str]]] = {}
    for area_id, seat_id, involvement in (
        AreaSeat.objects.filter(practice_id=pid)
        .order_by("seat_id")
        .values_list("area_id", "seat_id", "involvement")
    ):
        involved.setdefault(area_id, {}).setdefault(involvement, []).append(str(seat_id))
    overrides: dict[int, list[core.AreaOverride]] = {}
    for area_id, location_id, seat_id in (
        AreaOverride.objects.filter(practice_id=pid)
        .order_by("location_id")
        .values_list("area_id", "location_id", "seat_id")
    ):
        overrides.setdefault(area_id, []).append(core.AreaOverride(str(location_id), str(seat_id)))
    return tuple(
        core.DecisionArea(
            id=str(pk),
            name=name,
            kind=core.WorkKind(kind),
            description=description,
            decider_seat_id=_s(decider),
            consulted=tuple(involved.get(pk, {}).get("consulted", ())),
            informed=tuple(involved.get(pk, {}).get("informed", ())),
            overrides=tuple(overrides.get(pk, ())),
            keywords=tuple(str(k) for k in keywords or ()),
            key=key,
        )
        for pk, name, kind, description, decider, keywords, key in DecisionArea.objects.filter(
            practice_id=pid
        )
        .order_by("name")
        .values_list("pk", "name", "kind", "description", "decider_id", "keywords", "key")
    )


def ask_load(pid: int, since: dt.datetime) -> tuple[core.LocationAskLoad, ...]:
    """Asks since ``since`` per (location, area), with how many reached the owner (one
    aggregate query: its size is locations × areas, not asks)."""
    rows = (
        Ask.objects.filter(practice_id=pid, created_at__gte=since)
        .values("location_id", "area_id")
        .annotate(asks=Count("id"), to_owner=Count("id", filter=Q(reached_owner=True)))
        .order_by("location_id", "area_id")
    )
    return tuple(
        core.LocationAskLoad(_s(r["location_id"]), _s(r["area_id"]), r["asks"], r["to_owner"])
        for r in rows
    )


def owner_time(pid: int, since: dt.date) -> core.TimeSplit:
    """Minutes per kind recorded since ``since`` by holders of leadership seats (one query).

    Entries are recorded from the Owner time page, which only the owner's seat holders
    use; all of the practice's entries count.
    """
    totals = dict(
        TimeEntry.objects.filter(practice_id=pid, day__gte=since)
        .values("kind")
        .annotate(total=Sum("minutes"))
        .values_list("kind", "total")
    )
    return core.TimeSplit(
        leadership=int(totals.get("leadership") or 0),
        management=int(totals.get("management") or 0),
        clinical=int(totals.get("clinical") or 0),
    )


@register_section
def leadership_section(practice: Practice, as_of: dt.date) -> dict[str, Any]:
    """Vision, decision areas and the last four weeks' load and time (7 queries)."""
    since_day = as_of - dt.timedelta(days=RECENT_DAYS)
    since = dt.datetime.combine(since_day, dt.time.min, tzinfo=dt.UTC)
    return {
        "vision": vision_of(practice),
        "decision_areas": decision_areas(practice.pk),
        "ask_load": ask_load(practice.pk, since),
        "owner_time": owner_time(practice.pk, since_day),
    }
