"""Who may see and take part in a team's meetings, and one lookup helper per object type.

Any member of the practice may read meetings, issues lists, to-dos and decision logs
(``Action.VIEW``). Taking part (starting a run, raising an issue, adding a to-do or a
headline, rating) is for the people on the team (anyone whose current seat is in the
team or is its managing seat, support staff included) and for roles with
``Action.LEAD_MEETINGS`` (owners, admins, managers). Moving through sections is for the
run's facilitator and those roles. Every lookup filters by the caller's practice inside
the query: another practice's object is a 404, like a missing one.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Q

from practiceos.meetings.models import Meeting, MeetingRun, TeamIssue, ToDo
from practiceos.org.models import Assignment, Person, Team
from practiceos.tenancy.access import get_object_for, require
from practiceos.tenancy.models import Membership
from practiceos.tenancy.permissions import Action, allows


def person_of(membership: Membership) -> Person | None:
    """The person in the chart linked to the membership's login (cached; one query)."""
    cached = getattr(membership, "_meeting_person", False)
    if cached is not False:
        return cached  # type: ignore[no-any-return]
    person = (
        Person.objects.filter(practice_id=membership.practice_id, user_id=membership.user_id)
        .order_by("id")
        .first()
    )
    membership._meeting_person = person  # type: ignore[attr-defined]
    return person


def current_filter(prefix: str = "", on: dt.date | None = None) -> Q:
    """Assignments current on ``on`` (today): started (or no start), not yet ended."""
    on = on or dt.date.today()
    return (Q(**{f"{prefix}start__isnull": True}) | Q(**{f"{prefix}start__lte": on})) & (
        Q(**{f"{prefix}end__isnull": True}) | Q(**{f"{prefix}end__gt": on})
    )


def team_ids_of(membership: Membership) -> frozenset[int]:
    """Teams whose meetings the membership's person is on (cached; one query after
    :func:`person_of`): teams of their current seats, and teams their seat manages."""
    cached = getattr(membership, "_meeting_teams", None)
    if cached is not None:
        return cached  # type: ignore[no-any-return]
    person = person_of(membership)
    found: set[int] = set()
    if person is not None:
        rows = Assignment.objects.filter(current_filter(), person_id=person.pk).values_list(
            "seat__team_id", "seat__managed_teams__id"
        )
        for team_id, managed_id in rows:
            found.update(i for i in (team_id, managed_id) if i is not None)
    result = frozenset(found)
    membership._meeting_teams = result  # type: ignore[attr-defined]
    return result


def may_take_part(membership: Membership | None, team_id: int) -> bool:
    """True when the membership may take part in the team's meetings and issues list."""
    if membership is None:
        return False
    if allows(membership.role, Action.LEAD_MEETINGS):
        return True
    return team_id in team_ids_of(membership)


def require_part(membership: Membership | None, team_id: int) -> Membership:
    """The membership if it may take part in the team's meetings; 404 without one, 403 else."""
    membership = require(membership, Action.VIEW)
    if not may_take_part(membership, team_id):
        raise PermissionDenied(
            "Only people on this team (or owners, admins and managers) can take part in its meetings."
        )
    return membership


def may_facilitate(membership: Membership | None, run: MeetingRun) -> bool:
    """True for the run's facilitator and for roles that lead meetings."""
    if membership is None:
        return False
    return run.facilitator_id == membership.user_id or allows(membership.role, Action.LEAD_MEETINGS)


def get_team_for(membership: Membership | None, pk: Any) -> Team:
    """The team ``pk`` of the caller's practice (404 otherwise)."""
    return get_object_for(membership, Team, pk)


def get_meeting_for(membership: Membership | None, pk: Any) -> Meeting:
    """The meeting ``pk`` of the caller's practice, with its team (404 otherwise)."""
    return get_object_for(membership, Meeting, pk, queryset=Meeting.objects.select_related("team"))


def get_run_for(membership: Membership | None, pk: Any) -> MeetingRun:
    """The meeting run ``pk`` of the caller's practice, with meeting and team (404 otherwise)."""
    return get_object_for(
        membership, MeetingRun, pk, queryset=MeetingRun.objects.select_related("meeting", "team")
    )


def get_issue_for(membership: Membership | None, pk: Any) -> TeamIssue:
    """The team issue ``pk`` of the caller's practice, with its team (404 otherwise)."""
    return get_object_for(
        membership,
        TeamIssue,
        pk,
        queryset=TeamIssue.objects.select_related("team", "raiser", "decided_by"),
    )


def get_todo_for(membership: Membership | None, pk: Any) -> ToDo:
    """The to-do ``pk`` of the caller's practice, with its owner (404 otherwise)."""
    return get_object_for(
        membership, ToDo, pk, queryset=ToDo.objects.select_related("owner", "team")
    )
