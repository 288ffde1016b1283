"""The organisation snapshot: frozen dataclasses describing one practice at one moment.

A snapshot is what every piece of domain logic reads. It is built either from the
database (``practiceos.org.snapshot.build_snapshot``, a fixed number of queries) or from
an org file (:mod:`practiceos.core.orgfile`) or a roster export
(:mod:`practiceos.core.roster`).

Every entity carries an ``id`` (a string: the database primary key for snapshots built
from the database, the entity's name for snapshots read from a file) and references other
entities by that id. A reference may point at nothing (``reports_to`` naming a seat that
does not exist): the snapshot keeps it as it is so the health check can report it instead
of crashing.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from functools import cached_property
from typing import TYPE_CHECKING, TypeVar

if TYPE_CHECKING:  # the card's value types live with their schema (core.rolecards)
    from practiceos.core.rolecards import (
        LevelExpectation,
        ManagementFocus,
        ProviderSchedule,
        TrackStep,
    )

from practiceos.core.alignment import (
    DependencyInfo,
    MeasurableInfo,
    PriorityInfo,
    PulseMonth,
    TeamGoalInfo,
)
from practiceos.core.hiring import VacancyFact
from practiceos.core.leadership import DecisionArea, LocationAskLoad, TimeSplit, Vision
from practiceos.core.meetings import TeamMeetings
from practiceos.core.processes import ProcessFact
from practiceos.core.reviews import PlanFact, ReviewFact, SeatNumbers


class SeatKind(StrEnum):
    """What a seat is for; colours the chart and drives the structure rules."""

    LEADERSHIP = "leadership"  # owner / visionary: direction, values, what good looks like
    MANAGEMENT = "management"  # people manager, including a provider lead
    PROVIDER = "provider"  # high-value individual contributor: surgeon, dentist, DPT ...
    SUPPORT = "support"  # clinical support: assistants, nurses, techs
    ADMINISTRATIVE = "administrative"  # non-clinical individual contributor


class Level(StrEnum):
    """Seniority of a person in a seat; expectations on a role card differ by level."""

    JUNIOR = "junior"
    SENIOR = "senior"
    LEAD = "lead"


SEAT_KINDS: tuple[str, ...] = tuple(k.value for k in SeatKind)
LEVELS: tuple[str, ...] = tuple(level.value for level in Level)


@dataclass(frozen=True, slots=True)
class PracticeInfo:
    """The tenant: one business with one or more locations.

    ``policy`` holds the practice's health-check thresholds that differ from the defaults
    (its overrides only), as ``(key, value)`` pairs sorted by key with lists as tuples, so
    the snapshot stays frozen and hashable; ``policy_items`` in
    :mod:`practiceos.core.health.policy` makes that form from a mapping, and
    ``Policy.from_mapping(dict(info.policy))`` turns it into a validated ``Policy``. Empty
    means every default.
    """

    name: str
    slug: str
    policy: tuple[tuple[str, object], ...] = ()


@dataclass(frozen=True, slots=True)
class Location:
    """A site of the practice."""

    id: str
    name: str
    address: str = ""


@dataclass(frozen=True, slots=True)
class Team:
    """A group of seats with a shared goal and one managing seat."""

    id: str
    name: str
    manager_seat_id: str | None = None
    goal: str = ""


@dataclass(frozen=True, slots=True)
class Role:
    """A definition of work: its role card (DESIGN principle 5).

    ``provider_lead`` marks a role whose definition includes managing providers (a
    medical director, a lead dentist): such a seat legitimately has provider reports.
    ``decision_rights`` are what the role decides alone, ``proposes`` what it brings to
    someone else; ``expectations`` are measurables per level; a provider role has a
    ``schedule``; a role managing providers names its ``management_focus``; a support or
    administrative role that leads peers describes that in ``supervision``. ``template``
    is the role-library title the role was matched to or adopted from; ``track`` is the
    scope and pay band of each level (the career track). The value types
    and their validation are in :mod:`practiceos.core.rolecards`.
    """

    id: str
    title: str
    kind: SeatKind
    purpose: str = ""
    responsibilities: tuple[str, ...] = ()
    decision_rights: tuple[str, ...] = ()
    provider_lead: bool = False
    proposes: tuple[str, ...] = ()
    what_good_looks_like: str = ""
    expectations: tuple[LevelExpectation, ...] = ()
    schedule: ProviderSchedule | None = None
    management_focus: ManagementFocus | None = None
    supervision: str = ""
    template: str = ""
    track: tuple[TrackStep, ...] = ()


@dataclass(frozen=True, slots=True)
class Seat:
    """One position in the accountability chart.

    ``reports_to`` is the management line (another seat's id, or ``None`` at the top);
    ``serves`` is the service line from a support seat to the provider seats it supports.
    ``note`` records why a seat is the way it is (for example a roster row whose manager
    could not be resolved: ``unresolved manager "Dr. Smyth"``).
    """

    id: str
    name: str
    kind: SeatKind
    role_id: str | None = None
    location_id: str | None = None
    team_id: str | None = None
    reports_to: str | None = None
    serves: tuple[str, ...] = ()
    note: str = ""


@dataclass(frozen=True, slots=True)
class Person:
    """A human who fills (or filled) seats."""

    id: str
    name: str
    preferred_name: str = ""
    email: str = ""
    employee_id: str = ""


@dataclass(frozen=True, slots=True)
class Assignment:
    """A person in a seat from ``start`` until ``end`` (``None``: still current), at an FTE.

    ``accountable`` is true for the one person answerable for the seat; a job-share
    partner may hold a non-accountable assignment in the same seat.
    """

    id: str
    person_id: str
    seat_id: str
    start: dt.date | None = None
    end: dt.date | None = None
    fte: float = 1.0
    level: Level = Level.SENIOR
    accountable: bool = True

    def is_current(self, on: dt.date | None = None) -> bool:
        """True when the assignment has started (or has no start) and not yet ended on ``on``."""
        on = on or dt.date.today()
        started = self.start is None or self.start <= on
        return started and (self.end is None or self.end > on)


T = TypeVar("T")


def _group(pairs: Iterable[tuple[str | None, T]]) -> dict[str, tuple[T, ...]]:
    """Values grouped by key, in order, as tuples.

    Most keys have one value (one holder per seat, one seat per person), so a key's first
    value is stored as a one-element tuple and only the rare second value builds a list:
    no list per key and no list-to-tuple copy for the common case.
    """
    out: dict[str, tuple[T, ...]] = {}
    more: dict[str, list[T]] = {}
    for key, value in pairs:
        if key is None:
            continue
        if key not in out:
            out[key] = (value,)
        elif key in more:
            more[key].append(value)
        else:
            more[key] = [*out[key], value]
    for key, values in more.items():
        out[key] = tuple(values)
    return out


def _by_id(items: Iterable[object]) -> dict[str, object]:
    return {item.id: item for item in items}  # type: ignore[attr-defined]


@dataclass(frozen=True)
class Snapshot:
    """A whole practice at one moment: the input of every rule, diff and export.

    Indexes (``seats_by_id``, ``reports_of`` ...) are computed once, lazily, and cached:
    rules over a 100,000-person practice must stay linear.
    """

    practice: PracticeInfo
    locations: tuple[Location, ...] = ()
    teams: tuple[Team, ...] = ()
    roles: tuple[Role, ...] = ()
    seats: tuple[Seat, ...] = ()
    people: tuple[Person, ...] = ()
    assignments: tuple[Assignment, ...] = ()
    as_of: dt.date = field(default_factory=dt.date.today)
    # --- area sections -------------------------------------------------------------
    # Each area beyond the chart (role cards, scorecards, decisions, reviews ...) adds its
    # fields below with an empty default; its app fills them through
    # ``practiceos.org.snapshot.register_section``, so org files without them still load.
    # people accountability (practiceos.people): quarterly conversations, plans, and each
    # seat's numbers in brief (filled from scorecards once they exist).
    reviews: tuple[ReviewFact, ...] = ()
    plans: tuple[PlanFact, ...] = ()
    seat_numbers: tuple[SeatNumbers, ...] = ()
    # True when the source records conversations (a practice in the database that has
    # recorded at least one conversation or plan): only then is a missing one a finding.
    # An org file or roster export carries none, so checking it never reports "no
    # conversation" for everyone.
    reviews_recorded: bool = False
    # Leadership (practiceos.leadership): the vision, the decision areas, and the last
    # four weeks' asks per location and owner time split (database only, not in files).
    vision: Vision = field(default_factory=Vision)
    decision_areas: tuple[DecisionArea, ...] = ()
    ask_load: tuple[LocationAskLoad, ...] = ()
    owner_time: TimeSplit = field(default_factory=TimeSplit)
    # Scorecards (practiceos.scorecards): measurables with their red streak, team goals,
    # priorities, dependencies, and each team's monthly pulse (database only, not in files).
    measurables: tuple[MeasurableInfo, ...] = ()
    team_goals: tuple[TeamGoalInfo, ...] = ()
    priorities: tuple[PriorityInfo, ...] = ()
    dependencies: tuple[DependencyInfo, ...] = ()
    pulse: tuple[PulseMonth, ...] = ()
    #: Each team's meeting record (practiceos.meetings): rules of the Accountability area.
    team_meetings: tuple[TeamMeetings, ...] = ()
    #: Core processes (practiceos.processes): owner seat, review date and step owners;
    #: ``processes_recorded`` is True once the source documents processes at all (the
    #: database with at least one process), so an org file never flags every manager.
    processes: tuple[ProcessFact, ...] = ()
    processes_recorded: bool = False
    #: Hiring (practiceos.hiring): since when each seat has been without a person and
    #: whether it has an open hiring plan (database only; org files carry none, so
    #: ``seat-vacant-without-plan`` stays quiet on them).
    vacancies: tuple[VacancyFact, ...] = ()

    # --- indexes -------------------------------------------------------------------
    @cached_property
    def locations_by_id(self) -> Mapping[str, Location]:
        """Locations keyed by id."""
        return {loc.id: loc for loc in self.locations}

    @cached_property
    def teams_by_id(self) -> Mapping[str, Team]:
        """Teams keyed by id."""
        return {team.id: team for team in self.teams}

    @cached_property
    def roles_by_id(self) -> Mapping[str, Role]:
        """Roles keyed by id."""
        return {role.id: role for role in self.roles}

    @cached_property
    def seats_by_id(self) -> Mapping[str, Seat]:
        """Seats keyed by id."""
        return {seat.id: seat for seat in self.seats}

    @cached_property
    def people_by_id(self) -> Mapping[str, Person]:
        """People keyed by id."""
        return {person.id: person for person in self.people}

    @cached_property
    def reports_of(self) -> Mapping[str, tuple[Seat, ...]]:
        """Direct reports of each seat id (only seats whose manager exists)."""
        known = self.seats_by_id
        return _group((s.reports_to, s) for s in self.seats if s.reports_to in known)

    @cached_property
    def current_assignments(self) -> tuple[Assignment, ...]:
        """Assignments current on ``as_of`` (the test of :meth:`Assignment.is_current`,
        inlined: this runs once per assignment of a 100,000-person practice)."""
        on = self.as_of
        return tuple(
            a
            for a in self.assignments
            if (a.start is None or a.start <= on) and (a.end is None or a.end > on)
        )

    @cached_property
    def holders_of(self) -> Mapping[str, tuple[Assignment, ...]]:
        """Current assignments of each seat id."""
        return _group((a.seat_id, a) for a in self.current_assignments)

    @cached_property
    def seats_of(self) -> Mapping[str, tuple[Assignment, ...]]:
        """Current assignments of each person id."""
        return _group((a.person_id, a) for a in self.current_assignments)

    # --- helpers -------------------------------------------------------------------
    def role_of(self, seat: Seat) -> Role | None:
        """The seat's role, or ``None`` when it has none or the reference dangles."""
        return self.roles_by_id.get(seat.role_id) if seat.role_id else None

    def manager_of(self, seat: Seat) -> Seat | None:
        """The seat's manager seat, or ``None`` at the top or when the reference dangles."""
        return self.seats_by_id.get(seat.reports_to) if seat.reports_to else None

    def accountable_person(self, seat: Seat) -> Person | None:
        """The current accountable person in the seat (the first one if data is inconsistent)."""
        for assignment in self.holders_of.get(seat.id, ()):
            if assignment.accountable:
                return self.people_by_id.get(assignment.person_id)
        return None
