"""REST endpoints of hiring: plans (list, read, open), candidates (list, add, read),
scores, the side-by-side, the hire and erasure.

Records are found through ``hiring.access`` (someone outside the hiring seat's chain, or
another practice, gets a 404); writes go through ``hiring.services`` (bad input is a 422
naming the field, the value and what is accepted).
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from django.http import HttpRequest
from ninja import Field, Path, Query, Router, Schema, Status
from pydantic import AfterValidator, ConfigDict

from practiceos.core.hiring import (
    MAX_CLOSE_REASON,
    MAX_CONTACT,
    MAX_NAME,
    MAX_NOTES,
    MAX_VALUES,
)
from practiceos.hiring import reads, services
from practiceos.hiring.access import get_candidate_for, get_plan_for, get_seat_to_hire_for
from practiceos.hiring.models import Candidate, HiringPlan
from practiceos.org.schemas import MAX_ID, Message, Problems, no_nul
from practiceos.people.access import Viewer
from practiceos.tenancy.api import membership_of
from practiceos.tenancy.permissions import Action

router = Router(tags=["hiring"])

ERRORS: dict[int, Any] = {401: Message, 403: Message, 404: Message, 422: Problems}


def _text(limit: int, min_length: int = 0) -> Any:
    return Annotated[str, AfterValidator(no_nul), Field(min_length=min_length, max_length=limit)]


def _path_id() -> Any:
    return Path(..., ge=1, le=MAX_ID, description="The record's id.")


class Strict(Schema):
    """Input bodies: unknown fields are errors."""

    model_config = ConfigDict(extra="forbid")


class HiringPlanIn(Strict):
    """A plan to open: the vacant seat and the level hired (junior, senior or lead)."""

    seat: int = Field(..., ge=1, le=MAX_ID)
    level: _text(8) = "senior"  # type: ignore[valid-type]


class ClosePlanIn(Strict):
    """Why the plan closes without a hire (required)."""

    reason: _text(MAX_CLOSE_REASON, 1)  # type: ignore[valid-type]


class KitQuestionOut(Schema):
    """One interview question and what a strong and a weak answer sound like."""

    section: str
    about: str
    question: str
    strong: str
    weak: str


class HiringPlanSummary(Schema):
    """A plan in a list."""

    id: int
    seat_id: int | None
    seat_name: str
    level: str
    status: str
    opened_at: dt.datetime
    closed_at: dt.datetime | None
    closed_reason: str
    candidates: int


class HiringPlanOut(HiringPlanSummary):
    """A whole plan: the card as copied when opened, the kit, the hire and onboarding."""

    card: dict[str, Any]
    kit: list[KitQuestionOut]
    hired_id: int | None
    onboarding_run_id: int | None


class HiringPlanPage(Schema):
    """A page of plans, newest first."""

    count: int
    items: list[HiringPlanSummary]


class HiringPaging(Schema):
    """``limit`` (1-200, default 50) and ``offset``."""

    limit: int = Field(50, ge=1, le=200)
    offset: int = Field(0, ge=0, le=10**9)


class CandidateIn(Strict):
    """A candidate to add: name, and optionally contact details and notes."""

    name: _text(MAX_NAME, 1)  # type: ignore[valid-type]
    email: _text(MAX_CONTACT) = ""  # type: ignore[valid-type]
    phone: _text(MAX_CONTACT) = ""  # type: ignore[valid-type]
    notes: _text(MAX_NOTES) = ""  # type: ignore[valid-type]


class CandidateOut(Schema):
    """A candidate (after an erasure: "Erased candidate", no contact or notes)."""

    id: int
    plan_id: int
    name: str
    email: str
    phone: str
    notes: str
    added_at: dt.datetime
    erased_at: dt.datetime | None
    person_id: int | None


class ValueMarkIn(Strict):
    """One core value's mark: +, +/- or - (the service names the accepted values)."""

    value: _text(80, 1)  # type: ignore[valid-type]
    mark: _text(8)  # type: ignore[valid-type]


