"""REST endpoints for scorecards: measurables, numbers (feeds), scorecards, priorities,
team goals, dependencies, the library and one's own pulse.

Thin: objects come through ``scorecards.access`` (another practice's id is a plain 404),
writes go through ``scorecards.services``. ``PUT /scorecards/numbers`` is the endpoint for
feeds from practice-management and billing systems: idempotent per measurable and
period (sending the same numbers twice changes nothing), all or nothing, every bad entry
named by its index.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Annotated, Any

from django.http import HttpRequest
from ninja import Field, Path, Query, Router, Schema, Status
from pydantic import AfterValidator, ConfigDict

from practiceos.core import scorecard as sc
from practiceos.core.measurable_library import library
from practiceos.core.scorecard_entry import RawEntry
from practiceos.org.access import get_team_for
from practiceos.org.schemas import MAX_ID, Message, Problems, no_nul
from practiceos.scorecards import services
from practiceos.scorecards.access import (
    get_dependency_for,
    get_measurable_for,
    get_priority_for,
)
from practiceos.scorecards.models import Measurable, MeasurableValue, Priority, TeamGoal
from practiceos.scorecards.reading import can_see_private, team_scorecard
from practiceos.tenancy.api import membership_of
from practiceos.tenancy.permissions import Action

router = Router(tags=["scorecards"])
ERRORS: dict[int, Any] = {401: Message, 403: Message, 404: Message, 422: Problems}

Text = Annotated[str, AfterValidator(no_nul)]
Number = Annotated[str, AfterValidator(no_nul), Field(max_length=40)] | float | int | None
Id = Annotated[int, Field(ge=1, le=MAX_ID)]


def _sane(day: dt.date) -> dt.date:
    """Dates far outside business use are typing mistakes (and would overflow windows)."""
    if not 1900 <= day.year <= 2200:
        raise ValueError("is not a date between the years 1900 and 2200")
    return day


Day = Annotated[dt.date, AfterValidator(_sane)]


class Strict(Schema):
    """Input bodies: unknown fields are errors."""

    model_config = ConfigDict(extra="forbid")


def _path_id() -> Any:
    return Path(..., ge=1, le=MAX_ID, description="The object's id.")


# ---- measurables ----------------------------------------------------------------------------


class Bounds(Strict):
    """A per-level goal: low (and high for between / outside)."""

    low: Number = None
    high: Number = None


class MeasurableIn(Strict):
    """A measurable: owned by a seat, on a team's scorecard, with a goal and an operator."""

    name: Text = Field(..., max_length=160)
    key: Text | None = Field(None, max_length=60, description="Short name for formulas/uploads.")
    team: Id | None = None
    seat: Id | None = None
    unit: sc.Unit = sc.Unit.NUMBER
    operator: sc.Operator = sc.Operator.AT_LEAST
    goal_low: Number = None
    goal_high: Number = None
    cadence: sc.Cadence = sc.Cadence.WEEKLY
    formula: Text = Field("", max_length=sc.MAX_FORMULA)
    normalise: str = Field("none", pattern="^(none|per_provider_hour|per_provider_day)$")
    visibility: sc.Visibility = sc.Visibility.TEAM
    team_goals: list[Id] = Field([], max_length=20)
    level_targets: dict[str, Bounds] = Field({}, max_length=3)
    position: int = Field(0, ge=0, le=10_000)
    active: bool = True


class MeasurablePatch(Strict):
    """Partial update of a measurable: only the fields sent change."""

    name: Annotated[Text, Field(max_length=160)] | None = None
    key: Annotated[Text, Field(max_length=60)] | None = None
    team: Id | None = None
    seat: Id | None = None
    unit: sc.Unit | None = None
    operator: sc.Operator | None = None
    goal_low: Number = None
    goal_high: Number = None
    cadence: sc.Cadence | None = None
    formula: Annotated[Text, Field(max_length=sc.MAX_FORMULA)] | None = None
    visibility: sc.Visibility | None = None
    team_goals: list[Id] | None = Field(None, max_length=20)
    level_targets: dict[str, Bounds] | None = Field(None, max_length=3)
    position: int | None = Field(None, ge=0, le=10_000)
    active: bool | None = None


class MeasurableOut(Schema):
    """A measurable as stored."""

    id: int
    name: str
    key: str
    team: int | None = Field(None, alias="team_id")
    seat: int | None = Field(None, alias="seat_id")
    unit: str
    operator: str
    goal_low: Decimal | None
    goal_high: Decimal | None
    cadence: str
    formula: str
    normalise: str
    visibility: str
    level_targets: dict[str, Any]
    position: int
    active: bool


class MeasurablePage(Schema):
    """A page of measurables."""

    items: list[MeasurableOut]
    count: int


