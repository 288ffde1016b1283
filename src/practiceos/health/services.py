"""Running the health check on a practice in the database (the one write of this app).

:func:`run_health_check` builds the snapshot (a fixed number of queries), runs every rule,
and stores the result as a :class:`HealthRun` with the latest run's per-seat chart flags
and one audit record, in one transaction. Views, the API and the ``healthcheck`` command
all call it.
"""

from __future__ import annotations

import time
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction

from practiceos.audit.models import AuditAction
from practiceos.audit.services import record
from practiceos.core.health import Finding, Policy, Report, Severity, SubjectType, run_check
from practiceos.health.access import require_run
from practiceos.health.models import HealthRun, SeatFlag
from practiceos.org.models import Seat
from practiceos.org.snapshot import build_snapshot
from practiceos.tenancy.models import Membership, Practice

# Rules whose secondary seat subjects are context, not culprits: an owner's many reports,
# the staff of a location without a manager, the one report of a thin layer. Only the
# primary subject is flagged on the chart for these (for a location: nothing).
PRIMARY_ONLY = frozenset({"owner-span", "location-without-manager", "span-too-narrow"})
# A marker's title lists this many messages, then "and N more".
FLAG_MESSAGES = 5
FLAG_MESSAGE_CHARS = 280


def run_health_check(
    actor: Membership | None, practice: Practice, *, policy: Policy | None = None
) -> HealthRun:
    """Run the health check on ``practice`` and store it; returns the new run.

    ``actor`` None means the command line (trusted; audited with no user). A membership
    must belong to the practice and be a manager, admin or owner. Hits the database: the
    snapshot (7 queries), then the run, the flags and the audit record in one transaction.
    """
    run, _ = run_and_report(actor, practice, policy=policy)
    assert run is not None
    return run


def run_and_report(
    actor: Membership | None,
    practice: Practice,
    *,
    policy: Policy | None = None,
    save: bool = True,
) -> tuple[HealthRun | None, Report]:
    """:func:`run_health_check` that also returns the in-memory report (for the command
    line's text output); with ``save=False`` nothing is written and the run is ``None``."""
    if actor is not None:
        require_run(actor)
        if actor.practice_id != practice.pk:
            raise PermissionDenied("You may only run the health check of your own practice.")
    started = time.perf_counter()
    snapshot = build_snapshot(practice)
    report = run_check(snapshot, policy)
    duration_ms = round((time.perf_counter() - started) * 1000)
    if not save:
        return None, report
    data = report.to_json_dict()
    counts = {s.value: 0 for s in Severity}
    for finding in report.findings:
        counts[finding.severity.value] += 1
    score: Any = data["score"]
    flags = seat_flags(report)
    user = actor.user if actor is not None else None
    with transaction.atomic():
        # Serialise runs of one practice: each replaces the practice's chart flags.
        Practice.objects.select_for_update().filter(pk=practice.pk).first()
        run = HealthRun.objects.create(
            practice=practice,
            actor=user,
            overall=score["overall"],
            areas=score["areas"],
            counts=counts,
            findings=data["findings"],
            steps=[report.fix_steps(f) for f in report.findings],
            seats=len(snapshot.seats),
            people=len(snapshot.people),
            duration_ms=duration_ms,
        )
        SeatFlag.objects.filter(practice=practice).delete()
        # A seat deleted while the rules ran has nothing to flag any more.
        # (All ids in one query: an IN list of thousands of flagged seats could pass
        # SQLite's limit on query parameters.)
        existing = set(Seat.objects.filter(practice=practice).values_list("pk", flat=True))
        SeatFlag.objects.bulk_create(
            (
                SeatFlag(practice=practice, run=run, seat_id=int(seat_id), **fields)
                for seat_id, fields in flags.items()
                if int(seat_id) in existing
            ),
            batch_size=2000,
        )
        record(
            actor=user,
            practice_id=practice.pk,
            action=AuditAction.CREATED,
            obj=run,
            after={"overall": run.overall, "counts": counts},
            note="health check run",
        )
    return run, report


def seat_flags(report: Report) -> dict[str, dict[str, Any]]:
    """The chart marker of each seat the report's findings name: ``{seat id: {count,
    severity, messages}}``, for seats whose ids are database keys."""
    by_seat: dict[str, list[Finding]] = {}
    for finding in report.findings:
        subjects = finding.subjects[:1] if finding.rule in PRIMARY_ONLY else finding.subjects
        for subject in subjects:
            if subject.type is SubjectType.SEAT and subject.id.isdigit():
                by_seat.setdefault(subject.id, []).append(finding)
    return {seat_id: _flag(found) for seat_id, found in by_seat.items()}


def _flag(findings: list[Finding]) -> dict[str, Any]:
    # Findings come sorted most severe first, so the first is the marker's severity.
    lines = [_short(f"{f.severity.value.upper()}: {f.message}") for f in findings[:FLAG_MESSAGES]]
    if len(findings) > FLAG_MESSAGES:
        lines.append(f"and {len(findings) - FLAG_MESSAGES} more")
    return {
        "count": min(len(findings), 32767),
        "severity": findings[0].severity.value,
        "messages": "\n".join(lines),
    }


def _short(text: str) -> str:
    return text if len(text) <= FLAG_MESSAGE_CHARS else text[: FLAG_MESSAGE_CHARS - 1] + "…"


def report_dict(run: HealthRun) -> dict[str, Any]:
    """The run as the documented report JSON plus ``run`` metadata (no query)."""
    return {
        "practice": {"name": run.practice.name, "slug": run.practice.slug},
        "score": {"overall": run.overall, "areas": run.areas},
        "findings": run.findings,
        "run": {
            "id": run.pk,
            "created_at": run.created_at.isoformat(),
            "counts": run.counts,
            "seats": run.seats,
            "people": run.people,
        },
    }
