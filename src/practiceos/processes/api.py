"""REST endpoints of core processes: list, read, create, update, review, the diff between
two versions, and checklist runs with their ticks.

Objects are found through ``processes.access`` (another practice's is a 404); writes go
through ``processes.services`` (bad input is a 422 naming the field).
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

from django.db.models import F
from django.http import HttpRequest
from ninja import Field, Path, Query, Router, Schema, Status
from pydantic import AfterValidator, ConfigDict

from practiceos.core.processes import (
    MAX_MEASURABLES,
    MAX_NAME,
    MAX_NOTE,
    MAX_PURPOSE,
    MAX_STEP_TEXT,
    MAX_STEPS,
    MAX_SUBJECT,
)
from practiceos.org.schemas import MAX_ID, Message, Problems, no_nul
from practiceos.processes import services
from practiceos.processes.access import get_process_for, get_run_for
from practiceos.processes.models import ChecklistRun, Process, ProcessVersion
from practiceos.processes.reads import completion, version_diff
from practiceos.tenancy.access import require
from practiceos.tenancy.api import membership_of
from practiceos.tenancy.permissions import Action

router = Router(tags=["core processes"])


ERRORS: dict[int, Any] = {401: Message, 403: Message, 404: Message, 422: Problems}


def _text(limit: int, min_length: int = 0) -> Any:
    return Annotated[str, AfterValidator(no_nul), Field(min_length=min_length, max_length=limit)]


class Strict(Schema):
    """Input bodies: unknown fields are errors."""

    model_config = ConfigDict(extra="forbid")


def _path_id() -> Any:
    return Path(..., ge=1, le=MAX_ID, description="The record's id.")


class StepIn(Strict):
    """One step: what is done and the id of the seat that owns it."""

    text: _text(MAX_STEP_TEXT, 1)  # type: ignore[valid-type]
    seat: int | None = Field(..., ge=1, le=MAX_ID)


class StepOut(Schema):
    """One step as stored: text and the owning seat's id."""

    text: str
    seat: str


class ProcessIn(Strict):
    """A process to document: name, exactly one owning seat, purpose, steps, measurables."""

    name: _text(MAX_NAME, 1)  # type: ignore[valid-type]
    owner_seat: int = Field(..., ge=1, le=MAX_ID)
    purpose: _text(MAX_PURPOSE) = ""  # type: ignore[valid-type]
    steps: list[StepIn] = Field(..., min_length=1, max_length=MAX_STEPS)
    measurables: list[int] = Field(default_factory=list, max_length=MAX_MEASURABLES)


class ProcessPatch(Strict):
    """Changes to a process; new steps or measurables make a new version."""

    name: _text(MAX_NAME, 1) | None = None  # type: ignore[valid-type]
    owner_seat: int | None = Field(None, ge=1, le=MAX_ID)
    purpose: _text(MAX_PURPOSE) | None = None  # type: ignore[valid-type]
    status: Literal["active", "archived"] | None = None
    steps: list[StepIn] | None = Field(None, min_length=1, max_length=MAX_STEPS)
    measurables: list[int] | None = Field(None, max_length=MAX_MEASURABLES)
    note: _text(MAX_NOTE) | None = None  # type: ignore[valid-type]


class ProcessReviewIn(Strict):
    """A review with the people who run the process: when, and whether they follow it."""

    reviewed_on: dt.date
    followed: bool
    note: _text(MAX_NOTE) = ""  # type: ignore[valid-type]


class ProcessSummary(Schema):
    """A process in a list."""

    id: int
    name: str
    owner_seat_id: int | None
    status: str
    current: int
    last_reviewed_on: dt.date | None
    followed: bool | None


class MonthOut(Schema):
    """Checklist runs started in one month and how many were completed."""

    month: dt.date
    runs: int
    completed: int
    percent: int


class ProcessOut(ProcessSummary):
    """A whole process with its current steps, measurables and completion by month."""

    purpose: str
    field: str
    template_id: str
    follow_note: str
    steps: list[StepOut]
    measurables: list[int]
    completion: list[MonthOut]


class ProcessPage(Schema):
    """A page of processes, by name."""

    count: int
    items: list[ProcessSummary]


class ProcessPaging(Schema):
    """``limit`` (1-200, default 50) and ``offset``."""

    limit: int = Field(50, ge=1, le=200)
    offset: int = Field(0, ge=0, le=10**9)


class DiffQuery(Schema):
    """The two version numbers to compare (default: the current one and the one before)."""

    a: int | None = Field(None, ge=1, le=10**6)
    b: int | None = Field(None, ge=1, le=10**6)


class DiffLineOut(Schema):
    """One line of a diff: the change and a sentence describing it."""

    change: str
    words: str


class RunIn(Strict):
    """A checklist run to start: for whom or what."""

    subject: _text(MAX_SUBJECT) = ""  # type: ignore[valid-type]


class TickIn(Strict):
    """Tick (``done``: true) or untick step ``step`` (1-based)."""

    step: int = Field(..., ge=1, le=MAX_STEPS)
    done: bool = True


class ChecklistRunOut(Schema):
    """A checklist run: the version, for whom, each step's tick (who and when)."""

    id: int
    process_id: int
    version: int
    subject: str
    started_at: dt.datetime
    ticks: list[dict[str, Any] | None]
    done: int
    total: int
    finished_at: dt.datetime | None


class RunPage(Schema):
    """A page of runs, newest first."""

    count: int
    items: list[ChecklistRunOut]


