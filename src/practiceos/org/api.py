"""REST endpoints for the accountability chart: list, read, create and update.

Thin by design: each endpoint finds its object through ``org.access`` (scoped to the
caller's practice inside the query, so another practice's id is a plain 404) and writes
through ``org.services`` (permission check, validation, audit record). Lists run a fixed
number of queries whatever the practice's size: one ``COUNT``, one page, and one query per
prefetched relation.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Annotated, Any, TypeVar

from django.db import models
from django.db.models import Q, QuerySet
from django.http import HttpRequest
from ninja import Field, Path, Query, Router, Schema, Status
from pydantic import AfterValidator

from practiceos.core.model import SeatKind
from practiceos.org import services
from practiceos.org.access import (
    get_assignment_for,
    get_location_for,
    get_person_for,
    get_role_for,
    get_seat_for,
    get_team_for,
)
from practiceos.org.chart import people_matching
from practiceos.org.models import Assignment, Location, Person, Role, Seat, ServiceLink, Team
from practiceos.org.schemas import (
    MAX_ID,
    AssignmentIn,
    AssignmentOut,
    AssignmentPage,
    AssignmentPatch,
    LocationIn,
    LocationOut,
    LocationPage,
    LocationPatch,
    Message,
    PersonIn,
    PersonOut,
    PersonPage,
    PersonPatch,
    Problems,
    RoleIn,
    RoleOut,
    RolePage,
    RolePatch,
    SeatIn,
    SeatOut,
    SeatPage,
    SeatPatch,
    TeamIn,
    TeamOut,
    TeamPage,
    TeamPatch,
    no_nul,
)
from practiceos.tenancy.api import membership_of
from practiceos.tenancy.models import Membership

M = TypeVar("M", bound=models.Model)

router = Router()

# Every operation can answer these besides its success code; declared so the OpenAPI
# document (and the schemathesis suite that checks responses against it) is complete.
READ_ERRORS: dict[int, Any] = {401: Message, 403: Message, 404: Message, 422: Problems}
WRITE_ERRORS: dict[int, Any] = READ_ERRORS

# Offsets past this are refused (422) rather than handed to the database as a huge number.
MAX_OFFSET = 10**9


class Paging(Schema):
    """``limit`` (1-500, default 50) and ``offset`` (default 0) of a list."""

    limit: int = Field(50, ge=1, le=500, description="Items per page, at most 500.")
    offset: int = Field(0, ge=0, le=MAX_OFFSET, description="Items to skip.")


def _filter_id(description: str) -> Any:
    """An optional id filter (a query parameter)."""
    return Field(None, ge=1, le=MAX_ID, description=description)


def _path_id() -> Any:
    """The ``{id}`` of a URL: a positive database id (anything else is a 422 naming ``id``)."""
    return Path(..., ge=1, le=MAX_ID, description="The object's id.")


def _page(qs: QuerySet[Any], paging: Paging) -> dict[str, Any]:
    """One page of ``qs`` and the number of rows matching it (two queries plus prefetches)."""
    count = qs.count()
    return {"items": list(qs[paging.offset : paging.offset + paging.limit]), "count": count}


def _practice_id(request: HttpRequest) -> int:
    return membership_of(request).practice_id


def _create(
    request: HttpRequest, model: type[M], body: Schema, load: Callable[[Membership, int], M]
) -> Status[M]:
    """Create through the service (permission, validation, audit), answer 201 with the object."""
    membership = membership_of(request)
    obj = services.create(membership, model, body.model_dump(exclude_unset=True, mode="json"))
    return Status(201, load(membership, obj.pk))


def _update(request: HttpRequest, obj: M, body: Schema, load: Callable[[Membership, int], M]) -> M:
    """Change only the fields the client sent, through the service; answer with the object."""
    membership = membership_of(request)
    services.update(membership, obj, body.model_dump(exclude_unset=True, mode="json"))
    return load(membership, obj.pk)


# ---- locations ------------------------------------------------------------------------------


def _load_location(membership: Membership, pk: int) -> Location:
    return get_location_for(membership, pk)


@router.get("/locations", response={200: LocationPage, **READ_ERRORS}, tags=["locations"])
def list_locations(request: HttpRequest, paging: Query[Paging]) -> dict[str, Any]:
    """The practice's locations, by name."""
    return _page(Location.objects.filter(practice_id=_practice_id(request)), paging)


