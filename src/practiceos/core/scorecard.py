"""Scorecard arithmetic: goals, green and red, periods, windows, alerts, formulas, roll-ups.

Pure Python (no Django). Numbers are :class:`~decimal.Decimal`; a missing number is
``None`` everywhere and stays missing: it is never counted as zero, never silently
dropped from a roll-up (roll-ups list who is missing).
"""

from __future__ import annotations

import datetime as dt
import re
import statistics
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from enum import StrEnum

from practiceos.core.problems import Problem

# --- vocabulary -------------------------------------------------------------------------


class Unit(StrEnum):
    """What a measurable counts."""

    NUMBER = "number"
    PERCENT = "percent"
    CURRENCY = "currency"
    YES_NO = "yes_no"
    MINUTES = "minutes"
    DAYS = "days"


class Operator(StrEnum):
    """How a number is compared with its goal."""

    AT_LEAST = "gte"
    AT_MOST = "lte"
    EQUAL = "eq"
    BETWEEN = "between"
    OUTSIDE = "outside"


class Cadence(StrEnum):
    """How often a measurable gets a number."""

    WEEKLY = "weekly"
    MONTHLY = "monthly"


class Visibility(StrEnum):
    """Who sees a measurable or priority: the team (default), or owner and manager chain."""

    TEAM = "team"
    PRIVATE = "private"


class PriorityStatus(StrEnum):
    """Where a 90-day priority stands."""

    ON_TRACK = "on_track"
    OFF_TRACK = "off_track"
    DONE = "done"
    DROPPED = "dropped"


class Status(StrEnum):
    """A number against its goal."""

    GREEN = "green"
    RED = "red"
    MISSING = "missing"
    NO_GOAL = "no_goal"


UNITS = tuple(u.value for u in Unit)
OPERATORS = tuple(o.value for o in Operator)
CADENCES = tuple(c.value for c in Cadence)
OPERATOR_SIGNS = {
    Operator.AT_LEAST: "≥",
    Operator.AT_MOST: "≤",
    Operator.EQUAL: "=",
    Operator.BETWEEN: "between",
    Operator.OUTSIDE: "outside",
}
#: The sizes of trailing window the scorecard offers, in periods.
WINDOWS = (4, 13, 52)
#: Bounds on any single number: beyond this it is a typing mistake, not a measurement.
MAX_ABS_VALUE = Decimal("1e13")

# --- goals ------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Goal:
    """A goal: an operator and one bound (≥ ≤ =) or two (between, outside)."""

    operator: Operator
    low: Decimal | None = None
    high: Decimal | None = None

    def status(self, value: Decimal | None) -> Status:
        """Green or red for ``value``; missing when there is no number."""
        if value is None:
            return Status.MISSING
        if self.low is None:
            return Status.NO_GOAL
        ok: bool
        if self.operator is Operator.AT_LEAST:
            ok = value >= self.low
        elif self.operator is Operator.AT_MOST:
            ok = value <= self.low
        elif self.operator is Operator.EQUAL:
            ok = value == self.low
        else:
            if self.high is None:
                return Status.NO_GOAL
            inside = self.low <= value <= self.high
            ok = inside if self.operator is Operator.BETWEEN else not inside
        return Status.GREEN if ok else Status.RED

    def text(self) -> str:
        """The goal in a few characters: ``≥ 95``, ``between 2 and 4``."""
        if self.low is None:
            return "no goal"
        low = format_number(self.low)
        if self.operator in (Operator.BETWEEN, Operator.OUTSIDE):
            high = format_number(self.high) if self.high is not None else "?"
            return f"{self.operator.value} {low} and {high}"
        return f"{OPERATOR_SIGNS[self.operator]} {low}"

    @property
    def higher_is_better(self) -> bool | None:
        """True for ≥, False for ≤, None when neither direction is better."""
        if self.operator is Operator.AT_LEAST:
            return True
        if self.operator is Operator.AT_MOST:
            return False
        return None


def format_number(value: Decimal | None) -> str:
    """A number without trailing zeros (``95``, ``2.5``); an empty string for missing."""
    if value is None:
        return ""
    if value == value.to_integral_value():
        return f"{value.quantize(Decimal(1)):f}"
    return f"{value.normalize():f}"


