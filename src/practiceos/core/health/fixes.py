"""Fixes as structural changes, and applying them to a snapshot.

A finding's fix is a list of small, typed changes (create a seat, move a reporting line,
add a service line, set a field, end or add an assignment). The scenario feature stores
them (``to_dict`` / :func:`change_from_dict`) and applies them to a draft copy of the
structure with :func:`apply_changes`; the tests apply them to prove a fix clears its
finding.

Seats created by a fix are named by a ``temp_ref`` (``new:support-services-manager:loc-1``)
that later changes in the same list may use wherever a seat id is expected. The created
seat's id *is* its ``temp_ref``; a :class:`CreateSeat` whose ``temp_ref`` already names a
seat reuses that seat instead of creating a second one, so applying the fixes of several
findings that propose the same new seat creates it once.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, replace
from typing import ClassVar, TypeAlias

from practiceos.core.leadership import AreaOverride
from practiceos.core.model import (
    Assignment,
    Level,
    Location,
    Person,
    Role,
    Seat,
    SeatKind,
    Snapshot,
    Team,
)

#: A value :class:`SetField` may set.
FieldValue: TypeAlias = str | int | float | bool | tuple[str, ...] | None

SeatNamer: TypeAlias = Callable[[str], str]
"""Turns a seat id or temp_ref into a display name (used by ``describe``)."""


class Namer:
    """Display names for everything a change can mention, for ``describe``.

    Calling it names a seat (a :data:`SeatNamer`), so it can be passed wherever a seat
    namer is expected; :meth:`person` and :meth:`assignment` let the changes that touch
    people say "take Jo Lee out of "Front Desk"" instead of quoting an assignment id.
    A plain seat namer still works: those changes then fall back to the ids.
    """

    def __init__(
        self,
        seat: SeatNamer,
        person: Callable[[str], str | None] | None = None,
        assignment: Callable[[str], tuple[str, str] | None] | None = None,
    ) -> None:
        self._seat = seat
        self._person = person
        self._assignment = assignment

    def __call__(self, ref: str) -> str:
        return self._seat(ref)

    def person(self, person_id: str) -> str | None:
        """The person's name, or ``None`` when unknown."""
        return self._person(person_id) if self._person is not None else None

    def assignment(self, assignment_id: str) -> tuple[str, str] | None:
        """``(person name, seat display name)`` of an assignment, or ``None`` when unknown."""
        return self._assignment(assignment_id) if self._assignment is not None else None


def _assignment_words(seat_name: SeatNamer, assignment_id: str) -> tuple[str, str] | None:
    return seat_name.assignment(assignment_id) if isinstance(seat_name, Namer) else None


class ChangeError(ValueError):
    """A change cannot be applied (or parsed): it names a thing that does not exist."""


@dataclass(frozen=True, slots=True)
class CreateSeat:
    """Create a seat; ``reports_to`` is a seat id or an earlier temp_ref (or ``None``).

    The seat gets a role titled ``role_title`` of the same kind: an existing role with
    that title, kind and ``provider_lead`` flag is reused, otherwise one is created.
    """

    action: ClassVar[str] = "create_seat"

    temp_ref: str
    name: str
    role_title: str
    kind: SeatKind
    location_id: str | None
    reports_to: str | None
    provider_lead: bool = False

    def to_dict(self) -> dict[str, object]:
        """JSON form with an ``action`` key."""
        return {
            "action": self.action,
            "temp_ref": self.temp_ref,
            "name": self.name,
            "role_title": self.role_title,
            "kind": self.kind.value,
            "location_id": self.location_id,
            "reports_to": self.reports_to,
            "provider_lead": self.provider_lead,
        }

    def describe(self, seat_name: SeatNamer) -> str:
        """One line for a person reading the report."""
        manager = seat_name(self.reports_to) if self.reports_to else "nobody (top of the chart)"
        return f'create a {self.kind.value} seat "{self.name}" reporting to {manager}'


