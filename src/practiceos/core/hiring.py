"""Hiring for values and seat fit in pure Python: the role card a plan is built from, the
structured interview kit, the interview score scale, the side-by-side of candidates and
the vacancy facts the health rule ``seat-vacant-without-plan`` reads.

The question wording is a data file (``core/data/interview_questions.yaml``) read through
one validated schema (:func:`parse_question_library`); :func:`build_kit` fills it from a
plan's role card and the practice's core values. Nothing here imports Django.
"""

from __future__ import annotations

import datetime as dt
import string
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from practiceos.core.problems import InputError, Problem
from practiceos.core.reviews import Rating

#: Bounds on what a practice may write about a plan and its candidates.
MAX_NAME = 160
MAX_CONTACT = 200
MAX_NOTES = 4000
MAX_VALUES = 12
#: The longest reason for closing a plan without a hire.
MAX_CLOSE_REASON = 500
#: What an erased candidate is called; everything personal about them is blanked.
ERASED_NAME = "Erased candidate"

_LIBRARY_FILE = Path(__file__).with_name("data") / "interview_questions.yaml"


class PlanStatus(StrEnum):
    """A hiring plan is open (interviewing), filled (someone was hired) or closed unfilled."""

    OPEN = "open"
    FILLED = "filled"
    CLOSED = "closed"


#: An interviewer's score of a candidate on one core value: the same +, +/−, − scale the
#: practice rates its people on in reviews (``core.reviews.Rating``), so one enum serves both.
Mark = Rating


#: The marks as a sentence for error messages.
ACCEPTED_MARKS = "+, +/- or - (also written +/− and −)"
_MARK_SPELLINGS = {"+": Mark.PLUS, "+/-": Mark.MIXED, "+/−": Mark.MIXED, "-": Mark.MINUS}
_MARK_SPELLINGS["−"] = Mark.MINUS
#: The three seat-fit questions, in the order pages show them.
GWC: tuple[tuple[str, str], ...] = (
    ("gets_it", "Gets it"),
    ("wants_it", "Wants it"),
    ("capacity", "Capacity to do it"),
)


def parse_mark(value: object, where: str) -> Mark:
    """``value`` as a :class:`Mark`; an :class:`InputError` naming ``where`` and the
    accepted values otherwise."""
    mark = _MARK_SPELLINGS.get(str(value).strip()) if isinstance(value, str) else None
    if mark is None:
        raise InputError([Problem(where, f"must be {ACCEPTED_MARKS}, got {value!r}"[:200])])
    return mark


def parse_yes_no(value: object, where: str) -> bool:
    """A yes/no answer (``True``/``False`` or the words yes/no/true/false)."""
    if isinstance(value, bool):
        return value
    word = {"yes": True, "true": True, "no": False, "false": False}.get(str(value).lower())
    if word is None:
        raise InputError([Problem(where, f"must be yes or no, got {value!r}"[:200])])
    return word


# --- the question library -------------------------------------------------------------


class Section(StrEnum):
    """What a kit question is about."""

    VALUE = "value"
    RESPONSIBILITY = "responsibility"
    EXPECTATION = "expectation"


#: The library's section keys, and the placeholders each section may use.
_SECTION_KEYS: dict[str, Section] = {
    "values": Section.VALUE,
    "responsibilities": Section.RESPONSIBILITY,
    "expectations": Section.EXPECTATION,
}
PLACEHOLDERS: dict[Section, frozenset[str]] = {
    Section.VALUE: frozenset({"value", "behaviour"}),
    Section.RESPONSIBILITY: frozenset({"responsibility", "role"}),
    Section.EXPECTATION: frozenset({"expectation", "role"}),
}
_PARTS = ("question", "strong", "weak")


@dataclass(frozen=True, slots=True)
class Wording:
    """One question template with what a strong and a weak answer sound like."""

    question: str
    strong: str
    weak: str


@dataclass(frozen=True, slots=True)
class QuestionLibrary:
    """Wordings per section; the kit uses each section's wordings in turn."""

    values: tuple[Wording, ...]
    responsibilities: tuple[Wording, ...]
    expectations: tuple[Wording, ...]

    def wordings(self, section: Section) -> tuple[Wording, ...]:
        """The wordings of ``section``."""
        return {
            Section.VALUE: self.values,
            Section.RESPONSIBILITY: self.responsibilities,
            Section.EXPECTATION: self.expectations,
        }[section]