@router.get("/locations/{id}", response={200: LocationOut, **READ_ERRORS}, tags=["locations"])
def read_location(request: HttpRequest, id: int = _path_id()) -> Location:
    """One location."""
    return get_location_for(membership_of(request), id)


@router.post("/locations", response={201: LocationOut, **WRITE_ERRORS}, tags=["locations"])
def create_location(request: HttpRequest, body: LocationIn) -> Status[Location]:
    """Add a location (owner and admin)."""
    return _create(request, Location, body, _load_location)


@router.patch("/locations/{id}", response={200: LocationOut, **WRITE_ERRORS}, tags=["locations"])
def update_location(request: HttpRequest, body: LocationPatch, id: int = _path_id()) -> Location:
    """Change the fields sent (owner and admin)."""
    obj = get_location_for(membership_of(request), id, services.ACTIONS[Location])
    return _update(request, obj, body, _load_location)


# ---- teams ----------------------------------------------------------------------------------


def _load_team(membership: Membership, pk: int) -> Team:
    return get_team_for(membership, pk)


@router.get("/teams", response={200: TeamPage, **READ_ERRORS}, tags=["teams"])
def list_teams(request: HttpRequest, paging: Query[Paging]) -> dict[str, Any]:
    """The practice's teams, by name."""
    return _page(Team.objects.filter(practice_id=_practice_id(request)), paging)


@router.get("/teams/{id}", response={200: TeamOut, **READ_ERRORS}, tags=["teams"])
def read_team(request: HttpRequest, id: int = _path_id()) -> Team:
    """One team."""
    return get_team_for(membership_of(request), id)


@router.post("/teams", response={201: TeamOut, **WRITE_ERRORS}, tags=["teams"])
def create_team(request: HttpRequest, body: TeamIn) -> Status[Team]:
    """Add a team (owner and admin)."""
    return _create(request, Team, body, _load_team)


@router.patch("/teams/{id}", response={200: TeamOut, **WRITE_ERRORS}, tags=["teams"])
def update_team(request: HttpRequest, body: TeamPatch, id: int = _path_id()) -> Team:
    """Change the fields sent (owner and admin)."""
    obj = get_team_for(membership_of(request), id, services.ACTIONS[Team])
    return _update(request, obj, body, _load_team)


# ---- roles ----------------------------------------------------------------------------------


class RoleFilters(Schema):
    """Filters of the role list."""

    kind: SeatKind | None = Field(None, description="Only roles of this kind.")


def _load_role(membership: Membership, pk: int) -> Role:
    return get_role_for(membership, pk)


@router.get("/roles", response={200: RolePage, **READ_ERRORS}, tags=["roles"])
def list_roles(
    request: HttpRequest, paging: Query[Paging], filters: Query[RoleFilters]
) -> dict[str, Any]:
    """The practice's role definitions, by title."""
    qs = Role.objects.filter(practice_id=_practice_id(request))
    if filters.kind is not None:
        qs = qs.filter(kind=filters.kind.value)
    return _page(qs, paging)


@router.get("/roles/{id}", response={200: RoleOut, **READ_ERRORS}, tags=["roles"])
def read_role(request: HttpRequest, id: int = _path_id()) -> Role:
    """One role definition."""
    return get_role_for(membership_of(request), id)


@router.post("/roles", response={201: RoleOut, **WRITE_ERRORS}, tags=["roles"])
def create_role(request: HttpRequest, body: RoleIn) -> Status[Role]:
    """Define a role (owner and admin)."""
    return _create(request, Role, body, _load_role)


@router.patch("/roles/{id}", response={200: RoleOut, **WRITE_ERRORS}, tags=["roles"])
def update_role(request: HttpRequest, body: RolePatch, id: int = _path_id()) -> Role:
    """Change the fields sent (owner and admin)."""
    obj = get_role_for(membership_of(request), id, services.ACTIONS[Role])
    return _update(request, obj, body, _load_role)


