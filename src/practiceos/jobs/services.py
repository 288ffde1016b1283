"""Starting, running and retrying jobs: every write about a job goes through here.

A job, its audit record and its task on the queue are written in one transaction (the
queue is a table in the same database), so a worker sees all three or none: never a task
for a job that was rolled back, never a job without its task.
Running a job claims it with a conditional update (queued → running), so two workers
given the same task never both run it.
"""

from __future__ import annotations

import datetime as dt
import logging
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from practiceos.audit.models import AuditAction
from practiceos.audit.services import record
from practiceos.core.problems import InputError, Problem
from practiceos.jobs.models import Job, JobFile, JobKind, JobStatus, this_worker
from practiceos.jobs.progress import Progress, close_side_connection
from practiceos.jobs.registry import handler_for
from practiceos.tenancy.models import Membership

log = logging.getLogger(__name__)

#: Longest stored failure reason (characters).
MAX_ERROR = 4000


class Superseded(Exception):
    """What the queue's row of an abandoned run says it failed with: the job was run
    again after its worker stopped."""


def start_job(*, actor: Membership, kind: str, params: dict[str, Any] | None = None) -> Job:
    """Queue a job of ``kind`` for the actor's practice; returns it (status queued)."""
    if kind not in JobKind.values:
        raise InputError(
            [
                Problem(
                    "kind", f'"{kind}" is not a kind of job; use one of {", ".join(JobKind.values)}'
                )
            ]
        )
    handler_for(kind).authorize(actor)
    return queue_job(practice_id=actor.practice_id, kind=kind, actor=actor, params=params)


def queue_job(
    *,
    practice_id: int,
    kind: str,
    actor: Membership | None,
    params: dict[str, Any] | None = None,
    run_after: dt.datetime | None = None,
    note: str = "queued",
) -> Job:
    """Queue a job whose permission the calling service has already checked (a roster
    import confirmed by :func:`practiceos.roster.services.confirm_import`, the health
    check's automatic re-check). ``actor`` None is the system; ``run_after`` holds the
    task back until then (kept in ``params["run_after"]`` for the pages)."""
    params = dict(params or {})
    if run_after is not None:
        params["run_after"] = run_after.isoformat()
    with transaction.atomic():
        job = Job.objects.create(
            practice_id=practice_id, kind=kind, requested_by=actor, params=params
        )
        record(
            actor=actor.user if actor is not None else None,
            practice_id=practice_id,
            action=AuditAction.CREATED,
            obj=job,
            after={"kind": kind, "params": job.params},
            note=note,
        )
        _enqueue(job, run_after=run_after)
    return job


def retry_job(*, actor: Membership, job: Job) -> Job:
    """Queue a failed or stalled job again (it left nothing half-written)."""
    if job.practice_id != actor.practice_id:
        raise PermissionDenied("This job belongs to another practice.")
    handler_for(job.kind).authorize(actor)
    if not job.can_retry:
        raise InputError(
            [
                Problem(
                    "status",
                    f"a {job.status} job cannot be retried; only failed or stalled jobs can",
                )
            ]
        )
    with transaction.atomic():
        before = {"status": job.status, "error": job.error}
        # Only as it was seen: a worker that was merely slow may have written progress or
        # finished since (on PostgreSQL this update waits for that worker's transaction
        # and then finds the row changed), and running it again would do the work twice.
        moved = not Job.objects.filter(
            pk=job.pk, status=job.status, attempts=job.attempts, updated_at=job.updated_at
        ).update(
            status=JobStatus.QUEUED,
            stage="",
            done=0,
            total=None,
            error="",
            result=None,
            finished_at=None,
            updated_at=timezone.now(),
            worker="",
        )
        if moved:
            raise InputError(
                [
                    Problem(
                        "status",
                        "the job moved on while you looked (its worker is still working "
                        "or has finished); reload the page to see where it is",
                    )
                ]
            )
        _abandon_task(job)
        JobFile.objects.filter(practice_id=job.practice_id, job=job).delete()
        job.refresh_from_db()
        record(
            actor=actor.user,
            practice_id=actor.practice_id,
            action=AuditAction.UPDATED,
            obj=job,
            before=before,
            after={"status": job.status},
            note="retried",
        )
        _enqueue(job)
    return job