class MeasurableFilters(Schema):
    """Filters and paging of the measurable list."""

    team: int | None = Field(None, ge=1, le=MAX_ID, description="Only this team's.")
    limit: int = Field(100, ge=1, le=500)
    offset: int = Field(0, ge=0, le=10**9)


def _body(body: Schema) -> dict[str, Any]:
    data = body.model_dump(exclude_unset=True, mode="json")
    if "level_targets" in data and data["level_targets"] is not None:
        data["level_targets"] = {
            k: {b: v for b, v in (t or {}).items() if v is not None}
            for k, t in data["level_targets"].items()
        }
    return data


def _visible_measurables(request: HttpRequest) -> Any:
    membership = membership_of(request)
    qs = Measurable.objects.filter(practice_id=membership.practice_id).order_by(
        "team_id", "position", "id"
    )
    return membership, qs


@router.get("/scorecards/measurables", response={200: MeasurablePage, **ERRORS})
def list_measurables(request: HttpRequest, filters: Query[MeasurableFilters]) -> dict[str, Any]:
    """The practice's measurables (private ones only for owner and manager chain)."""
    membership, qs = _visible_measurables(request)
    if filters.team is not None:
        qs = qs.filter(team_id=filters.team)
    count = qs.count()
    items = list(qs[filters.offset : filters.offset + filters.limit])
    private = {m.seat_id for m in items if m.visibility == "private" and m.seat_id}
    allowed = can_see_private(membership, private) if private else set()
    items = [m for m in items if m.visibility != "private" or m.seat_id in allowed]
    return {"items": items, "count": count}


@router.get("/scorecards/measurables/{id}", response={200: MeasurableOut, **ERRORS})
def read_measurable(request: HttpRequest, id: int = _path_id()) -> Measurable:
    """One measurable."""
    return get_measurable_for(membership_of(request), id)


@router.post("/scorecards/measurables", response={201: MeasurableOut, **ERRORS})
def create_measurable(request: HttpRequest, body: MeasurableIn) -> Status[Measurable]:
    """Add a measurable (owners, admins and managers)."""
    obj = services.create_measurable(actor=membership_of(request), data=_body(body))
    return Status(201, obj)


@router.patch("/scorecards/measurables/{id}", response={200: MeasurableOut, **ERRORS})
def update_measurable(
    request: HttpRequest, body: MeasurablePatch, id: int = _path_id()
) -> Measurable:
    """Change the fields sent."""
    membership = membership_of(request)
    obj = get_measurable_for(membership, id, Action.EDIT_SCORECARD)
    return services.update_measurable(actor=membership, measurable=obj, data=_body(body))


# ---- numbers --------------------------------------------------------------------------------


class NumberIn(Strict):
    """One number: the measurable (key or id), the period, the value (null clears it)."""

    measurable: Annotated[Text, Field(max_length=160)] | Id
    period: Annotated[Text, Field(max_length=20)] = Field(
        ..., description="2026-W05, a date in the week, or 2026-03 for monthly."
    )
    value: Number


class NumbersIn(Strict):
    """A batch of numbers, written all or nothing."""

    entries: list[NumberIn] = Field(..., max_length=20_000)


class SaveOut(Schema):
    """What a save did."""

    created: int
    updated: int
    cleared: int
    unchanged: int


@router.put("/scorecards/numbers", response={200: SaveOut, **ERRORS})
def put_numbers(request: HttpRequest, body: NumbersIn) -> services.SaveResult:
    """Write numbers; idempotent per measurable and period (feeds may resend safely).

    Every bad entry is reported as ``entries[i]`` with the value and what is accepted;
    nothing is written when any entry is bad.
    """
    raw = [
        RawEntry(f"entries[{i}]", e.measurable, e.period, e.value)
        for i, e in enumerate(body.entries)
    ]
    return services.save_numbers(actor=membership_of(request), entries=raw, note="API")


class NumberOut(Schema):
    """One stored number."""

    period: dt.date
    value: Decimal


class RangeFilter(Schema):
    """A date range (inclusive); default the last 52 weeks."""

    start: Day | None = None
    end: Day | None = None


@router.get("/scorecards/measurables/{id}/numbers", response={200: list[NumberOut], **ERRORS})
def list_numbers(
    request: HttpRequest, range: Query[RangeFilter], id: int = _path_id()
) -> list[MeasurableValue]:
    """A measurable's numbers in a date range (at most 5 years at once)."""
    m = get_measurable_for(membership_of(request), id)
    end = range.end or dt.date.today()
    start = range.start or end - dt.timedelta(weeks=52)
    start = max(start, end - dt.timedelta(days=366 * 5))
    return list(
        MeasurableValue.objects.filter(measurable=m, period__gte=start, period__lte=end).order_by(
            "period"
        )
    )


