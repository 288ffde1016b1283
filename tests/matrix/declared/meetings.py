"""Meetings: the overview, a team's meeting page, set-up, agenda, runs (live, sections,
headlines, ratings, recap), the issues list and to-dos; and their API.

Anyone in the practice reads (VIEW). Setting up or rescheduling a meeting needs
LEAD_MEETINGS; taking part (agenda, starting, issues, to-dos, headlines, ratings) is for
the people on the team and LEAD_MEETINGS roles, and moving or ending a run for its
facilitator and those roles: of the cast, the member is on no team (403). A web write
answers a redirect back whether it was saved or refused with a message (302).
"""

import datetime as dt

from practiceos.tenancy.permissions import Action
from tests.matrix.declare import Rule, op, page

LEAD = Action.LEAD_MEETINGS
#: Taking part: on the team, or a LEAD_MEETINGS role; the member persona is neither.
PART = Action.LEAD_MEETINGS
BACK = frozenset({302})


class _Room:
    """Surgical Services' weekly meeting, an open run of it (the owner facilitates), an
    open issue and a to-do owned by Bob."""

    def __init__(self, w):
        from practiceos.meetings import services

        owner, team = w.personas.owner, w.chart.team
        self.meeting = services.create_meeting(
            actor=owner, team=team, name="Surgical weekly", weekday=1, start_time="08:00"
        )
        self.run = services.start_run(actor=owner, meeting=self.meeting)
        self.issue = services.raise_issue(actor=owner, team=team, title="Trays arrive late")
        self.todo = services.add_todo(
            actor=owner, team=team, title="Call the sterile supplier", owner_id=w.chart.bob.pk
        )


def _r(w) -> _Room:
    return w.cached("meetings.room", lambda: _Room(w))


def _team(w):
    return {"pk": w.chart.team.pk}


def _meeting(w):
    return {"pk": _r(w).meeting.pk}


def _run(w):
    return {"pk": _r(w).run.pk}


def _issue(w):
    return {"pk": _r(w).issue.pk}


PAGES = [
    page("meetings:overview"),
    page("meetings:team", args=_team),
    # The team has its meeting already: allowed personas are told so (and sent back).
    page(
        "meetings:setup",
        args=_team,
        get=None,
        post=Rule(LEAD, data=lambda w: {"name": "Second", "weekday": "2"}, ok=BACK),
    ),
    page(
        "meetings:raise-issue",
        args=_team,
        get=None,
        post=Rule(PART, data=lambda w: {"title": "Gloves run out"}, ok=BACK),
    ),
    page(
        "meetings:add-todo",
        args=_team,
        get=None,
        post=Rule(PART, data=lambda w: {"title": "Order gloves", "owner": w.chart.bob.pk}, ok=BACK),
    ),
    page("meetings:decisions", args=_team),
    page(
        "meetings:agenda",
        args=_meeting,
        get=None,
        post=Rule(PART, data=lambda w: {"minutes_checkin": "5"}, ok=BACK),
    ),
    page(
        "meetings:schedule",
        args=_meeting,
        get=None,
        post=Rule(LEAD, data=lambda w: {"name": "Surgical huddle"}, ok=BACK),
    ),
    # A run is open already: allowed personas are sent to the team page with a message.
    page("meetings:start", args=_meeting, get=None, post=Rule(PART, ok=BACK)),
    page("meetings:run", args=_run),
    page("meetings:live", args=_run),
    page(
        "meetings:section",
        args=_run,
        get=None,
        post=Rule(LEAD, data=lambda w: {"section": "scorecard"}, ok=BACK),
    ),
    page("meetings:end", args=_run, get=None, post=Rule(LEAD, ok=BACK)),
    page(
        "meetings:headline",
        args=_run,
        get=None,
        post=Rule(PART, data=lambda w: {"kind": "staff_good", "text": "New scrub tech"}, ok=BACK),
    ),
    page(
        "meetings:rate",
        args=_run,
        get=None,
        post=Rule(PART, data=lambda w: {"score": "8"}, ok=BACK),
    ),
    page("meetings:recap", args=_run),
    page("meetings:recap-pdf", args=_run),
    page("meetings:issue", args=_issue),
    page(
        "meetings:solve",
        args=_issue,
        get=None,
        post=Rule(PART, data=lambda w: {"decision": "Ask for 7am delivery"}, ok=BACK),
    ),
    page(
        "meetings:top", args=_issue, get=None, post=Rule(PART, data=lambda w: {"top": "1"}, ok=BACK)
    ),
    page(
        "meetings:move",
        args=_issue,
        get=None,
        post=Rule(PART, data=lambda w: {"to": "long_term"}, ok=BACK),
    ),
    # Bob (no login) owns the to-do: ticking it off is for those taking part.
    page(
        "meetings:todo-done",
        args=lambda w: {"pk": _r(w).todo.pk},
        get=None,
        post=Rule(PART, data=lambda w: {"done": "1"}, ok=BACK),
    ),
]


def _team_id(w):
    _r(w)
    return {"team_id": w.chart.team.pk}


OPERATIONS = [
    op("GET /api/meetings/teams/{team_id}/issues", Action.VIEW, params=_team_id),
    op(
        "POST /api/meetings/teams/{team_id}/issues",
        Rule(PART, data=lambda w: {"title": "Gloves run out"}, ok=frozenset({201})),
        params=_team_id,
    ),
    op(
        "POST /api/meetings/issues/{issue_id}/solve",
        Rule(PART, data=lambda w: {"decision": "Ask for 7am delivery"}, ok=frozenset({200})),
        params=lambda w: {"issue_id": _r(w).issue.pk},
    ),
    op("GET /api/meetings/todos", Action.VIEW),
    op(
        "POST /api/meetings/teams/{team_id}/todos",
        Rule(
            PART,
            data=lambda w: {
                "title": "Order gloves",
                "owner": w.chart.bob.pk,
                "due": (dt.date.today() + dt.timedelta(days=7)).isoformat(),
            },
            ok=frozenset({201}),
        ),
        params=_team_id,
    ),
    op(
        "POST /api/meetings/todos/{todo_id}/done",
        Rule(PART, data=lambda w: {"done": True}, ok=frozenset({200})),
        params=lambda w: {"todo_id": _r(w).todo.pk},
    ),
    op("GET /api/meetings/runs/{run_id}", Action.VIEW, params=lambda w: {"run_id": _r(w).run.pk}),
]
