"""Scenario pages: the list, the comparison page with hand edits, "try in a scenario"
from the health report, and the scenario as an org file (thin views over ``services``).

Every view finds the caller's membership first; scenarios come through
``scenarios.access`` so another practice's scenario is a 404. Refused input comes back
on the same page with status 422 and each problem beside its field; nothing is saved.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.text import slugify
from django.views.decorators.http import require_GET, require_POST

from practiceos.core.orgfile import dump_org
from practiceos.core.problems import InputError, Problem
from practiceos.core.scenario_compare import compare, namer_for
from practiceos.core.scenario_merge import MergeResult
from practiceos.health.access import get_run_for, latest_run
from practiceos.scenarios import display, fixes, publishing, services
from practiceos.scenarios.access import EDIT, PUBLISH, get_scenario_for, scenarios_of
from practiceos.scenarios.forms import HAND_ACTIONS, changes_from_form
from practiceos.scenarios.models import Scenario
from practiceos.tenancy.access import require
from practiceos.tenancy.current import current_membership
from practiceos.tenancy.models import Membership
from practiceos.tenancy.permissions import Action, allows
from practiceos.web.htmx import render_page_or_fragment

#: Seat and people names offered as suggestions in the edit form.
SUGGESTIONS = 1000
#: Changes listed on the page before "and N more".
CHANGES_SHOWN = 300
#: Locations listed in the headcount table before only changed ones are.
LOCATION_ROWS = 30


def _problems(exc: InputError) -> list[Problem]:
    return list(exc.problems)


@login_required
@require_GET
def scenario_list(request: HttpRequest) -> HttpResponse:
    """The practice's scenarios (drafts first) and a form to start one. One query."""
    membership = require(current_membership(request), Action.VIEW)
    return _list(request, membership)


def _list(
    request: HttpRequest,
    membership: Membership,
    problems: list[Problem] | None = None,
    status: int = 200,
) -> HttpResponse:
    scenarios = list(scenarios_of(membership))
    scenarios.sort(key=lambda s: (s.status != "draft", -s.updated_at.timestamp()))
    return render(
        request,
        "scenarios/list.html",
        {
            "scenarios": scenarios,
            "can_edit": allows(membership.role, EDIT),
            "problems": problems or [],
            "entered": request.POST if problems else {},
        },
        status=status,
    )


@login_required
@require_POST
def scenario_create(request: HttpRequest) -> HttpResponse:
    """Start a new draft from today's chart."""
    membership = require(current_membership(request), EDIT)
    try:
        scenario = services.create_scenario(
            actor=membership, name=request.POST.get("name", ""), note=request.POST.get("note", "")
        )
    except InputError as exc:
        return _list(request, membership, _problems(exc), 422)
    messages.success(request, f'Scenario "{scenario.name}" started from today\'s chart.')
    return redirect("scenarios:detail", scenario.pk)


def _detail_context(membership: Membership, scenario: Scenario) -> dict[str, Any]:
    """Everything the comparison page shows. Queries: the snapshot (7); no more."""
    scenario.practice = membership.practice  # the row came with the membership
    context: dict[str, Any] = {
        "scenario": scenario,
        "can_edit": allows(membership.role, EDIT) and scenario.is_draft,
        "can_publish": allows(membership.role, PUBLISH) and scenario.is_draft,
        "hand_actions": HAND_ACTIONS,
        "kinds": display.KIND_LABELS,
        "summary": scenario.published_summary or {},
    }
    if not scenario.is_draft and scenario.status == "published":
        return context
    state = services.scenario_state(scenario)
    context["state"] = state
    if state.result is None:
        # The scenario no longer applies: still list its changes (named from today's
        # chart) so the one in the way can be taken out.
        namer = namer_for(state.today, state.today, state.changes)
        context["change_lines"] = list(enumerate(c.describe(namer) for c in state.changes))
        return context
    comparison = compare(state.today, state.result, state.changes)
    context.update(
        comparison=comparison,
        diff=comparison.diff,
        bars=display.score_bars(comparison),
        bars_height=40 * (len(comparison.areas) + 1),
        before_chart=display.chart_view(state.today, comparison.diff, "before"),
        after_chart=display.chart_view(state.result, comparison.diff, "after"),
        headcount_tables=[
            ("By seat kind", comparison.diff.by_kind),
            ("By location", _rows(comparison.diff.by_location)),
        ],
        change_lines=list(enumerate(comparison.change_lines))[:CHANGES_SHOWN],
        changes_more=max(0, len(comparison.change_lines) - CHANGES_SHOWN),
        seat_names=sorted(s.name for s in state.result.seats)[:SUGGESTIONS],
        people_names=sorted(p.name for p in state.result.people)[:SUGGESTIONS],
        location_names=sorted(loc.name for loc in state.result.locations),
    )
    return context


