"""The style advisor: which way of leading fits this person and this moment (DESIGN §1, 8).

Given a person's readiness for a task (competence, commitment, confidence, time in role)
and the situation (a crisis, a new direction, a change to how work is done, routine work,
development, conflict or stress), :func:`advise` recommends one of Goleman's six styles and
the matching Hersey–Blanchard style, with a plain explanation, the style's effect on the
team's climate and the risk of overusing it. :func:`change_sequence` lays out a change
initiative as three phases with suggested dates: set the direction, shape it together,
hand it over.

The style descriptions are data (``core/data/leadership_styles.yaml``), read once through
:func:`load_styles`; the choice is the logic below. Sources are cited in
``docs/style-advisor.md``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum
from functools import cache
from pathlib import Path
from typing import TypeVar

import yaml

from practiceos.core.problems import InputError, Problem

STYLES_FILE = Path(__file__).parent / "data" / "leadership_styles.yaml"


class Competence(StrEnum):
    """How well the person can do the task today."""

    LOW = "low"
    SOME = "some"
    HIGH = "high"


class Commitment(StrEnum):
    """How much the person wants to do the task (motivation)."""

    LOW = "low"
    VARIABLE = "variable"
    HIGH = "high"


class Situation(StrEnum):
    """What the conversation is about."""

    CRISIS = "crisis"  # a crisis or an urgent safety issue
    NEW_DIRECTION = "new_direction"  # a new direction or standard
    PROCESS_CHANGE = "process_change"  # a change to how work is done
    ROUTINE = "routine"  # routine work
    DEVELOPMENT = "development"  # growing the person
    CONFLICT = "conflict"  # conflict or stress

    @property
    def label(self) -> str:
        """The situation in words, for forms and explanations."""
        return SITUATION_LABELS[self]


SITUATION_LABELS: dict[Situation, str] = {
    Situation.CRISIS: "a crisis or urgent safety issue",
    Situation.NEW_DIRECTION: "a new direction",
    Situation.PROCESS_CHANGE: "a change to how work is done",
    Situation.ROUTINE: "routine work",
    Situation.DEVELOPMENT: "development",
    Situation.CONFLICT: "conflict or stress",
}


class Goleman(StrEnum):
    """Goleman's six leadership styles."""

    COERCIVE = "coercive"
    AUTHORITATIVE = "authoritative"
    AFFILIATIVE = "affiliative"
    DEMOCRATIC = "democratic"
    PACESETTING = "pacesetting"
    COACHING = "coaching"


class HerseyBlanchard(StrEnum):
    """Hersey and Blanchard's four situational styles (S1-S4)."""

    TELLING = "telling"
    SELLING = "selling"
    PARTICIPATING = "participating"
    DELEGATING = "delegating"


class Approach(StrEnum):
    """The four approaches DESIGN §1 principle 8 names."""

    DIRECTIVE = "directive"
    COACHING = "coaching"
    PARTICIPATIVE = "participative"
    DELEGATING = "delegating"


# Hersey–Blanchard style -> the DESIGN approach it is.
_APPROACH: dict[HerseyBlanchard, Approach] = {
    HerseyBlanchard.TELLING: Approach.DIRECTIVE,
    HerseyBlanchard.SELLING: Approach.COACHING,
    HerseyBlanchard.PARTICIPATING: Approach.PARTICIPATIVE,
    HerseyBlanchard.DELEGATING: Approach.DELEGATING,
}

#: Months in a role before someone stops counting as new to it.
NEW_IN_ROLE_MONTHS = 3


@dataclass(frozen=True, slots=True)
class Readiness:
    """A person's readiness for one task: able (competence) and willing (commitment,
    confidence), and how long they have been in the role."""

    competence: Competence
    commitment: Commitment
    confident: bool
    months_in_role: int

    @property
    def level(self) -> int:
        """Hersey–Blanchard readiness R1-R4.

        R4: able, committed and confident. R3: able but unsure or unwilling. R2: not yet
        able but willing and confident. R1: not yet able and new, unwilling or insecure
        (new staff count as R1 until they are able: directive with new staff).
        """
        if self.competence is Competence.HIGH:
            if self.commitment is Commitment.HIGH and self.confident:
                return 4
            return 3
        new = self.months_in_role < NEW_IN_ROLE_MONTHS
        if new or self.commitment is Commitment.LOW or not self.confident:
            return 1
        return 2


@dataclass(frozen=True, slots=True)
class StyleText:
    """What one style is, from the styles data file."""

    key: str
    label: str
    approach: str
    what: str
    fits: str = ""
    climate: str = ""
    overuse: str = ""


@dataclass(frozen=True, slots=True)
class Styles:
    """Every style's description, keyed by style."""

    goleman: dict[Goleman, StyleText]
    hersey_blanchard: dict[HerseyBlanchard, StyleText]


