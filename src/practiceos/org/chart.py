"""Read queries behind the chart and the org pages.

Every function here costs a fixed number of queries whatever the practice's size: cards
carry their accountable person and report count as correlated subqueries, wide levels
are cut to a page per manager with a window function, and the path up to the top is one
recursive query. Nothing here writes; writes go through ``org.services``.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.core.paginator import Page, Paginator
from django.db import connection
from django.db.models import (
    Case,
    Count,
    F,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
    Window,
)
from django.db.models.functions import Coalesce, RowNumber

from practiceos.compiled import CompiledQuery
from practiceos.org.models import (
    Assignment,
    Location,
    Person,
    Seat,
    SeatKindChoices,
    ServiceLink,
    live,
)

# How many reports of one manager a level shows before a "show N more" button.
PAGE = 50
# The first page expands the top seats two levels down, but stops opening second-level
# managers once this many grandchildren cards are on the page (a 10,000-seat group
# still opens in a few hundred kilobytes).
SECOND_LEVEL_BUDGET = 120
# Names shown in "serves: …" before "+N".
SERVES_SHOWN = 3
# Rows per page in the people and locations lists.
LIST_PAGE = 50
# Seats listed on a location page before "and N more".
LOCATION_SEATS = 500
# Direct reports listed on a seat page before "and N more".
SEAT_REPORTS = 100
SEARCH_LIMIT = 8

KIND_ORDER = [choice.value for choice in SeatKindChoices]
KIND_LABELS = dict(SeatKindChoices.choices)


@dataclass
class Card:
    """One seat as the chart draws it."""

    id: int
    name: str
    kind: str
    role_title: str
    location_name: str
    person_id: int | None
    person_name: str | None
    report_count: int
    location_id: int | None = None
    team_id: int | None = None
    team_name: str = ""
    # Seats this one serves and seats that serve it (service lines), for the lines toggle.
    served_by_count: int = 0
    serves: list[str] = field(default_factory=list)
    serves_more: int = 0
    # None: not loaded (collapsed); a list: the loaded reports, shown expanded.
    children: list[Card] | None = None
    # How many reports exist beyond the loaded ones, and where the next page starts.
    more: int = 0
    next_offset: int = 0
    # The latest health check's findings about this seat (None: none, or never checked).
    flag_count: int | None = None
    flag_severity: str | None = None
    flag_messages: str = ""
    # When the run behind the flag ran (the marker's tooltip says "checked 30 Nov 14:02").
    flag_checked_at: Any = None

    @property
    def kind_label(self) -> str:
        """The seat kind as people read it."""
        return KIND_LABELS.get(self.kind, self.kind)

    @property
    def stacked(self) -> bool:
        """Draw the loaded reports as a column: none of them has reports of its own."""
        kids = self.children or []
        return len(kids) > 3 and all(kid.report_count == 0 for kid in kids)

    @property
    def serves_count(self) -> int:
        """How many seats this seat serves (all of them, not only the names shown)."""
        return len(self.serves) + self.serves_more

    @property
    def spoken(self) -> str:
        """The seat in one sentence, as the chart announces it to screen readers:
        "Practice Manager — Tremont, held by Ana Ruiz, 4 reports, 1 finding"."""
        parts = [f"{self.name} — {self.location_name}" if self.location_name else self.name]
        parts.append(f"held by {self.person_name}" if self.person_name else "vacant")
        n = self.report_count
        parts.append(f"{n} report{'s' if n != 1 else ''}" if n else "no reports")
        if self.flag_count:
            parts.append(f"{self.flag_count} finding{'s' if self.flag_count != 1 else ''}")
        return ", ".join(parts)


@dataclass
class Level:
    """A page of seats under one manager (or the top seats when ``parent_id`` is None)."""

    parent_id: int | None
    cards: list[Card]
    total: int
    offset: int

    @property
    def more(self) -> int:
        """Seats beyond this page."""
        return max(0, self.total - self.offset - PAGE)

    @property
    def next_offset(self) -> int:
        """Where the next page starts."""
        return self.offset + PAGE

    @property
    def stacked(self) -> bool:
        """Draw as a column (every seat on the page is a leaf)."""
        return len(self.cards) > 3 and all(card.report_count == 0 for card in self.cards)


def _accountable(seat_ref: str) -> QuerySet[Assignment]:
    return Assignment.objects.filter(
        seat_id=OuterRef(seat_ref), end__isnull=True, accountable=True
    ).order_by()


def _kind_rank() -> Case:
    return Case(
        *(When(kind=kind, then=Value(i)) for i, kind in enumerate(KIND_ORDER)),
        default=Value(len(KIND_ORDER)),
        output_field=IntegerField(),
    )


def annotate_cards(qs: QuerySet[Seat]) -> QuerySet[Seat]:
    """Add ``person_pk``, ``person_name``, ``report_count``, ``served_by_count`` and the
    latest health check's ``flag_*`` to a seat query (no extra query: the flags are a join
    on ``health.SeatFlag``, stored by each run, never computed here; the run's date rides
    on the same join)."""
    reports = (
        Seat.objects.filter(live(), reports_to_id=OuterRef("pk"))
        .order_by()
        .values("reports_to_id")
        .annotate(n=Count("pk"))
        .values("n")
    )
    served_by = (
        ServiceLink.objects.filter(provider_seat_id=OuterRef("pk"))
        .order_by()
        .values("provider_seat_id")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return qs.select_related("role", "location", "team").annotate(
        person_pk=Subquery(_accountable("pk").values("person_id")[:1]),
        person_name=Subquery(_accountable("pk").values("person__name")[:1]),
        report_count=Coalesce(Subquery(reports[:1]), Value(0)),
        served_by_count=Coalesce(Subquery(served_by[:1]), Value(0)),
        kind_rank=_kind_rank(),
        flag_count=F("health_flag__count"),
        flag_severity=F("health_flag__severity"),
        flag_messages=F("health_flag__messages"),
        flag_checked_at=F("health_flag__run__created_at"),
    )


def _card(seat: Any) -> Card:
    return Card(
        id=seat.pk,
        name=seat.name,
        kind=seat.kind,
        role_title=seat.role.title if seat.role_id else "",
        location_name=seat.location.name if seat.location_id else "",
        person_id=seat.person_pk,
        person_name=seat.person_name,
        report_count=seat.report_count,
        location_id=seat.location_id,
        team_id=seat.team_id,
        team_name=seat.team.name if seat.team_id else "",
        served_by_count=getattr(seat, "served_by_count", 0) or 0,
        flag_count=getattr(seat, "flag_count", None),
        flag_severity=getattr(seat, "flag_severity", None),
        flag_messages=getattr(seat, "flag_messages", None) or "",
        flag_checked_at=getattr(seat, "flag_checked_at", None),
    )


# The columns of a card row from :data:`_PAGED` (then the manager id and sibling count).
_CARD_FIELDS = [
    "id",
    "name",
    "kind",
    "role__title",
    "location__name",
    "person_pk",
    "person_name",
    "report_count",
    "flag_count",
    "flag_severity",
    "flag_messages",
    "location_id",
    "team_id",
    "team__name",
    "served_by_count",
    "flag_checked_at",
]


def _build_paged(practice: int, parents: list[int] | None, lo: int, hi: int) -> QuerySet[Seat]:
    order = [F("kind_rank").asc(), F("name").asc(), F("id").asc()]
    parent_filter = (
        Q(reports_to__isnull=True)
        if parents is None
        else Q(reports_to_id=parents[0])
        if len(parents) == 1
        else Q(reports_to_id__in=parents)
    )
    return (
        annotate_cards(Seat.objects.filter(live(), parent_filter, practice_id=practice))
        .annotate(
            rank=Window(RowNumber(), partition_by=[F("reports_to_id")], order_by=order),
            siblings=Window(Count("id"), partition_by=[F("reports_to_id")]),
        )
        .filter(rank__gt=lo, rank__lte=hi)
        .order_by("reports_to_id", "rank")
    )


# The chart's busiest query (every chart page, level and seat page), compiled once per
# shape: compiling it cost several times what PostgreSQL spends running it.
_PAGED = CompiledQuery(_build_paged, [*_CARD_FIELDS, "reports_to_id", "siblings"])


def _row_card(row: tuple[Any, ...]) -> Card:
    return Card(
        id=row[0],
        name=row[1],
        kind=row[2],
        role_title=row[3] or "",
        location_name=row[4] or "",
        person_id=row[5],
        person_name=row[6],
        report_count=row[7],
        flag_count=row[8],
        flag_severity=row[9],
        flag_messages=row[10] or "",
        location_id=row[11],
        team_id=row[12],
        team_name=row[13] or "",
        served_by_count=row[14] or 0,
        flag_checked_at=row[15],
    )


def _paged(
    practice_id: int, parents: list[int] | None, *, offset: int = 0, limit: int = PAGE
) -> list[tuple[Card, int, int]]:
    """(card, manager id, siblings) for the first ``limit`` reports of each manager in
    ``parents`` (the top seats for None). One query.

    A window numbers each manager's reports in chart order (managers first, then by
    kind and name), so one query pages many managers at once.
    """
    rows = _PAGED.rows(practice=practice_id, parents=parents, lo=offset, hi=offset + limit)
    return [(_row_card(row), row[-2], row[-1]) for row in rows]


def _build_serves(practice: int, seats: list[int]) -> QuerySet[ServiceLink]:
    return (
        ServiceLink.objects.filter(practice_id=practice, support_seat_id__in=seats)
        .annotate(person=Subquery(_accountable("provider_seat_id").values("person__name")[:1]))
        .order_by("support_seat_id", "provider_seat__name")
    )


_SERVES = CompiledQuery(_build_serves, ["support_seat_id", "provider_seat__name", "person"])


def _attach_serves(practice_id: int, cards: list[Card]) -> None:
    """Fill ``serves`` on each card with the people (or seats) it serves. One query."""
    if not cards:
        return
    by_id = {card.id: card for card in cards}
    for support_id, seat_name, person in _SERVES.rows(practice=practice_id, seats=list(by_id)):
        card = by_id[support_id]
        if len(card.serves) < SERVES_SHOWN:
            card.serves.append(person or seat_name)
        else:
            card.serves_more += 1


def _level(
    practice_id: int,
    parent_id: int | None,
    *,
    offset: int = 0,
    focus: int | None = None,
) -> Level:
    parent_filter = Q(reports_to_id=parent_id) if parent_id else Q(reports_to__isnull=True)
    rows = _paged(practice_id, [parent_id] if parent_id else None, offset=offset)
    cards = [card for card, _, _ in rows]
    total = rows[0][2] if rows else 0
    if focus is not None and all(card.id != focus for card in cards):
        # The seat being revealed sits beyond this page: add it at the end (the browser
        # drops the duplicate if the user later loads the page that holds it).
        extra = annotate_cards(
            Seat.objects.filter(parent_filter, practice_id=practice_id, pk=focus)
        ).first()
        if extra is not None:
            cards.append(_card(extra))
    return Level(parent_id=parent_id, cards=cards, total=total, offset=offset)


def children_of(
    practice_id: int, parent_id: int | None, *, offset: int = 0, focus: int | None = None
) -> Level:
    """A page of ``parent_id``'s direct reports (top seats for None) as cards.

    Two queries (three when ``focus`` is beyond the page): the cards, then service links.
    """
    level = _level(practice_id, parent_id, offset=offset, focus=focus)
    _attach_serves(practice_id, level.cards)
    return level


def initial_chart(practice_id: int, *, focus_root: int | None = None) -> Level:
    """The top seats with two levels of reports loaded. Four queries whatever the size.

    Level one is paged per top seat; level two only for the first managers that fit in
    :data:`SECOND_LEVEL_BUDGET`, the rest stay collapsed with their report counts.
    """
    roots = _level(practice_id, None, focus=focus_root)
    everyone = list(roots.cards)
    parents = [card for card in roots.cards if card.report_count]
    for depth in (1, 2):
        if depth == 2:
            budget, chosen = SECOND_LEVEL_BUDGET, []
            for card in parents:
                shown = min(card.report_count, PAGE)
                if shown > budget:
                    break
                budget -= shown
                chosen.append(card)
            parents = chosen
        if not parents:
            break
        by_id = {card.id: card for card in parents}
        for card in parents:
            card.children = []
        rows = _paged(practice_id, list(by_id))
        next_parents = []
        for child, parent_id, siblings in rows:
            parent = by_id[parent_id]
            parent.children.append(child)  # type: ignore[union-attr]
            parent.more = max(0, siblings - PAGE)
            parent.next_offset = PAGE
            everyone.append(child)
            if child.report_count:
                next_parents.append(child)
        parents = next_parents
    _attach_serves(practice_id, everyone)
    return roots


def seat_path(practice_id: int, seat_id: int) -> list[int]:
    """Seat ids from the top of the chart down to ``seat_id`` (empty if not in the practice).

    One recursive query; the depth guard stops a corrupt cycle from looping forever.
    """
    table = connection.ops.quote_name(Seat._meta.db_table)
    sql = f"""
        WITH RECURSIVE chain(id, reports_to_id, depth) AS (
            SELECT id, reports_to_id, 0 FROM {table} WHERE id = %s AND practice_id = %s
            UNION ALL
            SELECT s.id, s.reports_to_id, c.depth + 1
            FROM {table} s JOIN chain c ON s.id = c.reports_to_id
            WHERE s.practice_id = %s AND c.depth < 1000
        )
        SELECT id FROM chain ORDER BY depth DESC
    """
    with connection.cursor() as cursor:
        cursor.execute(sql, [seat_id, practice_id, practice_id])
        return [row[0] for row in cursor.fetchall()]


def kind_counts(practice_id: int) -> list[tuple[str, str, int]]:
    """(kind, label, number of seats) for the legend, in chart order. One query."""
    counts = dict(
        Seat.objects.filter(live(), practice_id=practice_id)
        .order_by()
        .values("kind")
        .annotate(n=Count("pk"))
        .values_list("kind", "n")
    )
    return [(kind, KIND_LABELS[kind], counts.get(kind, 0)) for kind in KIND_ORDER]


@dataclass
class SearchResults:
    """What the chart's "find" box offers: people (with their current seats) and seats."""

    people: list[tuple[Person, list[tuple[int, str]]]]
    seats: list[Card]


