"""Derived indexes the rules share within one run, each computed once and in linear time.

The snapshot already caches ``seats_by_id``, ``reports_of``, ``holders_of`` and
``seats_of``. This module adds what several rules need on top: which seats sit in a
reporting cycle, how each seat's chain of managers ends, seats per location, and an
ancestor test (an Euler tour of the reporting forest) so a fix can check in O(1) that a
move does not create a cycle. Nothing here walks all seats for each seat.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from enum import Enum
from functools import cached_property
from typing import NamedTuple, TypeVar

from practiceos.core.health.findings import Subject, SubjectType
from practiceos.core.health.policy import Policy
from practiceos.core.model import Location, Person, Role, Seat, SeatKind, Snapshot

#: Seat kinds whose holder manages people and can say "this is not OK" to a provider.
AUTHORITY_KINDS = frozenset({SeatKind.MANAGEMENT, SeatKind.LEADERSHIP})
#: Individual-contributor kinds that need a support-services (or office) manager.
SUPPORT_KINDS = frozenset({SeatKind.SUPPORT, SeatKind.ADMINISTRATIVE})


T = TypeVar("T")


class ChainState(Enum):
    """How a walk up the reporting line ended."""

    FOUND = "found"  # reached a seat the walk was looking for
    NONE = "none"  # reached the top of the chart cleanly without finding one
    BROKEN = "broken"  # hit a dangling or unresolved manager, or a cycle


class ChainEnd(NamedTuple):
    """Result of walking up from a seat: the state, the seat found, and the last seat
    walked through before stopping (``top``). A tuple: one is made per seat walked."""

    state: ChainState
    found: str | None
    top: str


def is_unresolved(seat: Seat) -> bool:
    """True when an import could not resolve this seat's manager (its note says so)."""
    note = seat.note
    return bool(note) and note.strip().casefold().startswith("unresolved")


class ChainWalker:
    """Walks up reporting lines to the first manager whose kind is in ``stop_kinds``.

    Results are memoised along every path walked, so walking from every seat costs time
    linear in the number of seats; cycles and dangling references end ``BROKEN``.
    ``top`` is the highest seat passed through before the walk stopped.
    """

    __slots__ = ("by_id", "memo", "stop_kinds")

    def __init__(self, by_id: Mapping[str, Seat], stop_kinds: frozenset[SeatKind]) -> None:
        self.by_id = by_id
        self.stop_kinds = stop_kinds
        self.memo: dict[str, ChainEnd] = {}

    def end(self, start: Seat) -> ChainEnd:
        """How the reporting line above ``start`` ends."""
        memo, by_id, stop_kinds = self.memo, self.by_id, self.stop_kinds
        known = memo.get(start.id)
        if known is not None:
            return known
        manager = by_id.get(start.reports_to) if start.reports_to is not None else None
        if manager is not None:
            # The common cases, without a path walk: the manager is what we look for, or
            # the manager's own walk is already known.
            if manager.kind in stop_kinds:
                end = memo[start.id] = ChainEnd(ChainState.FOUND, manager.id, start.id)
                return end
            known = memo.get(manager.id)
            if known is not None:
                memo[start.id] = known
                return known
        path: list[Seat] = []
        on_path: set[str] = set()
        current = start
        while True:
            path.append(current)
            on_path.add(current.id)
            manager_id = current.reports_to
            if manager_id is None:
                state = ChainState.BROKEN if is_unresolved(current) else ChainState.NONE
                end = ChainEnd(state, None, current.id)
                break
            manager = by_id.get(manager_id)
            if manager is None:
                end = ChainEnd(ChainState.BROKEN, None, current.id)
                break
            if manager.kind in stop_kinds:
                end = ChainEnd(ChainState.FOUND, manager.id, current.id)
                break
            if manager.id in memo:
                end = memo[manager.id]
                break
            if manager.id in on_path:
                end = ChainEnd(ChainState.BROKEN, None, current.id)
                break
            current = manager
        # Every seat on the path passed through non-stop managers, so they share the end.
        for seat in path:
            memo[seat.id] = end
        return end