def _abandon_task(job: Job) -> None:
    """Mark the queue's row of a retried job's previous task as failed: its worker died
    (or will find, should it wake, that the job is no longer its own), so the row would
    otherwise say "running" for ever."""
    from django_tasks.base import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    if not job.task_id:
        return
    DBTaskResult.objects.filter(pk=job.task_id, status=TaskResultStatus.RUNNING).update(
        status=TaskResultStatus.FAILED,
        finished_at=timezone.now(),
        exception_class_path="practiceos.jobs.services.Superseded",
        traceback=f"Job #{job.pk} was run again after its worker stopped; this run was abandoned.",
    )


def _enqueue(job: Job, *, run_after: dt.datetime | None = None) -> None:
    from practiceos.jobs.tasks import run_job

    task = run_job.using(run_after=run_after) if run_after is not None else run_job
    job.task_id = str(task.enqueue(job.pk).id)[:64]
    Job.objects.filter(pk=job.pk).update(task_id=job.task_id)


def execute_job(job_id: int) -> Job | None:
    """Run a queued job now (the worker calls this); returns it, or ``None`` when another
    worker claimed it first or it is gone. Failures are stored on the job, not raised."""
    now = timezone.now()
    claimed = Job.objects.filter(pk=job_id, status=JobStatus.QUEUED).update(
        status=JobStatus.RUNNING,
        started_at=now,
        updated_at=now,
        attempts=F("attempts") + 1,
        worker=this_worker(),
    )
    if not claimed:
        return None
    job = Job.objects.select_related("practice", "requested_by__user").get(pk=job_id)
    # ``job.attempts`` is now this run's number: progress and the outcome are written
    # only while it is still the job's current run (see :func:`_finish`).
    handler = handler_for(job.kind)
    try:
        result = handler.run(job, Progress(job))
    except InputError as exc:
        _finish(job, JobStatus.FAILED, error="\n".join(str(p) for p in exc.problems))
    except PermissionDenied as exc:
        _finish(job, JobStatus.FAILED, error=str(exc) or "Not allowed any more.")
    except Exception as exc:  # stored for the user; the traceback goes to the log
        log.exception("job %s (%s) failed", job.pk, job.kind)
        _finish(job, JobStatus.FAILED, error=f"{type(exc).__name__}: {exc}")
    else:
        _finish(job, JobStatus.DONE, result=result)
    finally:
        close_side_connection()
    job.refresh_from_db()
    return job


def _finish(job: Job, status: str, *, error: str = "", result: Any = None) -> None:
    """Store the run's outcome, unless the job was retried meanwhile (a worker on another
    machine that was slow, not dead): then the newer run's status is the job's and this
    run's outcome is only logged. Its work cannot land twice where that would matter: an
    import or an upload's save is one transaction that consumes its input (the import's
    status, the kept file); a check run twice makes a second report, a PDF or export run
    twice replaces the job's one file."""
    now = timezone.now()
    stored = Job.objects.filter(pk=job.pk, attempts=job.attempts).update(
        status=status,
        error=error[:MAX_ERROR],
        result=result,
        finished_at=now,
        updated_at=now,
        stage="Done" if status == JobStatus.DONE else "Failed",
    )
    if not stored:
        log.warning(
            "job %s run %s ended %s after the job was run again; its outcome was not stored",
            job.pk,
            job.attempts,
            status,
        )


def store_file(job: Job, *, filename: str, content_type: str, data: bytes) -> JobFile:
    """Keep the file a job made (one per job; a retry replaces it). Called by a job's
    handler inside its work, so the file and the job's result are written together."""
    with transaction.atomic():
        JobFile.objects.filter(practice_id=job.practice_id, job=job).delete()
        return JobFile.objects.create(
            practice_id=job.practice_id,
            job=job,
            filename=filename[:255],
            content_type=content_type,
            size=len(data),
            data=data,
        )


def purge_job_files(*, older_than: dt.timedelta, now: dt.datetime | None = None) -> int:
    """Delete the files of jobs finished more than ``older_than`` ago (their PDFs and
    exports can be made again); returns how many. Periodic work: no actor, no audit
    record per file (the jobs themselves stay, with their audit trail)."""
    cutoff = (now or timezone.now()) - older_than
    deleted, _ = JobFile.objects.filter(created_at__lt=cutoff).delete()
    return deleted
