"""Scenarios: a draft of a practice's structure kept as a base version plus changes.

A scenario never copies the chart. It stores the *version* of the live chart it started
from (:func:`chart_fingerprint`), a fingerprint of every existing seat its changes touch
(:func:`seat_fingerprints`, so a chart that moved on underneath can be told apart from
one that only changed elsewhere), and an ordered list of changes: the health check's fix
changes (:mod:`practiceos.core.health.fixes`) plus :class:`CloseSeat`, which only hand
edits use. :func:`apply_scenario` replays them on a snapshot of the live chart.

Adding changes goes through :mod:`practiceos.core.scenario_merge`: a change the scenario
already has is not added again, one that contradicts an earlier change (moving the same
seat to a different manager, setting the same field to another value) is skipped and
reported, unless it is a hand edit, which replaces the earlier change, and a finding's fix
that would close a reporting cycle with the fixes before it is left out whole. :func:`check_scenario`
applies the changes and reports, as :class:`~practiceos.core.problems.Problem` values
naming the change and the seats, whatever would make the result unusable: a change that
names something missing, a reporting cycle the base did not have, two seats with one
name (seats are matched by name when the scenario is published).

Everything here is pure and linear in the size of the snapshot plus the changes.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import ClassVar, TypeAlias

from practiceos.core.gcpause import paused_gc
from practiceos.core.health.facts import Facts
from practiceos.core.health.fixes import (
    CHANGE_TYPES,
    AddServiceLink,
    AssignPerson,
    Change,
    ChangeError,
    CreateSeat,
    EndAssignment,
    MoveReportingLine,
    SeatNamer,
    SetField,
    _Draft,
    change_from_dict,
)
from practiceos.core.health.policy import Policy
from practiceos.core.model import Snapshot
from practiceos.core.problems import Problem

#: Most changes one scenario may hold (every fix of a 10,000-seat practice fits).
MAX_CHANGES = 20_000


@dataclass(frozen=True, slots=True)
class CloseSeat:
    """Close a seat: its reports move up to its manager, its holders leave it, service
    lines to and from it end, and a team it managed has no managing seat."""

    action: ClassVar[str] = "close_seat"

    seat_id: str

    def to_dict(self) -> dict[str, object]:
        """JSON form with an ``action`` key."""
        return {"action": self.action, "seat_id": self.seat_id}

    def describe(self, seat_name: SeatNamer) -> str:
        """One line for a person reading the change list."""
        return f"close {seat_name(self.seat_id)} (its reports move up to its manager)"


#: Any change a scenario can hold.
ScenarioChange: TypeAlias = Change | CloseSeat


def change_to_dict(change: ScenarioChange) -> dict[str, object]:
    """The stored (JSON) form of a change."""
    return change.to_dict()


def scenario_change_from_dict(data: Mapping[str, object]) -> ScenarioChange:
    """Rebuild a stored change; raises :class:`ChangeError` naming the key and value."""
    if data.get("action") == CloseSeat.action:
        unknown = sorted(set(data) - {"action", "seat_id"})
        if unknown:
            raise ChangeError(f"close_seat: unknown key {unknown[0]!r}")
        seat_id = data.get("seat_id")
        if not isinstance(seat_id, str) or not seat_id:
            raise ChangeError(f"close_seat.seat_id: {seat_id!r} is not a seat id")
        return CloseSeat(seat_id)
    action = data.get("action")
    known = (CloseSeat.action, *CHANGE_TYPES)
    if action not in known:
        raise ChangeError(f"action: {action!r} is not one of {', '.join(known)}")
    return change_from_dict(data)


def changes_from_dicts(items: Iterable[object]) -> tuple[ScenarioChange, ...]:
    """Rebuild a stored list of changes; the error names the change's position."""
    out: list[ScenarioChange] = []
    for index, item in enumerate(items):
        if not isinstance(item, Mapping):
            raise ChangeError(f"changes[{index}]: {item!r:.60} is not a change (an object)")
        try:
            out.append(scenario_change_from_dict(item))
        except ChangeError as err:
            raise ChangeError(f"changes[{index}].{err}") from None
    return tuple(out)


