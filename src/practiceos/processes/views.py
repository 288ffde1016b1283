"""Core-process pages (thin views over ``processes.services``, ``.access`` and ``.reads``).

Views never save: writes go through the services. Every object is found through
``processes.access`` (another practice's is a 404). Each page runs a fixed number of
queries whatever the number of processes, versions or runs.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from practiceos.core.problems import InputError
from practiceos.core.processes import (
    MAX_STEPS,
    diff_steps,
    diff_summary,
    steps_from_json,
    template_library,
)
from practiceos.org.models import Seat
from practiceos.processes import reads, services
from practiceos.processes.access import get_process_for, get_run_for
from practiceos.processes.models import ChecklistRun, Process, ProcessVersion
from practiceos.tenancy.access import require
from practiceos.tenancy.current import current_membership
from practiceos.tenancy.permissions import Action, allows
from practiceos.web.htmx import render_page_or_fragment

#: Blank step rows the edit form offers beyond the current steps.
BLANK_ROWS = 3


def _errors(exc: InputError) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for problem in exc.problems:
        out.setdefault(problem.where.split("[")[0].split(".")[0], []).append(str(problem))
    return out


def _steps_posted(post: QueryDict) -> list[dict[str, str]]:
    """Step rows from the edit form (``step_text_N``/``step_seat_N``); empty rows dropped."""
    try:
        rows = min(int(post.get("rows", "0")), MAX_STEPS + BLANK_ROWS)
    except ValueError:
        rows = 0
    out = []
    for n in range(1, rows + 1):
        text = post.get(f"step_text_{n}", "").strip()
        seat = post.get(f"step_seat_{n}", "").strip()
        if text or seat:
            out.append({"text": text, "seat": seat})
    return out


def _measurables_posted(post: QueryDict) -> list[str]:
    """Measurable ids ticked on the edit form (bounded; the service checks them)."""
    return post.getlist("measurables")[:20]


def _seats(practice_id: int) -> list[Seat]:
    return list(Seat.objects.filter(practice_id=practice_id).order_by("name", "pk"))


@login_required
@require_GET
def index(request: HttpRequest) -> HttpResponse:
    """The practice's core processes and the template library to start from."""
    membership = require(current_membership(request), Action.VIEW)
    processes = reads.process_list(membership)
    context = {
        "processes": processes,
        "templates": template_library(),
        "seats": _seats(membership.practice_id),
        "may_edit": allows(membership.role, Action.EDIT_PROCESSES),
    }
    return render(request, "processes/index.html", context)


@login_required
@require_POST
def adopt(request: HttpRequest) -> HttpResponse:
    """Start a process from a library template."""
    membership = require(current_membership(request), Action.EDIT_PROCESSES)
    try:
        process = services.adopt_template(
            actor=membership,
            template_id=request.POST.get("template", ""),
            owner_seat=request.POST.get("owner_seat", ""),
        )
    except InputError as exc:
        for msgs in _errors(exc).values():
            for m in msgs:
                messages.error(request, m)
        return redirect("processes:index")
    messages.success(request, f'"{process.name}" started from the library: check its steps.')
    return redirect("processes:edit", pk=process.pk)


def _edit_context(
    membership: Any, process: Process | None, steps: list[dict[str, str]], posted: dict[str, Any]
) -> dict[str, Any]:
    rows = [*steps, *({"text": "", "seat": ""} for _ in range(BLANK_ROWS))]
    return {
        "process": process,
        "seats": _seats(membership.practice_id),
        "rows": [{"n": i + 1, **row} for i, row in enumerate(rows)],
        "row_count": len(rows),
        "posted": posted,
        "measurable_choices": reads.measurable_choices(membership.practice_id),
    }


@login_required
@require_http_methods(["GET", "POST"])
def new(request: HttpRequest) -> HttpResponse:
    """Document a process from scratch: name, owning seat, purpose, steps."""
    membership = require(current_membership(request), Action.EDIT_PROCESSES)
    errors: dict[str, list[str]] = {}
    posted: dict[str, Any] = {}
    steps: list[dict[str, str]] = []
    if request.method == "POST":
        steps = _steps_posted(request.POST)
        posted = {k: request.POST.get(k, "") for k in ("name", "owner_seat", "purpose")}
        posted["measurables"] = _measurables_posted(request.POST)
        try:
            process = services.create_process(
                actor=membership,
                data={**posted, "steps": steps, "measurables": _measurables_posted(request.POST)},
            )
        except InputError as exc:
            errors = _errors(exc)
        else:
            messages.success(request, f'"{process.name}" documented.')
            return redirect("processes:process", pk=process.pk)
    context = _edit_context(membership, None, steps, posted) | {"errors": errors}
    return render(request, "processes/edit.html", context, status=422 if errors else 200)


