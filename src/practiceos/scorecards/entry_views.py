"""Entering numbers in the browser: the keyboard grid (htmx saves each cell as you leave
it; a pasted block is saved at once) and CSV / Excel uploads with a preview.

The grid's behaviour (arrows, enter, paste) is ``static/scorecards/grid.js``: no inline
script or handler, so a strict content security policy holds. Without JavaScript the
grid is a plain form with a Save button. Every save goes through
``services.save_numbers``: idempotent, all or nothing, every bad cell named.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from practiceos.core import scorecard as sc
from practiceos.core.problems import InputError, Problem
from practiceos.core.roster.reading import read_grid
from practiceos.core.scorecard_entry import (
    CleanEntry,
    RawEntry,
    entries_from_grid,
    period_of_header,
)
from practiceos.jobs.models import JobKind
from practiceos.jobs.services import start_job
from practiceos.org.access import get_team_for
from practiceos.org.models import Team
from practiceos.scorecards import services, uploads
from practiceos.scorecards.access import get_measurable_for
from practiceos.scorecards.models import Measurable, MeasurableValue
from practiceos.scorecards.reading import goal_of, owners_by_seat, role_facts, team_measurables
from practiceos.scorecards.views import chosen_week
from practiceos.tenancy.access import require
from practiceos.tenancy.current import current_membership
from practiceos.tenancy.models import Membership
from practiceos.tenancy.permissions import Action
from practiceos.web.htmx import is_htmx

GRID_WEEKS = 4
GRID_MONTHS = 3
MAX_UPLOAD = 5 * 2**20
PREVIEW_ROWS = 200


@dataclass
class GridCell:
    """One input of the grid: its measurable, period, shown text and status."""

    measurable: Measurable
    period: dt.date
    text: str
    status: str
    error: str = ""

    @property
    def name(self) -> str:
        """The form field name: ``cell:<measurable id>:<period>``."""
        return f"cell:{self.measurable.pk}:{self.period.isoformat()}"

    @property
    def label(self) -> str:
        """What a screen reader says for the input."""
        return f"{self.measurable.name}, {sc.period_label(self.period, sc.Cadence(self.measurable.cadence))}"


@dataclass
class GridRow:
    """One measurable's row of inputs."""

    measurable: Measurable
    owner: str
    goal: str
    cells: list[GridCell]


def _grid(
    team: Team,
    membership: Membership,
    week: dt.date,
    entered: dict[str, str] | None = None,
    errors: dict[str, str] | None = None,
) -> dict[str, Any]:
    """The grid's rows for the weeks (and months) ending with ``week`` (4 queries)."""
    items = [m for m in team_measurables(team, membership) if not m.formula]
    weeks = sc.trailing_periods(week, GRID_WEEKS, sc.Cadence.WEEKLY)
    months = sc.trailing_periods(week, GRID_MONTHS, sc.Cadence.MONTHLY)
    first = min(weeks[0], months[0])
    stored: dict[tuple[int, dt.date], Decimal] = {
        (mid, period): value
        for mid, period, value in MeasurableValue.objects.filter(
            practice_id=team.practice_id,
            measurable_id__in=[m.pk for m in items],
            period__gte=first,
            period__lte=week + dt.timedelta(days=6),
        ).values_list("measurable_id", "period", "value")
    }
    owners = owners_by_seat(m.seat_id for m in items if m.seat_id)
    roles = role_facts(m.seat_id for m in items if m.seat_id)
    entered, errors = entered or {}, errors or {}
    weekly: list[GridRow] = []
    monthly: list[GridRow] = []
    for m in items:
        name, level = owners.get(m.seat_id or 0, ("vacant" if m.seat_id else "no owner", ""))
        role = roles.get(m.seat_id or 0)
        goal = goal_of(m, level, role)
        hours = role.hours if role is not None else None
        periods = weeks if m.cadence == sc.Cadence.WEEKLY else months
        cells = []
        for period in periods:
            value = stored.get((m.pk, period))
            status = goal.status(sc.normalised(value, m.normalise, hours)).value
            cell = GridCell(m, period, sc.format_number(value), status)
            if cell.name in entered:
                cell.text = entered[cell.name][:40]
            cell.error = errors.get(cell.name, "")
            cells.append(cell)
        row = GridRow(m, name, goal.text(), cells)
        (weekly if m.cadence == sc.Cadence.WEEKLY else monthly).append(row)
    return {
        "team": team,
        "weeks": weeks,
        "months": months,
        "weekly": weekly,
        "monthly": monthly,
        "week": week,
        "week_label": sc.week_label(week),
        "prev_week": sc.week_label(week - dt.timedelta(weeks=1)),
        "next_week": sc.week_label(week + dt.timedelta(weeks=1)),
    }