def _out(process: Process) -> dict[str, Any]:
    version = ProcessVersion.objects.filter(process=process, number=process.current).first()
    return {
        **{f: getattr(process, f) for f in ProcessOut.model_fields if hasattr(process, f)},
        "steps": version.steps if version else [],
        "measurables": version.measurables if version else [],
        "completion": [
            {"month": m.month, "runs": m.runs, "completed": m.completed, "percent": m.percent}
            for m in completion(process)
        ],
    }


def _run_out(run: ChecklistRun) -> dict[str, Any]:
    return {
        **{f: getattr(run, f) for f in ("id", "process_id", "subject", "started_at", "ticks")},
        "version": run.version.number,
        "done": run.done,
        "total": run.total,
        "finished_at": run.finished_at,
    }


@router.get("/processes", response={200: ProcessPage, **ERRORS})
def list_processes(request: HttpRequest, paging: Query[ProcessPaging]) -> dict[str, Any]:
    """The practice's core processes, by name."""
    membership = require(membership_of(request), Action.VIEW)
    qs = Process.objects.filter(practice_id=membership.practice_id).order_by("name", "id")
    return {"count": qs.count(), "items": list(qs[paging.offset : paging.offset + paging.limit])}


@router.get("/processes/{id}", response={200: ProcessOut, **ERRORS})
def read_process(request: HttpRequest, id: int = _path_id()) -> dict[str, Any]:
    """One process with its current steps."""
    return _out(get_process_for(membership_of(request), id))


@router.post("/processes", response={201: ProcessOut, **ERRORS})
def create_process(request: HttpRequest, body: ProcessIn) -> Status[dict[str, Any]]:
    """Document a process (owners, admins, managers)."""
    process = services.create_process(
        actor=membership_of(request), data=body.model_dump(mode="json")
    )
    return Status(201, _out(process))


@router.patch("/processes/{id}", response={200: ProcessOut, **ERRORS})
def update_process(
    request: HttpRequest, body: ProcessPatch, id: int = _path_id()
) -> dict[str, Any]:
    """Change a process; new steps or measurables are saved as a new version."""
    membership = membership_of(request)
    process = get_process_for(membership, id, Action.EDIT_PROCESSES)
    data = body.model_dump(mode="json", exclude_unset=True)
    services.update_process(actor=membership, process=process, data=data)
    return _out(process)


@router.post("/processes/{id}/review", response={200: ProcessOut, **ERRORS})
def review_process(
    request: HttpRequest, body: ProcessReviewIn, id: int = _path_id()
) -> dict[str, Any]:
    """Record a review with the people who run the process."""
    membership = membership_of(request)
    process = get_process_for(membership, id, Action.EDIT_PROCESSES)
    services.record_review(actor=membership, process=process, data=body.model_dump())
    return _out(process)


@router.get("/processes/{id}/diff", response={200: list[DiffLineOut], **ERRORS})
def diff_process(
    request: HttpRequest, versions: Query[DiffQuery], id: int = _path_id()
) -> list[dict[str, str]]:
    """What changed between versions ``a`` and ``b``, step by step."""
    process = get_process_for(membership_of(request), id)
    b = versions.b or process.current
    a = versions.a or max(b - 1, 1)
    return [
        {"change": line.change.value, "words": line.words} for line in version_diff(process, a, b)
    ]


@router.get("/processes/{id}/runs", response={200: RunPage, **ERRORS})
def list_runs(
    request: HttpRequest, paging: Query[ProcessPaging], id: int = _path_id()
) -> dict[str, Any]:
    """The process's checklist runs, newest first."""
    process = get_process_for(membership_of(request), id)
    qs = (
        ChecklistRun.objects.filter(practice_id=process.practice_id, process=process)
        .annotate(version_number=F("version__number"))
        .order_by("-started_at", "-id")
    )
    items = list(qs[paging.offset : paging.offset + paging.limit])
    return {
        "count": qs.count(),
        "items": [
            {
                **{
                    f: getattr(r, f)
                    for f in (
                        "id",
                        "process_id",
                        "subject",
                        "started_at",
                        "ticks",
                        "done",
                        "total",
                        "finished_at",
                    )
                },
                "version": r.version_number,
            }  # type: ignore[attr-defined]
            for r in items
        ],
    }


@router.post("/processes/{id}/runs", response={201: ChecklistRunOut, **ERRORS})
def start_run(request: HttpRequest, body: RunIn, id: int = _path_id()) -> Status[dict[str, Any]]:
    """Start the process as a checklist (refused for an archived process)."""
    membership = membership_of(request)
    process = get_process_for(membership, id, Action.RUN_CHECKLISTS)
    run = services.start_run(actor=membership, process=process, subject=body.subject)
    return Status(201, _run_out(run))


@router.get("/checklist-runs/{id}", response={200: ChecklistRunOut, **ERRORS})
def read_run(request: HttpRequest, id: int = _path_id()) -> dict[str, Any]:
    """One checklist run with who did each step and when."""
    return _run_out(get_run_for(membership_of(request), id))


@router.post("/checklist-runs/{id}/ticks", response={200: ChecklistRunOut, **ERRORS})
def tick_run(request: HttpRequest, body: TickIn, id: int = _path_id()) -> dict[str, Any]:
    """Tick or untick one step of a run."""
    membership = membership_of(request)
    run = get_run_for(membership, id, Action.RUN_CHECKLISTS)
    services.tick_step(actor=membership, run=run, step=body.step, done=body.done)
    return _run_out(run)
