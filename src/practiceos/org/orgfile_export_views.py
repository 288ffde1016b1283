"""The org file export page: GET offers the button, POST queues the export job."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from practiceos.jobs.models import JobKind
from practiceos.jobs.services import start_job
from practiceos.tenancy.access import require
from practiceos.tenancy.current import current_membership
from practiceos.tenancy.permissions import Action


@login_required
@require_http_methods(["GET", "POST"])
def export(request: HttpRequest) -> HttpResponse:
    """Export the practice as an org file, on a task worker (owners and admins)."""
    membership = require(current_membership(request), Action.MANAGE_PRACTICE)
    if request.method == "GET":
        return render(
            request,
            "jobs/prepare.html",
            {
                "title": "Export the org file",
                "what": "the org file of the whole practice",
                "action": request.path,
                "back": reverse("org:chart"),
            },
        )
    job = start_job(actor=membership, kind=JobKind.EXPORT)
    return redirect("jobs:job", pk=job.pk)
