"""Weekly numbers and alignment: the tables behind scorecards, priorities and the pulse.

Every row carries ``practice_id`` (the tenant key). A measurable is owned by one seat (the
accountable person follows the seat); its numbers are one row per period (the Monday of
an ISO week, or the first day of a month); a missing number is a missing row, never a
zero. The arithmetic (goals, green/red, windows, streaks, formulas, roll-ups) lives in
:mod:`practiceos.core.scorecard`; these tables only store.

Model and field names are read by other apps (the team meeting): keep them stable.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q

from practiceos.core.scorecard import Cadence, Operator, PriorityStatus, Unit, Visibility
from practiceos.org.models import Location, Person, Seat, Team, TenantModel


class UnitChoices(models.TextChoices):
    """Database choices mirroring :class:`practiceos.core.scorecard.Unit`."""

    NUMBER = Unit.NUMBER.value, "Number"
    PERCENT = Unit.PERCENT.value, "%"
    CURRENCY = Unit.CURRENCY.value, "Currency"
    YES_NO = Unit.YES_NO.value, "Yes/no"
    MINUTES = Unit.MINUTES.value, "Minutes"
    DAYS = Unit.DAYS.value, "Days"


class OperatorChoices(models.TextChoices):
    """Database choices mirroring :class:`practiceos.core.scorecard.Operator`."""

    AT_LEAST = Operator.AT_LEAST.value, "≥"
    AT_MOST = Operator.AT_MOST.value, "≤"
    EQUAL = Operator.EQUAL.value, "="
    BETWEEN = Operator.BETWEEN.value, "between"
    OUTSIDE = Operator.OUTSIDE.value, "outside"


class CadenceChoices(models.TextChoices):
    """Database choices mirroring :class:`practiceos.core.scorecard.Cadence`."""

    WEEKLY = Cadence.WEEKLY.value, "Weekly"
    MONTHLY = Cadence.MONTHLY.value, "Monthly"


class VisibilityChoices(models.TextChoices):
    """Who may see a measurable: the whole team (default) or only its owner and manager chain."""

    TEAM = Visibility.TEAM.value, "Team"
    PRIVATE = Visibility.PRIVATE.value, "Owner and manager chain"


class NormaliseChoices(models.TextChoices):
    """Whether a number is divided by the owner's provider hours or days (from role cards)."""

    NONE = "none", "As entered"
    PER_PROVIDER_HOUR = "per_provider_hour", "Per provider hour"
    PER_PROVIDER_DAY = "per_provider_day", "Per provider day"


class PriorityStatusChoices(models.TextChoices):
    """Database choices mirroring :class:`practiceos.core.scorecard.PriorityStatus`."""

    ON_TRACK = PriorityStatus.ON_TRACK.value, "On track"
    OFF_TRACK = PriorityStatus.OFF_TRACK.value, "Off track"
    DONE = PriorityStatus.DONE.value, "Done"
    DROPPED = PriorityStatus.DROPPED.value, "Dropped"


class TeamGoal(TenantModel):
    """A collective target a team is accountable for together; measurables link to it."""

    team = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="team_goals")
    name = models.CharField(max_length=160)
    target = models.CharField(max_length=300, blank=True, help_text="The target in words.")
    due = models.DateField(null=True, blank=True)
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["team_id", "position", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["team", "name", "practice"],
                name="teamgoal_unique_name",
                violation_error_message="This team already has a goal with this name.",
            )
        ]

    def __str__(self) -> str:
        return self.name