# ---- seats ----------------------------------------------------------------------------------


class SeatFilters(Schema):
    """Filters of the seat list; they combine (AND)."""

    location: int | None = _filter_id("Only seats at this location.")
    kind: SeatKind | None = Field(None, description="Only seats of this kind.")
    reports_to: int | None = _filter_id("Only the direct reports of this seat.")
    team: int | None = _filter_id("Only seats in this team.")


def _attach_relations(seats: list[Seat]) -> None:
    """Set what a seat response reads besides the seat: ``serve_ids`` (provider seats, in
    order) and ``accountable_ref`` (the current accountable holder, or None).

    Two queries for any number of seats, read as plain rows: a prefetch made a model
    object per link and per holder and was most of the seat list's CPU. "Current" is as in
    the core model: started (or no start) and not ended today.
    """
    if not seats:
        return
    ids = [seat.pk for seat in seats]
    today = dt.date.today()
    serves: dict[int, list[int]] = {pk: [] for pk in ids}
    for support_id, provider_id in ServiceLink.objects.filter(support_seat_id__in=ids).values_list(
        "support_seat_id", "provider_seat_id"
    ):
        serves[support_id].append(provider_id)
    holders: dict[int, dict[str, Any]] = {}
    for seat_id, person_id, name in (
        Assignment.objects.filter(seat_id__in=ids, accountable=True)
        .filter(Q(start__isnull=True) | Q(start__lte=today))
        .filter(Q(end__isnull=True) | Q(end__gt=today))
        .order_by("id")
        .values_list("seat_id", "person_id", "person__name")
    ):
        holders.setdefault(seat_id, {"id": person_id, "name": name})
    for seat in seats:
        seat.serve_ids = sorted(serves[seat.pk])  # type: ignore[attr-defined]
        seat.accountable_ref = holders.get(seat.pk)  # type: ignore[attr-defined]


def _load_seat(membership: Membership, pk: int) -> Seat:
    seat = get_seat_for(membership, pk)
    _attach_relations([seat])
    return seat


@router.get("/seats", response={200: SeatPage, **READ_ERRORS}, tags=["seats"])
def list_seats(
    request: HttpRequest, paging: Query[Paging], filters: Query[SeatFilters]
) -> dict[str, Any]:
    """The practice's seats, by name, with service lines and accountable people."""
    qs = Seat.objects.filter(practice_id=_practice_id(request))
    if filters.location is not None:
        qs = qs.filter(location_id=filters.location)
    if filters.kind is not None:
        qs = qs.filter(kind=filters.kind.value)
    if filters.reports_to is not None:
        qs = qs.filter(reports_to_id=filters.reports_to)
    if filters.team is not None:
        qs = qs.filter(team_id=filters.team)
    page = _page(qs, paging)
    _attach_relations(page["items"])
    return page


@router.get("/seats/{id}", response={200: SeatOut, **READ_ERRORS}, tags=["seats"])
def read_seat(request: HttpRequest, id: int = _path_id()) -> Seat:
    """One seat."""
    return _load_seat(membership_of(request), id)


@router.post("/seats", response={201: SeatOut, **WRITE_ERRORS}, tags=["seats"])
def create_seat(request: HttpRequest, body: SeatIn) -> Status[Seat]:
    """Add a seat to the chart (owner and admin)."""
    return _create(request, Seat, body, _load_seat)


@router.patch("/seats/{id}", response={200: SeatOut, **WRITE_ERRORS}, tags=["seats"])
def update_seat(request: HttpRequest, body: SeatPatch, id: int = _path_id()) -> Seat:
    """Change the fields sent, including the reporting line and ``serves`` (owner and admin)."""
    obj = get_seat_for(membership_of(request), id, services.ACTIONS[Seat])
    return _update(request, obj, body, _load_seat)


# ---- people ---------------------------------------------------------------------------------


