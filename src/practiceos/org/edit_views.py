"""Create and edit pages for locations, teams, roles, seats, people and assignments.

Thin, like ``org.views``: find the membership, fetch the object through ``org.access``
(another practice's id is a 404, a refused role a 403), reshape the post with
``org.forms`` and hand it to ``org.services.create`` / ``update``, the only writers. On
``InputError`` the form comes back with status 422, each problem beside its field and
everything the user typed kept; nothing has been written.

Also here: the picker search (``pick``), which returns at most ``PICK_LIMIT`` matches so a
10,000-seat practice never renders a 10,000-option select, and the small role and team
pages a saved role or team redirects to.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db import models
from django.db.models import Count, OuterRef, Q, Subquery
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods

from practiceos.core.problems import InputError, Problem
from practiceos.org import forms, services
from practiceos.org.access import (
    get_assignment_for,
    get_location_for,
    get_person_for,
    get_role_for,
    get_seat_for,
    get_team_for,
)
from practiceos.org.forms import FormField
from practiceos.org.models import (
    Assignment,
    Location,
    Person,
    Role,
    Seat,
    SeatKindChoices,
    ServiceLink,
    Team,
)
from practiceos.tenancy.access import require
from practiceos.tenancy.current import current_membership
from practiceos.tenancy.models import Membership
from practiceos.tenancy.permissions import Action
from practiceos.web.params import search_text

# Matches one picker search returns (one more is fetched to know there are others).
PICK_LIMIT = 20
# Rows per page on the roles and teams lists, seats listed on a role or team page.
LIST_PAGE = 50
SEATS_SHOWN = 50
# What a picker can find, and the field that names it.
PICKABLE: dict[str, tuple[type[models.Model], str]] = {
    "seat": (Seat, "name"),
    "role": (Role, "title"),
    "location": (Location, "name"),
    "team": (Team, "name"),
}
KIND_LABELS = dict(SeatKindChoices.choices)
EDIT_FORM = require_http_methods(["GET", "POST"])


@dataclass(frozen=True)
class Choice:
    """One picker match: the id stored, the name shown, and a hint to tell matches apart."""

    id: int
    label: str
    detail: str = ""
    kind: str = ""


def _search_text(request: HttpRequest) -> str:
    # NUL never reaches a query (PostgreSQL refuses it in a string literal).
    return search_text(request)


def pick_choices(
    practice_id: int, target: str, text: str, exclude: int | None = None
) -> tuple[list[Choice], bool]:
    """Up to ``PICK_LIMIT`` objects of ``target`` matching ``text``, and whether there are more.

    One query whatever the practice's size. Seats match on their name or their current
    person's name, and show that person and the location to tell similar seats apart.
    """
    if target == "seat":
        person = (
            Assignment.objects.filter(seat_id=OuterRef("pk"), end__isnull=True, accountable=True)
            .order_by()
            .values("person__name")[:1]
        )
        qs = Seat.objects.filter(practice_id=practice_id)
        if text:
            holders = Assignment.objects.filter(
                practice_id=practice_id, end__isnull=True, person__name__icontains=text
            ).values("seat_id")
            qs = qs.filter(Q(name__icontains=text) | Q(pk__in=holders))
        if exclude is not None:
            qs = qs.exclude(pk=exclude)
        rows = list(
            qs.order_by("name", "pk")
            .annotate(person=Subquery(person))
            .values("pk", "name", "kind", "location__name", "person")[: PICK_LIMIT + 1]
        )
        choices = [
            Choice(
                r["pk"],
                r["name"],
                " · ".join(x for x in (r["person"] or "Vacant", r["location__name"]) if x),
                r["kind"],
            )
            for r in rows
        ]
    elif target == "role":
        qs = Role.objects.filter(practice_id=practice_id)
        if text:
            qs = qs.filter(title__icontains=text)
        rows = list(qs.order_by("title", "pk").values("pk", "title", "kind")[: PICK_LIMIT + 1])
        choices = [
            Choice(r["pk"], r["title"], KIND_LABELS.get(r["kind"], ""), r["kind"]) for r in rows
        ]
    elif target == "location":
        qs = Location.objects.filter(practice_id=practice_id)
        if text:
            qs = qs.filter(Q(name__icontains=text) | Q(address__icontains=text))
        rows = list(qs.order_by("name", "pk").values("pk", "name", "address")[: PICK_LIMIT + 1])
        choices = [Choice(r["pk"], r["name"], r["address"]) for r in rows]
    else:
        qs = Team.objects.filter(practice_id=practice_id)
        if text:
            qs = qs.filter(name__icontains=text)
        rows = list(
            qs.order_by("name", "pk").values("pk", "name", "manager_seat__name")[: PICK_LIMIT + 1]
        )
        choices = [
            Choice(r["pk"], r["name"], f"managed by {r['manager_seat__name']}")
            if r["manager_seat__name"]
            else Choice(r["pk"], r["name"])
            for r in rows
        ]
    return choices[:PICK_LIMIT], len(choices) > PICK_LIMIT


def picker_labels(practice_id: int, wanted: dict[str, set[int]]) -> dict[str, dict[int, str]]:
    """Names of the chosen ids, by target, inside the practice only (hits the database:
    one query per target with ids). Another practice's id simply has no label."""
    labels: dict[str, dict[int, str]] = {}
    for target, ids in wanted.items():
        model, name = PICKABLE[target]
        labels[target] = dict(
            model._default_manager.filter(practice_id=practice_id, pk__in=ids).values_list(
                "pk", name
            )
        )
    return labels


