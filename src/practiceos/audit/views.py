"""Audit history pages: the practice's log (filters, pages), and one object's history."""

from __future__ import annotations

from functools import lru_cache

from django.apps import apps
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from practiceos.audit.display import readable, type_label
from practiceos.audit.models import AuditAction, AuditRecord
from practiceos.audit.search import PAGE_SIZE, parse_filter, search
from practiceos.audit.services import CONFIDENTIAL_TYPES
from practiceos.tenancy.access import require
from practiceos.tenancy.current import current_membership
from practiceos.tenancy.models import Membership
from practiceos.tenancy.permissions import Action, allows


@lru_cache(maxsize=1)
def object_types() -> list[str]:
    """The kinds of object the log can record, as filter choices: every tenant model
    (one with a ``practice`` field) of every installed app, and the practice itself, so
    an app added later is filterable without a change here."""
    found = {"tenancy.practice"}
    for model in apps.get_models():
        if model._meta.app_label == "audit":
            continue
        if "practice" in {f.name for f in model._meta.concrete_fields}:
            found.add(model._meta.label_lower)
    return sorted(found)


@login_required
@require_GET
def recent(request: HttpRequest) -> HttpResponse:
    """The practice's audit log, newest first, 50 a page, filtered by person, kind of
    object, action, dates and text. Owners and admins also see confidential reads.

    Queries: session, user, membership, the people for the filter, the count, the page,
    and one per kind of object the page's changes name: fixed whatever the log's size.
    """
    membership = require(current_membership(request), Action.VIEW)
    include_reads = allows(membership.role, Action.SEARCH_AUDIT)
    # Confidential kinds (reviews, plans ...) are not even offered as a filter to those who
    # may not see them.
    types = [t for t in object_types() if include_reads or t not in CONFIDENTIAL_TYPES]
    filters, problems = parse_filter(request.GET, types)
    rows = search(membership.practice_id, filters, include_reads=include_reads)
    if not include_reads:
        # Even that a plan or a conversation exists is confidential to the person's chain.
        rows = rows.exclude(object_type__in=CONFIDENTIAL_TYPES)
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page", "1")[:10])
    records = readable(page.object_list, membership.practice_id)
    people = list(
        Membership.objects.filter(practice_id=membership.practice_id)
        .order_by("user__username")
        .values_list("user__username", flat=True)
    )
    actions = [
        (v, label) for v, label in AuditAction.choices if include_reads or v != AuditAction.READ
    ]
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "records": records,
        "page": page,
        "title": "Audit log",
        "filters": filters,
        "errors": {p.where: p.message for p in problems},
        "people": people,
        "types": [(t, type_label(t)) for t in types],
        "actions": actions,
        "query": query.urlencode(),
        "include_reads": include_reads,
    }
    return render(request, "audit/log.html", context, status=422 if problems else 200)


@login_required
def history(request: HttpRequest, object_type: str, object_id: str) -> HttpResponse:
    """Every recorded change to one object of the caller's practice (404 if there is none)."""
    membership = require(current_membership(request), Action.VIEW)
    if object_type in CONFIDENTIAL_TYPES and not allows(membership.role, Action.SEARCH_AUDIT):
        raise Http404("No history")
    if "\x00" in object_type or "\x00" in object_id:
        raise Http404("No history")  # PostgreSQL cannot even compare text holding NUL
    rows = AuditRecord.objects.filter(
        practice_id=membership.practice_id, object_type=object_type, object_id=object_id
    ).select_related("actor")
    if not allows(membership.role, Action.SEARCH_AUDIT):
        rows = rows.exclude(action=AuditAction.READ)
    records = readable(rows[:500], membership.practice_id)
    if not records:
        # An object of this practice may simply have no recorded change yet (bulk-loaded
        # demo rows); anything else, including another practice's objects, is a 404.
        obj = _tenant_object(object_type, object_id, membership.practice_id)
        if obj is None:
            raise Http404("No history")
        return render(request, "audit/history.html", {"records": [], "title": f"History of {obj}"})
    return render(
        request,
        "audit/history.html",
        {"records": records, "title": f"History of {records[0].object_repr}"},
    )


def _tenant_object(object_type: str, object_id: str, practice_id: int) -> object | None:
    """The object ``object_type``/``object_id`` if it is a tenant row of this practice."""
    try:
        model = apps.get_model(object_type)
    except (LookupError, ValueError):
        return None
    if not (object_id.isascii() and object_id.isdigit()) or "practice" not in {
        f.name for f in model._meta.fields
    }:
        return None
    return model._default_manager.filter(practice_id=practice_id, pk=int(object_id)).first()