def parse_number(text: object, unit: Unit) -> Decimal:
    """A number typed for ``unit``: ``12``, ``1,234.5``, ``95%``, ``$1,200``, ``yes``.

    Raises :class:`ValueError` with what is accepted when it is not one.
    """
    if isinstance(text, bool):
        return Decimal(1 if text else 0)
    if isinstance(text, (int, float, Decimal)) and not isinstance(text, bool):
        raw = str(text)
    elif isinstance(text, str):
        raw = text.strip()
    else:
        raise ValueError(f"must be a number, not {type(text).__name__}")
    if unit is Unit.YES_NO:
        low = raw.lower()
        if low in {"yes", "y", "1", "true"}:
            return Decimal(1)
        if low in {"no", "n", "0", "false"}:
            return Decimal(0)
        raise ValueError(f"{raw[:40]!r} is not yes or no (accepted: yes, no, 1, 0)")
    cleaned = raw.replace(",", "").replace(" ", "")
    for sign in ("%", "$", "€", "£"):
        cleaned = cleaned.replace(sign, "")
    if len(cleaned) > 30:
        raise ValueError(f"{raw[:40]!r} is too long for a number")
    try:
        number = Decimal(cleaned)
    except InvalidOperation:
        raise ValueError(
            f"{raw[:40]!r} is not a number (accepted: digits with an optional "
            "decimal point, such as 12 or 1,234.5)"
        ) from None
    if not number.is_finite() or abs(number) >= MAX_ABS_VALUE:
        raise ValueError(f"{raw[:40]!r} is out of range (at most 13 digits before the point)")
    if unit in (Unit.MINUTES, Unit.DAYS) and number < 0:
        raise ValueError(f"{raw[:40]!r} is negative; {unit.value} cannot be")
    return number


def goal_problems(
    unit: Unit, operator: Operator, low: Decimal | None, high: Decimal | None, where: str = "goal"
) -> list[Problem]:
    """What is wrong with a goal for a measurable of ``unit`` (empty when it fits)."""
    problems: list[Problem] = []
    two = operator in (Operator.BETWEEN, Operator.OUTSIDE)
    if unit is Unit.YES_NO and operator is not Operator.EQUAL:
        problems.append(
            Problem(
                f"{where}.operator",
                f"{operator.value!r} does not fit a yes/no measurable (accepted: eq, with 1 for yes "
                "or 0 for no)",
            )
        )
    if unit is Unit.YES_NO and low is not None and low not in (0, 1):
        problems.append(Problem(f"{where}.low", f"{low} is not yes (1) or no (0)"))
    if two and low is not None and high is None:
        problems.append(Problem(f"{where}.high", f"{operator.value} needs a high bound"))
    if two and low is None and high is not None:
        problems.append(Problem(f"{where}.low", f"{operator.value} needs a low bound"))
    if two and low is not None and high is not None and low >= high:
        problems.append(
            Problem(f"{where}.high", f"{format_number(high)} must be above the low bound {low}")
        )
    if not two and high is not None:
        problems.append(
            Problem(
                f"{where}.high", f"{operator.value} takes one bound; leave the high bound empty"
            )
        )
    if unit is Unit.PERCENT:
        for name, bound in (("low", low), ("high", high)):
            if bound is not None and not (0 <= bound <= 100):
                problems.append(Problem(f"{where}.{name}", f"{bound} is not a % from 0 to 100"))
    return problems


# --- periods ----------------------------------------------------------------------------

_ISO_WEEK = re.compile(r"^(\d{4})-?W(\d{1,2})$", re.IGNORECASE)
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")


def week_start(day: dt.date) -> dt.date:
    """The Monday of ``day``'s ISO week (weeks are keyed by their Monday)."""
    return day - dt.timedelta(days=day.weekday())


def month_start(day: dt.date) -> dt.date:
    """The first day of ``day``'s month."""
    return day.replace(day=1)


def period_start(day: dt.date, cadence: Cadence) -> dt.date:
    """The start of the period containing ``day`` for ``cadence``."""
    return week_start(day) if cadence is Cadence.WEEKLY else month_start(day)