# ---- the scorecard ----------------------------------------------------------------------------


class CellOut(Schema):
    """One period of a scorecard row."""

    period: dt.date
    value: Decimal | None
    status: str


class RowOut(Schema):
    """One measurable on the scorecard."""

    id: int
    name: str
    key: str
    owner: str
    goal: str
    status: str
    red_streak: int
    alerts: list[str]
    cells: list[CellOut]


class ScorecardOut(Schema):
    """A team's scorecard over a trailing window."""

    team: int
    weeks: list[dt.date]
    rows: list[RowOut]


class ScorecardQuery(Schema):
    """Which week (any day of it; default this week) and how many weeks back."""

    week: Day | None = None
    weeks: int = Field(13, description="4, 13 or 52.")


@router.get("/scorecards/teams/{id}/scorecard", response={200: ScorecardOut, **ERRORS})
def read_scorecard(
    request: HttpRequest, query: Query[ScorecardQuery], id: int = _path_id()
) -> dict[str, Any]:
    """A team's numbers, green/red against their goals, with streaks and trend alerts."""
    membership = membership_of(request)
    team = get_team_for(membership, id)
    if query.weeks not in sc.WINDOWS:
        from practiceos.core.problems import InputError, Problem

        raise InputError([Problem("weeks", f"{query.weeks} is not accepted; use 4, 13 or 52")])
    card = team_scorecard(team, query.week or dt.date.today(), weeks=query.weeks, viewer=membership)
    return {
        "team": team.pk,
        "weeks": list(card.weeks),
        "rows": [
            {
                "id": r.measurable.pk,
                "name": r.measurable.name,
                "key": r.measurable.key,
                "owner": r.owner,
                "goal": r.goal.text(),
                "status": r.status.value,
                "red_streak": r.red_streak,
                "alerts": [a.text for a in r.alerts],
                "cells": [
                    {"period": c.period, "value": c.value, "status": c.status.value}
                    for c in r.cells
                ],
            }
            for r in card.rows
        ],
    }


# ---- priorities and team goals ----------------------------------------------------------------


class PriorityIn(Strict):
    """A 90-day priority owned by a seat."""

    title: Text = Field(..., max_length=200)
    description: Text = Field("", max_length=4000)
    seat: Id | None = None
    team: Id | None = None
    team_goal: Id | None = None
    due: Day
    status: sc.PriorityStatus = sc.PriorityStatus.ON_TRACK
    visibility: sc.Visibility = sc.Visibility.TEAM


class PriorityPatch(Strict):
    """Partial update of a priority (its owner may change the status)."""

    title: Annotated[Text, Field(max_length=200)] | None = None
    description: Annotated[Text, Field(max_length=4000)] | None = None
    seat: Id | None = None
    team: Id | None = None
    team_goal: Id | None = None
    due: Day | None = None
    status: sc.PriorityStatus | None = None
    visibility: sc.Visibility | None = None


class PriorityOut(Schema):
    """A priority as stored."""

    id: int
    title: str
    description: str
    seat: int | None = Field(None, alias="seat_id")
    team: int | None = Field(None, alias="team_id")
    team_goal: int | None = Field(None, alias="team_goal_id")
    due: dt.date
    status: str
    visibility: str


class PriorityPage(Schema):
    """A page of priorities."""

    items: list[PriorityOut]
    count: int


@router.get("/scorecards/priorities", response={200: PriorityPage, **ERRORS})
def list_priorities(request: HttpRequest, filters: Query[MeasurableFilters]) -> dict[str, Any]:
    """The practice's priorities, soonest due first (private ones only for their chain)."""
    membership = membership_of(request)
    qs = Priority.objects.filter(practice_id=membership.practice_id).order_by("due", "id")
    if filters.team is not None:
        qs = qs.filter(team_id=filters.team)
    count = qs.count()
    items = list(qs[filters.offset : filters.offset + filters.limit])
    private = {p.seat_id for p in items if p.visibility == "private" and p.seat_id}
    allowed = can_see_private(membership, private) if private else set()
    return {
        "items": [p for p in items if p.visibility != "private" or p.seat_id in allowed],
        "count": count,
    }


@router.post("/scorecards/priorities", response={201: PriorityOut, **ERRORS})
def create_priority(request: HttpRequest, body: PriorityIn) -> Status[Priority]:
    """Add a priority."""
    data = body.model_dump(exclude_unset=False, mode="json")
    return Status(201, services.create_priority(actor=membership_of(request), data=data))


@router.patch("/scorecards/priorities/{id}", response={200: PriorityOut, **ERRORS})
def update_priority(request: HttpRequest, body: PriorityPatch, id: int = _path_id()) -> Priority:
    """Change the fields sent (the owner may change the status)."""
    membership = membership_of(request)
    obj = get_priority_for(membership, id)
    data = body.model_dump(exclude_unset=True, mode="json")
    return services.update_priority(actor=membership, priority=obj, data=data)


