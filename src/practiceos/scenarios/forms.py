"""Hand edits of a scenario: a posted form (or a drag on the chart) turned into changes.

Seats and people are named as people know them (a seat's name, a person's name, email or
employee id); a seat id is accepted too, which is what a drag on the chart sends. Every
refusal is a :class:`~practiceos.core.problems.Problem` naming the form field, the value
and what is accepted. The names are resolved against the scenario's chart, so a seat the
scenario created can be edited like any other.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from practiceos.core.health import AssignPerson, CreateSeat, EndAssignment, MoveReportingLine
from practiceos.core.model import SEAT_KINDS, Person, Seat, SeatKind, Snapshot
from practiceos.core.problems import InputError, Problem
from practiceos.core.scenario import CloseSeat, ScenarioChange

#: The hand edits, as the form's ``action`` field names them.
HAND_ACTIONS = {
    "move": "Move a seat under another manager",
    "create": "Create a seat (vacant: open it to hire)",
    "close": "Close a seat",
    "assign": "Move or add a person to a seat",
    "vacate": "Make a seat vacant",
}
TEXT_MAX = 160


def _text(data: Mapping[str, str], key: str, *, required: bool = False) -> str:
    value = str(data.get(key, "") or "").strip()
    if len(value) > TEXT_MAX:
        raise InputError([Problem(key, f"is {len(value)} characters long; use at most {TEXT_MAX}")])
    if required and not value:
        raise InputError([Problem(key, "is required")])
    return value


def find_seat(snapshot: Snapshot, key: str, value: str) -> Seat:
    """The seat called ``value`` (or with that id) in the scenario's chart."""
    by_id = snapshot.seats_by_id.get(value)
    if by_id is not None:
        return by_id
    wanted = value.casefold()
    found = [s for s in snapshot.seats if s.name.casefold() == wanted]
    if len(found) == 1:
        return found[0]
    if not found:
        raise InputError(
            [
                Problem(
                    key,
                    f'no seat called "{value}" in this scenario; use a seat\'s name as the chart shows it',
                )
            ]
        )
    raise InputError([Problem(key, f'{len(found)} seats are called "{value}"; use the exact name')])


def find_person(snapshot: Snapshot, key: str, value: str) -> Person:
    """The person with that name, email or employee id (or id)."""
    by_id = snapshot.people_by_id.get(value)
    if by_id is not None:
        return by_id
    wanted = value.casefold()
    found = [
        p
        for p in snapshot.people
        if wanted in (p.name.casefold(), p.email.casefold(), p.employee_id.casefold())
    ]
    if len(found) == 1:
        return found[0]
    if not found:
        raise InputError(
            [Problem(key, f'nobody called "{value}"; use a name, email or employee id')]
        )
    raise InputError(
        [Problem(key, f'{len(found)} people match "{value}"; use their email or employee id')]
    )


def _manager(snapshot: Snapshot, data: Mapping[str, str]) -> str | None:
    value = _text(data, "manager")
    return find_seat(snapshot, "manager", value).id if value else None


def _fte(data: Mapping[str, str]) -> float:
    raw = _text(data, "fte") or "1"
    try:
        fte = float(raw)
    except ValueError:
        fte = -1.0
    if not 0 < fte <= 1:
        raise InputError(
            [Problem("fte", f'"{raw}" is not an FTE; use a number above 0 and at most 1')]
        )
    return fte


def _temp_ref(snapshot: Snapshot, name: str) -> str:
    base = "new:" + (re.sub(r"[^a-z0-9]+", "-", name.casefold()).strip("-") or "seat")
    ref, n = base, 1
    while ref in snapshot.seats_by_id:
        n += 1
        ref = f"{base}~{n}"
    return ref


def changes_from_form(data: Mapping[str, str], snapshot: Snapshot) -> list[ScenarioChange]:
    """The changes a hand edit asks for, resolved against the scenario's chart."""
    action = _text(data, "action", required=True)
    if action not in HAND_ACTIONS:
        raise InputError(
            [Problem("action", f'"{action}" is not an edit; use one of {", ".join(HAND_ACTIONS)}')]
        )
    if action == "move":
        seat = find_seat(snapshot, "seat", _text(data, "seat", required=True))
        return [MoveReportingLine(seat.id, _manager(snapshot, data))]
    if action == "close":
        seat = find_seat(snapshot, "seat", _text(data, "seat", required=True))
        return [CloseSeat(seat.id)]
    if action == "vacate":
        seat = find_seat(snapshot, "seat", _text(data, "seat", required=True))
        holders = snapshot.holders_of.get(seat.id, ())
        if not holders:
            raise InputError([Problem("seat", f'"{seat.name}" is already vacant')])
        return [EndAssignment(a.id) for a in holders]
    if action == "assign":
        return _assign(data, snapshot)
    return [_create(data, snapshot)]


def _create(data: Mapping[str, str], snapshot: Snapshot) -> CreateSeat:
    name = _text(data, "name", required=True)
    kind = _text(data, "kind", required=True)
    if kind not in SEAT_KINDS:
        raise InputError(
            [Problem("kind", f'"{kind}" is not a seat kind; use one of {", ".join(SEAT_KINDS)}')]
        )
    location_name = _text(data, "location")
    location_id = None
    if location_name:
        matches = [
            loc.id
            for loc in snapshot.locations
            if location_name.casefold() in (loc.name.casefold(), loc.id)
        ]
        if not matches:
            raise InputError(
                [
                    Problem(
                        "location",
                        f'no location called "{location_name}"; leave it empty or use a location\'s name',
                    )
                ]
            )
        location_id = matches[0]
    return CreateSeat(
        temp_ref=_temp_ref(snapshot, name),
        name=name,
        role_title=_text(data, "role") or name,
        kind=SeatKind(kind),
        location_id=location_id,
        reports_to=_manager(snapshot, data),
    )


def _assign(data: Mapping[str, str], snapshot: Snapshot) -> list[ScenarioChange]:
    person = find_person(snapshot, "person", _text(data, "person", required=True))
    seat = find_seat(snapshot, "seat", _text(data, "seat", required=True))
    fte = _fte(data)
    accountable = data.get("accountable", "") in ("on", "true", "1", "yes")
    changes: list[ScenarioChange] = []
    current = snapshot.seats_of.get(person.id, ())
    if any(a.seat_id == seat.id for a in current):
        raise InputError([Problem("seat", f'{person.name} is already in "{seat.name}"')])
    if data.get("leaves", "") in ("on", "true", "1", "yes"):
        changes += [EndAssignment(a.id) for a in current]
    changes.append(AssignPerson(person.id, seat.id, fte=fte, accountable=accountable))
    return changes