def parse_period(text: str, cadence: Cadence) -> dt.date:
    """A period as typed: ``2026-W05`` or a date in the week for weekly; ``2026-03`` monthly.

    Raises :class:`ValueError` naming what is accepted; a week that does not exist
    (``2026-W54``, ``2025-W53``) is refused, not rolled into the next year.
    """
    raw = text.strip() if isinstance(text, str) else ""
    if not raw or len(raw) > 20:
        raise ValueError(f"{str(text)[:20]!r} is not a period (accepted: 2026-W05 or 2026-02-02)")
    match = _ISO_WEEK.match(raw)
    if match:
        if cadence is Cadence.MONTHLY:
            raise ValueError(f"{raw!r} is a week; this measurable is monthly (accepted: 2026-03)")
        year, week = int(match[1]), int(match[2])
        try:
            return dt.date.fromisocalendar(year, week, 1)
        except ValueError:
            last = dt.date(year, 12, 28).isocalendar().week
            raise ValueError(f"week {week} does not exist in {year} (weeks 1 to {last})") from None
    match = _MONTH.match(raw)
    if match:
        try:
            return dt.date(int(match[1]), int(match[2]), 1)
        except ValueError:
            raise ValueError(f"{raw!r} is not a month (accepted: 2026-03)") from None
    try:
        day = dt.date.fromisoformat(raw)
    except ValueError:
        raise ValueError(
            f"{raw!r} is not a period (accepted: 2026-W05, 2026-02-02 or 2026-03)"
        ) from None
    return period_start(day, cadence)


def week_label(monday: dt.date) -> str:
    """``2026-W05`` for a Monday."""
    iso = monday.isocalendar()
    return f"{iso.year}-W{iso.week:02d}"


def period_label(start: dt.date, cadence: Cadence) -> str:
    """The label of a period: ``2026-W05`` or ``2026-03``."""
    return week_label(start) if cadence is Cadence.WEEKLY else f"{start:%Y-%m}"


def trailing_periods(end: dt.date, count: int, cadence: Cadence) -> tuple[dt.date, ...]:
    """The ``count`` periods ending with the one containing ``end``, oldest first."""
    last = period_start(end, cadence)
    if cadence is Cadence.WEEKLY:
        return tuple(last - dt.timedelta(weeks=i) for i in range(count - 1, -1, -1))
    out: list[dt.date] = []
    year, month = last.year, last.month
    for _ in range(count):
        out.append(dt.date(year, month, 1))
        month -= 1
        if month == 0:
            year, month = year - 1, 12
    return tuple(reversed(out))


# --- series and alerts ------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Cell:
    """One period of one measurable: its number (or None), the goal that applied, the status."""

    period: dt.date
    value: Decimal | None
    goal: Goal
    status: Status
    overridden: bool = False


@dataclass(frozen=True, slots=True)
class Alert:
    """A trend worth raising: ``red 3 weeks running``, ``falling 6 weeks``."""

    kind: str  # "red-streak" | "falling" | "rising" | "missing-streak"
    periods: int
    text: str


def cells(
    periods: Sequence[dt.date],
    values: Mapping[dt.date, Decimal],
    goal: Goal,
    overrides: Mapping[dt.date, Goal] | None = None,
) -> tuple[Cell, ...]:
    """The series over ``periods``, each number judged by its period's goal."""
    out = []
    for period in periods:
        applied = (overrides or {}).get(period, goal)
        value = values.get(period)
        out.append(Cell(period, value, applied, applied.status(value), period in (overrides or {})))
    return tuple(out)


def red_streak(series: Sequence[Cell]) -> int:
    """How many of the latest periods in a row are red (missing periods end a streak)."""
    count = 0
    for cell in reversed(series):
        if cell.status is not Status.RED:
            break
        count += 1
    return count


def missing_streak(series: Sequence[Cell]) -> int:
    """How many of the latest periods in a row have no number."""
    count = 0
    for cell in reversed(series):
        if cell.value is not None:
            break
        count += 1
    return count


def monotone_run(series: Sequence[Cell]) -> int:
    """Signed length of the latest run of strictly falling (<0) or rising (>0) numbers.

    Counted in periods spanned by the run among the latest numbers present (gaps skipped):
    values 10, 9, 8, 7 are ``-4`` (falling across 4 periods).
    """
    numbers = [c.value for c in series if c.value is not None]
    if len(numbers) < 2:
        return 0
    direction = 0
    length = 1
    for previous, current in zip(reversed(numbers[:-1]), reversed(numbers[1:]), strict=True):
        step = (current > previous) - (current < previous)
        if step == 0 or (direction and step != direction):
            break
        direction = step
        length += 1
    return length * direction if length > 1 else 0


