"""Hiring's tables: the plan for one vacant seat, its candidates and their interview
scores. Every row carries ``practice_id``; every unique key includes it.

A plan copies the seat's role card and the practice's core values when it is opened
(``card``) and the interview kit built from them (``kit``), so a later edit of the card
or the values does not rewrite a plan that is interviewing.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q

from practiceos.core.hiring import MAX_CLOSE_REASON, MAX_CONTACT, MAX_NAME, Mark, PlanStatus
from practiceos.org.models import LevelChoices, Person, Seat, TenantModel


class PlanStatusChoices(models.TextChoices):
    """Database choices mirroring :class:`practiceos.core.hiring.PlanStatus`."""

    OPEN = PlanStatus.OPEN.value, "Open"
    FILLED = PlanStatus.FILLED.value, "Filled"
    CLOSED = PlanStatus.CLOSED.value, "Closed"


class HiringPlan(TenantModel):
    """The plan to fill one vacant seat: the card and kit as they were when opened.

    ``card`` is :meth:`practiceos.core.hiring.PlanCard.to_dict` (role, level, purpose,
    responsibilities, expectations at the level hired, core values); ``kit`` the list of
    :meth:`~practiceos.core.hiring.KitQuestion.to_dict`. At most one open plan per seat.
    ``onboarding_run`` is the checklist run started by the hire, if the practice has a
    hiring/onboarding process. A plan closed without a hire keeps why in
    ``closed_reason`` (the seat was withdrawn, filled from within ...).
    """

    seat = models.ForeignKey(Seat, null=True, on_delete=models.SET_NULL, related_name="+")
    seat_name = models.CharField(max_length=200)
    level = models.CharField(max_length=8, choices=LevelChoices.choices)
    card = models.JSONField(default=dict)
    kit = models.JSONField(default=list)
    status = models.CharField(
        max_length=8, choices=PlanStatusChoices.choices, default=PlanStatusChoices.OPEN
    )
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    opened_at = models.DateTimeField(auto_now_add=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    closed_reason = models.CharField(max_length=MAX_CLOSE_REASON, blank=True)
    hired = models.ForeignKey(
        "Candidate", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    onboarding_run = models.ForeignKey(
        "processes.ChecklistRun", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-opened_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["practice", "seat"],
                condition=Q(status="open"),
                name="hiring_one_open_plan_per_seat",
                violation_error_message="This seat already has an open hiring plan.",
            )
        ]
        indexes = [models.Index(fields=["practice", "status"], name="hiring_plan_status_idx")]

    def __str__(self) -> str:
        return f"Hiring for {self.seat_name}"

    @property
    def values(self) -> list[str]:
        """The names of the core values the plan scores, in order."""
        return [v["name"] for v in self.card.get("values", [])]


class Candidate(TenantModel):
    """Someone interviewing for a plan. Confidential: seen only by the seat's manager
    chain, owners and admins. ``erased_at`` is set once their personal data was wiped on
    request (name becomes "Erased candidate"; contact and notes are blanked); ``person`` is
    who they became when hired."""

    plan = models.ForeignKey(HiringPlan, on_delete=models.CASCADE, related_name="candidates")
    name = models.CharField(max_length=MAX_NAME)
    email = models.CharField(max_length=MAX_CONTACT, blank=True)
    phone = models.CharField(max_length=MAX_CONTACT, blank=True)
    notes = models.TextField(blank=True)
    added_at = models.DateTimeField(auto_now_add=True)
    erased_at = models.DateTimeField(null=True, blank=True)
    person = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["plan", "id"]
        indexes = [models.Index(fields=["practice", "plan"], name="hiring_candidate_plan_idx")]

    def __str__(self) -> str:
        # Not the name: this string lands in audit records, which must hold no personal
        # data that an erasure could not reach.
        return f"Candidate #{self.pk}"


class MarkChoices(models.TextChoices):
    """Database choices mirroring :class:`practiceos.core.hiring.Mark`."""

    PLUS = Mark.PLUS.value, "+"
    MIXED = Mark.MIXED.value, "+/−"
    MINUS = Mark.MINUS.value, "−"


class InterviewScore(TenantModel):
    """One interviewer's scores of one candidate: ``marks`` is ``[{"value", "mark"}]``
    (a mark per core value of the plan), the three seat-fit answers, and notes. After an
    erasure the notes and the interviewer's name are blank; the marks stay (anonymous)."""

    candidate = models.ForeignKey(Candidate, on_delete=models.CASCADE, related_name="scores")
    interviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    interviewer_name = models.CharField(max_length=MAX_NAME, blank=True)
    marks = models.JSONField(default=list)
    gets_it = models.BooleanField()
    wants_it = models.BooleanField()
    capacity = models.BooleanField()
    notes = models.TextField(blank=True)
    scored_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["candidate", "id"]
        indexes = [models.Index(fields=["practice", "candidate"], name="hiring_score_cand_idx")]

    def __str__(self) -> str:
        return f"Score of {self.candidate_id}"
