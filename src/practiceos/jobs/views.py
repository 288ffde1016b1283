"""A job's page and the progress fragment it polls (any web worker can answer it)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.views.decorators.http import require_GET, require_POST

from practiceos.core.problems import InputError
from practiceos.jobs.access import get_job_for
from practiceos.jobs.registry import handler_for
from practiceos.jobs.services import retry_job
from practiceos.tenancy.current import current_membership
from practiceos.web.htmx import is_htmx, render_page_or_fragment


def job_context(job: object) -> dict[str, object]:
    """What the progress fragment needs: the job and the page that shows its result."""
    handler = handler_for(job.kind)  # type: ignore[attr-defined]
    return {"job": job, "result_url": handler.result_url(job)}  # type: ignore[arg-type]


@login_required
@require_GET
def job(request: HttpRequest, pk: int) -> HttpResponse:
    """The job's status page, or (htmx) just its progress fragment."""
    found = get_job_for(current_membership(request), pk)
    return render_page_or_fragment(
        request, "jobs/job.html", "jobs/htmx/progress.html", job_context(found)
    )


@login_required
@require_POST
def retry(request: HttpRequest, pk: int) -> HttpResponse:
    """Queue a failed or stalled job again."""
    membership = current_membership(request)
    found = get_job_for(membership, pk)
    try:
        found = retry_job(actor=membership, job=found)  # type: ignore[arg-type]
    except InputError as exc:
        context = job_context(found) | {"problems": exc.problems}
        return render_page_or_fragment(
            request, "jobs/job.html", "jobs/htmx/progress.html", context, status=422
        )
    if is_htmx(request):
        return render_page_or_fragment(
            request, "jobs/job.html", "jobs/htmx/progress.html", job_context(found)
        )
    return redirect("jobs:job", pk=found.pk)
