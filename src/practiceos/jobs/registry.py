"""Which function runs each kind of job, and who may start it.

Apps register their handlers from ``AppConfig.ready`` (the health check registers
``health_check``), so the jobs app never imports them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from practiceos.jobs.models import Job
    from practiceos.jobs.progress import Progress
    from practiceos.tenancy.models import Membership

RunFn = Callable[["Job", "Progress"], dict[str, Any]]
"""Does the work; returns the JSON result stored on the job. Raises InputError with
readable problems when the input is no longer usable (stored as the failure reason)."""


@dataclass(frozen=True)
class JobHandler:
    """A kind of job: its work, who may start it, and where its result is shown."""

    kind: str
    run: RunFn
    authorize: Callable[[Membership], object]
    """Raises PermissionDenied (403) when the membership may not start this job."""
    result_url: Callable[[Job], str | None] = lambda job: None
    """The page that shows a finished job's result, if any."""
    authorize_download: Callable[[Membership, Job], object] | None = None
    """For jobs that make a file: raises PermissionDenied or Http404 when the membership
    may not read it (the same rule as the page it prints); ``None``: no file."""
    purge_inputs: Callable[[dt.timedelta], int] | None = None
    """For jobs whose input waits in the database before the job is queued (a previewed
    upload): deletes inputs older than the age that no job used; returns how many.
    ``practiceos purge_job_files`` calls it."""
    inputs_name: str = "kept input(s)"
    """How the purge names what ``purge_inputs`` deleted."""


_HANDLERS: dict[str, JobHandler] = {}


def register(handler: JobHandler) -> JobHandler:
    """Register the handler of one job kind (once)."""
    if handler.kind in _HANDLERS and _HANDLERS[handler.kind] is not handler:
        raise ValueError(f"a handler for job kind {handler.kind!r} is already registered")
    _HANDLERS[handler.kind] = handler
    return handler


def handlers() -> Iterator[JobHandler]:
    """Every registered handler."""
    return iter(list(_HANDLERS.values()))


def handler_for(kind: str) -> JobHandler:
    """The handler of ``kind``; KeyError when no app registered one."""
    return _HANDLERS[kind]