@login_required
@require_GET
def pick(request: HttpRequest, target: str) -> HttpResponse:
    """Picker matches for ``?q=`` as an htmx fragment (``?exclude=<id>`` leaves one out)."""
    membership = require(current_membership(request), Action.VIEW)
    if target not in PICKABLE:
        raise Http404("Nothing to pick here")
    exclude = forms.as_id(request.GET.get("exclude"))
    text = _search_text(request)
    choices, more = pick_choices(membership.practice_id, target, text, exclude)
    return render(
        request,
        "org/htmx/seat_picker_results.html",
        {"choices": choices, "more": more, "q": text, "target": target, "limit": PICK_LIMIT},
    )


# --- The form page shared by every create and edit view -------------------------------


def _form_page(
    request: HttpRequest,
    membership: Membership,
    *,
    model: type[models.Model],
    fields: tuple[FormField, ...],
    initial: dict[str, Any],
    title: str,
    crumbs: list[tuple[str, str]],
    cancel: str,
    success: Callable[[Any], str],
    obj: models.Model | None = None,
    fixed: dict[str, Any] | None = None,
    precheck: Callable[[dict[str, Any]], list[Problem]] | None = None,
    done: Callable[[Any], str] | None = None,
    intro: str = "",
    submit: str = "Save",
    exclude: int | None = None,
) -> HttpResponse:
    """GET: the form with ``initial``. POST: write through the services, then redirect to
    ``success(saved)`` with a message; on problems, the form again (422) as typed."""
    noun = str(model._meta.verbose_name)
    status = 200
    problems: list[Problem] = []
    values = initial
    if request.method == "POST":
        data = forms.data_from_post(fields, request.POST)
        problems = precheck(data) if precheck else []
        if not problems:
            try:
                payload = {**data, **(fixed or {})}
                if obj is None:
                    saved = services.create(membership, model, payload)
                else:
                    saved = services.update(membership, obj, payload)
            except InputError as exc:
                problems = exc.problems
        if not problems:
            if done is not None:
                text = done(saved)
            elif obj is None:
                text = f"Created {noun} “{saved}”."
            else:
                text = f"Saved {noun} “{saved}”."
            messages.success(request, text)
            return redirect(success(saved))
        values = forms.values_from_post(fields, request.POST)
        status = 422
    labels = picker_labels(membership.practice_id, forms.picked_ids(fields, values))
    by_name = {f.name: f for f in fields}
    errors: dict[str, list[str]] = {}
    summary = []
    for problem in problems:
        errors.setdefault(problem.where, []).append(problem.message)
        spec = by_name.get(problem.where)
        summary.append((spec.label if spec else problem.where.replace("_", " "), problem.message))
    context = {
        "title": title,
        "crumbs": crumbs,
        "fields": forms.bind(fields, values, errors, labels),
        "summary": summary,
        "cancel": cancel,
        "intro": intro,
        "submit": submit,
        "exclude": exclude,
    }
    return render(request, "org/edit/form.html", context, status=status)