def _rows(rows: Any) -> list[Any]:
    """Every row of a short table; only the changed rows of a long one (a group's
    hundreds of locations)."""
    rows = list(rows)
    return rows if len(rows) <= LOCATION_ROWS else [r for r in rows if r.changed]


@login_required
@require_GET
def scenario_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """Today against the scenario: both charts, scores, findings, spans, headcount,
    the change list, and (for a draft) the hand-edit, publish and discard controls."""
    membership = require(current_membership(request), Action.VIEW)
    scenario = get_scenario_for(membership, pk)
    return render_page_or_fragment(
        request,
        "scenarios/detail.html",
        "scenarios/htmx/body.html",
        _detail_context(membership, scenario),
    )


def _refused(
    request: HttpRequest, membership: Membership, scenario: Scenario, exc: InputError
) -> HttpResponse:
    context = _detail_context(membership, scenario)
    context["problems"] = _problems(exc)
    context["entered"] = request.POST
    return render(request, "scenarios/detail.html", context, status=422)


@login_required
@require_POST
def scenario_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """A hand edit (move, create, close, assign, vacate), from the form or a chart drag."""
    membership = require(current_membership(request), Action.VIEW)
    scenario = get_scenario_for(membership, pk, EDIT)
    scenario.practice = membership.practice
    try:
        services._require_draft(scenario, "edited")
        state = services.scenario_state(scenario)
        if state.result is None:
            raise InputError(list(state.problems))
        changes = changes_from_form(request.POST, state.result)
        result = services.add_changes(actor=membership, scenario=scenario, changes=changes)
    except InputError as exc:
        return _refused(request, membership, scenario, exc)
    if result.merge.added:
        messages.success(request, "Change added to the scenario.")
    else:
        messages.info(
            request, "Nothing to add: " + "; ".join(s.reason for s in result.merge.skipped)
        )
    return redirect("scenarios:detail", scenario.pk)


@login_required
@require_POST
def scenario_undo(request: HttpRequest, pk: int, index: int) -> HttpResponse:
    """Take one change out of the scenario."""
    membership = require(current_membership(request), Action.VIEW)
    scenario = get_scenario_for(membership, pk, EDIT)
    scenario.practice = membership.practice
    try:
        services.remove_change(actor=membership, scenario=scenario, index=index)
    except InputError as exc:
        return _refused(request, membership, scenario, exc)
    messages.success(request, f"Change {index + 1} taken out of the scenario.")
    return redirect("scenarios:detail", scenario.pk)


@login_required
@require_POST
def scenario_settings(request: HttpRequest, pk: int) -> HttpResponse:
    """Rename the scenario or change its note."""
    membership = require(current_membership(request), Action.VIEW)
    scenario = get_scenario_for(membership, pk, EDIT)
    try:
        services.update_scenario(
            actor=membership,
            scenario=scenario,
            name=request.POST.get("name", ""),
            note=request.POST.get("note", ""),
        )
    except InputError as exc:
        return _refused(request, membership, scenario, exc)
    messages.success(request, "Scenario saved.")
    return redirect("scenarios:detail", scenario.pk)


@login_required
@require_POST
def scenario_discard(request: HttpRequest, pk: int) -> HttpResponse:
    """Set the draft aside."""
    membership = require(current_membership(request), Action.VIEW)
    scenario = get_scenario_for(membership, pk, EDIT)
    try:
        services.discard_scenario(actor=membership, scenario=scenario)
    except InputError as exc:
        return _refused(request, membership, scenario, exc)
    messages.success(request, f'Scenario "{scenario.name}" discarded; the live chart is unchanged.')
    return redirect("scenarios:list")


@login_required
@require_POST
def scenario_rebase(request: HttpRequest, pk: int) -> HttpResponse:
    """Accept today's chart as the scenario's base after the live chart changed."""
    membership = require(current_membership(request), Action.VIEW)
    scenario = get_scenario_for(membership, pk, EDIT)
    scenario.practice = membership.practice
    try:
        publishing.rebase_scenario(actor=membership, scenario=scenario)
    except InputError as exc:
        return _refused(request, membership, scenario, exc)
    messages.success(request, "The scenario now starts from today's chart.")
    return redirect("scenarios:detail", scenario.pk)


