"""Comparing two snapshots of one practice: today's chart and a scenario's.

:func:`diff_snapshots` says what moved (seats new, closed, moved under another manager
or otherwise changed; service lines; people who change seats), and how the shape changed
(spans of control, layers, headcount and FTE by seat kind and by location).
:mod:`practiceos.core.scenario_compare` adds the health check of both sides.

Pure and linear in the size of the two snapshots.
"""

from __future__ import annotations

import statistics
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from practiceos.core.gcpause import paused_gc
from practiceos.core.health.facts import Facts
from practiceos.core.health.policy import Policy
from practiceos.core.model import SEAT_KINDS, Seat, Snapshot

#: Seats named in "spans that changed" before "and N more".
SPANS_SHOWN = 20
NO_LOCATION = "No location"


@dataclass(frozen=True, slots=True)
class SeatLine:
    """A seat as the comparison names it: id, name, kind, location and manager names."""

    id: str
    name: str
    kind: str
    location: str
    manager: str | None

    def to_dict(self) -> dict[str, object]:
        """JSON form."""
        return {
            "id": self.id,
            "name": self.name,
            "kind": self.kind,
            "location": self.location,
            "manager": self.manager,
        }


@dataclass(frozen=True, slots=True)
class SeatMove:
    """A seat that reports to another manager in the scenario."""

    id: str
    name: str
    old_manager: str | None
    new_manager: str | None

    def to_dict(self) -> dict[str, object]:
        """JSON form (manager names; ``None`` is the top of the chart)."""
        return {
            "id": self.id,
            "name": self.name,
            "from": self.old_manager,
            "to": self.new_manager,
        }


@dataclass(frozen=True, slots=True)
class SeatEdit:
    """A field of a seat (other than its manager) that differs."""

    id: str
    name: str
    field: str
    before: str
    after: str

    def to_dict(self) -> dict[str, object]:
        """JSON form."""
        return {
            "id": self.id,
            "name": self.name,
            "field": self.field,
            "before": self.before,
            "after": self.after,
        }


@dataclass(frozen=True, slots=True)
class PersonMove:
    """A person whose current seats differ: the seats left and the seats joined."""

    id: str
    name: str
    left: tuple[str, ...]
    joined: tuple[str, ...]

    def to_dict(self) -> dict[str, object]:
        """JSON form (seat names)."""
        return {
            "id": self.id,
            "name": self.name,
            "left": list(self.left),
            "joined": list(self.joined),
        }


@dataclass(frozen=True, slots=True)
class Spans:
    """Spans of control of one chart: managing seats, mean/median/widest span."""

    managers: int
    mean: float
    median: float
    widest: int

    def to_dict(self) -> dict[str, object]:
        """JSON form."""
        return {
            "managers": self.managers,
            "mean": self.mean,
            "median": self.median,
            "widest": self.widest,
        }


@dataclass(frozen=True, slots=True)
class SpanChange:
    """A seat whose number of direct reports differs."""

    id: str
    name: str
    before: int
    after: int

    def to_dict(self) -> dict[str, object]:
        """JSON form."""
        return {"id": self.id, "name": self.name, "before": self.before, "after": self.after}


@dataclass(frozen=True, slots=True)
class Layers:
    """Layers of one chart: how many, and seats per layer from the top (cycles apart)."""

    count: int
    seats_per_layer: tuple[int, ...]
    in_cycles: int

    def to_dict(self) -> dict[str, object]:
        """JSON form."""
        return {
            "count": self.count,
            "seats_per_layer": list(self.seats_per_layer),
            "in_cycles": self.in_cycles,
        }


@dataclass(frozen=True, slots=True)
class Headcount:
    """One row of the headcount table: seats, filled seats, people and FTE."""

    seats: int
    filled: int
    people: int
    fte: float

    def to_dict(self) -> dict[str, object]:
        """JSON form."""
        return {"seats": self.seats, "filled": self.filled, "people": self.people, "fte": self.fte}


