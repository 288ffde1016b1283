"""People accountability in pure Python: the practice's bar, plan states and overdue.

A *review* (quarterly conversation) rates the person on each core value (``+``, ``+/−``,
``−``) and on the seat (gets it, wants it, capacity to do it). The practice sets a *bar*:
by default no ``−`` and at most one ``+/−``, and all three seat answers yes. A *plan* has a
committed end date and ends met, separated or withdrawn; it may be extended once, with a
reason and a new date. These functions decide all of that and say why, so the Django
services, the health rules and the pages share one answer (DESIGN §1 principle 6).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum

from practiceos.core.problems import Problem

#: Longest text accepted for a value name, a note or a reason (bounded input).
MAX_VALUE_NAME = 80
MAX_VALUES = 12
#: Longest plan: a year. A plan with no end in sight is not a committed timeframe.
MAX_PLAN_DAYS = 366


class Rating(StrEnum):
    """How a person lives one core value: ``+`` mostly, ``+/−`` sometimes, ``−`` rarely."""

    PLUS = "+"
    MIXED = "+/-"
    MINUS = "-"

    @property
    def label(self) -> str:
        """The rating as people write it (with a real minus sign)."""
        return {"+": "+", "+/-": "+/−", "-": "−"}[self.value]

    @property
    def points(self) -> int:
        """2 for +, 1 for +/−, 0 for −: what a hiring plan's side-by-side adds up."""
        return {"+": 2, "+/-": 1, "-": 0}[self.value]


# Spellings people type for each rating: the ASCII forms, the typographic minus and
# plus-minus signs, and words.
_RATING_SPELLINGS: dict[str, Rating] = {
    "+": Rating.PLUS,
    "plus": Rating.PLUS,
    "+/-": Rating.MIXED,
    "+/−": Rating.MIXED,
    "±": Rating.MIXED,
    "mixed": Rating.MIXED,
    "-": Rating.MINUS,
    "−": Rating.MINUS,
    "minus": Rating.MINUS,
}

RATING_CHOICES: tuple[str, ...] = tuple(r.value for r in Rating)


def parse_rating(text: object, where: str) -> Rating | Problem:
    """The rating ``text`` spells, or a :class:`Problem` at ``where`` naming the value."""
    if isinstance(text, str):
        found = _RATING_SPELLINGS.get(text.strip().lower())
        if found is not None:
            return found
    return Problem(where, f"{text!r} is not a rating; use one of +, +/− or −")


@dataclass(frozen=True, slots=True)
class Bar:
    """The practice's bar: the most ``−`` and ``+/−`` ratings a person may have and still
    be above it. A person must also get, want and have capacity for the seat."""

    max_minus: int = 0
    max_mixed: int = 1

    def describe(self) -> str:
        """The bar in words: ``no −, at most one +/−, and yes to all three seat questions``."""
        minus = "no −" if self.max_minus == 0 else f"at most {self.max_minus} −"
        mixed = (
            "no +/−"
            if self.max_mixed == 0
            else ("at most one +/−" if self.max_mixed == 1 else f"at most {self.max_mixed} +/−")
        )
        return f"{minus}, {mixed}, and yes to gets it, wants it and capacity"


@dataclass(frozen=True, slots=True)
class SeatFit:
    """The three seat questions, judged against the seat's role card."""

    gets_it: bool
    wants_it: bool
    capacity: bool

    def missing(self) -> tuple[str, ...]:
        """The questions answered no, in order."""
        answers = (
            ("gets it", self.gets_it),
            ("wants it", self.wants_it),
            ("capacity", self.capacity),
        )
        return tuple(name for name, yes in answers if not yes)


@dataclass(frozen=True, slots=True)
class BarResult:
    """Whether a review is above the bar, and the reasons when it is not."""

    above: bool
    values_ok: bool
    seat_ok: bool
    reasons: tuple[str, ...]