def _placeholders(text: str) -> set[str] | None:
    """The names in braces in ``text``; None when the braces do not parse."""
    try:
        return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}
    except ValueError:
        return None


def _wording(entry: object, where: str, section: Section, problems: list[Problem]) -> Wording:
    if not isinstance(entry, Mapping):
        problems.append(Problem(where, "must be a mapping with question, strong and weak"))
        return Wording("", "", "")
    extra = set(map(str, entry)) - set(_PARTS)
    if extra:
        problems.append(Problem(where, f"unknown keys {sorted(extra)}; accepted: {_PARTS}"))
    parts: list[str] = []
    allowed = PLACEHOLDERS[section]
    for part in _PARTS:
        text = entry.get(part)
        if not isinstance(text, str) or not text.strip():
            problems.append(Problem(f"{where}.{part}", f"must be non-empty text, got {text!r}"))
            parts.append("")
            continue
        names = _placeholders(text)
        if names is None:
            problems.append(Problem(f"{where}.{part}", "has an unmatched { or }"))
        elif names - allowed:
            problems.append(
                Problem(
                    f"{where}.{part}",
                    f"unknown placeholder {sorted(names - allowed)[0]!r}; "
                    f"accepted: {', '.join(sorted(allowed))}",
                )
            )
        parts.append(" ".join(text.split()))
    return Wording(*parts)


def parse_question_library(
    data: object, source: str = "interview_questions.yaml"
) -> QuestionLibrary:
    """The question library from its parsed YAML, every problem at once, each naming the
    file and the place (``interview_questions.yaml: values[2].strong ...``)."""
    if not isinstance(data, Mapping) or set(map(str, data)) != set(_SECTION_KEYS):
        raise InputError(
            [Problem(source, f"must be a mapping with exactly {', '.join(_SECTION_KEYS)}")]
        )
    problems: list[Problem] = []
    found: dict[str, tuple[Wording, ...]] = {}
    for key, section in _SECTION_KEYS.items():
        items = data[key]
        if not isinstance(items, list) or not items:
            problems.append(Problem(f"{source}: {key}", "must be a non-empty list of wordings"))
            found[key] = ()
            continue
        found[key] = tuple(
            _wording(item, f"{source}: {key}[{i + 1}]", section, problems)
            for i, item in enumerate(items)
        )
    if problems:
        raise InputError(problems)
    return QuestionLibrary(found["values"], found["responsibilities"], found["expectations"])


@cache
def question_library() -> QuestionLibrary:
    """The shipped question library, read once and validated."""
    return parse_question_library(yaml.safe_load(_LIBRARY_FILE.read_text("utf-8")))


# --- the plan's card and the kit ------------------------------------------------------


@dataclass(frozen=True, slots=True)
class PlanCard:
    """What a hiring plan copies from the seat's role card when it is opened, so a later
    edit of the card does not rewrite a running plan: the role's title, purpose,
    responsibilities, the expectations at the level hired (as sentences) and the
    practice's core values as ``(name, behaviour)`` pairs."""

    role: str
    level: str
    purpose: str
    responsibilities: tuple[str, ...]
    expectations: tuple[str, ...]
    values: tuple[tuple[str, str], ...]

    def to_dict(self) -> dict[str, Any]:
        """The JSON form a plan stores."""
        return {
            "role": self.role,
            "level": self.level,
            "purpose": self.purpose,
            "responsibilities": list(self.responsibilities),
            "expectations": list(self.expectations),
            "values": [{"name": n, "behaviour": b} for n, b in self.values],
        }


@dataclass(frozen=True, slots=True)
class KitQuestion:
    """One interview question: its section, what it asks about, and the bar."""

    section: Section
    about: str
    question: str
    strong: str
    weak: str

    def to_dict(self) -> dict[str, str]:
        """The JSON form a plan stores."""
        return {
            "section": self.section.value,
            "about": self.about,
            "question": self.question,
            "strong": self.strong,
            "weak": self.weak,
        }


def _fill(wording: Wording, section: Section, about: str, fields: Mapping[str, str]) -> KitQuestion:
    # Wordings were checked to use only their section's placeholders, so format() is safe.
    return KitQuestion(
        section,
        about,
        wording.question.format(**fields),
        wording.strong.format(**fields),
        wording.weak.format(**fields),
    )


