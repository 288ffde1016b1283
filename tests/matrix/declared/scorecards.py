"""Scorecards: the team scorecards, rollup, library, pulse, number entry and uploads,
set-up (measurables, team goals, priorities, milestones) and alignment; and their API.

Numbers need EDIT_NUMBERS, set-up and alignment writes EDIT_SCORECARD (owners, admins
and managers, any team's); the pulse is each person's own (VIEW). The other practice's
owner acts in its own practice when the request names no acme object in its path: a
body naming acme's team, measurables or keys is refused there (404 or 422), unchanged.
"""

import datetime as dt
from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile

from practiceos.core import scorecard as sc
from practiceos.tenancy.permissions import Action
from tests.matrix.declare import Rule, op, page

NUMBERS = Action.EDIT_NUMBERS
SETUP = Action.EDIT_SCORECARD
REDIRECT = frozenset({302})
WEEK = sc.week_start(dt.date.today())
LABEL = sc.week_label(WEEK)


class _Board:
    """Measurables, a team goal, a priority and a dependency on Surgical Services."""

    def __init__(self, w):
        from practiceos.scorecards.models import (
            Dependency,
            GoalLink,
            Measurable,
            Priority,
            TeamGoal,
        )

        c, p = w.chart, w.personas.acme
        self.team = c.team
        self.goal = TeamGoal.objects.create(practice=p, team=c.team, name="Start on time")
        self.cases = Measurable.objects.create(
            practice=p, team=c.team, seat=c.surgeon_seat, name="Cases", key="cases",
            operator="gte", goal_low=Decimal(10),
        )  # fmt: skip
        self.on_time = Measurable.objects.create(
            practice=p, team=c.team, seat=c.tech_seat, name="First case on time", key="on-time",
            unit="percent", operator="gte", goal_low=Decimal(95), position=1,
        )  # fmt: skip
        GoalLink.objects.create(practice=p, measurable=self.on_time, team_goal=self.goal)
        self.priority = Priority.objects.create(
            practice=p, team=c.team, seat=c.manager_seat, team_goal=self.goal,
            title="Second theatre staffed", due=WEEK + dt.timedelta(days=60),
        )  # fmt: skip
        self.dependency = Dependency.objects.create(
            practice=p, from_measurable=self.cases, to_measurable=self.on_time
        )


def _b(w) -> _Board:
    return w.cached("scorecards.board", lambda: _Board(w))


def _milestone(w):
    from practiceos.scorecards.models import Milestone

    return w.cached(
        "scorecards.milestone",
        lambda: Milestone.objects.create(
            practice=w.personas.acme, priority=_b(w).priority, title="Theatre nurse hired"
        ),
    )


def _numbers(w):
    _b(w)  # the measurable the body names by its key
    return {"entries": [{"measurable": "cases", "period": WEEK.isoformat(), "value": 12}]}


def _team(w):
    return {"pk": _b(w).team.pk}


def _csv(w):
    _b(w)  # the measurable the file names by its key
    return f"measurable,period,value\ncases,{LABEL},14\n".encode()


def _upload(w):
    return {"file": SimpleUploadedFile("numbers.csv", _csv(w))}


TOKEN = "0123456789abcdef0123456789abcdef"


def _confirm(w):
    """A previewed upload waiting for every persona who may enter numbers (each login
    has its own; confirming removes it)."""
    from practiceos.scorecards.models import PendingUpload

    _b(w)
    for name in ("owner", "admin", "manager", "manager_other", "outsider"):
        membership = w.personas.outsider if name == "outsider" else None
        if membership is None:
            membership = w.users[name].memberships.get(practice=w.personas.acme)
        PendingUpload.objects.update_or_create(
            practice_id=membership.practice_id,
            user_id=membership.user_id,
            token=TOKEN,
            defaults={"filename": "numbers.csv", "data": _csv(w)},
        )
    return {"token": TOKEN, "filename": "numbers.csv"}


def _cell(w):
    m = _b(w).cases
    return {"measurable": m.pk, "period": WEEK.isoformat(), f"cell:{m.pk}:{WEEK.isoformat()}": "12"}


