"""Scenarios: named drafts of a practice's structure that never touch the live chart.

A scenario stores its changes (the JSON form of :mod:`practiceos.core.scenario`'s
changes), not a copy of the chart, plus the version of the live chart it started from
(``base_version``) and a fingerprint of each existing seat its changes touch
(``base_seats``). Its chart is computed on demand: today's snapshot with the changes
applied. Publishing compares the live chart with that base to find conflicts.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from practiceos.tenancy.models import Practice


class ScenarioStatus(models.TextChoices):
    """Where a scenario is in its life."""

    DRAFT = "draft", "Draft"
    PUBLISHED = "published", "Published"
    DISCARDED = "discarded", "Discarded"


class Scenario(models.Model):
    """A named draft of the structure with an owner, a note and a status.

    ``changes`` is the ordered list of changes (``[{"action": ...}, ...]``);
    ``published_summary`` what publishing created, updated and deleted (kept as history).
    """

    practice = models.ForeignKey(Practice, on_delete=models.CASCADE, related_name="+")
    name = models.CharField(max_length=120)
    note = models.TextField(blank=True, max_length=2000)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    status = models.CharField(
        max_length=12, choices=ScenarioStatus.choices, default=ScenarioStatus.DRAFT
    )
    base_version = models.CharField(max_length=64)
    base_seats = models.JSONField(default=dict, blank=True)
    changes = models.JSONField(default=list, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    published_at = models.DateTimeField(null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    published_summary = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["-updated_at", "-id"]
        indexes = [models.Index(fields=["practice", "status"], name="scenario_status_idx")]
        constraints = [
            models.UniqueConstraint(
                fields=["practice", "name"],
                name="scenario_unique_name",
                violation_error_message="Another scenario of this practice has that name.",
            )
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_draft(self) -> bool:
        """True while the scenario can still be edited, published or discarded."""
        return self.status == ScenarioStatus.DRAFT