@dataclass(frozen=True, slots=True)
class HeadcountRow:
    """One kind or location, today and in the scenario."""

    label: str
    before: Headcount
    after: Headcount

    @property
    def changed(self) -> bool:
        """True when any figure differs."""
        return self.before != self.after

    def to_dict(self) -> dict[str, object]:
        """JSON form."""
        return {"label": self.label, "before": self.before.to_dict(), "after": self.after.to_dict()}


@dataclass(frozen=True)
class Diff:
    """What differs between two snapshots of one practice (see the module docstring)."""

    new_seats: tuple[SeatLine, ...]
    closed_seats: tuple[SeatLine, ...]
    moved_seats: tuple[SeatMove, ...]
    edited_seats: tuple[SeatEdit, ...]
    links_added: tuple[tuple[str, str], ...]
    links_removed: tuple[tuple[str, str], ...]
    people_moves: tuple[PersonMove, ...]
    spans_before: Spans
    spans_after: Spans
    span_changes: tuple[SpanChange, ...]
    layers_before: Layers
    layers_after: Layers
    by_kind: tuple[HeadcountRow, ...]
    by_location: tuple[HeadcountRow, ...]

    @property
    def empty(self) -> bool:
        """True when the two charts are the same."""
        return not (
            self.new_seats
            or self.closed_seats
            or self.moved_seats
            or self.edited_seats
            or self.links_added
            or self.links_removed
            or self.people_moves
        )

    def marks(self) -> dict[str, str]:
        """Seat id → ``new``, ``moved``, ``closed`` or ``edited``, for marking charts."""
        out: dict[str, str] = {s.id: "edited" for s in self.edited_seats}
        out.update((s.id, "moved") for s in self.moved_seats)
        out.update((s.id, "new") for s in self.new_seats)
        out.update((s.id, "closed") for s in self.closed_seats)
        return out

    def to_dict(self) -> dict[str, object]:
        """JSON form (every list in the order the text shows it)."""
        return {
            "seats": {
                "new": [s.to_dict() for s in self.new_seats],
                "closed": [s.to_dict() for s in self.closed_seats],
                "moved": [s.to_dict() for s in self.moved_seats],
                "edited": [s.to_dict() for s in self.edited_seats],
            },
            "service_lines": {
                "added": [{"support": a, "provider": b} for a, b in self.links_added],
                "removed": [{"support": a, "provider": b} for a, b in self.links_removed],
            },
            "people_moves": [p.to_dict() for p in self.people_moves],
            "spans": {
                "before": self.spans_before.to_dict(),
                "after": self.spans_after.to_dict(),
                "changed": [s.to_dict() for s in self.span_changes],
            },
            "layers": {
                "before": self.layers_before.to_dict(),
                "after": self.layers_after.to_dict(),
            },
            "headcount": {
                "by_kind": [r.to_dict() for r in self.by_kind],
                "by_location": [r.to_dict() for r in self.by_location],
            },
        }


def _name(snapshot: Snapshot, seat_id: str | None) -> str | None:
    if seat_id is None:
        return None
    seat = snapshot.seats_by_id.get(seat_id)
    return seat.name if seat is not None else seat_id


def _location(snapshot: Snapshot, seat: Seat) -> str:
    loc = snapshot.locations_by_id.get(seat.location_id) if seat.location_id else None
    return loc.name if loc is not None else NO_LOCATION


def _line(snapshot: Snapshot, seat: Seat) -> SeatLine:
    return SeatLine(
        seat.id,
        seat.name,
        seat.kind.value,
        _location(snapshot, seat),
        _name(snapshot, seat.reports_to),
    )


def _edits(before: Snapshot, old: Seat, after: Snapshot, new: Seat) -> list[SeatEdit]:
    out: list[SeatEdit] = []

    def add(label: str, a: str, b: str) -> None:
        if a != b:
            out.append(SeatEdit(new.id, new.name, label, a, b))

    add("name", old.name, new.name)
    add("kind", old.kind.value, new.kind.value)
    add("location", _location(before, old), _location(after, new))
    old_role, new_role = before.role_of(old), after.role_of(new)
    add("role", old_role.title if old_role else "", new_role.title if new_role else "")
    old_team = before.teams_by_id.get(old.team_id) if old.team_id else None
    new_team = after.teams_by_id.get(new.team_id) if new.team_id else None
    add("team", old_team.name if old_team else "", new_team.name if new_team else "")
    return out


