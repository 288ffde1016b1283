"""How the chart is coloured and filtered: the legends of seat kinds, locations and teams,
the view read from the page's address, and the service lines drawn for one seat.

Fixed query counts as in ``org.chart``: the legends are three queries whatever the size,
the lines one. Nothing here writes.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Q, QuerySet, Window

from practiceos.org.chart import KIND_LABELS, KIND_ORDER
from practiceos.org.models import Location, Seat, ServiceLink, Team, live

# Colours for "colour by location / team": a fixed colour-blind-safe palette (the chart's
# CSS holds the values as .pc-0 … .pc-8). The largest groups get a colour each; the rest
# share "other", so a group with thousands of locations still has a readable legend.
PALETTE_SIZE = 9
# Locations and teams offered in the chart's filter lists (largest first beyond this).
FILTER_OPTIONS = 500
# What the chart can be coloured by (the ``colour`` query parameter).
COLOUR_MODES = ("kind", "location", "team")


def _kind_rows(practice_id: int) -> tuple[list[tuple[str, str, int]], int, int]:
    """Seats per kind, and the seats with no location and with no team. One query."""
    counts: dict[str, int] = {}
    no_location = no_team = 0
    for kind, n, unplaced, teamless in (
        Seat.objects.filter(live(), practice_id=practice_id)
        .order_by()
        .values("kind")
        .annotate(
            n=Count("pk"),
            unplaced=Count("pk", filter=Q(location__isnull=True)),
            teamless=Count("pk", filter=Q(team__isnull=True)),
        )
        .values_list("kind", "n", "unplaced", "teamless")
    ):
        counts[kind] = n
        no_location += unplaced
        no_team += teamless
    kinds = [(kind, KIND_LABELS[kind], counts.get(kind, 0)) for kind in KIND_ORDER]
    return kinds, no_location, no_team


@dataclass
class GroupEntry:
    """A location or team in the chart's legend and filter list.

    ``colour`` is a palette index (0 … PALETTE_SIZE - 1) or None for "other".
    """

    id: int
    name: str
    count: int
    colour: int | None


@dataclass
class GroupLegend:
    """The locations (or teams) of a practice, largest first, with their colours."""

    entries: list[GroupEntry]
    # Seats in no location (no team), drawn in the "none" grey.
    unassigned: int
    # Groups beyond FILTER_OPTIONS (not offered in the filter list).
    more: int = 0

    @property
    def coloured(self) -> list[GroupEntry]:
        """The groups with a colour of their own (the legend's rows)."""
        return [e for e in self.entries if e.colour is not None]

    @property
    def other(self) -> tuple[int, int]:
        """(groups, seats) sharing the "other" colour."""
        rest = [e for e in self.entries if e.colour is None]
        return len(rest) + self.more, sum(e.count for e in rest)

    @property
    def by_name(self) -> list[GroupEntry]:
        """The filter list's order."""
        return sorted(self.entries, key=lambda e: (e.name.lower(), e.id))

    def get(self, pk: int | None) -> GroupEntry | None:
        """The entry with id ``pk`` (None when not listed)."""
        return next((e for e in self.entries if e.id == pk), None)


def _group_legend(
    qs: QuerySet[Any], seats: str, unassigned: int, wanted: int | None = None
) -> GroupLegend:
    """The groups largest first, up to FILTER_OPTIONS, plus ``wanted`` (the one the
    address filters by) when it is a group of ``qs`` beyond them: one query, and one more
    only for such a group."""
    counted = qs.annotate(n=Count(seats, filter=live(f"{seats}__"), distinct=True))
    rows = list(
        counted.annotate(total=Window(Count("id")))
        .order_by("-n", "name", "pk")
        .values_list("pk", "name", "n", "total")[:FILTER_OPTIONS]
    )
    entries = [
        GroupEntry(id=pk, name=name, count=n, colour=i if i < PALETTE_SIZE and n else None)
        for i, (pk, name, n, _) in enumerate(rows)
    ]
    more = max(0, rows[0][3] - len(rows)) if rows else 0
    if wanted is not None and more and all(e.id != wanted for e in entries):
        # Filtered by a small location of a large group (from its own page's link).
        for pk, name, n in counted.filter(pk=wanted).values_list("pk", "name", "n"):
            entries.append(GroupEntry(id=pk, name=name, count=n, colour=None))
            more -= 1
    return GroupLegend(entries=entries, unassigned=unassigned, more=more)


def legends(
    practice_id: int, view: ChartView | None = None
) -> tuple[list[tuple[str, str, int]], GroupLegend, GroupLegend]:
    """The chart's legends: seat kinds, locations and teams. Three queries (one more for
    each filter by a group beyond the filter lists).

    Colours go to the largest locations and teams by live seats (ties by name), so the
    same practice always gets the same colours; the browser maps each card's location and
    team to a colour from these lists, so cards loaded later cost no query for it.

    With ``view``, a filter by a location or team that is not one of the practice's live
    ones (another practice's, archived, a typo) is dropped and named in its problems.
    """
    kinds, no_location, no_team = _kind_rows(practice_id)
    wanted = view or ChartView()
    locations = _group_legend(
        Location.objects.filter(live(), practice_id=practice_id),
        "seats",
        no_location,
        wanted.location,
    )
    teams = _group_legend(
        Team.objects.filter(live(), practice_id=practice_id), "seats", no_team, wanted.team
    )
    if view is not None:
        for name, legend in (("location", locations), ("team", teams)):
            pk = getattr(view, name)
            if pk is not None and legend.get(pk) is None:
                view.problems.append(
                    f"{name}: there is no {name} {pk} on this practice's chart; "
                    f"showing every {name}."
                )
                setattr(view, name, None)
    return kinds, locations, teams


@dataclass
class ChartView:
    """How the chart is shown, from the page's query string (so a link reproduces it)."""

    colour: str = "kind"
    location: int | None = None
    team: int | None = None
    # Hide the seats outside the filter (with no matching seat below them) instead of
    # greying them.
    hide: bool = False
    problems: list[str] = field(default_factory=list)


def chart_view(params: Any) -> ChartView:
    """Read ``colour``, ``location``, ``team`` and ``hide`` from a query dict. A bad value is
    reported (field, value, what is accepted) and ignored; the chart still opens."""
    view = ChartView()
    colour = params.get("colour", "") or "kind"
    if colour in COLOUR_MODES:
        view.colour = colour
    else:
        view.problems.append(
            f"colour: {colour!r} is not one of {', '.join(COLOUR_MODES)}; showing by kind."
        )
    for name in ("location", "team"):
        raw = params.get(name, "")
        if not raw:
            continue
        if raw.isdigit():
            setattr(view, name, int(raw))
        else:
            view.problems.append(
                f"{name}: {raw!r} is not a {name} id (a whole number); showing every {name}."
            )
    hide = params.get("hide", "")
    if hide in ("1", "0", ""):
        view.hide = hide == "1"
    else:
        view.problems.append(f"hide: {hide!r} is not 1 or 0; greying the other seats.")
    return view


def service_lines(practice_id: int, seat_id: int) -> dict[str, list[int]]:
    """Ids of the seats ``seat_id`` serves and of the seats that serve it. One query."""
    serves: list[int] = []
    served_by: list[int] = []
    for support_id, provider_id in (
        ServiceLink.objects.filter(practice_id=practice_id)
        .filter(Q(support_seat_id=seat_id) | Q(provider_seat_id=seat_id))
        .filter(live("support_seat__"), live("provider_seat__"))
        .order_by("pk")
        .values_list("support_seat_id", "provider_seat_id")
    ):
        if support_id == seat_id:
            serves.append(provider_id)
        else:
            served_by.append(support_id)
    return {"serves": serves, "served_by": served_by}
