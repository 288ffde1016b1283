"""The leadership section of a snapshot: the vision and the decision areas (pure data).

These frozen dataclasses are what :class:`practiceos.core.model.Snapshot` carries in its
``vision``, ``decision_areas``, ``ask_load`` and ``owner_time`` fields. They import
nothing from the rest of the core, so :mod:`practiceos.core.model` can import them.

Ids follow the snapshot's convention: primary keys as strings when built from the
database, names when read from an org file.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

#: How many core values a practice names: fewer is not a set of values, more is a list
#: nobody remembers.
MIN_CORE_VALUES = 3
MAX_CORE_VALUES = 7


class WorkKind(StrEnum):
    """What kind of work an hour of the owner's time (or a decision area) is."""

    LEADERSHIP = "leadership"  # direction, values, what good looks like
    MANAGEMENT = "management"  # scheduling, staffing, budgets, suppliers, staff situations
    CLINICAL = "clinical"  # the owner's own craft: patients, cases


WORK_KINDS: tuple[str, ...] = tuple(k.value for k in WorkKind)


@dataclass(frozen=True, slots=True)
class CoreValue:
    """One core value: a short name and what it means in behaviour (what people do)."""

    name: str
    behaviour: str


@dataclass(frozen=True, slots=True)
class Vision:
    """Where the practice is going (the owner's job).

    ``three_year_picture`` and ``one_year_goals`` are the direction; ``core_values`` the
    3-7 values with their behaviours; ``core_focus`` what the practice is for and best at;
    ``what_good_looks_like`` the standard every seat works to. All empty means no vision.
    """

    three_year_picture: str = ""
    one_year_goals: tuple[str, ...] = ()
    core_values: tuple[CoreValue, ...] = ()
    core_focus: str = ""
    what_good_looks_like: str = ""

    @property
    def is_empty(self) -> bool:
        """True when nothing of the vision is written down."""
        return not (
            self.three_year_picture.strip()
            or self.one_year_goals
            or self.core_values
            or self.core_focus.strip()
            or self.what_good_looks_like.strip()
        )

    @property
    def has_direction(self) -> bool:
        """True when the practice says where it is going (a 3-year picture or 1-year goals)."""
        return bool(self.three_year_picture.strip() or any(g.strip() for g in self.one_year_goals))


@dataclass(frozen=True, slots=True)
class AreaOverride:
    """At ``location_id``, the area is decided by ``seat_id`` instead of the usual seat."""

    location_id: str
    seat_id: str


@dataclass(frozen=True, slots=True)
class DecisionArea:
    """A kind of decision and the one seat that decides it.

    ``decider_seat_id`` is ``None`` when nobody decides it yet (a finding). ``kind`` says
    whether the decisions are management, leadership or clinical work (management areas
    decided by the owner's seat are what the owner should hand over). ``keywords`` let an
    ask's text suggest the area. ``overrides`` name another deciding seat per location.
    """

    id: str
    name: str
    kind: WorkKind = WorkKind.MANAGEMENT
    description: str = ""
    decider_seat_id: str | None = None
    consulted: tuple[str, ...] = ()
    informed: tuple[str, ...] = ()
    overrides: tuple[AreaOverride, ...] = ()
    keywords: tuple[str, ...] = ()
    key: str = ""


@dataclass(frozen=True, slots=True)
class LocationAskLoad:
    """Asks about one area raised at one location over the last four weeks, and how many
    reached the owner (routed there or escalated there).

    ``location_id`` is ``None`` for asks from people with no location, ``area_id`` for
    asks with no area. Filled from the database (the org file does not carry asks).
    """

    location_id: str | None
    area_id: str | None
    asks: int
    to_owner: int


@dataclass(frozen=True, slots=True)
class TimeSplit:
    """Minutes the owner recorded per kind of work over the recent weeks."""

    leadership: int = 0
    management: int = 0
    clinical: int = 0

    @property
    def total(self) -> int:
        """All minutes recorded."""
        return self.leadership + self.management + self.clinical