class InterviewScoreIn(Strict):
    """One interviewer's scores: a mark per value, gets it / wants it / capacity, notes."""

    marks: list[ValueMarkIn] = Field(..., max_length=MAX_VALUES)
    gets_it: bool
    wants_it: bool
    capacity: bool
    notes: _text(MAX_NOTES) = ""  # type: ignore[valid-type]


class InterviewScoreOut(Schema):
    """A recorded score (the interviewer's name and notes are blank after an erasure)."""

    id: int
    candidate_id: int
    interviewer_name: str
    marks: list[dict[str, str]]
    gets_it: bool
    wants_it: bool
    capacity: bool
    notes: str
    scored_at: dt.datetime


class HireCandidateIn(Strict):
    """When the hire starts in the seat (default today)."""

    start: dt.date | None = None


class CandidateColumnOut(Schema):
    """One candidate in the side-by-side: marks per value (in the plan's value order),
    the yes counts of gets it / wants it / capacity, and how many interviewers."""

    candidate_id: int
    name: str
    marks: list[str]
    averages: list[float | None]
    gets_it: int
    wants_it: int
    capacity: int
    interviewers: int


class SideBySideOut(Schema):
    """The values × candidates grid of one plan."""

    values: list[str]
    candidates: list[CandidateColumnOut]


def _plan_out(plan: HiringPlan, count: int) -> dict[str, Any]:
    return {
        **{f: getattr(plan, f) for f in HiringPlanOut.model_fields if hasattr(plan, f)},
        "candidates": count,
        "hired_id": plan.hired_id,
        "onboarding_run_id": plan.onboarding_run_id,
    }


def _candidate_out(c: Candidate) -> dict[str, Any]:
    return {f: getattr(c, f) for f in CandidateOut.model_fields}


@router.get("/hiring/plans", response={200: HiringPlanPage, **ERRORS})
def list_plans(request: HttpRequest, paging: Query[HiringPaging]) -> dict[str, Any]:
    """The hiring plans the caller may see (their chain's seats; all for owners/admins)."""
    viewer = Viewer.of(membership_of(request))
    rows = reads.plan_rows(viewer, paging.offset, paging.limit)
    return {
        "count": reads.plan_count(viewer),
        "items": [
            {
                **{
                    f: getattr(r.plan, f)
                    for f in HiringPlanSummary.model_fields
                    if f != "candidates"
                },
                "candidates": r.candidates,
            }
            for r in rows
        ],
    }


@router.post("/hiring/plans", response={201: HiringPlanOut, **ERRORS})
def open_plan(request: HttpRequest, body: HiringPlanIn) -> Status[dict[str, Any]]:
    """Open a hiring plan for a vacant seat (owners, admins, the seat's manager chain)."""
    seat, viewer = get_seat_to_hire_for(membership_of(request), body.seat)
    plan = services.open_plan(actor=viewer.membership, seat=seat, level=body.level)
    return Status(201, _plan_out(plan, 0))


@router.get("/hiring/plans/{id}", response={200: HiringPlanOut, **ERRORS})
def read_plan(request: HttpRequest, id: int = _path_id()) -> dict[str, Any]:
    """One plan with its card and interview kit."""
    plan, _viewer = get_plan_for(membership_of(request), id)
    return _plan_out(plan, plan.candidates.count())


@router.post("/hiring/plans/{id}/close", response={200: HiringPlanOut, **ERRORS})
def close_plan(request: HttpRequest, body: ClosePlanIn, id: int = _path_id()) -> dict[str, Any]:
    """Close an open plan without a hire, saying why; candidates and scores are kept."""
    plan, viewer = get_plan_for(membership_of(request), id, Action.HIRE)
    plan = services.close_plan(actor=viewer.membership, plan=plan, reason=body.reason)
    return _plan_out(plan, plan.candidates.count())


@router.get("/hiring/plans/{id}/candidates", response={200: list[CandidateOut], **ERRORS})
def list_candidates(request: HttpRequest, id: int = _path_id()) -> list[dict[str, Any]]:
    """The plan's candidates (each read is audited)."""
    plan, viewer = get_plan_for(membership_of(request), id)
    candidates = reads.candidates_of(plan, viewer)
    return [_candidate_out(c) for c in candidates]


