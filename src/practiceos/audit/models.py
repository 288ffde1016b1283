"""Audit records written by every service function."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from practiceos.tenancy.models import Practice


class AuditAction(models.TextChoices):
    """What a write did to its object."""

    CREATED = "created", "Created"
    UPDATED = "updated", "Updated"
    DELETED = "deleted", "Deleted"
    LOADED = "loaded", "Loaded from a file"
    IMPORTED = "imported", "Imported"
    READ = "read", "Read (confidential)"


class AuditRecord(models.Model):
    """One write to one object (who, when, what it was before and after), or one read of
    a confidential object (``action="read"``: who and when). Nothing in the product edits
    or deletes these rows; only ``practiceos purge``-style maintenance could.

    ``object_type`` is the model label (``org.seat``) and ``object_id`` its primary key,
    so the history of an object survives the object's deletion.
    """

    practice = models.ForeignKey(Practice, on_delete=models.CASCADE, related_name="+")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    at = models.DateTimeField(auto_now_add=True, db_index=True)
    action = models.CharField(max_length=16, choices=AuditAction.choices)
    object_type = models.CharField(max_length=40)
    object_id = models.CharField(max_length=40)
    object_repr = models.CharField(max_length=300)
    before = models.JSONField(null=True, blank=True)
    after = models.JSONField(null=True, blank=True)
    note = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["-at", "-id"]
        indexes = [
            models.Index(fields=["practice", "object_type", "object_id"], name="audit_object_idx"),
            # The log page filters by practice and pages newest first.
            models.Index(fields=["practice", "-at", "-id"], name="audit_practice_at_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.action} {self.object_type}#{self.object_id} by {self.actor_id}"

    def changes(self) -> list[tuple[str, object, object]]:
        """(field, before, after) for each field whose value differs."""
        before = self.before or {}
        after = self.after or {}
        keys = sorted(set(before) | set(after))
        return [(k, before.get(k), after.get(k)) for k in keys if before.get(k) != after.get(k)]
