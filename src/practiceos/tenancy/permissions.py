"""The permission matrix: which membership role may do which action.

Kept as data so the declared permission suites in the tests can iterate over it.
"""

from __future__ import annotations

from enum import StrEnum

from practiceos.tenancy.models import MemberRole


class Action(StrEnum):
    """Kinds of thing a user can do inside a practice."""

    VIEW = "view"  # read anything in the practice
    EDIT_PEOPLE = "edit_people"  # people and assignments
    EDIT_STRUCTURE = "edit_structure"  # locations, teams, roles, seats, reporting and service lines
    MANAGE_PRACTICE = "manage_practice"  # org file load, roster import, members, others' tokens
    LEAD_MEETINGS = "lead_meetings"  # set up any team's meeting, facilitate and take part in any
    REVIEW_PEOPLE = "review_people"  # quarterly conversations, plans, one-on-ones (own chain)
    LEAD = "lead"  # the vision, decision areas and their deciding seats (leadership)
    ASK = "ask"  # raise asks, answer the asks routed to you, record your own time
    EDIT_NUMBERS = "edit_numbers"  # enter measurables' weekly numbers (grid, upload, feeds)
    EDIT_SCORECARD = "edit_scorecard"  # measurables, team goals, priorities, dependencies


ALLOWED: dict[str, frozenset[Action]] = {
    MemberRole.OWNER: frozenset(Action),
    MemberRole.ADMIN: frozenset(Action),
    MemberRole.MANAGER: frozenset(
        {Action.VIEW, Action.EDIT_PEOPLE, Action.ASK, Action.REVIEW_PEOPLE, Action.LEAD_MEETINGS}
    ),
    MemberRole.MEMBER: frozenset({Action.VIEW, Action.ASK}),
}

# Scorecards (issue 8): a manager keeps their team's numbers, measurables and priorities.
ALLOWED[MemberRole.MANAGER] |= {Action.EDIT_NUMBERS, Action.EDIT_SCORECARD}


def allows(role: str, action: Action) -> bool:
    """True when a membership with ``role`` may perform ``action``."""
    return action in ALLOWED.get(role, frozenset())
