"""Leadership pages: the hub, the vision, decision areas and asks (thin views).

Every view finds the caller's membership first, reads through ``access``/``reads`` and
writes only through ``services``; a refused write comes back with its problems beside
the form (status 422) and nothing saved. Owner load, owner time and the multi-location
table are in ``owner_views``.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from practiceos.core.decisions import suggest_area
from practiceos.core.leadership import MAX_CORE_VALUES, WORK_KINDS
from practiceos.core.problems import InputError
from practiceos.leadership import access, reads, services
from practiceos.leadership.access import current
from practiceos.leadership.models import AreaOverride, AreaSeat, Ask, AskStatus, DecisionArea
from practiceos.leadership.snapshot import RECENT_DAYS
from practiceos.leadership.snapshot import decision_areas as core_areas
from practiceos.org.access import get_location_for, get_seat_for
from practiceos.org.models import Assignment, Location
from practiceos.tenancy.access import require
from practiceos.tenancy.current import current_membership
from practiceos.tenancy.models import Membership
from practiceos.tenancy.permissions import Action, allows
from practiceos.web.htmx import is_htmx

ASKS_SHOWN = 50


def _local(request: HttpRequest, url: str, default: str) -> str:
    """``url`` when it is a path on this site (a form's "next"), else ``default``: a
    posted address must never send the user to another site. Django's own check, which
    also knows the tricks ("/\t/evil.example", "\\evil.example") that browsers undo."""
    local = url.startswith("/") and url_has_allowed_host_and_scheme(
        url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    return url if local else default


def _problems(exc: InputError) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for p in exc.problems:
        out.setdefault(p.where.split("[", 1)[0].split(".", 1)[0], []).append(
            f"{p.where}: {p.message}" if "[" in p.where else p.message
        )
    return out


# ---- hub ------------------------------------------------------------------------------------


@login_required
@require_GET
def home(request: HttpRequest) -> HttpResponse:
    """The Leadership hub: what waits for you, new answers to your asks, and where to go
    (five queries)."""
    membership = require(current_membership(request), Action.VIEW)
    pid = membership.practice_id
    waiting = reads.open_asks_for(request.user, pid, limit=5)
    new_answers = Ask.objects.filter(
        practice_id=pid, asker=request.user, status=AskStatus.DECIDED, asker_seen_at__isnull=True
    ).count()
    area_count = DecisionArea.objects.filter(practice_id=pid).count()
    owner_areas = DecisionArea.objects.filter(practice_id=pid, decider__kind="leadership").count()
    return render(
        request,
        "leadership/home.html",
        {
            "waiting": waiting,
            "new_answers": new_answers,
            "area_count": area_count,
            "owner_areas": owner_areas,
            "can_lead": allows(membership.role, Action.LEAD),
        },
    )


# ---- vision ---------------------------------------------------------------------------------


def _vision_form(request: HttpRequest) -> dict[str, Any]:
    post = request.POST
    values = []
    for i in range(MAX_CORE_VALUES + 1):
        name, behaviour = post.get(f"value_name_{i}", ""), post.get(f"value_behaviour_{i}", "")
        if name.strip() or behaviour.strip():
            values.append({"name": name[:200], "behaviour": behaviour[:2000]})
    return {
        "three_year_picture": post.get("three_year_picture", "")[:5000],
        "one_year_goals": post.get("one_year_goals", "")[:5000],
        "core_values": values,
        "core_focus": post.get("core_focus", "")[:5000],
        "what_good_looks_like": post.get("what_good_looks_like", "")[:5000],
    }


@login_required
@require_http_methods(["GET", "POST"])
def vision(request: HttpRequest) -> HttpResponse:
    """The vision, visible to every member; owners and admins edit it here."""
    membership = require(current_membership(request), Action.VIEW)
    can_edit = allows(membership.role, Action.LEAD)
    problems: dict[str, list[str]] = {}
    entered: dict[str, Any] | None = None
    if request.method == "POST":
        require(membership, Action.LEAD)
        entered = _vision_form(request)
        try:
            services.update_vision(actor=membership, data=entered)
        except InputError as exc:
            problems = _problems(exc)
        else:
            messages.success(request, "Vision saved.")
            return redirect("leadership:vision")
    current = reads.vision_of(membership.practice_id)
    if entered is None:
        entered = {
            "three_year_picture": current.three_year_picture,
            "one_year_goals": "\n".join(current.one_year_goals),
            "core_values": [
                {"name": v.name, "behaviour": v.behaviour} for v in current.core_values
            ],
            "core_focus": current.core_focus,
            "what_good_looks_like": current.what_good_looks_like,
        }
    rows = list(entered["core_values"]) + [{"name": "", "behaviour": ""}] * MAX_CORE_VALUES
    return render(
        request,
        "leadership/vision.html",
        {
            "vision": current,
            "entered": entered,
            "value_rows": list(enumerate(rows[:MAX_CORE_VALUES])),
            "can_edit": can_edit,
            "editing": can_edit and (request.GET.get("edit") == "1" or bool(problems)),
            "problems": problems,
        },
        status=422 if problems else 200,
    )


# ---- decision areas -------------------------------------------------------------------------


def _areas_context(membership: Membership) -> dict[str, Any]:
    """Areas with their deciders (one query), overrides and involvement counts (two)."""
    pid = membership.practice_id
    areas = list(
        DecisionArea.objects.filter(practice_id=pid).select_related("decider", "decider__location")
    )
    overrides: dict[int, int] = {}
    for area_id in AreaOverride.objects.filter(practice_id=pid).values_list("area_id", flat=True):
        overrides[area_id] = overrides.get(area_id, 0) + 1
    involved: dict[int, int] = {}
    for area_id in AreaSeat.objects.filter(practice_id=pid).values_list("area_id", flat=True):
        involved[area_id] = involved.get(area_id, 0) + 1
    # The last four weeks' asks per area: escalations that reached the owner count
    # against the area's routing, so the owner sees which areas still bounce back.
    since = timezone.now() - dt.timedelta(days=RECENT_DAYS)
    recent = {
        r["area_id"]: r
        for r in Ask.objects.filter(practice_id=pid, created_at__gte=since, area__isnull=False)
        .values("area_id")
        .annotate(
            asks=Count("id"),
            to_owner=Count("id", filter=Q(reached_owner=True)),
            escalated=Count("id", filter=Q(escalated_at__isnull=False)),
        )
        .order_by()
    }
    rows = [
        {
            "area": a,
            "overrides": overrides.get(a.pk, 0),
            "involved": involved.get(a.pk, 0),
            "on_owner": a.decider is not None and a.decider.kind == "leadership",
            "recent": recent.get(a.pk),
        }
        for a in areas
    ]
    return {
        "rows": rows,
        "on_owner": sum(1 for r in rows if r["on_owner"]),
        "can_lead": allows(membership.role, Action.LEAD),
        "kinds": WORK_KINDS,
    }


@login_required
@require_GET
def areas(request: HttpRequest) -> HttpResponse:
    """Every decision area with its one deciding seat; the owner's areas stand out."""
    membership = require(current_membership(request), Action.VIEW)
    return render(request, "leadership/areas.html", _areas_context(membership))


@login_required
@require_POST
def seed_areas(request: HttpRequest) -> HttpResponse:
    """Add the library's areas the practice lacks (owners and admins)."""
    membership = require(current_membership(request), Action.LEAD)
    made = services.seed_decision_areas(actor=membership)
    messages.success(
        request,
        f"Added {len(made)} decision area{'s' if len(made) != 1 else ''} from the library; "
        "each starts with the owner's seat deciding it. Hand them to the right seats below.",
    )
    return redirect("leadership:areas")


@login_required
@require_POST
def create_area(request: HttpRequest) -> HttpResponse:
    """A new decision area from the form on the Decisions page."""
    membership = require(current_membership(request), Action.LEAD)
    data = {
        "name": request.POST.get("name", "")[:300],
        "kind": request.POST.get("kind", "management")[:20],
        "description": request.POST.get("description", "")[:1000],
    }
    try:
        area = services.create_decision_area(actor=membership, data=data)
    except InputError as exc:
        context = _areas_context(membership)
        context.update({"problems": _problems(exc), "entered": data})
        return render(request, "leadership/areas.html", context, status=422)
    messages.success(request, f'Added "{area.name}". Choose its deciding seat.')
    return redirect("leadership:area", pk=area.pk)


def _area_context(membership: Membership, area: DecisionArea) -> dict[str, Any]:
    involved = list(
        AreaSeat.objects.filter(area=area).select_related("seat").order_by("seat__name")
    )
    consulted = [r.seat for r in involved if r.involvement == "consulted"]
    informed = [r.seat for r in involved if r.involvement == "informed"]

    def picker(name: str, label: str, seats: list[Any], many: bool) -> dict[str, Any]:
        return {
            "name": name,
            "spec": {"widget": "picks" if many else "pick", "label": label, "target": "seat"},
            "chosen": [(s.pk, s.name) for s in seats],
            "errors": [],
        }

    return {
        "area": area,
        "pickers": [
            picker(
                "decider",
                "Deciding seat (exactly one)",
                [area.decider] if area.decider else [],
                False,
            ),
            picker("consulted", "Consulted before deciding", consulted, True),
            picker("informed", "Informed after", informed, True),
        ],
        "override_picker": picker("seat", "Deciding seat there", [], False),
        "overrides": list(
            AreaOverride.objects.filter(area=area)
            .select_related("location", "seat")
            .order_by("location__name")
        ),
        "consulted": consulted,
        "informed": informed,
        "can_lead": allows(membership.role, Action.LEAD),
        "kinds": WORK_KINDS,
        "locations": list(
            Location.objects.filter(practice_id=membership.practice_id).order_by("name")[:500]
        ),
    }


@login_required
@require_http_methods(["GET", "POST"])
def area(request: HttpRequest, pk: int) -> HttpResponse:
    """One area: its deciding seat, who is consulted and informed, location overrides."""
    membership = current_membership(request)
    decision_area = access.get_area_for(membership, pk)
    assert membership is not None
    if request.method == "GET":
        return render(request, "leadership/area.html", _area_context(membership, decision_area))
    require(membership, Action.LEAD)
    data: dict[str, Any] = {
        "name": request.POST.get("name", "")[:300],
        "kind": request.POST.get("kind", "")[:20],
        "description": request.POST.get("description", "")[:1000],
        "keywords": request.POST.get("keywords", "")[:3000],
        "decider": request.POST.getlist("decider")[:10],
        "consulted": request.POST.getlist("consulted")[:60],
        "informed": request.POST.getlist("informed")[:60],
    }
    try:
        services.update_decision_area(actor=membership, area=decision_area, data=data)
    except InputError as exc:
        context = _area_context(membership, decision_area)
        context["problems"] = _problems(exc)
        return render(request, "leadership/area.html", context, status=422)
    messages.success(request, f'Saved "{decision_area.name}".')
    return redirect("leadership:area", pk=decision_area.pk)


@login_required
@require_POST
def hand_over(request: HttpRequest, pk: int) -> HttpResponse:
    """Make the posted seat the area's deciding seat (the one-click hand-over)."""
    membership = current_membership(request)
    decision_area = access.get_area_for(membership, pk, Action.LEAD)
    assert membership is not None
    seat = get_seat_for(membership, request.POST.get("seat"))
    services.set_decider(actor=membership, area=decision_area, seat=seat)
    messages.success(request, f'"{seat.name}" now decides "{decision_area.name}".')
    return redirect(_local(request, request.POST.get("next", ""), reverse("leadership:areas")))


@login_required
@require_POST
def add_override(request: HttpRequest, pk: int) -> HttpResponse:
    """At a location, another seat decides the area."""
    membership = current_membership(request)
    decision_area = access.get_area_for(membership, pk, Action.LEAD)
    assert membership is not None
    location = get_location_for(membership, request.POST.get("location"))
    seat = get_seat_for(membership, request.POST.get("seat"))
    try:
        services.set_override(actor=membership, area=decision_area, location=location, seat=seat)
    except InputError as exc:
        context = _area_context(membership, decision_area)
        context["problems"] = _problems(exc)
        return render(request, "leadership/area.html", context, status=422)
    messages.success(request, f'At {location.name}, "{seat.name}" decides "{decision_area.name}".')
    return redirect("leadership:area", pk=decision_area.pk)


@login_required
@require_POST
def remove_override(request: HttpRequest, pk: int) -> HttpResponse:
    """Remove a location override."""
    membership = current_membership(request)
    override = access.get_override_for(membership, pk)
    assert membership is not None
    area_pk = override.area_id
    services.remove_override(actor=membership, override=override)
    return redirect("leadership:area", pk=area_pk)


@login_required
@require_POST
def delete_area(request: HttpRequest, pk: int) -> HttpResponse:
    """Delete an area (its asks keep their decisions)."""
    membership = current_membership(request)
    decision_area = access.get_area_for(membership, pk, Action.LEAD)
    assert membership is not None
    services.delete_decision_area(actor=membership, area=decision_area)
    messages.success(request, f'Deleted "{decision_area.name}".')
    return redirect("leadership:areas")


# ---- asks -----------------------------------------------------------------------------------


def _asks_context(request: HttpRequest, membership: Membership) -> dict[str, Any]:
    """Inbox (asks at seats you hold), your own asks with new answers first, and the
    areas for the form: a fixed number of queries."""
    pid = membership.practice_id
    held = access.seats_held_by(request.user, pid)
    inbox = list(
        Ask.objects.filter(practice_id=pid, to_seat_id__in=held, status=AskStatus.OPEN)
        .select_related("area", "asker", "location")
        .order_by("created_at", "id")[:ASKS_SHOWN]
    )
    mine = list(
        Ask.objects.filter(practice_id=pid, asker=request.user)
        .select_related("area", "to_seat", "decided_by")
        .order_by("-created_at", "-id")[:ASKS_SHOWN]
    )
    return {
        "inbox": inbox,
        "mine": mine,
        "new_answers": sum(1 for a in mine if a.status == "decided" and a.asker_seen_at is None),
        "areas": list(DecisionArea.objects.filter(practice_id=pid).order_by("name")),
        "has_seat": bool(held),
        "can_ask": allows(membership.role, Action.ASK),
    }


@login_required
@require_http_methods(["GET", "POST"])
def asks(request: HttpRequest) -> HttpResponse:
    """Your inbox, the asks you raised, and the form to raise a new one."""
    membership = require(current_membership(request), Action.VIEW)
    if request.method == "GET":
        return render(request, "leadership/asks.html", _asks_context(request, membership))
    require(membership, Action.ASK)
    text = request.POST.get("text", "")[:3000]
    area_id = request.POST.get("area", "")
    try:
        chosen = access.get_area_for(membership, area_id) if area_id else None
        ask = services.raise_ask(actor=membership, text=text, area=chosen)
    except InputError as exc:
        context = _asks_context(request, membership)
        context.update({"problems": _problems(exc), "entered": {"text": text, "area": area_id}})
        return render(request, "leadership/asks.html", context, status=422)
    messages.success(request, f"Sent. {ask.routing}")
    return redirect("leadership:asks")


@login_required
@require_GET
def suggest(request: HttpRequest) -> HttpResponse:
    """The area the ask's text points to (htmx, as the asker types): the area select,
    pre-chosen, with the words that matched."""
    membership = require(current_membership(request), Action.VIEW)
    text = request.GET.get("text", "")[:3000]
    areas = core_areas(membership.practice_id)
    found = suggest_area(text, areas) if text.strip() else None
    chosen = request.GET.get("area", "")
    context = {
        "areas": list(DecisionArea.objects.filter(practice_id=membership.practice_id)),
        "suggestion": found,
        "selected": found.area_id if found and not chosen else chosen,
    }
    return render(request, "leadership/htmx/area_select.html", context)


@login_required
@require_http_methods(["GET"])
def ask(request: HttpRequest, pk: int) -> HttpResponse:
    """One ask: what was asked, where it went and why, and the decision or its forms."""
    membership = require(current_membership(request), Action.VIEW)
    item = access.get_ask_for(membership, pk)
    held = access.seats_held_by(request.user, membership.practice_id)
    holder = (
        Assignment.objects.filter(current(), seat_id=item.to_seat_id, accountable=True)
        .values_list("person__name", flat=True)
        .first()
        if item.to_seat_id
        else None
    )
    can_answer = item.status == "open" and (
        item.to_seat_id in held or allows(membership.role, Action.LEAD)
    )
    return render(
        request,
        "leadership/ask.html",
        {
            "ask": item,
            "holder": holder,
            "can_answer": can_answer,
            "can_escalate": item.status == "open"
            and item.escalated_at is None
            and (can_answer or item.asker_id == request.user.pk),
        },
    )


def _ask_action(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    membership = require(current_membership(request), Action.VIEW)
    item = access.get_ask_for(membership, pk)
    try:
        if action == "decide":
            services.decide_ask(
                actor=membership, ask=item, decision=request.POST.get("decision", "")[:3000]
            )
            messages.success(request, "Decision recorded; the asker sees it on their Asks page.")
        else:
            services.escalate_ask(
                actor=membership, ask=item, reason=request.POST.get("reason", "")[:1000]
            )
            messages.success(request, f"Escalated. {item.routing}")
    except InputError as exc:
        return render(
            request,
            "leadership/ask.html",
            {"ask": item, "can_answer": True, "can_escalate": True, "problems": _problems(exc)},
            status=422,
        )
    if is_htmx(request):
        return render(request, "leadership/ask.html", {"ask": item})
    return redirect("leadership:ask", pk=item.pk)


@login_required
@require_POST
def decide(request: HttpRequest, pk: int) -> HttpResponse:
    """Record the decision of an ask waiting at your seat."""
    return _ask_action(request, pk, "decide")


@login_required
@require_POST
def escalate(request: HttpRequest, pk: int) -> HttpResponse:
    """Escalate an ask one seat up, once, with a reason."""
    return _ask_action(request, pk, "escalate")


@login_required
@require_POST
def seen(request: HttpRequest) -> HttpResponse:
    """Mark your new answers as read."""
    membership = require(current_membership(request), Action.ASK)
    services.acknowledge_answers(actor=membership)
    return redirect("leadership:asks")
