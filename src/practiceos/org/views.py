"""Chart, seat, person and location pages (thin: access helper, a query from ``chart``, render).

Every view finds the caller's membership first; objects come through ``org.access`` so
another practice's ids are a 404, chart fragments included.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from practiceos.org import chart as queries
from practiceos.org import chart_view
from practiceos.org.access import get_location_for, get_person_for, get_seat_for
from practiceos.tenancy.access import require
from practiceos.tenancy.current import current_membership
from practiceos.tenancy.permissions import Action
from practiceos.web.htmx import render_page_or_fragment
from practiceos.web.params import search_text


def _int_param(request: HttpRequest, name: str) -> int | None:
    value = request.GET.get(name, "")
    return int(value) if value.isdigit() else None


@login_required
@require_GET
def chart(request: HttpRequest) -> HttpResponse:
    """The accountability chart: top seats two levels deep; ``?focus=<seat>`` reveals one.

    ``?colour=kind|location|team`` colours the cards, ``?location=<id>`` and ``?team=<id>``
    dim the seats outside that location or team (the page keeps these in its address).
    """
    membership = require(current_membership(request), Action.VIEW)
    pid = membership.practice_id
    focus = _int_param(request, "focus")
    # An id from another practice gives an empty path: the chart opens as if unfocused.
    path = queries.seat_path(pid, focus) if focus else []
    roots = queries.initial_chart(pid, focus_root=path[0] if path else None)
    view = chart_view.chart_view(request.GET)
    kinds, locations, teams = chart_view.legends(pid, view)
    return render(
        request,
        "org/chart.html",
        {
            "level": roots,
            "legend": kinds,
            "locations": locations,
            "teams": teams,
            "view": view,
            "focus_path": ",".join(str(pk) for pk in path),
        },
    )


@login_required
@require_GET
def chart_children(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    """A page of a seat's reports (or of the top seats) as chart cards, for htmx.

    ``?offset=N`` pages on (returns list items to replace the "show more" button);
    ``?focus=<seat>`` makes sure that report is in the answer (used to reveal a seat).
    """
    membership = require(current_membership(request), Action.VIEW)
    # The manager is looked up through the access helper: another practice's seat is a 404.
    parent_id = get_seat_for(membership, pk).pk if pk is not None else None
    offset = _int_param(request, "offset") or 0
    level = queries.children_of(
        membership.practice_id,
        parent_id,
        offset=offset,
        focus=_int_param(request, "focus"),
    )
    template = "org/htmx/chart_more.html" if offset else "org/htmx/chart_children.html"
    return render(request, template, {"level": level})


@login_required
@require_GET
def chart_path(request: HttpRequest, pk: int) -> JsonResponse:
    """The seat ids from the top of the chart down to seat ``pk`` (to reveal it)."""
    seat = get_seat_for(current_membership(request), pk)
    return JsonResponse({"path": queries.seat_path(seat.practice_id, seat.pk)})


@login_required
@require_GET
def chart_lines(request: HttpRequest, pk: int) -> JsonResponse:
    """The seats seat ``pk`` serves and the seats that serve it, for the chart's dashed
    service lines (drawn on demand, so the chart never loads every link)."""
    seat = get_seat_for(current_membership(request), pk)
    return JsonResponse(chart_view.service_lines(seat.practice_id, seat.pk))


@login_required
@require_GET
def chart_search(request: HttpRequest) -> HttpResponse:
    """People and seats matching ``?q=`` for the chart's find box (an htmx fragment)."""
    membership = require(current_membership(request), Action.VIEW)
    text = search_text(request)
    results = queries.search(membership.practice_id, text)
    return render(request, "org/htmx/chart_search.html", {"results": results, "q": text.strip()})


@login_required
@require_GET
def seat(request: HttpRequest, pk: int) -> HttpResponse:
    """One seat: role, manager, reports, service lines, current and past people."""
    obj = get_seat_for(current_membership(request), pk)
    info = queries.seat_page(obj.practice_id, obj)
    return render(request, "org/seat.html", {"seat": obj, "info": info})


@login_required
@require_GET
def people(request: HttpRequest) -> HttpResponse:
    """Everyone in the practice, 50 a page, searchable by name, email or employee id."""
    membership = require(current_membership(request), Action.VIEW)
    text = search_text(request)
    page = queries.people_list(membership.practice_id, text, request.GET.get("page"))
    context = {"page": page, "q": text.strip()}
    return render_page_or_fragment(request, "org/people.html", "org/htmx/people_rows.html", context)


@login_required
@require_GET
def person(request: HttpRequest, pk: int) -> HttpResponse:
    """One person and the seats they fill and filled."""
    obj = get_person_for(current_membership(request), pk)
    current, past = queries.person_assignments(obj.practice_id, obj)
    return render(request, "org/person.html", {"person": obj, "current": current, "past": past})


@login_required
@require_GET
def locations(request: HttpRequest) -> HttpResponse:
    """The practice's locations, 50 a page, searchable by name or address."""
    membership = require(current_membership(request), Action.VIEW)
    text = search_text(request)
    page = queries.locations_list(membership.practice_id, text, request.GET.get("page"))
    context = {"page": page, "q": text.strip()}
    return render_page_or_fragment(
        request, "org/locations.html", "org/htmx/location_rows.html", context
    )


@login_required
@require_GET
def location(request: HttpRequest, pk: int) -> HttpResponse:
    """One location: its seats by kind with people, and who manages it."""
    obj = get_location_for(current_membership(request), pk)
    info = queries.location_page(obj.practice_id, obj)
    return render(request, "org/location.html", {"location": obj, "info": info})