# --- which seats a change reads or writes ---------------------------------------------------


def seat_refs(change: ScenarioChange) -> tuple[str, ...]:
    """The seat ids and temp_refs a change names (the seat it changes first)."""
    if isinstance(change, CreateSeat):
        return (change.temp_ref,) + ((change.reports_to,) if change.reports_to else ())
    if isinstance(change, MoveReportingLine):
        return (change.seat_id,) + ((change.new_manager,) if change.new_manager else ())
    if isinstance(change, AddServiceLink):
        return (change.support_seat_id, change.provider_seat_id)
    if isinstance(change, SetField):
        if change.object_type != "seat":
            return ()
        extra = (change.value,) if change.field == "reports_to" and change.value else ()
        return (change.object_id, *(str(v) for v in extra))
    if isinstance(change, AssignPerson | CloseSeat):
        return (change.seat_id,)
    return ()


def touched_seats(snapshot: Snapshot, changes: Iterable[ScenarioChange]) -> frozenset[str]:
    """Ids of the existing seats of ``snapshot`` that ``changes`` name, plus the seats of
    the assignments they end or change (temp_refs of new seats are left out)."""
    seats = snapshot.seats_by_id
    assignment_seats: dict[str, str] | None = None
    out: set[str] = set()
    for change in changes:
        out.update(ref for ref in seat_refs(change) if ref in seats)
        assignment_id = (
            change.assignment_id
            if isinstance(change, EndAssignment)
            else change.object_id
            if isinstance(change, SetField) and change.object_type == "assignment"
            else None
        )
        if assignment_id is not None:
            if assignment_seats is None:
                assignment_seats = {a.id: a.seat_id for a in snapshot.assignments}
            seat = assignment_seats.get(assignment_id)
            if seat is not None and seat in seats:
                out.add(seat)
    return frozenset(out)


# --- versions -------------------------------------------------------------------------------


def _digest(parts: Iterable[object]) -> str:
    hasher = hashlib.sha256()
    for part in parts:
        hasher.update(repr(part).encode("utf-8"))
        hasher.update(b"\x1f")
    return hasher.hexdigest()


def chart_fingerprint(snapshot: Snapshot) -> str:
    """A version of the chart: changes whenever a location, team, role, seat, reporting or
    service line, person or assignment does (ignores the order rows were read in).

    Built from plain tuples sorted by id (the repr of a tuple of strings is fast; a
    dataclass repr per object costs several times more at 10,000 seats). The garbage
    collector is paused: the tuples hold no cycles (see :mod:`practiceos.core.gcpause`).
    """
    with paused_gc():
        return _chart_digest(snapshot)


def _chart_digest(snapshot: Snapshot) -> str:
    seats = sorted(
        (
            s.id,
            s.name,
            s.kind.value,
            s.role_id,
            s.location_id,
            s.team_id,
            s.reports_to,
            tuple(sorted(s.serves)),
            s.note,
        )
        for s in snapshot.seats
    )
    assignments = sorted(
        (
            a.id,
            a.person_id,
            a.seat_id,
            str(a.start),
            str(a.end),
            a.fte,
            a.level.value,
            a.accountable,
        )
        for a in snapshot.assignments
    )
    people = sorted(
        (p.id, p.name, p.preferred_name, p.email, p.employee_id) for p in snapshot.people
    )
    roles = sorted(
        (
            r.id,
            r.title,
            r.kind.value,
            r.purpose,
            r.responsibilities,
            r.decision_rights,
            r.provider_lead,
        )
        for r in snapshot.roles
    )
    locations = sorted((loc.id, loc.name, loc.address) for loc in snapshot.locations)
    teams = sorted((t.id, t.name, t.manager_seat_id, t.goal) for t in snapshot.teams)
    return _digest([locations, teams, roles, seats, people, assignments])


def seat_fingerprints(snapshot: Snapshot, seat_ids: Iterable[str]) -> dict[str, str]:
    """For each existing seat id: a short digest of the seat (name, kind, role, location,
    team, manager, service lines) and its current holders."""
    seats = snapshot.seats_by_id
    holders = snapshot.holders_of
    out: dict[str, str] = {}
    for seat_id in seat_ids:
        seat = seats.get(seat_id)
        if seat is None:
            continue
        held = sorted((a.person_id, a.fte, a.accountable) for a in holders.get(seat_id, ()))
        out[seat_id] = _digest([replace(seat, serves=tuple(sorted(seat.serves))), held])[:16]
    return out


