"""Leadership tables: the vision and its core values (more below as the area grows).

Every row carries ``practice_id`` (the tenant key). Writes go through
``leadership.services``; reads for other apps through ``leadership.reads``.
"""

from __future__ import annotations

from django.db import models

from practiceos.tenancy.models import Practice


class Vision(models.Model):
    """Where the practice is going: one per practice, written by the owner.

    ``one_year_goals`` is a list of short texts. The core values are :class:`CoreValue`
    rows (other areas rate people against them by id).
    """

    practice = models.OneToOneField(Practice, on_delete=models.CASCADE, related_name="+")
    three_year_picture = models.TextField(blank=True)
    one_year_goals = models.JSONField(default=list, blank=True)
    core_focus = models.TextField(blank=True)
    what_good_looks_like = models.TextField(blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"Vision of practice {self.practice_id}"


class CoreValue(models.Model):
    """One of the practice's 3-7 core values: a name and what it means in behaviour.

    Kept as rows with stable primary keys: renaming a value keeps its id, so ratings
    of people against it (the accountability area) survive the edit.
    """

    practice = models.ForeignKey(Practice, on_delete=models.CASCADE, related_name="+")
    name = models.CharField(max_length=80)
    behaviour = models.TextField(max_length=1000)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["practice", "name"],
                name="core_value_unique_name",
                violation_error_message="A core value with this name already exists.",
            )
        ]

    def __str__(self) -> str:
        return self.name
