"""Adding changes to a scenario without applying anything twice, in conflict or in a loop.

:func:`merge_changes` adds a list of changes after a scenario's existing ones: a change
the scenario already has is left out, one that gives a different answer to a decision
already taken (:func:`change_key`) is left out as a conflict unless it is a hand edit
(the person's latest decision replaces the earlier change), and one naming a seat the
scenario closes is left out.

:func:`merge_fixes` adds the fixes of several findings, each finding's fix as one group.
Every fix is safe on the chart its finding was found in, but two of them together may not
be: two findings can propose the same new manager seat placed differently (the first
placement is kept, so the second finding's moves into that seat land under a manager the
second finding did not plan for), or move two seats under each other. So while merging it
follows the reporting lines the changes so far leave (:class:`_Lines`), and a group with a
change that would close a reporting cycle is left out whole, each of its changes reported
with the cycle it would close. The finding stays open: the health check on the scenario's
chart proposes a fix for it that fits the chart as it now is (``try the remaining fixes``).

Everything here is pure; a merge is linear in the changes plus, for :func:`merge_fixes`,
the seats of the base chart and one walk up the chart per reporting-line change.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from practiceos.core.health.fixes import (
    AddServiceLink,
    AdoptCard,
    AssignPerson,
    ChangeError,
    CreateSeat,
    EndAssignment,
    GiveSeatRole,
    MoveReportingLine,
    PlainStep,
    SetDecider,
    SetField,
)
from practiceos.core.model import Snapshot
from practiceos.core.scenario import MAX_CHANGES, CloseSeat, ScenarioChange, seat_refs


def change_key(change: ScenarioChange) -> tuple[str, ...]:
    """What a change decides: two changes with one key overlap (the same decision twice,
    or two different answers to it)."""
    if isinstance(change, CreateSeat):
        return ("create", change.temp_ref)
    if isinstance(change, MoveReportingLine):
        return ("reports_to", change.seat_id)
    if isinstance(change, AddServiceLink):
        return ("serves", change.support_seat_id, change.provider_seat_id)
    if isinstance(change, SetField):
        if change.object_type == "seat" and change.field == "reports_to":
            return ("reports_to", change.object_id)
        return ("set", change.object_type, change.object_id, change.field)
    if isinstance(change, EndAssignment):
        return ("end", change.assignment_id)
    if isinstance(change, AssignPerson):
        return ("assign", change.person_id, change.seat_id)
    if isinstance(change, AdoptCard):
        return ("card", change.role_id)
    if isinstance(change, GiveSeatRole):
        return ("set", "seat", change.seat_id, "role")
    if isinstance(change, SetDecider):
        return ("decider", change.area_id, change.location_id or "")
    if isinstance(change, PlainStep):
        return ("step", change.text)
    return ("close", change.seat_id)


def _same(a: ScenarioChange, b: ScenarioChange) -> bool:
    """True when two changes of one key decide the same thing (a move and a SetField of
    ``reports_to`` to the same manager are the same decision)."""
    if a == b:
        return True
    target = {type(a), type(b)} <= {MoveReportingLine, SetField}
    return target and _manager_of(a) == _manager_of(b)


def _manager_of(change: ScenarioChange) -> object:
    if isinstance(change, MoveReportingLine):
        return change.new_manager
    if isinstance(change, SetField):
        return change.value
    return object()


@dataclass(frozen=True, slots=True)
class Skipped:
    """A change not added to a scenario, and why."""

    change: ScenarioChange
    reason: str


@dataclass(frozen=True, slots=True)
class MergeResult:
    """The scenario's changes after a merge, how many were new, and those left out."""

    changes: tuple[ScenarioChange, ...]
    added: int
    skipped: tuple[Skipped, ...]


# --- the reporting lines as the changes so far leave them ----------------------------------


def _line_set(change: ScenarioChange) -> tuple[str, str | None] | None:
    """``(seat, new manager)`` when the change sets a reporting line (seat ids or
    temp_refs), else ``None``."""
    if isinstance(change, MoveReportingLine):
        return change.seat_id, change.new_manager
    if isinstance(change, CreateSeat):
        return change.temp_ref, change.reports_to
    if (
        isinstance(change, SetField)
        and change.object_type == "seat"
        and change.field == "reports_to"
        and (change.value is None or isinstance(change.value, str))
    ):
        return change.object_id, change.value
    return None


