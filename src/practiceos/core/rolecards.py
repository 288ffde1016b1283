"""Role cards: the typed definition of a role (DESIGN principle 5), and its one schema.

A role card says what a role is for (purpose), what its holder does (responsibilities),
what it decides alone and what it only proposes, what good looks like, and what is
expected at each level (junior / senior / lead) as measurables with a target, a unit and
a direction. A provider role also carries its weekly schedule, case mix and turnaround; a
role that manages providers names its management focus; a support or administrative role
whose holder leads peers says so in ``supervision``.

Everything here is plain data and pure functions: the role library (YAML files under
``core/data/roles/``), the org file, the database's JSON columns, the API and the card
editor all go through :func:`parse_card` / :func:`card_data`, so a bad value is refused
the same way everywhere, with a message naming the field, the value and what is accepted.

Names in this module are read by other areas (scorecards read per-level targets through
:func:`expectations_at`; people reviews read the card): keep them stable.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum

from practiceos.core.model import LEVELS, SEAT_KINDS, Level, Role, SeatKind
from practiceos.core.problems import InputError, Problem

__all__ = [
    "CARD_KEYS",
    "Direction",
    "LevelExpectation",
    "Limits",
    "ManagementFocus",
    "ProviderSchedule",
    "RoleCard",
    "ScheduleUnit",
    "TrackStep",
    "Turnaround",
    "Unit",
    "card_data",
    "expectations_at",
    "next_level",
    "parse_card",
]


class Direction(StrEnum):
    """Which side of the target is good."""

    AT_LEAST = "at_least"  # higher is better: on track when the number is >= the target
    AT_MOST = "at_most"  # lower is better: on track when the number is <= the target


class Unit(StrEnum):
    """What a measurable counts. Each unit bounds its targets and the directions that fit."""

    COUNT = "count"
    PERCENT = "percent"
    HOURS = "hours"
    DAYS = "days"
    MINUTES = "minutes"
    DOLLARS = "dollars"
    SCORE = "score"  # a 1-5 rating (patient survey, peer review, audit score)
    YES_NO = "yes_no"  # done (1) or not (0): only "at least 1" makes sense


# unit -> (lowest target, highest target, directions that fit)
_UNIT_RULES: dict[Unit, tuple[float, float, tuple[Direction, ...]]] = {
    Unit.COUNT: (0, 1e9, (Direction.AT_LEAST, Direction.AT_MOST)),
    Unit.PERCENT: (0, 1000, (Direction.AT_LEAST, Direction.AT_MOST)),  # 105 % of plan is fine
    Unit.HOURS: (0, 10_000, (Direction.AT_LEAST, Direction.AT_MOST)),
    Unit.DAYS: (0, 3_650, (Direction.AT_LEAST, Direction.AT_MOST)),
    Unit.MINUTES: (0, 100_000, (Direction.AT_LEAST, Direction.AT_MOST)),
    Unit.DOLLARS: (0, 1e10, (Direction.AT_LEAST, Direction.AT_MOST)),
    Unit.SCORE: (1, 5, (Direction.AT_LEAST, Direction.AT_MOST)),
    Unit.YES_NO: (1, 1, (Direction.AT_LEAST,)),
}


class ScheduleUnit(StrEnum):
    """How a provider's week is counted: half-day sessions or hours."""

    SESSIONS = "sessions"
    HOURS = "hours"


class ManagementFocus(StrEnum):
    """What a seat that manages providers manages to first (DESIGN principle 4)."""

    PRODUCTIVITY = "productivity"
    PATIENT_OUTCOMES = "patient_outcomes"
    PATIENT_EXPERIENCE = "patient_experience"
    CRAFT_AND_EDUCATION = "craft_and_education"
    GROWTH = "growth"


FOCUS_LABELS: dict[ManagementFocus, str] = {
    ManagementFocus.PRODUCTIVITY: "Productivity",
    ManagementFocus.PATIENT_OUTCOMES: "Patient outcomes",
    ManagementFocus.PATIENT_EXPERIENCE: "Patient experience",
    ManagementFocus.CRAFT_AND_EDUCATION: "Craft and education",
    ManagementFocus.GROWTH: "Growth",
}

UNIT_LABELS: dict[Unit, str] = {
    Unit.COUNT: "count",
    Unit.PERCENT: "%",
    Unit.HOURS: "hours",
    Unit.DAYS: "days",
    Unit.MINUTES: "minutes",
    Unit.DOLLARS: "$",
    Unit.SCORE: "score (1-5)",
    Unit.YES_NO: "yes/no",
}


