"""REST endpoints of people accountability: conversations, plans, one-on-ones, the style
advisor, and what needs the caller.

Confidential like the pages: a record is found through ``people.access`` (404 for anyone
but the person, their manager chain, owners and admins; every read of one record is
audited) and lists hold only what the caller may see. Writes go through
``people.services``; a person outside the caller's chain is a 422 naming ``person``.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

from django.http import HttpRequest
from ninja import Field, Path, Query, Router, Schema, Status
from pydantic import AfterValidator, ConfigDict

from practiceos.core.problems import InputError, Problem
from practiceos.core.style import Situation, advise, change_sequence, parse_readiness
from practiceos.org.models import Person
from practiceos.org.schemas import MAX_ID, Message, Problems, no_nul
from practiceos.people import services
from practiceos.people.access import (
    Viewer,
    get_one_on_one_for,
    get_plan_for,
    get_review_for,
)
from practiceos.people.items import items_for_viewer, recognition_for
from practiceos.people.models import OneOnOne, Plan, Review
from practiceos.tenancy.api import membership_of

router = Router(tags=["people accountability"])


ERRORS: dict[int, Any] = {401: Message, 403: Message, 404: Message, 422: Problems}
Text = Annotated[str, AfterValidator(no_nul), Field(max_length=4000)]
ShortText = Annotated[str, AfterValidator(no_nul), Field(max_length=1000)]


class Strict(Schema):
    """Input bodies: unknown fields are errors."""

    model_config = ConfigDict(extra="forbid")


def _path_id() -> Any:
    return Path(..., ge=1, le=MAX_ID, description="The record's id.")


class PeoplePaging(Schema):
    """``limit`` (1-200, default 50), ``offset``, and an optional person filter."""

    limit: int = Field(50, ge=1, le=200)
    offset: int = Field(0, ge=0, le=10**9)
    person: int | None = Field(None, ge=1, le=MAX_ID, description="Only this person's records.")


def _page(qs: Any, paging: PeoplePaging) -> dict[str, Any]:
    if paging.person is not None:
        qs = qs.filter(person_id=paging.person)
    return {"count": qs.count(), "items": list(qs[paging.offset : paging.offset + paging.limit])}


def _person(request: HttpRequest, pk: int) -> Person:
    """The person a write names, in the caller's practice (422 naming ``person`` if not)."""
    membership = membership_of(request)
    person = Person.objects.filter(practice_id=membership.practice_id, pk=pk).first()
    if person is None:
        raise InputError([Problem("person", f"{pk} is not a person in this practice")])
    return person


# ---- reviews -------------------------------------------------------------------------------


class ValueRating(Strict):
    """One core value and its rating: ``+``, ``+/-`` (or ``+/−``) or ``-`` (or ``−``)."""

    value: Annotated[str, AfterValidator(no_nul), Field(min_length=1, max_length=80)]
    rating: Annotated[str, Field(max_length=8)]


class ReviewIn(Strict):
    """A quarterly conversation to record."""

    person: int = Field(..., ge=1, le=MAX_ID)
    held_on: dt.date
    values: list[ValueRating] = Field(default_factory=list, max_length=12)
    gets_it: bool
    wants_it: bool
    capacity: bool
    manager_notes: Text = ""


class PersonNotesIn(Strict):
    """The person's own notes on their conversation."""

    person_notes: Text


class ReviewSummary(Schema):
    """A conversation in a list: when, the verdict, no notes."""

    id: int
    person_id: int
    seat_name: str
    held_on: dt.date
    above_bar: bool
    values_ok: bool
    seat_ok: bool


class ReviewOut(ReviewSummary):
    """A whole conversation (its read is recorded in the audit log)."""

    ratings: list[dict[str, Any]]
    gets_it: bool
    wants_it: bool
    capacity: bool
    manager_notes: str
    person_notes: str
    bar: str


