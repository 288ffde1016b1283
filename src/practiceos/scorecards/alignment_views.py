"""Alignment in the browser: the team's alignment page (members against goals,
dependencies, an agenda for the peer conversation, its record) and the monthly pulse.

Pulse answers are confidential: the page shows a person their own answers only, and
anyone else aggregates of at least three answers (:data:`core.scorecard.PULSE_MIN_ANSWERS`).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Avg, Count, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from practiceos.core import alignment as al
from practiceos.core import scorecard as sc
from practiceos.core.problems import InputError, Problem
from practiceos.org.access import get_team_for
from practiceos.org.models import Seat, Team
from practiceos.scorecards import services
from practiceos.scorecards.access import (
    get_dependency_for,
    get_measurable_for,
    get_priority_for,
)
from practiceos.scorecards.models import (
    AlignmentConversation,
    Dependency,
    GoalLink,
    PulseAnswer,
    TeamGoal,
)
from practiceos.scorecards.reading import owners_by_seat, team_priorities, team_scorecard
from practiceos.tenancy.access import require
from practiceos.tenancy.current import current_membership
from practiceos.tenancy.models import Membership
from practiceos.tenancy.permissions import Action, allows

PULSE_MONTHS = 12


def _alignment_context(team: Team, membership: Membership) -> dict[str, Any]:
    """Everything the alignment page shows, in a fixed number of queries."""
    card = team_scorecard(team, dt.date.today(), weeks=4, viewer=membership)
    priorities = team_priorities(team)
    goals = list(TeamGoal.objects.filter(team=team).order_by("position", "id"))
    goal_names = {g.pk: g.name for g in goals}
    links: dict[int, list[int]] = defaultdict(list)
    for mid, gid in GoalLink.objects.filter(
        measurable_id__in=[r.measurable.pk for r in card.rows]
    ).values_list("measurable_id", "team_goal_id"):
        links[mid].append(gid)
    seats = list(Seat.objects.filter(practice_id=team.practice_id, team=team).order_by("name"))
    m_ids = [r.measurable.pk for r in card.rows]
    p_ids = [p.pk for p in priorities]
    deps = list(
        Dependency.objects.filter(practice_id=team.practice_id)
        .filter(
            Q(from_measurable_id__in=m_ids)
            | Q(to_measurable_id__in=m_ids)
            | Q(from_priority_id__in=p_ids)
            | Q(to_priority_id__in=p_ids)
        )
        .select_related("from_measurable", "from_priority", "to_measurable", "to_priority")
        .order_by("id")[:500]
    )
    outside_seats = {
        getattr(obj, "seat_id", None)
        for d in deps
        for obj in (d.from_measurable, d.from_priority, d.to_measurable, d.to_priority)
        if obj is not None
    }
    owners = owners_by_seat(
        {s.pk for s in seats}
        | {p.seat_id for p in priorities if p.seat_id}
        | {x for x in outside_seats if x}
    )
    seat_names = {s.pk: s.name for s in seats}

    def owner_of(seat_id: int | None) -> str:
        if seat_id is None:
            return "no owner"
        name = owners.get(seat_id)
        return name[0] if name else f"{seat_names.get(seat_id, 'a seat')} (vacant)"

    work: list[al.Work] = [
        al.Work(
            f"m:{r.measurable.pk}",
            r.measurable.name,
            owner_of(r.measurable.seat_id),
            tuple(goal_names[g] for g in links.get(r.measurable.pk, []) if g in goal_names),
            r.status.value,
        )
        for r in card.rows
    ]
    work += [
        al.Work(
            f"p:{p.pk}",
            p.title,
            owner_of(p.seat_id),
            (p.team_goal.name,) if p.team_goal else (),
            p.status,
        )
        for p in priorities
    ]
    known = {w.ref for w in work}
    # Work outside the team that a dependency names: shown with its owner, no goals.
    for d in deps:
        for ref, obj in (
            (f"m:{d.from_measurable_id}", d.from_measurable),
            (f"p:{d.from_priority_id}", d.from_priority),
            (f"m:{d.to_measurable_id}", d.to_measurable),
            (f"p:{d.to_priority_id}", d.to_priority),
        ):
            if obj is not None and ref not in known:
                label = getattr(obj, "name", None) or getattr(obj, "title", "")
                work.append(al.Work(ref, label, owner_of(obj.seat_id)))
                known.add(ref)
    link_list = [
        al.Link(
            str(d.pk),
            f"m:{d.from_measurable_id}" if d.from_measurable_id else f"p:{d.from_priority_id}",
            f"m:{d.to_measurable_id}" if d.to_measurable_id else f"p:{d.to_priority_id}",
            d.acknowledged_at is not None,
            d.note,
        )
        for d in deps
    ]
    by_ref = {w.ref: w for w in work}
    team_work = [w for w in work if w.ref in {f"m:{i}" for i in m_ids} | {f"p:{i}" for i in p_ids}]
    members = []
    for seat in seats:
        person = owner_of(seat.pk)
        mine = [w for w in team_work if w.owner == person]
        members.append(
            {
                "seat": seat,
                "person": person,
                "per_goal": [[w for w in mine if g.name in w.goal_names] for g in goals],
                "unlinked": [w for w in mine if not w.goal_names],
            }
        )
    mine_refs = _my_refs(membership, card, priorities)
    return {
        "team": team,
        "goals": goals,
        "members": members,
        "links": [
            {"link": link, "source": by_ref.get(link.source), "target": by_ref.get(link.target)}
            for link in link_list
        ],
        "unacknowledged": [link for link in link_list if not link.acknowledged],
        "lonely": al.nobody_depends_on(team_work, link_list),
        "agenda": al.agenda(team_work, link_list),
        "conversations": list(
            AlignmentConversation.objects.filter(team=team).select_related("recorded_by")[:10]
        ),
        "my_work": [w for w in team_work if w.ref in mine_refs],
        "peer_work": [w for w in work if w.ref not in mine_refs],
        "can_edit": allows(membership.role, Action.EDIT_SCORECARD),
        "today": dt.date.today(),
    }


def _my_refs(membership: Membership, card: Any, priorities: list[Any]) -> set[str]:
    """Refs of the work the viewer may start a dependency from (all, for editors)."""
    refs = {f"m:{r.measurable.pk}" for r in card.rows} | {f"p:{p.pk}" for p in priorities}
    if allows(membership.role, Action.EDIT_SCORECARD):
        return refs
    from practiceos.org.models import Assignment

    mine = set(
        Assignment.objects.filter(
            practice_id=membership.practice_id, person__user_id=membership.user_id, end__isnull=True
        ).values_list("seat_id", flat=True)
    )
    return {f"m:{r.measurable.pk}" for r in card.rows if r.measurable.seat_id in mine} | {
        f"p:{p.pk}" for p in priorities if p.seat_id in mine
    }


@login_required
@require_GET
def alignment(request: HttpRequest, pk: int) -> HttpResponse:
    """A team's alignment page: what each member works toward, who depends on whom, an
    agenda for the peer conversation and the record of past ones."""
    membership = require(current_membership(request), Action.VIEW)
    team = get_team_for(membership, pk)
    return render(request, "scorecards/alignment.html", _alignment_context(team, membership))


def _work_object(membership: Membership, ref: str) -> tuple[str, Any]:
    kind, _, pk = ref.partition(":")
    if kind == "m":
        return "measurable", get_measurable_for(membership, pk)
    if kind == "p":
        return "priority", get_priority_for(membership, pk)
    raise InputError([Problem("ref", f"{ref[:40]!r} is not a measurable or priority")])


@login_required
@require_POST
def add_dependency(request: HttpRequest, pk: int) -> HttpResponse:
    """Record that some of my work depends on a peer's (from the alignment page)."""
    membership = require(current_membership(request), Action.VIEW)
    team = get_team_for(membership, pk)
    try:
        src_kind, src = _work_object(membership, request.POST.get("source", "")[:40])
        dst_kind, dst = _work_object(membership, request.POST.get("target", "")[:40])
        services.create_dependency(
            actor=membership,
            **{f"from_{src_kind}": src, f"to_{dst_kind}": dst},
            note=request.POST.get("note", "")[:300],
        )
    except InputError as exc:
        context = _alignment_context(team, membership)
        context["problems"] = exc.problems
        return render(request, "scorecards/alignment.html", context, status=422)
    messages.success(request, "Dependency recorded; your peer will see it to acknowledge.")
    return redirect("scorecards:alignment", pk=team.pk)


