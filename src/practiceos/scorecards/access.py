"""One access helper per object type: scoped to the caller's practice inside the query.

An object of another practice is a 404 exactly like a missing one. A private measurable
or priority is also a 404 for someone outside its owner's manager chain.
"""

from __future__ import annotations

from django.http import Http404

from practiceos.scorecards.models import (
    Dependency,
    Measurable,
    Milestone,
    Priority,
    TeamGoal,
)
from practiceos.scorecards.reading import can_see_private
from practiceos.tenancy.access import get_object_for
from practiceos.tenancy.models import Membership
from practiceos.tenancy.permissions import Action


def _visible(membership: Membership, obj: Measurable | Priority) -> None:
    if obj.visibility == "private" and obj.seat_id not in can_see_private(
        membership, {obj.seat_id} if obj.seat_id else set()
    ):
        raise Http404(f"No {obj._meta.verbose_name} {obj.pk}")


def get_measurable_for(
    membership: Membership | None, pk: object, action: Action = Action.VIEW
) -> Measurable:
    """The measurable ``pk`` in the caller's practice, with its seat and team."""
    qs = Measurable.objects.select_related("seat", "team")
    obj = get_object_for(membership, Measurable, pk, action=action, queryset=qs)
    assert membership is not None
    _visible(membership, obj)
    return obj


def get_team_goal_for(
    membership: Membership | None, pk: object, action: Action = Action.VIEW
) -> TeamGoal:
    """The team goal ``pk`` in the caller's practice."""
    qs = TeamGoal.objects.select_related("team")
    return get_object_for(membership, TeamGoal, pk, action=action, queryset=qs)


def get_priority_for(
    membership: Membership | None, pk: object, action: Action = Action.VIEW
) -> Priority:
    """The priority ``pk`` in the caller's practice, with its seat and team."""
    qs = Priority.objects.select_related("seat", "team", "team_goal")
    obj = get_object_for(membership, Priority, pk, action=action, queryset=qs)
    assert membership is not None
    _visible(membership, obj)
    return obj


def get_milestone_for(
    membership: Membership | None, pk: object, action: Action = Action.VIEW
) -> Milestone:
    """The milestone ``pk`` in the caller's practice."""
    qs = Milestone.objects.select_related("priority")
    return get_object_for(membership, Milestone, pk, action=action, queryset=qs)


def get_dependency_for(
    membership: Membership | None, pk: object, action: Action = Action.VIEW
) -> Dependency:
    """The dependency ``pk`` in the caller's practice, with both sides."""
    qs = Dependency.objects.select_related(
        "from_measurable", "from_priority", "to_measurable", "to_priority"
    )
    return get_object_for(membership, Dependency, pk, action=action, queryset=qs)
