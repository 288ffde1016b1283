"""Loading the leadership part of an org file (``vision:`` and ``decision_areas:``).

Registered with ``org.loading.register_load_section``: runs inside the load's transaction
after seats and locations exist; matches core values and decision areas by name, their
seats and overrides by (area, seat) and (area, location); writes and deletes through the
loader, so every change is counted and audited with the rest of the load. A file without
decision areas leaves the practice with none (the database matches the file).
"""

from __future__ import annotations

from typing import Any

from practiceos.leadership.models import (
    AreaOverride,
    AreaSeat,
    CoreValue,
    DecisionArea,
    Involvement,
    Vision,
)
from practiceos.org.loading import register_load_section


@register_load_section
def load_leadership(loader: Any) -> None:
    """Make the practice's vision and decision areas match the snapshot."""
    pid = loader.practice.pk
    _load_vision(loader, pid)
    _load_areas(loader, pid)


def _load_vision(loader: Any, pid: int) -> None:
    vision = loader.snap.vision
    row = Vision.objects.filter(practice_id=pid).first()
    existing = {pid: row} if row is not None else {}
    if existing or not vision.is_empty:
        loader.sync(
            "vision",
            Vision,
            existing,
            [
                (
                    pid,
                    {
                        "three_year_picture": vision.three_year_picture,
                        "one_year_goals": list(vision.one_year_goals),
                        "core_focus": vision.core_focus,
                        "what_good_looks_like": vision.what_good_looks_like,
                    },
                )
            ],
        )
    values = {row.name: row for row in CoreValue.objects.filter(practice_id=pid)}
    wanted = [
        (v.name, {"name": v.name, "behaviour": v.behaviour, "position": i})
        for i, v in enumerate(vision.core_values)
    ]
    names = {name for name, _ in wanted}
    loader.delete("core values", [row for name, row in values.items() if name not in names])
    loader.sync("core values", CoreValue, {k: v for k, v in values.items() if k in names}, wanted)


def _load_areas(loader: Any, pid: int) -> None:
    snap = loader.snap
    seats, locations = loader.seat_by_id, loader.location_by_id
    existing = {row.name: row for row in DecisionArea.objects.filter(practice_id=pid)}
    areas = loader.sync(
        "decision areas",
        DecisionArea,
        existing,
        [
            (
                area.name,
                {
                    "name": area.name,
                    "key": area.key,
                    "kind": area.kind.value,
                    "description": area.description,
                    "keywords": list(area.keywords),
                    "decider": seats.get(area.decider_seat_id) if area.decider_seat_id else None,
                },
            )
            for area in snap.decision_areas
        ],
    )
    loader.delete("decision areas", [row for name, row in existing.items() if name not in areas])
    by_id = {area.id: areas[area.name] for area in snap.decision_areas}
    _load_links(loader, pid, snap, by_id, seats)
    _load_overrides(loader, pid, snap, by_id, seats, locations)


def _load_links(
    loader: Any, pid: int, snap: Any, by_id: dict[str, Any], seats: dict[str, Any]
) -> None:
    existing = {
        (row.area_id, row.seat_id, row.involvement): row
        for row in AreaSeat.objects.filter(practice_id=pid)
    }
    wanted: list[tuple[Any, dict[str, Any]]] = []
    for area in snap.decision_areas:
        row = by_id[area.id]
        for involvement, seat_ids in (
            (Involvement.CONSULTED, area.consulted),
            (Involvement.INFORMED, area.informed),
        ):
            for seat_id in seat_ids:
                seat = seats.get(seat_id)
                if seat is not None:
                    key = (row.pk, seat.pk, involvement.value)
                    wanted.append(
                        (key, {"area": row, "seat": seat, "involvement": involvement.value})
                    )
    keys = {key for key, _ in wanted}
    loader.delete("area seats", [row for key, row in existing.items() if key not in keys])
    loader.sync("area seats", AreaSeat, {k: v for k, v in existing.items() if k in keys}, wanted)


def _load_overrides(
    loader: Any,
    pid: int,
    snap: Any,
    by_id: dict[str, Any],
    seats: dict[str, Any],
    locations: dict[str, Any],
) -> None:
    existing = {
        (row.area_id, row.location_id): row for row in AreaOverride.objects.filter(practice_id=pid)
    }
    wanted: list[tuple[Any, dict[str, Any]]] = []
    for area in snap.decision_areas:
        row = by_id[area.id]
        for override in area.overrides:
            seat, location = seats.get(override.seat_id), locations.get(override.location_id)
            if seat is not None and location is not None:
                wanted.append(
                    ((row.pk, location.pk), {"area": row, "location": location, "seat": seat})
                )
    keys = {key for key, _ in wanted}
    loader.delete("area overrides", [row for key, row in existing.items() if key not in keys])
    loader.sync(
        "area overrides", AreaOverride, {k: v for k, v in existing.items() if k in keys}, wanted
    )