def search(practice_id: int, text: str) -> SearchResults:
    """People by name, email or employee id, and seats by name or role title. Three queries."""
    text = text.strip()
    if not text:
        return SearchResults(people=[], seats=[])
    people = list(
        Person.objects.filter(live(), practice_id=practice_id)
        .filter(
            Q(name__icontains=text)
            | Q(preferred_name__icontains=text)
            | Q(email__icontains=text)
            | Q(employee_id__iexact=text)
        )
        .order_by("name", "pk")[:SEARCH_LIMIT]
    )
    seats_of: dict[int, list[tuple[int, str]]] = defaultdict(list)
    if people:
        for person_id, seat_id, seat_name in (
            Assignment.objects.filter(practice_id=practice_id, person__in=people, end__isnull=True)
            .order_by("-accountable", "seat__name")
            .values_list("person_id", "seat_id", "seat__name")
        ):
            seats_of[person_id].append((seat_id, seat_name))
    seats = [
        _card(seat)
        for seat in annotate_cards(
            Seat.objects.filter(live(), practice_id=practice_id).filter(
                Q(name__icontains=text) | Q(role__title__icontains=text)
            )
        ).order_by("name", "pk")[:SEARCH_LIMIT]
    ]
    return SearchResults(people=[(p, seats_of[p.pk]) for p in people], seats=seats)