def build_kit(card: PlanCard, library: QuestionLibrary | None = None) -> tuple[KitQuestion, ...]:
    """The structured interview kit for ``card``: one question per core value, then one
    per responsibility, then one per expectation at the level hired, each wording taken in
    turn from the library so neighbouring questions are not asked the same way."""
    lib = library or question_library()
    out: list[KitQuestion] = []
    for i, (name, behaviour) in enumerate(card.values):
        wording = lib.values[i % len(lib.values)]
        fields = {"value": name, "behaviour": behaviour or name}
        out.append(_fill(wording, Section.VALUE, name, fields))
    for i, item in enumerate(card.responsibilities):
        wording = lib.responsibilities[i % len(lib.responsibilities)]
        duty = item[:1].lower() + item[1:].rstrip(".")
        out.append(
            _fill(
                wording, Section.RESPONSIBILITY, item, {"responsibility": duty, "role": card.role}
            )
        )
    for i, item in enumerate(card.expectations):
        wording = lib.expectations[i % len(lib.expectations)]
        out.append(
            _fill(wording, Section.EXPECTATION, item, {"expectation": item, "role": card.role})
        )
    return tuple(out)


# --- the side-by-side -----------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Interview:
    """One interviewer's scores of one candidate: a mark per value name and the three
    seat-fit answers."""

    candidate_id: int
    marks: Mapping[str, Mark]
    gets_it: bool
    wants_it: bool
    capacity: bool


@dataclass(frozen=True, slots=True)
class Cell:
    """One candidate on one value: the marks given, and their average on a 0-2 scale
    (None when nobody scored the value yet)."""

    marks: tuple[Mark, ...]
    average: float | None

    @property
    def percent(self) -> int:
        """The average as a share of the best possible (for the bar picture)."""
        return 0 if self.average is None else round(self.average * 50)

    @property
    def labels(self) -> str:
        """The marks as pages show them (``+ +/−``)."""
        return " ".join(m.label for m in self.marks)


@dataclass(frozen=True, slots=True)
class Column:
    """One candidate in the side-by-side: a cell per value, yes counts of the seat-fit
    questions, how many interviewers scored them, and the overall value average."""

    candidate_id: int
    cells: tuple[Cell, ...]
    gwc: tuple[int, int, int]
    interviewers: int
    average: float | None


def side_by_side(
    values: Sequence[str], candidate_ids: Sequence[int], interviews: Iterable[Interview]
) -> tuple[Column, ...]:
    """The values × candidates grid of one plan, a column per candidate in the order
    given; marks for values the plan does not list are left out."""
    by_candidate: dict[int, list[Interview]] = {c: [] for c in candidate_ids}
    for interview in interviews:
        if interview.candidate_id in by_candidate:
            by_candidate[interview.candidate_id].append(interview)
    columns: list[Column] = []
    for cid in candidate_ids:
        mine = by_candidate[cid]
        cells: list[Cell] = []
        points: list[int] = []
        for value in values:
            marks = tuple(i.marks[value] for i in mine if value in i.marks)
            points.extend(m.points for m in marks)
            average = sum(m.points for m in marks) / len(marks) if marks else None
            cells.append(Cell(marks, average))
        gwc = (
            sum(i.gets_it for i in mine),
            sum(i.wants_it for i in mine),
            sum(i.capacity for i in mine),
        )
        overall = sum(points) / len(points) if points else None
        columns.append(Column(cid, tuple(cells), gwc, len(mine), overall))
    return tuple(columns)


# --- vacancy facts for the health check -----------------------------------------------


@dataclass(frozen=True, slots=True)
class VacancyFact:
    """Since when a seat has had nobody in it (the end of its last assignment, or the day
    the seat was created when nobody ever filled it) and whether it has an open hiring
    plan. ``since`` is None when the source does not know."""

    seat_id: str
    since: dt.date | None
    open_plan: bool


def vacant_too_long(fact: VacancyFact, as_of: dt.date, days: int) -> bool:
    """True when the seat has been vacant more than ``days`` days on ``as_of`` with no
    open plan (an unknown start is never too long: nothing to measure from)."""
    if fact.open_plan or fact.since is None:
        return False
    return (as_of - fact.since).days > days
