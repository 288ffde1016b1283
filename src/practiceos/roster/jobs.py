"""A confirmed roster import as a job: a task worker runs it, off the web request."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from practiceos.core.problems import InputError, Problem
from practiceos.jobs.models import Job, JobKind
from practiceos.jobs.progress import Progress
from practiceos.jobs.registry import JobHandler
from practiceos.roster.models import ImportStatus
from practiceos.tenancy.access import require
from practiceos.tenancy.permissions import Action


def run_import_job(job: Job, progress: Progress) -> dict[str, Any]:
    """Run the import named by the job (its own row shows the detailed progress)."""
    from practiceos.roster.services import reopen_import, run_import

    import_id = int(job.params["import_id"])
    if job.attempts > 1:  # run again (retry_job): a failed import gets another go
        reopen_import(import_id=import_id, actor=job.requested_by)
    progress.stage("Importing the roster")
    done = run_import(import_id, side_channel=True)
    if done.status != ImportStatus.DONE:
        # The import stored its reason and wrote nothing; the job says the same.
        # Its first problems too, so the job's page says why without another click.
        problems = [Problem(str(p["where"]), str(p["message"])) for p in done.problems[:10]]
        raise InputError(
            [Problem("import", done.error or f"the import is {done.status}"), *problems]
        )
    return {"import_id": import_id}


def _result_url(job: Job) -> str | None:
    import_id = (job.params or {}).get("import_id")
    return reverse("roster:detail", args=[import_id]) if import_id else None


HANDLER = JobHandler(
    kind=JobKind.ROSTER_IMPORT,
    run=run_import_job,
    authorize=lambda membership: require(membership, Action.MANAGE_PRACTICE),
    result_url=_result_url,
)