def _today() -> str:
    return dt.date.today().isoformat()


@dataclass(frozen=True)
class ObjectPages:
    """Where one object type's pages are: its list (the first crumb, and where a new one's
    Cancel goes) and each object's own page (where an edit's Cancel and a save land)."""

    listing: str
    listing_label: str
    detail: str

    def detail_url(self, obj: models.Model) -> str:
        """The object's own page."""
        return reverse(self.detail, args=[obj.pk])


LOCATION_PAGES = ObjectPages("org:locations", "Locations", "org:location")
TEAM_PAGES = ObjectPages("org:teams", "Teams", "org:team")
ROLE_PAGES = ObjectPages("org:roles", "Roles", "org:role")
PERSON_PAGES = ObjectPages("org:people", "People", "org:person")


def _new_page(
    request: HttpRequest,
    model: type[models.Model],
    fields: tuple[FormField, ...],
    pages: ObjectPages,
    *,
    title: str,
) -> HttpResponse:
    """The create page of an object type with a plain form: empty to start, Cancel back to
    the list, the new object's page once saved."""
    membership = require(current_membership(request), services.ACTIONS[model])
    listing = reverse(pages.listing)
    return _form_page(
        request,
        membership,
        model=model,
        fields=fields,
        initial={},
        title=title,
        crumbs=[(listing, pages.listing_label)],
        cancel=listing,
        success=pages.detail_url,
    )


def _edit_page(
    request: HttpRequest,
    membership: Membership,
    obj: models.Model,
    fields: tuple[FormField, ...],
    pages: ObjectPages,
    *,
    name: str,
    title: str,
) -> HttpResponse:
    """The edit page of an object with a plain form: filled from the object, Cancel back to
    its page, which is also where a save lands. ``name`` is its crumb."""
    page = pages.detail_url(obj)
    return _form_page(
        request,
        membership,
        model=type(obj),
        obj=obj,
        fields=fields,
        initial=forms.values_from_object(fields, obj),
        title=title,
        crumbs=[(reverse(pages.listing), pages.listing_label), (page, name)],
        cancel=page,
        success=pages.detail_url,
    )


# --- Locations ----------------------------------------------------------------------


@login_required
@EDIT_FORM
def location_new(request: HttpRequest) -> HttpResponse:
    """Add a location."""
    return _new_page(request, Location, forms.LOCATION_FORM, LOCATION_PAGES, title="New location")


@login_required
@EDIT_FORM
def location_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """Change a location's name or address."""
    membership = current_membership(request)
    obj = get_location_for(membership, pk, services.ACTIONS[Location])
    assert membership is not None
    return _edit_page(
        request,
        membership,
        obj,
        forms.LOCATION_FORM,
        LOCATION_PAGES,
        name=obj.name,
        title=f"Edit location “{obj.name}”",
    )


# --- Teams --------------------------------------------------------------------------


@login_required
@EDIT_FORM
def team_new(request: HttpRequest) -> HttpResponse:
    """Add a team."""
    return _new_page(request, Team, forms.TEAM_FORM, TEAM_PAGES, title="New team")


@login_required
@EDIT_FORM
def team_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """Change a team's name, goal or managing seat."""
    membership = current_membership(request)
    obj = get_team_for(membership, pk, services.ACTIONS[Team])
    assert membership is not None
    return _edit_page(
        request,
        membership,
        obj,
        forms.TEAM_FORM,
        TEAM_PAGES,
        name=obj.name,
        title=f"Edit team “{obj.name}”",
    )


# --- Roles --------------------------------------------------------------------------


@login_required
@EDIT_FORM
def role_new(request: HttpRequest) -> HttpResponse:
    """Define a role."""
    return _new_page(request, Role, forms.ROLE_FORM, ROLE_PAGES, title="New role")


@login_required
@EDIT_FORM
def role_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """Change a role's definition."""
    membership = current_membership(request)
    obj = get_role_for(membership, pk, services.ACTIONS[Role])
    assert membership is not None
    return _edit_page(
        request,
        membership,
        obj,
        forms.ROLE_FORM,
        ROLE_PAGES,
        name=obj.title,
        title=f"Edit role “{obj.title}”",
    )