def alerts(
    series: Sequence[Cell],
    cadence: Cadence,
    higher_is_better: bool | None,
    *,
    red_after: int = 3,
    trend_after: int = 6,
) -> tuple[Alert, ...]:
    """The trend alerts of a series: red ``red_after`` periods running, worsening runs."""
    word = "weeks" if cadence is Cadence.WEEKLY else "months"
    found: list[Alert] = []
    streak = red_streak(series)
    if streak >= red_after:
        found.append(Alert("red-streak", streak, f"red {streak} {word} running"))
    gone = missing_streak(series)
    if gone >= red_after:
        found.append(Alert("missing-streak", gone, f"no number {gone} {word} running"))
    run = monotone_run(series)
    if abs(run) >= trend_after:
        falling = run < 0
        # A fall is bad when higher is better (and the reverse); with no direction both warn.
        if higher_is_better is None or higher_is_better == falling:
            kind = "falling" if falling else "rising"
            found.append(Alert(kind, abs(run), f"{kind} {abs(run)} {word}"))
    return tuple(found)


@dataclass(frozen=True, slots=True)
class Summary:
    """Totals over a window: the sum and mean of the numbers present, and how many are red."""

    total: Decimal | None
    average: Decimal | None
    present: int
    missing: int
    green: int
    red: int


def summarise(series: Sequence[Cell]) -> Summary:
    """Sum, mean and counts of a series; missing numbers are counted as missing, not zero."""
    numbers = [c.value for c in series if c.value is not None]
    total = sum(numbers, Decimal(0)) if numbers else None
    average = (total / len(numbers)).quantize(Decimal("0.01")) if total is not None else None
    return Summary(
        total=total,
        average=average,
        present=len(numbers),
        missing=len(series) - len(numbers),
        green=sum(1 for c in series if c.status is Status.GREEN),
        red=sum(1 for c in series if c.status is Status.RED),
    )


def sparkline(
    values: Sequence[Decimal | None], width: int = 120, height: int = 24
) -> tuple[str, ...]:
    """SVG polyline point lists for a sparkline, one per unbroken run of numbers.

    A gap (missing number) breaks the line rather than dropping to zero. Floats are
    precise enough for pixels and much cheaper than decimals (a 52-week scorecard of 100
    measurables draws 5,200 points per request).
    """
    if len(values) < 2:
        return ()
    floats = [None if v is None else float(v) for v in values]
    present = [v for v in floats if v is not None]
    if not present:
        return ()
    low, high = min(present), max(present)
    span = (high - low) or 1.0
    step = width / (len(values) - 1)
    top, usable = height - 2, height - 4
    runs: list[str] = []
    current: list[str] = []
    for i, value in enumerate(floats):
        if value is None:
            if current:
                runs.append(" ".join(current))
            current = []
            continue
        current.append(f"{step * i:.1f},{top - (value - low) / span * usable:.1f}")
    if current:
        runs.append(" ".join(current))
    return tuple(runs)


# --- formulas ---------------------------------------------------------------------------

_TOKEN = re.compile(r"\s*(?:(\d+(?:\.\d+)?)|([a-z][a-z0-9_-]*)|(.))", re.IGNORECASE)
MAX_FORMULA = 500


@dataclass(frozen=True, slots=True)
class Formula:
    """A parsed formula over other measurables' keys: ``+ - * /``, numbers, parentheses."""

    text: str
    rpn: tuple[str | Decimal, ...]
    refs: frozenset[str]


