"""REST endpoints of the leadership area: vision, decision areas, asks, owner time and load.

``router`` is mounted by ``practiceos.api``. Reads need any membership of the practice;
writes go through ``leadership.services`` (owners and admins set the vision and decision
rights; every member raises asks; the seat's holder decides; the owner records time).
Errors have the API's one shape; an object of another practice is a 404.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from django.http import HttpRequest
from django.utils import timezone
from ninja import Field, Query, Router, Schema, Status
from pydantic import AfterValidator

from practiceos.core.decisions import suggest_area
from practiceos.core.leadership import WorkKind
from practiceos.leadership import access, load, services
from practiceos.leadership.locations import SORTS, location_table
from practiceos.leadership.models import AreaOverride, AreaSeat, Ask, AskStatus, DecisionArea
from practiceos.leadership.reads import core_values, vision_of
from practiceos.leadership.snapshot import RECENT_DAYS, decision_areas
from practiceos.org.access import get_location_for, get_seat_for
from practiceos.org.schemas import MAX_ID, Message, Problems, Strict, no_nul
from practiceos.tenancy.api import membership_of
from practiceos.tenancy.permissions import Action

router = Router(tags=["leadership"])

Text = Annotated[str, AfterValidator(no_nul)]
Id = Annotated[int, Field(ge=1, le=MAX_ID)]


ERRORS: dict[int, Any] = {401: Message, 403: Message, 404: Message, 422: Problems}
WRITE_ERRORS: dict[int, Any] = {**ERRORS, 422: Problems}


# ---- vision ---------------------------------------------------------------------------------


class CoreValueIn(Strict):
    """A core value: a short name and what it means in behaviour."""

    name: Text = Field(max_length=80)
    behaviour: Text = Field(max_length=1000)


class VisionIn(Strict):
    """The whole vision; fields left out are emptied. 0 or 3-7 core values."""

    three_year_picture: Text = Field("", max_length=4000)
    one_year_goals: list[Annotated[Text, Field(max_length=300)]] = Field([], max_length=12)
    core_values: list[CoreValueIn] = Field([], max_length=7)
    core_focus: Text = Field("", max_length=4000)
    what_good_looks_like: Text = Field("", max_length=4000)


class CoreValueOut(Schema):
    """A core value with its stable id (reviews rate people against it)."""

    id: int
    name: str
    behaviour: str


class VisionOut(Schema):
    """The practice's vision."""

    three_year_picture: str
    one_year_goals: list[str]
    core_values: list[CoreValueOut]
    core_focus: str
    what_good_looks_like: str


def _vision(pid: int) -> dict[str, Any]:
    vision = vision_of(pid)
    return {
        "three_year_picture": vision.three_year_picture,
        "one_year_goals": list(vision.one_year_goals),
        "core_values": [
            {"id": v.pk, "name": v.name, "behaviour": v.behaviour} for v in core_values(pid)
        ],
        "core_focus": vision.core_focus,
        "what_good_looks_like": vision.what_good_looks_like,
    }


@router.get("/vision", response={200: VisionOut, **ERRORS})
def get_vision(request: HttpRequest) -> dict[str, Any]:
    """The practice's vision (empty fields until the owner writes it)."""
    return _vision(membership_of(request).practice_id)


@router.put("/vision", response={200: VisionOut, **WRITE_ERRORS})
def put_vision(request: HttpRequest, payload: VisionIn) -> dict[str, Any]:
    """Replace the vision (owners and admins)."""
    membership = membership_of(request)
    services.update_vision(actor=membership, data=payload.model_dump())
    return _vision(membership.practice_id)


# ---- decision areas -------------------------------------------------------------------------


class OverrideOut(Schema):
    """At ``location``, the area is decided by ``seat``."""

    location: int
    seat: int


class AreaOut(Schema):
    """A decision area: its one deciding seat, consulted and informed seats, overrides."""

    id: int
    name: str
    key: str
    kind: WorkKind
    description: str
    keywords: list[str]
    decider: int | None
    consulted: list[int]
    informed: list[int]
    overrides: list[OverrideOut]


class AreaIn(Strict):
    """A new decision area. ``decider`` is one seat id; a list of two is refused."""

    name: Text = Field(max_length=120)
    kind: WorkKind = WorkKind.MANAGEMENT
    description: Text = Field("", max_length=500)
    keywords: list[Annotated[Text, Field(max_length=60)]] = Field([], max_length=40)
    decider: Id | list[Id] | None = None
    consulted: list[Id] = Field([], max_length=50)
    informed: list[Id] = Field([], max_length=50)


