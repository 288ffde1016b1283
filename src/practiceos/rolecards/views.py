"""Role-card pages: the card (edited in place with htmx), its versions and diffs, the PDF,
and the role library.

Thin, like ``org.views``: the access helper finds the role (404 outside the practice, 403
for someone who neither holds the role nor manages it), ``rolecards.forms`` reads a post,
``rolecards.services`` writes. A section's form posts to its own URL and gets back just
that section (htmx), or a redirect to the card (a browser without scripts); on a refusal
the form comes back with each problem, what was typed kept, nothing written.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.text import slugify
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from practiceos.core.model import LEVELS, Level, SeatKind
from practiceos.core.problems import InputError, Problem
from practiceos.core.rolecards import (
    FOCUS_LABELS,
    PART_LABELS,
    CardChange,
    RoleCard,
    card_diff,
    expectations_at,
    next_level,
    parse_card,
)
from practiceos.core.rolelibrary import library, suggested_card
from practiceos.health.models import HealthRun
from practiceos.org.models import Assignment, Role
from practiceos.rolecards import forms, services
from practiceos.rolecards.access import get_role_card_for, get_version_for, own_seat_ids
from practiceos.rolecards.models import RoleVersion
from practiceos.tenancy.access import require
from practiceos.tenancy.current import current_membership
from practiceos.tenancy.models import Membership
from practiceos.tenancy.permissions import Action, allows
from practiceos.web.htmx import is_htmx

SEATS_SHOWN = 50
_IC_KINDS = {SeatKind.PROVIDER, SeatKind.SUPPORT, SeatKind.ADMINISTRATIVE}


def _holders(role: Role) -> list[Assignment]:
    """Current holders of the role's seats with person and seat (one query, first 50)."""
    today = dt.date.today()
    return list(
        Assignment.objects.filter(seat__role=role)
        .filter(Q(end__isnull=True) | Q(end__gt=today))
        .select_related("person", "seat", "seat__location")
        .order_by("seat__name", "pk")[:SEATS_SHOWN]
    )


def _role_findings(membership: Membership, role: Role) -> list[dict[str, Any]]:
    """The latest health run's findings that name this role (one query)."""
    run = (
        HealthRun.objects.filter(practice_id=membership.practice_id)
        .only("findings", "steps")
        .first()
    )
    if run is None:
        return []
    out = []
    for finding, steps in zip(run.findings, run.steps, strict=False):
        if any(s["type"] == "role" and str(s["id"]) == str(role.pk) for s in finding["subjects"]):
            out.append({**finding, "steps": steps})
    return out


def _levels_view(card: RoleCard, level: Level | None) -> dict[str, Any] | None:
    """Your level's expectations and the next level's (the career track)."""
    if level is None:
        return None
    following = next_level(level)
    return {
        "level": level.value,
        "mine": expectations_at(card.expectations, level),
        "next": following.value if following else None,
        "next_expectations": expectations_at(card.expectations, following) if following else (),
    }


def _context(request: HttpRequest, membership: Membership, role: Role) -> dict[str, Any]:
    card = role.card()
    holders = _holders(role)
    mine = own_seat_ids(membership)
    my_level = next((Level(a.level) for a in holders if a.seat_id in mine), None)
    asked = request.GET.get("level")
    level = Level(asked) if asked in LEVELS else my_level
    changed = services.library_changes(role)
    return {
        "role": role,
        "card": card,
        "rows": forms.expectation_rows(card),
        "levels": LEVELS,
        "sections": forms.SECTIONS,
        "holders": holders,
        "track": _levels_view(card, level),
        "individual_contributor": card.kind in _IC_KINDS,
        "focus_label": FOCUS_LABELS.get(card.management_focus) if card.management_focus else "",
        "may_edit": allows(membership.role, Action.EDIT_STRUCTURE),
        "findings": _role_findings(membership, role),
        "library_diff": _labelled(card_diff(*changed)) if changed else [],
        "library_titles": sorted(library().cards) if not role.library_card else [],
        "suggested": suggested_card(role.title, SeatKind(role.kind), role.template).title,
        "versions": RoleVersion.objects.filter(role=role).count(),
        "edit": request.GET.get("edit", ""),
        "part_labels": PART_LABELS,
        "values": forms.initial_values(card),
        "unit_choices": forms.UNIT_CHOICES,
        "direction_choices": forms.DIRECTION_CHOICES,
        "focus_choices": forms.FOCUS_CHOICES,
        "schedule_units": forms.SCHEDULE_UNITS,
    }


@login_required
@require_GET
def card(request: HttpRequest, pk: int) -> HttpResponse:
    """The role card: every part, the levels and the holder's next level, its findings."""
    membership = current_membership(request)
    role = get_role_card_for(membership, pk)
    assert membership is not None
    return render(request, "rolecards/card.html", _context(request, membership, role))


def _section_or_404(name: str) -> forms.Section:
    section = forms.SECTIONS.get(name)
    if section is None:
        raise Http404(f"No card section {name!r}")
    return section