def parse_formula(text: str) -> Formula:
    """Parse ``production / hours`` into a :class:`Formula`; :class:`ValueError` if malformed."""
    if len(text) > MAX_FORMULA:
        raise ValueError(f"a formula is at most {MAX_FORMULA} characters")
    tokens: list[str | Decimal] = []
    for number, name, other in _TOKEN.findall(text):
        if number:
            tokens.append(Decimal(number))
        elif name:
            tokens.append(name.lower())
        elif other.strip():
            if other not in "+-*/()":
                raise ValueError(f"{other!r} is not allowed (accepted: keys, numbers, + - * / ( ))")
            tokens.append(other)
    if not tokens:
        raise ValueError("the formula is empty")
    prec = {"+": 1, "-": 1, "*": 2, "/": 2}
    out: list[str | Decimal] = []
    stack: list[str] = []
    expect_operand = True
    for tok in tokens:
        if isinstance(tok, Decimal) or tok not in "+-*/()":
            if not expect_operand:
                raise ValueError(f"an operator is missing before {tok}")
            out.append(tok)
            expect_operand = False
        elif tok == "(":
            if not expect_operand:
                raise ValueError("an operator is missing before '('")
            stack.append(tok)
        elif tok == ")":
            if expect_operand:
                raise ValueError("')' comes where a value was expected")
            while stack and stack[-1] != "(":
                out.append(stack.pop())
            if not stack:
                raise ValueError("a ')' has no matching '('")
            stack.pop()
        else:
            if expect_operand:
                raise ValueError(f"{tok!r} comes where a value was expected")
            while stack and stack[-1] != "(" and prec[stack[-1]] >= prec[tok]:
                out.append(stack.pop())
            stack.append(tok)
            expect_operand = True
    if expect_operand:
        raise ValueError("the formula ends with an operator")
    while stack:
        tok = stack.pop()
        if tok == "(":
            raise ValueError("a '(' is never closed")
        out.append(tok)
    refs = frozenset(t for t in out if isinstance(t, str) and t not in "+-*/")
    return Formula(text, tuple(out), refs)


def evaluate(formula: Formula, values: Mapping[str, Decimal | None]) -> Decimal | None:
    """The formula's value; ``None`` when an input is missing or a division is by zero."""
    stack: list[Decimal] = []
    for tok in formula.rpn:
        if isinstance(tok, Decimal):
            stack.append(tok)
        elif tok in ("+", "-", "*", "/"):
            right, left = stack.pop(), stack.pop()
            if tok == "+":
                stack.append(left + right)
            elif tok == "-":
                stack.append(left - right)
            elif tok == "*":
                stack.append(left * right)
            else:
                if right == 0:
                    return None
                stack.append(left / right)
        else:
            value = values.get(tok)
            if value is None:
                return None
            stack.append(value)
    return stack[0].quantize(Decimal("0.0001"))


def formula_problems(
    formulas: Mapping[str, str], known: Iterable[str], where: str = "formula"
) -> list[Problem]:
    """Every malformed formula, reference to a missing key and cycle among ``formulas``.

    ``formulas`` maps a measurable key to its formula text; ``known`` are all keys.
    """
    keys = set(known) | set(formulas)
    parsed: dict[str, Formula] = {}
    problems: list[Problem] = []
    for key, text in sorted(formulas.items()):
        try:
            parsed[key] = parse_formula(text)
        except ValueError as exc:
            problems.append(Problem(f"{where}[{key}]", f"{text[:60]!r}: {exc}"))
            continue
        for ref in sorted(parsed[key].refs):
            if ref == key:
                problems.append(Problem(f"{where}[{key}]", f"{key!r} refers to itself"))
            elif ref not in keys:
                problems.append(
                    Problem(f"{where}[{key}]", f"{ref!r} is not a measurable of this practice")
                )
    problems.extend(_cycles(parsed, where))
    return problems


def _cycles(parsed: Mapping[str, Formula], where: str) -> list[Problem]:
    """One problem per formula cycle longer than one (self-reference is reported apart)."""
    state: dict[str, int] = {}
    problems: list[Problem] = []

    def visit(key: str, path: list[str]) -> None:
        state[key] = 1
        for ref in sorted(parsed[key].refs):
            if ref == key or ref not in parsed:
                continue
            if state.get(ref) == 1:
                cycle = [*path[path.index(ref) :], ref]
                problems.append(
                    Problem(f"{where}[{ref}]", "formulas refer to each other: " + " → ".join(cycle))
                )
            elif ref not in state:
                visit(ref, [*path, ref])
        state[key] = 2

    for key in sorted(parsed):
        if key not in state:
            visit(key, [key])
    return problems