def judge(ratings: Mapping[str, Rating], fit: SeatFit, bar: Bar) -> BarResult:
    """Judge one review against the practice's bar.

    ``values_ok`` looks at the ratings only (a values misfit); ``seat_ok`` at the seat
    questions only; ``above`` needs both. With no values rated, values are judged ok (a
    practice that has not written its core values yet is not a reason to fail someone).
    """
    minus = [name for name, r in ratings.items() if r is Rating.MINUS]
    mixed = [name for name, r in ratings.items() if r is Rating.MIXED]
    reasons: list[str] = []
    if len(minus) > bar.max_minus:
        reasons.append(f"− on {', '.join(minus)} (the bar allows {bar.max_minus})")
    if len(mixed) > bar.max_mixed:
        reasons.append(f"+/− on {', '.join(mixed)} (the bar allows {bar.max_mixed})")
    values_ok = not reasons
    missing = fit.missing()
    if missing:
        reasons.append("no to " + ", ".join(missing))
    return BarResult(
        above=values_ok and not missing,
        values_ok=values_ok,
        seat_ok=not missing,
        reasons=tuple(reasons),
    )


def parse_values(items: object, where: str = "values") -> tuple[dict[str, Rating], list[Problem]]:
    """Core-value ratings from ``[{"value": name, "rating": "+"}, ...]``.

    Returns the ratings by value name (in the order given) and every problem found, each
    naming its item (``values[2].rating``).
    """
    problems: list[Problem] = []
    ratings: dict[str, Rating] = {}
    if not isinstance(items, list | tuple):
        return ratings, [Problem(where, "must be a list of {value, rating} items")]
    if len(items) > MAX_VALUES:
        return ratings, [Problem(where, f"has {len(items)} items; at most {MAX_VALUES}")]
    for index, item in enumerate(items):
        here = f"{where}[{index}]"
        if not isinstance(item, Mapping):
            problems.append(Problem(here, "must be an object with value and rating"))
            continue
        name = item.get("value")
        if not isinstance(name, str) or not name.strip():
            problems.append(Problem(f"{here}.value", "is required: the core value's name"))
            continue
        name = name.strip()
        if len(name) > MAX_VALUE_NAME:
            problems.append(
                Problem(f"{here}.value", f"is {len(name)} characters; at most {MAX_VALUE_NAME}")
            )
            continue
        if name in ratings:
            problems.append(Problem(f"{here}.value", f'"{name}" is rated twice; rate it once'))
            continue
        rating = parse_rating(item.get("rating"), f"{here}.rating")
        if isinstance(rating, Problem):
            problems.append(rating)
            continue
        ratings[name] = rating
    return ratings, problems


# ---- plans ----------------------------------------------------------------------------


class PlanReason(StrEnum):
    """Why a plan was opened."""

    NUMBERS = "numbers"
    VALUES = "values"
    BEHAVIOUR = "behaviour"
    SKILLS = "skills"


class PlanStatus(StrEnum):
    """Where a plan is: open (possibly extended once), or closed with an outcome."""

    OPEN = "open"
    MET = "met"
    SEPARATED = "separated"
    WITHDRAWN = "withdrawn"

    @property
    def closed(self) -> bool:
        """True for the three outcomes."""
        return self is not PlanStatus.OPEN


PLAN_REASONS: tuple[str, ...] = tuple(r.value for r in PlanReason)
OUTCOMES: tuple[str, ...] = tuple(s.value for s in PlanStatus if s.closed)


def check_new_plan(*, start: dt.date | None, end: dt.date | None, today: dt.date) -> list[Problem]:
    """Problems with the dates of a plan being opened on ``today``.

    The end date is required, must be after today and after the start, and at most
    :data:`MAX_PLAN_DAYS` after the start: a committed timeframe, not an open-ended one.
    """
    start = start or today
    if end is None:
        return [Problem("end_date", "is required: a plan needs a committed end date")]
    if end <= today:
        return [
            Problem(
                "end_date",
                f'"{end.isoformat()}" is not in the future; choose a date after {today.isoformat()}',
            )
        ]
    if end <= start:
        return [
            Problem(
                "end_date",
                f'"{end.isoformat()}" is not after the start "{start.isoformat()}"',
            )
        ]
    if (end - start).days > MAX_PLAN_DAYS:
        return [
            Problem(
                "end_date",
                f'"{end.isoformat()}" is {(end - start).days} days after the start; '
                f"a plan lasts at most {MAX_PLAN_DAYS} days",
            )
        ]
    return []