@dataclass(frozen=True, slots=True)
class MoveReportingLine:
    """Make ``seat_id`` report to ``new_manager`` (a seat id, a temp_ref, or ``None``)."""

    action: ClassVar[str] = "move_reporting_line"

    seat_id: str
    new_manager: str | None

    def to_dict(self) -> dict[str, object]:
        """JSON form with an ``action`` key."""
        return {"action": self.action, "seat_id": self.seat_id, "new_manager": self.new_manager}

    def describe(self, seat_name: SeatNamer) -> str:
        """One line for a person reading the report."""
        target = seat_name(self.new_manager) if self.new_manager else "nobody (top of the chart)"
        return f"move {seat_name(self.seat_id)} to report to {target}"


@dataclass(frozen=True, slots=True)
class AddServiceLink:
    """Record that a support seat serves a provider seat (a service line, not a reporting line)."""

    action: ClassVar[str] = "add_service_link"

    support_seat_id: str
    provider_seat_id: str

    def to_dict(self) -> dict[str, object]:
        """JSON form with an ``action`` key."""
        return {
            "action": self.action,
            "support_seat_id": self.support_seat_id,
            "provider_seat_id": self.provider_seat_id,
        }

    def describe(self, seat_name: SeatNamer) -> str:
        """One line for a person reading the report."""
        return f"keep {seat_name(self.support_seat_id)} serving {seat_name(self.provider_seat_id)}"


@dataclass(frozen=True, slots=True)
class SetField:
    """Set one field of one object: ``object_type`` is seat, role, location, team, person
    or assignment; ``field`` any field but ``id``. Dates are given as ISO strings."""

    action: ClassVar[str] = "set_field"

    object_type: str
    object_id: str
    field: str
    value: FieldValue

    def to_dict(self) -> dict[str, object]:
        """JSON form with an ``action`` key (tuples become lists)."""
        value = list(self.value) if isinstance(self.value, tuple) else self.value
        return {
            "action": self.action,
            "object_type": self.object_type,
            "object_id": self.object_id,
            "field": self.field,
            "value": value,
        }

    def describe(self, seat_name: SeatNamer) -> str:
        """One line for a person reading the report."""
        if self.object_type == "assignment":
            words = _assignment_words(seat_name, self.object_id)
            if words is not None:
                person, seat = words
                if self.field == "accountable" and self.value is True:
                    return f"make {person} accountable for {seat}"
                if self.field == "accountable" and self.value is False:
                    return f"keep {person} in {seat} as a job-share partner, not accountable"
                if self.field == "fte" and isinstance(self.value, int | float):
                    return f"reduce {person}'s time in {seat} to {self.value:g} FTE"
        if self.object_type == "seat":
            seat = seat_name(self.object_id)
            if self.field == "note" and self.value == "":
                return f"clear the import note on {seat}"
            if self.field in ("role_id", "location_id", "team_id") and self.value is None:
                return f"clear the missing {self.field.removesuffix('_id')} of {seat}"
            if self.field == "serves" and isinstance(self.value, tuple):
                if not self.value:
                    return f"stop {seat} serving seats that do not exist"
                served = ", ".join(seat_name(v) for v in self.value)
                return f"make {seat} serve only {served}"
        what = (
            seat_name(self.object_id)
            if self.object_type == "seat"
            else (f"{self.object_type} {self.object_id!r}")
        )
        value = list(self.value) if isinstance(self.value, tuple) else self.value
        return f"set {self.field} of {what} to {value!r}"


@dataclass(frozen=True, slots=True)
class EndAssignment:
    """End an assignment on ``end`` (default: the snapshot's date), leaving the seat."""

    action: ClassVar[str] = "end_assignment"

    assignment_id: str
    end: dt.date | None = None

    def to_dict(self) -> dict[str, object]:
        """JSON form with an ``action`` key (the date as ISO text)."""
        return {
            "action": self.action,
            "assignment_id": self.assignment_id,
            "end": self.end.isoformat() if self.end else None,
        }

    def describe(self, seat_name: SeatNamer) -> str:
        """One line for a person reading the report."""
        when = f" on {self.end.isoformat()}" if self.end else ""
        words = _assignment_words(seat_name, self.assignment_id)
        if words is not None:
            person, seat = words
            return f"take {person} out of {seat}{when}"
        return f"end assignment {self.assignment_id!r}{when}"