@login_required
@require_POST
def acknowledge(request: HttpRequest, pk: int, dep: int) -> HttpResponse:
    """The peer acknowledges a dependency on their work."""
    membership = require(current_membership(request), Action.VIEW)
    team = get_team_for(membership, pk)
    services.acknowledge_dependency(
        actor=membership, dependency=get_dependency_for(membership, dep)
    )
    messages.success(request, "Acknowledged.")
    return redirect("scorecards:alignment", pk=team.pk)


@login_required
@require_POST
def record_conversation(request: HttpRequest, pk: int) -> HttpResponse:
    """Keep the record of a peer alignment conversation."""
    membership = require(current_membership(request), Action.EDIT_SCORECARD)
    team = get_team_for(membership, pk)
    try:
        services.record_conversation(
            actor=membership,
            team=team,
            held_on=request.POST.get("held_on", "")[:20],
            notes=request.POST.get("notes", "")[:8001],
        )
    except InputError as exc:
        context = _alignment_context(team, membership)
        context["conversation_problems"] = exc.problems
        context["notes"] = request.POST.get("notes", "")[:8000]
        return render(request, "scorecards/alignment.html", context, status=422)
    messages.success(request, "Conversation recorded.")
    return redirect("scorecards:alignment", pk=team.pk)


# ---- pulse --------------------------------------------------------------------------------