def stale_seats(base_prints: Mapping[str, str], live: Snapshot) -> tuple[str, ...]:
    """Ids of the seats recorded in ``base_prints`` that changed in ``live`` or are gone."""
    now = seat_fingerprints(live, base_prints)
    return tuple(
        sorted(seat_id for seat_id, digest in base_prints.items() if now.get(seat_id) != digest)
    )


# --- applying -------------------------------------------------------------------------------


class _ScenarioDraft(_Draft):
    """The fixes' working copy, plus closing seats (left out when the result is built)."""

    def __init__(self, snapshot: Snapshot) -> None:
        super().__init__(snapshot)
        self.closed: set[str] = set()

    def apply_any(self, change: ScenarioChange) -> None:
        """Apply one change; a change naming a seat closed earlier is refused."""
        for ref in seat_refs(change):
            resolved = self.refs.get(ref, ref)
            if resolved in self.closed:
                raise ChangeError(f"{change.action}: seat {resolved!r} is closed in this scenario")
        if isinstance(change, CloseSeat):
            self._close(change)
        else:
            self.apply(change)

    def _close(self, change: CloseSeat) -> None:
        seat_id = self.seat_id(change.seat_id, "close_seat.seat_id")
        positions = self.index["seat"][seat_id]
        manager = self.seats[positions[0]].reports_to
        for position, seat in enumerate(self.seats):
            if seat.reports_to == seat_id or seat_id in seat.serves:
                self.seats[position] = replace(
                    seat,
                    reports_to=manager if seat.reports_to == seat_id else seat.reports_to,
                    serves=tuple(s for s in seat.serves if s != seat_id),
                )
        for position in positions:
            self.seats[position] = replace(self.seats[position], serves=())
        for position, team in enumerate(self.teams):
            if team.manager_seat_id == seat_id:
                self.teams[position] = replace(team, manager_seat_id=None)
        self.closed.add(seat_id)

    def build(self) -> Snapshot:
        """The new snapshot without the closed seats and their assignments."""
        built = super().build()
        if not self.closed:
            return built
        closed = self.closed
        return replace(
            built,
            seats=tuple(s for s in built.seats if s.id not in closed),
            assignments=tuple(a for a in built.assignments if a.seat_id not in closed),
        )


def apply_scenario(snapshot: Snapshot, changes: Iterable[ScenarioChange]) -> Snapshot:
    """Apply a scenario's changes in order; raises :class:`ChangeError` naming the change
    (``changes[3]``) when one names something that does not exist."""
    draft = _ScenarioDraft(snapshot)
    for index, change in enumerate(changes):
        try:
            draft.apply_any(change)
        except ChangeError as err:
            raise ChangeError(f"changes[{index}] ({change.action}): {err}") from None
    return draft.build()


# --- checking -------------------------------------------------------------------------------


def _seat_label(snapshot: Snapshot, seat_id: str) -> str:
    seat = snapshot.seats_by_id.get(seat_id)
    return f'"{seat.name}"' if seat is not None else repr(seat_id)


def new_cycles(
    base: Snapshot, result: Snapshot, moved: Iterable[str] | None = None
) -> tuple[tuple[str, ...], ...]:
    """Reporting cycles in ``result`` that ``base`` did not have (seat ids in order, from
    the smallest id).

    A new cycle must pass through a seat whose manager changed, so when ``moved`` names
    those seats only the walks up from them are made (the cost of a few chains instead
    of the whole chart); without it every cycle of both charts is compared.
    """
    if moved is None:
        before = {frozenset(c) for c in Facts(base, Policy()).cycles}
        return tuple(c for c in Facts(result, Policy()).cycles if frozenset(c) not in before)
    found: dict[frozenset[str], tuple[str, ...]] = {}
    for seat_id in moved:
        cycle = _cycle_through(result, seat_id)
        if cycle is None or frozenset(cycle) in found:
            continue
        old = _cycle_through(base, seat_id)
        if old is not None and frozenset(old) == frozenset(cycle):
            continue
        start = cycle.index(min(cycle))
        found[frozenset(cycle)] = cycle[start:] + cycle[:start]
    return tuple(sorted(found.values()))


