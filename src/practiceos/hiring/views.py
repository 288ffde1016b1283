"""Hiring pages (thin views over ``hiring.services``, ``.access`` and ``.reads``).

Views never save. Every record is found through ``hiring.access``: someone outside the
hiring seat's manager chain (and not an owner or admin) gets a 404. Bad input re-renders
the page with a 422 and every problem named. Each page runs a fixed number of queries.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from practiceos.core.hiring import ACCEPTED_MARKS, GWC, Mark
from practiceos.core.model import LEVELS
from practiceos.core.problems import InputError
from practiceos.hiring import reads, services
from practiceos.hiring.access import get_candidate_for, get_plan_for, get_seat_to_hire_for
from practiceos.hiring.models import Candidate, HiringPlan, PlanStatusChoices
from practiceos.people.access import Viewer
from practiceos.tenancy.current import current_membership
from practiceos.tenancy.permissions import Action, allows

#: Plans listed on one page of the hiring index (open plans come first).
PLANS_PER_PAGE = 100


def _errors(exc: InputError) -> list[str]:
    return [str(p) for p in exc.problems]


@login_required
@require_GET
def index(request: HttpRequest) -> HttpResponse:
    """The hiring plans the caller may see."""
    viewer = Viewer.of(current_membership(request))
    total = reads.plan_count(viewer)
    pages = max(1, -(-total // PLANS_PER_PAGE))
    number = _page_number(request.GET.get("page", ""), pages)
    rows = reads.plan_rows(viewer, (number - 1) * PLANS_PER_PAGE, PLANS_PER_PAGE)
    context = {"rows": rows, "total": total, "number": number, "pages": pages}
    return render(request, "hiring/index.html", context)


def _page_number(raw: str, pages: int) -> int:
    """The page asked for, kept within 1..pages (anything unreadable is the first)."""
    try:
        number = int(raw[:10])
    except ValueError:
        return 1
    return min(max(number, 1), pages)


@login_required
@require_http_methods(["GET", "POST"])
def open_plan(request: HttpRequest, seat: int) -> HttpResponse:
    """Open a hiring plan for a vacant seat (or go to the one already open)."""
    obj, viewer = get_seat_to_hire_for(current_membership(request), seat)
    existing = HiringPlan.objects.filter(
        practice_id=obj.practice_id, seat=obj, status=PlanStatusChoices.OPEN
    ).first()
    if existing is not None and request.method == "GET":
        return redirect("hiring:plan", pk=existing.pk)
    errors: list[str] = []
    level = request.POST.get("level", "senior")
    if request.method == "POST":
        try:
            plan = services.open_plan(actor=viewer.membership, seat=obj, level=level)
        except InputError as exc:
            errors = _errors(exc)
        else:
            messages.success(request, f"Hiring plan opened for {obj.name}.")
            return redirect("hiring:plan", pk=plan.pk)
    holder = services.holder_of(obj)
    context = {"seat": obj, "holder": holder, "levels": LEVELS, "level": level, "errors": errors}
    return render(request, "hiring/open.html", context, status=422 if errors else 200)


def _plan_context(plan: HiringPlan, viewer: Viewer) -> dict[str, Any]:
    return {
        "plan": plan,
        "candidates": reads.candidates_of(plan, viewer),
        "may_hire": allows(viewer.membership.role, Action.HIRE),
        "is_open": plan.status == PlanStatusChoices.OPEN,
    }


@login_required
@require_GET
def plan(request: HttpRequest, pk: int) -> HttpResponse:
    """A plan: the role card as copied, the interview kit and the candidates."""
    obj, viewer = get_plan_for(current_membership(request), pk)
    return render(request, "hiring/plan.html", _plan_context(obj, viewer))


@login_required
@require_POST
def add_candidate(request: HttpRequest, pk: int) -> HttpResponse:
    """Add a candidate to the plan."""
    obj, viewer = get_plan_for(current_membership(request), pk, Action.HIRE)
    data = {k: request.POST.get(k, "") for k in ("name", "email", "phone", "notes")}
    try:
        candidate = services.add_candidate(actor=viewer.membership, plan=obj, data=data)
    except InputError as exc:
        context = _plan_context(obj, viewer) | {"errors": _errors(exc), "posted": data}
        return render(request, "hiring/plan.html", context, status=422)
    messages.success(request, "Candidate added.")
    return redirect("hiring:candidate", pk=candidate.pk)


@login_required
@require_POST
def close(request: HttpRequest, pk: int) -> HttpResponse:
    """Close the plan without a hire, saying why."""
    obj, viewer = get_plan_for(current_membership(request), pk, Action.HIRE)
    reason = request.POST.get("reason", "")
    try:
        services.close_plan(actor=viewer.membership, plan=obj, reason=reason)
    except InputError as exc:
        obj.refresh_from_db()  # the refused close left the plan as it was
        context = _plan_context(obj, viewer) | {
            "errors": _errors(exc),
            "posted_reason": reason,
            "closing": True,
        }
        return render(request, "hiring/plan.html", context, status=422)
    messages.success(request, f"The hiring plan for {obj.seat_name} is closed.")
    return redirect("hiring:plan", pk=obj.pk)


def _candidate_context(candidate: Candidate) -> dict[str, Any]:
    plan = candidate.plan
    return {
        "candidate": candidate,
        "plan": plan,
        "scores": list(candidate.scores.filter(practice_id=candidate.practice_id).order_by("id")),
        "marks": [(m.value, m.label) for m in Mark],
        "gwc": GWC,
        "accepted": ACCEPTED_MARKS,
        "is_open": plan.status == PlanStatusChoices.OPEN,
    }


@login_required
@require_GET
def candidate(request: HttpRequest, pk: int) -> HttpResponse:
    """A candidate: their details, every interviewer's scores and the scoring form."""
    membership = current_membership(request)
    obj = get_candidate_for(membership, pk)
    context = _candidate_context(obj) | {"may_hire": allows(membership.role, Action.HIRE)}  # type: ignore[union-attr]
    return render(request, "hiring/candidate.html", context)


