"""People accountability: quarterly conversations, plans, one-on-ones, the style
advisor; and their API.

The records are confidential: they are seen by the person, their manager chain, owners
and admins; anyone else (here the manager of another chain) gets 404, as if they did not
exist. Holding conversations and opening or stepping plans needs REVIEW_PEOPLE and the
person in one's chain (or owner/admin). The member persona is Tom, the scrub tech under
the manager persona's seat, so it reads its own records and writes its own notes; Tia,
a second tech without a login, is the person the new records are held with.
"""

import datetime as dt

from practiceos.tenancy.permissions import Action
from tests.matrix.declare import Rule, op, page

REVIEW = Action.REVIEW_PEOPLE
VIEW = Action.VIEW
#: A confidential record of Tom: not for the other chain's manager (404).
READ = Rule(VIEW, denied={"manager_other": 404})
#: Holding Tia's conversations: her chain (the manager), owners and admins; the member
#: and the other chain's manager do not see her records at all (404).
MANAGE_PAGE = REVIEW
TODAY = dt.date.today()


class _Cast:
    """Tom (the member persona) and Tia in scrub-tech seats under the practice manager;
    Tom has a conversation, an open plan and a one-on-one."""

    def __init__(self, w):
        from practiceos.org.models import Assignment, Person, Seat
        from practiceos.people import services

        p, c, owner = w.personas.acme, w.chart, w.personas.owner
        self.tom = Person.objects.create(practice=p, name="Tom Tech", user=w.personas.member.user)
        Assignment.objects.create(practice=p, person=self.tom, seat=c.tech_seat, fte=1)
        second = Seat.objects.create(
            practice=p, name="Surgical Technologist 2", kind="support", role=c.tech_role,
            location=c.downtown, reports_to=c.manager_seat,
        )  # fmt: skip
        self.tia = Person.objects.create(practice=p, name="Tia Tech")
        Assignment.objects.create(practice=p, person=self.tia, seat=second, fte=1)
        self.review = services.record_review(actor=owner, person=self.tom, data=_review())
        self.plan = services.open_plan(actor=owner, person=self.tom, data=_plan())
        self.meeting = services.record_one_on_one(actor=owner, person=self.tom, data=_meeting())


def _review():
    return {
        "held_on": TODAY.isoformat(),
        "values": [{"value": "Patients first", "rating": "+"}],
        "gets_it": True,
        "wants_it": True,
        "capacity": True,
        "manager_notes": "Strong quarter.",
    }


def _plan(api=False):
    expectation = "Turnover under 20 minutes"
    return {
        "reason": "numbers",
        "expectations": [{"text": expectation} if api else expectation],
        "support": "Paired with the lead tech",
        "end_date": (TODAY + dt.timedelta(days=60)).isoformat(),
    }


def _meeting():
    return {"held_on": TODAY.isoformat(), "topics": ["development"], "shared_notes": "Shadowing"}


def _c(w) -> _Cast:
    return w.cached("people.cast", lambda: _Cast(w))


def _tom(w):
    return {"pk": _c(w).tom.pk}


def _tia(w):
    return {"pk": _c(w).tia.pk}


def _pk(attr):
    return lambda w: {"pk": getattr(_c(w), attr).pk}


def _id(attr):
    return lambda w: {"id": getattr(_c(w), attr).pk}


def _web_review(w):
    return {
        "held_on": TODAY.isoformat(),
        "value_0": "Patients first",
        "rating_0": "+",
        "gets_it": "yes",
        "wants_it": "yes",
        "capacity": "yes",
        "manager_notes": "Settling in well.",
    }


def _web_plan(w):
    return {
        "reason": "numbers",
        "expectations": "Turnover under 20 minutes",
        "end_date": (TODAY + dt.timedelta(days=60)).isoformat(),
    }


def _manage(data):
    """A write about Tia, from her page: 404 for those who do not see her records."""
    return Rule(REVIEW, data=data, refused=404, denied=("manager_other",), ok=frozenset({302}))


