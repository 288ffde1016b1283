"""Hiring: plans, candidates, scores, the side-by-side, the hire, closing a plan without
a hire and erasure (issue 17).

Hiring records are confidential to the hiring seat's manager chain, owners and admins:
the world's plan is for the vacant surgical-technologist seat under the manager
persona's seat, so the manager of the other chain and the member (in no chain) get 404,
as if the plan did not exist. Writes need HIRE (owners, admins, managers) on top.
Opening a plan names a seat, which everyone sees: there the other chain's manager is
refused (403) and so is the member (no HIRE).
"""

from __future__ import annotations

from typing import Any

from practiceos.tenancy.permissions import Action
from tests.matrix.declare import Rule, op, page

HIRE = Action.HIRE
#: Reading a plan or candidate: its chain, owners and admins; the rest 404.
READ = Rule(Action.VIEW, denied={"manager_other": 404, "member": 404})


def _write(data: Any = None, ok: frozenset[int] | None = None) -> Rule:
    """A write to the world's plan or candidate: 404 for whoever cannot see it."""
    return Rule(HIRE, data=data, refused=404, denied=("manager_other",), ok=ok)


class _Cast:
    """An open plan for the technologist seat with one scored candidate, and a second
    vacant seat in the manager's chain to open a plan for."""

    def __init__(self, w: Any) -> None:
        from practiceos.hiring import services
        from practiceos.leadership.models import CoreValue
        from practiceos.org.models import Seat

        p, owner = w.personas.acme, w.personas.owner
        CoreValue.objects.create(practice=p, name="Patients first", behaviour="Call back today")
        self.plan = services.open_plan(actor=owner, seat=w.chart.tech_seat)
        self.candidate = services.add_candidate(
            actor=owner, plan=self.plan, data={"name": "Casey Candidate"}
        )
        services.score_candidate(actor=owner, candidate=self.candidate, data=_score())
        self.vacant = Seat.objects.create(
            practice=p, name="Matrix Assistant", kind="support", reports_to=w.chart.manager_seat
        )


def _score() -> dict[str, Any]:
    return {
        "marks": [{"value": "Patients first", "mark": "+"}],
        "gets_it": True,
        "wants_it": True,
        "capacity": True,
    }


def _c(w: Any) -> _Cast:
    return w.cached("hiring.cast", lambda: _Cast(w))


def _plan(w: Any) -> dict[str, Any]:
    return {"pk": _c(w).plan.pk}


def _cand(w: Any) -> dict[str, Any]:
    return {"pk": _c(w).candidate.pk}


def _plan_id(w: Any) -> dict[str, Any]:
    return {"id": _c(w).plan.pk}


def _cand_id(w: Any) -> dict[str, Any]:
    return {"id": _c(w).candidate.pk}


#: Opening a plan for a seat of the manager's chain: the other chain's manager 403.
OPEN = Rule(HIRE, data=lambda w: {"level": "junior"}, denied={"manager_other": 403})

PAGES = [
    page("hiring:index"),
    page("hiring:open", args=lambda w: {"seat": _c(w).vacant.pk}, get=OPEN, post=OPEN),
    page("hiring:plan", args=_plan, get=READ),
    page(
        "hiring:candidate-add",
        args=_plan,
        get=None,
        post=_write(lambda w: {"name": "Drew"}, frozenset({302})),
    ),
    page("hiring:compare", args=_plan, get=READ),
    page(
        "hiring:close",
        args=_plan,
        get=None,
        post=_write(lambda w: {"reason": "Seat withdrawn"}, frozenset({302})),
    ),
    page("hiring:candidate", args=_cand, get=READ),
    page(
        "hiring:score",
        args=_cand,
        get=None,
        post=_write(
            lambda w: {"mark_1": "+", "gets_it": "yes", "wants_it": "no", "capacity": "yes"},
            frozenset({302}),
        ),
    ),
    page("hiring:hire", args=_cand, get=None, post=_write(ok=frozenset({302}))),
    page("hiring:erase", args=_cand, get=None, post=_write(ok=frozenset({302}))),
]

OPERATIONS = [
    op("GET /api/hiring/plans", Action.VIEW),
    op(
        "POST /api/hiring/plans",
        Rule(
            HIRE,
            data=lambda w: {"seat": _c(w).vacant.pk, "level": "junior"},
            denied={"manager_other": 403},
            outsider=404,
            ok=frozenset({201}),
        ),
    ),
    op("GET /api/hiring/plans/{id}", READ, params=_plan_id),
    op("GET /api/hiring/plans/{id}/candidates", READ, params=_plan_id),
    op(
        "POST /api/hiring/plans/{id}/candidates",
        _write(lambda w: {"name": "Drew"}, frozenset({201})),
        params=_plan_id,
    ),
    op("GET /api/hiring/plans/{id}/side-by-side", READ, params=_plan_id),
    op(
        "POST /api/hiring/plans/{id}/close",
        _write(lambda w: {"reason": "Seat withdrawn"}, frozenset({200})),
        params=_plan_id,
    ),
    op("GET /api/hiring/candidates/{id}", READ, params=_cand_id),
    op("GET /api/hiring/candidates/{id}/scores", READ, params=_cand_id),
    op(
        "POST /api/hiring/candidates/{id}/scores",
        _write(lambda w: _score(), frozenset({201})),
        params=_cand_id,
    ),
    op(
        "POST /api/hiring/candidates/{id}/hire",
        _write(lambda w: {}, frozenset({200})),
        params=_cand_id,
    ),
    op(
        "POST /api/hiring/candidates/{id}/erase",
        _write(lambda w: {}, frozenset({200})),
        params=_cand_id,
    ),
]