@dataclass(frozen=True, slots=True)
class AssignPerson:
    """Put a person in a seat (a seat id or temp_ref) from ``start`` (default: snapshot date)."""

    action: ClassVar[str] = "assign_person"

    person_id: str
    seat_id: str
    fte: float = 1.0
    accountable: bool = True
    level: Level = Level.SENIOR
    start: dt.date | None = None

    def to_dict(self) -> dict[str, object]:
        """JSON form with an ``action`` key."""
        return {
            "action": self.action,
            "person_id": self.person_id,
            "seat_id": self.seat_id,
            "fte": self.fte,
            "accountable": self.accountable,
            "level": self.level.value,
            "start": self.start.isoformat() if self.start else None,
        }

    def describe(self, seat_name: SeatNamer) -> str:
        """One line for a person reading the report."""
        person = seat_name.person(self.person_id) if isinstance(seat_name, Namer) else None
        who = person if person is not None else f"person {self.person_id!r}"
        return f"put {who} in {seat_name(self.seat_id)} at {self.fte:g} FTE"


@dataclass(frozen=True, slots=True)
class SetDecider:
    """Make ``seat_id`` (a seat id or temp_ref) the deciding seat of a decision area:
    practice-wide, or only at ``location_id`` (a per-location override). ``area_name`` is
    kept for the description only."""

    action: ClassVar[str] = "set_decider"

    area_id: str
    area_name: str
    seat_id: str
    location_id: str | None = None

    def to_dict(self) -> dict[str, object]:
        """JSON form with an ``action`` key."""
        return {
            "action": self.action,
            "area_id": self.area_id,
            "area_name": self.area_name,
            "seat_id": self.seat_id,
            "location_id": self.location_id,
        }

    def describe(self, seat_name: SeatNamer) -> str:
        """One line for a person reading the report."""
        where = " for its location" if self.location_id else ""
        return f'let {seat_name(self.seat_id)} decide "{self.area_name}"{where}'


@dataclass(frozen=True, slots=True)
class PlainStep:
    """A step a person takes that changes no structure (write the vision, record a
    week of time); applying it changes nothing. ``text`` is the instruction."""

    action: ClassVar[str] = "plain_step"

    text: str

    def to_dict(self) -> dict[str, object]:
        """JSON form with an ``action`` key."""
        return {"action": self.action, "text": self.text}

    def describe(self, seat_name: SeatNamer) -> str:
        """The instruction itself."""
        return self.text


#: Any structural change a fix can contain.
Change: TypeAlias = (
    CreateSeat
    | MoveReportingLine
    | AddServiceLink
    | SetField
    | EndAssignment
    | AssignPerson
    | SetDecider
    | PlainStep
)

CHANGE_TYPES: dict[str, type[Change]] = {
    cls.action: cls
    for cls in (
        CreateSeat,
        MoveReportingLine,
        AddServiceLink,
        SetField,
        EndAssignment,
        AssignPerson,
        SetDecider,
        PlainStep,
    )
}

# How SetField coerces and checks a value for each settable field.
_FIELD_KINDS: dict[str, dict[str, str]] = {
    "seat": {
        "name": "str",
        "kind": "kind",
        "role_id": "opt_str",
        "location_id": "opt_str",
        "team_id": "opt_str",
        "reports_to": "opt_str",
        "serves": "str_tuple",
        "note": "str",
    },
    "role": {
        "title": "str",
        "kind": "kind",
        "purpose": "str",
        "responsibilities": "str_tuple",
        "decision_rights": "str_tuple",
        "provider_lead": "bool",
    },
    "location": {"name": "str", "address": "str"},
    "team": {"name": "str", "manager_seat_id": "opt_str", "goal": "str"},
    "person": {"name": "str", "preferred_name": "str", "email": "str", "employee_id": "str"},
    "assignment": {
        "person_id": "str",
        "seat_id": "str",
        "start": "opt_date",
        "end": "opt_date",
        "fte": "fte",
        "level": "level",
        "accountable": "bool",
    },
}


