"""The accountability chart's tables. Every row carries ``practice_id`` (the tenant key).

Rules that fit the database are constraints here; rules that span rows (no reporting
cycles, links inside one practice) are checked by ``org.services`` before writing.
"""

from __future__ import annotations

from django.db import models
from django.db.models import F, Q

from practiceos.core import rolecards
from practiceos.core.limits import TEXT
from practiceos.core.model import Level, SeatKind
from practiceos.core.rolecards import ManagementFocus
from practiceos.tenancy.models import Practice


class SeatKindChoices(models.TextChoices):
    """Database choices mirroring :class:`practiceos.core.model.SeatKind`."""

    LEADERSHIP = SeatKind.LEADERSHIP.value, "Leadership"
    MANAGEMENT = SeatKind.MANAGEMENT.value, "Management"
    PROVIDER = SeatKind.PROVIDER.value, "Provider"
    SUPPORT = SeatKind.SUPPORT.value, "Support"
    ADMINISTRATIVE = SeatKind.ADMINISTRATIVE.value, "Administrative"


class LevelChoices(models.TextChoices):
    """Database choices mirroring :class:`practiceos.core.model.Level`."""

    JUNIOR = Level.JUNIOR.value, "Junior"
    SENIOR = Level.SENIOR.value, "Senior"
    LEAD = Level.LEAD.value, "Lead"


class ManagementFocusChoices(models.TextChoices):
    """Database choices mirroring :class:`practiceos.core.rolecards.ManagementFocus`."""

    PRODUCTIVITY = ManagementFocus.PRODUCTIVITY.value, "Productivity"
    PATIENT_OUTCOMES = ManagementFocus.PATIENT_OUTCOMES.value, "Patient outcomes"
    PATIENT_EXPERIENCE = ManagementFocus.PATIENT_EXPERIENCE.value, "Patient experience"
    CRAFT_AND_EDUCATION = ManagementFocus.CRAFT_AND_EDUCATION.value, "Craft and education"
    GROWTH = ManagementFocus.GROWTH.value, "Growth"


class TenantModel(models.Model):
    """Base for every tenant-owned table: the ``practice`` foreign key, indexed."""

    practice = models.ForeignKey(Practice, on_delete=models.CASCADE, related_name="+")

    class Meta:
        abstract = True


class Archivable(models.Model):
    """An object that can be archived: off the chart and out of the checks, its history
    kept, restorable (``org.archiving``). ``archived_at`` is set while it is archived."""

    archived_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        abstract = True

    @property
    def archived(self) -> bool:
        """True while the object is archived."""
        return self.archived_at is not None


#: The filter that keeps what is not archived (also across a relation: ``seat__``).
def live(prefix: str = "") -> Q:
    """``Q(<prefix>archived_at__isnull=True)``: rows that are not archived."""
    return Q(**{f"{prefix}archived_at__isnull": True})


class Location(TenantModel, Archivable):
    """A site of the practice."""

    name = models.CharField(max_length=TEXT["location.name"])
    address = models.CharField(max_length=TEXT["location.address"], blank=True)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["practice", "name"],
                name="location_unique_name",
                violation_error_message="A location with this name already exists.",
            )
        ]

    def __str__(self) -> str:
        return self.name


class Role(TenantModel, Archivable):
    """A definition of work: the practice's role card (title, purpose, responsibilities,
    decision rights, what good looks like, expectations per level, provider schedule,
    management focus, supervision).

    The card's structured parts are JSON columns in the plain-data form of
    :mod:`practiceos.core.rolecards` (``expectations``: a list of ``{level, measurable,
    unit, direction, target}``; ``schedule``: ``{unit, clinic, theatre, procedures,
    on_call, case_types, turnaround}``; ``track``: ``{level: {scope, pay_band}}``), written only by services that validate them with
    :func:`~practiceos.core.rolecards.parse_card`. ``template`` is the role-library title
    the role was matched to or adopted from, ``library_card`` that library card as it was
    when adopted, so a later library change can be offered as a diff instead of
    overwriting the practice's edits.
    """

    title = models.CharField(max_length=TEXT["role.title"])
    kind = models.CharField(max_length=16, choices=SeatKindChoices.choices)
    purpose = models.TextField(blank=True)
    responsibilities = models.JSONField(default=list, blank=True)
    decision_rights = models.JSONField(default=list, blank=True)
    provider_lead = models.BooleanField(
        default=False, help_text="The role includes managing providers (a medical director)."
    )
    proposes = models.JSONField(default=list, blank=True)
    what_good_looks_like = models.TextField(blank=True)
    expectations = models.JSONField(default=list, blank=True)
    schedule = models.JSONField(null=True, blank=True)
    management_focus = models.CharField(
        max_length=24, choices=ManagementFocusChoices.choices, blank=True
    )
    supervision = models.TextField(
        blank=True, help_text="The lead duties of a support or administrative role, if any."
    )
    template = models.CharField(max_length=120, blank=True)
    library_card = models.JSONField(null=True, blank=True)
    track = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["title"]
        constraints = [
            models.UniqueConstraint(
                fields=["practice", "title"],
                name="role_unique_title",
                violation_error_message="A role with this title already exists.",
            )
        ]

    def __str__(self) -> str:
        return self.title

    def card(self) -> rolecards.RoleCard:
        """This role's card as the typed core value (columns already validated on write)."""
        return rolecards.card_from_columns(
            title=self.title,
            kind=self.kind,
            purpose=self.purpose,
            responsibilities=self.responsibilities,
            decides=self.decision_rights,
            proposes=self.proposes,
            what_good_looks_like=self.what_good_looks_like,
            expectations=self.expectations,
            schedule=self.schedule,
            management_focus=self.management_focus,
            supervision=self.supervision,
            provider_lead=self.provider_lead,
            template=self.template,
            track=self.track,
        )