class _Lines:
    """Who reports to whom (seat ids and new seats' temp_refs) after the changes applied so
    far; every edit can be undone, so a group of changes can be tried and taken back.

    A closed seat stays in the map: its reports move up to its manager, which is exactly
    where a walk up through it arrives.
    """

    def __init__(self, base: Snapshot) -> None:
        # seats_by_id is what the health check reads (the last seat of a repeated id).
        self.up: dict[str, str | None] = {
            seat_id: seat.reports_to for seat_id, seat in base.seats_by_id.items()
        }
        self.names: dict[str, str] = {
            seat_id: seat.name for seat_id, seat in base.seats_by_id.items()
        }
        self.closed: set[str] = set()

    def cycle(self, change: ScenarioChange) -> tuple[str, ...] | None:
        """The reporting cycle ``change`` would close, from its seat round to the seat
        before it again, or ``None``.

        A walk up from the new manager that reaches the moved seat is a new cycle; one that
        meets a seat twice has run into a cycle the chart already had, not through this
        seat (the health check reports that one).
        """
        line = _line_set(change)
        if line is None or line[1] is None:
            return None
        seat, manager = line
        if isinstance(change, CreateSeat) and seat in self.up:
            return None  # an existing new seat is reused, not moved
        path = [seat]
        seen = {seat}
        current: str | None = manager
        while current is not None:
            if current == seat:
                return tuple(path)
            if current in seen:
                return None
            seen.add(current)
            if current not in self.closed:
                path.append(current)
            current = self.up.get(current)
        return None

    def apply(self, change: ScenarioChange, undo: Callable[[Callable[[], None]], None]) -> None:
        """Follow ``change``'s effect on the reporting lines, registering how to undo it."""
        if isinstance(change, CloseSeat):
            if change.seat_id not in self.closed:
                self.closed.add(change.seat_id)
                undo(lambda: self.closed.discard(change.seat_id))
            return
        if isinstance(change, CreateSeat):
            self.names.setdefault(change.temp_ref, change.name)
            if change.temp_ref in self.up:
                return  # applying reuses the seat already created
        line = _line_set(change)
        if line is None:
            return
        seat, manager = line
        if seat in self.up:
            old = self.up[seat]
            undo(lambda: self.up.__setitem__(seat, old))
        else:
            undo(lambda: self._forget(seat))
        self.up[seat] = manager

    def _forget(self, seat: str) -> None:
        del self.up[seat]

    def text(self, cycle: Sequence[str]) -> str:
        """``"A" → "B" → "A"`` with seat names (a new seat by the name it would get)."""
        names = [f'"{self.names[s]}"' if s in self.names else repr(s) for s in cycle]
        return " → ".join([*names, names[0]])


class _CycleFound(Exception):
    """A change of a group would close a reporting cycle (handled inside this module)."""

    def __init__(self, text: str) -> None:
        super().__init__(text)
        self.text = text


