"""Recording a job's progress where every web worker can read it.

A job's work is often all-or-nothing in one transaction (an import, a load). Progress
written through that transaction's connection would stay invisible until the end, so on
PostgreSQL it goes through a second connection that commits each update at once. SQLite
allows one writer at a time, so there the write stage's progress shows when it commits
(stages before and after show as they happen); SQLite is one machine anyway.
"""

from __future__ import annotations

import threading
import time
from typing import Any

from django.db import DEFAULT_DB_ALIAS, connection, connections
from django.utils import timezone

from practiceos.jobs.models import Job

#: Progress is written at most this often (seconds) unless the stage changes.
MIN_INTERVAL = 0.5

_side = threading.local()


def _side_connection() -> Any:
    """This thread's second PostgreSQL connection (autocommit), made on first use."""
    conn = getattr(_side, "conn", None)
    if conn is None:
        conn = _side.conn = connections.create_connection(DEFAULT_DB_ALIAS)
    return conn


def close_side_connection() -> None:
    """Close this thread's second connection, if any (at the end of a job)."""
    conn = getattr(_side, "conn", None)
    if conn is not None:
        conn.close()
        _side.conn = None


def write_progress(job_id: int, attempt: int, **fields: Any) -> None:
    """Update the job's progress columns so that other connections see it now, while run
    ``attempt`` is still the job's current run (a run superseded by a retry writes
    nothing)."""
    fields["updated_at"] = timezone.now()
    if connection.vendor == "postgresql" and connection.in_atomic_block:
        columns = ", ".join(f'"{name}" = %s' for name in fields)
        with _side_connection().cursor() as cursor:
            cursor.execute(
                f'UPDATE "jobs_job" SET {columns} WHERE "id" = %s AND "attempts" = %s',
                [*fields.values(), job_id, attempt],
            )
            if cursor.rowcount:
                return
        # The job row is not committed yet (made in this same transaction, as in tests):
        # nobody else can see it, so this transaction's own connection is the right one.
    Job.objects.filter(pk=job_id, attempts=attempt).update(**fields)


class Progress:
    """How far a job is: a named stage, and done out of total (when known)."""

    def __init__(self, job: Job) -> None:
        self.job_id = job.pk
        self.attempt = job.attempts
        self.stage_name = ""
        self.done = 0
        self.total: int | None = None
        self._written = 0.0

    def stage(self, name: str, total: int | None = None) -> None:
        """Start a stage (written at once): ``Reading the file``, ``Writing 3,000 people``."""
        self.stage_name, self.done, self.total = name[:200], 0, total
        self._write()

    def advance(self, step: int = 1) -> None:
        """``step`` more units of the current stage done (written at most every 0.5 s)."""
        self.set(self.done + step)

    def set(self, done: int) -> None:
        """``done`` units of the current stage done (written at most every 0.5 s)."""
        self.done = done
        if time.monotonic() - self._written >= MIN_INTERVAL:
            self._write()

    def __call__(self, stage: str, done: int, total: int | None) -> None:
        """The ``progress(stage, done, total)`` callback shape the loaders use."""
        if stage != self.stage_name:
            self.stage_name, self.total = stage[:200], total
            self.done = done
            self._write()
        else:
            self.total = total
            self.set(done)

    def _write(self) -> None:
        self._written = time.monotonic()
        write_progress(
            self.job_id, self.attempt, stage=self.stage_name, done=self.done, total=self.total
        )