def _coerce(kind: str, value: object, where: str) -> object:
    """Check and convert a SetField value for a field of the given kind."""
    bad = ChangeError(f"{where}: {value!r} is not a valid value")
    if kind == "str":
        if not isinstance(value, str):
            raise bad
        return value
    if kind == "opt_str":
        if value is not None and not isinstance(value, str):
            raise bad
        return value
    if kind == "str_tuple":
        if isinstance(value, str) or not isinstance(value, list | tuple):
            raise bad
        if not all(isinstance(v, str) for v in value):
            raise bad
        return tuple(value)
    if kind == "bool":
        if not isinstance(value, bool):
            raise bad
        return value
    if kind == "fte":
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise bad
        if not math.isfinite(value) or value < 0:
            raise bad
        return float(value)
    if kind == "kind":
        if not isinstance(value, str) or value not in {k.value for k in SeatKind}:
            raise bad
        return SeatKind(value)
    if kind == "level":
        if not isinstance(value, str) or value not in {lv.value for lv in Level}:
            raise bad
        return Level(value)
    # opt_date
    if value is None or isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            raise bad from None
    raise bad


class _Draft:
    """Mutable working copy of a snapshot's tuples while changes are applied."""

    def __init__(self, snapshot: Snapshot) -> None:
        self.snapshot = snapshot
        self.seats: list[Seat] = list(snapshot.seats)
        self.roles: list[Role] = list(snapshot.roles)
        self.locations: list[Location] = list(snapshot.locations)
        self.teams: list[Team] = list(snapshot.teams)
        self.people: list[Person] = list(snapshot.people)
        self.assignments: list[Assignment] = list(snapshot.assignments)
        self.snapshot_areas = snapshot.decision_areas
        self.refs: dict[str, str] = {}
        # id -> positions; lists because an inconsistent snapshot may repeat an id.
        self.index: dict[str, dict[str, list[int]]] = {
            name: _positions(getattr(self, _LIST_OF[name]))
            for name in ("seat", "role", "location", "team", "person", "assignment")
        }

    def seat_id(self, ref: str, what: str) -> str:
        """Resolve a temp_ref or seat id to an existing seat id."""
        if ref in self.refs:
            return self.refs[ref]
        if ref in self.index["seat"]:
            return ref
        raise ChangeError(f"{what}: no seat or new seat called {ref!r}")

    def update(self, object_type: str, object_id: str, fn: Callable[[object], object]) -> None:
        """Replace every object of the type with that id by ``fn(object)``."""
        positions = self.index[object_type].get(object_id)
        if not positions:
            raise ChangeError(f"no {object_type} with id {object_id!r}")
        items: list[object] = getattr(self, _LIST_OF[object_type])
        for position in positions:
            items[position] = fn(items[position])

    def add(self, object_type: str, item: Seat | Role | Assignment) -> None:
        """Append a new object and index it."""
        items: list[object] = getattr(self, _LIST_OF[object_type])
        self.index[object_type].setdefault(item.id, []).append(len(items))
        items.append(item)

    def unique_id(self, object_type: str, base: str) -> str:
        """``base``, or ``base~2``, ``base~3`` ... whichever is not taken yet."""
        candidate, n = base, 1
        while candidate in self.index[object_type]:
            n += 1
            candidate = f"{base}~{n}"
        return candidate

    def apply(self, change: Change) -> None:
        """Apply one change to the working copy."""
        if isinstance(change, CreateSeat):
            self._create_seat(change)
        elif isinstance(change, MoveReportingLine):
            seat_id = self.seat_id(change.seat_id, "move_reporting_line.seat_id")
            manager = (
                None
                if change.new_manager is None
                else self.seat_id(change.new_manager, "move_reporting_line.new_manager")
            )
            if manager == seat_id:
                raise ChangeError(f"move_reporting_line: seat {seat_id!r} cannot report to itself")
            self.update("seat", seat_id, lambda s: replace(_seat(s), reports_to=manager))
        elif isinstance(change, AddServiceLink):
            support = self.seat_id(change.support_seat_id, "add_service_link.support_seat_id")
            provider = self.seat_id(change.provider_seat_id, "add_service_link.provider_seat_id")

            def link(s: object) -> object:
                seat = _seat(s)
                if provider in seat.serves:
                    return seat
                return replace(seat, serves=(*seat.serves, provider))

            self.update("seat", support, link)
        elif isinstance(change, SetField):
            self._set_field(change)
        elif isinstance(change, SetDecider):
            self._set_decider(change)
        elif isinstance(change, PlainStep):
            pass  # a person's step: nothing to change in the structure
        elif isinstance(change, EndAssignment):
            end = change.end or self.snapshot.as_of

            def finish(a: object) -> object:
                assignment = _assignment(a)
                if assignment.end is not None and assignment.end <= end:
                    return assignment  # already over: ending it again changes nothing
                return replace(assignment, end=end)

            self.update("assignment", change.assignment_id, finish)
        elif isinstance(change, PlainStep):
            return  # done by a person, outside the chart
        else:
            self._assign_person(change)

    def _create_seat(self, change: CreateSeat) -> None:
        if change.temp_ref in self.refs or change.temp_ref in self.index["seat"]:
            self.refs[change.temp_ref] = self.refs.get(change.temp_ref, change.temp_ref)
            return
        manager = (
            None
            if change.reports_to is None
            else self.seat_id(change.reports_to, "create_seat.reports_to")
        )
        if change.location_id is not None and change.location_id not in self.index["location"]:
            raise ChangeError(
                f"create_seat.location_id: no location with id {change.location_id!r}"
            )
        role_id = self._role_for(change) if change.role_title.strip() else None
        self.add(
            "seat",
            Seat(
                id=change.temp_ref,
                name=change.name,
                kind=change.kind,
                role_id=role_id,
                location_id=change.location_id,
                reports_to=manager,
            ),
        )
        self.refs[change.temp_ref] = change.temp_ref

    def _role_for(self, change: CreateSeat) -> str:
        wanted = change.role_title.strip().casefold()
        for role in self.roles:
            if (
                role.title.strip().casefold() == wanted
                and role.kind == change.kind
                and role.provider_lead == change.provider_lead
            ):
                return role.id
        role_id = self.unique_id("role", f"role:{change.temp_ref}")
        self.add(
            "role",
            Role(
                id=role_id,
                title=change.role_title.strip(),
                kind=change.kind,
                provider_lead=change.provider_lead,
            ),
        )
        return role_id

    def _set_field(self, change: SetField) -> None:
        kinds = _FIELD_KINDS.get(change.object_type)
        if kinds is None:
            raise ChangeError(
                f"set_field.object_type: {change.object_type!r} is not one of {', '.join(_FIELD_KINDS)}"
            )
        if change.field not in kinds:
            raise ChangeError(
                f"set_field.field: {change.object_type} has no settable field {change.field!r}"
            )
        object_id = change.object_id
        if change.object_type == "seat":
            object_id = self.seat_id(object_id, "set_field.object_id")
        value = _coerce(kinds[change.field], change.value, f"set_field {change.field}")
        field = change.field
        # The dataclasses are frozen and slotted: replace() builds the new object.
        self.update(change.object_type, object_id, lambda o: replace(o, **{field: value}))  # type: ignore[type-var]

    def _set_decider(self, change: SetDecider) -> None:
        seat_id = self.seat_id(change.seat_id, "set_decider.seat_id")
        areas = list(self.snapshot_areas)
        found = [i for i, a in enumerate(areas) if a.id == change.area_id]
        if not found:
            raise ChangeError(f"set_decider.area_id: no decision area with id {change.area_id!r}")
        for i in found:
            area = areas[i]
            if change.location_id is None:
                areas[i] = replace(area, decider_seat_id=seat_id)
            else:
                kept = tuple(o for o in area.overrides if o.location_id != change.location_id)
                override = AreaOverride(location_id=change.location_id, seat_id=seat_id)
                areas[i] = replace(area, overrides=(*kept, override))
        self.snapshot_areas = tuple(areas)

    def _assign_person(self, change: AssignPerson) -> None:
        if change.person_id not in self.index["person"]:
            raise ChangeError(f"assign_person.person_id: no person with id {change.person_id!r}")
        seat_id = self.seat_id(change.seat_id, "assign_person.seat_id")
        if isinstance(change.fte, bool) or not math.isfinite(change.fte) or change.fte < 0:
            raise ChangeError(f"assign_person.fte: {change.fte!r} is not a valid FTE")
        assignment_id = self.unique_id("assignment", f"new:assignment:{change.person_id}:{seat_id}")
        self.add(
            "assignment",
            Assignment(
                id=assignment_id,
                person_id=change.person_id,
                seat_id=seat_id,
                start=change.start or self.snapshot.as_of,
                fte=float(change.fte),
                level=change.level,
                accountable=change.accountable,
            ),
        )

    def build(self) -> Snapshot:
        """The new snapshot (fresh object: its cached indexes are rebuilt on demand)."""
        return replace(
            self.snapshot,
            seats=tuple(self.seats),
            roles=tuple(self.roles),
            locations=tuple(self.locations),
            teams=tuple(self.teams),
            people=tuple(self.people),
            assignments=tuple(self.assignments),
            decision_areas=self.snapshot_areas,
        )


