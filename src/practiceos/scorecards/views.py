"""Reading numbers in the browser: the teams' scorecards, the practice roll-up, CSV export.

Thin views: each finds the caller's membership, fetches the team through its access
helper and reads through :mod:`practiceos.scorecards.reading` (fixed queries at any size).
"""

from __future__ import annotations

import csv
import datetime as dt
from typing import Any

from django.contrib.auth.decorators import login_required
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.text import slugify
from django.views.decorators.http import require_GET

from practiceos.core import scorecard as sc
from practiceos.org.access import get_team_for
from practiceos.org.models import Team
from practiceos.scorecards import rollup
from practiceos.scorecards.models import TeamGoal
from practiceos.scorecards.reading import team_priorities, team_scorecard
from practiceos.scorecards.render import row_views
from practiceos.tenancy.access import require
from practiceos.tenancy.current import current_membership
from practiceos.tenancy.permissions import Action, allows
from practiceos.web.htmx import render_page_or_fragment


def chosen_week(request: HttpRequest, today: dt.date | None = None) -> dt.date:
    """The Monday of ``?week=`` (``2026-W05`` or a date); this week when absent or bad."""
    raw = request.GET.get("week", "")[:20]
    if raw:
        try:
            day = sc.parse_period(raw, sc.Cadence.WEEKLY)
            if 1900 <= day.year <= 2200:
                return day
        except ValueError:
            pass
    return sc.week_start(today or dt.date.today())


def chosen_window(request: HttpRequest) -> int:
    """``?weeks=`` as one of 4, 13 or 52 (13 otherwise)."""
    raw = request.GET.get("weeks", "")
    return int(raw) if raw in {"4", "13", "52"} else 13


@login_required
@require_GET
def index(request: HttpRequest) -> HttpResponse:
    """Every team with how many measurables, goals and open priorities it has (2 queries)."""
    membership = require(current_membership(request), Action.VIEW)
    teams = (
        Team.objects.filter(practice_id=membership.practice_id)
        .annotate(
            n_measurables=Count("measurables", filter=Q(measurables__active=True), distinct=True),
            n_goals=Count("team_goals", distinct=True),
            n_priorities=Count(
                "priorities",
                filter=Q(priorities__status__in=["on_track", "off_track"]),
                distinct=True,
            ),
        )
        .order_by("name")[:500]
    )
    return render(request, "scorecards/index.html", {"teams": teams})


@login_required
@require_GET
def scorecard(request: HttpRequest, pk: int) -> HttpResponse:
    """A team's scorecard: trailing 4/13/52 weeks, green/red, sparklines, alerts, totals.

    Also the team's goals and open priorities. A fixed number of queries (pinned in
    tests at two sizes).
    """
    membership = require(current_membership(request), Action.VIEW)
    team = get_team_for(membership, pk)
    week = chosen_week(request)
    weeks = chosen_window(request)
    card = team_scorecard(team, week, weeks=weeks, viewer=membership)
    context: dict[str, Any] = {
        "team": team,
        "card": card,
        "rows": row_views(card.rows, len(card.weeks)),
        "week": week,
        "week_label": sc.week_label(week),
        "prev_week": sc.week_label(week - dt.timedelta(weeks=1)),
        "next_week": sc.week_label(week + dt.timedelta(weeks=1)),
        "weeks": weeks,
        "windows": sc.WINDOWS,
        "goals": list(TeamGoal.objects.filter(team=team).order_by("position", "id")),
        "priorities": team_priorities(team),
        "can_enter": allows(membership.role, Action.EDIT_NUMBERS),
        "can_edit": allows(membership.role, Action.EDIT_SCORECARD),
        "red_count": len(card.red),
    }
    return render_page_or_fragment(
        request, "scorecards/scorecard.html", "scorecards/htmx/scorecard_table.html", context
    )


@login_required
@require_GET
def export_csv(request: HttpRequest, pk: int) -> HttpResponse:
    """The team's scorecard as CSV: one row per measurable, one column per period.

    Missing numbers are empty cells (never 0); the status of the latest period and the
    window's total and average close each row.
    """
    membership = require(current_membership(request), Action.VIEW)
    team = get_team_for(membership, pk)
    week = chosen_week(request)
    card = team_scorecard(team, week, weeks=chosen_window(request), viewer=membership)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    name = slugify(team.name) or "team"
    response["Content-Disposition"] = (
        f'attachment; filename="scorecard-{name}-{sc.week_label(week)}.csv"'
    )
    writer = csv.writer(response)
    writer.writerow(
        ["measurable", "key", "owner", "goal"]
        + [sc.week_label(w) for w in card.weeks]
        + ["status", "total", "average"]
    )
    for row in card.rows:
        by_period = {c.period: c.value for c in row.cells}
        cadence = sc.Cadence(row.measurable.cadence)
        writer.writerow(
            [_safe(row.measurable.name), row.measurable.key, _safe(row.owner), row.goal.text()]
            + [
                sc.format_number(by_period.get(sc.period_start(w, cadence)))
                if cadence is sc.Cadence.MONTHLY
                else sc.format_number(by_period.get(w))
                for w in card.weeks
            ]
            + [
                row.status.value,
                sc.format_number(row.summary.total),
                sc.format_number(row.summary.average),
            ]
        )
    return response


def _safe(text: str) -> str:
    """Text for a CSV cell that a spreadsheet will not run as a formula."""
    return "'" + text if text[:1] in ("=", "+", "-", "@") else text


@login_required
@require_GET
def rollup_page(request: HttpRequest) -> HttpResponse:
    """The practice roll-up: one measurable across every location (or team), weakest first.

    ``?kind=`` picks the measurable (library entry or name); ``?by=team`` groups by team.
    Sites with no number are listed as missing, never counted as zero.
    """
    membership = require(current_membership(request), Action.VIEW)
    week = chosen_week(request)
    kinds = rollup.kinds(membership.practice_id)
    chosen = request.GET.get("kind", "")[:200]
    if chosen not in {k.ref for k in kinds}:
        chosen = kinds[0].ref if kinds else ""
    by = "team" if request.GET.get("by") == "team" else "location"
    result = rollup.roll_up_kind(membership.practice_id, chosen, week, by=by) if chosen else None
    return render(
        request,
        "scorecards/rollup.html",
        {
            "kinds": kinds,
            "chosen": chosen,
            "by": by,
            "week": week,
            "week_label": sc.week_label(week),
            "prev_week": sc.week_label(week - dt.timedelta(weeks=1)),
            "next_week": sc.week_label(week + dt.timedelta(weeks=1)),
            "result": result,
        },
    )
