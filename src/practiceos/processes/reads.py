"""What the pages and the API read about processes, in a fixed number of queries.

Seat names, step lists, per-seat ownership for role cards, completion by month: every
function here runs a fixed number of queries whatever the number of processes or runs.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Count, F, Q

from practiceos.core.processes import (
    DiffLine,
    MonthRate,
    RunFact,
    Step,
    completion_by_month,
    diff_steps,
    steps_from_json,
)
from practiceos.org.models import Seat
from practiceos.processes.models import ChecklistRun, Process, ProcessVersion
from practiceos.tenancy.models import Membership


def seat_names(practice_id: int) -> dict[str, str]:
    """Every seat's name by id (one query)."""
    return {
        str(pk): name
        for pk, name in Seat.objects.filter(practice_id=practice_id).values_list("pk", "name")
    }


@dataclass(frozen=True)
class StepView:
    """A step with its owning seat's name."""

    number: int
    text: str
    seat_id: str
    seat_name: str


def step_views(steps: list[Step], names: dict[str, str]) -> list[StepView]:
    """Numbered steps with seat names (a seat no longer on the chart says so)."""
    return [
        StepView(i + 1, s.text, s.seat_id, names.get(s.seat_id, "a seat no longer on the chart"))
        for i, s in enumerate(steps)
    ]


def process_list(membership: Membership) -> list[Process]:
    """The practice's processes with owner seat, step count and run counts (2 queries)."""
    processes = list(
        Process.objects.filter(practice_id=membership.practice_id)
        .select_related("owner_seat")
        .annotate(
            runs_total=Count("runs", distinct=True),
            runs_done=Count("runs", filter=Q(runs__finished_at__isnull=False), distinct=True),
        )
        .order_by("status", "name", "id")
    )
    counts = dict(
        ProcessVersion.objects.filter(
            practice_id=membership.practice_id, number=F("process__current")
        ).values_list("process_id", "steps")
    )
    for p in processes:
        p.step_count = len(counts.get(p.pk) or [])  # type: ignore[attr-defined]
    return processes


def version_diff(process: Process, a: int, b: int) -> list[DiffLine]:
    """The diff from version ``a`` to ``b`` of ``process`` (2 queries)."""
    versions = dict(
        ProcessVersion.objects.filter(
            practice_id=process.practice_id, process=process, number__in=(a, b)
        ).values_list("number", "steps")
    )
    return diff_steps(
        steps_from_json(versions.get(a, [])),
        steps_from_json(versions.get(b, [])),
        seat_names(process.practice_id),
    )


def completion(process: Process) -> list[MonthRate]:
    """Completion rate of the process's checklist runs per month (1 query)."""
    runs = ChecklistRun.objects.filter(
        practice_id=process.practice_id, process=process
    ).values_list("started_at", "total", "done")
    return completion_by_month(RunFact(at.date(), total, done) for at, total, done in runs)


@dataclass(frozen=True)
class OwnedProcess:
    """A process as a role card shows it: owned by the seat, and/or its steps the seat owns."""

    id: int
    name: str
    owns_process: bool
    steps: list[str]


def owned_by_seats(practice_id: int, seat_ids: list[int]) -> list[OwnedProcess]:
    """Active processes that ``seat_ids`` own, or own steps of (1 query)."""
    wanted = {str(s) for s in seat_ids}
    out: list[OwnedProcess] = []
    rows = (
        ProcessVersion.objects.filter(
            practice_id=practice_id, number=F("process__current"), process__status="active"
        )
        .order_by("process__name")
        .values_list("process_id", "process__name", "process__owner_seat_id", "steps")
    )
    for pid, name, owner, raw in rows:
        mine = [s.text for s in steps_from_json(raw) if s.seat_id in wanted]
        owns = str(owner) in wanted
        if owns or mine:
            out.append(OwnedProcess(pid, name, owns, mine))
    return out


def run_steps(run: ChecklistRun, names: dict[str, str]) -> list[dict[str, Any]]:
    """A run's steps with their tick (who and when) for the checklist page."""
    steps = steps_from_json(run.version.steps)
    ticks = list(run.ticks) + [None] * (len(steps) - len(run.ticks))
    return [
        {"step": view, "tick": tick}
        for view, tick in zip(step_views(steps, names), ticks, strict=False)
    ]


def measurable_names(practice_id: int, ids: list[int]) -> list[str]:
    """Names of the measurables ``ids`` (1 query; none without ids). A private measurable
    is not named here: only its owner's chain may see it on the scorecard."""
    if not ids:
        return []
    from practiceos.scorecards.models import Measurable

    rows = {
        pk: (name if visibility == "team" else "a private measurable")
        for pk, name, visibility in Measurable.objects.filter(
            practice_id=practice_id, pk__in=ids
        ).values_list("pk", "name", "visibility")
    }
    return [rows[i] for i in ids if i in rows]


def measurable_choices(practice_id: int) -> list[tuple[int, str]]:
    """Team-visible active measurables of the practice for the edit form (1 query, 200)."""
    from practiceos.scorecards.models import Measurable

    return list(
        Measurable.objects.filter(practice_id=practice_id, visibility="team", active=True)
        .order_by("name", "pk")
        .values_list("pk", "name")[:200]
    )