# --- Seats --------------------------------------------------------------------------


@login_required
@EDIT_FORM
def seat_new(request: HttpRequest) -> HttpResponse:
    """Add a seat; ``?reports_to=<seat>`` (the seat page's "Add report") pre-fills its
    manager and the manager's location."""
    membership = require(current_membership(request), services.ACTIONS[Seat])
    initial: dict[str, Any] = {"serves": []}
    manager_id = forms.as_id(request.GET.get("reports_to"))
    cancel = reverse("org:chart")
    if manager_id is not None:
        # Inside the practice only: another practice's id pre-fills nothing.
        manager = (
            Seat.objects.filter(practice_id=membership.practice_id, pk=manager_id)
            .values("pk", "location_id")
            .first()
        )
        if manager is not None:
            initial["reports_to"] = str(manager["pk"])
            initial["location"] = str(manager["location_id"] or "")
            cancel = reverse("org:seat", args=[manager["pk"]])
    return _form_page(
        request,
        membership,
        model=Seat,
        fields=forms.SEAT_FORM,
        initial=initial,
        title="New seat",
        crumbs=[(reverse("org:chart"), "Chart")],
        cancel=cancel,
        success=lambda o: reverse("org:seat", args=[o.pk]),
    )


@login_required
@EDIT_FORM
def seat_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """Change a seat: name, kind, role, location, team, reporting and service lines, note."""
    membership = current_membership(request)
    obj = get_seat_for(membership, pk, services.ACTIONS[Seat])
    assert membership is not None
    page = reverse("org:seat", args=[obj.pk])
    initial: dict[str, Any] = {}
    if request.method == "GET":
        serves = list(
            ServiceLink.objects.filter(support_seat=obj)
            .order_by("provider_seat__name")
            .values_list("provider_seat_id", flat=True)
        )
        initial = forms.values_from_object(forms.SEAT_FORM, obj, serves=serves)
    return _form_page(
        request,
        membership,
        model=Seat,
        obj=obj,
        fields=forms.SEAT_FORM,
        initial=initial,
        title=f"Edit seat “{obj.name}”",
        crumbs=[(reverse("org:chart"), "Chart"), (page, obj.name)],
        cancel=page,
        success=lambda o: reverse("org:seat", args=[o.pk]),
        exclude=obj.pk,
    )


# --- People and assignments ---------------------------------------------------------


@login_required
@EDIT_FORM
def person_new(request: HttpRequest) -> HttpResponse:
    """Add a person (then assign them to a seat from their page)."""
    return _new_page(request, Person, forms.PERSON_FORM, PERSON_PAGES, title="New person")


@login_required
@EDIT_FORM
def person_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """Change a person's name, preferred name, email or employee id."""
    membership = current_membership(request)
    obj = get_person_for(membership, pk, services.ACTIONS[Person])
    assert membership is not None
    return _edit_page(
        request,
        membership,
        obj,
        forms.PERSON_FORM,
        PERSON_PAGES,
        name=obj.name,
        title=f"Edit {obj.name}",
    )


@login_required
@EDIT_FORM
def person_assign(request: HttpRequest, pk: int) -> HttpResponse:
    """Put a person in a seat from a start date, at an FTE and level."""
    membership = current_membership(request)
    person = get_person_for(membership, pk, services.ACTIONS[Assignment])
    assert membership is not None
    page = reverse("org:person", args=[person.pk])
    return _form_page(
        request,
        membership,
        model=Assignment,
        fields=forms.ASSIGNMENT_FORM,
        initial={"start": _today(), "fte": "1.00", "level": "senior", "accountable": True},
        fixed={"person": person.pk},
        title=f"Assign {person.name} to a seat",
        crumbs=[(reverse("org:people"), "People"), (page, person.name)],
        cancel=page,
        success=lambda o: page,
        done=lambda o: f"{person.name} now fills “{o.seat.name}”.",
        submit="Assign",
    )


def _end_required(data: dict[str, Any]) -> list[Problem]:
    # Blank would reopen the assignment; ending one needs a date.
    if data.get("end") is None:
        return [Problem("end", "is required to end the assignment; use a date like 2024-03-01")]
    return []


