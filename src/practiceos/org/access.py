"""One access helper per object type: scoped to the caller's practice inside the query."""

from __future__ import annotations

from practiceos.org.models import Assignment, Location, Person, Role, Seat, Team
from practiceos.tenancy.access import get_object_for
from practiceos.tenancy.models import Membership
from practiceos.tenancy.permissions import Action


def get_location_for(
    membership: Membership | None, pk: object, action: Action = Action.VIEW
) -> Location:
    """The location ``pk`` in the caller's practice (404 otherwise; 403 if ``action`` is refused)."""
    return get_object_for(membership, Location, pk, action=action)


def get_team_for(membership: Membership | None, pk: object, action: Action = Action.VIEW) -> Team:
    """The team ``pk`` in the caller's practice."""
    return get_object_for(membership, Team, pk, action=action)


def get_role_for(membership: Membership | None, pk: object, action: Action = Action.VIEW) -> Role:
    """The role ``pk`` in the caller's practice."""
    return get_object_for(membership, Role, pk, action=action)


def get_seat_for(membership: Membership | None, pk: object, action: Action = Action.VIEW) -> Seat:
    """The seat ``pk`` in the caller's practice, with its role, location, team and manager."""
    qs = Seat.objects.select_related("role", "location", "team", "reports_to")
    return get_object_for(membership, Seat, pk, action=action, queryset=qs)


def get_person_for(
    membership: Membership | None, pk: object, action: Action = Action.VIEW
) -> Person:
    """The person ``pk`` in the caller's practice."""
    return get_object_for(membership, Person, pk, action=action)


def get_assignment_for(
    membership: Membership | None, pk: object, action: Action = Action.VIEW
) -> Assignment:
    """The assignment ``pk`` in the caller's practice, with its person and seat."""
    qs = Assignment.objects.select_related("person", "seat")
    return get_object_for(membership, Assignment, pk, action=action, queryset=qs)