def _grid(w):
    return {"week": LABEL, f"cell:{_b(w).cases.pk}:{WEEK.isoformat()}": "11"}


#: The pulse: only logins linked to a person answer it (of the cast, the two managers).
NO_PERSON = {
    "denied": {"member": 422, "admin": 422, "owner": 422},
    "outsider": 422,
    "ok": REDIRECT,
}

PAGES = [
    page("scorecards:index"),
    page("scorecards:rollup"),
    page("scorecards:library"),
    # The pulse is the person's own: answered by logins linked to a person (the two
    # managers); the others, the other practice's owner included, are told their login
    # has no person (422) and nothing is written.
    page("scorecards:pulse", post=Rule(Action.VIEW, data=lambda w: {"peers": "4"}, **NO_PERSON)),
    # acme's measurable keys are unknown in the other practice: its owner is told (422).
    page(
        "scorecards:upload",
        get=NUMBERS,
        post=Rule(NUMBERS, data=_upload, ok=frozenset({200}), outsider=422),
    ),
    page(
        "scorecards:upload-confirm",
        get=None,
        post=Rule(NUMBERS, data=_confirm, ok=REDIRECT, outsider=422),
    ),
    page("scorecards:team", args=_team),
    page("scorecards:export", args=_team),
    page("scorecards:enter", args=_team, get=NUMBERS, post=Rule(NUMBERS, data=_grid, ok=REDIRECT)),
    page(
        "scorecards:save-cell",
        args=_team,
        get=None,
        post=Rule(NUMBERS, data=_cell, ok=frozenset({200})),
    ),
    page("scorecards:alignment", args=_team),
    page(
        "scorecards:add-dependency",
        args=_team,
        get=None,
        post=Rule(
            SETUP,
            data=lambda w: {"source": f"p:{_b(w).priority.pk}", "target": f"m:{_b(w).cases.pk}"},
            ok=REDIRECT,
        ),
    ),
    page(
        "scorecards:acknowledge",
        args=lambda w: {"pk": _b(w).team.pk, "dep": _b(w).dependency.pk},
        get=None,
        post=Rule(SETUP, ok=REDIRECT),
    ),
    page(
        "scorecards:record-conversation",
        args=_team,
        get=None,
        post=Rule(
            SETUP,
            data=lambda w: {"held_on": WEEK.isoformat(), "notes": "Agreed turnover times"},
            ok=REDIRECT,
        ),
    ),
    page("scorecards:setup", args=_team, get=SETUP),
    page(
        "scorecards:add-library",
        args=_team,
        get=None,
        post=Rule(SETUP, data=lambda w: {"entry": "dental-case-acceptance"}, ok=REDIRECT),
    ),
    page(
        "scorecards:add-measurable",
        args=_team,
        get=None,
        post=Rule(SETUP, data=lambda w: {"name": "Recalls booked", "goal_low": "20"}, ok=REDIRECT),
    ),
    page(
        "scorecards:link-goals",
        args=lambda w: {"pk": _b(w).team.pk, "mid": _b(w).cases.pk},
        get=None,
        post=Rule(SETUP, data=lambda w: {"team_goals": [_b(w).goal.pk]}, ok=REDIRECT),
    ),
    page(
        "scorecards:add-goal",
        args=_team,
        get=None,
        post=Rule(SETUP, data=lambda w: {"name": "Zero cancelled cases"}, ok=REDIRECT),
    ),
    page(
        "scorecards:add-priority",
        args=_team,
        get=None,
        post=Rule(
            SETUP,
            data=lambda w: {"title": "Hire a scrub tech", "due": (WEEK + dt.timedelta(days=50))},
            ok=REDIRECT,
        ),
    ),
    # The priority's seat is the manager persona's: it may change the status as its
    # owner, and has EDIT_SCORECARD anyway.
    page(
        "scorecards:priority-status",
        args=lambda w: {"pk": _b(w).team.pk, "pid": _b(w).priority.pk},
        get=None,
        post=Rule(SETUP, data=lambda w: {"status": "off_track"}, ok=REDIRECT),
    ),
    page(
        "scorecards:add-milestone",
        args=lambda w: {"pk": _b(w).team.pk, "pid": _b(w).priority.pk},
        get=None,
        post=Rule(
            SETUP,
            data=lambda w: {"title": "Interviews held", "due": (WEEK + dt.timedelta(days=20))},
            ok=REDIRECT,
        ),
    ),
    page(
        "scorecards:edit-measurable",
        args=lambda w: {"pk": _b(w).team.pk, "mid": _b(w).cases.pk},
        get=None,
        post=Rule(SETUP, data=lambda w: {"name": "Cases done", "active": "on"}, ok=REDIRECT),
    ),
    page(
        "scorecards:goal-override",
        args=lambda w: {"pk": _b(w).team.pk, "mid": _b(w).cases.pk},
        get=None,
        post=Rule(
            SETUP,
            data=lambda w: {
                "period": LABEL,
                "operator": "gte",
                "goal_low": "8",
                "reason": "One surgeon away this week",
            },
        ),
    ),
    page(
        "scorecards:milestone-done",
        args=lambda w: {"pk": _b(w).team.pk, "mid": _milestone(w).pk},
        get=None,
        post=Rule(SETUP, ok=REDIRECT),
    ),
]