PAGES = [
    page("people:home"),
    page("people:style"),
    page("people:person", args=_tom, get=READ),
    page(
        "people:review-new",
        args=_tia,
        get=Rule(REVIEW, refused=404, denied=("manager_other",)),
        post=_manage(_web_review),
    ),
    page(
        "people:plan-new",
        args=_tia,
        get=Rule(REVIEW, refused=404, denied=("manager_other",)),
        post=_manage(_web_plan),
    ),
    page(
        "people:one-on-one-new",
        args=_tia,
        get=Rule(REVIEW, refused=404, denied=("manager_other",)),
        post=_manage(lambda w: {"held_on": TODAY.isoformat(), "shared_notes": "Rota"}),
    ),
    # Tom writes his own notes (302); the others who see the conversation are refused
    # (403) before anything is shown, so no read is recorded.
    page(
        "people:review",
        args=_pk("review"),
        get=READ,
        post=Rule(
            VIEW,
            data=lambda w: {"person_notes": "I want more theatre time."},
            denied={"manager_other": 404, "manager": 403, "admin": 403, "owner": 403},
            ok=frozenset({302}),
        ),
    ),
    page("people:plan", args=_pk("plan"), get=READ),
    # Tom sees his plan but may not step it (403); the other chain's manager: 404.
    page(
        "people:plan-action",
        args=lambda w: {"pk": _c(w).plan.pk, "action": "checkpoint"},
        get=None,
        post=Rule(
            REVIEW,
            data=lambda w: {"held_on": TODAY.isoformat(), "on_track": "yes", "note": "Better"},
            denied={"manager_other": 404},
            ok=frozenset({302}),
        ),
    ),
    page("people:one-on-one", args=_pk("meeting"), get=READ),
]


def _create(body):
    """A record about Tia named in the body: the member may not review (403); the other
    chain's manager is told she is not in its line, the other practice that she is not
    its person (422); nothing is written."""
    return Rule(
        REVIEW,
        data=lambda w: {"person": _c(w).tia.pk, **body()},
        denied={"manager_other": 422},
        ok=frozenset({201}),
        outsider=422,
    )


#: Stepping Tom's plan: not Tom (403), not the other chain's manager (404).
STEP = {"manager_other": 404}

OPERATIONS = [
    op("GET /api/reviews", VIEW),
    op("GET /api/reviews/{id}", READ, params=_id("review")),
    op("POST /api/reviews", _create(_review)),
    # Only Tom writes his notes; the others who see the conversation are told so (422).
    op(
        "PUT /api/reviews/{id}/person-notes",
        Rule(
            VIEW,
            data=lambda w: {"person_notes": "I agree with most of it."},
            denied={"manager_other": 404, "manager": 422, "admin": 422, "owner": 422},
            ok=frozenset({200}),
        ),
        params=_id("review"),
    ),
    op("GET /api/plans", VIEW),
    op("GET /api/plans/{id}", READ, params=_id("plan")),
    op("POST /api/plans", _create(lambda: _plan(api=True))),
    op(
        "POST /api/plans/{id}/checkpoints",
        Rule(
            REVIEW,
            data=lambda w: {"held_on": TODAY.isoformat(), "on_track": True, "note": "Better"},
            denied=STEP,
            ok=frozenset({201}),
        ),
        params=_id("plan"),
    ),
    op(
        "POST /api/plans/{id}/extension",
        Rule(
            REVIEW,
            data=lambda w: {
                "new_end_date": (TODAY + dt.timedelta(days=120)).isoformat(),
                "reason": "Training slipped",
            },
            denied=STEP,
            ok=frozenset({200}),
        ),
        params=_id("plan"),
    ),
    op(
        "POST /api/plans/{id}/outcome",
        Rule(REVIEW, data=lambda w: {"outcome": "met"}, denied=STEP, ok=frozenset({200})),
        params=_id("plan"),
    ),
    op("GET /api/one-on-ones", VIEW),
    op("GET /api/one-on-ones/{id}", READ, params=_id("meeting")),
    op("POST /api/one-on-ones", _create(lambda: {"held_on": TODAY.isoformat()})),
    op(
        "POST /api/style/advice",
        Rule(
            VIEW,
            data=lambda w: {"situation": "routine", "competence": "some", "commitment": "high"},
            ok=frozenset({200}),
        ),
    ),
    op("GET /api/people-items", VIEW),
    op("GET /api/recognition", VIEW),
]