def _cycle_through(snapshot: Snapshot, start: str) -> tuple[str, ...] | None:
    """The reporting cycle ``start`` is part of, in reporting order, or ``None``."""
    seats = snapshot.seats_by_id
    path: list[str] = []
    seen: set[str] = set()
    current: str | None = start
    while current is not None and current in seats and current not in seen:
        seen.add(current)
        path.append(current)
        current = seats[current].reports_to
    return tuple(path) if current == start else None


def _moved_seats(base: Snapshot, result: Snapshot) -> set[str]:
    """Seats of ``result`` whose manager differs from ``base`` (new seats included).
    Unchanged seats are the very same objects, so most need one identity test."""
    before = base.seats_by_id
    moved: set[str] = set()
    for seat in result.seats:
        old = before.get(seat.id)
        if old is not seat and (old is None or old.reports_to != seat.reports_to):
            moved.add(seat.id)
    return moved


def cycle_text(snapshot: Snapshot, cycle: Sequence[str]) -> str:
    """``"A" → "B" → "A"``."""
    names = [_seat_label(snapshot, seat_id) for seat_id in cycle]
    return " → ".join([*names, names[0]])


def _names_given(changes: Sequence[ScenarioChange]) -> set[str]:
    """Seat names the changes give (new seats, renamed seats): only these can clash."""
    names: set[str] = set()
    for change in changes:
        if isinstance(change, CreateSeat):
            names.add(change.name)
        elif (
            isinstance(change, SetField)
            and change.object_type == "seat"
            and change.field == "name"
            and isinstance(change.value, str)
        ):
            names.add(change.value)
    return names


def _name_counts(snapshot: Snapshot, names: set[str]) -> dict[str, int]:
    counts: dict[str, int] = {}
    for seat in snapshot.seats:
        if seat.name in names:
            counts[seat.name] = counts.get(seat.name, 0) + 1
    return counts


@dataclass(frozen=True, slots=True)
class Checked:
    """A scenario applied to a snapshot: the result (``None`` when a change could not be
    applied) and every problem found."""

    result: Snapshot | None
    problems: tuple[Problem, ...]

    @property
    def ok(self) -> bool:
        """True when the scenario applies and leaves a usable chart."""
        return self.result is not None and not self.problems


def check_scenario(base: Snapshot, changes: Sequence[ScenarioChange]) -> Checked:
    """Apply ``changes`` to ``base`` and report what would make the result unusable.

    Problems name the change (``changes[4]``) and the seats. Cycles and duplicate seat
    names already in ``base`` are the health check's business, not the scenario's. The
    garbage collector is paused while the new snapshot is built (no cycles).
    """
    with paused_gc():
        return _check(base, changes)


def _check(base: Snapshot, changes: Sequence[ScenarioChange]) -> Checked:
    try:
        result = apply_scenario(base, changes)
    except ChangeError as err:
        return Checked(None, (Problem("changes", str(err)),))
    problems: list[Problem] = []
    for cycle in new_cycles(base, result, _moved_seats(base, result)):
        problems.append(
            Problem("reports_to", f"this would make a reporting cycle: {cycle_text(result, cycle)}")
        )
    given = _names_given(changes)
    if given:
        before = _name_counts(base, given)
        for name, count in sorted(_name_counts(result, given).items()):
            if count > 1 and count > before.get(name, 0):
                problems.append(
                    Problem(
                        "name", f'{count} seats would be called "{name}"; seat names are unique'
                    )
                )
    return Checked(result, tuple(problems))


def finding_ref(rule: str, subject_ids: Iterable[str]) -> str:
    """A short, stable id for a finding (its rule and subjects), used by "try in a
    scenario" to name one finding of a stored report."""
    return hashlib.sha256(f"{rule}|{','.join(subject_ids)}".encode()).hexdigest()[:12]
