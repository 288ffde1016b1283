"""Roles rules about core processes: every process has an owner, is followed, and every
management seat owns how some part of the practice is done (issue 17).

- ``process-without-owner``: an active process whose owning seat is missing (never set,
  or the seat was removed from the chart).
- ``process-not-reviewed``: an active process not reviewed with the people who run it in
  the policy's period (``process_review_months``, default 12); a process never reviewed
  counts from the day it was documented.
- ``seat-without-process``: a management seat that owns no active process. It runs only
  once the practice documents processes at all (``Snapshot.processes_recorded``): an org
  file or a practice that has not started on processes is not flagged manager by manager.

Archived processes are history: none of the rules look at them. The fixes are plain
steps (choose an owner, hold a review, document a process) because a process is not part
of the chart's structure.
"""

from __future__ import annotations

from collections.abc import Iterator

from practiceos.core.health.engine import RuleContext, rule
from practiceos.core.health.facts import Facts
from practiceos.core.health.findings import Area, Finding, Severity, Subject, SubjectType
from practiceos.core.health.fixes import PlainStep
from practiceos.core.model import SeatKind
from practiceos.core.processes import ProcessFact, review_overdue


def _subject(process: ProcessFact) -> Subject:
    return Subject(SubjectType.PROCESS, process.id, process.name)


def _active(facts: Facts) -> list[ProcessFact]:
    return facts.cached(
        "processes.active", lambda: [p for p in facts.snapshot.processes if p.active]
    )


def _count_active(facts: Facts) -> int:
    return len(_active(facts))


def _count_managers(facts: Facts) -> int:
    if not facts.snapshot.processes_recorded:
        return 0
    return len(facts.seats_by_kind.get(SeatKind.MANAGEMENT, ()))


@rule(
    "process-without-owner",
    area=Area.ROLES,
    severity=Severity.MEDIUM,
    principles=5,
    checks=_count_active,
    summary="An active core process with no owning seat on the chart.",
)
def process_without_owner(ctx: RuleContext) -> Iterator[Finding]:
    """An active process nobody owns: nobody keeps it current or holds people to it."""
    seats = ctx.snapshot.seats_by_id
    for process in _active(ctx.facts):
        if process.owner_seat_id is not None and process.owner_seat_id in seats:
            continue
        yield ctx.finding(
            [_subject(process)],
            f'The process "{process.name}" has no owning seat: nobody keeps it current or '
            "can hold the people who run it to it.",
            fix=[
                PlainStep(
                    f'Open "{process.name}" under Processes and choose the one seat that owns '
                    "it (usually the manager of the people who run its steps)."
                )
            ],
        )


@rule(
    "process-not-reviewed",
    area=Area.ROLES,
    severity=Severity.LOW,
    principles=5,
    checks=_count_active,
    summary="An active core process not reviewed with its people in the policy's period.",
)
def process_not_reviewed(ctx: RuleContext) -> Iterator[Finding]:
    """An active process whose last review is older than the policy allows (or never)."""
    months = ctx.policy.process_review_months
    for process in _active(ctx.facts):
        if not review_overdue(process, ctx.snapshot.as_of, months):
            continue
        when = (
            "has never been reviewed since it was written down"
            if process.last_reviewed is None
            else f"was last reviewed on {process.last_reviewed.isoformat()}"
        )
        subjects = [_subject(process)]
        owner = ctx.snapshot.seats_by_id.get(process.owner_seat_id or "")
        if owner is not None:
            subjects.append(ctx.facts.subject(owner))
        yield ctx.finding(
            subjects,
            f'The process "{process.name}" {when}: after {months} months nobody knows '
            "whether it is still how the work is done.",
            fix=[
                PlainStep(
                    f'Walk through "{process.name}" with the people who run it, update the '
                    "steps that changed, and record the review and whether everyone follows it."
                )
            ],
        )


@rule(
    "seat-without-process",
    area=Area.ROLES,
    severity=Severity.LOW,
    principles=5,
    checks=_count_managers,
    summary="A management seat that owns no core process.",
)
def seat_without_process(ctx: RuleContext) -> Iterator[Finding]:
    """A management seat owning no active process, once the practice documents processes."""
    if not ctx.snapshot.processes_recorded:
        return
    owners = {p.owner_seat_id for p in _active(ctx.facts)}
    for seat in ctx.facts.seats_by_kind.get(SeatKind.MANAGEMENT, ()):
        if seat.id in owners:
            continue
        yield ctx.finding(
            [ctx.facts.subject(seat)],
            f"{seat.name} is a management seat that owns no core process: how its part of "
            "the practice is done is not written down, so it cannot be held to.",
            fix=[
                PlainStep(
                    f"Document the process {seat.name} is accountable for (start from a "
                    "template under Processes) and make the seat its owner."
                )
            ],
        )
