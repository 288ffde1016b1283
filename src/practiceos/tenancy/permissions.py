"""The permission matrix: which membership role may do which action.

The one table of every action of every app: an app adds its ``Action`` members and their
rows in ``ALLOWED`` here, never a role list of its own. Kept as data so the declared
permission suite (tests/matrix) derives every expected answer from it, and ``practiceos
permissions`` prints it.
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
    RUN_CHECK = "run_check"  # start a health-check run (writes a report, not the structure)
    SEARCH_AUDIT = "search_audit"  # search the whole audit log, confidential reads included
    LEAD = "lead"  # the vision, decision areas and their deciding seats (leadership)
    ASK = "ask"  # raise asks, answer the asks routed to you, record your own time
    LEAD_MEETINGS = "lead_meetings"  # set up any team's meeting, facilitate and take part in any
    REVIEW_PEOPLE = "review_people"  # quarterly conversations, plans, one-on-ones (own chain)
    EDIT_NUMBERS = "edit_numbers"  # enter measurables' weekly numbers (grid, upload, feeds)
    EDIT_SCORECARD = "edit_scorecard"  # measurables, team goals, priorities, dependencies
    EDIT_PROCESSES = "edit_processes"  # core processes: steps, owners, reviews, archive
    RUN_CHECKLISTS = "run_checklists"  # start a process as a checklist and tick its steps
    HIRE = "hire"  # hiring plans, candidates, interview scores, the hire (own chain)


ALLOWED: dict[str, frozenset[Action]] = {
    MemberRole.OWNER: frozenset(Action),
    MemberRole.ADMIN: frozenset(Action),
    MemberRole.MANAGER: frozenset(
        {
            Action.VIEW,
            Action.EDIT_PEOPLE,
            Action.RUN_CHECK,
            Action.ASK,
            Action.LEAD_MEETINGS,
            Action.REVIEW_PEOPLE,
        }
    ),
    MemberRole.MEMBER: frozenset({Action.VIEW, Action.ASK}),
}

# Scorecards (issue 8): a manager keeps their team's numbers, measurables and priorities.
ALLOWED[MemberRole.MANAGER] |= {Action.EDIT_NUMBERS, Action.EDIT_SCORECARD}

# People accountability (issue 11): a manager holds conversations, plans and one-on-ones
# with the people below their seat (people.access checks the chain).
ALLOWED[MemberRole.MANAGER] |= {Action.REVIEW_PEOPLE}

# Core processes (issue 17): managers document and review processes; everyone who works
# in the practice runs them as checklists.
ALLOWED[MemberRole.MANAGER] |= {Action.EDIT_PROCESSES, Action.RUN_CHECKLISTS}
ALLOWED[MemberRole.MEMBER] |= {Action.RUN_CHECKLISTS}

# Hiring (issue 17): a manager hires into the seats below theirs (hiring.access checks
# the chain); candidates are confidential to that chain, owners and admins.
ALLOWED[MemberRole.MANAGER] |= {Action.HIRE}


def allows(role: str, action: Action) -> bool:
    """True when a membership with ``role`` may perform ``action``."""
    return action in ALLOWED.get(role, frozenset())


def matrix_rows() -> list[tuple[str, list[str]]]:
    """The table as (action, roles allowed) rows, in declaration order (for printing)."""
    return [
        (action.value, [role for role in MemberRole.values if action in ALLOWED.get(role, ())])
        for action in Action
    ]