@dataclass
class SeatPage:
    """Everything the seat page shows besides the seat itself."""

    person: Card
    manager: Card | None
    team_manager: Card | None
    reports: Level
    serves: list[tuple[int, str, str | None]]
    served_by: list[tuple[int, str, str | None]]
    current: list[Assignment]
    past: list[Assignment]


def _build_cards_by_id(practice: int, ids: list[int]) -> QuerySet[Seat]:
    return annotate_cards(Seat.objects.filter(practice_id=practice, pk__in=ids)).order_by("pk")


_CARDS_BY_ID = CompiledQuery(_build_cards_by_id, _CARD_FIELDS)


def _build_seat_links(practice: int, seat: int) -> QuerySet[ServiceLink]:
    return (
        ServiceLink.objects.filter(practice_id=practice)
        .filter(Q(support_seat_id=seat) | Q(provider_seat_id=seat))
        .annotate(
            provider_person=Subquery(_accountable("provider_seat_id").values("person__name")[:1]),
            support_person=Subquery(_accountable("support_seat_id").values("person__name")[:1]),
        )
        .order_by("support_seat__name", "provider_seat__name")
    )


_SEAT_LINKS = CompiledQuery(
    _build_seat_links,
    [
        "support_seat_id",
        "support_seat__name",
        "support_person",
        "provider_seat_id",
        "provider_seat__name",
        "provider_person",
    ],
)


