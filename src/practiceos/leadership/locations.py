"""The multi-location table: one row per location, every figure computed in SQL.

Each figure is a correlated subquery on an indexed column, so the database sorts and
pages 5,000 locations without Python seeing more than one page of rows: one query for
the page, one for the count, one for the spread chart, whatever the number of locations.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.core.paginator import Page, Paginator
from django.db.models import (
    Case,
    Count,
    F,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Coalesce

from practiceos.health.models import SeatFlag
from practiceos.leadership.access import current
from practiceos.leadership.models import Ask, AskStatus
from practiceos.org.models import Assignment, Location, Seat

PER_PAGE = 50
#: ?sort= values and the column each orders by (descending with a leading "-").
SORTS: dict[str, str] = {
    "name": "name",
    "manager": "manager_name",
    "open": "open_asks",
    "share": "owner_share",
    "findings": "findings",
    "score": "score",
}


def _count(qs: QuerySet[Any], field: str = "id", **extra: Any) -> Subquery:
    """``COUNT`` of ``qs`` rows for the outer location, as an integer subquery."""
    return Subquery(
        qs.order_by().values("practice_id").annotate(n=Count(field, **extra)).values("n")[:1],
        output_field=IntegerField(),
    )


def annotated(pid: int, since: dt.datetime) -> QuerySet[Location]:
    """The practice's locations with manager, open asks, recent asks and owner share,
    seats, flagged seats, findings and score (see docs/leadership.md for each)."""
    here = OuterRef("pk")
    manager = (
        Assignment.objects.filter(
            current(), seat__location=here, seat__kind="management", accountable=True
        )
        .order_by("seat__name", "pk")
        .values("person__name")[:1]
    )
    recent = Ask.objects.filter(practice_id=pid, location=here, created_at__gte=since)
    flags = SeatFlag.objects.filter(practice_id=pid, seat__location=here)
    return (
        Location.objects.filter(practice_id=pid)
        .annotate(
            manager_name=Subquery(manager),
            open_asks=Coalesce(
                _count(Ask.objects.filter(practice_id=pid, location=here, status=AskStatus.OPEN)),
                0,
            ),
            recent_asks=Coalesce(_count(recent), 0),
            to_owner=Coalesce(_count(recent.filter(reached_owner=True)), 0),
            seat_count=Coalesce(_count(Seat.objects.filter(practice_id=pid, location=here)), 0),
            flagged=Coalesce(_count(flags), 0),
            findings=Coalesce(
                Subquery(
                    flags.order_by().values("practice_id").annotate(n=Sum("count")).values("n")[:1],
                    output_field=IntegerField(),
                ),
                0,
            ),
        )
        .annotate(
            owner_share=Case(
                When(recent_asks=0, then=Value(None)),
                default=F("to_owner") * 100 / F("recent_asks"),
                output_field=IntegerField(),
            ),
            score=Case(
                When(seat_count=0, then=Value(100)),
                default=(F("seat_count") - F("flagged")) * 100 / F("seat_count"),
                output_field=IntegerField(),
            ),
        )
    )


@dataclass
class LocationTable:
    """One page of the table, its sort, and the spread of owner share over all locations."""

    page: Page[Any]
    sort: str
    shares: list[float]
    open_total: int
    asks_total: int
    to_owner_total: int


def location_table(pid: int, since: dt.datetime, sort: str, page: object) -> LocationTable:
    """The page ``page`` of locations sorted by ``sort`` (unknown sorts sort by name)."""
    key = sort.lstrip("-")
    if key not in SORTS:
        sort, key = "name", "name"
    column = F(SORTS[key])
    ordering = column.desc(nulls_last=True) if sort.startswith("-") else column.asc(nulls_last=True)
    qs = annotated(pid, since).order_by(ordering, "name", "pk")
    paginator = Paginator(qs, PER_PAGE)
    current_page = paginator.get_page(page)
    spread = list(
        Ask.objects.filter(practice_id=pid, created_at__gte=since, location__isnull=False)
        .values("location_id")
        .annotate(
            asks=Count("id"),
            to_owner=Count("id", filter=Q(reached_owner=True)),
            open=Count("id", filter=Q(status=AskStatus.OPEN)),
        )
        .order_by()
    )
    return LocationTable(
        page=current_page,
        sort=sort,
        shares=[r["to_owner"] / r["asks"] for r in spread if r["asks"]],
        open_total=sum(r["open"] for r in spread),
        asks_total=sum(r["asks"] for r in spread),
        to_owner_total=sum(r["to_owner"] for r in spread),
    )