class AreaPatch(Strict):
    """The fields of an area to change (left out: unchanged)."""

    name: Text | None = Field(None, max_length=120)
    kind: WorkKind | None = None
    description: Text | None = Field(None, max_length=500)
    keywords: list[Annotated[Text, Field(max_length=60)]] | None = Field(None, max_length=40)
    decider: Id | list[Id] | None = None
    consulted: list[Id] | None = Field(None, max_length=50)
    informed: list[Id] | None = Field(None, max_length=50)


class OverrideIn(Strict):
    """The seat that decides the area at one location (at that location or practice-wide)."""

    seat: Id


def _areas_out(pid: int, only: int | None = None) -> list[dict[str, Any]]:
    """Areas with their seats and overrides (three queries)."""
    areas = DecisionArea.objects.filter(practice_id=pid).order_by("name")
    links = AreaSeat.objects.filter(practice_id=pid)
    overrides = AreaOverride.objects.filter(practice_id=pid).order_by("location_id")
    if only is not None:
        areas, links, overrides = (
            areas.filter(pk=only),
            links.filter(area_id=only),
            overrides.filter(area_id=only),
        )
    involved: dict[int, dict[str, list[int]]] = {}
    for area_id, seat_id, how in links.order_by("seat_id").values_list(
        "area_id", "seat_id", "involvement"
    ):
        involved.setdefault(area_id, {}).setdefault(how, []).append(seat_id)
    per: dict[int, list[dict[str, int]]] = {}
    for area_id, location_id, seat_id in overrides.values_list("area_id", "location_id", "seat_id"):
        per.setdefault(area_id, []).append({"location": location_id, "seat": seat_id})
    return [
        {
            "id": a.pk,
            "name": a.name,
            "key": a.key,
            "kind": a.kind,
            "description": a.description,
            "keywords": list(a.keywords or []),
            "decider": a.decider_id,
            "consulted": involved.get(a.pk, {}).get("consulted", []),
            "informed": involved.get(a.pk, {}).get("informed", []),
            "overrides": per.get(a.pk, []),
        }
        for a in areas[:500]
    ]


@router.get("/decision-areas", response={200: list[AreaOut], **ERRORS})
def list_areas(request: HttpRequest) -> list[dict[str, Any]]:
    """Every decision area of the practice, by name (at most 500)."""
    return _areas_out(membership_of(request).practice_id)


@router.post("/decision-areas", response={201: AreaOut, **WRITE_ERRORS})
def create_area(request: HttpRequest, payload: AreaIn) -> Status[dict[str, Any]]:
    """A new decision area (owners and admins)."""
    membership = membership_of(request)
    area = services.create_decision_area(actor=membership, data=payload.model_dump(mode="json"))
    return Status(201, _areas_out(membership.practice_id, area.pk)[0])


@router.post("/decision-areas/seed", response={201: list[AreaOut], **WRITE_ERRORS})
def seed_areas(request: HttpRequest) -> Status[list[dict[str, Any]]]:
    """Add the library's areas the practice lacks, decided by the owner's seat; returns all."""
    membership = membership_of(request)
    services.seed_decision_areas(actor=membership)
    return Status(201, _areas_out(membership.practice_id))


@router.get("/decision-areas/{area_id}", response={200: AreaOut, **ERRORS})
def read_area(request: HttpRequest, area_id: Id) -> dict[str, Any]:
    """One decision area."""
    membership = membership_of(request)
    area = access.get_area_for(membership, area_id)
    return _areas_out(membership.practice_id, area.pk)[0]


@router.patch("/decision-areas/{area_id}", response={200: AreaOut, **WRITE_ERRORS})
def update_area(request: HttpRequest, area_id: Id, payload: AreaPatch) -> dict[str, Any]:
    """Change an area's fields, deciding seat, consulted or informed seats."""
    membership = membership_of(request)
    area = access.get_area_for(membership, area_id)
    data = payload.model_dump(mode="json", exclude_unset=True)
    services.update_decision_area(actor=membership, area=area, data=data)
    return _areas_out(membership.practice_id, area.pk)[0]


