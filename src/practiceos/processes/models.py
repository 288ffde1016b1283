"""Core processes' tables: the process, its versions (the steps as they were), and
checklist runs of a version. Every row carries ``practice_id``; every unique key
includes it (docs/scaling.md).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from practiceos.core.processes import MAX_NAME, MAX_NOTE, MAX_SUBJECT, ProcessStatus
from practiceos.org.models import Seat, TenantModel


class StatusChoices(models.TextChoices):
    """Database choices mirroring :class:`practiceos.core.processes.ProcessStatus`."""

    ACTIVE = ProcessStatus.ACTIVE.value, "Active"
    ARCHIVED = ProcessStatus.ARCHIVED.value, "Archived"


class Process(TenantModel):
    """A core process: how one thing is done here, owned by exactly one seat.

    ``owner_seat`` is required by the services; the column allows none so that removing
    the seat from the chart leaves the process (rule ``process-without-owner``).
    ``current`` is the number of the newest version. ``last_reviewed_on`` and
    ``followed`` (with ``follow_note``) record the last review with the people who run it.
    ``field`` and ``template_id`` say which library template it started from, if any.
    """

    name = models.CharField(max_length=MAX_NAME)
    owner_seat = models.ForeignKey(
        Seat, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    purpose = models.TextField(blank=True)
    field = models.CharField(max_length=40, blank=True)
    template_id = models.CharField(max_length=80, blank=True)
    status = models.CharField(
        max_length=16, choices=StatusChoices.choices, default=StatusChoices.ACTIVE
    )
    current = models.PositiveIntegerField(default=1)
    last_reviewed_on = models.DateField(null=True, blank=True)
    followed = models.BooleanField(null=True, blank=True)
    follow_note = models.CharField(max_length=MAX_NOTE, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name", "id"]
        constraints = [
            models.UniqueConstraint(fields=["practice", "name"], name="process_unique_name")
        ]
        verbose_name_plural = "processes"

    def __str__(self) -> str:
        return self.name


class ProcessVersion(TenantModel):
    """One version of a process's steps, as written at the time.

    ``steps`` is ``[{"text": ..., "seat": "<seat id>"}, ...]``; ``measurables`` is a list
    of ``scorecards.Measurable`` ids that show the process works.
    """

    process = models.ForeignKey(Process, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField()
    steps = models.JSONField(default=list)
    measurables = models.JSONField(default=list, blank=True)
    note = models.CharField(max_length=MAX_NOTE, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["process", "-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["practice", "process", "number"], name="process_version_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.process} v{self.number}"


class ChecklistRun(TenantModel):
    """A run of one process version as a checklist (a new hire's onboarding, a turnover).

    ``ticks`` has one entry per step of the version: ``null`` while open, or
    ``{"by": <user id>, "name": "...", "at": "<ISO time>"}`` once done.
    ``finished_at`` is set when the last step is ticked.
    """

    process = models.ForeignKey(Process, on_delete=models.CASCADE, related_name="runs")
    version = models.ForeignKey(ProcessVersion, on_delete=models.PROTECT, related_name="runs")
    subject = models.CharField(max_length=MAX_SUBJECT, blank=True)
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    started_at = models.DateTimeField(auto_now_add=True)
    ticks = models.JSONField(default=list)
    done = models.PositiveIntegerField(default=0)
    total = models.PositiveIntegerField(default=0)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-started_at", "-id"]
        indexes = [models.Index(fields=["practice", "process", "started_at"], name="run_idx")]

    def __str__(self) -> str:
        what = f" for {self.subject}" if self.subject else ""
        return f"{self.process}{what}"

    @property
    def complete(self) -> bool:
        """Every step was ticked."""
        return self.total > 0 and self.done >= self.total