def check_extension(
    *,
    status: PlanStatus,
    extensions: int,
    end: dt.date | None,
    new_end: dt.date | None,
    reason: str,
    today: dt.date,
) -> list[Problem]:
    """Problems with extending a plan: only an open plan, only once, with a reason and a
    new end date later than both the current one and today."""
    if status.closed:
        return [Problem("status", f"the plan is closed ({status.value}); it cannot be extended")]
    if extensions >= 1:
        return [
            Problem(
                "new_end_date",
                "the plan was already extended once; record an outcome: met, separated or withdrawn",
            )
        ]
    problems: list[Problem] = []
    if not reason.strip():
        problems.append(Problem("reason", "is required: say why the plan needs more time"))
    if new_end is None:
        problems.append(Problem("new_end_date", "is required"))
    elif new_end <= today or (end is not None and new_end <= end):
        after = max(today, end) if end is not None else today
        problems.append(
            Problem(
                "new_end_date",
                f'"{new_end.isoformat()}" must be after {after.isoformat()} '
                "(the current end date and today)",
            )
        )
    return problems


def check_outcome(
    *, status: PlanStatus, outcome: object
) -> tuple[PlanStatus | None, list[Problem]]:
    """The outcome to record on a plan, or the problems: only an open plan takes one, and
    only met, separated or withdrawn (extending is its own step)."""
    if status.closed:
        return None, [
            Problem(
                "outcome",
                f"the plan is already closed ({status.value}); an outcome is recorded once",
            )
        ]
    if outcome == "extended":
        return None, [
            Problem(
                "outcome", '"extended" is its own step: extend the plan with a reason and a date'
            )
        ]
    if not isinstance(outcome, str) or outcome not in OUTCOMES:
        return None, [
            Problem("outcome", f"{outcome!r} is not an outcome; use one of {', '.join(OUTCOMES)}")
        ]
    return PlanStatus(outcome), []


def is_overdue(status: PlanStatus, end: dt.date | None, today: dt.date) -> bool:
    """True when an open plan's end date has passed with no outcome recorded."""
    return status is PlanStatus.OPEN and end is not None and end < today


def days_left(end: dt.date | None, today: dt.date) -> int | None:
    """Days until the end date (negative once past), or ``None`` without one."""
    return None if end is None else (end - today).days


# ---- what the health check reads (Snapshot sections) ----------------------------------------


@dataclass(frozen=True, slots=True)
class ReviewFact:
    """One quarterly conversation as the health check sees it (no notes, no ratings)."""

    id: str
    person_id: str
    seat_id: str | None
    held_on: dt.date
    values_ok: bool
    seat_ok: bool

    @property
    def above_bar(self) -> bool:
        """Above the practice's bar on values and on the seat (judged when recorded)."""
        return self.values_ok and self.seat_ok


@dataclass(frozen=True, slots=True)
class PlanFact:
    """One performance plan as the health check sees it."""

    id: str
    person_id: str
    status: PlanStatus
    opened_on: dt.date
    end_date: dt.date | None
    extensions: int = 0


@dataclass(frozen=True, slots=True)
class SeatNumbers:
    """A seat's numbers in brief: how many measurables it owns and, newest week first,
    whether each recent week was red (any measurable off its target)."""

    seat_id: str
    measurables: int
    red_weeks: tuple[bool, ...] = ()

    def red_in(self, window: int) -> int:
        """Red weeks among the last ``window`` weeks."""
        return sum(self.red_weeks[:window])


# ---- recognition -------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class RecognitionInput:
    """What recognition looks at for one person: their latest review and plan state."""

    person_id: str
    name: str
    latest_review: dt.date | None
    above_bar: bool
    plus_values: tuple[str, ...]
    open_plan: bool
    numbers_on_track: bool | None  # None: the seat has no numbers yet


@dataclass(frozen=True, slots=True)
class Recognition:
    """One person to recognise, and what for."""

    person_id: str
    name: str
    what: str


def to_recognise(
    people: Iterable[RecognitionInput], *, today: dt.date, period_days: int = 120
) -> tuple[Recognition, ...]:
    """People above the bar in a review within ``period_days``, with no open plan and their
    numbers on track (or no numbers yet), with what to recognise them for."""
    out: list[Recognition] = []
    for p in people:
        if p.latest_review is None or (today - p.latest_review).days > period_days:
            continue
        if not p.above_bar or p.open_plan or p.numbers_on_track is False:
            continue
        parts: list[str] = []
        if p.plus_values:
            parts.append("living " + ", ".join(p.plus_values))
        parts.append("above the bar in the last quarterly conversation")
        if p.numbers_on_track:
            parts.append("numbers on track")
        out.append(Recognition(p.person_id, p.name, "; ".join(parts)))
    return tuple(sorted(out, key=lambda r: (r.name, r.person_id)))