class TeamGoalIn(Strict):
    """A team goal: a collective target."""

    team: Id
    name: Text = Field(..., max_length=160)
    target: Text = Field("", max_length=300)
    due: Day | None = None


class TeamGoalOut(Schema):
    """A team goal as stored."""

    id: int
    team: int = Field(..., alias="team_id")
    name: str
    target: str
    due: dt.date | None


@router.get("/scorecards/team-goals", response={200: list[TeamGoalOut], **ERRORS})
def list_team_goals(request: HttpRequest, filters: Query[MeasurableFilters]) -> list[TeamGoal]:
    """The practice's team goals (a page of them)."""
    qs = TeamGoal.objects.filter(practice_id=membership_of(request).practice_id)
    if filters.team is not None:
        qs = qs.filter(team_id=filters.team)
    return list(qs[filters.offset : filters.offset + filters.limit])


@router.post("/scorecards/team-goals", response={201: TeamGoalOut, **ERRORS})
def create_team_goal(request: HttpRequest, body: TeamGoalIn) -> Status[TeamGoal]:
    """Add a team goal."""
    data = body.model_dump(mode="json")
    return Status(201, services.create_team_goal(actor=membership_of(request), data=data))


# ---- dependencies ----------------------------------------------------------------------------


class DependencyIn(Strict):
    """Whose work depends on whose: one ``from_*`` and one ``to_*`` (ids)."""

    from_measurable: Id | None = None
    from_priority: Id | None = None
    to_measurable: Id | None = None
    to_priority: Id | None = None
    note: Text = Field("", max_length=300)


class DependencyOut(Schema):
    """A dependency as stored."""

    id: int
    from_measurable: int | None = Field(None, alias="from_measurable_id")
    from_priority: int | None = Field(None, alias="from_priority_id")
    to_measurable: int | None = Field(None, alias="to_measurable_id")
    to_priority: int | None = Field(None, alias="to_priority_id")
    note: str
    acknowledged_at: dt.datetime | None


@router.post("/scorecards/dependencies", response={201: DependencyOut, **ERRORS})
def create_dependency(request: HttpRequest, body: DependencyIn) -> Status[Any]:
    """Record that one person's measurable or priority depends on a peer's."""
    membership = membership_of(request)

    def m(pk: int | None) -> Measurable | None:
        return get_measurable_for(membership, pk) if pk is not None else None

    def p(pk: int | None) -> Priority | None:
        return get_priority_for(membership, pk) if pk is not None else None

    dep = services.create_dependency(
        actor=membership,
        from_measurable=m(body.from_measurable),
        from_priority=p(body.from_priority),
        to_measurable=m(body.to_measurable),
        to_priority=p(body.to_priority),
        note=body.note,
    )
    return Status(201, dep)


@router.post("/scorecards/dependencies/{id}/acknowledge", response={200: DependencyOut, **ERRORS})
def acknowledge_dependency(request: HttpRequest, id: int = _path_id()) -> Any:
    """The peer acknowledges a dependency on their work."""
    membership = membership_of(request)
    dep = get_dependency_for(membership, id)
    return services.acknowledge_dependency(actor=membership, dependency=dep)


# ---- library and pulse ----------------------------------------------------------------------


class LibraryOut(Schema):
    """One library measurable."""

    id: str
    field: str
    name: str
    unit: str
    operator: str
    goal: Decimal | None
    goal_high: Decimal | None
    cadence: str
    normalise: str
    description: str
    source: str


@router.get("/scorecards/library", response={200: list[LibraryOut], **ERRORS})
def list_library(request: HttpRequest) -> list[Any]:
    """The measurable library, every field of practice."""
    membership_of(request)
    return [m for lib in library() for m in lib.measurables]


class PulseIn(Strict):
    """One's own pulse for a month: 1–5 with peers, reports (if any) and manager."""

    month: Day = Field(..., description="Any day of the month answered for.")
    peers: int = Field(..., ge=1, le=5)
    reports: int | None = Field(None, ge=1, le=5)
    manager: int | None = Field(None, ge=1, le=5)
    comment: Text = Field("", max_length=500)


class PulseOut(Schema):
    """One's own pulse answer (nobody else ever reads it)."""

    month: dt.date
    peers: int
    reports: int | None
    manager: int | None
    comment: str


@router.put("/scorecards/pulse", response={200: PulseOut, **ERRORS})
def put_pulse(request: HttpRequest, body: PulseIn) -> Any:
    """Answer (or change) one's own pulse for a month."""
    data = body.model_dump(mode="json", exclude={"month"})
    return services.answer_pulse(actor=membership_of(request), month=body.month, data=data)