def _links(snapshot: Snapshot) -> set[tuple[str, str]]:
    return {(s.id, target) for s in snapshot.seats for target in s.serves}


def _current_seats(snapshot: Snapshot, people: set[str]) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    known = snapshot.seats_by_id
    for a in snapshot.current_assignments:
        if a.person_id in people and a.seat_id in known:
            out.setdefault(a.person_id, set()).add(a.seat_id)
    return out


def _report_counts(snapshot: Snapshot) -> dict[str, int]:
    return {seat_id: len(reports) for seat_id, reports in snapshot.reports_of.items()}


def spans_of(snapshot: Snapshot) -> Spans:
    """Spans of control of a chart (seats with at least one direct report)."""
    counts = list(_report_counts(snapshot).values())
    if not counts:
        return Spans(0, 0.0, 0.0, 0)
    return Spans(
        len(counts),
        round(statistics.fmean(counts), 1),
        float(statistics.median(counts)),
        max(counts),
    )


def layers_of(snapshot: Snapshot) -> Layers:
    """Layers of a chart: the top seats are layer 1, their reports layer 2 ..."""
    facts = Facts(snapshot, Policy())
    per: dict[int, int] = {}
    cycles = 0
    for seat in snapshot.seats:
        depth = facts.depth(seat.id)
        if depth is None:
            cycles += 1
            continue
        per[depth] = per.get(depth, 0) + 1
    count = (max(per) + 1) if per else 0
    return Layers(count, tuple(per.get(d, 0) for d in range(count)), cycles)


class _Tally:
    """A headcount row being counted."""

    __slots__ = ("filled", "fte", "people", "seats")

    def __init__(self) -> None:
        self.seats = 0
        self.filled: set[str] = set()
        self.people: set[str] = set()
        self.fte = 0.0

    def done(self) -> Headcount:
        return Headcount(self.seats, len(self.filled), len(self.people), round(self.fte, 2))


def _headcounts(
    snapshot: Snapshot, kinds: Mapping[str, str], locations: Mapping[str, str]
) -> tuple[dict[str, Headcount], dict[str, Headcount]]:
    """Headcount by seat kind and by location, in one pass over the assignments."""
    by_kind: dict[str, _Tally] = {}
    by_location: dict[str, _Tally] = {}
    pairs = ((by_kind, kinds), (by_location, locations))
    for table, group_of in pairs:
        for group in group_of.values():
            tally = table.get(group) or table.setdefault(group, _Tally())
            tally.seats += 1
    for a in snapshot.current_assignments:
        for table, group_of in pairs:
            found = group_of.get(a.seat_id)
            if found is None:
                continue
            tally = table[found]
            tally.people.add(a.person_id)
            tally.fte += a.fte
            if a.accountable:
                tally.filled.add(a.seat_id)
    return (
        {group: t.done() for group, t in by_kind.items()},
        {group: t.done() for group, t in by_location.items()},
    )


def _rows(
    before: dict[str, Headcount], after: dict[str, Headcount], order: Sequence[str]
) -> tuple[HeadcountRow, ...]:
    empty = Headcount(0, 0, 0, 0.0)
    labels = [label for label in order if label in before or label in after]
    labels += sorted((set(before) | set(after)) - set(order))
    return tuple(
        HeadcountRow(label, before.get(label, empty), after.get(label, empty)) for label in labels
    )


def diff_snapshots(before: Snapshot, after: Snapshot) -> Diff:
    """What differs between ``before`` (today) and ``after`` (the scenario)."""
    with paused_gc():
        return _diff(before, after)


def _seat_changes(before: Snapshot, after: Snapshot) -> tuple[list[SeatMove], list[SeatEdit]]:
    """Seats on both sides that moved under another manager or changed otherwise."""
    old_seats = before.seats_by_id
    moved: list[SeatMove] = []
    edited: list[SeatEdit] = []
    for seat in after.seats:
        old = old_seats.get(seat.id)
        # A seat no change touched is the very same object in both snapshots.
        if old is None or old is seat:
            continue
        if old.reports_to != seat.reports_to:
            moved.append(
                SeatMove(
                    seat.id, seat.name, _name(before, old.reports_to), _name(after, seat.reports_to)
                )
            )
        edited.extend(_edits(before, old, after, seat))
    return moved, edited