class Measurable(TenantModel):
    """A weekly (or monthly) number owned by one seat, with a goal and an operator.

    ``team`` is the scorecard it appears on. ``goal_low`` is the goal for ≥, ≤ and =;
    ``between`` and ``outside`` use ``goal_low`` and ``goal_high``. ``level_targets`` are
    optional per-level goals (``{"junior": {"low": "..", "high": ".."}}``) that replace
    the goal for an owner at that level. ``formula`` computes the number from other
    measurables of the practice (``key`` names them); a computed measurable takes no
    entries.
    """

    seat = models.ForeignKey(
        Seat, null=True, blank=True, on_delete=models.SET_NULL, related_name="measurables"
    )
    team = models.ForeignKey(
        Team, null=True, blank=True, on_delete=models.SET_NULL, related_name="measurables"
    )
    name = models.CharField(max_length=160)
    key = models.SlugField(
        max_length=60, help_text="Short name used in formulas and uploads, unique in the practice."
    )
    unit = models.CharField(max_length=10, choices=UnitChoices.choices, default=UnitChoices.NUMBER)
    operator = models.CharField(
        max_length=8, choices=OperatorChoices.choices, default=OperatorChoices.AT_LEAST
    )
    goal_low = models.DecimalField(max_digits=18, decimal_places=4, null=True, blank=True)
    goal_high = models.DecimalField(max_digits=18, decimal_places=4, null=True, blank=True)
    cadence = models.CharField(
        max_length=8, choices=CadenceChoices.choices, default=CadenceChoices.WEEKLY
    )
    formula = models.CharField(max_length=500, blank=True)
    level_targets = models.JSONField(default=dict, blank=True)
    normalise = models.CharField(
        max_length=20, choices=NormaliseChoices.choices, default=NormaliseChoices.NONE
    )
    visibility = models.CharField(
        max_length=8, choices=VisibilityChoices.choices, default=VisibilityChoices.TEAM
    )
    library_id = models.CharField(
        max_length=80, blank=True, help_text="Library entry it came from."
    )
    team_goals = models.ManyToManyField(
        TeamGoal, through="GoalLink", related_name="measurables", blank=True
    )
    position = models.PositiveIntegerField(default=0)
    active = models.BooleanField(default=True)

    class Meta:
        ordering = ["team_id", "position", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["practice", "key"],
                name="measurable_unique_key",
                violation_error_message="Another measurable has this key.",
            ),
        ]
        indexes = [models.Index(fields=["practice", "team"], name="measurable_team_idx")]

    def __str__(self) -> str:
        return self.name


class GoalLink(TenantModel):
    """A measurable serves a team goal."""

    measurable = models.ForeignKey(Measurable, on_delete=models.CASCADE, related_name="goal_links")
    team_goal = models.ForeignKey(TeamGoal, on_delete=models.CASCADE, related_name="goal_links")

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["measurable", "team_goal", "practice"],
                name="goallink_unique",
                violation_error_message="This measurable already serves that goal.",
            )
        ]

    def __str__(self) -> str:
        return f"{self.measurable_id} serves {self.team_goal_id}"


class MeasurableValue(TenantModel):
    """One number for one period: the Monday of its ISO week, or the 1st of its month.

    At most one per measurable and period (so feeds are idempotent); no row is a missing
    number, shown as missing, never as zero.
    """

    measurable = models.ForeignKey(Measurable, on_delete=models.CASCADE, related_name="values")
    period = models.DateField()
    value = models.DecimalField(max_digits=18, decimal_places=4)
    note = models.CharField(max_length=300, blank=True)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["measurable_id", "period"]
        constraints = [
            models.UniqueConstraint(
                fields=["measurable", "period", "practice"],
                name="measurablevalue_one_per_period",
                violation_error_message="This measurable already has a number for this period.",
            )
        ]
        indexes = [models.Index(fields=["practice", "period"], name="measurablevalue_period_idx")]

    def __str__(self) -> str:
        return f"{self.measurable_id} {self.period}: {self.value}"


