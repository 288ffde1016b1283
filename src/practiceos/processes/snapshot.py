"""The core-processes part of a snapshot (registered in ``ProcessesConfig.ready``).

Two queries whatever the practice's size: the processes, and their current versions'
steps. ``processes_recorded`` is True once the practice has documented one process:
before that ``seat-without-process`` stays quiet rather than flag every manager.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import F

from practiceos.core.processes import ProcessFact, ProcessStatus, steps_from_json
from practiceos.processes.models import Process, ProcessVersion
from practiceos.tenancy.models import Practice


def processes_section(practice: Practice, as_of: dt.date) -> dict[str, Any]:
    """Processes as core facts: owner seat, status, last review, step owners."""
    pid = practice.pk
    step_seats = {
        process_id: tuple(sorted({s.seat_id for s in steps_from_json(steps) if s.seat_id}))
        for process_id, steps in ProcessVersion.objects.filter(
            practice_id=pid, number=F("process__current")
        ).values_list("process_id", "steps")
    }
    facts = tuple(
        ProcessFact(
            str(pk),
            name,
            None if owner is None else str(owner),
            ProcessStatus(status),
            reviewed,
            followed,
            step_seats.get(pk, ()),
            created.date(),
        )
        for pk, name, owner, status, reviewed, followed, created in Process.objects.filter(
            practice_id=pid
        ).values_list(
            "pk", "name", "owner_seat_id", "status", "last_reviewed_on", "followed", "created_at"
        )
    )
    return {"processes": facts, "processes_recorded": bool(facts)}
