"""Reading numbers: a team's scorecard and priorities in a fixed number of queries.

These are the documented read functions other apps use (the team meeting shows this
week's numbers and priorities through :func:`week_scorecard` and :func:`team_priorities`).
They do not check permissions: callers pass a team they already fetched through an access
helper, and a ``viewer`` when private measurables must be hidden.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Prefetch

from practiceos.core import scorecard as sc
from practiceos.org.models import Assignment, Seat, Team
from practiceos.scorecards.models import GoalOverride, Measurable, MeasurableValue, Priority
from practiceos.tenancy.models import MemberRole, Membership


@dataclass(frozen=True, slots=True)
class ScorecardRow:
    """One measurable on a scorecard: owner, goal, the window's cells, alerts and totals.

    ``current`` is the cell of the period asked for (the last one of ``cells``);
    ``computed`` is true for a formula measurable (its numbers are not typed in).
    """

    measurable: Measurable
    owner: str
    goal: sc.Goal
    cells: tuple[sc.Cell, ...]
    alerts: tuple[sc.Alert, ...]
    summary: sc.Summary
    sparkline: tuple[str, ...]
    computed: bool

    @property
    def current(self) -> sc.Cell:
        """The cell of the period asked for."""
        return self.cells[-1]

    @property
    def status(self) -> sc.Status:
        """Green, red, missing or no goal for the period asked for."""
        return self.current.status

    @property
    def red_streak(self) -> int:
        """How many periods in a row, up to the one asked for, the number has been red."""
        return sc.red_streak(self.cells)


@dataclass(frozen=True, slots=True)
class Scorecard:
    """A team's scorecard over a trailing window of weeks (monthly measurables by month)."""

    team: Team
    weeks: tuple[dt.date, ...]
    rows: tuple[ScorecardRow, ...]

    @property
    def red(self) -> tuple[ScorecardRow, ...]:
        """Rows red in the latest period."""
        return tuple(r for r in self.rows if r.status is sc.Status.RED)


def goal_of(m: Measurable, level: str | None = None) -> sc.Goal:
    """The goal of a measurable, or its per-level target for an owner at ``level``."""
    target = (m.level_targets or {}).get(level or "") if level else None
    if isinstance(target, dict) and target.get("low") not in (None, ""):
        high = target.get("high")
        return sc.Goal(
            sc.Operator(m.operator),
            Decimal(str(target["low"])),
            Decimal(str(high)) if high not in (None, "") else None,
        )
    return sc.Goal(sc.Operator(m.operator), m.goal_low, m.goal_high)


def owners_by_seat(seat_ids: Iterable[int]) -> dict[int, tuple[str, str]]:
    """``{seat id: (person's name, level)}`` for the current accountable person (1 query)."""
    rows = Assignment.objects.filter(
        seat_id__in=set(seat_ids), end__isnull=True, accountable=True
    ).values_list("seat_id", "person__name", "level")
    return {seat: (name, level) for seat, name, level in rows}


def can_see_private(viewer: Membership | None, seat_ids: set[int]) -> set[int]:
    """The seats among ``seat_ids`` whose private measurables ``viewer`` may see (≤ 2 queries).

    Owners and admins see all; anyone else sees the ones of seats they fill and of seats
    below theirs in the reporting line (their manager chain).
    """
    if viewer is None or viewer.role in (MemberRole.OWNER, MemberRole.ADMIN):
        return set(seat_ids)
    mine = set(
        Assignment.objects.filter(
            practice_id=viewer.practice_id, person__user_id=viewer.user_id, end__isnull=True
        ).values_list("seat_id", flat=True)
    )
    if not mine:
        return set()
    # The whole reporting forest in one query; walking up from each seat finds its chain.
    parent = dict(
        Seat.objects.filter(practice_id=viewer.practice_id).values_list("id", "reports_to_id")
    )
    visible: set[int] = set()
    for seat in seat_ids:
        node: int | None = seat
        hops = 0
        while node is not None and hops <= len(parent):
            if node in mine:
                visible.add(seat)
                break
            node = parent.get(node)
            hops += 1
    return visible


def team_measurables(team: Team, viewer: Membership | None = None) -> list[Measurable]:
    """The team's active measurables in scorecard order (1 query, +2 with private ones)."""
    items = list(
        Measurable.objects.filter(practice_id=team.practice_id, team=team, active=True).order_by(
            "position", "id"
        )
    )
    private = {m.seat_id for m in items if m.visibility == "private" and m.seat_id}
    if private and viewer is not None:
        allowed = can_see_private(viewer, private)
        items = [m for m in items if m.visibility != "private" or m.seat_id in allowed]
    return items


def _formula_inputs(
    practice_id: int, measurables: Sequence[Measurable]
) -> tuple[dict[str, sc.Formula], dict[str, int]]:
    """Parsed formulas needed by ``measurables`` and the ids of every key they use (≤ 2 queries).

    Formulas may use other formulas; all of the practice's formula measurables are read
    at once (they are few) so the closure needs no query per level.
    """
    if not any(m.formula for m in measurables):
        return {}, {}
    all_formulas = dict(
        Measurable.objects.filter(practice_id=practice_id)
        .exclude(formula="")
        .values_list("key", "formula")
    )
    parsed: dict[str, sc.Formula] = {}
    todo = [m.key for m in measurables if m.formula]
    needed: set[str] = set()
    while todo:
        key = todo.pop()
        if key in parsed or key not in all_formulas:
            continue
        try:
            parsed[key] = sc.parse_formula(all_formulas[key])
        except ValueError:
            continue  # stored formulas are validated on write; a broken one reads as missing
        for ref in parsed[key].refs:
            needed.add(ref)
            todo.append(ref)
    ids = dict(
        Measurable.objects.filter(practice_id=practice_id, key__in=needed).values_list("key", "id")
    )
    return parsed, ids


