"""Roster import pages: upload → preview (every change and problem) → confirm → progress.

Thin views over ``roster.services``. The detail page is one view, page or fragment: while
the import runs the page polls its own URL with htmx and gets just the status fragment.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from practiceos.core.problems import InputError, Problem
from practiceos.core.roster.planning import CHANGE_LABELS, ChangeKind
from practiceos.roster import services
from practiceos.roster.access import get_import_for
from practiceos.roster.models import ImportStatus, RosterImport
from practiceos.tenancy.access import require
from practiceos.tenancy.current import current_membership
from practiceos.tenancy.permissions import Action
from practiceos.web.htmx import render_page_or_fragment

#: Problems listed on the page; all of them are in the plain-text download.
PROBLEMS_SHOWN = 500


@login_required
@require_http_methods(["GET", "POST"])
def upload(request: HttpRequest) -> HttpResponse:
    """The upload form; a good file is previewed and the browser goes to the preview."""
    membership = require(current_membership(request), Action.MANAGE_PRACTICE)
    context: dict[str, Any] = {
        "columns": "",
        "allow_unresolved": False,
        "max_mb": services.MAX_UPLOAD_BYTES // 2**20,
        "recent": RosterImport.objects.filter(practice_id=membership.practice_id)[:5],
    }
    if request.method == "GET":
        return render(request, "roster/upload.html", context)
    columns = request.POST.get("columns", "")
    allow = request.POST.get("allow_unresolved") in {"on", "true", "1"}
    only_here = request.POST.get("only_file_locations") in {"on", "true", "1"}
    context.update(columns=columns, allow_unresolved=allow, only_file_locations=only_here)
    uploaded = request.FILES.get("file")
    try:
        if uploaded is None:
            raise InputError([Problem("file", "no file chosen; choose a CSV or .xlsx export")])
        if uploaded.size is not None and uploaded.size > services.MAX_UPLOAD_BYTES:
            # Refused before reading 50 MB+ into memory.
            raise InputError(
                [
                    Problem(
                        "file",
                        f'"{uploaded.name}" is {uploaded.size / 2**20:.1f} MB; the limit is '
                        f"{services.MAX_UPLOAD_BYTES // 2**20} MB (export fewer columns, "
                        "or split the file)",
                    )
                ]
            )
        job = services.preview_import(
            actor=membership,
            filename=uploaded.name or "upload.csv",
            data=uploaded.read(),
            column_map_text=columns,
            allow_unresolved=allow,
            only_file_locations=only_here,
        )
    except InputError as exc:
        context["problems"] = exc.problems
        return render(request, "roster/upload.html", context, status=422)
    return redirect("roster:detail", pk=job.pk)


def _context(job: RosterImport) -> dict[str, Any]:
    summary = job.summary or {}
    people = summary.get("people", {})
    examples = summary.get("examples", {})
    kinds = [
        {
            "kind": kind.value,
            "label": CHANGE_LABELS[kind],
            "count": people.get(kind.value, 0),
            "examples": examples.get(kind.value, []),
        }
        for kind in ChangeKind
        if people.get(kind.value, 0)
    ]
    live = services.live_progress(job.pk) if job.status == ImportStatus.RUNNING else None
    stage, done, total = live if live is not None else (job.stage, job.done, job.total)
    return {
        "job": job,
        "kinds": kinds,
        "ending": summary.get("ending", {}),
        "created": {k: v for k, v in summary.get("created", {}).items() if v},
        "changed": {k: v for k, v in summary.get("changed", {}).items() if v},
        "problems": job.problems[:PROBLEMS_SHOWN],
        "more_problems": max(0, len(job.problems) - PROBLEMS_SHOWN),
        "warnings": job.warnings[:PROBLEMS_SHOWN],
        "stage": stage,
        "done": done,
        "total": total,
        "percent": min(100, round(100 * done / total)) if total else 0,
    }


@login_required
@require_GET
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    """An import: its preview, its progress while it runs, or its outcome (2 queries)."""
    job = get_import_for(current_membership(request), pk)
    return render_page_or_fragment(
        request, "roster/detail.html", "roster/htmx/status.html", _context(job)
    )


@login_required
@require_POST
def confirm(request: HttpRequest, pk: int) -> HttpResponse:
    """Start a previewed import; the page then shows its progress."""
    membership = current_membership(request)
    job = get_import_for(membership, pk)
    try:
        services.confirm_import(  # type: ignore[arg-type]
            actor=membership,
            job=job,
            end_missing=request.POST.get("end_missing") in {"on", "true", "1"},
        )
    except InputError as exc:
        context = _context(job)
        context["confirm_problems"] = exc.problems
        return render(request, "roster/detail.html", context, status=422)
    return redirect("roster:detail", pk=job.pk)


@login_required
@require_POST
def undo(request: HttpRequest, pk: int) -> HttpResponse:
    """Undo a finished import as one step; refused (with why) if anything newer touched it."""
    membership = current_membership(request)
    job = get_import_for(membership, pk)
    try:
        services.undo_import(actor=membership, job=job)  # type: ignore[arg-type]
    except InputError as exc:
        context = _context(job)
        context["confirm_problems"] = exc.problems
        return render(request, "roster/detail.html", context, status=422)
    return redirect("roster:detail", pk=job.pk)


@login_required
@require_GET
def problems(request: HttpRequest, pk: int) -> HttpResponse:
    """Every problem and warning of an import as plain text, one a line."""
    job = get_import_for(current_membership(request), pk)
    lines = [f"{job.filename}: {len(job.problems)} problem(s), {len(job.warnings)} warning(s)"]
    lines += [f"problem: {p['where']}: {p['message']}" for p in job.problems]
    lines += [f"warning: {p['where']}: {p['message']}" for p in job.warnings]
    response = HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="import-{job.pk}-problems.txt"'
    return response