@dataclass(frozen=True, slots=True)
class LevelExpectation:
    """One measurable expected of a holder at one level: ``visits per week >= 80 (count)``."""

    level: Level
    measurable: str
    unit: Unit
    direction: Direction
    target: float

    def is_met(self, value: float) -> bool:
        """True when ``value`` is on the good side of the target (or on it)."""
        if self.direction is Direction.AT_LEAST:
            return value >= self.target
        return value <= self.target

    def describe(self) -> str:
        """``Visits per week at least 80`` (for cards, diffs and findings)."""
        word = "at least" if self.direction is Direction.AT_LEAST else "at most"
        if self.unit is Unit.YES_NO:
            return f"{self.measurable}: yes"
        return f"{self.measurable} {word} {_number(self.target)} {UNIT_LABELS[self.unit]}"


@dataclass(frozen=True, slots=True)
class Turnaround:
    """How quickly a provider's paperwork of one kind is done: ``clinic notes`` in 24 hours."""

    item: str
    hours: float


@dataclass(frozen=True, slots=True)
class ProviderSchedule:
    """A provider's week (sessions or hours per week in each setting), case mix, turnaround."""

    unit: ScheduleUnit = ScheduleUnit.SESSIONS
    clinic: float = 0
    theatre: float = 0  # theatre / operating room
    procedures: float = 0
    on_call: float = 0
    case_types: tuple[str, ...] = ()
    turnaround: tuple[Turnaround, ...] = ()

    @property
    def weekly_total(self) -> float:
        """Clinic, theatre and procedure time per week (on call not included)."""
        return self.clinic + self.theatre + self.procedures

    def is_defined(self) -> bool:
        """True when the schedule says something: some time per week or a case type."""
        return self.weekly_total > 0 or bool(self.case_types)


@dataclass(frozen=True, slots=True)
class TrackStep:
    """One level of a role's career track: the scope it grows to and its pay band.

    An individual contributor grows in level, scope and pay band without managing people
    (DESIGN principle 2); the card shows each step.
    """

    level: Level
    scope: str = ""
    pay_band: str = ""


@dataclass(frozen=True, slots=True)
class RoleCard:
    """The full definition of a role; a library template and a practice's role both are one.

    ``decides`` are the decisions the seat makes alone, ``proposes`` those it brings to
    someone else. ``template`` is the library title this card was adopted from (empty
    when the practice wrote it itself).
    """

    title: str
    kind: SeatKind
    purpose: str = ""
    responsibilities: tuple[str, ...] = ()
    decides: tuple[str, ...] = ()
    proposes: tuple[str, ...] = ()
    what_good_looks_like: str = ""
    expectations: tuple[LevelExpectation, ...] = ()
    schedule: ProviderSchedule | None = None
    management_focus: ManagementFocus | None = None
    supervision: str = ""
    provider_lead: bool = False
    template: str = ""
    track: tuple[TrackStep, ...] = ()

    @property
    def decision_rights(self) -> tuple[str, ...]:
        """What the role decides alone (the name ``core.model.Role`` uses)."""
        return self.decides

    @property
    def levels(self) -> tuple[Level, ...]:
        """Levels the card defines expectations for, junior to lead."""
        have = {e.level for e in self.expectations}
        return tuple(level for level in Level if level in have)

    def is_complete(self) -> bool:
        """Purpose, 3-7 responsibilities, a decision right, what good looks like, three
        differentiated levels, and for a provider a schedule: what a library card must be."""
        return not completeness_gaps(self)


def expectations_at(
    expectations: Iterable[LevelExpectation], level: Level | str
) -> tuple[LevelExpectation, ...]:
    """The expectations of one level (the level on a person's assignment selects them)."""
    wanted = Level(level)
    return tuple(e for e in expectations if e.level is wanted)


def next_level(level: Level | str) -> Level | None:
    """The level after ``level`` on the career track (``None`` after lead)."""
    order = list(Level)
    index = order.index(Level(level))
    return order[index + 1] if index + 1 < len(order) else None


def levels_differ(expectations: Sequence[LevelExpectation], a: Level, b: Level) -> bool:
    """True when levels ``a`` and ``b`` expect something different (targets or measurables)."""

    def key(level: Level) -> frozenset[tuple[str, str, str, float]]:
        return frozenset(
            (e.measurable.casefold(), e.unit.value, e.direction.value, e.target)
            for e in expectations
            if e.level is level
        )

    return key(a) != key(b)


