"""Finding scenarios: scoped to the caller's practice inside the query (outsiders: 404)."""

from __future__ import annotations

from django.db.models import QuerySet

from practiceos.scenarios.models import Scenario
from practiceos.tenancy.access import get_object_for, require
from practiceos.tenancy.models import Membership
from practiceos.tenancy.permissions import Action

#: Drafting and discarding scenarios changes no live data but decides the structure.
EDIT = Action.EDIT_STRUCTURE
#: Publishing rewrites the live chart, as loading an org file does.
PUBLISH = Action.MANAGE_PRACTICE


def get_scenario_for(
    membership: Membership | None, pk: object, action: Action = Action.VIEW
) -> Scenario:
    """The scenario ``pk`` of the caller's practice, with its owner (404 otherwise; 403 if
    ``action`` is refused)."""
    qs = Scenario.objects.select_related("owner", "published_by")
    return get_object_for(membership, Scenario, pk, action=action, queryset=qs)


def scenarios_of(membership: Membership | None) -> QuerySet[Scenario]:
    """The caller's practice's scenarios, newest first, with their owners (one query)."""
    membership = require(membership, Action.VIEW)
    return Scenario.objects.filter(practice_id=membership.practice_id).select_related("owner")
