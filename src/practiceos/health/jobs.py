"""The health check as a job: queued from the report page, run by a task worker."""

from __future__ import annotations

from typing import Any

from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.text import slugify

from practiceos.health.access import get_run_for, require_run
from practiceos.health.services import run_health_check
from practiceos.jobs.documents import Document, pdf_html
from practiceos.jobs.models import Job, JobKind
from practiceos.jobs.progress import Progress
from practiceos.jobs.registry import JobHandler
from practiceos.tenancy.access import require
from practiceos.tenancy.models import Membership
from practiceos.tenancy.permissions import Action


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


def _may_read_report(membership: Membership | None, params: dict[str, Any]) -> object:
    """Any member reads reports; a named run must be one of their practice (else 404)."""
    membership = require(membership, Action.VIEW)
    if params.get("run") is not None:
        get_run_for(membership, params["run"])
    return membership


def _render_report(membership: Membership, params: dict[str, Any]) -> tuple[str, bytes]:
    from practiceos.health.views import report_context

    chosen = get_run_for(membership, params["run"]) if params.get("run") is not None else None
    html = render_to_string("health/pdf.html", report_context(membership, chosen))
    name = slugify(membership.practice.slug) or "practice"
    return f"health-report-{name}.pdf", pdf_html(html)


REPORT_PDF = Document(
    name="health_report",
    label="health report",
    authorize=_may_read_report,
    render=_render_report,
)