class GoalOverride(TenantModel):
    """A different goal for one period of one measurable (a holiday week), with a reason."""

    measurable = models.ForeignKey(
        Measurable, on_delete=models.CASCADE, related_name="goal_overrides"
    )
    period = models.DateField()
    operator = models.CharField(max_length=8, choices=OperatorChoices.choices)
    goal_low = models.DecimalField(max_digits=18, decimal_places=4, null=True, blank=True)
    goal_high = models.DecimalField(max_digits=18, decimal_places=4, null=True, blank=True)
    reason = models.CharField(max_length=300)

    class Meta:
        ordering = ["measurable_id", "period"]
        constraints = [
            models.UniqueConstraint(
                fields=["measurable", "period", "practice"],
                name="goaloverride_one_per_period",
                violation_error_message="This measurable already has a goal override for this period.",
            ),
            models.CheckConstraint(
                condition=~Q(reason=""),
                name="goaloverride_has_reason",
                violation_error_message="A goal override needs a reason.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.measurable_id} {self.period} override"


class Priority(TenantModel):
    """A 90-day objective (a "rock") owned by one seat, with milestones, due date and status."""

    seat = models.ForeignKey(
        Seat, null=True, blank=True, on_delete=models.SET_NULL, related_name="priorities"
    )
    team = models.ForeignKey(
        Team, null=True, blank=True, on_delete=models.SET_NULL, related_name="priorities"
    )
    team_goal = models.ForeignKey(
        TeamGoal, null=True, blank=True, on_delete=models.SET_NULL, related_name="priorities"
    )
    title = models.CharField(max_length=200)
    description = models.TextField(blank=True, max_length=4000)
    due = models.DateField()
    status = models.CharField(
        max_length=10, choices=PriorityStatusChoices.choices, default=PriorityStatusChoices.ON_TRACK
    )
    visibility = models.CharField(
        max_length=8, choices=VisibilityChoices.choices, default=VisibilityChoices.TEAM
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["due", "id"]
        verbose_name_plural = "priorities"
        indexes = [models.Index(fields=["practice", "team"], name="priority_team_idx")]

    def __str__(self) -> str:
        return self.title


class Milestone(TenantModel):
    """A step of a priority with its own due date."""

    priority = models.ForeignKey(Priority, on_delete=models.CASCADE, related_name="milestones")
    title = models.CharField(max_length=200)
    due = models.DateField(null=True, blank=True)
    done = models.BooleanField(default=False)
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["priority_id", "position", "id"]

    def __str__(self) -> str:
        return self.title


class Dependency(TenantModel):
    """One person's measurable or priority depends on a peer's measurable or priority.

    The ``from_*`` side is the work that depends; the ``to_*`` side is the peer's work it
    depends on. The peer (owner of the ``to_*`` side) acknowledges it.
    """

    from_measurable = models.ForeignKey(
        Measurable, null=True, blank=True, on_delete=models.CASCADE, related_name="depends_on"
    )
    from_priority = models.ForeignKey(
        Priority, null=True, blank=True, on_delete=models.CASCADE, related_name="depends_on"
    )
    to_measurable = models.ForeignKey(
        Measurable, null=True, blank=True, on_delete=models.CASCADE, related_name="depended_on_by"
    )
    to_priority = models.ForeignKey(
        Priority, null=True, blank=True, on_delete=models.CASCADE, related_name="depended_on_by"
    )
    note = models.CharField(max_length=300, blank=True)
    acknowledged_at = models.DateTimeField(null=True, blank=True)
    acknowledged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["id"]
        verbose_name_plural = "dependencies"
        constraints = [
            models.CheckConstraint(
                condition=Q(from_measurable__isnull=False, from_priority__isnull=True)
                | Q(from_measurable__isnull=True, from_priority__isnull=False),
                name="dependency_one_from",
                violation_error_message="A dependency starts from one measurable or one priority.",
            ),
            models.CheckConstraint(
                condition=Q(to_measurable__isnull=False, to_priority__isnull=True)
                | Q(to_measurable__isnull=True, to_priority__isnull=False),
                name="dependency_one_to",
                violation_error_message="A dependency points to one measurable or one priority.",
            ),
        ]

    def __str__(self) -> str:
        return f"dependency {self.pk}"


class AlignmentConversation(TenantModel):
    """The record of a team's peer alignment conversation (agreements in plain words)."""

    team = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="alignment_conversations")
    held_on = models.DateField()
    notes = models.TextField(max_length=8000)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-held_on", "-id"]

    def __str__(self) -> str:
        return f"alignment conversation {self.held_on}"


class PulseAnswer(TenantModel):
    """One person's monthly alignment pulse: peers, reports (if any) and manager, 1–5.

    Confidential: only the person reads their own answer; everyone else sees aggregates of
    at least three answers. ``team`` and ``location`` are copied at answer time so trends
    stay put when people move.
    """

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="pulse_answers")
    month = models.DateField(help_text="The first day of the month answered for.")
    team = models.ForeignKey(
        Team, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    location = models.ForeignKey(
        Location, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    peers = models.PositiveSmallIntegerField()
    reports = models.PositiveSmallIntegerField(null=True, blank=True)
    manager = models.PositiveSmallIntegerField(null=True, blank=True)
    comment = models.CharField(max_length=500, blank=True)
    answered_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-month", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["person", "month", "practice"],
                name="pulse_one_per_month",
                violation_error_message="This person already answered the pulse for this month.",
            ),
            models.CheckConstraint(
                condition=Q(peers__gte=1, peers__lte=5)
                & (Q(reports__isnull=True) | Q(reports__gte=1, reports__lte=5))
                & (Q(manager__isnull=True) | Q(manager__gte=1, manager__lte=5)),
                name="pulse_scores_1_to_5",
                violation_error_message="Pulse answers are from 1 to 5.",
            ),
        ]
        indexes = [models.Index(fields=["practice", "team", "month"], name="pulse_team_idx")]

    def __str__(self) -> str:
        return f"pulse {self.month}"


class PendingUpload(TenantModel):
    """A numbers file that passed its preview and waits for its confirmation.

    Kept in the database, not on one machine's disk, so the confirmation, answered by any
    web worker, and the save, run by any task worker, both find it; deleted when the save
    succeeds, and by ``practiceos purge_job_files`` when it was never confirmed. Only the
    member who uploaded it can confirm it (the token is theirs).
    """

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    token = models.CharField(max_length=64)
    filename = models.CharField(max_length=200)
    data = models.BinaryField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["practice", "user", "token"], name="pending_upload_token"
            )
        ]

    def __str__(self) -> str:
        return f"pending upload {self.filename}"
