"""Core processes: pages and API operations (issue 17).

Reading needs ``VIEW``; documenting, editing and reviewing need ``EDIT_PROCESSES``
(owners, admins, managers); starting and ticking a checklist needs ``RUN_CHECKLISTS``
(every role of the practice). The world's process is a room turnover owned by the
practice manager's seat, with one checklist run; both are made on first use.
"""

from __future__ import annotations

from typing import Any

from practiceos.tenancy.permissions import Action
from tests.matrix.declare import Rule, op, page


def turnover(w: Any) -> Any:
    """The world's process (created once, by the owner)."""
    from practiceos.processes.models import Process
    from practiceos.processes.services import create_process

    found = Process.objects.filter(practice=w.personas.acme, name="Matrix turnover").first()
    return found or create_process(
        actor=w.personas.owner,
        data={
            "name": "Matrix turnover",
            "owner_seat": w.chart.manager_seat.pk,
            "steps": [
                {"text": "Clear the room", "seat": w.chart.tech_seat.pk},
                {"text": "Wipe surfaces", "seat": w.chart.tech_seat.pk},
            ],
        },
    )


def run(w: Any) -> Any:
    """The world's checklist run of :func:`turnover` (created once, by the owner)."""
    from practiceos.processes.models import ChecklistRun
    from practiceos.processes.services import start_run

    process = turnover(w)
    found = ChecklistRun.objects.filter(process=process).first()
    return found or start_run(actor=w.personas.owner, process=process, subject="Room 1")


def _steps(w: Any) -> list[dict[str, Any]]:
    return [{"text": "Check the room", "seat": w.chart.tech_seat.pk}]


def _form(w: Any) -> dict[str, Any]:
    return {
        "name": "Matrix form process",
        "owner_seat": w.chart.manager_seat.pk,
        "rows": 1,
        "step_text_1": "Check the room",
        "step_seat_1": w.chart.tech_seat.pk,
    }


def _pk(w: Any) -> dict[str, Any]:
    return {"pk": turnover(w).pk}


def _run_pk(w: Any) -> dict[str, Any]:
    return {"pk": run(w).pk}


def _id(w: Any) -> dict[str, Any]:
    return {"id": turnover(w).pk}


def _run_id(w: Any) -> dict[str, Any]:
    return {"id": run(w).pk}


EDIT = Action.EDIT_PROCESSES
RUN = Action.RUN_CHECKLISTS

PAGES = [
    page("processes:index"),
    page("processes:new", get=EDIT, post=Rule(EDIT, data=_form)),
    page(
        "processes:adopt",
        get=None,
        post=Rule(
            EDIT,
            data=lambda w: {
                "template": "dental-room-turnover",
                "owner_seat": w.chart.manager_seat.pk,
            },
        ),
    ),
    page("processes:process", args=_pk),
    page(
        "processes:edit",
        args=_pk,
        get=EDIT,
        post=Rule(EDIT, data=lambda w: {**_form(w), "name": "Matrix turnover"}),
    ),
    page(
        "processes:review", args=_pk, get=None, post=Rule(EDIT, data=lambda w: {"followed": "yes"})
    ),
    page(
        "processes:run-start", args=_pk, get=None, post=Rule(RUN, data=lambda w: {"subject": "x"})
    ),
    page("processes:run", args=_run_pk),
    page("processes:tick", args=_run_pk, get=None, post=Rule(RUN, data=lambda w: {"step": 1})),
]

OPERATIONS = [
    op("GET /api/processes", Action.VIEW),
    op("GET /api/processes/{id}", Action.VIEW, params=_id),
    op(
        "POST /api/processes",
        Action.EDIT_PROCESSES,
        body=lambda w: {
            "name": "Matrix new process",
            "owner_seat": w.chart.manager_seat.pk,
            "steps": _steps(w),
        },
    ),
    op(
        "PATCH /api/processes/{id}",
        Action.EDIT_PROCESSES,
        params=_id,
        body=lambda w: {"purpose": "Ready rooms"},
    ),
    op(
        "POST /api/processes/{id}/review",
        Action.EDIT_PROCESSES,
        params=_id,
        body=lambda w: {"reviewed_on": "2025-01-02", "followed": True},
    ),
    op("GET /api/processes/{id}/diff", Action.VIEW, params=_id),
    op("GET /api/processes/{id}/runs", Action.VIEW, params=_id),
    op(
        "POST /api/processes/{id}/runs",
        Action.RUN_CHECKLISTS,
        params=_id,
        body=lambda w: {"subject": "Room 2"},
    ),
    op("GET /api/checklist-runs/{id}", Action.VIEW, params=_run_id),
    op(
        "POST /api/checklist-runs/{id}/ticks",
        Action.RUN_CHECKLISTS,
        params=_run_id,
        body=lambda w: {"step": 1},
    ),
]