@router.post("/hiring/plans/{id}/candidates", response={201: CandidateOut, **ERRORS})
def add_candidate(
    request: HttpRequest, body: CandidateIn, id: int = _path_id()
) -> Status[dict[str, Any]]:
    """Add a candidate to an open plan."""
    plan, viewer = get_plan_for(membership_of(request), id, Action.HIRE)
    candidate = services.add_candidate(actor=viewer.membership, plan=plan, data=body.model_dump())
    return Status(201, _candidate_out(candidate))


@router.get("/hiring/plans/{id}/side-by-side", response={200: SideBySideOut, **ERRORS})
def side_by_side(request: HttpRequest, id: int = _path_id()) -> dict[str, Any]:
    """The plan's candidates side by side: values × candidates, seat fit, interviewers."""
    plan, viewer = get_plan_for(membership_of(request), id)
    grid = reads.side_by_side(plan, viewer)
    return {
        "values": grid.values,
        "candidates": [
            {
                "candidate_id": col.candidate.pk,
                "name": col.candidate.name,
                "marks": [cell.labels for cell in col.column.cells],
                "averages": [cell.average for cell in col.column.cells],
                "gets_it": col.column.gwc[0],
                "wants_it": col.column.gwc[1],
                "capacity": col.column.gwc[2],
                "interviewers": col.column.interviewers,
            }
            for col in grid.columns
        ],
    }


@router.get("/hiring/candidates/{id}", response={200: CandidateOut, **ERRORS})
def read_candidate(request: HttpRequest, id: int = _path_id()) -> dict[str, Any]:
    """One candidate (the read is audited)."""
    return _candidate_out(get_candidate_for(membership_of(request), id))


@router.get("/hiring/candidates/{id}/scores", response={200: list[InterviewScoreOut], **ERRORS})
def list_scores(request: HttpRequest, id: int = _path_id()) -> list[dict[str, Any]]:
    """Every interviewer's scores of the candidate."""
    candidate = get_candidate_for(membership_of(request), id)
    return [
        {f: getattr(s, f) for f in InterviewScoreOut.model_fields}
        for s in candidate.scores.filter(practice_id=candidate.practice_id).order_by("id")
    ]


@router.post("/hiring/candidates/{id}/scores", response={201: InterviewScoreOut, **ERRORS})
def score_candidate(
    request: HttpRequest, body: InterviewScoreIn, id: int = _path_id()
) -> Status[dict[str, Any]]:
    """Record the caller's interview scores of the candidate."""
    membership = membership_of(request)
    candidate = get_candidate_for(membership, id, Action.HIRE, read=False)
    score = services.score_candidate(
        actor=membership,  # type: ignore[arg-type]
        candidate=candidate,
        data=body.model_dump(),
    )
    return Status(201, {f: getattr(score, f) for f in InterviewScoreOut.model_fields})


@router.post("/hiring/candidates/{id}/hire", response={200: HiringPlanOut, **ERRORS})
def hire(request: HttpRequest, body: HireCandidateIn, id: int = _path_id()) -> dict[str, Any]:
    """Hire the candidate: the seat is filled, the plan closed, onboarding started."""
    membership = membership_of(request)
    candidate = get_candidate_for(membership, id, Action.HIRE, read=False)
    plan = services.hire_candidate(
        actor=membership,  # type: ignore[arg-type]
        candidate=candidate,
        start=body.start,
    )
    return _plan_out(plan, plan.candidates.count())


@router.post("/hiring/candidates/{id}/erase", response={200: CandidateOut, **ERRORS})
def erase(request: HttpRequest, id: int = _path_id()) -> dict[str, Any]:
    """Erase the candidate's personal data on request (anonymous scores are kept)."""
    membership = membership_of(request)
    candidate = get_candidate_for(membership, id, Action.HIRE, read=False)
    return _candidate_out(
        services.erase_candidate(actor=membership, candidate=candidate)  # type: ignore[arg-type]
    )