@dataclass(frozen=True, slots=True)
class Advice:
    """The recommendation: the two styles, the approach, and why, in plain words."""

    situation: Situation
    readiness_level: int
    goleman: Goleman
    hersey_blanchard: HerseyBlanchard
    approach: Approach
    why: str
    what_to_do: str
    climate: str
    overuse_risk: str

    def to_dict(self) -> dict[str, object]:
        """The JSON form (the API's answer)."""
        return {
            "situation": self.situation.value,
            "readiness_level": self.readiness_level,
            "goleman": self.goleman.value,
            "hersey_blanchard": self.hersey_blanchard.value,
            "approach": self.approach.value,
            "why": self.why,
            "what_to_do": self.what_to_do,
            "climate": self.climate,
            "overuse_risk": self.overuse_risk,
        }


_READINESS_WORDS = {
    1: "not yet able to do this on their own and new, unsure or unwilling (R1)",
    2: "not yet fully able but willing and confident (R2)",
    3: "able, but unsure or not fully committed (R3)",
    4: "able, committed and confident (R4)",
}


def _choose(situation: Situation, level: int) -> tuple[Goleman, HerseyBlanchard, str]:
    """The two styles for a situation and readiness level, and the reason in one sentence."""
    g, hb = Goleman, HerseyBlanchard
    if situation is Situation.CRISIS:
        return (
            g.COERCIVE,
            hb.TELLING,
            "in a crisis or a safety issue one clear voice protects patients and staff; "
            "discussion comes after",
        )
    if situation is Situation.NEW_DIRECTION:
        return (
            g.AUTHORITATIVE,
            hb.TELLING if level == 1 else hb.SELLING,
            "a new direction needs someone to say where the team is going and why before "
            "anyone can shape how",
        )
    if situation is Situation.PROCESS_CHANGE:
        if level >= 3:
            return (
                g.DEMOCRATIC,
                hb.PARTICIPATING,
                "experienced people know the work better than anyone; a change to how it is "
                "done goes better, and sticks, when they shape it",
            )
        if level == 2:
            return (
                g.COACHING,
                hb.SELLING,
                "the person is willing but still learning the work, so explain the change "
                "and help them practise it",
            )
        return (
            g.AUTHORITATIVE,
            hb.TELLING,
            "someone new to the work needs the new way spelled out, and why it changed",
        )
    if situation is Situation.CONFLICT:
        return (
            g.AFFILIATIVE,
            hb.SELLING if level == 1 else hb.PARTICIPATING,
            "after conflict or a hard stretch, trust and energy come back before performance "
            "can be discussed",
        )
    if situation is Situation.DEVELOPMENT:
        return (
            g.COACHING,
            {1: hb.SELLING, 2: hb.SELLING, 3: hb.PARTICIPATING, 4: hb.DELEGATING}[level],
            "growth comes from trying, reflecting and trying again with someone invested "
            "in the person",
        )
    # Routine work: match the person's readiness.
    return {
        1: (
            g.AUTHORITATIVE,
            hb.TELLING,
            "someone new to routine work needs clear steps and the reason behind them",
        ),
        2: (
            g.COACHING,
            hb.SELLING,
            "the person is willing and learning; direction with encouragement builds the skill",
        ),
        3: (
            g.DEMOCRATIC,
            hb.PARTICIPATING,
            "the person can do the work; involving them in decisions builds the confidence "
            "or commitment that is missing",
        ),
        4: (
            g.PACESETTING,
            hb.DELEGATING,
            "a capable, committed person does routine work best when it is handed over "
            "with a clear standard",
        ),
    }[level]


def advise(readiness: Readiness, situation: Situation, styles: Styles | None = None) -> Advice:
    """Recommend a leadership style for ``readiness`` in ``situation``, explained."""
    styles = styles or load_styles()
    level = readiness.level
    goleman, hb, reason = _choose(situation, level)
    g_text = styles.goleman[goleman]
    hb_text = styles.hersey_blanchard[hb]
    approach = _APPROACH[hb]
    why = (
        f"For {situation.label}, with a person {_READINESS_WORDS[level]}: {reason}. "
        f"That is the {g_text.label} style (Goleman) and {hb_text.label} (Hersey–Blanchard): "
        f"a {approach.value} approach."
    )
    if situation is Situation.CRISIS and level >= 3:
        why += " Experienced staff accept this for the emergency; go back to involving them after."
    return Advice(
        situation=situation,
        readiness_level=level,
        goleman=goleman,
        hersey_blanchard=hb,
        approach=approach,
        why=why,
        what_to_do=f"{g_text.what} {hb_text.what}",
        climate=g_text.climate,
        overuse_risk=g_text.overuse,
    )


# ---- a change initiative as three phases ---------------------------------------------------


@dataclass(frozen=True, slots=True)
class Phase:
    """One phase of a change: its approach, styles, dates and what happens."""

    name: str
    approach: Approach
    goleman: Goleman
    hersey_blanchard: HerseyBlanchard
    start: dt.date
    end: dt.date
    what: str


