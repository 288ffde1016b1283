"""Chart, seat, person and location pages (thin: access helper, then render)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from practiceos.org.access import get_location_for, get_person_for, get_seat_for
from practiceos.org.models import Location, Person
from practiceos.tenancy.access import require
from practiceos.tenancy.current import current_membership
from practiceos.tenancy.permissions import Action


@login_required
def chart(request: HttpRequest) -> HttpResponse:
    """The accountability chart."""
    membership = require(current_membership(request), Action.VIEW)
    return render(request, "org/chart.html", {"membership": membership})


@login_required
def people(request: HttpRequest) -> HttpResponse:
    """Everyone in the practice."""
    membership = require(current_membership(request), Action.VIEW)
    rows = Person.objects.filter(practice_id=membership.practice_id)[:200]
    return render(request, "org/people.html", {"people": rows})


@login_required
def person(request: HttpRequest, pk: int) -> HttpResponse:
    """One person and their seats."""
    obj = get_person_for(current_membership(request), pk)
    return render(request, "org/person.html", {"person": obj})


@login_required
def locations(request: HttpRequest) -> HttpResponse:
    """The practice's locations."""
    membership = require(current_membership(request), Action.VIEW)
    rows = Location.objects.filter(practice_id=membership.practice_id)
    return render(request, "org/locations.html", {"locations": rows})


@login_required
def location(request: HttpRequest, pk: int) -> HttpResponse:
    """One location and its seats."""
    obj = get_location_for(current_membership(request), pk)
    return render(request, "org/location.html", {"location": obj})


@login_required
def seat(request: HttpRequest, pk: int) -> HttpResponse:
    """One seat: role, manager, reports, service lines, people."""
    obj = get_seat_for(current_membership(request), pk)
    return render(request, "org/seat.html", {"seat": obj})
