"""Owner load and owner time read from the database in a fixed number of queries.

Counts are aggregated in SQL (per week, per location); only the median time to a
decision reads one row per decided ask of the period (two timestamps), because a median
is not an aggregate both SQLite and PostgreSQL offer.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Count, Q, Sum
from django.db.models.functions import TruncWeek

from practiceos.core.decisions import median_hours, share, week_of
from practiceos.leadership.models import Ask, TimeEntry

WEEKS = 12


@dataclass(frozen=True)
class WeekLoad:
    """One week: asks raised, how many reached the owner, their share, the median hours
    from raising to deciding."""

    week: dt.date
    asks: int
    to_owner: int
    share: float | None
    median_hours: float | None


def _as_date(value: object) -> dt.date:
    return value.date() if isinstance(value, dt.datetime) else value  # type: ignore[return-value]


def weekly_load(pid: int, today: dt.date, weeks: int = WEEKS) -> list[WeekLoad]:
    """The last ``weeks`` weeks, oldest first, empty weeks included (two queries)."""
    first = week_of(today) - dt.timedelta(weeks=weeks - 1)
    since = dt.datetime.combine(first, dt.time.min, tzinfo=dt.UTC)
    counts = {
        _as_date(r["week"]): (r["asks"], r["to_owner"])
        for r in Ask.objects.filter(practice_id=pid, created_at__gte=since)
        .annotate(week=TruncWeek("created_at"))
        .values("week")
        .annotate(asks=Count("id"), to_owner=Count("id", filter=Q(reached_owner=True)))
        .order_by("week")
    }
    waits: dict[dt.date, list[dt.timedelta]] = defaultdict(list)
    for created, decided in Ask.objects.filter(
        practice_id=pid, created_at__gte=since, decided_at__isnull=False
    ).values_list("created_at", "decided_at"):
        waits[week_of(created.date())].append(decided - created)
    out = []
    for i in range(weeks):
        week = first + dt.timedelta(weeks=i)
        asks, to_owner = counts.get(week, (0, 0))
        out.append(WeekLoad(week, asks, to_owner, share(to_owner, asks), median_hours(waits[week])))
    return out


def location_load(pid: int, since: dt.datetime, limit: int = 20) -> list[dict[str, object]]:
    """Locations with the most asks reaching the owner since ``since`` (one query)."""
    return list(
        Ask.objects.filter(practice_id=pid, created_at__gte=since)
        .values("location_id", "location__name")
        .annotate(asks=Count("id"), to_owner=Count("id", filter=Q(reached_owner=True)))
        .order_by("-to_owner", "-asks", "location__name")[:limit]
    )


def week_grid(pid: int, user_id: int, week: dt.date) -> dict[tuple[dt.date, str], int]:
    """Minutes per (day, kind) the user recorded in the week starting ``week`` (one query)."""
    return {
        (r["day"], r["kind"]): r["total"]
        for r in TimeEntry.objects.filter(
            practice_id=pid, user_id=user_id, day__gte=week, day__lt=week + dt.timedelta(days=7)
        )
        .values("day", "kind")
        .annotate(total=Sum("minutes"))
    }


def weekly_split(
    pid: int, user_id: int, today: dt.date, weeks: int = 8
) -> list[tuple[dt.date, dict[str, int]]]:
    """Minutes per kind per week for the last ``weeks`` weeks, oldest first (one query)."""
    first = week_of(today) - dt.timedelta(weeks=weeks - 1)
    totals: dict[dt.date, dict[str, int]] = defaultdict(dict)
    for r in (
        TimeEntry.objects.filter(practice_id=pid, user_id=user_id, day__gte=first)
        .annotate(week=TruncWeek("day"))
        .values("week", "kind")
        .annotate(total=Sum("minutes"))
    ):
        totals[_as_date(r["week"])][r["kind"]] = int(r["total"])
    return [
        (first + dt.timedelta(weeks=i), totals.get(first + dt.timedelta(weeks=i), {}))
        for i in range(weeks)
    ]