class ReviewPage(Schema):
    """A page of conversations the caller may see, newest first."""

    count: int
    items: list[ReviewSummary]


@router.get("/reviews", response={200: ReviewPage, **ERRORS})
def list_reviews(request: HttpRequest, paging: Query[PeoplePaging]) -> dict[str, Any]:
    """Quarterly conversations the caller may see (their own and their chain's)."""
    viewer = Viewer.of(membership_of(request))
    return _page(viewer.visible(Review.objects.all()), paging)


@router.get("/reviews/{id}", response={200: ReviewOut, **ERRORS})
def read_review(request: HttpRequest, id: int = _path_id()) -> Review:
    """One conversation (recorded in the audit log as read)."""
    return get_review_for(membership_of(request), id)[0]


@router.post("/reviews", response={201: ReviewOut, **ERRORS})
def create_review(request: HttpRequest, body: ReviewIn) -> Status[Review]:
    """Record a quarterly conversation (the person's manager chain, owners, admins)."""
    data = body.model_dump(mode="json")
    person = _person(request, data.pop("person"))
    review = services.record_review(actor=membership_of(request), person=person, data=data)
    return Status(201, review)


@router.put("/reviews/{id}/person-notes", response={200: ReviewOut, **ERRORS})
def put_person_notes(request: HttpRequest, body: PersonNotesIn, id: int = _path_id()) -> Review:
    """The person's own notes on their conversation (only that person)."""
    review, _relation, viewer = get_review_for(membership_of(request), id, read=False)
    return services.add_person_notes(
        actor=viewer.membership, review=review, notes=body.person_notes
    )


# ---- plans ---------------------------------------------------------------------------------


class ExpectationIn(Strict):
    """Something the person must meet, optionally linked to a measurable of their seat."""

    text: Annotated[str, AfterValidator(no_nul), Field(min_length=1, max_length=300)]
    measurable: int | None = Field(None, ge=1, le=MAX_ID)


class PlanIn(Strict):
    """A plan to open: a committed end date is required."""

    person: int = Field(..., ge=1, le=MAX_ID)
    reason: Literal["numbers", "values", "behaviour", "skills"]
    expectations: list[ExpectationIn] = Field(..., min_length=1, max_length=10)
    support: ShortText = ""
    end_date: dt.date


class CheckpointIn(Strict):
    """A checkpoint on an open plan."""

    held_on: dt.date
    on_track: bool
    note: Text = ""


class ExtensionIn(Strict):
    """Extending an open plan, once."""

    new_end_date: dt.date
    reason: ShortText


class OutcomeIn(Strict):
    """Closing an open plan."""

    outcome: Literal["met", "separated", "withdrawn"]
    note: ShortText = ""


class CheckpointOut(Schema):
    """One checkpoint."""

    id: int
    held_on: dt.date
    on_track: bool
    note: str


class PlanSummary(Schema):
    """A plan in a list: dates and status, no content."""

    id: int
    person_id: int
    seat_name: str
    reason: str
    opened_on: dt.date
    end_date: dt.date | None
    extensions: int
    status: str
    closed_on: dt.date | None


class PlanOut(PlanSummary):
    """A whole plan with its checkpoints (its read is recorded in the audit log)."""

    expectations: list[dict[str, Any]]
    support: str
    original_end_date: dt.date | None
    extension_reason: str
    outcome_note: str
    overdue: bool
    checkpoints: list[CheckpointOut]


class PlanPage(Schema):
    """A page of plans the caller may see, newest first."""

    count: int
    items: list[PlanSummary]


def _plan_out(plan: Plan) -> dict[str, Any]:
    from practiceos.core.reviews import is_overdue

    data = {f.name: getattr(plan, f.attname) for f in plan._meta.concrete_fields}
    data["person_id"] = plan.person_id
    data["overdue"] = is_overdue(plan.status_enum, plan.end_date, services.today())
    data["checkpoints"] = list(plan.checkpoints.all())
    return data