class PersonFilters(Schema):
    """Filters of the people list."""

    q: Annotated[str, AfterValidator(no_nul)] | None = Field(
        None,
        max_length=200,
        description="Text in the name, preferred name, email or employee id (any case).",
    )


def _load_person(membership: Membership, pk: int) -> Person:
    return get_person_for(membership, pk)


@router.get("/people", response={200: PersonPage, **READ_ERRORS}, tags=["people"])
def list_people(
    request: HttpRequest, paging: Query[Paging], filters: Query[PersonFilters]
) -> dict[str, Any]:
    """The practice's people, by name."""
    qs = Person.objects.filter(practice_id=_practice_id(request))
    text = (filters.q or "").strip()
    if text:
        qs = qs.filter(people_matching(text))
    return _page(qs, paging)


@router.get("/people/{id}", response={200: PersonOut, **READ_ERRORS}, tags=["people"])
def read_person(request: HttpRequest, id: int = _path_id()) -> Person:
    """One person."""
    return get_person_for(membership_of(request), id)


@router.post("/people", response={201: PersonOut, **WRITE_ERRORS}, tags=["people"])
def create_person(request: HttpRequest, body: PersonIn) -> Status[Person]:
    """Add a person (owner, admin and manager)."""
    return _create(request, Person, body, _load_person)


@router.patch("/people/{id}", response={200: PersonOut, **WRITE_ERRORS}, tags=["people"])
def update_person(request: HttpRequest, body: PersonPatch, id: int = _path_id()) -> Person:
    """Change the fields sent (owner, admin and manager)."""
    obj = get_person_for(membership_of(request), id, services.ACTIONS[Person])
    return _update(request, obj, body, _load_person)


# ---- assignments ----------------------------------------------------------------------------


class AssignmentFilters(Schema):
    """Filters of the assignment list; they combine (AND)."""

    person: int | None = _filter_id("Only this person's assignments.")
    seat: int | None = _filter_id("Only this seat's assignments.")
    current: bool | None = Field(
        None,
        description="true: only assignments current today (started, not ended); "
        "false: only past and future ones.",
    )


def _load_assignment(membership: Membership, pk: int) -> Assignment:
    return get_assignment_for(membership, pk)


@router.get("/assignments", response={200: AssignmentPage, **READ_ERRORS}, tags=["assignments"])
def list_assignments(
    request: HttpRequest, paging: Query[Paging], filters: Query[AssignmentFilters]
) -> dict[str, Any]:
    """Who sits in which seat, by seat then latest start first."""
    qs = Assignment.objects.filter(practice_id=_practice_id(request)).select_related("person")
    if filters.person is not None:
        qs = qs.filter(person_id=filters.person)
    if filters.seat is not None:
        qs = qs.filter(seat_id=filters.seat)
    if filters.current is not None:
        today = dt.date.today()
        current = (Q(start__isnull=True) | Q(start__lte=today)) & (
            Q(end__isnull=True) | Q(end__gt=today)
        )
        qs = qs.filter(current if filters.current else ~current)
    return _page(qs, paging)


@router.get("/assignments/{id}", response={200: AssignmentOut, **READ_ERRORS}, tags=["assignments"])
def read_assignment(request: HttpRequest, id: int = _path_id()) -> Assignment:
    """One assignment."""
    return get_assignment_for(membership_of(request), id)


@router.post("/assignments", response={201: AssignmentOut, **WRITE_ERRORS}, tags=["assignments"])
def create_assignment(request: HttpRequest, body: AssignmentIn) -> Status[Assignment]:
    """Put a person in a seat (owner, admin and manager)."""
    return _create(request, Assignment, body, _load_assignment)


@router.patch(
    "/assignments/{id}", response={200: AssignmentOut, **WRITE_ERRORS}, tags=["assignments"]
)
def update_assignment(
    request: HttpRequest, body: AssignmentPatch, id: int = _path_id()
) -> Assignment:
    """Change the fields sent, e.g. an ``end`` date (owner, admin and manager)."""
    obj = get_assignment_for(membership_of(request), id, services.ACTIONS[Assignment])
    return _update(request, obj, body, _load_assignment)
