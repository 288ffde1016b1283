"""Alignment rules: weekly numbers, team goals, priorities, dependencies and the pulse
(DESIGN §1 principles 6 and 7).

They read the scorecard section of the snapshot (:mod:`practiceos.core.alignment`), which
only a snapshot built from the database carries: on an org file without it every rule
checks nothing and finds nothing. None of these situations has a structural change that
fixes it, so each finding's message ends with the plain steps that clear it.

Which rule reports what, so one situation is reported once:

- A measurable with no seat is ``measurable-without-owner``; a measurable whose seat is
  vacant is not (it is owned by the seat; ``seat-vacant`` reports the vacancy).
- ``measurable-not-linked`` only runs on teams that have goals; a team without any is
  ``team-without-shared-goal`` (one finding, not one per measurable).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterator, Mapping, Sequence

from practiceos.core.alignment import MeasurableInfo, PriorityInfo, PulseMonth
from practiceos.core.health.engine import RuleContext, rule
from practiceos.core.health.facts import Facts
from practiceos.core.health.findings import Area, Finding, Severity, Subject, SubjectType
from practiceos.core.model import Team


def _team_subject(facts: Facts, team_id: str | None) -> list[Subject]:
    team = facts.snapshot.teams_by_id.get(team_id or "")
    return [Subject(SubjectType.TEAM, team.id, team.name)] if team is not None else []


def _seat_subject(facts: Facts, seat_id: str | None) -> list[Subject]:
    seat = facts.snapshot.seats_by_id.get(seat_id or "")
    return [facts.subject(seat)] if seat is not None else []


def _active_by_team(facts: Facts) -> Mapping[str, tuple[MeasurableInfo, ...]]:
    def compute() -> dict[str, tuple[MeasurableInfo, ...]]:
        out: dict[str, list[MeasurableInfo]] = defaultdict(list)
        for m in facts.snapshot.measurables:
            if m.team_id is not None:
                out[m.team_id].append(m)
        return {k: tuple(v) for k, v in out.items()}

    return facts.cached("alignment:measurables-by-team", compute)


def _goal_teams(facts: Facts) -> set[str]:
    return facts.cached(
        "alignment:goal-teams", lambda: {g.team_id for g in facts.snapshot.team_goals}
    )


def _seats_per_team(facts: Facts) -> Mapping[str, int]:
    def compute() -> dict[str, int]:
        out: dict[str, int] = defaultdict(int)
        for seat in facts.seats:
            if seat.team_id is not None:
                out[seat.team_id] += 1
        return dict(out)

    return facts.cached("alignment:seats-per-team", compute)


@rule(
    "measurable-without-owner",
    area=Area.ALIGNMENT,
    severity=Severity.MEDIUM,
    principles=(6, 7),
    checks=lambda facts: len(facts.snapshot.measurables),
    summary="A measurable no seat owns: nobody is accountable for the number.",
)
def measurable_without_owner(ctx: RuleContext) -> Iterator[Finding]:
    seats = ctx.snapshot.seats_by_id
    for m in ctx.snapshot.measurables:
        if m.seat_id is not None and m.seat_id in seats:
            continue
        team = ctx.snapshot.teams_by_id.get(m.team_id or "")
        owner = team.manager_seat_id if team is not None else None
        suggestion = (
            f" the team's manager seat ({ctx.facts.label(seats[owner])}) until someone takes it"
            if owner is not None and owner in seats
            else " the seat whose work moves the number"
        )
        yield ctx.finding(
            _team_subject(ctx.facts, m.team_id),
            f"“{m.name}” has no owner seat, so nobody answers for it in the weekly meeting. "
            f"To fix: on the scorecard's Set up page, give it to{suggestion}.",
        )


@rule(
    "team-without-shared-goal",
    area=Area.ALIGNMENT,
    severity=Severity.MEDIUM,
    principles=7,
    checks=lambda facts: sum(1 for n in _seats_per_team(facts).values() if n >= 2),
    summary="A team of two or more seats with no shared goal (no goal text, no team goals).",
)
def team_without_shared_goal(ctx: RuleContext) -> Iterator[Finding]:
    with_goals = _goal_teams(ctx.facts)
    sizes = _seats_per_team(ctx.facts)
    for team in sorted(ctx.snapshot.teams, key=lambda t: (t.name, t.id)):
        # The team's own goal sentence (from the chart or an org file) is a shared goal
        # too; team goals on the scorecard make it measurable, but either will do here.
        if sizes.get(team.id, 0) < 2 or team.id in with_goals or team.goal.strip():
            continue
        yield ctx.finding(
            _team_subject(ctx.facts, team.id),
            f"{team.name} ({sizes[team.id]} seats) has no shared goal: each member is measured "
            "alone, nothing says what they are accountable for together. To fix: write the "
            "team's goal on the team, or add one to three team goals on the scorecard's Set up "
            "page and link each measurable to the goal it serves.",
        )


@rule(
    "measurable-not-linked",
    area=Area.ALIGNMENT,
    severity=Severity.LOW,
    principles=7,
    checks=lambda facts: sum(
        len(ms) for team, ms in _active_by_team(facts).items() if team in _goal_teams(facts)
    ),
    summary="A measurable on a team with goals that serves none of them.",
)
def measurable_not_linked(ctx: RuleContext) -> Iterator[Finding]:
    with_goals = _goal_teams(ctx.facts)
    for team_id, items in sorted(_active_by_team(ctx.facts).items()):
        if team_id not in with_goals:
            continue
        for m in items:
            if m.goal_ids:
                continue
            yield ctx.finding(
                _team_subject(ctx.facts, team_id) + _seat_subject(ctx.facts, m.seat_id),
                f"“{m.name}” serves none of the team's goals, so its owner cannot see why it "
                "matters to the team. To fix: tick the goal it serves on the Set up page, or "
                "drop it from the scorecard if it serves none.",
            )


@rule(
    "goals-hidden-from-peers",
    area=Area.ALIGNMENT,
    severity=Severity.LOW,
    principles=7,
    checks=lambda facts: len({m.seat_id for m in facts.snapshot.measurables if m.seat_id}),
    summary="Every measurable of a seat is private: peers cannot see what it works toward.",
)
def goals_hidden_from_peers(ctx: RuleContext) -> Iterator[Finding]:
    by_seat: dict[str, list[MeasurableInfo]] = defaultdict(list)
    for m in ctx.snapshot.measurables:
        if m.seat_id is not None:
            by_seat[m.seat_id].append(m)
    for seat_id, items in sorted(by_seat.items()):
        if not all(m.private for m in items):
            continue
        names = ", ".join(f"“{m.name}”" for m in items[:5])
        yield ctx.finding(
            _seat_subject(ctx.facts, seat_id),
            f"All of this seat's numbers ({names}) are private to its manager chain, so its "
            "peers cannot see what it works toward or where their work affects it. To fix: "
            "make at least the numbers that serve a team goal visible to the team.",
        )


@rule(
    "dependency-unacknowledged",
    area=Area.ALIGNMENT,
    severity=Severity.LOW,
    principles=7,
    checks=lambda facts: len(facts.snapshot.dependencies),
    summary="A dependency on a peer's work the peer has not acknowledged in time.",
)
def dependency_unacknowledged(ctx: RuleContext) -> Iterator[Finding]:
    limit = ctx.policy.dependency_ack_days
    work = _work_index(ctx.snapshot.measurables, ctx.snapshot.priorities)
    for dep in ctx.snapshot.dependencies:
        age = (ctx.snapshot.as_of - dep.created).days
        if dep.acknowledged or age < limit:
            continue
        source, target = work.get(dep.source), work.get(dep.target)
        if source is None or target is None:
            continue
        yield ctx.finding(
            _seat_subject(ctx.facts, target[1]) + _seat_subject(ctx.facts, source[1]),
            f"“{source[0]}” depends on “{target[0]}”, and its owner has not acknowledged it in "
            f"{age} days: the two may not agree on what is needed. To fix: the owner of "
            f"“{target[0]}” acknowledges it on the team's alignment page, or they settle it "
            "in the next peer alignment conversation.",
        )


def _work_index(
    measurables: Sequence[MeasurableInfo], priorities: Sequence[PriorityInfo]
) -> dict[str, tuple[str, str | None]]:
    out = {f"m:{m.id}": (m.name, m.seat_id) for m in measurables}
    out.update({f"p:{p.id}": (p.title, p.seat_id) for p in priorities})
    return out


@rule(
    "scorecard-bloat",
    area=Area.ALIGNMENT,
    severity=Severity.LOW,
    principles=6,
    checks=lambda facts: len(_active_by_team(facts)),
    summary="A team scorecard with more measurables than the policy's maximum.",
)
def scorecard_bloat(ctx: RuleContext) -> Iterator[Finding]:
    limit = ctx.policy.max_measurables_per_team
    for team_id, items in sorted(_active_by_team(ctx.facts).items()):
        if len(items) <= limit:
            continue
        yield ctx.finding(
            _team_subject(ctx.facts, team_id),
            f"This team keeps {len(items)} weekly numbers (the practice's maximum is {limit}): "
            "too many to review in a meeting, so red ones hide among the rest. To fix: keep "
            f"the {limit} that best show whether the team's goals are on track and archive "
            "the others (their history is kept).",
        )


@rule(
    "off-track-streak",
    area=Area.ALIGNMENT,
    severity=Severity.MEDIUM,
    principles=6,
    checks=lambda facts: len(facts.snapshot.measurables),
    summary="A measurable red for the policy's number of weeks in a row.",
)
def off_track_streak(ctx: RuleContext) -> Iterator[Finding]:
    limit = ctx.policy.off_track_weeks
    for m in ctx.snapshot.measurables:
        if m.red_streak < limit:
            continue
        yield ctx.finding(
            _team_subject(ctx.facts, m.team_id) + _seat_subject(ctx.facts, m.seat_id),
            f"“{m.name}” has missed its goal {m.red_streak} weeks running. To fix: put it on "
            "the team's issues list for the next meeting, agree the cause and one action with "
            "an owner and a date; if the goal itself is wrong, change it with a reason.",
            severity=Severity.HIGH if m.red_streak >= 2 * limit else None,
        )


@rule(
    "priority-without-owner",
    area=Area.ALIGNMENT,
    severity=Severity.MEDIUM,
    principles=(6, 7),
    checks=lambda facts: sum(1 for p in facts.snapshot.priorities if p.open),
    summary="An open 90-day priority that no seat owns.",
)
def priority_without_owner(ctx: RuleContext) -> Iterator[Finding]:
    seats = ctx.snapshot.seats_by_id
    for p in ctx.snapshot.priorities:
        if not p.open or (p.seat_id is not None and p.seat_id in seats):
            continue
        yield ctx.finding(
            _team_subject(ctx.facts, p.team_id),
            f"The priority “{p.title}” has no owner seat: a priority everyone shares is one "
            "nobody moves. To fix: give it to one seat on the team's Set up page (others can "
            "record that their work depends on it).",
        )


@rule(
    "alignment-low",
    area=Area.ALIGNMENT,
    severity=Severity.MEDIUM,
    principles=7,
    checks=lambda facts: len({p.team_id for p in facts.snapshot.pulse}),
    summary="A team whose alignment pulse stays low for the policy's number of months.",
)
def alignment_low(ctx: RuleContext) -> Iterator[Finding]:
    months = ctx.policy.alignment_low_months
    threshold = ctx.policy.alignment_low
    by_team: dict[str, list[PulseMonth]] = defaultdict(list)
    for p in ctx.snapshot.pulse:
        by_team[p.team_id].append(p)
    for team_id, points in sorted(by_team.items()):
        recent = _recent_months(points, ctx.snapshot.as_of, months)
        if recent is None or any(p.answers < 3 or p.peers > threshold for p in recent):
            continue
        team: Team | None = ctx.snapshot.teams_by_id.get(team_id)
        name = team.name if team is not None else "A team"
        mean = sum(p.peers for p in recent) / len(recent)
        yield ctx.finding(
            _team_subject(ctx.facts, team_id),
            f"{name}'s members rate their alignment with peers {mean:.1f} of 5 on average for "
            f"{len(recent)} months running. To fix: hold a peer alignment conversation (the "
            "agenda is on the team's alignment page), record who depends on whom, and check "
            "the next pulse.",
        )


def _recent_months(
    points: Sequence[PulseMonth], as_of: dt.date, count: int
) -> list[PulseMonth] | None:
    """The latest ``count`` consecutive months with answers ending this or last month."""
    by_month = {p.month: p for p in points}
    month = as_of.replace(day=1)
    if month not in by_month:
        month = (month - dt.timedelta(days=1)).replace(day=1)
    out: list[PulseMonth] = []
    for _ in range(count):
        point = by_month.get(month)
        if point is None:
            return None
        out.append(point)
        month = (month - dt.timedelta(days=1)).replace(day=1)
    return out
