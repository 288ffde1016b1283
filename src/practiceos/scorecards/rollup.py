"""Roll-ups across locations and teams that never hide a weak site.

A "kind" of measurable is a library entry (every location that added "Hygiene
reappointment %") or, for the practice's own measurables, a name. For one kind and one
period, each location (or team) gets the mean of its measurables' numbers (so a site with
three providers is compared with the same per-measurable goal as a site with one); a
location that tracks the kind but entered nothing is *missing*, and one that does not
track it is *not tracked*: neither is ever a zero, and neither is left out.

Four queries whatever the number of locations: the kinds, the measurables of the kind,
their numbers for the period, and the practice's locations (or teams).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, Min

from practiceos.core import scorecard as sc
from practiceos.org.models import Location, Team
from practiceos.scorecards.models import Measurable, MeasurableValue

MAX_KINDS = 300


@dataclass(frozen=True, slots=True)
class Kind:
    """A measurable kind that can be rolled up: ``ref`` is ``lib:<id>`` or ``name:<name>``."""

    ref: str
    name: str
    count: int


@dataclass(frozen=True, slots=True)
class BoxPlot:
    """Geometry of a horizontal box plot (SVG units) with the goal marked."""

    width: int
    height: int
    x_min: float
    x_q1: float
    x_median: float
    x_q3: float
    x_max: float
    x_goal: float | None
    dots: tuple[tuple[float, bool], ...]  # (x, red) per site, at most 400 drawn

    @property
    def iqr_width(self) -> float:
        """Width of the box (lower to upper quartile)."""
        return round(max(self.x_q3 - self.x_q1, 1.0), 1)


@dataclass(frozen=True, slots=True)
class RollUpResult:
    """A kind rolled up for one period, by location or team."""

    name: str
    goal: sc.Goal
    period: dt.date
    cadence: sc.Cadence
    by: str
    summary: sc.RollUp
    not_tracked: tuple[str, ...]
    not_tracked_count: int
    box: BoxPlot | None


def kinds(practice_id: int) -> list[Kind]:
    """The kinds of measurable that appear on the practice's scorecards (2 queries)."""
    active = Measurable.objects.filter(practice_id=practice_id, active=True)
    out = [
        Kind(f"lib:{lib}", name, n)
        for lib, name, n in active.exclude(library_id="")
        .values("library_id")
        .annotate(n=Count("id"), first=Min("name"))
        .values_list("library_id", "first", "n")
        .order_by("-n", "library_id")[:MAX_KINDS]
    ]
    out += [
        Kind(f"name:{name}", name, n)
        for name, n in active.filter(library_id="")
        .values("name")
        .annotate(n=Count("id"))
        .values_list("name", "n")
        .order_by("-n", "name")[:MAX_KINDS]
    ]
    return sorted(out, key=lambda k: (-k.count, k.name))[:MAX_KINDS]


def roll_up_kind(
    practice_id: int, ref: str, week: dt.date, *, by: str = "location", worst: int = 10
) -> RollUpResult | None:
    """Roll ``ref`` up across the practice's locations (or teams) for ``week``'s period."""
    qs = Measurable.objects.filter(practice_id=practice_id, active=True)
    if ref.startswith("lib:"):
        qs = qs.filter(library_id=ref[4:])
    elif ref.startswith("name:"):
        qs = qs.filter(name=ref[5:])
    else:
        return None
    group_field = "team_id" if by == "team" else "seat__location_id"
    rows = list(
        qs.values_list(
            "id", group_field, "name", "operator", "goal_low", "goal_high", "cadence"
        ).order_by("id")
    )
    if not rows:
        return None
    _, _, name, operator, low, high, cadence_raw = rows[0]
    cadence = sc.Cadence(cadence_raw)
    goal = sc.Goal(sc.Operator(operator), low, high)
    period = sc.period_start(week, cadence)
    group_of = {mid: group for mid, group, *_ in rows}
    numbers: dict[object, list[Decimal]] = defaultdict(list)
    for mid, value in MeasurableValue.objects.filter(
        practice_id=practice_id, measurable_id__in=qs.values("id"), period=period
    ).values_list("measurable_id", "value"):
        numbers[group_of.get(mid)].append(value)
    model = Team if by == "team" else Location
    names = dict(model.objects.filter(practice_id=practice_id).values_list("id", "name"))
    tracked = {g for g in group_of.values()}
    per_site: dict[str, Decimal | None] = {}
    for group in tracked:
        label = names.get(group, "no location") if group is not None else f"no {by}"
        got = numbers.get(group)
        per_site[label] = (
            (sum(got, Decimal(0)) / len(got)).quantize(Decimal("0.01")) if got else None
        )
    summary = sc.roll_up(per_site, goal, worst=worst)
    untracked = sorted(n for g, n in names.items() if g not in tracked)
    return RollUpResult(
        name=name,
        goal=goal,
        period=period,
        cadence=cadence,
        by=by,
        summary=summary,
        not_tracked=tuple(untracked[:50]),
        not_tracked_count=len(untracked),
        box=_box(summary, per_site, goal),
    )


def _box(summary: sc.RollUp, per_site: dict[str, Decimal | None], goal: sc.Goal) -> BoxPlot | None:
    if summary.minimum is None or summary.maximum is None:
        return None
    width, height, pad = 560, 60, 16
    low = min(summary.minimum, goal.low) if goal.low is not None else summary.minimum
    high = max(summary.maximum, goal.low) if goal.low is not None else summary.maximum
    span = (high - low) or Decimal(1)

    def x(v: Decimal | None) -> float:
        value = v if v is not None else low
        return round(pad + float((value - low) / span) * (width - 2 * pad), 1)

    present = [v for v in per_site.values() if v is not None]
    dots = tuple((x(v), goal.status(v) is sc.Status.RED) for v in present[:400])
    return BoxPlot(
        width,
        height,
        x(summary.minimum),
        x(summary.q1),
        x(summary.median),
        x(summary.q3),
        x(summary.maximum),
        x(goal.low) if goal.low is not None else None,
        dots,
    )


__all__ = ["Kind", "RollUpResult", "kinds", "roll_up_kind"]