def _cells_from_post(request: HttpRequest) -> tuple[list[RawEntry], dict[str, str]]:
    """Raw entries from the grid's ``cell:<id>:<period>`` fields (at most 2,000)."""
    raw: list[RawEntry] = []
    entered: dict[str, str] = {}
    for key in list(request.POST.keys())[:2000]:
        if not key.startswith("cell:"):
            continue
        parts = key.split(":")
        if len(parts) != 3:
            continue
        value = request.POST.get(key, "")[:40]
        entered[key] = value
        raw.append(RawEntry(key, parts[1], parts[2], value))
    return raw, entered


def _errors_by_cell(problems: list[Problem]) -> dict[str, str]:
    return {p.where: p.message for p in problems}


@login_required
@require_http_methods(["GET", "POST"])
def enter(request: HttpRequest, pk: int) -> HttpResponse:
    """The keyboard grid for a team's numbers (GET), or save the whole grid (POST).

    A POST saves every cell at once (a pasted block, or the Save button without
    JavaScript); bad cells come back marked with their message and nothing is saved.
    """
    membership = require(current_membership(request), Action.VIEW)
    team = get_team_for(membership, pk)
    week = chosen_week(request) if request.method == "GET" else _posted_week(request)
    status = 200
    if request.method == "POST":
        require(membership, Action.EDIT_NUMBERS)
        raw, entered = _cells_from_post(request)
        try:
            result = services.save_numbers(actor=membership, entries=raw, note="grid")
        except InputError as exc:
            context = _grid(team, membership, week, entered, _errors_by_cell(exc.problems))
            context["problems"] = exc.problems
            status = 422 if not is_htmx(request) else 200
        else:
            context = _grid(team, membership, week)
            context["saved"] = result
            if not is_htmx(request):
                messages.success(request, f"Saved: {result.changed} number(s) changed.")
                return redirect(f"{request.path}?week={sc.week_label(week)}")
    else:
        require(membership, Action.EDIT_NUMBERS)
        context = _grid(team, membership, week)
    template = "scorecards/htmx/grid.html" if is_htmx(request) else "scorecards/enter.html"
    return render(request, template, context, status=status)


def _posted_week(request: HttpRequest) -> dt.date:
    raw = request.POST.get("week", "")[:20]
    try:
        day = sc.parse_period(raw, sc.Cadence.WEEKLY)
    except ValueError:
        return sc.week_start(dt.date.today())
    return day if 1900 <= day.year <= 2200 else sc.week_start(dt.date.today())


@login_required
@require_POST
def save_cell(request: HttpRequest, pk: int) -> HttpResponse:
    """Save one grid cell (htmx, as the cursor leaves it); answers the cell re-drawn.

    The cell is named by ``measurable`` and ``period``; its value is the form's
    ``cell:<measurable>:<period>`` field. A refused value comes back in the cell with
    its message (status 200 so htmx shows it); nothing is saved.
    """
    membership = require(current_membership(request), Action.EDIT_NUMBERS)
    team = get_team_for(membership, pk)
    mid = request.POST.get("measurable", "")[:20]
    period = request.POST.get("period", "")[:20]
    key = f"cell:{mid}:{period}"
    value = request.POST.get(key, "")[:40]
    # Through the access helper: a private measurable outside the caller's chain is a 404.
    m = get_measurable_for(membership, mid if mid.isdigit() else 0)
    if m.team_id != team.pk:
        raise Http404("No such measurable on this team")
    error = ""
    try:
        services.save_numbers(
            actor=membership, entries=[RawEntry(key, m.pk, period, value)], note="grid"
        )
    except InputError as exc:
        error = "; ".join(p.message for p in exc.problems)
    try:
        start = sc.parse_period(period, sc.Cadence(m.cadence))
    except ValueError:
        raise Http404("No such period") from None
    owners = owners_by_seat([m.seat_id] if m.seat_id else [])
    level = owners.get(m.seat_id or 0, ("", ""))[1]
    role = role_facts([m.seat_id] if m.seat_id else []).get(m.seat_id or 0)
    stored = (
        MeasurableValue.objects.filter(measurable=m, period=start)
        .values_list("value", flat=True)
        .first()
    )
    shown = sc.normalised(stored, m.normalise, role.hours if role else None)
    cell = GridCell(m, start, sc.format_number(stored), goal_of(m, level, role).status(shown).value)
    if error:
        cell.text, cell.error = value, error
    return render(request, "scorecards/htmx/grid_cell.html", {"cell": cell, "team": team})


# ---- uploads ----------------------------------------------------------------------------------


def read_upload_entries(data: bytes, filename: str) -> list[RawEntry]:
    """Raw entries from an uploaded CSV or XLSX file (long or wide), or InputError."""
    grid = read_grid(data, filename)
    headers = [period_of_header(h) for h in grid.headers]
    rows = [(row.number, list(row.cells)) for row in grid.rows]
    raw, problems = entries_from_grid(headers, rows)
    if problems:
        raise InputError(problems)
    return raw