class Seat(TenantModel, Archivable):
    """One position in the chart: a role at a location, one reporting line, one accountable person.

    ``name`` is the seat's handle, unique in the practice (``Dental Assistant — Riverside 2``);
    org files and roster imports refer to seats by it.
    """

    name = models.CharField(max_length=TEXT["seat.name"])
    kind = models.CharField(max_length=16, choices=SeatKindChoices.choices)
    role = models.ForeignKey(
        Role, null=True, blank=True, on_delete=models.PROTECT, related_name="seats"
    )
    location = models.ForeignKey(
        Location, null=True, blank=True, on_delete=models.PROTECT, related_name="seats"
    )
    team = models.ForeignKey(
        "Team", null=True, blank=True, on_delete=models.SET_NULL, related_name="seats"
    )
    reports_to = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="direct_reports"
    )
    serves = models.ManyToManyField(
        "self",
        through="ServiceLink",
        through_fields=("support_seat", "provider_seat"),
        symmetrical=False,
        related_name="served_by",
        blank=True,
    )
    note = models.CharField(max_length=TEXT["seat.note"], blank=True)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["practice", "name"],
                name="seat_unique_name",
                violation_error_message="A seat with this name already exists.",
            ),
            models.CheckConstraint(
                condition=~Q(reports_to=F("id")),
                name="seat_not_own_manager",
                violation_error_message="A seat cannot report to itself.",
            ),
        ]
        indexes = [models.Index(fields=["practice", "reports_to"], name="seat_tree_idx")]

    def __str__(self) -> str:
        return self.name


class ServiceLink(TenantModel):
    """The service line: a support seat serves a provider seat (not a reporting line)."""

    support_seat = models.ForeignKey(Seat, on_delete=models.CASCADE, related_name="service_links")
    provider_seat = models.ForeignKey(Seat, on_delete=models.CASCADE, related_name="+")

    class Meta:
        constraints = [
            # practice first: every unique key holds the tenant (distribution) column.
            models.UniqueConstraint(
                fields=["practice", "support_seat", "provider_seat"],
                name="service_link_unique",
                violation_error_message="This seat already serves that seat.",
            ),
            models.CheckConstraint(
                condition=~Q(support_seat=F("provider_seat")),
                name="service_link_not_self",
                violation_error_message="A seat cannot serve itself.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.support_seat_id} serves {self.provider_seat_id}"


class Team(TenantModel, Archivable):
    """A group of seats with a shared goal and one managing seat."""

    name = models.CharField(max_length=TEXT["team.name"])
    manager_seat = models.ForeignKey(
        Seat, null=True, blank=True, on_delete=models.SET_NULL, related_name="managed_teams"
    )
    goal = models.TextField(blank=True)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["practice", "name"],
                name="team_unique_name",
                violation_error_message="A team with this name already exists.",
            )
        ]

    def __str__(self) -> str:
        return self.name


class Person(TenantModel, Archivable):
    """A human who fills (or filled) seats; linked to a login when they have one."""

    name = models.CharField(max_length=TEXT["person.name"])
    preferred_name = models.CharField(max_length=TEXT["person.preferred_name"], blank=True)
    email = models.EmailField(max_length=TEXT["person.email"], blank=True)
    employee_id = models.CharField(max_length=TEXT["person.employee_id"], blank=True)
    user = models.ForeignKey(
        "auth.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="people"
    )

    class Meta:
        ordering = ["name", "id"]
        verbose_name_plural = "people"
        constraints = [
            models.UniqueConstraint(
                fields=["practice", "employee_id"],
                condition=~Q(employee_id=""),
                name="person_unique_employee_id",
                violation_error_message="Another person has this employee id.",
            ),
            models.UniqueConstraint(
                fields=["practice", "email"],
                condition=~Q(email=""),
                name="person_unique_email",
                violation_error_message="Another person has this email.",
            ),
        ]
        indexes = [models.Index(fields=["practice", "name"], name="person_name_idx")]

    def __str__(self) -> str:
        return self.name


class Assignment(TenantModel):
    """A person in a seat from ``start`` until ``end`` (open: current), at an FTE and level.

    Ended assignments are kept (history); at most one open accountable assignment per seat.
    """

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="assignments")
    seat = models.ForeignKey(Seat, on_delete=models.CASCADE, related_name="assignments")
    start = models.DateField(null=True, blank=True)
    end = models.DateField(null=True, blank=True)
    fte = models.DecimalField(max_digits=3, decimal_places=2, default=1)
    level = models.CharField(
        max_length=8, choices=LevelChoices.choices, default=LevelChoices.SENIOR
    )
    accountable = models.BooleanField(default=True)

    class Meta:
        ordering = ["seat_id", "-start", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["practice", "seat"],
                condition=Q(end__isnull=True, accountable=True),
                name="assignment_one_accountable_per_seat",
                violation_error_message="This seat already has a current accountable person.",
            ),
            models.CheckConstraint(
                condition=Q(fte__gt=0, fte__lte=1),
                name="assignment_fte_range",
                violation_error_message="FTE must be more than 0 and at most 1.",
            ),
            models.CheckConstraint(
                condition=Q(end__isnull=True) | Q(start__isnull=True) | Q(end__gte=F("start")),
                name="assignment_end_after_start",
                violation_error_message="The end date cannot be before the start date.",
            ),
        ]
        indexes = [models.Index(fields=["practice", "person"], name="assignment_person_idx")]

    def __str__(self) -> str:
        return f"{self.person_id} in {self.seat_id}"
