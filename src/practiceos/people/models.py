"""People accountability's tables: quarterly conversations (reviews), performance plans
with their checkpoints, and one-on-ones. Every row carries ``practice_id``.

These are confidential: they are read only through ``people.access`` (the person, their
manager chain, owners and admins; anyone else gets a 404) and every read of one is
recorded in the audit log. They point at ``org.Person`` (the human) and keep the seat's
name, so a person's history survives seat changes.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q

from practiceos.core.reviews import PlanReason, PlanStatus, Rating
from practiceos.org.models import Person, Seat, TenantModel


class RatingChoices(models.TextChoices):
    """Database choices mirroring :class:`practiceos.core.reviews.Rating`."""

    PLUS = Rating.PLUS.value, "+"
    MIXED = Rating.MIXED.value, "+/−"
    MINUS = Rating.MINUS.value, "−"


class PlanReasonChoices(models.TextChoices):
    """Database choices mirroring :class:`practiceos.core.reviews.PlanReason`."""

    NUMBERS = PlanReason.NUMBERS.value, "Numbers"
    VALUES = PlanReason.VALUES.value, "Core values"
    BEHAVIOUR = PlanReason.BEHAVIOUR.value, "Behaviour"
    SKILLS = PlanReason.SKILLS.value, "Skills"


class PlanStatusChoices(models.TextChoices):
    """Database choices mirroring :class:`practiceos.core.reviews.PlanStatus`."""

    OPEN = PlanStatus.OPEN.value, "Open"
    MET = PlanStatus.MET.value, "Met"
    SEPARATED = PlanStatus.SEPARATED.value, "Separated"
    WITHDRAWN = PlanStatus.WITHDRAWN.value, "Withdrawn"


class Review(TenantModel):
    """A quarterly conversation: core values rated +, +/− or −, the three seat questions,
    notes from the manager and from the person, and the verdict against the practice's bar.

    ``ratings`` is ``[{"value": "Patients first", "rating": "+"}, ...]``: the value names
    are stored with the review, so a later change to the vision leaves it as it was held.
    ``values_ok``/``seat_ok`` and ``bar`` are the verdict and the bar it was judged by.
    """

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="reviews")
    seat = models.ForeignKey(
        Seat, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    seat_name = models.CharField(max_length=160, blank=True)
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    held_on = models.DateField()
    ratings = models.JSONField(default=list, blank=True)
    gets_it = models.BooleanField()
    wants_it = models.BooleanField()
    capacity = models.BooleanField()
    manager_notes = models.TextField(blank=True)
    person_notes = models.TextField(blank=True)
    values_ok = models.BooleanField()
    seat_ok = models.BooleanField()
    bar = models.CharField(max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-held_on", "-id"]
        indexes = [models.Index(fields=["practice", "person", "held_on"], name="review_person_idx")]

    def __str__(self) -> str:
        return f"Quarterly conversation with {self.person} on {self.held_on}"

    @property
    def above_bar(self) -> bool:
        """Above the practice's bar on values and on the seat."""
        return self.values_ok and self.seat_ok


class Plan(TenantModel):
    """A performance plan: why, what to meet, the support offered, a committed end date,
    checkpoints, and an outcome (met, separated, withdrawn; extended once before that).

    ``end_date`` is required by the services; the column allows none only so that data
    brought from elsewhere can be stored and reported (rule plan-without-end-date).
    ``expectations`` is ``[{"text": ..., "measurable": <id or null>}, ...]``.
    """

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="plans")
    seat = models.ForeignKey(
        Seat, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    seat_name = models.CharField(max_length=160, blank=True)
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reason = models.CharField(max_length=16, choices=PlanReasonChoices.choices)
    expectations = models.JSONField(default=list, blank=True)
    support = models.TextField(blank=True)
    opened_on = models.DateField()
    end_date = models.DateField(null=True, blank=True)
    original_end_date = models.DateField(null=True, blank=True)
    extensions = models.PositiveSmallIntegerField(default=0)
    extension_reason = models.TextField(blank=True)
    status = models.CharField(
        max_length=16, choices=PlanStatusChoices.choices, default=PlanStatusChoices.OPEN
    )
    outcome_note = models.TextField(blank=True)
    closed_on = models.DateField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-opened_on", "-id"]
        indexes = [
            models.Index(fields=["practice", "person"], name="plan_person_idx"),
            models.Index(fields=["practice", "status", "end_date"], name="plan_status_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(status=PlanStatusChoices.OPEN, closed_on__isnull=True)
                | (~Q(status=PlanStatusChoices.OPEN) & Q(closed_on__isnull=False)),
                name="plan_closed_on_matches_status",
                violation_error_message="A closed plan has a closing date; an open one has none.",
            )
        ]

    def __str__(self) -> str:
        return f"Plan for {self.person} ({self.get_status_display().lower()})"

    @property
    def status_enum(self) -> PlanStatus:
        """The status as the core enum."""
        return PlanStatus(self.status)


class Checkpoint(TenantModel):
    """A dated check on a plan's progress, with notes and whether it is on track."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="checkpoints")
    held_on = models.DateField()
    on_track = models.BooleanField()
    note = models.TextField(blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["held_on", "id"]

    def __str__(self) -> str:
        return f"Checkpoint on {self.held_on}"


class OneOnOne(TenantModel):
    """A manager's one-on-one with a report: the topics chosen (situations for the style
    advisor), the manager's read of the person's readiness, shared notes (the person sees
    them), private manager notes (the person never does) and the next meeting's date."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="one_on_ones")
    manager = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    held_on = models.DateField()
    next_on = models.DateField(null=True, blank=True)
    topics = models.JSONField(default=list, blank=True)
    competence = models.CharField(max_length=8, default="some")
    commitment = models.CharField(max_length=8, default="high")
    confident = models.BooleanField(default=True)
    shared_notes = models.TextField(blank=True)
    private_notes = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-held_on", "-id"]
        indexes = [models.Index(fields=["practice", "person"], name="one_on_one_person_idx")]

    def __str__(self) -> str:
        return f"One-on-one with {self.person} on {self.held_on}"