def change_sequence(start: dt.date, readiness: Readiness) -> tuple[Phase, ...]:
    """A change initiative as set the direction, shape it together, hand it over.

    Phase lengths follow the team's readiness: the less ready, the longer each phase
    (2/4/4 weeks for R4 up to 3/8/8 weeks for R1), because people new to the work need
    longer to take it over.
    """
    weeks = {4: (2, 4, 4), 3: (2, 6, 6), 2: (3, 6, 8), 1: (3, 8, 8)}[readiness.level]
    plan = (
        (
            "Set the direction",
            Approach.DIRECTIVE,
            Goleman.AUTHORITATIVE,
            HerseyBlanchard.TELLING,
            "announce the change, the reason and the date it applies; answer questions",
        ),
        (
            "Shape it together",
            Approach.PARTICIPATIVE,
            Goleman.DEMOCRATIC,
            HerseyBlanchard.PARTICIPATING,
            "ask the people doing the work how to make it work; adjust and decide together",
        ),
        (
            "Hand it over",
            Approach.DELEGATING,
            Goleman.COACHING,
            HerseyBlanchard.DELEGATING,
            "name who owns it from here, agree how results will be seen, check in at the end",
        ),
    )
    phases: list[Phase] = []
    cursor = start
    for (name, approach, goleman, hb, what), length in zip(plan, weeks, strict=True):
        end = cursor + dt.timedelta(weeks=length)
        phases.append(Phase(name, approach, goleman, hb, cursor, end, what))
        cursor = end
    return tuple(phases)


# ---- reading the styles data file ------------------------------------------------------------


def parse_readiness(data: object) -> Readiness:
    """A :class:`Readiness` from plain data (a form or JSON), or :class:`InputError` naming
    each bad field and what is accepted."""
    problems: list[Problem] = []
    if not isinstance(data, dict):
        raise InputError([Problem("body", "must be an object")])

    competence = _member(data, "competence", Competence, problems)
    commitment = _member(data, "commitment", Commitment, problems)
    confident = data.get("confident", True)
    if not isinstance(confident, bool):
        problems.append(Problem("confident", f"{confident!r} is not accepted; use true or false"))
    months = data.get("months_in_role", 12)
    if not isinstance(months, int) or isinstance(months, bool) or not 0 <= months <= 600:
        problems.append(
            Problem("months_in_role", f"{months!r} is not accepted; use a whole number 0-600")
        )
    if problems:
        raise InputError(problems)
    assert competence is not None and commitment is not None  # no problems: both parsed
    return Readiness(competence, commitment, bool(confident), int(months))


E = TypeVar("E", bound=StrEnum)


def _member(
    data: dict[object, object], key: str, kind: type[E], problems: list[Problem]
) -> E | None:
    """The enum member ``data[key]`` names, or ``None`` with a problem naming the key."""
    value = data.get(key)
    for member in kind:
        if member.value == value:
            return member
    accepted = ", ".join(m.value for m in kind)
    problems.append(Problem(key, f"{value!r} is not accepted; use one of {accepted}"))
    return None


def _text(where: str, data: object, key: str, *, required: bool = True) -> str:
    value = data.get(key) if isinstance(data, dict) else None
    if value is None and not required:
        return ""
    if not isinstance(value, str) or not value.strip():
        raise InputError([Problem(f"{where}.{key}", "is required text")])
    return " ".join(value.split())


def parse_styles(data: object, where: str = STYLES_FILE.name) -> Styles:
    """Validate the styles data (every style present, every field text)."""
    if not isinstance(data, dict):
        raise InputError([Problem(where, "must be a mapping with goleman and hersey_blanchard")])
    return Styles(
        goleman=_section(data, "goleman", Goleman, where, full=True),
        hersey_blanchard=_section(data, "hersey_blanchard", HerseyBlanchard, where, full=False),
    )


def _section(
    data: dict[object, object], section: str, kind: type[E], where: str, *, full: bool
) -> dict[E, StyleText]:
    """One section of the styles file: an entry for every member of ``kind``."""
    block = data.get(section)
    if not isinstance(block, dict):
        raise InputError([Problem(f"{where}: {section}", "is missing")])
    missing = sorted({m.value for m in kind} - set(block))
    if missing:
        raise InputError([Problem(f"{where}: {section}", f"lacks {', '.join(missing)}")])
    out: dict[E, StyleText] = {}
    by_value = {m.value: m for m in kind}
    for key, entry in block.items():
        here = f"{where}: {section}.{key}"
        member = by_value.get(key)
        if member is None:
            raise InputError([Problem(here, "is not a known style")])
        approach = _text(here, entry, "approach")
        if approach not in {a.value for a in Approach}:
            raise InputError([Problem(f"{here}.approach", f"{approach!r} is not an approach")])
        out[member] = StyleText(
            key=str(key),
            label=_text(here, entry, "label"),
            approach=approach,
            what=_text(here, entry, "what"),
            fits=_text(here, entry, "fits", required=full),
            climate=_text(here, entry, "climate", required=full),
            overuse=_text(here, entry, "overuse", required=full),
        )
    return out


@cache
def load_styles() -> Styles:
    """The styles data file, validated (read once per process)."""
    return parse_styles(yaml.safe_load(STYLES_FILE.read_text(encoding="utf-8")))
