"""The health check as a job: queued from the report page, run by a task worker."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from practiceos.health.access import require_run
from practiceos.health.services import run_health_check
from practiceos.jobs.models import Job, JobKind
from practiceos.jobs.progress import Progress
from practiceos.jobs.registry import JobHandler


def run_check_job(job: Job, progress: Progress) -> dict[str, Any]:
    """Check the job's practice and store the run (as the command line does)."""
    progress.stage("Checking the structure")
    actor = job.requested_by
    run = run_health_check(actor, job.practice)
    return {"run_id": run.pk, "score": run.overall}


def _result_url(job: Job) -> str | None:
    run_id = (job.result or {}).get("run_id")
    return reverse("health:run", args=[run_id]) if run_id else None


HANDLER = JobHandler(
    kind=JobKind.HEALTH_CHECK, run=run_check_job, authorize=require_run, result_url=_result_url
)