def seat_page(practice_id: int, seat: Seat) -> SeatPage:
    """The seat's people, lines and history. Five queries whatever the size."""
    # The manager and the team's managing seat in one query. Their ids are on the seat
    # (its team is select_related): filtering by them is two index look-ups, where a join
    # through "direct_reports OR managed_teams__seats" made PostgreSQL scan every seat of
    # the practice (150 ms at 10,000 seats).
    wanted = {seat.reports_to_id, seat.team.manager_seat_id if seat.team_id else None}
    wanted_ids = sorted(pk for pk in wanted if pk is not None)
    related = (
        [_row_card(row) for row in _CARDS_BY_ID.rows(practice=practice_id, ids=wanted_ids)]
        if wanted_ids
        else []
    )
    manager = next((c for c in related if c.id == seat.reports_to_id), None)
    team_manager = next(
        (c for c in related if seat.team_id and c.id == seat.team.manager_seat_id),
        None,
    )
    rows = _paged(practice_id, [seat.pk], limit=SEAT_REPORTS)
    reports = Level(
        parent_id=seat.pk,
        cards=[card for card, _, _ in rows],
        total=rows[0][2] if rows else 0,
        offset=0,
    )
    serves: list[tuple[int, str, str | None]] = []
    served_by: list[tuple[int, str, str | None]] = []
    links = _SEAT_LINKS.rows(practice=practice_id, seat=seat.pk)
    for sup_id, sup_name, sup_person, prov_id, prov_name, prov_person in links:
        if sup_id == seat.pk:
            serves.append((prov_id, prov_name, prov_person))
        else:
            served_by.append((sup_id, sup_name, sup_person))
    assignments = list(
        Assignment.objects.filter(practice_id=practice_id, seat=seat)
        .select_related("person")
        .order_by(F("start").desc(nulls_last=True), "-pk")
    )
    current = [a for a in assignments if a.end is None]
    current.sort(key=lambda a: not a.accountable)
    past = [a for a in assignments if a.end is not None]
    person = next((a for a in current if a.accountable), None)
    summary = Card(
        id=seat.pk,
        name=seat.name,
        kind=seat.kind,
        role_title=seat.role.title if seat.role_id else "",
        location_name=seat.location.name if seat.location_id else "",
        person_id=person.person_id if person else None,
        person_name=person.person.name if person else None,
        report_count=reports.total,
    )
    return SeatPage(
        person=summary,
        manager=manager,
        team_manager=team_manager,
        reports=reports,
        serves=serves,
        served_by=served_by,
        current=current,
        past=past,
    )