class _Merger:
    """The state of one merge: the kept changes (``None`` where a hand edit replaced one),
    where each decision is, the closed seats, and optionally the reporting lines."""

    def __init__(
        self, existing: Sequence[ScenarioChange], *, by_hand: bool, lines: _Lines | None
    ) -> None:
        self.kept: list[ScenarioChange | None] = list(existing)
        self.position: dict[tuple[str, ...], int] = {}
        self.closed: set[str] = set()
        self.by_hand = by_hand
        self.lines = lines
        self.added = 0
        self.skipped: list[Skipped] = []
        self._undo: list[Callable[[], None]] | None = None
        for index, change in enumerate(existing):
            self.position.setdefault(change_key(change), index)
            if isinstance(change, CloseSeat):
                self.closed.add(change.seat_id)
            if lines is not None:
                lines.apply(change, self._remember)

    def _remember(self, fn: Callable[[], None]) -> None:
        if self._undo is not None:
            self._undo.append(fn)

    def _set_position(self, key: tuple[str, ...], index: int) -> None:
        if self._undo is not None:
            if key in self.position:
                old = self.position[key]
                self._undo.append(lambda: self.position.__setitem__(key, old))
            else:
                self._undo.append(lambda: self._forget_position(key))
        self.position[key] = index

    def _forget_position(self, key: tuple[str, ...]) -> None:
        del self.position[key]

    def add(self, change: ScenarioChange) -> None:
        """Add one change, or record why it is left out; raises :class:`_CycleFound`
        when the reporting lines are followed and the change would close a cycle."""
        key = change_key(change)
        where = self.position.get(key)
        earlier = self.kept[where] if where is not None else None
        gone = [ref for ref in seat_refs(change) if ref in self.closed]
        if earlier is not None and _same(earlier, change):
            self.skipped.append(Skipped(change, "already in the scenario"))
            return
        if gone and not isinstance(change, CloseSeat):
            self.skipped.append(
                Skipped(change, f"names seat {gone[0]!r}, which the scenario closes")
            )
            return
        if earlier is not None and where is not None:
            if not self.by_hand:
                self.skipped.append(
                    Skipped(change, f"conflicts with an earlier change ({earlier.action})")
                )
                return
            self.kept[where] = None  # the later hand decision wins
            if self._undo is not None:
                self._undo.append(lambda: self.kept.__setitem__(where, earlier))
        if self.lines is not None:
            cycle = self.lines.cycle(change)
            if cycle is not None:
                raise _CycleFound(self.lines.text(cycle))
            self.lines.apply(change, self._remember)
        self._set_position(key, len(self.kept))
        self.kept.append(change)
        self.added += 1
        if isinstance(change, CloseSeat) and change.seat_id not in self.closed:
            self.closed.add(change.seat_id)
            self._remember(lambda: self.closed.discard(change.seat_id))

    def add_group(self, group: Sequence[ScenarioChange]) -> None:
        """Add one finding's fix whole, or leave it out whole when a change of it would
        close a reporting cycle with the changes before it."""
        marks = (len(self.kept), self.added, len(self.skipped))
        self._undo = []
        try:
            for change in group:
                self.add(change)
        except _CycleFound as found:
            for fn in reversed(self._undo):
                fn()
            del self.kept[marks[0] :]
            self.added = marks[1]
            del self.skipped[marks[2] :]
            reason = (
                f"left out with the rest of its fix: with the fixes before it, it would make "
                f"a reporting cycle {found.text}"
            )
            self.skipped.extend(Skipped(change, reason) for change in group)
        finally:
            self._undo = None

    def result(self) -> MergeResult:
        """The merged changes in order; refused past :data:`MAX_CHANGES`."""
        changes = tuple(c for c in self.kept if c is not None)
        if len(changes) > MAX_CHANGES:
            raise ChangeError(f"changes: a scenario holds at most {MAX_CHANGES} changes")
        return MergeResult(changes, self.added, tuple(self.skipped))


def merge_changes(
    existing: Sequence[ScenarioChange],
    incoming: Iterable[ScenarioChange],
    *,
    by_hand: bool = False,
) -> MergeResult:
    """Add ``incoming`` after ``existing`` without applying anything twice or in conflict.

    A change equal to one already there is left out (two findings proposing the same new
    manager seat create it once). A change that gives a different answer to a decision
    already taken (:func:`change_key`) is left out as a conflict, except a hand edit
    (``by_hand``): the person's latest decision replaces the earlier change. A change
    naming a seat the scenario closes is left out. Order is kept, so a move under a new
    seat still comes after the seat's creation. Reporting cycles are not looked for here
    (a hand edit that makes one is refused by ``check_scenario``); fixes go through
    :func:`merge_fixes`.
    """
    merger = _Merger(existing, by_hand=by_hand, lines=None)
    for change in incoming:
        merger.add(change)
    return merger.result()


def merge_fixes(
    base: Snapshot,
    existing: Sequence[ScenarioChange],
    fixes: Iterable[Sequence[ScenarioChange]],
) -> MergeResult:
    """Add the fixes of several findings (each one finding's list of changes, in the
    report's order) after ``existing``, merged like :func:`merge_changes`, on ``base``.

    A fix with a change that would close a reporting cycle, given ``base`` and the changes
    kept before it, is left out whole: each of its changes is reported as skipped with the
    cycle (seat names in order). So the merged changes never make a cycle ``base`` did not
    have, whatever the findings proposed.
    """
    merger = _Merger(existing, by_hand=False, lines=_Lines(base))
    for group in fixes:
        merger.add_group(tuple(group))
    return merger.result()
