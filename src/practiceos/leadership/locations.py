"""The multi-location table: one row per location, its figures aggregated in SQL.

Each figure is one ``GROUP BY location`` query over an indexed table (asks, seats,
assignments, health flags), so the page costs the same six queries at 3 or 5,000
locations; the rows (one small tuple per location) are merged, sorted and sliced in
Python. Correlated subqueries per row were tried first: PostgreSQL evaluates them for
every row it skips, so a late page of 5,000 took seconds (``bench/leadership_locations.py``).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.core.paginator import Page, Paginator
from django.db.models import Count, Q, Sum

from practiceos.health.models import SeatFlag
from practiceos.leadership.access import current
from practiceos.leadership.models import Ask, AskStatus
from practiceos.org.models import Assignment, Location, Seat

PER_PAGE = 50
#: ?sort= values and the row attribute each orders by (descending with a leading "-").
SORTS: dict[str, str] = {
    "name": "name",
    "manager": "manager_name",
    "open": "open_asks",
    "share": "owner_share",
    "findings": "findings",
    "score": "score",
}


@dataclass
class LocationRow:
    """One location's figures (asks over the recent period, findings of the latest run).

    ``owner_share`` is a whole percentage, ``None`` without recent asks; ``score`` is the
    share of the location's seats with no finding (100 with no seats).
    """

    pk: int
    name: str
    manager_name: str | None = None
    open_asks: int = 0
    recent_asks: int = 0
    to_owner: int = 0
    seat_count: int = 0
    flagged: int = 0
    findings: int = 0

    @property
    def owner_share(self) -> int | None:
        """Whole percent of recent asks that reached the owner."""
        return self.to_owner * 100 // self.recent_asks if self.recent_asks else None

    @property
    def score(self) -> int:
        """Share of seats without a finding, 0-100."""
        if not self.seat_count:
            return 100
        return (self.seat_count - self.flagged) * 100 // self.seat_count


def location_rows(pid: int, since: dt.datetime) -> list[LocationRow]:
    """Every location of the practice with its figures (six queries)."""
    rows = {
        pk: LocationRow(pk, name)
        for pk, name in Location.objects.filter(practice_id=pid).values_list("pk", "name")
    }
    for loc, name in (
        Assignment.objects.filter(
            current(), practice_id=pid, accountable=True, seat__kind="management"
        )
        .exclude(seat__location__isnull=True)
        .order_by("-seat__location_id", "-seat__name", "-pk")
        .values_list("seat__location_id", "person__name")
    ):
        # Ordered backwards so the last one written is the first seat by name.
        if loc in rows:
            rows[loc].manager_name = name
    for r in (
        Ask.objects.filter(practice_id=pid, status=AskStatus.OPEN, location__isnull=False)
        .values("location_id")
        .annotate(n=Count("id"))
        .order_by()
    ):
        if r["location_id"] in rows:
            rows[r["location_id"]].open_asks = r["n"]
    for r in (
        Ask.objects.filter(practice_id=pid, created_at__gte=since, location__isnull=False)
        .values("location_id")
        .annotate(n=Count("id"), owner=Count("id", filter=Q(reached_owner=True)))
        .order_by()
    ):
        if r["location_id"] in rows:
            rows[r["location_id"]].recent_asks = r["n"]
            rows[r["location_id"]].to_owner = r["owner"]
    for r in (
        Seat.objects.filter(practice_id=pid, location__isnull=False)
        .values("location_id")
        .annotate(n=Count("id"))
        .order_by()
    ):
        if r["location_id"] in rows:
            rows[r["location_id"]].seat_count = r["n"]
    for r in (
        SeatFlag.objects.filter(practice_id=pid, seat__location__isnull=False)
        .values("seat__location_id")
        .annotate(n=Count("id"), total=Sum("count"))
        .order_by()
    ):
        if r["seat__location_id"] in rows:
            rows[r["seat__location_id"]].flagged = r["n"]
            rows[r["seat__location_id"]].findings = r["total"] or 0
    return list(rows.values())


def _key(attr: str, descending: bool) -> Any:
    def key(row: LocationRow) -> tuple[Any, ...]:
        value = getattr(row, attr)
        if isinstance(value, str):
            value = value.casefold()
        # Missing values (no manager, no asks) sort last in either direction.
        return (value is None, value if value is not None else 0, row.name.casefold(), row.pk)

    def reverse_key(row: LocationRow) -> tuple[Any, ...]:
        value = getattr(row, attr)
        if value is None:
            return (1, 0, row.name.casefold(), row.pk)
        if isinstance(value, str):
            # Invert text for a descending sort without reversing the tie-break.
            return (0, tuple(-ord(c) for c in value.casefold()), row.name.casefold(), row.pk)
        return (0, -value, row.name.casefold(), row.pk)

    return reverse_key if descending else key


@dataclass
class LocationTable:
    """One page of the table, its sort, and the recent asks of all locations."""

    page: Page[Any]
    sort: str
    shares: list[float]
    asks_total: int
    to_owner_total: int


def location_table(pid: int, since: dt.datetime, sort: str, page: object) -> LocationTable:
    """The page ``page`` of locations sorted by ``sort`` (unknown sorts sort by name)."""
    key = sort.lstrip("-")
    if key not in SORTS:
        sort, key = "name", "name"
    rows = location_rows(pid, since)
    rows.sort(key=_key(SORTS[key], sort.startswith("-")))
    current_page = Paginator(rows, PER_PAGE).get_page(page)
    return LocationTable(
        page=current_page,
        sort=sort,
        shares=[r.to_owner / r.recent_asks for r in rows if r.recent_asks],
        asks_total=sum(r.recent_asks for r in rows),
        to_owner_total=sum(r.to_owner for r in rows),
    )
