"""Leadership tables: the vision and core values, decision areas (with consulted and
informed seats and per-location overrides), asks, and the owner's time entries.

Every row carries ``practice_id`` (the tenant key). Writes go through
``leadership.services``; reads for other apps through ``leadership.reads``.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone

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


class WorkKindChoices(models.TextChoices):
    """Database choices mirroring :class:`practiceos.core.leadership.WorkKind`."""

    LEADERSHIP = "leadership", "Leadership"
    MANAGEMENT = "management", "Management"
    CLINICAL = "clinical", "Clinical"


class DecisionArea(models.Model):
    """A kind of decision and the one seat that decides it (``decider``; empty: nobody yet).

    ``key`` names the library area it was seeded from (blank for the practice's own).
    ``keywords`` (a list of lowercase words) let an ask's text suggest the area.
    """

    practice = models.ForeignKey(Practice, on_delete=models.CASCADE, related_name="+")
    name = models.CharField(max_length=120)
    key = models.CharField(max_length=60, blank=True)
    kind = models.CharField(
        max_length=16, choices=WorkKindChoices.choices, default=WorkKindChoices.MANAGEMENT
    )
    description = models.CharField(max_length=500, blank=True)
    keywords = models.JSONField(default=list, blank=True)
    decider = models.ForeignKey(
        "org.Seat", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["practice", "name"],
                name="decision_area_unique_name",
                violation_error_message="A decision area with this name already exists.",
            )
        ]

    def __str__(self) -> str:
        return self.name


class Involvement(models.TextChoices):
    """How a seat takes part in a decision it does not make."""

    CONSULTED = "consulted", "Consulted"
    INFORMED = "informed", "Informed"


class AreaSeat(models.Model):
    """A seat consulted before, or informed after, decisions of an area."""

    practice = models.ForeignKey(Practice, on_delete=models.CASCADE, related_name="+")
    area = models.ForeignKey(DecisionArea, on_delete=models.CASCADE, related_name="seats")
    seat = models.ForeignKey("org.Seat", on_delete=models.CASCADE, related_name="+")
    involvement = models.CharField(max_length=10, choices=Involvement.choices)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["area", "seat", "involvement"],
                name="area_seat_unique",
                violation_error_message="This seat is already listed for this area.",
            )
        ]

    def __str__(self) -> str:
        return f"{self.seat_id} {self.involvement} on {self.area_id}"


class AreaOverride(models.Model):
    """At ``location``, the area is decided by ``seat`` instead of the usual deciding seat."""

    practice = models.ForeignKey(Practice, on_delete=models.CASCADE, related_name="+")
    area = models.ForeignKey(DecisionArea, on_delete=models.CASCADE, related_name="overrides")
    location = models.ForeignKey("org.Location", on_delete=models.CASCADE, related_name="+")
    seat = models.ForeignKey("org.Seat", on_delete=models.CASCADE, related_name="+")

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["area", "location"],
                name="area_override_one_per_location",
                violation_error_message="This area already has an override at this location.",
            )
        ]

    def __str__(self) -> str:
        return f"{self.area_id} at {self.location_id}: {self.seat_id}"


class AskStatus(models.TextChoices):
    """Where an ask stands."""

    OPEN = "open", "Waiting"
    DECIDED = "decided", "Decided"


class Ask(models.Model):
    """A question or decision someone raised, routed to the deciding seat.

    ``to_seat`` is where it waits now (after an escalation, the seat above);
    ``reached_owner`` is true once it landed on a leadership seat (routed or escalated),
    which is what owner load counts. ``location`` is the asker's location when raised.
    ``asker_seen_at`` is when the asker acknowledged the decision (until then it is a new
    answer on their Asks page).
    """

    practice = models.ForeignKey(Practice, on_delete=models.CASCADE, related_name="+")
    asker = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    asker_seat = models.ForeignKey(
        "org.Seat", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    location = models.ForeignKey(
        "org.Location", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    area = models.ForeignKey(
        DecisionArea, null=True, blank=True, on_delete=models.SET_NULL, related_name="asks"
    )
    area_suggested = models.BooleanField(default=False)
    text = models.TextField(max_length=2000)
    to_seat = models.ForeignKey(
        "org.Seat", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    routing = models.CharField(max_length=400, blank=True)
    reached_owner = models.BooleanField(default=False)
    status = models.CharField(max_length=8, choices=AskStatus.choices, default=AskStatus.OPEN)
    decision = models.TextField(max_length=2000, blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    escalated_at = models.DateTimeField(null=True, blank=True)
    escalation_reason = models.CharField(max_length=500, blank=True)
    asker_seen_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["practice", "to_seat", "status"], name="ask_inbox_idx"),
            models.Index(fields=["practice", "created_at"], name="ask_recent_idx"),
            models.Index(fields=["practice", "location", "status"], name="ask_location_idx"),
        ]

    def __str__(self) -> str:
        return self.text[:60]


class TimeEntry(models.Model):
    """Minutes the owner (a leadership seat's holder) spent on one kind of work one day."""

    practice = models.ForeignKey(Practice, on_delete=models.CASCADE, related_name="+")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    day = models.DateField()
    kind = models.CharField(max_length=16, choices=WorkKindChoices.choices)
    minutes = models.PositiveSmallIntegerField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-day", "-id"]
        indexes = [models.Index(fields=["practice", "user", "day"], name="time_entry_week_idx")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(minutes__gte=1, minutes__lte=1440),
                name="time_entry_minutes_range",
                violation_error_message="Minutes are between 1 and 1,440 (a day).",
            )
        ]

    def __str__(self) -> str:
        return f"{self.minutes} min {self.kind} on {self.day}"
