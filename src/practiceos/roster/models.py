"""One roster upload: its file, its preview, and the import's progress and outcome."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from practiceos.tenancy.models import Practice


class ImportStatus(models.TextChoices):
    """Where an import is: previewed (waiting for confirmation), running, done or failed."""

    PREVIEWED = "previewed", "Previewed"
    RUNNING = "running", "Running"
    DONE = "done", "Done"
    FAILED = "failed", "Failed"
    UNDONE = "undone", "Undone"


class RosterImport(models.Model):
    """An uploaded roster export, what importing it would change, and how the import went.

    The file itself is kept in the database (:class:`RosterFile`) until the import
    finishes, then deleted: a roster is personal data and the chart now holds it.
    ``summary`` is :meth:`practiceos.core.roster.planning.ImportPlan.summary`; ``problems`` and
    ``warnings`` are lists of ``{"where", "message"}``. ``done``/``total`` count the rows of
    the current ``stage`` while the import runs.
    """

    practice = models.ForeignKey(Practice, on_delete=models.CASCADE, related_name="+")
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    filename = models.CharField(max_length=255)
    file_size = models.PositiveBigIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    status = models.CharField(
        max_length=16, choices=ImportStatus.choices, default=ImportStatus.PREVIEWED
    )
    stage = models.CharField(max_length=60, blank=True)
    done = models.PositiveIntegerField(default=0)
    total = models.PositiveIntegerField(default=0)
    allow_unresolved = models.BooleanField(default=False)
    only_file_locations = models.BooleanField(
        default=False, help_text="People at locations the file does not mention are left alone."
    )
    end_missing = models.BooleanField(
        default=False,
        help_text="Confirmed: end the people the preview's warning names (not in the file).",
    )
    column_map = models.TextField(blank=True)
    rows = models.PositiveIntegerField(default=0)
    summary = models.JSONField(default=dict, blank=True)
    problems = models.JSONField(default=list, blank=True)
    warnings = models.JSONField(default=list, blank=True)
    blocking = models.BooleanField(default=False)
    error = models.TextField(blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["practice", "-created_at"], name="roster_import_recent_idx")
        ]

    def __str__(self) -> str:
        return f"{self.filename} ({self.get_status_display()})"

    @property
    def percent(self) -> int:
        """Progress of the current stage, 0-100."""
        return min(100, round(100 * self.done / self.total)) if self.total else 0

    @property
    def can_confirm(self) -> bool:
        """A preview without blocking problems that would change something."""
        return (
            self.status == ImportStatus.PREVIEWED
            and not self.blocking
            and bool(self.summary.get("writes"))
        )


class RosterFile(models.Model):
    """The uploaded file of a roster import, kept until the import is done.

    In the database, not on a disk, so that the web worker that confirms the preview and
    the task worker that imports it may be on different machines, and in a separate table
    so that listing imports never reads the files. A failed import keeps its file (it can
    be run again) until ``practiceos purge_imports``.
    """

    practice = models.ForeignKey(Practice, on_delete=models.CASCADE, related_name="+")
    roster_import = models.ForeignKey(RosterImport, on_delete=models.CASCADE, related_name="+")
    data = models.BinaryField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["practice", "roster_import"], name="roster_file_one_per_import"
            )
        ]

    def __str__(self) -> str:
        return f"file of roster import {self.roster_import_id}"