@router.get("/plans", response={200: PlanPage, **ERRORS})
def list_plans(request: HttpRequest, paging: Query[PeoplePaging]) -> dict[str, Any]:
    """Plans the caller may see (their own and their chain's)."""
    viewer = Viewer.of(membership_of(request))
    return _page(viewer.visible(Plan.objects.all()), paging)


@router.get("/plans/{id}", response={200: PlanOut, **ERRORS})
def read_plan(request: HttpRequest, id: int = _path_id()) -> dict[str, Any]:
    """One plan with its checkpoints (recorded in the audit log as read)."""
    return _plan_out(get_plan_for(membership_of(request), id)[0])


@router.post("/plans", response={201: PlanOut, **ERRORS})
def create_plan(request: HttpRequest, body: PlanIn) -> Status[dict[str, Any]]:
    """Open a plan with a committed end date (the person's manager chain, owners, admins)."""
    data = body.model_dump(mode="json")
    person = _person(request, data.pop("person"))
    plan = services.open_plan(actor=membership_of(request), person=person, data=data)
    return Status(201, _plan_out(plan))


def _plan_step(request: HttpRequest, id: int, body: Schema, step: Any) -> Status[dict[str, Any]]:
    plan, _relation, viewer = get_plan_for(membership_of(request), id, read=False)
    step(actor=viewer.membership, plan=plan, data=body.model_dump(mode="json"))
    return Status(201 if step is services.add_checkpoint else 200, _plan_out(plan))


@router.post("/plans/{id}/checkpoints", response={201: PlanOut, **ERRORS})
def create_checkpoint(
    request: HttpRequest, body: CheckpointIn, id: int = _path_id()
) -> Status[dict[str, Any]]:
    """Record a checkpoint on an open plan."""
    return _plan_step(request, id, body, services.add_checkpoint)


@router.post("/plans/{id}/extension", response={200: PlanOut, **ERRORS})
def extend_plan(
    request: HttpRequest, body: ExtensionIn, id: int = _path_id()
) -> Status[dict[str, Any]]:
    """Extend an open plan once, with a reason and a new end date."""
    return _plan_step(request, id, body, services.extend_plan)


@router.post("/plans/{id}/outcome", response={200: PlanOut, **ERRORS})
def close_plan(
    request: HttpRequest, body: OutcomeIn, id: int = _path_id()
) -> Status[dict[str, Any]]:
    """Record a plan's outcome: met, separated or withdrawn."""
    return _plan_step(request, id, body, services.record_outcome)


# ---- one-on-ones ------------------------------------------------------------------------------


class OneOnOneIn(Strict):
    """A one-on-one to record."""

    person: int = Field(..., ge=1, le=MAX_ID)
    held_on: dt.date
    next_on: dt.date | None = None
    topics: list[Situation] = Field(default_factory=list, max_length=6)
    competence: Literal["low", "some", "high"] = "some"
    commitment: Literal["low", "variable", "high"] = "high"
    confident: bool = True
    shared_notes: Text = ""
    private_notes: Text = ""


class OneOnOneSummary(Schema):
    """A one-on-one in a list."""

    id: int
    person_id: int
    held_on: dt.date
    next_on: dt.date | None


class OneOnOneOut(OneOnOneSummary):
    """A whole one-on-one; ``private_notes`` is null for the person themselves."""

    topics: list[str]
    shared_notes: str
    private_notes: str | None


class OneOnOnePage(Schema):
    """A page of one-on-ones the caller may see."""

    count: int
    items: list[OneOnOneSummary]


def _meeting_out(meeting: OneOnOne, show_private: bool) -> dict[str, Any]:
    return {
        "id": meeting.pk,
        "person_id": meeting.person_id,
        "held_on": meeting.held_on,
        "next_on": meeting.next_on,
        "topics": meeting.topics,
        "shared_notes": meeting.shared_notes,
        "private_notes": meeting.private_notes if show_private else None,
    }