def team_scorecard(
    team: Team, end: dt.date, *, weeks: int = 13, viewer: Membership | None = None
) -> Scorecard:
    """The team's scorecard over the ``weeks`` weeks ending with ``end``'s week.

    A fixed number of queries whatever the size of the practice or its history: the
    measurables, their owners, their numbers and goal overrides inside the window, and
    (with formulas) the formula inputs. Monthly measurables show the months the window
    spans.
    """
    items = team_measurables(team, viewer)
    week_list = sc.trailing_periods(end, weeks, sc.Cadence.WEEKLY)
    first = sc.month_start(week_list[0])
    owners = owners_by_seat(m.seat_id for m in items if m.seat_id)
    parsed, ref_ids = _formula_inputs(team.practice_id, items)
    ids = {m.id for m in items} | set(ref_ids.values())
    values: dict[int, dict[dt.date, Decimal]] = defaultdict(dict)
    for mid, period, value in MeasurableValue.objects.filter(
        practice_id=team.practice_id, measurable_id__in=ids, period__gte=first, period__lte=end
    ).values_list("measurable_id", "period", "value"):
        values[mid][period] = value
    overrides: dict[int, dict[dt.date, sc.Goal]] = defaultdict(dict)
    for mid, period, op, low, high in GoalOverride.objects.filter(
        practice_id=team.practice_id,
        measurable_id__in=[m.id for m in items],
        period__gte=first,
        period__lte=end,
    ).values_list("measurable_id", "period", "operator", "goal_low", "goal_high"):
        overrides[mid][period] = sc.Goal(sc.Operator(op), low, high)
    by_key = {m.key: m.id for m in items} | ref_ids
    rows = [_row(m, owners, values, overrides, parsed, by_key, week_list, end) for m in items]
    return Scorecard(team, week_list, tuple(rows))


def _row(
    m: Measurable,
    owners: dict[int, tuple[str, str]],
    values: dict[int, dict[dt.date, Decimal]],
    overrides: dict[int, dict[dt.date, sc.Goal]],
    parsed: dict[str, sc.Formula],
    by_key: dict[str, int],
    week_list: tuple[dt.date, ...],
    end: dt.date,
) -> ScorecardRow:
    cadence = sc.Cadence(m.cadence)
    periods = (
        week_list
        if cadence is sc.Cadence.WEEKLY
        else sc.trailing_periods(end, _months_spanned(week_list), sc.Cadence.MONTHLY)
    )
    name, level = owners.get(m.seat_id or 0, ("vacant" if m.seat_id else "no owner", ""))
    goal = goal_of(m, level)
    series = (
        _computed(m.key, parsed, by_key, values, periods)
        if m.formula and m.key in parsed
        else values.get(m.id, {})
    )
    cells = sc.cells(periods, series, goal, overrides.get(m.id))
    return ScorecardRow(
        measurable=m,
        owner=name,
        goal=goal,
        cells=cells,
        alerts=sc.alerts(cells, cadence, goal.higher_is_better),
        summary=sc.summarise(cells),
        sparkline=sc.sparkline([c.value for c in cells]),
        computed=bool(m.formula),
    )


def _months_spanned(weeks: tuple[dt.date, ...]) -> int:
    first, last = weeks[0], weeks[-1]
    return (last.year - first.year) * 12 + last.month - first.month + 1


def _computed(
    key: str,
    parsed: dict[str, sc.Formula],
    by_key: dict[str, int],
    values: dict[int, dict[dt.date, Decimal]],
    periods: Sequence[dt.date],
) -> dict[dt.date, Decimal]:
    """A formula measurable's numbers per period, computing inner formulas first."""
    order = sc.evaluation_order(parsed)
    out: dict[dt.date, Decimal] = {}
    for period in periods:
        known: dict[str, Decimal | None] = {
            k: values.get(mid, {}).get(period) for k, mid in by_key.items() if k not in parsed
        }
        for inner in order:
            known[inner] = sc.evaluate(parsed[inner], known)
        result = known.get(key)
        if result is not None:
            out[period] = result
    return out


def week_scorecard(
    team: Team, week: dt.date, *, viewer: Membership | None = None
) -> list[ScorecardRow]:
    """This week's numbers for ``team``, each with its status (green/red/missing) and alerts.

    ``week`` is any day of the week wanted. Each row's ``current`` cell is that week's
    number and the status against the goal that applied; ``red_streak`` and ``alerts``
    look back 13 weeks. Fixed number of queries (see :func:`team_scorecard`).
    """
    return list(team_scorecard(team, week, weeks=13, viewer=viewer).rows)


def team_priorities(team: Team, *, include_closed: bool = False) -> list[Priority]:
    """The team's 90-day priorities, soonest due first, with seat and milestones (2 queries).

    Done and dropped priorities are left out unless ``include_closed``.
    """
    qs = (
        Priority.objects.filter(practice_id=team.practice_id, team=team)
        .select_related("seat", "team_goal")
        .prefetch_related(Prefetch("milestones"))
        .order_by("due", "id")
    )
    if not include_closed:
        qs = qs.filter(status__in=["on_track", "off_track"])
    return list(qs)
