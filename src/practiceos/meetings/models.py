"""The weekly team meeting's tables. Every row carries ``practice_id`` (the tenant key).

A :class:`Meeting` is a team's recurring meeting (weekday, time, timed agenda); each time
it is held is a :class:`MeetingRun`. A team's :class:`TeamIssue` list, its :class:`ToDo`
items, the run's :class:`Headline` items and :class:`Rating` rows hang off the team and
the run. Rules that fit the database are constraints here (one open run per team, ratings
1-10, a solved issue has a decision); the rest is checked by ``meetings.services``.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q

from practiceos.core.meetings import MAX_SECTION_MINUTES, RATING_MAX, RATING_MIN, SECTION_KEYS
from practiceos.org.models import Person, Team, TenantModel

TITLE_CHARS = 200
TEXT_CHARS = 2000


class SectionKey(models.TextChoices):
    """The agenda sections the live page knows (see ``core/data/meeting_agenda.yaml``)."""

    CHECKIN = "checkin", "Check-in"
    SCORECARD = "scorecard", "Scorecard"
    PRIORITIES = "priorities", "Priorities"
    HEADLINES = "headlines", "Headlines"
    TODOS = "todos", "To-do review"
    ISSUES = "issues", "Issues"
    CONCLUDE = "conclude", "Conclude"


assert tuple(SectionKey.values) == SECTION_KEYS  # the data file and the database agree


class Weekday(models.IntegerChoices):
    """Day of the week a meeting recurs on (Monday is 0, as in Python)."""

    MONDAY = 0, "Monday"
    TUESDAY = 1, "Tuesday"
    WEDNESDAY = 2, "Wednesday"
    THURSDAY = 3, "Thursday"
    FRIDAY = 4, "Friday"
    SATURDAY = 5, "Saturday"
    SUNDAY = 6, "Sunday"


class Meeting(TenantModel):
    """A team's recurring weekly meeting: when it is held and its timed agenda.

    At most one active meeting per team. The agenda lives in :class:`AgendaSection` rows
    (the standard agenda when the meeting is set up, adjustable per team).
    """

    team = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="meetings")
    name = models.CharField(max_length=120)
    weekday = models.PositiveSmallIntegerField(choices=Weekday.choices, default=Weekday.TUESDAY)
    start_time = models.TimeField()
    active = models.BooleanField(default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["team", "practice"],
                condition=Q(active=True),
                name="meeting_one_active_per_team",
                violation_error_message="This team already has a recurring meeting.",
            ),
            models.CheckConstraint(
                condition=Q(weekday__gte=0, weekday__lte=6),
                name="meeting_weekday_range",
                violation_error_message="The weekday is 0 (Monday) to 6 (Sunday).",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class AgendaSection(TenantModel):
    """One timed section of a meeting's agenda; 0 minutes turns the section off."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="sections")
    position = models.PositiveSmallIntegerField()
    key = models.CharField(max_length=16, choices=SectionKey.choices)
    title = models.CharField(max_length=60)
    minutes = models.PositiveSmallIntegerField()

    class Meta:
        ordering = ["meeting_id", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "key", "practice"],
                name="agenda_section_unique_key",
                violation_error_message="The agenda already has this section.",
            ),
            models.CheckConstraint(
                condition=Q(minutes__lte=MAX_SECTION_MINUTES),
                name="agenda_section_minutes_range",
                violation_error_message=f"A section lasts 0 to {MAX_SECTION_MINUTES} minutes.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.minutes} min)"


class MeetingRun(TenantModel):
    """One occurrence of a meeting: who facilitates, which section is on, when it ran.

    ``agenda`` is the agenda as it stood when the run started (``[{key, title, minutes}]``,
    sections of 0 minutes left out), so adjusting the agenda mid-meeting changes nothing.
    ``version`` grows with every change anyone makes to what the live page shows; the
    page's poll is answered with "nothing new" in one query while it is unchanged.
    ``recap`` is frozen when the run is concluded. The database allows one open run
    (``ended_at`` empty) per team.
    """

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="runs")
    team = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="+")
    facilitator = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    started_at = models.DateTimeField()
    ended_at = models.DateTimeField(null=True, blank=True)
    agenda = models.JSONField(default=list)
    section = models.PositiveSmallIntegerField(default=0)
    section_started_at = models.DateTimeField()
    version = models.PositiveIntegerField(default=1)
    recap = models.JSONField(default=dict, blank=True)
    recap_sent_to = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["-started_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["team", "practice"],
                condition=Q(ended_at__isnull=True),
                name="meetingrun_one_open_per_team",
                violation_error_message="This team's meeting is already running.",
            )
        ]
        indexes = [models.Index(fields=["team", "-started_at"], name="meetingrun_team_idx")]

    def __str__(self) -> str:
        return f"{self.meeting_id} on {self.started_at:%Y-%m-%d}"

    @property
    def is_open(self) -> bool:
        """True until the run is concluded or closed."""
        return self.ended_at is None

    @property
    def current(self) -> dict[str, object]:
        """The agenda section that is on now (``{key, title, minutes}``)."""
        if not self.agenda:
            return {"key": SectionKey.CONCLUDE, "title": "Conclude", "minutes": 0}
        return dict(self.agenda[min(self.section, len(self.agenda) - 1)])


