"""Is the latest health report still true? Changes to the chart since it ran, and the
re-check (queued automatically after changes, see ``health.autocheck``) that will
replace it. Read by the report page, the chart's legend and the home page."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from practiceos.audit.models import AuditAction, AuditRecord
from practiceos.health.models import HealthRun
from practiceos.jobs.models import Job, JobKind, JobStatus


def changes_since(practice_id: int, run: HealthRun) -> int:
    """Changes to the chart recorded after ``run`` (the report is out of date when not 0).
    One query."""
    return (
        AuditRecord.objects.filter(
            practice_id=practice_id, at__gt=run.created_at, object_type__startswith="org."
        )
        .exclude(action=AuditAction.READ)
        .count()
    )


def active_checks(practice_id: int) -> list[Job]:
    """Health checks of the practice queued or running (stalled ones left out), oldest
    first, with who asked. One query."""
    jobs = Job.objects.filter(
        practice_id=practice_id,
        kind=JobKind.HEALTH_CHECK,
        status__in=[JobStatus.QUEUED, JobStatus.RUNNING],
    ).select_related("requested_by__user")
    return [job for job in jobs.order_by("created_at", "pk")[:3] if job.is_active]


@dataclass(frozen=True)
class Freshness:
    """What the chart's legend says about its flags: when they were checked, how many
    changes since, and the re-check on its way (if any)."""

    run_id: int
    checked_at: dt.datetime
    changes: int
    recheck: Job | None

    @property
    def stale(self) -> bool:
        """The flags no longer describe the chart as it is."""
        return self.changes > 0


def freshness(practice_id: int) -> Freshness | None:
    """The latest run's freshness, or ``None`` before the first check. Three queries
    (one without a run)."""
    latest = (
        HealthRun.objects.filter(practice_id=practice_id).values_list("pk", "created_at").first()
    )
    if latest is None:
        return None
    return freshness_of(HealthRun(pk=latest[0], created_at=latest[1], practice_id=practice_id))


def freshness_of(run: HealthRun) -> Freshness:
    """``run``'s freshness: changes since it, and the re-check on its way (an automatic one
    first). Two queries."""
    checks = active_checks(run.practice_id)
    automatic = [job for job in checks if job.automatic]
    return Freshness(
        run_id=run.pk,
        checked_at=run.created_at,
        changes=changes_since(run.practice_id, run),
        recheck=(automatic or checks or [None])[0],
    )
