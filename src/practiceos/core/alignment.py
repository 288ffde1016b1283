"""Alignment: who on a team serves which goal, who depends on whom, and an agenda for a
peer alignment conversation. Also the scorecard part of a snapshot (for the health check).

Pure Python. The snapshot section types (:class:`MeasurableInfo` ...) are what the
Alignment rules in :mod:`practiceos.core.health.rules.alignment` read; the Django app
fills them from the database in a fixed number of queries.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

# --- snapshot section -------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class MeasurableInfo:
    """A measurable as the health check sees it.

    ``seat_id`` is None when no seat owns it. ``red_streak`` is how many weeks in a row,
    up to the last complete week, its number missed the goal (0 when unknown).
    """

    id: str
    name: str
    team_id: str | None
    seat_id: str | None
    goal_ids: tuple[str, ...] = ()
    private: bool = False
    red_streak: int = 0


@dataclass(frozen=True, slots=True)
class TeamGoalInfo:
    """A team goal (collective target)."""

    id: str
    team_id: str
    name: str


@dataclass(frozen=True, slots=True)
class PriorityInfo:
    """A 90-day priority; ``open`` is on track or off track (not done or dropped)."""

    id: str
    title: str
    team_id: str | None
    seat_id: str | None
    status: str
    due: dt.date | None = None

    @property
    def open(self) -> bool:
        """Still being worked on."""
        return self.status in ("on_track", "off_track")


@dataclass(frozen=True, slots=True)
class DependencyInfo:
    """One person's work depends on a peer's: from/to are ``m:<id>`` or ``p:<id>``."""

    id: str
    source: str
    target: str
    created: dt.date
    acknowledged: bool


@dataclass(frozen=True, slots=True)
class PulseMonth:
    """A team's mean pulse ("aligned with peers", 1-5) for one month, with the count."""

    team_id: str
    month: dt.date
    answers: int
    peers: float


# --- the alignment page and the agenda --------------------------------------------------


@dataclass(frozen=True, slots=True)
class Work:
    """A measurable or priority on the alignment page: ``ref`` is ``m:<id>`` or ``p:<id>``."""

    ref: str
    name: str
    owner: str  # the person's name (or the seat's when vacant)
    goal_names: tuple[str, ...] = ()
    state: str = ""  # "green", "red", "missing", "on_track", "off_track" ...


@dataclass(frozen=True, slots=True)
class Link:
    """A dependency between two pieces of work, by ref."""

    id: str
    source: str
    target: str
    acknowledged: bool
    note: str = ""


@dataclass(frozen=True, slots=True)
class Agenda:
    """A peer alignment conversation's agenda, in three parts."""

    goals: tuple[tuple[str, tuple[str, ...]], ...]  # person → what they work toward
    dependencies: tuple[str, ...]  # "Ana's X needs Ben's Y (not yet acknowledged)"
    help: tuple[str, ...]  # where someone could help
    unanswered: tuple[str, ...] = field(default=())  # questions to settle


_BAD = {"red", "off_track", "missing"}


def agenda(work: Sequence[Work], links: Sequence[Link]) -> Agenda:
    """Generate the agenda from the team's work and dependencies (deterministic order)."""
    by_ref = {w.ref: w for w in work}
    goals: dict[str, list[str]] = defaultdict(list)
    for w in work:
        served = (
            f" (serves {', '.join(w.goal_names)})" if w.goal_names else " (serves no team goal)"
        )
        goals[w.owner].append(f"{w.name}{served}")
    deps: list[str] = []
    for link in links:
        a, b = by_ref.get(link.source), by_ref.get(link.target)
        if a is None or b is None:
            continue
        suffix = "" if link.acknowledged else " (not yet acknowledged)"
        deps.append(f"{a.owner}'s “{a.name}” depends on {b.owner}'s “{b.name}”{suffix}")
    help_lines: list[str] = []
    depended = {link.target for link in links}
    for w in work:
        if w.state not in _BAD:
            continue
        peers = sorted(
            {
                other.owner
                for other in work
                if other.owner != w.owner
                and other.state not in _BAD
                and set(other.goal_names) & set(w.goal_names)
            }
        )
        reason = {"red": "is red", "off_track": "is off track", "missing": "has no number"}[w.state]
        line = f"{w.owner}'s “{w.name}” {reason}"
        if w.ref in depended:
            waiting = sorted(
                {by_ref[x.source].owner for x in links if x.target == w.ref and x.source in by_ref}
            )
            line += f"; {', '.join(waiting)} depend{'s' if len(waiting) == 1 else ''} on it"
        if peers:
            line += f"; {', '.join(peers)} work toward the same goal and could help"
        help_lines.append(line)
    unanswered = tuple(
        f"Does {by_ref[link.target].owner} agree to “{by_ref[link.target].name}” being needed by {by_ref[link.source].owner}?"
        for link in links
        if not link.acknowledged and link.source in by_ref and link.target in by_ref
    )
    unlinked = [w for w in work if not w.goal_names and w.ref.startswith("m:")]
    unanswered += tuple(f"Which team goal does “{w.name}” ({w.owner}) serve?" for w in unlinked)
    return Agenda(
        goals=tuple((owner, tuple(items)) for owner, items in sorted(goals.items())),
        dependencies=tuple(deps),
        help=tuple(help_lines),
        unanswered=unanswered,
    )


def nobody_depends_on(work: Sequence[Work], links: Sequence[Link]) -> tuple[Work, ...]:
    """Priorities no dependency points to (worth asking whether anyone needs them)."""
    targets = {link.target for link in links}
    return tuple(w for w in work if w.ref.startswith("p:") and w.ref not in targets)