def completeness_gaps(card: RoleCard) -> list[str]:
    """What a card lacks to be complete, in words (empty when complete)."""
    gaps: list[str] = []
    if not card.purpose.strip():
        gaps.append("a purpose")
    if not 3 <= len(card.responsibilities) <= 7:
        gaps.append(f"3-7 responsibilities (has {len(card.responsibilities)})")
    if not card.decides:
        gaps.append("something the role decides")
    if not card.proposes:
        gaps.append("something the role proposes")
    if not card.what_good_looks_like.strip():
        gaps.append("what good looks like")
    if card.levels != tuple(Level):
        gaps.append("expectations at junior, senior and lead")
    elif not all(
        levels_differ(card.expectations, a, b)
        for a, b in ((Level.JUNIOR, Level.SENIOR), (Level.SENIOR, Level.LEAD))
    ):
        gaps.append("levels whose expectations differ")
    if card.kind is SeatKind.PROVIDER and (card.schedule is None or not card.schedule.is_defined()):
        gaps.append("a schedule and case mix")
    if card.kind is SeatKind.PROVIDER and (card.schedule is None or not card.schedule.turnaround):
        gaps.append("a turnaround")
    if card.provider_lead and card.management_focus is None:
        gaps.append("a management focus")
    return gaps


# --------------------------------------------------------------------------------------
# the schema


@dataclass(frozen=True, slots=True)
class Limits:
    """Size bounds of a card's fields (every text and list is bounded)."""

    title: int = 120
    purpose: int = 400
    item: int = 200
    items: int = 12
    what_good: int = 1500
    supervision: int = 500
    scope: int = 200
    pay_band: int = 60
    expectations: int = 36
    measurable: int = 120
    case_types: int = 20
    turnarounds: int = 10
    week_hours: float = 100
    week_sessions: float = 14
    turnaround_hours: float = 2_160  # 90 days


LIMITS = Limits()

CARD_KEYS: tuple[str, ...] = (
    "title",
    "kind",
    "purpose",
    "responsibilities",
    "decides",
    "proposes",
    "what_good_looks_like",
    "expectations",
    "schedule",
    "management_focus",
    "supervision",
    "provider_lead",
    "template",
    "track",
)
"""Keys of a card's plain-data form, in the order :func:`card_data` writes them."""

EXPECTATION_KEYS: tuple[str, ...] = ("level", "measurable", "unit", "direction", "target")
SCHEDULE_KEYS: tuple[str, ...] = (
    "unit",
    "clinic",
    "theatre",
    "procedures",
    "on_call",
    "case_types",
    "turnaround",
)
TURNAROUND_KEYS: tuple[str, ...] = ("item", "hours")


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:g}"