def evaluation_order(parsed: Mapping[str, Formula]) -> tuple[str, ...]:
    """Computed keys ordered so each comes after the computed keys it uses (acyclic input)."""
    order: list[str] = []
    seen: set[str] = set()

    def visit(key: str) -> None:
        if key in seen:
            return
        seen.add(key)
        for ref in sorted(parsed[key].refs):
            if ref in parsed:
                visit(ref)
        order.append(key)

    for key in sorted(parsed):
        visit(key)
    return tuple(order)


# --- roll-ups ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class RollUp:
    """A number across sites (or teams) that never hides a weak one.

    ``worst`` lists the weakest sites first (by the goal's direction); ``missing`` names
    the sites with no number (they are not zeros and not left out); the spread is min,
    quartiles and max of the numbers present.
    """

    count: int
    present: int
    missing: tuple[str, ...]
    total: Decimal | None
    mean: Decimal | None
    minimum: Decimal | None
    q1: Decimal | None
    median: Decimal | None
    q3: Decimal | None
    maximum: Decimal | None
    red: tuple[str, ...]
    worst: tuple[tuple[str, Decimal], ...] = field(default=())


def roll_up(values: Mapping[str, Decimal | None], goal: Goal, *, worst: int = 5) -> RollUp:
    """Roll numbers per site up into one :class:`RollUp` (sites keyed by name)."""
    present = {k: v for k, v in values.items() if v is not None}
    missing = tuple(sorted(k for k, v in values.items() if v is None))
    numbers = sorted(present.values())
    red = tuple(sorted(k for k, v in present.items() if goal.status(v) is Status.RED))
    if not numbers:
        return RollUp(len(values), 0, missing, None, None, None, None, None, None, None, red)
    total = sum(numbers, Decimal(0))
    if len(numbers) >= 2:
        q1, median, q3 = (
            Decimal(str(q)).quantize(Decimal("0.01"))
            for q in statistics.quantiles(numbers, n=4, method="inclusive")
        )
    else:
        q1 = median = q3 = numbers[0]
    # Weakest first: lowest when higher is better, highest when lower is better; with no
    # direction, red sites first then by distance from the goal's low bound.
    direction = goal.higher_is_better
    if direction is True:
        ranked = sorted(present.items(), key=lambda kv: (kv[1], kv[0]))
    elif direction is False:
        ranked = sorted(present.items(), key=lambda kv: (-kv[1], kv[0]))
    else:
        anchor = goal.low if goal.low is not None else Decimal(0)
        ranked = sorted(
            present.items(),
            key=lambda kv: (goal.status(kv[1]) is not Status.RED, -abs(kv[1] - anchor), kv[0]),
        )
    return RollUp(
        count=len(values),
        present=len(numbers),
        missing=missing,
        total=total,
        mean=(total / len(numbers)).quantize(Decimal("0.01")),
        minimum=numbers[0],
        q1=q1,
        median=median,
        q3=q3,
        maximum=numbers[-1],
        red=red,
        worst=tuple(ranked[:worst]),
    )


# --- pulse ------------------------------------------------------------------------------

#: Fewer answers than this are never shown to anyone but the person who gave them.
PULSE_MIN_ANSWERS = 3


@dataclass(frozen=True, slots=True)
class PulseAggregate:
    """The mean pulse of a group, or ``None`` fields when fewer than the minimum answered."""

    answers: int
    peers: Decimal | None
    reports: Decimal | None
    manager: Decimal | None

    @property
    def shown(self) -> bool:
        """Whether the group is big enough to show."""
        return self.answers >= PULSE_MIN_ANSWERS


def pulse_aggregate(
    answers: Sequence[tuple[int, int | None, int | None]],
) -> PulseAggregate:
    """Means of (peers, reports, manager) answers; withheld below :data:`PULSE_MIN_ANSWERS`.

    Each part also needs the minimum on its own, so a single manager's "reports" answer
    in a team is never shown.
    """

    def mean(xs: list[int]) -> Decimal | None:
        if len(xs) < PULSE_MIN_ANSWERS:
            return None
        return (Decimal(sum(xs)) / len(xs)).quantize(Decimal("0.1"))

    n = len(answers)
    if n < PULSE_MIN_ANSWERS:
        return PulseAggregate(n, None, None, None)
    return PulseAggregate(
        n,
        mean([a[0] for a in answers]),
        mean([a[1] for a in answers if a[1] is not None]),
        mean([a[2] for a in answers if a[2] is not None]),
    )