def _people_moves(before: Snapshot, after: Snapshot) -> tuple[PersonMove, ...]:
    """People whose current seats differ, by name."""
    # Only people with an assignment that differs can have moved (unchanged assignments
    # are the same objects on both sides): the rest are not looked at.
    ids_before = {id(a): a for a in before.current_assignments}
    ids_after = {id(a): a for a in after.current_assignments}
    moved_people = {a.person_id for k, a in ids_before.items() if k not in ids_after} | {
        a.person_id for k, a in ids_after.items() if k not in ids_before
    }
    people_before = _current_seats(before, moved_people)
    people_after = _current_seats(after, moved_people)
    moves: list[PersonMove] = []
    for person in after.people:
        if person.id not in moved_people:
            continue
        was, now = people_before.get(person.id, set()), people_after.get(person.id, set())
        if was != now:
            moves.append(
                PersonMove(
                    person.id,
                    person.name,
                    tuple(sorted(str(_name(before, s)) for s in was - now)),
                    tuple(sorted(str(_name(after, s)) for s in now - was)),
                )
            )
    return tuple(sorted(moves, key=lambda p: (p.name, p.id)))


def _span_changes(before: Snapshot, after: Snapshot) -> tuple[SpanChange, ...]:
    """Seats whose number of direct reports differs, the biggest change first."""
    counts_before, counts_after = _report_counts(before), _report_counts(after)
    new_seats = after.seats_by_id
    return tuple(
        sorted(
            (
                SpanChange(
                    seat_id,
                    str(_name(after, seat_id) if seat_id in new_seats else _name(before, seat_id)),
                    counts_before.get(seat_id, 0),
                    counts_after.get(seat_id, 0),
                )
                for seat_id in set(counts_before) | set(counts_after)
                if counts_before.get(seat_id, 0) != counts_after.get(seat_id, 0)
            ),
            key=lambda s: (-abs(s.after - s.before), s.name, s.id),
        )
    )


def _link_names(
    pairs: Iterable[tuple[str, str]], snapshot: Snapshot
) -> tuple[tuple[str, str], ...]:
    return tuple(sorted((str(_name(snapshot, a)), str(_name(snapshot, b))) for a, b in pairs))


def _diff(before: Snapshot, after: Snapshot) -> Diff:
    old_seats, new_seats = before.seats_by_id, after.seats_by_id
    moved, edited = _seat_changes(before, after)
    links_before, links_after = _links(before), _links(after)
    kinds_before = {s.id: s.kind.value for s in before.seats}
    kinds_after = {s.id: s.kind.value for s in after.seats}
    locs_before = {s.id: _location(before, s) for s in before.seats}
    locs_after = {s.id: _location(after, s) for s in after.seats}
    kind_before, loc_before = _headcounts(before, kinds_before, locs_before)
    kind_after, loc_after = _headcounts(after, kinds_after, locs_after)
    location_order = sorted({*locs_before.values(), *locs_after.values()} - {NO_LOCATION})
    return Diff(
        new_seats=tuple(_line(after, s) for s in after.seats if s.id not in old_seats),
        closed_seats=tuple(_line(before, s) for s in before.seats if s.id not in new_seats),
        moved_seats=tuple(moved),
        edited_seats=tuple(edited),
        links_added=_link_names(links_after - links_before, after),
        links_removed=_link_names(links_before - links_after, before),
        people_moves=_people_moves(before, after),
        spans_before=spans_of(before),
        spans_after=spans_of(after),
        span_changes=_span_changes(before, after),
        layers_before=layers_of(before),
        layers_after=layers_of(after),
        by_kind=_rows(kind_before, kind_after, SEAT_KINDS),
        by_location=_rows(loc_before, loc_after, [*location_order, NO_LOCATION]),
    )
