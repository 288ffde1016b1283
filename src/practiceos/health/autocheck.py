"""The automatic re-check: a change to the chart queues a health check, debounced.

Every writer of the chart (the org services, archiving, org-file loads, roster imports,
scenario publishes) writes audit records; the audit app tells :func:`chart_written`
about each audited write, inside the writer's transaction. The first change to a
practice's chart queues one health-check job, held back on the task queue for
``settings.HEALTH_RECHECK_DELAY`` seconds (``PRACTICEOS_RECHECK_DELAY``); every change
while that job still waits finds it and queues nothing. So a burst of edits, or an
import of 10,000 rows, costs one check that runs once the window has passed.

The cost of a write: one indexed query when a check is already waiting (the common
case during a burst), a job, its audit record and its task otherwise. No counter row is
updated, so concurrent writers never queue behind one another.

Across processes (many web workers, many task workers) the waiting job is the shared
state. On PostgreSQL the writer takes a *share* lock on it: writers do not block each
other, but a worker claiming the job (an UPDATE queued → running) waits until every
writer that counted on it has committed, so the check always reads their changes. On
SQLite writers are serialised by the database already. A check that is already running
may have read the chart before this change, so it does not count: the change queues the
next one (there is never more than one waiting).
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import connection
from django.utils import timezone

from practiceos.jobs.models import Job, JobKind, JobStatus
from practiceos.jobs.services import queue_job

#: Audit object types that are the chart: seats, people, assignments, reporting and
#: service lines, roles, teams and locations all live in the ``org`` app.
CHART_PREFIX = "org."

NOTE = "queued automatically after changes to the chart"


def recheck_delay() -> int:
    """Seconds a re-check waits after the first change; 0 or less: no automatic re-check."""
    return int(getattr(settings, "HEALTH_RECHECK_DELAY", 0) or 0)


def chart_written(practice_id: int, object_types: frozenset[str]) -> None:
    """The audit app's write listener: queue a re-check when the chart changed."""
    if recheck_delay() > 0 and any(t.startswith(CHART_PREFIX) for t in object_types):
        queue_recheck(practice_id)


def queue_recheck(practice_id: int, *, now: dt.datetime | None = None) -> Job | None:
    """Make sure a health check of the practice is waiting to run; returns the job queued,
    or ``None`` when one was already waiting (or automatic re-checks are off).

    Call inside the transaction that changed the chart (the audit listener does): the
    job commits with the change, or neither does. Hits the database (see the module
    docstring for what it costs and how it stays correct across processes).
    """
    delay = recheck_delay()
    if delay <= 0:
        return None
    if _waiting_check(practice_id) is not None:
        return None
    run_after = (now or timezone.now()) + dt.timedelta(seconds=delay)
    return queue_job(
        practice_id=practice_id,
        kind=JobKind.HEALTH_CHECK,
        actor=None,
        params={"auto": True},
        run_after=run_after,
        note=NOTE,
    )


def _waiting_check(practice_id: int) -> int | None:
    """The id of a health check of the practice that no worker has claimed yet. On
    PostgreSQL it is share-locked until this transaction ends (see the module docstring);
    Django has no ``FOR SHARE``, hence the SQL."""
    if connection.vendor != "postgresql":
        return (
            Job.objects.filter(
                practice_id=practice_id, kind=JobKind.HEALTH_CHECK, status=JobStatus.QUEUED
            )
            .values_list("pk", flat=True)
            .first()
        )
    table = connection.ops.quote_name(Job._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT id FROM {table} WHERE practice_id = %s AND kind = %s AND status = %s "
            "LIMIT 1 FOR SHARE",
            [practice_id, JobKind.HEALTH_CHECK.value, JobStatus.QUEUED.value],
        )
        row = cursor.fetchone()
    return int(row[0]) if row else None
