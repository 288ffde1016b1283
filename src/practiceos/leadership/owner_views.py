"""Owner load, owner time and the multi-location table (thin views, fixed query counts)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from practiceos.core.decisions import areas_on_owner, week_of
from practiceos.core.health.policy import Policy
from practiceos.core.leadership import WORK_KINDS
from practiceos.core.problems import InputError
from practiceos.leadership import access, charts, load, services
from practiceos.leadership.locations import SORTS, location_table
from practiceos.leadership.models import TimeEntry
from practiceos.leadership.snapshot import RECENT_DAYS
from practiceos.org.models import Seat
from practiceos.tenancy.access import require
from practiceos.tenancy.current import current_membership
from practiceos.tenancy.models import Membership
from practiceos.tenancy.permissions import Action, allows
from practiceos.web.htmx import render_page_or_fragment

QUICK_MINUTES = (15, 30, 60)


def _policy(membership: Membership) -> Policy:
    # The practice row came with the membership: reading its policy costs no query.
    return Policy.from_stored(dict(membership.practice.policy or {}))


def _since(today: dt.date) -> dt.datetime:
    return dt.datetime.combine(today - dt.timedelta(days=RECENT_DAYS), dt.time.min, tzinfo=dt.UTC)


def _handovers(membership: Membership) -> list[dict[str, Any]]:
    """Areas that still land on the owner and the seat that could take each (the chart
    snapshot and the areas: a fixed number of queries)."""
    snapshot = services.routing_snapshot(membership.practice)
    seats = snapshot.seats_by_id
    out = []
    for h in areas_on_owner(snapshot):
        candidate = seats.get(h.candidate_id) if h.candidate_id else None
        person = snapshot.accountable_person(candidate) if candidate else None
        out.append(
            {
                "area_id": h.area_id,
                "area": h.area_name,
                "kind": h.kind.value,
                "location": snapshot.locations_by_id[h.location_id].name
                if h.location_id in snapshot.locations_by_id
                else None,
                "candidate": candidate,
                "person": person.name if person else None,
            }
        )
    return out


@login_required
@require_GET
def owner_load(request: HttpRequest) -> HttpResponse:
    """How much of the practice still waits on the owner: share of asks per week (chart),
    median time to a decision, locations sending most to the owner, and areas to hand over."""
    membership = require(current_membership(request), Action.VIEW)
    today = timezone.localdate()
    policy = _policy(membership)
    weeks = load.weekly_load(membership.practice_id, today)
    recent = [w for w in weeks if w.week >= week_of(today) - dt.timedelta(weeks=3)]
    asks = sum(w.asks for w in recent)
    to_owner = sum(w.to_owner for w in recent)
    return render(
        request,
        "leadership/load.html",
        {
            "weeks": weeks,
            "chart": charts.share_chart(
                [(w.week, w.asks, w.to_owner) for w in weeks], policy.owner_ask_share
            ),
            "asks": asks,
            "to_owner": to_owner,
            "share": to_owner / asks if asks else None,
            "threshold": policy.owner_ask_share,
            "locations": load.location_load(membership.practice_id, _since(today)),
            "handovers": _handovers(membership),
            "can_lead": allows(membership.role, Action.LEAD),
        },
    )


def _week(request: HttpRequest, today: dt.date) -> dt.date:
    try:
        chosen = dt.date.fromisoformat(request.GET.get("week", "")[:10])
    except ValueError:
        chosen = today
    chosen = min(max(chosen, today - dt.timedelta(days=services.TIME_BACK_DAYS)), today)
    return week_of(chosen)


def _time_context(request: HttpRequest, membership: Membership) -> dict[str, Any]:
    today = timezone.localdate()
    week = _week(request, today)
    pid, uid = membership.practice_id, request.user.pk
    grid = load.week_grid(pid, uid, week)
    days = [week + dt.timedelta(days=i) for i in range(7)]
    rows = [{"kind": kind, "cells": [grid.get((d, kind), 0) for d in days]} for kind in WORK_KINDS]
    totals = {kind: sum(r["cells"]) for kind, r in zip(WORK_KINDS, rows, strict=True)}
    total = sum(totals.values())
    held = access.seats_held_by(request.user, pid)
    is_owner = Seat.objects.filter(pk__in=held, kind="leadership").exists()
    split = load.weekly_split(pid, uid, today)
    return {
        "week": week,
        "prev_week": week - dt.timedelta(days=7),
        "next_week": week + dt.timedelta(days=7) if week < week_of(today) else None,
        "days": days,
        "rows": rows,
        "totals": totals,
        "total": total,
        "shares": {k: (v / total if total else 0) for k, v in totals.items()},
        "entries": list(
            TimeEntry.objects.filter(
                practice_id=pid, user_id=uid, day__gte=week, day__lt=week + dt.timedelta(days=7)
            ).order_by("-day", "-id")[:100]
        ),
        "chart": charts.split_chart(split),
        "quick": QUICK_MINUTES,
        "kinds": WORK_KINDS,
        "today": today,
        "is_owner": is_owner,
        "threshold": _policy(membership).owner_management_share,
    }


@login_required
@require_GET
def owner_time(request: HttpRequest) -> HttpResponse:
    """The owner's week as leadership, management and clinical time: quick buttons, a week
    grid, a weekly chart of the split, and management areas to hand to which seat."""
    membership = require(current_membership(request), Action.VIEW)
    context = _time_context(request, membership)
    context["handovers"] = [h for h in _handovers(membership) if h["kind"] == "management"]
    context["can_lead"] = allows(membership.role, Action.LEAD)
    return render(request, "leadership/time.html", context)


@login_required
@require_POST
def record_time(request: HttpRequest) -> HttpResponse:
    """Record minutes of one kind of work (a quick button or the grid's form)."""
    membership = require(current_membership(request), Action.ASK)
    try:
        services.record_time(
            actor=membership,
            day=request.POST.get("day", "")[:10],
            kind=request.POST.get("kind", "")[:20],
            minutes=request.POST.get("minutes", "")[:10],
        )
    except InputError as exc:
        context = _time_context(request, membership)
        context["problems"] = [f"{p.where}: {p.message}" for p in exc.problems]
        context["handovers"] = []
        return render(request, "leadership/time.html", context, status=422)
    messages.success(request, "Recorded.")
    return redirect(request.POST.get("next_url") or "leadership:time")


@login_required
@require_POST
def delete_time(request: HttpRequest, pk: int) -> HttpResponse:
    """Remove one of your time entries."""
    membership = current_membership(request)
    entry = access.get_time_entry_for(membership, pk)
    assert membership is not None
    services.delete_time_entry(actor=membership, entry=entry)
    return redirect("leadership:time")


@login_required
@require_GET
def locations(request: HttpRequest) -> HttpResponse:
    """Every location in one sortable, paged table with a small chart of owner share."""
    membership = require(current_membership(request), Action.VIEW)
    today = timezone.localdate()
    sort = request.GET.get("sort", "name")[:20]
    table = location_table(membership.practice_id, _since(today), sort, request.GET.get("page"))
    context = {
        "table": table,
        "chart": charts.spread_chart(table.shares),
        "sorts": SORTS,
        "threshold": _policy(membership).owner_ask_share,
        "threshold_pct": round(_policy(membership).owner_ask_share * 100),
    }
    return render_page_or_fragment(
        request, "leadership/locations.html", "leadership/htmx/location_rows.html", context
    )