def person_assignments(practice_id: int, person: Person) -> tuple[list[Any], list[Any]]:
    """The person's current and past assignments with seat, role, location. One query."""
    rows = list(
        Assignment.objects.filter(practice_id=practice_id, person=person)
        .select_related("seat", "seat__role", "seat__location", "seat__reports_to")
        .order_by(F("start").desc(nulls_last=True), "-pk")
    )
    return [a for a in rows if a.end is None], [a for a in rows if a.end is not None]


@dataclass
class LocationPage:
    """A location's seats grouped by kind, its on-site managers, and the total."""

    groups: list[tuple[str, str, list[Any]]]
    managers: list[Any]
    total: int
    vacant: int

    @property
    def more(self) -> int:
        """Seats beyond those listed."""
        return max(0, self.total - sum(len(seats) for _, _, seats in self.groups))


def location_page(practice_id: int, location: Location) -> LocationPage:
    """The location's seats by kind with people. One query (a window gives the total)."""
    seats = list(
        annotate_cards(Seat.objects.filter(live(), practice_id=practice_id, location=location))
        .select_related("reports_to")
        .annotate(
            total=Window(Count("id")),
            vacant_total=Window(Count("id", filter=Q(person_pk__isnull=True))),
        )
        .order_by("kind_rank", "name", "pk")[:LOCATION_SEATS]
    )
    grouped: dict[str, list[Any]] = defaultdict(list)
    for seat in seats:
        grouped[seat.kind].append(seat)
    # Who runs the site: its leadership and management seats whose own manager sits
    # elsewhere (or nowhere), so a clinic manager under an on-site director is not listed.
    on_site = {s.pk for s in seats}
    managers = [
        s
        for s in seats
        if s.kind in (SeatKindChoices.MANAGEMENT, SeatKindChoices.LEADERSHIP)
        and s.reports_to_id not in on_site
    ]
    return LocationPage(
        groups=[(k, KIND_LABELS[k], grouped[k]) for k in KIND_ORDER if grouped.get(k)],
        managers=managers,
        total=seats[0].total if seats else 0,
        vacant=seats[0].vacant_total if seats else 0,
    )


