"""A job's page and the progress fragment it polls (any web worker can answer it)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_GET, require_POST

from practiceos.core.problems import InputError
from practiceos.jobs.access import get_job_for
from practiceos.jobs.models import JobFile, JobStatus
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


@login_required
@require_GET
def download(request: HttpRequest, pk: int) -> HttpResponse:
    """The file a finished job made (a PDF, an export), for members who may read what it
    shows: the job's handler applies the same rule as the page it prints (403 or 404)."""
    membership = current_membership(request)
    found = get_job_for(membership, pk)
    check = handler_for(found.kind).authorize_download
    if check is None or found.status != JobStatus.DONE:
        raise Http404("This job has no file to download.")
    check(membership, found)  # type: ignore[arg-type]
    stored = JobFile.objects.filter(practice_id=found.practice_id, job=found).first()
    if stored is None:
        raise Http404("This file was deleted; run the job again to make it.")
    response = HttpResponse(bytes(stored.data), content_type=stored.content_type)
    inline = stored.content_type == "application/pdf"
    response["Content-Disposition"] = content_disposition_header(not inline, stored.filename)
    return response