@login_required
@EDIT_FORM
def assignment_end(request: HttpRequest, pk: int) -> HttpResponse:
    """End a person's time in a seat (the date defaults to today); the record is kept."""
    membership = current_membership(request)
    obj = get_assignment_for(membership, pk, services.ACTIONS[Assignment])
    assert membership is not None
    page = reverse("org:person", args=[obj.person_id])
    start = f" They started on {obj.start.isoformat()}." if obj.start else ""
    return _form_page(
        request,
        membership,
        model=Assignment,
        obj=obj,
        fields=forms.END_FORM,
        initial={"end": obj.end.isoformat() if obj.end else _today()},
        precheck=_end_required,
        title=f"End {obj.person.name} in “{obj.seat.name}”",
        intro=f"The seat becomes vacant unless someone else is accountable for it.{start}",
        crumbs=[(reverse("org:people"), "People"), (page, obj.person.name)],
        cancel=page,
        success=lambda o: page,
        done=lambda o: f"{o.person.name} left “{o.seat.name}” on {o.end.isoformat()}.",
        submit="End assignment",
    )


# --- Role and team pages (where a saved role or team lands) -------------------------


@login_required
@require_GET
def roles(request: HttpRequest) -> HttpResponse:
    """The practice's role definitions with how many seats use each, 50 a page."""
    membership = require(current_membership(request), Action.VIEW)
    qs = (
        Role.objects.filter(practice_id=membership.practice_id)
        .annotate(seat_count=Count("seats"))
        .order_by("title", "pk")
    )
    text = _search_text(request)
    if text:
        qs = qs.filter(Q(title__icontains=text) | Q(purpose__icontains=text))
    page = Paginator(qs, LIST_PAGE).get_page(request.GET.get("page"))
    return render(request, "org/edit/roles.html", {"page": page, "q": text})


@login_required
@require_GET
def role(request: HttpRequest, pk: int) -> HttpResponse:
    """One role's definition and the seats that use it."""
    obj = get_role_for(current_membership(request), pk)
    seats = Seat.objects.filter(practice_id=obj.practice_id, role=obj)
    return render(
        request,
        "org/edit/role.html",
        {"role": obj, "seats": _seat_rows(seats), "total": seats.count()},
    )


@login_required
@require_GET
def teams(request: HttpRequest) -> HttpResponse:
    """The practice's teams with their goal, managing seat and size, 50 a page."""
    membership = require(current_membership(request), Action.VIEW)
    qs = (
        Team.objects.filter(practice_id=membership.practice_id)
        .select_related("manager_seat")
        .annotate(seat_count=Count("seats"))
        .order_by("name", "pk")
    )
    text = _search_text(request)
    if text:
        qs = qs.filter(Q(name__icontains=text) | Q(goal__icontains=text))
    page = Paginator(qs, LIST_PAGE).get_page(request.GET.get("page"))
    return render(request, "org/edit/teams.html", {"page": page, "q": text})


@login_required
@require_GET
def team(request: HttpRequest, pk: int) -> HttpResponse:
    """One team: goal, managing seat and its seats."""
    obj = get_team_for(current_membership(request), pk)
    manager = (
        _seat_rows(Seat.objects.filter(practice_id=obj.practice_id, pk=obj.manager_seat_id))
        if obj.manager_seat_id
        else []
    )
    seats = Seat.objects.filter(practice_id=obj.practice_id, team=obj)
    return render(
        request,
        "org/edit/team.html",
        {
            "team": obj,
            "manager": manager[0] if manager else None,
            "seats": _seat_rows(seats),
            "total": seats.count(),
        },
    )


def _seat_rows(qs: models.QuerySet[Seat]) -> list[dict[str, Any]]:
    """The first ``SEATS_SHOWN`` seats of ``qs`` with their current person (one query)."""
    person = (
        Assignment.objects.filter(seat_id=OuterRef("pk"), end__isnull=True, accountable=True)
        .order_by()
        .values("person__name")[:1]
    )
    return list(
        qs.order_by("name", "pk")
        .annotate(person=Subquery(person))
        .values("pk", "name", "kind", "location__name", "person")[:SEATS_SHOWN]
    )