@dataclass
class PreviewLine:
    """One entry of an upload as the preview shows it."""

    where: str
    measurable: str
    period: str
    value: str
    change: str  # "new", "changed from X", "same", "clears X"


def _preview(
    membership: Membership, clean: list[CleanEntry]
) -> tuple[list[PreviewLine], dict[str, int]]:
    """What saving ``clean`` would do, per entry (2 queries)."""
    ids = {e.measurable_id for e in clean}
    names = dict(Measurable.objects.filter(pk__in=ids).values_list("pk", "name"))
    cadences = dict(Measurable.objects.filter(pk__in=ids).values_list("pk", "cadence"))
    periods = [e.period for e in clean]
    stored = {
        (mid, period): value
        for mid, period, value in MeasurableValue.objects.filter(
            practice_id=membership.practice_id,
            measurable_id__in=ids,
            period__gte=min(periods),
            period__lte=max(periods),
        ).values_list("measurable_id", "period", "value")
    }
    counts = {"new": 0, "changed": 0, "same": 0, "cleared": 0}
    lines: list[PreviewLine] = []
    for e in clean:
        before = stored.get((e.measurable_id, e.period))
        if e.value is None:
            change = "same" if before is None else f"clears {sc.format_number(before)}"
            counts["same" if before is None else "cleared"] += 1
        elif before is None:
            change = "new"
            counts["new"] += 1
        elif before == e.value:
            change = "same"
            counts["same"] += 1
        else:
            change = f"changed from {sc.format_number(before)}"
            counts["changed"] += 1
        if len(lines) < PREVIEW_ROWS:
            lines.append(
                PreviewLine(
                    e.where,
                    names.get(e.measurable_id, "?"),
                    sc.period_label(e.period, sc.Cadence(cadences.get(e.measurable_id, "weekly"))),
                    sc.format_number(e.value),
                    change,
                )
            )
    return lines, counts


@login_required
@require_http_methods(["GET", "POST"])
def upload(request: HttpRequest) -> HttpResponse:
    """Upload numbers from CSV or Excel: check every cell, then show a preview to confirm.

    Nothing is written until the preview is confirmed; a file with any bad cell is
    refused with every problem listed (row or cell, value, what is accepted).
    """
    membership = require(current_membership(request), Action.EDIT_NUMBERS)
    context: dict[str, Any] = {"max_mb": MAX_UPLOAD // 2**20}
    if request.method == "GET":
        return render(request, "scorecards/upload.html", context)
    file = request.FILES.get("file")
    if file is None:
        context["problems"] = [Problem("file", "choose a CSV or .xlsx file to upload")]
        return render(request, "scorecards/upload.html", context, status=422)
    if file.size is None or file.size > MAX_UPLOAD:
        context["problems"] = [
            Problem("file", f"is {(file.size or 0) // 2**20} MB; at most {MAX_UPLOAD // 2**20} MB")
        ]
        return render(request, "scorecards/upload.html", context, status=422)
    data = file.read(MAX_UPLOAD + 1)
    try:
        raw = read_upload_entries(data, file.name or "upload.csv")
        clean = services.check_numbers(membership, raw)
        if not clean:
            raise InputError([Problem("file", "has no numbers in it")])
    except InputError as exc:
        context["problems"] = exc.problems[:500]
        context["more_problems"] = max(0, len(exc.problems) - 500)
        context["filename"] = file.name
        return render(request, "scorecards/upload.html", context, status=422)
    token = uploads.keep(membership, data, file.name or "upload.csv")
    lines, counts = _preview(membership, clean)
    context.update(
        {
            "token": token,
            "filename": (file.name or "")[:200],
            "lines": lines,
            "counts": counts,
            "total": len(clean),
        }
    )
    return render(request, "scorecards/upload_preview.html", context)


@login_required
@require_POST
def upload_confirm(request: HttpRequest) -> HttpResponse:
    """Queue the save of a previewed upload as a job (a worker writes the numbers, all or
    nothing) and go to its progress page. The file is checked again first, cheaply, so a
    problem that appeared since the preview is shown here at once (422, nothing queued);
    the job checks once more when it runs."""
    membership = require(current_membership(request), Action.EDIT_NUMBERS)
    token = request.POST.get("token", "")[:64]
    data = uploads.read(membership.practice_id, membership.user_id, token)
    if data is None:
        raise Http404("This upload expired; upload the file again")
    filename = request.POST.get("filename", "upload.csv")[:200]
    try:
        services.check_numbers(membership, read_upload_entries(data, filename))
        job = start_job(
            actor=membership,
            kind=JobKind.SCORECARD_UPLOAD,
            params={"token": token, "filename": filename},
        )
    except InputError as exc:
        # Refused: nothing changes (the kept file goes with the daily purge).
        return render(
            request, "scorecards/upload.html", {"problems": exc.problems[:500]}, status=422
        )
    return redirect("jobs:job", pk=job.pk)