@router.get("/one-on-ones", response={200: OneOnOnePage, **ERRORS})
def list_one_on_ones(request: HttpRequest, paging: Query[PeoplePaging]) -> dict[str, Any]:
    """One-on-ones the caller may see."""
    viewer = Viewer.of(membership_of(request))
    return _page(viewer.visible(OneOnOne.objects.all()), paging)


@router.get("/one-on-ones/{id}", response={200: OneOnOneOut, **ERRORS})
def read_one_on_one(request: HttpRequest, id: int = _path_id()) -> dict[str, Any]:
    """One one-on-one (recorded in the audit log as read)."""
    meeting, relation, _viewer = get_one_on_one_for(membership_of(request), id)
    return _meeting_out(meeting, show_private=relation.value != "self")


@router.post("/one-on-ones", response={201: OneOnOneOut, **ERRORS})
def create_one_on_one(request: HttpRequest, body: OneOnOneIn) -> Status[dict[str, Any]]:
    """Record a one-on-one (the person's manager chain, owners, admins)."""
    data = body.model_dump(mode="json")
    person = _person(request, data.pop("person"))
    meeting = services.record_one_on_one(actor=membership_of(request), person=person, data=data)
    return Status(201, _meeting_out(meeting, show_private=True))


# ---- style advisor, needs, recognition ---------------------------------------------------------


class AdviceIn(Strict):
    """The person's readiness and the situation."""

    situation: Situation
    competence: Literal["low", "some", "high"]
    commitment: Literal["low", "variable", "high"]
    confident: bool = True
    months_in_role: int = Field(12, ge=0, le=600)
    change_start: dt.date | None = Field(
        None, description="For a change initiative: when it starts (adds the sequence)."
    )


class PhaseOut(Schema):
    """One phase of a change initiative."""

    name: str
    approach: str
    goleman: str
    hersey_blanchard: str
    start: dt.date
    end: dt.date
    what: str


class AdviceOut(Schema):
    """The recommended styles and why."""

    situation: str
    readiness_level: int
    goleman: str
    hersey_blanchard: str
    approach: str
    why: str
    what_to_do: str
    climate: str
    overuse_risk: str
    sequence: list[PhaseOut]


@router.post("/style/advice", response={200: AdviceOut, **ERRORS})
def style_advice(request: HttpRequest, body: AdviceIn) -> dict[str, Any]:
    """Recommend a leadership style (Goleman and Hersey–Blanchard) for a person and moment."""
    membership_of(request)
    data = body.model_dump(mode="json")
    readiness = parse_readiness(data)
    advice = advise(readiness, Situation(data["situation"]))
    sequence = change_sequence(body.change_start, readiness) if body.change_start else ()
    return {**advice.to_dict(), "sequence": [_phase(p) for p in sequence]}


def _phase(phase: Any) -> dict[str, Any]:
    return {
        "name": phase.name,
        "approach": phase.approach.value,
        "goleman": phase.goleman.value,
        "hersey_blanchard": phase.hersey_blanchard.value,
        "start": phase.start,
        "end": phase.end,
        "what": phase.what,
    }


class ItemOut(Schema):
    """One thing needing the caller."""

    kind: str
    person: str
    text: str
    url: str
    due: dt.date | None
    urgent: bool


class RecognitionOut(Schema):
    """One person to recognise and what for."""

    person_id: str
    name: str
    what: str


@router.get("/people-items", response={200: list[ItemOut], **ERRORS})
def needing_me(request: HttpRequest) -> list[Any]:
    """Plans and reviews needing the caller (overdue plans, ending plans, conversations due)."""
    return items_for_viewer(Viewer.of(membership_of(request)))


@router.get("/recognition", response={200: list[RecognitionOut], **ERRORS})
def recognition(request: HttpRequest) -> list[Any]:
    """People to recognise, for their manager chain and for owners and admins."""
    return list(recognition_for(Viewer.of(membership_of(request))))