@login_required
@require_POST
def score(request: HttpRequest, pk: int) -> HttpResponse:
    """Record the caller's scores of the candidate from the form (``mark_N`` per value)."""
    membership = current_membership(request)
    obj = get_candidate_for(membership, pk, Action.HIRE, read=False)
    values = obj.plan.values
    data = {
        "marks": [
            {"value": v, "mark": request.POST.get(f"mark_{i}", "")}
            for i, v in enumerate(values, start=1)
        ],
        **{key: request.POST.get(key, "") for key, _label in GWC},
        "notes": request.POST.get("notes", ""),
    }
    try:
        services.score_candidate(actor=membership, candidate=obj, data=data)  # type: ignore[arg-type]
    except InputError as exc:
        context = _candidate_context(obj) | {
            "may_hire": True,
            "errors": _errors(exc),
            "posted": request.POST,
        }
        return render(request, "hiring/candidate.html", context, status=422)
    messages.success(request, "Scores recorded.")
    return redirect("hiring:candidate", pk=obj.pk)


@login_required
@require_GET
def compare(request: HttpRequest, pk: int) -> HttpResponse:
    """The plan's candidates side by side: values × candidates, seat fit, interviewers."""
    obj, viewer = get_plan_for(current_membership(request), pk)
    grid = reads.side_by_side(obj, viewer)
    rows = [
        (value, [col.column.cells[i] for col in grid.columns])
        for i, value in enumerate(grid.values)
    ]
    gwc_rows = [
        (label, [(col.column.gwc[i], col.column.interviewers) for col in grid.columns])
        for i, (_k, label) in enumerate(GWC)
    ]
    context = {
        "plan": obj,
        "grid": grid,
        "rows": rows,
        "gwc_rows": gwc_rows,
        "may_hire": allows(viewer.membership.role, Action.HIRE),
        "is_open": obj.status == PlanStatusChoices.OPEN,
    }
    return render(request, "hiring/compare.html", context)


@login_required
@require_POST
def hire(request: HttpRequest, pk: int) -> HttpResponse:
    """Hire the candidate into the plan's seat and start onboarding."""
    membership = current_membership(request)
    obj = get_candidate_for(membership, pk, Action.HIRE, read=False)
    try:
        plan_obj = services.hire_candidate(actor=membership, candidate=obj)  # type: ignore[arg-type]
    except InputError as exc:
        for m in _errors(exc):
            messages.error(request, m)
        return redirect("hiring:plan", pk=obj.plan_id)
    messages.success(request, f"{obj.name} hired into {plan_obj.seat_name}.")
    return redirect("hiring:plan", pk=plan_obj.pk)


@login_required
@require_POST
def erase(request: HttpRequest, pk: int) -> HttpResponse:
    """Erase the candidate's personal data on request."""
    membership = current_membership(request)
    obj = get_candidate_for(membership, pk, Action.HIRE, read=False)
    services.erase_candidate(actor=membership, candidate=obj)  # type: ignore[arg-type]
    messages.success(request, "The candidate's personal data was erased; anonymous scores kept.")
    return redirect("hiring:plan", pk=obj.plan_id)
