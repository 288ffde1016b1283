"""Versions of role cards: every change to a practice's role card is kept, who and when.

The card itself lives on ``org.Role`` (its columns); a :class:`RoleVersion` is the card as
it stood after one change, in the plain-data form of :mod:`practiceos.core.rolecards`, so
any two versions can be compared with a readable diff.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from practiceos.org.models import Role
from practiceos.tenancy.models import Practice


class RoleVersion(models.Model):
    """One version of a role's card: number (1, 2, ...), the card, who saved it and when."""

    practice = models.ForeignKey(Practice, on_delete=models.CASCADE, related_name="+")
    role = models.ForeignKey(Role, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField()
    card = models.JSONField()
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    summary = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["role_id", "-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["role", "number", "practice"],
                name="roleversion_unique_number",
                violation_error_message="This role already has a version with this number.",
            )
        ]
        indexes = [models.Index(fields=["practice", "role"], name="roleversion_role_idx")]

    def __str__(self) -> str:
        return f"{self.role_id} v{self.number}"
