"""Setting up a team's scorecard: measurables (from the library or by hand), team goals,
priorities and milestones; and the measurable library page.

Each form posts to its own small view that calls one service; a refusal re-renders the
setup page with the problems beside the form (status 422) and nothing saved.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST

from practiceos.core import scorecard as sc
from practiceos.core.measurable_library import library
from practiceos.core.problems import InputError
from practiceos.org.access import get_seat_for, get_team_for
from practiceos.org.models import Seat, Team
from practiceos.scorecards import services
from practiceos.scorecards.access import (
    get_measurable_for,
    get_milestone_for,
    get_priority_for,
)
from practiceos.scorecards.models import Measurable, Priority, TeamGoal
from practiceos.tenancy.access import require
from practiceos.tenancy.current import current_membership
from practiceos.tenancy.models import Membership
from practiceos.tenancy.permissions import Action

_FORM_KEYS = (
    "name",
    "key",
    "seat",
    "unit",
    "operator",
    "goal_low",
    "goal_high",
    "cadence",
    "formula",
    "visibility",
)


def _setup_context(team: Team, membership: Membership, **extra: Any) -> dict[str, Any]:
    seats = list(
        Seat.objects.filter(practice_id=team.practice_id, team=team).order_by("name")[:200]
    )
    if team.manager_seat_id and all(s.pk != team.manager_seat_id for s in seats):
        seats.insert(0, team.manager_seat)  # type: ignore[arg-type]
    return {
        "team": team,
        "seats": seats,
        "measurables": list(
            Measurable.objects.filter(team=team)
            .select_related("seat")
            .prefetch_related("team_goals")
        ),
        "goals": list(TeamGoal.objects.filter(team=team)),
        "priorities": list(
            Priority.objects.filter(team=team).select_related("seat").prefetch_related("milestones")
        ),
        "library": library(),
        "units": sc.UNITS,
        "operators": [(o.value, sc.OPERATOR_SIGNS[o]) for o in sc.Operator],
        "statuses": [s.value for s in sc.PriorityStatus],
        **extra,
    }


def _refused(
    request: HttpRequest, team: Team, membership: Membership, form: str, exc: InputError
) -> HttpResponse:
    context = _setup_context(
        team, membership, problems=exc.problems, form=form, entered=request.POST
    )
    return render(request, "scorecards/setup.html", context, status=422)


@login_required
@require_GET
def setup(request: HttpRequest, pk: int) -> HttpResponse:
    """The team's scorecard set-up page (owners, admins, managers)."""
    membership = require(current_membership(request), Action.EDIT_SCORECARD)
    team = get_team_for(membership, pk)
    return render(request, "scorecards/setup.html", _setup_context(team, membership))


@login_required
@require_POST
def add_library(request: HttpRequest, pk: int) -> HttpResponse:
    """Add a library measurable to the team, owned by the chosen seat."""
    membership = require(current_membership(request), Action.EDIT_SCORECARD)
    team = get_team_for(membership, pk)
    seat_id = request.POST.get("seat", "")
    try:
        seat = get_seat_for(membership, seat_id) if seat_id else None
        m = services.add_from_library(
            actor=membership, team=team, entry_id=request.POST.get("entry", "")[:80], seat=seat
        )
    except InputError as exc:
        return _refused(request, team, membership, "library", exc)
    messages.success(request, f"Added “{m.name}”.")
    return redirect("scorecards:setup", pk=team.pk)


@login_required
@require_POST
def add_measurable(request: HttpRequest, pk: int) -> HttpResponse:
    """Add a measurable typed in by hand."""
    membership = require(current_membership(request), Action.EDIT_SCORECARD)
    team = get_team_for(membership, pk)
    data: dict[str, Any] = {
        k: request.POST.get(k, "")[:600] for k in _FORM_KEYS if k in request.POST
    }
    data["team"] = team.pk
    data["team_goals"] = request.POST.getlist("team_goals")[:20]
    if not data.get("seat"):
        data.pop("seat", None)
    try:
        m = services.create_measurable(actor=membership, data=data)
    except InputError as exc:
        return _refused(request, team, membership, "measurable", exc)
    messages.success(request, f"Added “{m.name}”.")
    return redirect("scorecards:setup", pk=team.pk)


@login_required
@require_POST
def link_goals(request: HttpRequest, pk: int, mid: int) -> HttpResponse:
    """Set which team goals a measurable serves (and its visibility)."""
    membership = require(current_membership(request), Action.EDIT_SCORECARD)
    team = get_team_for(membership, pk)
    m = get_measurable_for(membership, mid, Action.EDIT_SCORECARD)
    data: dict[str, Any] = {"team_goals": request.POST.getlist("team_goals")[:20]}
    if "visibility" in request.POST:
        data["visibility"] = request.POST.get("visibility", "")[:10]
    try:
        services.update_measurable(actor=membership, measurable=m, data=data)
    except InputError as exc:
        return _refused(request, team, membership, f"link-{m.pk}", exc)
    messages.success(request, f"Saved “{m.name}”.")
    return redirect("scorecards:setup", pk=team.pk)


