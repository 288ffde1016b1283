"""Health-check runs of a practice, and the per-seat flags of its latest run.

A :class:`HealthRun` keeps what the report page, the PDF and the API show (score, counts,
findings, fix steps) so none of them re-runs the rules; :class:`SeatFlag` keeps, for the
latest run only, one row per seat a finding names, so the chart draws its markers with a
join instead of a rule run per fragment.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from practiceos.org.models import Seat
from practiceos.tenancy.models import Practice


class SeverityChoices(models.TextChoices):
    """Database choices mirroring :class:`practiceos.core.health.Severity`."""

    HIGH = "high", "High"
    MEDIUM = "medium", "Medium"
    LOW = "low", "Low"
    INFO = "info", "Info"


class HealthRun(models.Model):
    """One run of the health check on a practice: score, counts and findings as run.

    ``findings`` is the documented JSON list (``docs/health-check.md``); ``steps`` holds,
    for each finding in the same order, its fix as plain-language steps (subjects may
    have been renamed or deleted since, so the wording is frozen at run time).
    """

    practice = models.ForeignKey(Practice, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    overall = models.PositiveSmallIntegerField()
    areas = models.JSONField(default=dict)
    counts = models.JSONField(default=dict)
    findings = models.JSONField(default=list)
    steps = models.JSONField(default=list)
    seats = models.PositiveIntegerField(default=0)
    people = models.PositiveIntegerField(default=0)
    duration_ms = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["practice", "-created_at"], name="healthrun_latest_idx")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(overall__lte=100),
                name="healthrun_overall_range",
                violation_error_message="The overall score is between 0 and 100.",
            )
        ]

    def __str__(self) -> str:
        return f"Health check {self.created_at:%Y-%m-%d %H:%M}: {self.overall}/100"


class SeatFlag(models.Model):
    """The latest run's findings about one seat, as the chart's marker shows them.

    One row per flagged seat (replaced wholesale by each run). ``severity`` is the worst
    finding's; ``messages`` the findings' messages, one per line, for the marker's title.
    """

    practice = models.ForeignKey(Practice, on_delete=models.CASCADE, related_name="+")
    run = models.ForeignKey(HealthRun, on_delete=models.CASCADE, related_name="flags")
    seat = models.ForeignKey(Seat, on_delete=models.CASCADE, related_name="health_flag")
    count = models.PositiveSmallIntegerField()
    severity = models.CharField(max_length=8, choices=SeverityChoices.choices)
    messages = models.TextField()

    class Meta:
        constraints = [
            # One flag per seat; the practice is in the key so the table can be
            # distributed by practice_id (docs/scaling.md).
            models.UniqueConstraint(fields=["seat", "practice"], name="seat_flag_one_per_seat")
        ]

    def __str__(self) -> str:
        return f"{self.count} finding(s) on seat {self.seat_id} ({self.severity})"