def _months_back(today: dt.date, count: int) -> list[dt.date]:
    return list(sc.trailing_periods(today, count, sc.Cadence.MONTHLY))


def pulse_trends(practice_id: int, *, by: str, months: list[dt.date]) -> list[dict[str, Any]]:
    """Per team (or location) monthly means, each month shown only with ≥ 3 answers (2 queries).

    Means are computed in SQL with the answer count; months with fewer answers are
    withheld (``None``), so no small group's answers can be read back.
    """
    field = "team_id" if by == "team" else "location_id"
    rows = (
        PulseAnswer.objects.filter(practice_id=practice_id, month__gte=months[0])
        .exclude(**{f"{field}__isnull": True})
        .values(field, "month")
        .annotate(
            n=Count("id"),
            peers=Avg("peers"),
            n_reports=Count("reports"),
            reports=Avg("reports"),
            n_manager=Count("manager"),
            manager=Avg("manager"),
        )
        .order_by()
    )
    series: dict[int, dict[dt.date, dict[str, float | None]]] = defaultdict(dict)
    for row in rows:
        enough = row["n"] >= sc.PULSE_MIN_ANSWERS
        series[row[field]][row["month"]] = {
            "n": row["n"],
            "peers": round(row["peers"], 1) if enough else None,
            "reports": round(row["reports"], 1)
            if row["n_reports"] >= sc.PULSE_MIN_ANSWERS
            else None,
            "manager": round(row["manager"], 1)
            if row["n_manager"] >= sc.PULSE_MIN_ANSWERS
            else None,
        }
    from practiceos.org.models import Location

    model = Team if by == "team" else Location
    names = dict(model.objects.filter(pk__in=list(series)).values_list("pk", "name"))
    out = []
    for key, per_month in sorted(series.items(), key=lambda kv: names.get(kv[0], "")):
        points = [per_month.get(m, {}) for m in months]
        out.append(
            {
                "name": names.get(key, "?"),
                "months": months,
                "points": points,
                "chart": _chart(points),
                "shown": any(p.get("peers") is not None for p in points),
            }
        )
    return out


def _chart(points: list[dict[str, Any]], width: int = 300, height: int = 80) -> dict[str, Any]:
    """SVG polylines (1–5 scale) for peers, reports and manager; gaps where withheld."""
    step = width / max(len(points) - 1, 1)

    def y(v: float) -> float:
        return round(height - 6 - (v - 1) / 4 * (height - 12), 1)

    lines: dict[str, list[str]] = {}
    for key in ("peers", "reports", "manager"):
        runs: list[str] = []
        current: list[str] = []
        for i, p in enumerate(points):
            v = p.get(key)
            if v is None:
                if current:
                    runs.append(" ".join(current))
                current = []
                continue
            current.append(f"{round(i * step, 1)},{y(v)}")
        if current:
            runs.append(" ".join(current))
        lines[key] = [r for r in runs if " " in r or r]
    return {
        "width": width,
        "height": height,
        "lines": lines,
        "grid": [{"y": y(v), "label": v} for v in (1, 3, 5)],
    }


@login_required
@require_http_methods(["GET", "POST"])
def pulse(request: HttpRequest) -> HttpResponse:
    """Answer this month's pulse; see one's own answers and the team/location trends.

    Nobody but the person sees an individual answer; trends only show months with at
    least three answers.
    """
    membership = require(current_membership(request), Action.VIEW)
    today = dt.date.today()
    month = sc.month_start(today)
    status = 200
    problems: list[Problem] = []
    if request.method == "POST":
        try:
            services.answer_pulse(
                actor=membership,
                month=month,
                data={
                    k: request.POST.get(k, "")[:500]
                    for k in ("peers", "reports", "manager", "comment")
                },
            )
        except InputError as exc:
            problems = exc.problems
            status = 422
        else:
            messages.success(request, "Thank you: your answer is saved. Only you can see it.")
            return redirect("scorecards:pulse")
    person = services.person_of(membership)
    mine = (
        list(PulseAnswer.objects.filter(person=person).order_by("-month")[:12])
        if person is not None
        else []
    )
    months = _months_back(today, PULSE_MONTHS)
    by = "location" if request.GET.get("by") == "location" else "team"
    return render(
        request,
        "scorecards/pulse.html",
        {
            "person": person,
            "month": month,
            "current": next((a for a in mine if a.month == month), None),
            "mine": mine,
            "problems": problems,
            "entered": request.POST if request.method == "POST" else {},
            "scores": [1, 2, 3, 4, 5],
            "by": by,
            "trends": pulse_trends(membership.practice_id, by=by, months=months),
            "minimum": sc.PULSE_MIN_ANSWERS,
        },
        status=status,
    )