@login_required
@require_POST
def scenario_publish(request: HttpRequest, pk: int) -> HttpResponse:
    """Apply the scenario to the live chart (owners and admins), then re-run the check."""
    membership = require(current_membership(request), Action.VIEW)
    scenario = get_scenario_for(membership, pk, PUBLISH)
    scenario.practice = membership.practice
    try:
        published = publishing.publish_scenario(actor=membership, scenario=scenario)
    except InputError as exc:
        return _refused(request, membership, scenario, exc)
    note = (
        " The live chart had changed elsewhere; the scenario was applied to today's chart."
        if published.rebased
        else ""
    )
    messages.success(
        request,
        f'Published "{scenario.name}": {"; ".join(published.summary.lines())}. '
        f"The health check ran again: score {published.score}.{note}",
    )
    return redirect("scenarios:detail", scenario.pk)


@login_required
@require_POST
def scenario_more_fixes(request: HttpRequest, pk: int) -> HttpResponse:
    """Add every fix the health check proposes for the scenario's own chart."""
    membership = require(current_membership(request), Action.VIEW)
    scenario = get_scenario_for(membership, pk, EDIT)
    scenario.practice = membership.practice
    try:
        result = fixes.try_remaining_fixes(actor=membership, scenario=scenario)
    except InputError as exc:
        return _refused(request, membership, scenario, exc)
    skipped = f"; {len(result.merge.skipped)} left out" if result.merge.skipped else ""
    messages.success(request, f"{result.merge.added} changes added{skipped}.")
    _warn_loops(request, result.merge)
    return redirect("scenarios:detail", scenario.pk)


def _warn_loops(request: HttpRequest, merge: MergeResult) -> None:
    """Say which fix was left out because, with the fixes before it, it would close a
    reporting cycle (``core.scenario_merge.merge_fixes``): the one left-out reason a
    person needs to read, since the next round proposes a fix that fits."""
    loops = {s.reason.split(": ", 1)[-1] for s in merge.skipped if "reporting cycle" in s.reason}
    for why in sorted(loops)[:3]:
        messages.warning(
            request,
            f"A fix was left out whole: {why}. Try the scenario's remaining fixes for one "
            "that fits.",
        )


@login_required
@require_GET
def scenario_export(request: HttpRequest, pk: int) -> HttpResponse:
    """The scenario's chart as an org file (``practiceos check`` / ``practiceos load``)."""
    membership = require(current_membership(request), Action.VIEW)
    scenario = get_scenario_for(membership, pk)
    scenario.practice = membership.practice
    state = services.scenario_state(scenario)
    if state.result is None:
        return _refused(request, membership, scenario, InputError(list(state.problems)))
    response = HttpResponse(dump_org(state.result), content_type="application/yaml; charset=utf-8")
    name = slugify(scenario.name) or f"scenario-{scenario.pk}"
    response["Content-Disposition"] = f'attachment; filename="{name}.yaml"'
    return response


@login_required
@require_POST
def try_fixes(request: HttpRequest) -> HttpResponse:
    """ "Try in a scenario" from the health report: one finding (``finding``), every
    finding of a rule (``rule``) or every fix (``all``), into a draft (``scenario``) or a
    new one."""
    membership = require(current_membership(request), EDIT)
    run_pk = request.POST.get("run", "")
    run = get_run_for(membership, run_pk) if run_pk else latest_run(membership)
    target = request.POST.get("scenario", "")
    try:
        if run is None:
            raise InputError([Problem("run", "no health check has been run yet; run it first")])
        scenario = get_scenario_for(membership, target, EDIT) if target else None
        finding = request.POST.get("finding", "")[:40] or None
        rule = request.POST.get("rule", "")[:60] or None
        result = fixes.try_fixes(
            actor=membership, run=run, scenario=scenario, finding=finding, rule=rule
        )
    except InputError as exc:
        for problem in exc.problems:
            messages.error(request, f"{problem.where}: {problem.message}")
        return redirect("health:report")
    merge = result.merge
    skipped = (
        f"; {len(merge.skipped)} left out (already there, in conflict or in a loop)"
        if merge.skipped
        else ""
    )
    messages.success(
        request, f"{merge.added} change{'s' if merge.added != 1 else ''} added{skipped}."
    )
    _warn_loops(request, merge)
    return redirect("scenarios:detail", result.scenario.pk)