@login_required
@require_http_methods(["GET", "POST"])
def edit(request: HttpRequest, pk: int) -> HttpResponse:
    """Edit a process: a change to its steps is saved as a new version."""
    membership = current_membership(request)
    process = get_process_for(membership, pk, Action.EDIT_PROCESSES)
    assert membership is not None
    errors: dict[str, list[str]] = {}
    current = ProcessVersion.objects.filter(process=process, number=process.current).first()
    steps = [s.to_dict() for s in steps_from_json(current.steps if current else [])]
    chosen = [str(m) for m in (current.measurables if current else [])]
    posted: dict[str, Any] = {
        "name": process.name,
        "owner_seat": str(process.owner_seat_id or ""),
        "purpose": process.purpose,
        "status": process.status,
        "measurables": chosen,
    }
    if request.method == "POST":
        steps = _steps_posted(request.POST)
        posted = {
            k: request.POST.get(k, "") for k in ("name", "owner_seat", "purpose", "status", "note")
        } | {"measurables": _measurables_posted(request.POST)}
        try:
            services.update_process(
                actor=membership,
                process=process,
                data={**posted, "steps": steps, "measurables": _measurables_posted(request.POST)},
            )
        except InputError as exc:
            errors = _errors(exc)
            process.refresh_from_db()
        else:
            messages.success(request, f'"{process.name}" saved.')
            return redirect("processes:process", pk=process.pk)
    context = _edit_context(membership, process, steps, posted) | {"errors": errors}
    return render(request, "processes/edit.html", context, status=422 if errors else 200)


@login_required
@require_GET
def process(request: HttpRequest, pk: int) -> HttpResponse:
    """One process: its steps with owners, versions with a diff, runs, completion, review."""
    membership = current_membership(request)
    obj = get_process_for(membership, pk)
    assert membership is not None
    names = reads.seat_names(membership.practice_id)
    versions = list(
        ProcessVersion.objects.filter(process=obj).select_related("created_by").order_by("-number")
    )
    by_number = {v.number: v for v in versions}
    current = by_number.get(obj.current)
    steps = reads.step_views(steps_from_json(current.steps if current else []), names)
    measurables = reads.measurable_names(
        membership.practice_id, list(current.measurables) if current else []
    )

    def _num(key: str, default: int) -> int:
        try:
            return int(request.GET.get(key, default))
        except ValueError:
            return default

    b = _num("b", obj.current)
    a = _num("a", b - 1)
    diff = None
    if a in by_number and b in by_number and a != b:
        diff = diff_steps(
            steps_from_json(by_number[a].steps), steps_from_json(by_number[b].steps), names
        )
    runs = list(
        ChecklistRun.objects.filter(process=obj).select_related("started_by", "version")[:20]
    )
    months = reads.completion(obj)[-12:]
    # One bar per month, drawn server-side: height is the share of runs completed.
    bars = [
        {"x": i * 10, "y": 52 - m.percent // 2, "h": max(m.percent // 2, 1), "m": m}
        for i, m in enumerate(months)
    ]
    context = {
        "process": obj,
        "steps": steps,
        "measurables": measurables,
        "versions": versions,
        "diff": diff,
        "diff_summary": diff_summary(diff) if diff is not None else "",
        "a": a,
        "b": b,
        "runs": runs,
        "months": months,
        "bars": bars,
        "chart_width": max(len(bars) * 10, 10),
        "may_edit": allows(membership.role, Action.EDIT_PROCESSES),
        "may_run": allows(membership.role, Action.RUN_CHECKLISTS),
    }
    return render(request, "processes/process.html", context)


@login_required
@require_POST
def review(request: HttpRequest, pk: int) -> HttpResponse:
    """Record a review of the process with the people who run it."""
    membership = current_membership(request)
    obj = get_process_for(membership, pk, Action.EDIT_PROCESSES)
    assert membership is not None
    data = {k: request.POST.get(k, "") for k in ("reviewed_on", "followed", "note")}
    try:
        services.record_review(actor=membership, process=obj, data=data)
    except InputError as exc:
        for msgs in _errors(exc).values():
            for m in msgs:
                messages.error(request, m)
    else:
        messages.success(request, "Review recorded.")
    return redirect("processes:process", pk=obj.pk)


@login_required
@require_POST
def run_start(request: HttpRequest, pk: int) -> HttpResponse:
    """Start the process as a checklist (for whom or what: ``subject``)."""
    membership = current_membership(request)
    obj = get_process_for(membership, pk, Action.RUN_CHECKLISTS)
    assert membership is not None
    try:
        run = services.start_run(
            actor=membership, process=obj, subject=request.POST.get("subject", "")
        )
    except InputError as exc:
        for msgs in _errors(exc).values():
            for m in msgs:
                messages.error(request, m)
        return redirect("processes:process", pk=obj.pk)
    return redirect("processes:run", pk=run.pk)


def _run_context(membership: Any, run: ChecklistRun) -> dict[str, Any]:
    return {
        "run": run,
        "rows": reads.run_steps(run, reads.seat_names(membership.practice_id)),
        "may_run": allows(membership.role, Action.RUN_CHECKLISTS),
    }


@login_required
@require_GET
def run(request: HttpRequest, pk: int) -> HttpResponse:
    """A checklist run: each step, who ticked it and when."""
    membership = current_membership(request)
    obj = get_run_for(membership, pk)
    return render(request, "processes/run.html", _run_context(membership, obj))


@login_required
@require_POST
def tick(request: HttpRequest, pk: int) -> HttpResponse:
    """Tick (or untick) one step of a run; htmx gets the checklist back as a fragment."""
    membership = current_membership(request)
    obj = get_run_for(membership, pk, Action.RUN_CHECKLISTS)
    assert membership is not None
    status = 200
    error = ""
    try:
        services.tick_step(
            actor=membership,
            run=obj,
            step=request.POST.get("step", ""),
            done=request.POST.get("done", "1") != "0",
        )
    except InputError as exc:
        error = "; ".join(str(p) for p in exc.problems)
        status = 422
    context = _run_context(membership, obj) | {"error": error}
    return render_page_or_fragment(
        request, "processes/run.html", "processes/htmx/checklist.html", context, status=status
    )
