"""Audit history pages: recent changes in the practice, and one object's history."""

from __future__ import annotations

from django.apps import apps
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from practiceos.audit.models import AuditRecord
from practiceos.audit.services import CONFIDENTIAL_TYPES
from practiceos.tenancy.access import require
from practiceos.tenancy.current import current_membership
from practiceos.tenancy.permissions import Action, allows


@login_required
def recent(request: HttpRequest) -> HttpResponse:
    """The latest changes in the caller's practice."""
    membership = require(current_membership(request), Action.VIEW)
    records = AuditRecord.objects.filter(practice_id=membership.practice_id)
    if not allows(membership.role, Action.MANAGE_PRACTICE):
        records = records.exclude(object_type__in=CONFIDENTIAL_TYPES)
    records = records.select_related("actor")[:100]
    return render(request, "audit/history.html", {"records": records, "title": "Recent changes"})


@login_required
def history(request: HttpRequest, object_type: str, object_id: str) -> HttpResponse:
    """Every recorded change to one object of the caller's practice (404 if there is none)."""
    membership = require(current_membership(request), Action.VIEW)
    if object_type in CONFIDENTIAL_TYPES and not allows(membership.role, Action.MANAGE_PRACTICE):
        raise Http404("No history")
    records = list(
        AuditRecord.objects.filter(
            practice_id=membership.practice_id, object_type=object_type, object_id=object_id
        ).select_related("actor")[:500]
    )
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
    if not object_id.isdigit() or "practice" not in {f.name for f in model._meta.fields}:
        return None
    return model._default_manager.filter(practice_id=practice_id, pk=int(object_id)).first()