@router.put(
    "/decision-areas/{area_id}/overrides/{location_id}", response={200: AreaOut, **WRITE_ERRORS}
)
def put_override(
    request: HttpRequest, area_id: Id, location_id: Id, payload: OverrideIn
) -> dict[str, Any]:
    """At a location, another seat decides the area (refused, naming the location, when
    the seat is at another location)."""
    membership = membership_of(request)
    area = access.get_area_for(membership, area_id, Action.LEAD)
    location = get_location_for(membership, location_id)
    seat = get_seat_for(membership, payload.seat)
    services.set_override(actor=membership, area=area, location=location, seat=seat)
    return _areas_out(membership.practice_id, area.pk)[0]


@router.delete("/decision-areas/{area_id}/overrides/{location_id}", response={204: None, **ERRORS})
def delete_override(request: HttpRequest, area_id: Id, location_id: Id) -> Status[None]:
    """Remove a location override (404 when there is none)."""
    membership = membership_of(request)
    area = access.get_area_for(membership, area_id, Action.LEAD)
    override = AreaOverride.objects.filter(area=area, location_id=location_id).first()
    override = access.get_override_for(membership, override.pk if override else 0)
    services.remove_override(actor=membership, override=override)
    return Status(204, None)


# ---- asks -----------------------------------------------------------------------------------


class AskIn(Strict):
    """A question or decision; ``area`` optional (without one it goes to your manager)."""

    text: Text = Field(min_length=1, max_length=2000)
    area: Id | None = None


class AskOut(Schema):
    """An ask: where it waits, why, and the decision once made."""

    id: int
    text: str
    area: int | None
    area_suggested: bool
    location: int | None
    to_seat: int | None
    routing: str
    reached_owner: bool
    status: str
    decision: str
    decided_at: dt.datetime | None
    escalated_at: dt.datetime | None
    escalation_reason: str
    created_at: dt.datetime


class AskPage(Schema):
    """One page of asks and how many there are."""

    items: list[AskOut]
    count: int


class DecisionIn(Strict):
    """The decision's text."""

    decision: Text = Field(min_length=1, max_length=2000)


class EscalationIn(Strict):
    """Why the ask needs the seat above."""

    reason: Text = Field(min_length=1, max_length=500)


class AskFilter(Schema):
    """``box``: ``inbox`` (waiting at seats you hold) or ``mine`` (asks you raised)."""

    box: str = Field("inbox", pattern="^(inbox|mine)$")
    limit: int = Field(50, ge=1, le=200)
    offset: int = Field(0, ge=0, le=1_000_000)


def _ask(ask: Ask) -> dict[str, Any]:
    return {
        "id": ask.pk,
        "text": ask.text,
        "area": ask.area_id,
        "area_suggested": ask.area_suggested,
        "location": ask.location_id,
        "to_seat": ask.to_seat_id,
        "routing": ask.routing,
        "reached_owner": ask.reached_owner,
        "status": ask.status,
        "decision": ask.decision,
        "decided_at": ask.decided_at,
        "escalated_at": ask.escalated_at,
        "escalation_reason": ask.escalation_reason,
        "created_at": ask.created_at,
    }


@router.get("/asks", response={200: AskPage, **ERRORS})
def list_asks(request: HttpRequest, filters: Query[AskFilter]) -> dict[str, Any]:
    """Your inbox (open asks at seats you hold, oldest first) or the asks you raised."""
    membership = membership_of(request)
    pid = membership.practice_id
    if filters.box == "mine":
        qs = Ask.objects.filter(practice_id=pid, asker_id=membership.user_id).order_by(
            "-created_at", "-id"
        )
    else:
        held = access.seats_held_by(membership.user, pid)
        qs = Ask.objects.filter(
            practice_id=pid, to_seat_id__in=held, status=AskStatus.OPEN
        ).order_by("created_at", "id")
    page = qs[filters.offset : filters.offset + filters.limit]
    return {"items": [_ask(a) for a in page], "count": qs.count()}


@router.post("/asks", response={201: AskOut, **WRITE_ERRORS})
def raise_ask(request: HttpRequest, payload: AskIn) -> Status[dict[str, Any]]:
    """Raise an ask; ``routing`` says where it went and why."""
    membership = membership_of(request)
    area = access.get_area_for(membership, payload.area) if payload.area else None
    ask = services.raise_ask(actor=membership, text=payload.text, area=area)
    return Status(201, _ask(ask))


class SuggestionOut(Schema):
    """The area an ask's text points to and the words that matched (area null: none)."""

    area: int | None
    matched: list[str]


@router.get("/asks/suggestion", response={200: SuggestionOut, **ERRORS})
def suggestion(
    request: HttpRequest, text: Annotated[str, Field(max_length=2000)] = ""
) -> dict[str, Any]:
    """Suggest an area from an ask's text (the same keyword scorer as the web form)."""
    found = suggest_area(text, decision_areas(membership_of(request).practice_id))
    return {
        "area": int(found.area_id) if found else None,
        "matched": list(found.matched) if found else [],
    }


