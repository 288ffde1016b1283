"""A job: one piece of long work for a practice, its progress and its outcome.

The task queue (django-tasks with the django-tasks-db backend) decides *when* and *where*
work runs; a ``Job`` row is what the product shows about it: which practice asked, who,
which stage it is at, how far along, and the result or the reason it failed. Progress is
in the database, so any web worker on any machine shows the same bar.
"""

from __future__ import annotations

import datetime as dt
import os
import socket

from django.db import models
from django.utils import timezone

from practiceos.tenancy.models import Membership, Practice

#: A running job whose progress has not moved for this long is shown as stalled (its
#: worker died or was killed) and may be retried.
STALL_AFTER = dt.timedelta(minutes=5)


def _machine() -> str:
    """This host and PID namespace: process ids mean the same thing only within both (two
    containers may share a host name, never a PID namespace)."""
    try:
        namespace = os.readlink("/proc/self/ns/pid")
    except OSError:  # not Linux
        namespace = ""
    return f"{socket.gethostname()}/{namespace}"


def this_worker() -> str:
    """Who runs a job here: ``host/pid-namespace:pid``, stored on the job when a worker
    claims it."""
    return f"{_machine()}:{os.getpid()}"[:120]


def worker_gone(worker: str) -> bool:
    """True when ``worker`` (see :func:`this_worker`) ran where this process runs (same
    host, same PID namespace) and its process is gone.

    A worker killed part-way (SIGKILL, out of memory, a reboot) leaves its job "running";
    on the same machine that is known at once. A worker on another machine cannot be
    asked, so there the job counts as stalled only after :data:`STALL_AFTER` without
    progress. (SQLite holds one writer at a time, so a heartbeat written from beside a
    long all-or-nothing write would wait for that write: a process check needs no write.)
    """
    machine, _, pid = worker.rpartition(":")
    if not pid.isdigit() or machine != _machine():
        return False
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return True
    except PermissionError:  # alive, under another user
        return False
    return False


class JobKind(models.TextChoices):
    """What a job does; each kind has one handler (``practiceos.jobs.registry``)."""

    HEALTH_CHECK = "health_check", "Health check"
    ROSTER_IMPORT = "roster_import", "Roster import"
    EXPORT = "export", "Org file export"
    PDF = "pdf", "PDF"
    SCORECARD_UPLOAD = "scorecard_upload", "Scorecard upload"


class JobStatus(models.TextChoices):
    """Where a job is in its life."""

    QUEUED = "queued", "Queued"
    RUNNING = "running", "Running"
    DONE = "done", "Done"
    FAILED = "failed", "Failed"


class Job(models.Model):
    """One piece of long work for one practice (see the module docstring)."""

    practice = models.ForeignKey(Practice, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=32, choices=JobKind.choices)
    status = models.CharField(max_length=16, choices=JobStatus.choices, default=JobStatus.QUEUED)
    requested_by = models.ForeignKey(
        Membership, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    params = models.JSONField(default=dict, blank=True)
    stage = models.CharField(max_length=200, blank=True)
    done = models.PositiveIntegerField(default=0)
    total = models.PositiveIntegerField(null=True, blank=True)
    result = models.JSONField(null=True, blank=True)
    error = models.TextField(blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    task_id = models.CharField(max_length=64, blank=True)
    # host/pid-namespace:pid of the worker that claimed it (see worker_gone).
    worker = models.CharField(max_length=120, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["practice", "-created_at"], name="job_practice_recent"),
            # Every audited change to the chart asks whether a check is already waiting
            # (health.autocheck): an index look-up however many jobs the practice has had.
            models.Index(fields=["practice", "kind", "status"], name="job_practice_kind_status"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} #{self.pk} ({self.status})"

    @property
    def is_active(self) -> bool:
        """Queued or running: the page keeps polling."""
        return self.status in (JobStatus.QUEUED, JobStatus.RUNNING) and not self.is_stalled

    @property
    def is_stalled(self) -> bool:
        """Running, but its worker is gone: its process ended on this machine, or nothing
        has moved for :data:`STALL_AFTER`."""
        if self.status != JobStatus.RUNNING:
            return False
        return worker_gone(self.worker) or timezone.now() - self.updated_at > STALL_AFTER

    @property
    def can_retry(self) -> bool:
        """Failed or stalled work can be run again (it left nothing half-written)."""
        return self.status == JobStatus.FAILED or self.is_stalled

    @property
    def run_after(self) -> dt.datetime | None:
        """When a held-back job may start (the health check's automatic re-check waits
        for edits to settle), or ``None`` when it runs as soon as a worker is free."""
        value = (self.params or {}).get("run_after")
        try:
            return dt.datetime.fromisoformat(value) if isinstance(value, str) else None
        except ValueError:
            return None

    @property
    def automatic(self) -> bool:
        """Queued by the product itself (no user), such as a re-check after chart edits."""
        return bool((self.params or {}).get("auto"))

    @property
    def percent(self) -> int | None:
        """How far along, 0-100, or ``None`` while the amount of work is not known."""
        if self.status == JobStatus.DONE:
            return 100
        if not self.total:
            return None
        return min(100, round(100 * self.done / self.total))


class JobFile(models.Model):
    """The file a job made (a PDF, an export), kept in the database with its job.

    In the database rather than on a disk so that every web worker on every machine can
    hand it out, it is in the backups, and it goes with its job. Downloaded through
    ``/jobs/<id>/download/`` by members who may read what it shows (the job's handler
    decides); ``practiceos purge_job_files`` deletes old ones.
    """

    practice = models.ForeignKey(Practice, on_delete=models.CASCADE, related_name="+")
    job = models.ForeignKey(Job, on_delete=models.CASCADE, related_name="files")
    filename = models.CharField(max_length=255)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    data = models.BinaryField()
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["practice", "job"], name="jobfile_one_per_job")
        ]

    def __str__(self) -> str:
        return f"{self.filename} ({self.size} bytes) of job #{self.job_id}"