def _shown(value: object) -> str:
    text = repr(value) if isinstance(value, str) else str(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _words(options: Iterable[str]) -> str:
    return ", ".join(f'"{o}"' for o in options)


class _Reader:
    """Collects problems while reading one card's plain data (``where`` prefixes paths)."""

    def __init__(self, where: str) -> None:
        self.where = where
        self.problems: list[Problem] = []

    def path(self, *parts: str | int) -> str:
        out = self.where
        for part in parts:
            if isinstance(part, int):
                out = f"{out}[{part}]"
                continue
            out = f"{out}.{part}" if out else part
        return out

    def add(self, path: str, message: str) -> None:
        problem = Problem(path, message)
        if problem not in self.problems:  # a shorthand row repeats its checks per level
            self.problems.append(problem)

    def mapping(self, value: object, path: str, keys: tuple[str, ...]) -> Mapping[str, object]:
        if not isinstance(value, Mapping):
            self.add(path, f"must be a mapping with keys {_words(keys)}, not {_shown(value)}")
            return {}
        for key in value:
            if key not in keys:
                self.add(
                    f"{path}.{key}" if path else str(key),
                    f'unknown key "{key}"; accepted keys are {_words(keys)}',
                )
        return value

    def text(self, data: Mapping[str, object], key: str, limit: int, path: str) -> str:
        value = data.get(key)
        if value is None:
            return ""
        if not isinstance(value, str):
            self.add(path, f"must be text, not {_shown(value)}")
            return ""
        value = value.strip()
        if len(value) > limit:
            self.add(path, f"is {len(value)} characters long; at most {limit} are accepted")
            return ""
        return value

    def texts(self, data: Mapping[str, object], key: str, limit: int, path: str) -> tuple[str, ...]:
        value = data.get(key)
        if value is None:
            return ()
        if isinstance(value, str) or not isinstance(value, Sequence):
            self.add(path, f"must be a list of text items, not {_shown(value)}")
            return ()
        if len(value) > limit:
            self.add(path, f"has {len(value)} items; at most {limit} are accepted")
            return ()
        out: list[str] = []
        for i, item in enumerate(value):
            if not isinstance(item, str) or not item.strip():
                self.add(f"{path}[{i}]", f"must be non-empty text, not {_shown(item)}")
                continue
            if len(item.strip()) > LIMITS.item:
                self.add(
                    f"{path}[{i}]",
                    f"is {len(item.strip())} characters long; at most {LIMITS.item} are accepted",
                )
                continue
            out.append(item.strip())
        return tuple(out)

    def choice(self, value: object, path: str, choices: Iterable[str], noun: str) -> str | None:
        options = tuple(choices)
        if value is None or value == "":
            return None
        if not isinstance(value, str) or value.strip().lower() not in options:
            self.add(path, f"{_shown(value)} is not {noun}; use one of {_words(options)}")
            return None
        return value.strip().lower()

    def number(self, value: object, path: str, low: float, high: float, what: str) -> float | None:
        if isinstance(value, bool) or not isinstance(value, int | float | str):
            self.add(path, f"must be a number ({what}), not {_shown(value)}")
            return None
        try:
            number = float(value)
        except ValueError:
            self.add(path, f"{_shown(value)} is not a number; give {what}")
            return None
        if not math.isfinite(number) or not low <= number <= high:
            self.add(
                path,
                f"{_shown(value)} is out of range; give {what} from "
                f"{_number(low)} to {_number(high)}",
            )
            return None
        return number


def _expectation(
    r: _Reader, value: object, path: str, target_path: str = "", level_path: str = ""
) -> LevelExpectation | None:
    target_path = target_path or f"{path}.target"
    level_path = level_path or f"{path}.level"
    data = r.mapping(value, path, EXPECTATION_KEYS)
    if not data:
        return None
    before = len(r.problems)
    level = r.choice(data.get("level"), level_path, LEVELS, "a level")
    if level is None and data.get("level") in (None, ""):
        r.add(level_path, f"required; use one of {_words(LEVELS)}")
    measurable = r.text(data, "measurable", LIMITS.measurable, f"{path}.measurable")
    if not measurable and data.get("measurable") in (None, ""):
        r.add(f"{path}.measurable", 'required: the name of the number, e.g. "Visits per week"')
    unit_text = r.choice(data.get("unit"), f"{path}.unit", (u.value for u in Unit), "a unit")
    if unit_text is None and data.get("unit") in (None, ""):
        r.add(f"{path}.unit", f"required; use one of {_words(u.value for u in Unit)}")
    direction_text = r.choice(
        data.get("direction"), f"{path}.direction", (d.value for d in Direction), "a direction"
    )
    if direction_text is None and data.get("direction") in (None, ""):
        r.add(f"{path}.direction", f"required; use one of {_words(d.value for d in Direction)}")
    if "target" not in data or data.get("target") in (None, ""):
        r.add(target_path, "required: the number expected at this level")
        return None
    if unit_text is None or direction_text is None:
        return None
    unit, direction = Unit(unit_text), Direction(direction_text)
    low, high, fitting = _UNIT_RULES[unit]
    if direction not in fitting:
        r.add(
            f"{path}.direction",
            f'"{direction.value}" does not fit the unit "{unit.value}"; '
            f"use {_words(d.value for d in fitting)}",
        )
    target = r.number(data.get("target"), target_path, low, high, f"a {unit.value} target")
    if target is None or level is None or not measurable or len(r.problems) > before:
        return None
    return LevelExpectation(Level(level), measurable, unit, direction, target)


def _turnaround(r: _Reader, value: object, path: str) -> Turnaround | None:
    data = r.mapping(value, path, TURNAROUND_KEYS)
    if not data:
        return None
    item = r.text(data, "item", LIMITS.measurable, f"{path}.item")
    if not item:
        r.add(f"{path}.item", 'required: what is turned around, e.g. "clinic notes"')
    hours = r.number(
        data.get("hours"), f"{path}.hours", 0, LIMITS.turnaround_hours, "hours (a number)"
    )
    return Turnaround(item, hours) if item and hours is not None else None


def _schedule(r: _Reader, value: object, path: str) -> ProviderSchedule | None:
    if value is None:
        return None
    data = r.mapping(value, path, SCHEDULE_KEYS)
    if not data:
        return None
    unit_text = r.choice(
        data.get("unit"), f"{path}.unit", (u.value for u in ScheduleUnit), "a schedule unit"
    )
    unit = ScheduleUnit(unit_text) if unit_text else ScheduleUnit.SESSIONS
    most = LIMITS.week_sessions if unit is ScheduleUnit.SESSIONS else LIMITS.week_hours
    weekly: dict[str, float] = {}
    for key in ("clinic", "theatre", "procedures", "on_call"):
        raw = data.get(key)
        if raw is None:
            continue
        number = r.number(raw, f"{path}.{key}", 0, most, f"{unit.value} per week")
        if number is not None:
            weekly[key] = number
    if sum(v for k, v in weekly.items() if k != "on_call") > most:
        r.add(
            path,
            f"clinic, theatre and procedures add up to more than {_number(most)} "
            f"{unit.value} per week",
        )
    case_types = r.texts(data, "case_types", LIMITS.case_types, f"{path}.case_types")
    turnaround: list[Turnaround] = []
    raw_turnaround = data.get("turnaround")
    if raw_turnaround is not None:
        if isinstance(raw_turnaround, str) or not isinstance(raw_turnaround, Sequence):
            r.add(f"{path}.turnaround", "must be a list of {item, hours} entries")
        elif len(raw_turnaround) > LIMITS.turnarounds:
            r.add(
                f"{path}.turnaround",
                f"has {len(raw_turnaround)} items; at most {LIMITS.turnarounds} are accepted",
            )
        else:
            for i, entry in enumerate(raw_turnaround):
                got = _turnaround(r, entry, f"{path}.turnaround[{i}]")
                if got is not None:
                    turnaround.append(got)
    return ProviderSchedule(
        unit=unit,
        clinic=weekly.get("clinic", 0),
        theatre=weekly.get("theatre", 0),
        procedures=weekly.get("procedures", 0),
        on_call=weekly.get("on_call", 0),
        case_types=case_types,
        turnaround=tuple(turnaround),
    )


def _expectations(r: _Reader, value: object, path: str) -> tuple[LevelExpectation, ...]:
    if value is None:
        return ()
    if isinstance(value, str) or not isinstance(value, Sequence):
        r.add(path, "must be a list of {level, measurable, unit, direction, target} entries")
        return ()
    if len(value) > LIMITS.expectations:
        r.add(path, f"has {len(value)} items; at most {LIMITS.expectations} are accepted")
        return ()
    out: list[LevelExpectation] = []
    seen: dict[tuple[Level, str], int] = {}
    for i, entry in enumerate(value):
        for got in _expectation_entry(r, entry, f"{path}[{i}]"):
            key = (got.level, got.measurable.casefold())
            if key in seen:
                r.add(
                    f"{path}[{i}].measurable",
                    f'"{got.measurable}" at {got.level.value} appears twice '
                    f"(first at {path}[{seen[key]}]); keep one",
                )
                continue
            seen[key] = i
            out.append(got)
    return tuple(out)


def _expectation_entry(r: _Reader, entry: object, path: str) -> list[LevelExpectation]:
    """One entry: ``{level, measurable, unit, direction, target}``, or the shorthand
    ``{measurable, unit, direction, targets: {junior: .., senior: .., lead: ..}}`` that
    the role library uses for one measurable at every level."""
    if not (isinstance(entry, Mapping) and "targets" in entry):
        got = _expectation(r, entry, path)
        return [] if got is None else [got]
    data = r.mapping(entry, path, ("measurable", "unit", "direction", "targets"))
    targets = data.get("targets")
    if not isinstance(targets, Mapping) or not targets:
        r.add(f"{path}.targets", f"must map levels ({_words(LEVELS)}) to numbers")
        return []
    out: list[LevelExpectation] = []
    for level, target in targets.items():
        one = {k: v for k, v in data.items() if k != "targets"}
        got = _expectation(
            r,
            {**one, "level": level, "target": target},
            path,
            target_path=f"{path}.targets.{level}",
            level_path=f"{path}.targets",
        )
        if got is not None:
            out.append(got)
    return out


def _track(r: _Reader, value: object, path: str) -> tuple[TrackStep, ...]:
    """``track: {junior: {scope, pay_band}, senior: ..., lead: ...}``."""
    if value is None:
        return ()
    if not isinstance(value, Mapping):
        r.add(
            path, f"must map levels ({_words(LEVELS)}) to {{scope, pay_band}}, not {_shown(value)}"
        )
        return ()
    out: list[TrackStep] = []
    for level, step in value.items():
        where = f"{path}.{level}"
        if level not in LEVELS:
            r.add(where, f"{_shown(level)} is not a level; use one of {_words(LEVELS)}")
            continue
        data = r.mapping(step, where, ("scope", "pay_band"))
        if not data:
            continue
        scope = r.text(data, "scope", LIMITS.scope, f"{where}.scope")
        band = r.text(data, "pay_band", LIMITS.pay_band, f"{where}.pay_band")
        if scope or band:
            out.append(TrackStep(Level(level), scope, band))
    return tuple(sorted(out, key=lambda t: list(Level).index(t.level)))


def parse_card(
    data: object,
    *,
    where: str = "",
    levels: Sequence[Level] | None = None,
    complete: bool = False,
) -> RoleCard:
    """A validated :class:`RoleCard` from plain data (a YAML or JSON mapping).

    Raises :class:`InputError` with every problem found, each naming its path (prefixed
    by ``where``), the bad value and what is accepted. ``levels`` restricts the levels
    expectations may name; ``complete`` also refuses a card that is not complete (the
    role library's cards must be).
    """
    r = _Reader(where)
    d = r.mapping(data, where, CARD_KEYS)
    title = r.text(d, "title", LIMITS.title, r.path("title"))
    if not title:
        r.add(r.path("title"), "required: the role's title")
    kind_text = r.choice(d.get("kind"), r.path("kind"), SEAT_KINDS, "a seat kind")
    if kind_text is None and d.get("kind") in (None, ""):
        r.add(r.path("kind"), f"required; use one of {_words(SEAT_KINDS)}")
    focus_text = r.choice(
        d.get("management_focus"),
        r.path("management_focus"),
        (f.value for f in ManagementFocus),
        "a management focus",
    )
    lead = d.get("provider_lead", False)
    if not isinstance(lead, bool):
        r.add(r.path("provider_lead"), f"must be true or false, not {_shown(lead)}")
        lead = False
    expectations = _expectations(r, d.get("expectations"), r.path("expectations"))
    if levels is not None:
        allowed = tuple(Level(level) for level in levels)
        for i, e in enumerate(expectations):
            if e.level not in allowed:
                r.add(
                    r.path("expectations", i, "level"),
                    f'"{e.level.value}" is not a level this role defines; '
                    f"use {_words(level.value for level in allowed)}",
                )
    card = RoleCard(
        title=title,
        kind=SeatKind(kind_text) if kind_text else SeatKind.SUPPORT,
        purpose=r.text(d, "purpose", LIMITS.purpose, r.path("purpose")),
        responsibilities=r.texts(d, "responsibilities", LIMITS.items, r.path("responsibilities")),
        decides=r.texts(d, "decides", LIMITS.items, r.path("decides")),
        proposes=r.texts(d, "proposes", LIMITS.items, r.path("proposes")),
        what_good_looks_like=r.text(
            d, "what_good_looks_like", LIMITS.what_good, r.path("what_good_looks_like")
        ),
        expectations=expectations,
        schedule=_schedule(r, d.get("schedule"), r.path("schedule")),
        management_focus=ManagementFocus(focus_text) if focus_text else None,
        supervision=r.text(d, "supervision", LIMITS.supervision, r.path("supervision")),
        provider_lead=lead,
        template=r.text(d, "template", LIMITS.title, r.path("template")),
        track=_track(r, d.get("track"), r.path("track")),
    )
    if complete and not r.problems:
        gaps = completeness_gaps(card)
        if gaps:
            r.add(where or card.title, "an incomplete card; it lacks " + "; ".join(gaps))
    if r.problems:
        raise InputError(r.problems)
    return card


def expectation_data(e: LevelExpectation) -> dict[str, object]:
    """One expectation as plain data (whole-number targets written as ints)."""
    target: float | int = int(e.target) if float(e.target).is_integer() else e.target
    return {
        "level": e.level.value,
        "measurable": e.measurable,
        "unit": e.unit.value,
        "direction": e.direction.value,
        "target": target,
    }


def schedule_data(s: ProviderSchedule) -> dict[str, object]:
    """A schedule as plain data, leaving out zeros and empty lists."""
    out: dict[str, object] = {"unit": s.unit.value}
    for key in ("clinic", "theatre", "procedures", "on_call"):
        value = float(getattr(s, key))
        if value:
            out[key] = int(value) if value.is_integer() else value
    if s.case_types:
        out["case_types"] = list(s.case_types)
    if s.turnaround:
        out["turnaround"] = [
            {"item": t.item, "hours": int(t.hours) if float(t.hours).is_integer() else t.hours}
            for t in s.turnaround
        ]
    return out


def card_data(card: RoleCard, *, with_identity: bool = True) -> dict[str, object]:
    """A card as plain data in :data:`CARD_KEYS` order, empty values left out.

    ``parse_card(card_data(card)) == card`` for every valid card.
    """
    out: dict[str, object] = {}
    if with_identity:
        out["title"] = card.title
        out["kind"] = card.kind.value
    if card.purpose:
        out["purpose"] = card.purpose
    for key in ("responsibilities", "decides", "proposes"):
        items = getattr(card, key)
        if items:
            out[key] = list(items)
    if card.what_good_looks_like:
        out["what_good_looks_like"] = card.what_good_looks_like
    if card.expectations:
        out["expectations"] = [expectation_data(e) for e in card.expectations]
    if card.schedule is not None:
        out["schedule"] = schedule_data(card.schedule)
    if card.management_focus is not None:
        out["management_focus"] = card.management_focus.value
    if card.supervision:
        out["supervision"] = card.supervision
    if with_identity and card.provider_lead:
        out["provider_lead"] = True
    if card.template:
        out["template"] = card.template
    if card.track:
        out["track"] = {t.level.value: _step_data(t) for t in card.track}
    return out


def _step_data(step: TrackStep) -> dict[str, str]:
    out = {}
    if step.scope:
        out["scope"] = step.scope
    if step.pay_band:
        out["pay_band"] = step.pay_band
    return out


# --------------------------------------------------------------------------------------
# roles of a snapshot <-> cards


def card_of(role: Role) -> RoleCard:
    """The card of a snapshot role (its ``decision_rights`` are what it decides)."""
    return RoleCard(
        title=role.title,
        kind=SeatKind(role.kind),
        purpose=role.purpose,
        responsibilities=tuple(role.responsibilities),
        decides=tuple(role.decision_rights),
        proposes=tuple(role.proposes),
        what_good_looks_like=role.what_good_looks_like,
        expectations=tuple(role.expectations),
        schedule=role.schedule,
        management_focus=role.management_focus,
        supervision=role.supervision,
        provider_lead=role.provider_lead,
        template=role.template,
        track=tuple(role.track),
    )


def role_from_card(role_id: str, card: RoleCard) -> Role:
    """A snapshot role carrying ``card``."""
    return Role(
        id=role_id,
        title=card.title,
        kind=card.kind,
        purpose=card.purpose,
        responsibilities=card.responsibilities,
        decision_rights=card.decides,
        provider_lead=card.provider_lead,
        proposes=card.proposes,
        what_good_looks_like=card.what_good_looks_like,
        expectations=card.expectations,
        schedule=card.schedule,
        management_focus=card.management_focus,
        supervision=card.supervision,
        template=card.template,
        track=card.track,
    )


def card_from_columns(
    *,
    title: str,
    kind: str,
    purpose: str,
    responsibilities: object,
    decides: object,
    proposes: object,
    what_good_looks_like: str,
    expectations: object,
    schedule: object,
    management_focus: str,
    supervision: str,
    provider_lead: bool,
    template: str,
    track: object = None,
) -> RoleCard:
    """A card from stored columns (a database row). Stored values were validated on write;
    should one not parse any more, the card is read without its structured parts rather
    than failing the page or the snapshot, and the role-undefined rule then shows it."""
    data: dict[str, object] = {
        "title": title,
        "kind": kind,
        "purpose": purpose,
        "responsibilities": list(responsibilities or ()),  # type: ignore[call-overload]
        "decides": list(decides or ()),  # type: ignore[call-overload]
        "proposes": list(proposes or ()),  # type: ignore[call-overload]
        "what_good_looks_like": what_good_looks_like,
        "expectations": expectations or [],
        "schedule": schedule,
        "management_focus": management_focus,
        "supervision": supervision,
        "provider_lead": bool(provider_lead),
        "template": template,
        "track": track or None,
    }
    try:
        return parse_card(data)
    except InputError:
        for key in ("expectations", "schedule", "management_focus", "track"):
            data.pop(key)
        try:
            return parse_card(data)
        except InputError:
            return RoleCard(title=title[: LIMITS.title] or "?", kind=SeatKind(kind))


def card_columns(card: RoleCard) -> dict[str, object]:
    """The database columns of ``org.Role`` holding ``card`` (the inverse of
    :func:`card_from_columns`)."""
    return {
        "title": card.title,
        "kind": card.kind.value,
        "purpose": card.purpose,
        "responsibilities": list(card.responsibilities),
        "decision_rights": list(card.decides),
        "proposes": list(card.proposes),
        "what_good_looks_like": card.what_good_looks_like,
        "expectations": [expectation_data(e) for e in card.expectations],
        "schedule": None if card.schedule is None else schedule_data(card.schedule),
        "management_focus": "" if card.management_focus is None else card.management_focus.value,
        "supervision": card.supervision,
        "provider_lead": card.provider_lead,
        "template": card.template,
        "track": {t.level.value: _step_data(t) for t in card.track},
    }


# --------------------------------------------------------------------------------------
# diffs between two versions of a card


@dataclass(frozen=True, slots=True)
class CardChange:
    """One difference between two cards: ``change`` is ``added``, ``removed`` or ``changed``;
    ``before`` / ``after`` are readable text (empty when added or removed)."""

    part: str
    change: str
    before: str = ""
    after: str = ""


PART_LABELS: dict[str, str] = {
    "title": "Title",
    "kind": "Seat kind",
    "purpose": "Purpose",
    "responsibilities": "Responsibilities",
    "decides": "Decides",
    "proposes": "Proposes",
    "what_good_looks_like": "What good looks like",
    "expectations": "Expectations",
    "schedule": "Schedule and case mix",
    "management_focus": "Management focus",
    "supervision": "Supervision",
    "provider_lead": "Provider lead",
    "template": "Library card",
    "track": "Career track",
}


def _schedule_lines(s: ProviderSchedule | None) -> dict[str, str]:
    if s is None:
        return {}
    out: dict[str, str] = {}
    for key, label in (
        ("clinic", "clinic"),
        ("theatre", "theatre / OR"),
        ("procedures", "procedures"),
        ("on_call", "on call"),
    ):
        value = float(getattr(s, key))
        if value:
            out[f"week:{key}"] = f"{label}: {_number(value)} {s.unit.value} a week"
    for case in s.case_types:
        out[f"case:{case.casefold()}"] = f"case type: {case}"
    for t in s.turnaround:
        out[f"turn:{t.item.casefold()}"] = f"{t.item} within {_number(t.hours)} hours"
    return out


def _keyed_diff(part: str, before: dict[str, str], after: dict[str, str]) -> list[CardChange]:
    out: list[CardChange] = []
    for key, text in before.items():
        if key not in after:
            out.append(CardChange(part, "removed", before=text))
        elif after[key] != text:
            out.append(CardChange(part, "changed", before=text, after=after[key]))
    out.extend(
        CardChange(part, "added", after=text) for key, text in after.items() if key not in before
    )
    return out


def card_diff(before: RoleCard, after: RoleCard) -> list[CardChange]:
    """What changed from ``before`` to ``after``, part by part in card order, in words:
    list items added or removed, texts changed, expectations compared by level and
    measurable, the schedule by setting, case type and turnaround."""
    out: list[CardChange] = []

    def text(part: str, a: object, b: object) -> None:
        if a != b:
            out.append(CardChange(part, "changed", str(a or ""), str(b or "")))

    text("title", before.title, after.title)
    text("kind", before.kind.value, after.kind.value)
    text("purpose", before.purpose, after.purpose)
    for part in ("responsibilities", "decides", "proposes"):
        a, b = getattr(before, part), getattr(after, part)
        out.extend(CardChange(part, "removed", before=x) for x in a if x not in b)
        out.extend(CardChange(part, "added", after=x) for x in b if x not in a)
    text("what_good_looks_like", before.what_good_looks_like, after.what_good_looks_like)

    def exp_map(card: RoleCard) -> dict[str, str]:
        return {
            f"{e.level.value}:{e.measurable.casefold()}": f"{e.level.value}: {e.describe()}"
            for e in card.expectations
        }

    out.extend(_keyed_diff("expectations", exp_map(before), exp_map(after)))
    out.extend(
        _keyed_diff("schedule", _schedule_lines(before.schedule), _schedule_lines(after.schedule))
    )

    def focus(card: RoleCard) -> str:
        return "" if card.management_focus is None else FOCUS_LABELS[card.management_focus]

    text("management_focus", focus(before), focus(after))
    text("supervision", before.supervision, after.supervision)
    if before.provider_lead != after.provider_lead:
        out.append(
            CardChange(
                "provider_lead", "changed", _yes(before.provider_lead), _yes(after.provider_lead)
            )
        )
    text("template", before.template, after.template)

    def steps(card: RoleCard) -> dict[str, str]:
        return {
            t.level.value: f"{t.level.value}: {t.scope}"
            + (f" (pay band {t.pay_band})" if t.pay_band else "")
            for t in card.track
        }

    out.extend(_keyed_diff("track", steps(before), steps(after)))
    return out


def _yes(flag: bool) -> str:
    return "yes" if flag else "no"
