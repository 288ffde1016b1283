"""The health report page, the run button, the thresholds form, and the report as a PDF
(thin views).

Every view finds the caller's membership first; runs are scoped to its practice inside
the query. The report page costs a fixed number of queries whatever the practice's size:
the latest run and the trend's scores.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from practiceos.core.problems import InputError
from practiceos.health import display
from practiceos.health.access import get_run_for, may_run, require_run
from practiceos.health.forms import read_policy_form, threshold_rows
from practiceos.health.freshness import active_checks, changes_since
from practiceos.health.models import HealthRun
from practiceos.jobs.documents import start_pdf
from practiceos.jobs.models import JobKind
from practiceos.jobs.services import start_job
from practiceos.jobs.views import job_context
from practiceos.tenancy.access import require
from practiceos.tenancy.current import current_membership
from practiceos.tenancy.models import Membership
from practiceos.tenancy.permissions import Action, allows
from practiceos.tenancy.services import update_policy
from practiceos.web.htmx import is_htmx


def _context(
    request: HttpRequest | None,
    membership: Membership,
    *,
    full: bool = False,
    chosen: HealthRun | None = None,
) -> dict[str, Any]:
    """A run (the latest unless ``chosen``), its areas, the trend, the checks in progress
    and the changes to the chart since the latest run. Four queries."""
    pid = membership.practice_id
    runs = list(
        HealthRun.objects.filter(practice_id=pid).values_list("pk", "created_at", "overall")[
            : display.TREND_RUNS
        ]
    )
    run = chosen
    if run is None and runs:
        run = HealthRun.objects.select_related("actor").filter(pk=runs[0][0]).first()
    is_latest = chosen is None or (bool(runs) and runs[0][0] == chosen.pk)
    query = request.GET if request is not None else {}  # None: a PDF made on a worker
    rule = query.get("rule", "")[:60] or None
    seat = query.get("seat", "")
    seat = seat if seat.isdigit() else None
    return {
        "run": run,
        "areas": display.areas_of(
            run, rule=rule, seat=seat, limit=display.RULE_PAGE if full else display.PER_RULE
        )
        if run
        else [],
        "trend": display.trend(runs) if runs else None,
        "rule": rule,
        "seat": seat,
        "is_latest": is_latest,
        "can_run": may_run(membership),
        **_checks_in_progress(pid, run, latest=is_latest),
        "practice": membership.practice,
        # The practice row came with the membership: the thresholds cost no query.
        "thresholds": threshold_rows(membership.practice.policy),
        "can_edit_policy": allows(membership.role, Action.MANAGE_PRACTICE),
    }


def _checks_in_progress(pid: int, run: HealthRun | None, *, latest: bool) -> dict[str, Any]:
    """Checks queued or running (one query) and, for the latest run, the changes to the
    chart since it (one query): ``active_jobs`` are those people started (progress under
    the run button), ``recheck`` the automatic re-check the freshness note follows."""
    checks = active_checks(pid)
    recheck = next((job for job in checks if job.automatic), None)
    return {
        "active_jobs": [job for job in checks if job is not recheck],
        "recheck": recheck,
        "changes": changes_since(pid, run) if run is not None and latest else 0,
    }


@login_required
@require_GET
def report(request: HttpRequest) -> HttpResponse:
    """The latest health report grouped by area, with the score trend and the run button.

    ``?rule=<id>`` shows every finding of one rule; ``?seat=<id>`` those naming one seat.
    """
    membership = require(current_membership(request), Action.VIEW)
    return render(request, "health/report.html", _context(request, membership))


@login_required
@require_POST
def run(request: HttpRequest) -> HttpResponse:
    """Queue a health check (managers and up): a task worker runs it, so a 100,000-person
    practice never holds a web request. htmx gets the job's progress fragment, which polls
    until the run is stored; without htmx, the job's page."""
    membership = require_run(current_membership(request))
    job = start_job(actor=membership, kind=JobKind.HEALTH_CHECK)
    if is_htmx(request):
        return render(request, "jobs/htmx/progress.html", job_context(job))
    return redirect("jobs:job", pk=job.pk)


@login_required
@require_POST
def policy(request: HttpRequest) -> HttpResponse:
    """Save the practice's thresholds (owners and admins; 403 for others, 404 without a
    practice). Refused values come back beside their fields with status 422, nothing saved.
    """
    membership = require(current_membership(request), Action.MANAGE_PRACTICE)
    try:
        update_policy(actor=membership, values=read_policy_form(request.POST))
    except InputError as exc:
        context = _context(request, membership)
        context["thresholds"] = threshold_rows(
            membership.practice.policy, entered=request.POST, problems=exc.problems
        )
        context["policy_problems"] = len(exc.problems)
        return render(request, "health/report.html", context, status=422)
    messages.success(request, "Thresholds saved. They apply from the next health check run.")
    return redirect(reverse("health:report") + "#thresholds")


@login_required
@require_GET
def run_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """An earlier run's report (another practice's run is a 404)."""
    membership = require(current_membership(request), Action.VIEW)
    chosen = get_run_for(membership, pk)
    return render(request, "health/report.html", _context(request, membership, chosen=chosen))


def report_context(membership: Membership, chosen: HealthRun | None) -> dict[str, Any]:
    """What the report's PDF shows (every finding, no filters), outside a request."""
    return _context(None, membership, full=True, chosen=chosen)


@login_required
@require_http_methods(["GET", "POST"])
def report_pdf(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    """The latest report (or run ``pk``) as a PDF, made on a task worker: a report of a
    large practice takes seconds to render. GET shows the button; POST queues the job
    and goes to its page, which offers the file when it is ready (any member)."""
    membership = require(current_membership(request), Action.VIEW)
    chosen = get_run_for(membership, pk) if pk is not None else None
    if request.method == "GET":
        return render(
            request,
            "jobs/prepare.html",
            {
                "title": "Health report PDF",
                "what": "the health report"
                + (f" of {chosen.created_at:%Y-%m-%d %H:%M}" if chosen else ""),
                "action": request.path,
                "back": reverse("health:run", args=[pk]) if pk else reverse("health:report"),
            },
        )
    job = start_pdf(actor=membership, document="health_report", params={"run": pk})
    if is_htmx(request):
        return render(request, "jobs/htmx/progress.html", job_context(job))
    return redirect("jobs:job", pk=job.pk)