@router.get("/asks/{ask_id}", response={200: AskOut, **ERRORS})
def read_ask(request: HttpRequest, ask_id: Id) -> dict[str, Any]:
    """One ask."""
    return _ask(access.get_ask_for(membership_of(request), ask_id))


@router.post("/asks/{ask_id}/decision", response={200: AskOut, **WRITE_ERRORS})
def decide(request: HttpRequest, ask_id: Id, payload: DecisionIn) -> dict[str, Any]:
    """Record the decision (the holder of the seat it waits at, or an owner or admin)."""
    membership = membership_of(request)
    ask = access.get_ask_for(membership, ask_id)
    return _ask(services.decide_ask(actor=membership, ask=ask, decision=payload.decision))


@router.post("/asks/{ask_id}/escalation", response={200: AskOut, **WRITE_ERRORS})
def escalate(request: HttpRequest, ask_id: Id, payload: EscalationIn) -> dict[str, Any]:
    """Escalate once, with a reason, to the seat above (the asker or the receiver)."""
    membership = membership_of(request)
    ask = access.get_ask_for(membership, ask_id)
    return _ask(services.escalate_ask(actor=membership, ask=ask, reason=payload.reason))


# ---- owner time and load --------------------------------------------------------------------


class TimeIn(Strict):
    """Minutes of one kind of work on one day (the owner's)."""

    day: dt.date
    kind: WorkKind
    minutes: int = Field(ge=1, le=1440)


class TimeOut(Schema):
    """A recorded time entry."""

    id: int
    day: dt.date
    kind: str
    minutes: int


@router.post("/owner-time", response={201: TimeOut, **WRITE_ERRORS})
def record_time(request: HttpRequest, payload: TimeIn) -> Status[dict[str, Any]]:
    """Record owner time (the holder of a leadership seat)."""
    membership = membership_of(request)
    entry = services.record_time(
        actor=membership, day=payload.day, kind=payload.kind.value, minutes=payload.minutes
    )
    return Status(
        201, {"id": entry.pk, "day": entry.day, "kind": entry.kind, "minutes": entry.minutes}
    )


class WeekOut(Schema):
    """One week of owner load."""

    week: dt.date
    asks: int
    to_owner: int
    share: float | None
    median_hours: float | None


@router.get("/owner-load", response={200: list[WeekOut], **ERRORS})
def owner_load(request: HttpRequest) -> list[dict[str, Any]]:
    """The last twelve weeks: asks, how many reached the owner, share, median hours."""
    weeks = load.weekly_load(membership_of(request).practice_id, timezone.localdate())
    return [w.__dict__ for w in weeks]


class LocationRowOut(Schema):
    """One location's row of the multi-location table (last four weeks for asks)."""

    id: int
    name: str
    manager: str | None
    open_asks: int
    recent_asks: int
    owner_share: int | None
    findings: int
    score: int


class LocationPageOut(Schema):
    """One page of the multi-location table."""

    items: list[LocationRowOut]
    count: int
    page: int
    pages: int


class LocationQuery(Schema):
    """Sort (``name``, ``manager``, ``open``, ``share``, ``findings``, ``score``; a leading
    ``-`` for descending) and page (50 rows each)."""

    sort: str = Field("name", pattern="^-?(" + "|".join(SORTS) + ")$")
    page: int = Field(1, ge=1, le=100_000)


@router.get("/leadership/locations", response={200: LocationPageOut, **ERRORS})
def locations(request: HttpRequest, query: Query[LocationQuery]) -> dict[str, Any]:
    """The multi-location table, sorted and paged in SQL."""
    membership = membership_of(request)
    today = timezone.localdate()
    since = dt.datetime.combine(today - dt.timedelta(days=RECENT_DAYS), dt.time.min, tzinfo=dt.UTC)
    table = location_table(membership.practice_id, since, query.sort, query.page)
    return {
        "items": [
            {
                "id": row.pk,
                "name": row.name,
                "manager": row.manager_name,
                "open_asks": row.open_asks,
                "recent_asks": row.recent_asks,
                "owner_share": row.owner_share,
                "findings": row.findings,
                "score": row.score,
            }
            for row in table.page
        ],
        "count": table.page.paginator.count,
        "page": table.page.number,
        "pages": table.page.paginator.num_pages,
    }