@login_required
@require_POST
def edit_measurable(request: HttpRequest, pk: int, mid: int) -> HttpResponse:
    """Change a measurable's owner seat, goal or name, or archive it (history kept)."""
    membership = require(current_membership(request), Action.EDIT_SCORECARD)
    team = get_team_for(membership, pk)
    m = get_measurable_for(membership, mid, Action.EDIT_SCORECARD)
    data: dict[str, Any] = {
        k: request.POST.get(k, "")[:600]
        for k in ("name", "seat", "operator", "goal_low", "goal_high")
        if k in request.POST
    }
    data["active"] = request.POST.get("active") == "on"
    if data.get("seat") == "":
        data["seat"] = None
    try:
        services.update_measurable(actor=membership, measurable=m, data=data)
    except InputError as exc:
        return _refused(request, team, membership, f"edit-{m.pk}", exc)
    messages.success(request, f"Saved “{m.name}”.")
    return redirect("scorecards:setup", pk=team.pk)


@login_required
@require_POST
def goal_override(request: HttpRequest, pk: int, mid: int) -> HttpResponse:
    """A different goal for one week or month of a measurable, with a reason."""
    membership = require(current_membership(request), Action.EDIT_SCORECARD)
    team = get_team_for(membership, pk)
    m = get_measurable_for(membership, mid, Action.EDIT_SCORECARD)
    try:
        services.set_goal_override(
            actor=membership,
            measurable=m,
            period=request.POST.get("period", "")[:20],
            operator=request.POST.get("operator", "")[:10],
            goal_low=request.POST.get("goal_low", "")[:40],
            goal_high=request.POST.get("goal_high", "")[:40],
            reason=request.POST.get("reason", "")[:301],
        )
    except InputError as exc:
        return _refused(request, team, membership, f"override-{m.pk}", exc)
    messages.success(request, f"Goal override saved for “{m.name}”.")
    return redirect("scorecards:setup", pk=team.pk)


@login_required
@require_POST
def add_goal(request: HttpRequest, pk: int) -> HttpResponse:
    """Add a team goal."""
    membership = require(current_membership(request), Action.EDIT_SCORECARD)
    team = get_team_for(membership, pk)
    data = {k: request.POST.get(k, "")[:400] for k in ("name", "target", "due")}
    data["team"] = str(team.pk)
    try:
        services.create_team_goal(actor=membership, data=data)
    except InputError as exc:
        return _refused(request, team, membership, "goal", exc)
    messages.success(request, "Team goal added.")
    return redirect("scorecards:setup", pk=team.pk)


@login_required
@require_POST
def add_priority(request: HttpRequest, pk: int) -> HttpResponse:
    """Add a 90-day priority."""
    membership = require(current_membership(request), Action.EDIT_SCORECARD)
    team = get_team_for(membership, pk)
    data: dict[str, Any] = {
        k: request.POST.get(k, "")[:4000]
        for k in ("title", "description", "due", "seat", "team_goal")
    }
    data["team"] = team.pk
    for key in ("seat", "team_goal"):
        if not data.get(key):
            data.pop(key, None)
    try:
        services.create_priority(actor=membership, data=data)
    except InputError as exc:
        return _refused(request, team, membership, "priority", exc)
    messages.success(request, "Priority added.")
    return redirect("scorecards:setup", pk=team.pk)


@login_required
@require_POST
def priority_status(request: HttpRequest, pk: int, pid: int) -> HttpResponse:
    """Change a priority's status (its owner, or a manager)."""
    membership = require(current_membership(request), Action.VIEW)
    team = get_team_for(membership, pk)
    p = get_priority_for(membership, pid)
    try:
        services.update_priority(
            actor=membership, priority=p, data={"status": request.POST.get("status", "")[:12]}
        )
    except InputError as exc:
        return _refused(request, team, membership, f"priority-{p.pk}", exc)
    target = "scorecards:team" if request.POST.get("next") == "team" else "scorecards:setup"
    return redirect(target, pk=team.pk)


@login_required
@require_POST
def add_milestone(request: HttpRequest, pk: int, pid: int) -> HttpResponse:
    """Add a milestone to a priority."""
    membership = require(current_membership(request), Action.EDIT_SCORECARD)
    team = get_team_for(membership, pk)
    p = get_priority_for(membership, pid)
    try:
        services.add_milestone(
            actor=membership,
            priority=p,
            data={k: request.POST.get(k, "")[:200] for k in ("title", "due")},
        )
    except InputError as exc:
        return _refused(request, team, membership, f"milestone-{p.pk}", exc)
    return redirect("scorecards:setup", pk=team.pk)


@login_required
@require_POST
def milestone_done(request: HttpRequest, pk: int, mid: int) -> HttpResponse:
    """Tick a milestone done (or not done again)."""
    membership = require(current_membership(request), Action.EDIT_SCORECARD)
    team = get_team_for(membership, pk)
    milestone = get_milestone_for(membership, mid, Action.EDIT_SCORECARD)
    services.update_milestone(
        actor=membership, milestone=milestone, data={"done": request.POST.get("done") == "on"}
    )
    return redirect("scorecards:setup", pk=team.pk)


@login_required
@require_GET
def library_page(request: HttpRequest) -> HttpResponse:
    """The measurable library, per field of practice."""
    require(current_membership(request), Action.VIEW)
    signs = {o.value: sc.OPERATOR_SIGNS[o] for o in sc.Operator}
    return render(request, "scorecards/library.html", {"library": library(), "signs": signs})
