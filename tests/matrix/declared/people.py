"""People accountability: conversations, plans, one-on-ones, the style advisor.

These records are visible by relation, not by role: the person, their manager chain,
owners and admins (``people.access``). The world's records are Bob's (the surgeon, who
reports to the owner's seat): only the owner and the admin may see them, so in this
suite reading and acting on them needs ``MANAGE_PRACTICE`` (the owner/admin roles) and
anyone else gets 404, exactly like an outsider. The relation cases (the person, their
manager, a peer, another chain's manager) are declared in tests/people/test_permissions.py.
Writes that name a person in the body need ``REVIEW_PEOPLE``; a manager who passes that
gate but names someone outside their chain gets a 422 naming ``person``.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from practiceos.tenancy.permissions import Action
from tests.matrix.declare import Rule, op, page

TODAY = dt.date.today()


def bob_records(owner: Any, bob: Any) -> dict[str, Any]:
    """A conversation, an open plan and a one-on-one for Bob, recorded by the owner."""
    from practiceos.people import services

    review = services.record_review(
        actor=owner,
        person=bob,
        data={
            "held_on": TODAY.isoformat(),
            "values": [{"value": "Own it", "rating": "+"}],
            "gets_it": True,
            "wants_it": True,
            "capacity": True,
        },
    )
    plan = services.open_plan(
        actor=owner,
        person=bob,
        data={
            "reason": "numbers",
            "expectations": ["Notes closed in 24 hours"],
            "end_date": (TODAY + dt.timedelta(days=60)).isoformat(),
        },
    )
    meeting = services.record_one_on_one(
        actor=owner, person=bob, data={"held_on": TODAY.isoformat(), "private_notes": "x"}
    )
    return {"review": review, "plan": plan, "meeting": meeting}


def _pk(kind: str) -> Any:
    return lambda w: {"pk": w.people_records[kind].pk}


def _id(kind: str) -> Any:
    return lambda w: {"id": w.people_records[kind].pk}


def _bob(w: Any) -> dict[str, Any]:
    return {"pk": w.chart.bob.pk}


#: Bob's records: owners and admins; anyone else 404 (not even told they exist).
CHAIN = Rule(Action.MANAGE_PRACTICE, refused=404)


def chain(data: Any = None) -> Rule:
    """:data:`CHAIN` with a request body."""
    return Rule(Action.MANAGE_PRACTICE, data=data, refused=404)


_CHECKPOINT = {"held_on": TODAY.isoformat(), "on_track": "yes", "note": "Better"}

PAGES = [
    page("people:home"),
    page("people:style"),
    page("people:person", args=_bob, get=CHAIN),
    page("people:review-new", args=_bob, get=CHAIN, post=CHAIN),
    page("people:plan-new", args=_bob, get=CHAIN, post=CHAIN),
    page("people:one-on-one-new", args=_bob, get=CHAIN, post=CHAIN),
    page("people:review", args=_pk("review"), get=CHAIN, post=CHAIN),
    page("people:plan", args=_pk("plan"), get=CHAIN),
    page(
        "people:plan-action",
        args=lambda w: {"pk": w.people_records["plan"].pk, "action": "checkpoint"},
        get=None,
        post=chain(lambda w: _CHECKPOINT),
    ),
    page("people:one-on-one", args=_pk("meeting"), get=CHAIN),
]

OPERATIONS = [
    op("GET /api/reviews", Action.VIEW),
    op("GET /api/plans", Action.VIEW),
    op("GET /api/one-on-ones", Action.VIEW),
    op("GET /api/people-items", Action.VIEW),
    op("GET /api/recognition", Action.VIEW),
    op("GET /api/reviews/{id}", CHAIN, params=_id("review")),
    op("GET /api/plans/{id}", CHAIN, params=_id("plan")),
    op("GET /api/one-on-ones/{id}", CHAIN, params=_id("meeting")),
    op(
        "POST /api/reviews",
        Action.REVIEW_PEOPLE,
        body=lambda w: {
            "person": w.chart.bob.pk,
            "held_on": TODAY.isoformat(),
            "gets_it": True,
            "wants_it": True,
            "capacity": True,
        },
    ),
    op(
        "POST /api/plans",
        Action.REVIEW_PEOPLE,
        body=lambda w: {
            "person": w.chart.bob.pk,
            "reason": "skills",
            "expectations": [{"text": "x"}],
            "end_date": (TODAY + dt.timedelta(days=30)).isoformat(),
        },
    ),
    op(
        "POST /api/one-on-ones",
        Action.REVIEW_PEOPLE,
        body=lambda w: {"person": w.chart.bob.pk, "held_on": TODAY.isoformat()},
    ),
    op(
        "PUT /api/reviews/{id}/person-notes",
        chain(lambda w: {"person_notes": "mine"}),
        params=_id("review"),
    ),
    op(
        "POST /api/plans/{id}/checkpoints",
        chain(lambda w: {"held_on": TODAY.isoformat(), "on_track": True}),
        params=_id("plan"),
    ),
    op(
        "POST /api/plans/{id}/extension",
        chain(
            lambda w: {
                "new_end_date": (TODAY + dt.timedelta(days=90)).isoformat(),
                "reason": "Leave",
            }
        ),
        params=_id("plan"),
    ),
    op(
        "POST /api/plans/{id}/outcome",
        chain(lambda w: {"outcome": "met"}),
        params=_id("plan"),
    ),
    op(
        "POST /api/style/advice",
        Action.VIEW,
        body=lambda w: {"situation": "crisis", "competence": "low", "commitment": "high"},
    ),
]