def _id(attr):
    return lambda w: {"id": getattr(_b(w), attr).pk}


#: A body naming acme's team or measurables, refused in the other practice.
NOT_THERE = frozenset({404, 422})

OPERATIONS = [
    op("GET /api/scorecards/measurables", Action.VIEW),
    op("GET /api/scorecards/measurables/{id}", Action.VIEW, params=_id("cases")),
    op(
        "POST /api/scorecards/measurables",
        Rule(
            SETUP,
            data=lambda w: {"name": "Recalls booked", "team": _b(w).team.pk, "goal_low": 20},
            ok=frozenset({201}),
            outsider=422,
        ),
    ),
    op(
        "PATCH /api/scorecards/measurables/{id}",
        Rule(SETUP, data=lambda w: {"goal_low": "11"}, ok=frozenset({200})),
        params=_id("cases"),
    ),
    op(
        "PUT /api/scorecards/numbers",
        Rule(
            NUMBERS,
            data=_numbers,
            ok=frozenset({200}),
            outsider=422,
        ),
    ),
    op("GET /api/scorecards/measurables/{id}/numbers", Action.VIEW, params=_id("cases")),
    op("GET /api/scorecards/teams/{id}/scorecard", Action.VIEW, params=_id("team")),
    op("GET /api/scorecards/priorities", Action.VIEW),
    op(
        "POST /api/scorecards/priorities",
        Rule(
            SETUP,
            data=lambda w: {
                "title": "Hire a scrub tech",
                "team": _b(w).team.pk,
                "due": (WEEK + dt.timedelta(days=50)).isoformat(),
            },
            ok=frozenset({201}),
            outsider=422,
        ),
    ),
    op(
        "PATCH /api/scorecards/priorities/{id}",
        Rule(SETUP, data=lambda w: {"status": "off_track"}, ok=frozenset({200})),
        params=_id("priority"),
    ),
    op("GET /api/scorecards/team-goals", Action.VIEW),
    op(
        "POST /api/scorecards/team-goals",
        Rule(
            SETUP,
            data=lambda w: {"team": _b(w).team.pk, "name": "Zero cancelled cases"},
            ok=frozenset({201}),
            outsider=422,
        ),
    ),
    op(
        "POST /api/scorecards/dependencies",
        Rule(
            SETUP,
            data=lambda w: {"from_priority": _b(w).priority.pk, "to_measurable": _b(w).cases.pk},
            ok=frozenset({201}),
            outsider=404,
        ),
    ),
    op(
        "POST /api/scorecards/dependencies/{id}/acknowledge",
        Rule(SETUP, data=lambda w: {}, ok=frozenset({200})),
        params=_id("dependency"),
    ),
    op("GET /api/scorecards/library", Action.VIEW),
    # Answered by logins linked to a person (422 for the others, naming it).
    op(
        "PUT /api/scorecards/pulse",
        Rule(
            Action.VIEW,
            data=lambda w: {"month": WEEK.isoformat(), "peers": 4},
            **{**NO_PERSON, "ok": frozenset({200})},
        ),
    ),
]
