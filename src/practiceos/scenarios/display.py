"""What the comparison page draws, computed from snapshots (no query).

Both charts are drawn with the chart's own markup and styles (``css/chart.css``: the
``roots``/``children`` lists of ``node`` items with ``seat k-<kind>`` cards). A large
practice is not drawn whole: each side shows the seats the scenario changes, their old
and new managers and the path up to the top, and says how many other reports each drawn
seat has. Score bars are SVG drawn here.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from practiceos.core.model import SEAT_KINDS, Seat, Snapshot
from practiceos.core.scenario_compare import Comparison
from practiceos.core.scenario_diff import Diff

#: Practices up to this many seats are drawn whole on both sides.
WHOLE_CHART = 80
#: At most this many cards per side.
CARD_BUDGET = 400
KIND_LABELS = {
    "leadership": "Leadership",
    "management": "Management",
    "provider": "Provider",
    "support": "Support",
    "administrative": "Administrative",
}
MARK_LABELS = {"new": "New", "moved": "Moved", "closed": "Closed", "edited": "Changed"}


@dataclass
class Node:
    """One card of a comparison chart and the drawn reports under it."""

    id: str
    name: str
    kind: str
    person: str | None
    location: str
    mark: str | None
    children: list[Node] = field(default_factory=list)
    hidden: int = 0

    @property
    def kind_label(self) -> str:
        """The seat kind as people read it."""
        return KIND_LABELS.get(self.kind, self.kind)

    @property
    def mark_label(self) -> str:
        """``New``, ``Moved`` ... for the badge."""
        return MARK_LABELS.get(self.mark or "", "")

    @property
    def stacked(self) -> bool:
        """Draw the reports as a column when none of them has drawn reports."""
        return len(self.children) > 3 and all(not c.children for c in self.children)


@dataclass
class ChartView:
    """One side: its top cards, how many seats it has and how many are drawn."""

    roots: list[Node]
    total: int
    drawn: int

    @property
    def partial(self) -> bool:
        """True when only the changed part of the chart is drawn."""
        return self.drawn < self.total


def _focus(snapshot: Snapshot, diff: Diff, side: str) -> set[str]:
    marks = diff.marks()
    seats = snapshot.seats_by_id
    focus = {seat_id for seat_id in marks if seat_id in seats}
    if side == "after":
        focus |= {
            s.id
            for s in snapshot.seats
            if s.reports_to in focus and marks.get(s.reports_to) == "new"
        }
    # The managers a moved seat leaves and joins are drawn too.
    for seat_id in list(focus):
        manager = seats[seat_id].reports_to
        if manager is not None and manager in seats:
            focus.add(manager)
    if side == "before":
        for move in diff.moved_seats:
            old = seats.get(move.id)
            if old is not None and old.reports_to in seats:
                focus.add(old.reports_to)
    return focus


def _with_ancestors(snapshot: Snapshot, focus: set[str]) -> list[str]:
    seats = snapshot.seats_by_id
    keep: dict[str, None] = {}
    for seat_id in sorted(focus):
        current: str | None = seat_id
        walked = 0
        while current is not None and current in seats and current not in keep:
            keep[current] = None
            current = seats[current].reports_to
            walked += 1
            if walked > len(seats):  # a reporting cycle
                break
        if len(keep) >= CARD_BUDGET:
            break
    return list(keep)[:CARD_BUDGET]


_KIND_RANK = {kind: i for i, kind in enumerate(SEAT_KINDS)}


def _order(seat: Seat) -> tuple[int, str, str]:
    return (_KIND_RANK.get(seat.kind.value, 9), seat.name, seat.id)


def chart_view(snapshot: Snapshot, diff: Diff, side: str) -> ChartView:
    """The cards of one side (``before`` or ``after``) with the diff's marks."""
    marks = diff.marks()
    if side == "before":
        marks = {k: v for k, v in marks.items() if v in ("closed", "moved", "edited")}
    else:
        marks = {k: v for k, v in marks.items() if v != "closed"}
    seats = snapshot.seats_by_id
    if len(snapshot.seats) <= WHOLE_CHART:
        kept = [s.id for s in snapshot.seats]
    else:
        kept = _with_ancestors(snapshot, _focus(snapshot, diff, side))
    kept_set = set(kept)
    nodes: dict[str, Node] = {}
    for seat_id in kept:
        seat = seats[seat_id]
        person = snapshot.accountable_person(seat)
        location = snapshot.locations_by_id.get(seat.location_id) if seat.location_id else None
        nodes[seat_id] = Node(
            id=seat.id,
            name=seat.name,
            kind=seat.kind.value,
            person=person.name if person else None,
            location=location.name if location else "",
            mark=marks.get(seat.id),
        )
    roots: list[Node] = []
    for seat_id in sorted(kept, key=lambda i: _order(seats[i])):
        seat = seats[seat_id]
        parent = nodes.get(seat.reports_to) if seat.reports_to in kept_set else None
        # A seat in a reporting cycle has a drawn parent that never reaches a root: draw
        # it as a root so nothing is lost.
        if parent is not None and not _reaches_root(snapshot, seat_id, kept_set):
            parent = None
        (parent.children if parent is not None else roots).append(nodes[seat_id])
    for seat_id, node in nodes.items():
        node.hidden = len(snapshot.reports_of.get(seat_id, ())) - len(node.children)
    return ChartView(roots, len(snapshot.seats), len(nodes))


def _reaches_root(snapshot: Snapshot, seat_id: str, kept: set[str]) -> bool:
    seats = snapshot.seats_by_id
    seen: set[str] = set()
    current: str | None = seat_id
    while current is not None and current in kept:
        if current in seen:
            return False
        seen.add(current)
        current = seats[current].reports_to
    return True


@dataclass
class Bar:
    """One row of the score bars: today and the scenario, as SVG widths."""

    label: str
    before: int
    after: int

    @property
    def delta(self) -> int:
        """After minus before."""
        return self.after - self.before

    @property
    def before_width(self) -> float:
        """Width of today's bar (out of 200)."""
        return self.before * 2.0

    @property
    def after_width(self) -> float:
        """Width of the scenario's bar (out of 200)."""
        return self.after * 2.0

    @staticmethod
    def tone(score: int) -> str:
        """``good``, ``fair`` or ``poor`` (the report's colours)."""
        return "good" if score >= 85 else "fair" if score >= 60 else "poor"

    @property
    def before_tone(self) -> str:
        """Colour class of today's bar."""
        return self.tone(self.before)

    @property
    def after_tone(self) -> str:
        """Colour class of the scenario's bar."""
        return self.tone(self.after)


def score_bars(comparison: Comparison) -> list[Bar]:
    """The overall score and each checked area, today against the scenario."""
    bars = [Bar("Overall", comparison.before.score.overall, comparison.after.score.overall)]
    bars += [Bar(a.area.capitalize(), a.before, a.after) for a in comparison.areas]
    return bars