_LIST_OF = {
    "seat": "seats",
    "role": "roles",
    "location": "locations",
    "team": "teams",
    "person": "people",
    "assignment": "assignments",
}


def _positions(
    items: Iterable[Seat | Role | Location | Team | Person | Assignment],
) -> dict[str, list[int]]:
    out: dict[str, list[int]] = {}
    for position, item in enumerate(items):
        out.setdefault(item.id, []).append(position)
    return out


def _seat(obj: object) -> Seat:
    assert isinstance(obj, Seat)
    return obj


def _assignment(obj: object) -> Assignment:
    assert isinstance(obj, Assignment)
    return obj


def apply_changes(snapshot: Snapshot, changes: Iterable[Change]) -> Snapshot:
    """Apply changes in order and return a new snapshot; ``snapshot`` is not modified.

    Raises :class:`ChangeError` when a change names a seat, person, location or
    assignment that does not exist (after earlier changes), or sets an unknown field or
    an invalid value. Changes are not checked for the structural problems the health
    check finds (a move may create a reporting cycle): run the check on the result.
    Cost is linear in the size of the snapshot plus the number of changes.
    """
    draft = _Draft(snapshot)
    for change in changes:
        draft.apply(change)
    return draft.build()


def change_from_dict(data: Mapping[str, object]) -> Change:
    """Rebuild a change from its ``to_dict()`` form (for example a stored scenario).

    Raises :class:`ChangeError` naming the key and value when the data is not a valid
    change.
    """
    action = data.get("action")
    cls = CHANGE_TYPES.get(action) if isinstance(action, str) else None
    if cls is None:
        raise ChangeError(f"action: {action!r} is not one of {', '.join(CHANGE_TYPES)}")
    spec = _DICT_SPECS[cls.action]
    unknown = sorted(set(data) - set(spec) - {"action"})
    if unknown:
        raise ChangeError(f"{cls.action}: unknown key {unknown[0]!r}")
    kwargs: dict[str, object] = {}
    for key, (kind, required) in spec.items():
        if key not in data:
            if required:
                raise ChangeError(f"{cls.action}.{key}: missing")
            continue
        value = data[key]
        if kind == "value":
            if isinstance(value, list):
                value = tuple(value)
            if value is not None and not isinstance(value, str | int | float | bool | tuple):
                raise ChangeError(f"{cls.action}.{key}: {value!r} is not a valid value")
            kwargs[key] = value
        else:
            kwargs[key] = _coerce(kind, value, f"{cls.action}.{key}")
    return cls(**kwargs)  # type: ignore[arg-type]