@login_required
@require_http_methods(["GET", "POST"])
def section(request: HttpRequest, pk: int, name: str) -> HttpResponse:
    """One section of the card: shown, as its inline form (``?edit=1``), or saved (POST)."""
    part = _section_or_404(name)
    membership = current_membership(request)
    editing = request.method == "POST" or request.GET.get("edit") == "1"
    role = get_role_card_for(membership, pk, write=editing)
    assert membership is not None
    context = _context(request, membership, role)
    context.update(section=part, problems=[], values=forms.initial_values(context["card"]))
    if request.method == "POST":
        changes, problems = forms.changes_from_post(part, request.POST)
        try:
            if problems:
                raise InputError(problems)
            role = services.update_card(
                actor=membership,
                role=role,
                changes=changes,
                summary=f"Edited {part.heading.lower()}",
            )
        except InputError as err:
            context.update(
                problems=err.problems, values=forms.posted_values(request.POST), edit=part.name
            )
            if is_htmx(request):  # htmx swaps only 2xx answers: the form comes back in place
                return render(request, "rolecards/htmx/section.html", context)
            return render(request, "rolecards/card.html", context, status=422)
        if not is_htmx(request):
            messages.success(request, f"{part.heading} saved.")
            return redirect("rolecards:card", pk=role.pk)
        context = _context(request, membership, role)
        context.update(section=part, problems=[], saved=True, edit="")
        return render(request, "rolecards/htmx/section.html", context)
    context["edit"] = part.name if editing else ""
    template = "rolecards/htmx/section.html" if is_htmx(request) else "rolecards/card.html"
    return render(request, template, context)


@login_required
@require_POST
def adopt(request: HttpRequest, pk: int) -> HttpResponse:
    """Fill the card from a library card (all parts, or the library's changes)."""
    membership = current_membership(request)
    role = get_role_card_for(membership, pk, write=True)
    assert membership is not None
    template = str(request.POST.get("template", ""))[:120] or role.template
    try:
        services.adopt_library_card(actor=membership, role=role, template=template)
    except InputError as err:
        for problem in err.problems:
            messages.error(request, str(problem))
        return redirect("rolecards:card", pk=role.pk)
    messages.success(
        request, f'The card now follows the library card "{template}"; edit it to fit.'
    )
    return redirect("rolecards:card", pk=role.pk)


@login_required
@require_GET
def versions(request: HttpRequest, pk: int) -> HttpResponse:
    """Every version of the card (who, when, what) and the diff between any two."""
    membership = current_membership(request)
    role = get_role_card_for(membership, pk)
    rows = list(RoleVersion.objects.filter(role=role).select_related("actor").order_by("-number"))
    diff = None
    a_num, b_num = request.GET.get("a"), request.GET.get("b")
    if not (a_num and b_num) and len(rows) >= 2:
        a_num, b_num = str(rows[1].number), str(rows[0].number)
    if a_num and b_num:
        a, b = get_version_for(role, a_num), get_version_for(role, b_num)
        changes = card_diff(_card(a.card, role), _card(b.card, role))
        diff = {"a": a, "b": b, "changes": _labelled(changes)}
    return render(
        request,
        "rolecards/versions.html",
        {"role": role, "rows": rows, "diff": diff, "part_labels": PART_LABELS},
    )


def _labelled(changes: list[CardChange]) -> list[dict[str, str]]:
    return [
        {
            "label": PART_LABELS.get(c.part, c.part),
            "change": c.change,
            "before": c.before,
            "after": c.after,
        }
        for c in changes
    ]


def _card(data: Any, role: Role) -> RoleCard:
    try:
        return parse_card(data)
    except InputError:  # a stored version the schema no longer reads: show it as empty
        return RoleCard(title=role.title, kind=SeatKind(role.kind))


@login_required
@require_GET
def card_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    """The card as a printable PDF (WeasyPrint)."""
    membership = current_membership(request)
    role = get_role_card_for(membership, pk)
    assert membership is not None
    context = _context(request, membership, role)
    html = render_to_string("rolecards/pdf.html", context, request=request)
    # Imported here: WeasyPrint loads Pango at import, which only this view needs.
    from weasyprint import HTML

    pdf = HTML(string=html, base_url=request.build_absolute_uri("/")).write_pdf()
    response = HttpResponse(pdf, content_type="application/pdf")
    name = slugify(role.title) or "role"
    response["Content-Disposition"] = f'inline; filename="role-card-{name}.pdf"'
    return response


@login_required
@require_http_methods(["GET", "POST"])
def library_page(request: HttpRequest) -> HttpResponse:
    """The role library by field of practice; an editor adopts a card as a new role."""
    membership = require(current_membership(request), Action.VIEW)
    problems: list[Problem] = []
    if request.method == "POST" and request.POST.get("action") == "fill-all":
        filled = services.adopt_matched_cards(actor=membership)
        messages.success(
            request,
            f"{len(filled)} role card{'s' if len(filled) != 1 else ''} filled from the library; "
            "each is the practice's own copy to edit.",
        )
        return redirect("rolecards:library")
    if request.method == "POST":
        try:
            role = services.create_role_from_library(
                actor=membership,
                template=str(request.POST.get("template", ""))[:120],
                title=str(request.POST.get("title", ""))[:200],
            )
        except InputError as err:
            problems = err.problems
        else:
            messages.success(request, f'"{role.title}" now has its own copy of the card.')
            return redirect("rolecards:card", pk=role.pk)
    lib = library()
    query = str(request.GET.get("q", ""))[:100].strip().casefold()
    fields = {
        field: [c for c in cards if not query or query in c.title.casefold()]
        for field, cards in lib.by_field().items()
    }
    context = {
        "fields": {k: v for k, v in fields.items() if v},
        "q": query,
        "problems": problems,
        "may_edit": allows(membership.role, Action.EDIT_STRUCTURE),
        "total": len(lib.cards),
        "unadopted": Role.objects.filter(
            practice_id=membership.practice_id, library_card__isnull=True
        ).count(),
    }
    return render(request, "rolecards/library.html", context, status=422 if problems else 200)


def card_url(role_id: int) -> str:
    """The card editor of a role (health findings link here)."""
    return reverse("rolecards:card", args=[role_id])