def people_matching(text: str) -> Q:
    """The people list's search, on the People page and in the API alike: ``text`` in the
    name, preferred name, email or employee id."""
    return (
        Q(name__icontains=text)
        | Q(preferred_name__icontains=text)
        | Q(email__icontains=text)
        | Q(employee_id__icontains=text)
    )


def people_list(practice_id: int, text: str, page_number: Any) -> Page[Any]:
    """A page of people matching ``text``, each with ``current`` assignments. Three queries."""
    qs = Person.objects.filter(live(), practice_id=practice_id).order_by("name", "pk")
    text = text.strip()
    if text:
        qs = qs.filter(people_matching(text))
    page = Paginator(qs, LIST_PAGE).get_page(page_number)
    seats: dict[int, list[Any]] = defaultdict(list)
    ids = [p.pk for p in page.object_list]
    if ids:
        for a in (
            Assignment.objects.filter(practice_id=practice_id, person_id__in=ids, end__isnull=True)
            .select_related("seat", "seat__location")
            .order_by("-accountable", "seat__name")
        ):
            seats[a.person_id].append(a)
    for person in page.object_list:
        person.current = seats.get(person.pk, [])
    return page


def locations_list(practice_id: int, text: str, page_number: Any) -> Page[Any]:
    """A page of locations with ``seat_count`` and ``managers`` (seats). Three queries."""
    qs = (
        Location.objects.filter(live(), practice_id=practice_id)
        .annotate(seat_count=Count("seats", filter=live("seats__"), distinct=True))
        .order_by("name", "pk")
    )
    text = text.strip()
    if text:
        qs = qs.filter(Q(name__icontains=text) | Q(address__icontains=text))
    page = Paginator(qs, LIST_PAGE).get_page(page_number)
    managers: dict[int, list[Any]] = defaultdict(list)
    ids = [loc.pk for loc in page.object_list]
    if ids:
        for seat in annotate_cards(
            Seat.objects.filter(
                practice_id=practice_id,
                location_id__in=ids,
                kind=SeatKindChoices.MANAGEMENT,
            )
        ).order_by("name", "pk"):
            managers[seat.location_id].append(seat)
    for loc in page.object_list:
        loc.managers = managers.get(loc.pk, [])
    return page