# action -> key -> (value kind for _coerce, required)
_DICT_SPECS: dict[str, dict[str, tuple[str, bool]]] = {
    "create_seat": {
        "temp_ref": ("str", True),
        "name": ("str", True),
        "role_title": ("str", True),
        "kind": ("kind", True),
        "location_id": ("opt_str", True),
        "reports_to": ("opt_str", True),
        "provider_lead": ("bool", False),
    },
    "move_reporting_line": {"seat_id": ("str", True), "new_manager": ("opt_str", True)},
    "add_service_link": {"support_seat_id": ("str", True), "provider_seat_id": ("str", True)},
    "set_field": {
        "object_type": ("str", True),
        "object_id": ("str", True),
        "field": ("str", True),
        "value": ("value", True),
    },
    "end_assignment": {"assignment_id": ("str", True), "end": ("opt_date", False)},
    "plain_step": {"text": ("str", True)},
    "set_decider": {
        "area_id": ("str", True),
        "area_name": ("str", True),
        "seat_id": ("str", True),
        "location_id": ("opt_str", False),
    },
    "assign_person": {
        "person_id": ("str", True),
        "seat_id": ("str", True),
        "fte": ("fte", False),
        "accountable": ("bool", False),
        "level": ("level", False),
        "start": ("opt_date", False),
    },
}