class Facts:
    """Per-run derived data about one snapshot (shared by every rule in the run)."""

    def __init__(self, snapshot: Snapshot, policy: Policy) -> None:
        self.snapshot = snapshot
        self.policy = policy
        self._memo: dict[str, object] = {}

    def cached(self, key: str, compute: Callable[[], T]) -> T:
        """Compute a value once per run under ``key`` (for rule-specific helpers that
        both the rule and its ``checks`` count need)."""
        if key not in self._memo:
            self._memo[key] = compute()
        return self._memo[key]  # type: ignore[return-value]

    # --- basic views ------------------------------------------------------------------
    @cached_property
    def seats(self) -> tuple[Seat, ...]:
        """One seat per id (the last one when ids repeat; ``duplicate-id`` reports that)."""
        return tuple(self.snapshot.seats_by_id.values())

    @cached_property
    def people(self) -> tuple[Person, ...]:
        """One person per id."""
        return tuple(self.snapshot.people_by_id.values())

    @cached_property
    def seats_by_kind(self) -> Mapping[SeatKind, tuple[Seat, ...]]:
        """Seats grouped by kind (every kind present as a key)."""
        out: dict[SeatKind, list[Seat]] = {kind: [] for kind in SeatKind}
        for seat in self.seats:
            out[seat.kind].append(seat)
        return {kind: tuple(seats) for kind, seats in out.items()}

    @cached_property
    def seats_at(self) -> Mapping[str, tuple[Seat, ...]]:
        """Seats keyed by location id (seats without a location are left out)."""
        out: dict[str, list[Seat]] = {}
        for seat in self.seats:
            if seat.location_id is not None:
                out.setdefault(seat.location_id, []).append(seat)
        return {key: tuple(value) for key, value in out.items()}

    def reports(self, seat: Seat) -> tuple[Seat, ...]:
        """Direct reports of a seat."""
        return self.snapshot.reports_of.get(seat.id, ())

    def role(self, seat: Seat) -> Role | None:
        """The seat's role (``None`` when missing or dangling)."""
        return self.snapshot.role_of(seat)

    def is_provider_lead(self, seat: Seat) -> bool:
        """True when the seat's role is defined as leading providers (a medical director)."""
        role = self.role(seat)
        return role is not None and role.provider_lead

    def manager_is_broken(self, seat: Seat) -> bool:
        """True when the seat's manager reference dangles or could not be resolved."""
        if seat.reports_to is None:
            return is_unresolved(seat)
        return seat.reports_to not in self.snapshot.seats_by_id

    # --- cycles -------------------------------------------------------------------------
    @cached_property
    def cycles(self) -> tuple[tuple[str, ...], ...]:
        """Every reporting cycle, as seat ids in reporting order starting at the smallest id."""
        by_id = self.snapshot.seats_by_id
        # Each seat is stamped with the number of the walk that first reached it; meeting
        # a seat stamped by the current walk means the walk went round a loop.
        stamp: dict[str, int] = {}
        found: list[tuple[str, ...]] = []
        for walk, seat in enumerate(self.seats):
            current: str | None = seat.id
            while current is not None and current not in stamp and current in by_id:
                stamp[current] = walk
                current = by_id[current].reports_to
            if current is None or stamp.get(current) != walk:
                continue
            cycle = [current]
            next_id = by_id[current].reports_to
            while next_id is not None and next_id != current:
                cycle.append(next_id)
                next_id = by_id[next_id].reports_to
            start = cycle.index(min(cycle))
            found.append(tuple(cycle[start:] + cycle[:start]))
        return tuple(found)

    @cached_property
    def in_cycle(self) -> frozenset[str]:
        """Ids of seats that are part of a reporting cycle."""
        return frozenset(seat_id for cycle in self.cycles for seat_id in cycle)

    # --- walking up the reporting line ---------------------------------------------------
    def walk_up(
        self, starts: Iterable[Seat], stop_kinds: frozenset[SeatKind]
    ) -> dict[str, ChainEnd]:
        """For each start seat, the first strict ancestor whose kind is in ``stop_kinds``."""
        walker = ChainWalker(self.snapshot.seats_by_id, stop_kinds)
        return {seat.id: walker.end(seat) for seat in starts}

    @cached_property
    def _authority(self) -> ChainWalker:
        return ChainWalker(self.snapshot.seats_by_id, AUTHORITY_KINDS)

    def authority(self, seat: Seat) -> ChainEnd:
        """The seat's nearest management or leadership ancestor (memoised across calls)."""
        return self._authority.end(seat)

    # --- depth and the ancestor test ------------------------------------------------------
    def depth(self, seat_id: str) -> int | None:
        """Steps from the top of the chart (``None`` for seats in or under a cycle).

        Memoised, so the total cost over a run is linear in the seats walked; a seat
        whose manager reference dangles counts as a top.
        """
        memo = self._depths
        if seat_id in memo:
            return memo[seat_id]
        by_id = self.snapshot.seats_by_id
        path: list[str] = []
        on_path: set[str] = set()
        current = seat_id
        base: int | None
        while True:
            if current in memo:
                known = memo[current]
                base = None if known is None else known + 1
                break
            if current in on_path:
                base = None
                break
            path.append(current)
            on_path.add(current)
            manager = by_id[current].reports_to if current in by_id else None
            if manager is None or manager not in by_id:
                base = 0
                current = ""
                break
            current = manager
        # path[-1] is the seat nearest the top; fill depths back down the path.
        for offset, item in enumerate(reversed(path)):
            memo[item] = None if base is None else base + offset
        return memo[seat_id]

    @cached_property
    def _depths(self) -> dict[str, int | None]:
        return {}

    def would_cycle(self, moved: str, new_manager: str | None) -> bool:
        """True if making ``moved`` report to ``new_manager`` could create a cycle.

        That happens when ``moved`` is ``new_manager`` or one of its ancestors. A manager
        inside or under an existing cycle counts as unsafe. Costs at most the depth
        difference between the two seats.
        """
        if new_manager is None:
            return False
        if moved == new_manager:
            return True
        target_depth = self.depth(new_manager)
        if target_depth is None:
            return True
        moved_depth = self.depth(moved) if moved in self.snapshot.seats_by_id else None
        if moved_depth is None or moved_depth >= target_depth:
            return False  # not on the target's (finite) line of ancestors
        by_id = self.snapshot.seats_by_id
        current = new_manager
        for _ in range(target_depth - moved_depth):
            current = by_id[current].reports_to or ""
        return current == moved

    def safe_target(self, candidates: Iterable[Seat | None], moved: Sequence[str]) -> Seat | None:
        """The first candidate that every moved seat can report to without a cycle."""
        for candidate in candidates:
            if candidate is None:
                continue
            if not any(self.would_cycle(m, candidate.id) for m in moved):
                return candidate
        return None

    # --- well-known seats ---------------------------------------------------------------
    @cached_property
    def primary_leadership(self) -> Seat | None:
        """The owner's seat: the highest leadership seat not in a cycle, then the one with
        most reports, then by id."""
        best: tuple[int, int, str] | None = None
        chosen: Seat | None = None
        for seat in self.seats_by_kind[SeatKind.LEADERSHIP]:
            depth = self.depth(seat.id)
            if depth is None:
                continue
            key = (depth, -len(self.reports(seat)), seat.id)
            if best is None or key < best:
                best, chosen = key, seat
        return chosen

    def managers_at(self, location_id: str | None, *, provider_lead: bool | None) -> list[Seat]:
        """Management seats at a location, highest in the chart first.

        ``provider_lead`` filters on the role's flag (``None``: either).
        """
        if location_id is None:
            return []
        out = [
            seat
            for seat in self.seats_at.get(location_id, ())
            if seat.kind is SeatKind.MANAGEMENT
            and (provider_lead is None or self.is_provider_lead(seat) == provider_lead)
        ]

        def key(seat: Seat) -> tuple[int, str]:
            depth = self.depth(seat.id)
            return (depth if depth is not None else 1 << 30, seat.id)

        out.sort(key=key)
        return out

    def support_manager_at(self, location_id: str | None, moved: Sequence[str]) -> Seat | None:
        """An existing seat that already manages support staff at a location, if any.

        Preferred: a management seat whose name or role says "support" or "clinical",
        then the one managing most seats of the moved seats' kinds (so a front-office
        manager is reused for receptionists, not for dental assistants). Must not be a
        provider lead and must be a safe target for every moved seat.
        """
        by_id = self.snapshot.seats_by_id
        kinds = {by_id[m].kind for m in moved if m in by_id} & SUPPORT_KINDS or SUPPORT_KINDS
        best: tuple[int, int, str] | None = None
        chosen: Seat | None = None
        for seat in self.managers_at(location_id, provider_lead=False):
            role = self.role(seat)
            text = f"{seat.name} {role.title if role else ''}".casefold()
            named = "support" in text or "clinical" in text
            support_reports = sum(1 for r in self.reports(seat) if r.kind in kinds)
            if not named and support_reports == 0:
                continue
            key = (-int(named), -support_reports, seat.id)
            if (best is None or key < best) and self.safe_target([seat], moved) is not None:
                best, chosen = key, seat
        return chosen

    # --- naming -------------------------------------------------------------------------
    def person_name(self, seat: Seat) -> str | None:
        """The name of the seat's accountable person, or ``None`` when vacant."""
        person = self.snapshot.accountable_person(seat)
        return person.name if person is not None else None

    def subject(self, seat: Seat) -> Subject:
        """A seat as a finding subject."""
        return Subject(SubjectType.SEAT, seat.id, seat.name, self.person_name(seat))

    def label(self, seat: Seat) -> str:
        """``"Dental Assistant" (Jo Lee)`` or ``"Dental Assistant" (vacant)``."""
        person = self.person_name(seat)
        return f'"{seat.name}" ({person if person is not None else "vacant"})'

    def labels(self, seats: Sequence[Seat], limit: int = 5) -> str:
        """Up to ``limit`` seat labels joined in a sentence, with "and N more"."""
        shown = [self.label(seat) for seat in seats[:limit]]
        rest = len(seats) - len(shown)
        if rest > 0:
            return ", ".join(shown) + f" and {rest} more"
        if len(shown) > 1:
            return ", ".join(shown[:-1]) + " and " + shown[-1]
        return shown[0] if shown else "no seats"

    def location_name(self, location_id: str | None) -> str | None:
        """The location's name (``None`` when the seat has none or it dangles)."""
        if location_id is None:
            return None
        location: Location | None = self.snapshot.locations_by_id.get(location_id)
        return location.name if location is not None else None
