"""REST endpoints for roster imports: upload (preview), confirm, and status.

``POST /roster/imports`` (multipart: ``file``, optional ``columns`` and
``allow_unresolved``) answers 201 with the preview: counts, examples and every problem.
``POST /roster/imports/{id}/confirm`` starts it (202); ``GET /roster/imports/{id}``
reports its progress and outcome. A bad file is a 422 naming the field and the value;
another practice's import is a 404; a role that may not manage the practice gets 403.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import HttpRequest
from ninja import File, Form, Path, Router, Schema, Status
from ninja.files import UploadedFile

from practiceos.core.problems import InputError, Problem
from practiceos.org.schemas import MAX_ID, Message, Problems
from practiceos.roster import services
from practiceos.roster.access import get_import_for
from practiceos.roster.models import ImportStatus, RosterImport
from practiceos.tenancy.access import require
from practiceos.tenancy.api import membership_of
from practiceos.tenancy.permissions import Action

router = Router(tags=["roster"])
ERRORS: dict[int, Any] = {401: Message, 403: Message, 404: Message, 422: Problems}


class RosterProblem(Schema):
    """One problem or warning: where (``row 14, manager``) and what."""

    where: str
    message: str


class ImportOut(Schema):
    """A roster import: its preview, progress and outcome."""

    id: int
    filename: str
    status: str
    created_at: dt.datetime
    finished_at: dt.datetime | None
    rows: int
    allow_unresolved: bool
    only_file_locations: bool
    end_missing: bool
    stage: str
    done: int
    total: int
    blocking: bool
    can_confirm: bool
    summary: dict[str, Any]
    problems: list[RosterProblem]
    warnings: list[RosterProblem]
    error: str


def _out(job: RosterImport) -> dict[str, Any]:
    stage, done, total = job.stage, job.done, job.total
    live = services.live_progress(job.pk) if job.status == ImportStatus.RUNNING else None
    if live is not None:
        stage, done, total = live
    return {
        "id": job.pk,
        "filename": job.filename,
        "status": job.status,
        "created_at": job.created_at,
        "finished_at": job.finished_at,
        "rows": job.rows,
        "allow_unresolved": job.allow_unresolved,
        "only_file_locations": job.only_file_locations,
        "end_missing": job.end_missing,
        "stage": stage,
        "done": done,
        "total": total,
        "blocking": job.blocking,
        "can_confirm": job.can_confirm,
        "summary": job.summary or {},
        "problems": job.problems,
        "warnings": job.warnings,
        "error": job.error,
    }


def _id() -> Any:
    return Path(..., ge=1, le=MAX_ID, description="The import's id.")


@router.post(
    "/roster/imports",
    response={201: ImportOut, **ERRORS},
    summary="Upload a roster and preview its import",
)
def upload(
    request: HttpRequest,
    file: File[UploadedFile],
    columns: Form[str] = "",
    allow_unresolved: Form[bool] = False,
    only_file_locations: Form[bool] = False,
) -> Status[dict[str, Any]]:
    """Read the export, plan the import and keep it as a preview; nothing else is written."""
    membership = require(membership_of(request), Action.MANAGE_PRACTICE)
    if file.size is not None and file.size > services.MAX_UPLOAD_BYTES:
        raise InputError(
            [
                Problem(
                    "file",
                    f'"{file.name}" is {file.size / 2**20:.1f} MB; the limit is '
                    f"{services.MAX_UPLOAD_BYTES // 2**20} MB",
                )
            ]
        )
    job = services.preview_import(
        actor=membership,
        filename=file.name or "upload.csv",
        data=file.read(),
        column_map_text=columns,
        allow_unresolved=allow_unresolved,
        only_file_locations=only_file_locations,
    )
    return Status(201, _out(job))


@router.post(
    "/roster/imports/{id}/confirm",
    response={202: ImportOut, **ERRORS},
    summary="Start a previewed import",
)
def confirm(
    request: HttpRequest, id: int = _id(), end_missing: bool = False
) -> Status[dict[str, Any]]:
    """Start the import in the background; poll ``GET /roster/imports/{id}`` for progress.

    When the preview's ``summary.ending.needs_confirmation`` is true, the import ends more
    people than the practice's policy allows unasked (or people at locations the file
    lacks): pass ``?end_missing=true`` to confirm, otherwise 422.
    """
    membership = membership_of(request)
    job = get_import_for(membership, id)
    job = services.confirm_import(actor=membership, job=job, end_missing=end_missing)
    return Status(202, _out(job))


@router.post(
    "/roster/imports/{id}/undo",
    response={200: ImportOut, **ERRORS},
    summary="Undo a finished import",
)
def undo(request: HttpRequest, id: int = _id()) -> dict[str, Any]:
    """Reverse everything the import changed, as one step; 422 naming what changed since
    when something newer touched the same objects."""
    membership = membership_of(request)
    job = get_import_for(membership, id)
    return _out(services.undo_import(actor=membership, job=job))


@router.get(
    "/roster/imports/{id}", response={200: ImportOut, **ERRORS}, summary="An import's status"
)
def status(request: HttpRequest, id: int = _id()) -> dict[str, Any]:
    """The import's preview, progress (stage, done of total) or outcome."""
    return _out(get_import_for(membership_of(request), id))