class IssueStatus(models.TextChoices):
    """Where an issue stands on its team's list."""

    OPEN = "open", "Open"
    SOLVED = "solved", "Solved"
    LONG_TERM = "long_term", "Long-term list"
    MOVED = "moved", "Moved to another team"


class IssueSource(models.TextChoices):
    """Where an issue came from: raised by hand, or dropped from a red number or priority."""

    RAISED = "raised", "Raised"
    SCORECARD = "scorecard", "Scorecard"
    PRIORITY = "priority", "Priority"


class TeamIssue(TenantModel):
    """A problem on a team's issues list, worked as identify, discuss, solve.

    Anyone on the team (support staff included) may raise one; ``raiser_kind`` keeps the
    kind of seat the raiser held then, so the support-voice rule reads history, not
    today's chart. ``top`` marks the three the team is working. Solving records the
    ``decision``, who decided and the run it was decided in; the to-dos it created point
    back here. ``moved_from`` is set when another team handed the issue over.
    """

    team = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="+")
    title = models.CharField(max_length=TITLE_CHARS)
    detail = models.TextField(max_length=TEXT_CHARS, blank=True)
    source = models.CharField(
        max_length=12, choices=IssueSource.choices, default=IssueSource.RAISED
    )
    source_ref = models.CharField(max_length=60, blank=True)
    raised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    raiser = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    raiser_kind = models.CharField(max_length=16, blank=True)
    raised_at = models.DateTimeField()
    status = models.CharField(max_length=12, choices=IssueStatus.choices, default=IssueStatus.OPEN)
    top = models.BooleanField(default=False)
    decision = models.TextField(max_length=TEXT_CHARS, blank=True)
    decided_by = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    solved_at = models.DateTimeField(null=True, blank=True)
    solved_in = models.ForeignKey(
        MeetingRun, null=True, blank=True, on_delete=models.SET_NULL, related_name="solved"
    )
    moved_from = models.ForeignKey(
        Team, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-top", "raised_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="solved") | ~Q(decision=""),
                name="teamissue_solved_has_decision",
                violation_error_message="A solved issue records its decision.",
            ),
            models.CheckConstraint(
                condition=Q(top=False) | Q(status="open"),
                name="teamissue_top_is_open",
                violation_error_message="Only an open issue can be in the top three.",
            ),
        ]
        indexes = [
            models.Index(fields=["team", "status", "raised_at"], name="teamissue_list_idx"),
            models.Index(fields=["team", "solved_at"], name="teamissue_decided_idx"),
        ]

    def __str__(self) -> str:
        return self.title


class ToDo(TenantModel):
    """A short action owned by one person, due in 7 days unless told otherwise, reviewed
    (done or not done) at the team's next meeting."""

    team = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="+")
    title = models.CharField(max_length=TITLE_CHARS)
    owner = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")
    due = models.DateField()
    created_at = models.DateTimeField()
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_in = models.ForeignKey(
        MeetingRun, null=True, blank=True, on_delete=models.SET_NULL, related_name="new_todos"
    )
    issue = models.ForeignKey(
        TeamIssue, null=True, blank=True, on_delete=models.SET_NULL, related_name="todos"
    )
    done_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["due", "id"]
        verbose_name = "to-do"
        indexes = [
            models.Index(fields=["team", "due"], name="todo_team_due_idx"),
            models.Index(fields=["owner", "done_on"], name="todo_owner_idx"),
        ]

    def __str__(self) -> str:
        return self.title


class HeadlineKind(models.TextChoices):
    """What a headline is about, or a message for another team."""

    PATIENT_GOOD = "patient_good", "Patient, good news"
    PATIENT_BAD = "patient_bad", "Patient, bad news"
    STAFF_GOOD = "staff_good", "Staff, good news"
    STAFF_BAD = "staff_bad", "Staff, bad news"
    MESSAGE = "message", "Message for another team"


class Headline(TenantModel):
    """A one-sentence headline shared in a run, or a message to pass on to another team."""

    run = models.ForeignKey(MeetingRun, on_delete=models.CASCADE, related_name="headlines")
    kind = models.CharField(max_length=16, choices=HeadlineKind.choices)
    text = models.CharField(max_length=TITLE_CHARS)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    to_team = models.ForeignKey(
        Team, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return self.text


class Rating(TenantModel):
    """One attendee's 1-10 rating of a run (one per attendee; rating again replaces it)."""

    run = models.ForeignKey(MeetingRun, on_delete=models.CASCADE, related_name="ratings")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    score = models.PositiveSmallIntegerField()

    class Meta:
        ordering = ["run_id", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["run", "user", "practice"],
                name="rating_one_per_attendee",
                violation_error_message="You have already rated this meeting.",
            ),
            models.CheckConstraint(
                condition=Q(score__gte=RATING_MIN, score__lte=RATING_MAX),
                name="rating_range",
                violation_error_message=f"A rating is {RATING_MIN} to {RATING_MAX}.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.score}/10"
