"""The Archive / Restore button on seat, person, location and team pages (thin view)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.views.decorators.http import require_POST

from practiceos.core.problems import InputError
from practiceos.org.access import (
    get_location_for,
    get_person_for,
    get_role_for,
    get_seat_for,
    get_team_for,
)
from practiceos.org.archiving import archive_object, restore_object
from practiceos.tenancy.current import current_membership

PAGES = {
    "seats": (get_seat_for, "org:seat"),
    "people": (get_person_for, "org:person"),
    "locations": (get_location_for, "org:location"),
    "teams": (get_team_for, "org:team"),
    "roles": (get_role_for, "org:role"),
}


@login_required
@require_POST
def toggle(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    """Archive the object, or restore it when archived; back to its page with the outcome."""
    if kind not in PAGES:
        raise Http404("No such kind of object")
    load, page = PAGES[kind]
    membership = current_membership(request)
    obj = load(membership, pk)
    try:
        if obj.archived_at is None:
            archive_object(actor=membership, obj=obj)
            messages.success(request, f'"{obj}" is archived: off the chart and the checks.')
        else:
            restore_object(actor=membership, obj=obj)
            messages.success(request, f'"{obj}" is restored.')
    except InputError as exc:
        for problem in exc.problems:
            messages.error(request, f"Not archived: {problem.message}")
    return redirect(page, pk=obj.pk)
