"""The measurable library: weekly numbers practices keep, per field of practice.

Data files under ``core/data/measurables/*.yaml`` (one per field of practice), read through
one validated schema (:func:`parse_library_file`): every problem is reported with its
file and entry, all at once. A practice adds a measurable from the library to a team's
scorecard and then owns its copy (the wording and goal are theirs to change).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import cache
from importlib import resources
from typing import Any

import yaml

from practiceos.core.model import SeatKind
from practiceos.core.problems import InputError, Problem
from practiceos.core.scorecard import Cadence, Operator, Unit, goal_problems

NORMALISE = ("none", "per_provider_hour", "per_provider_day")
_ID = re.compile(r"^[a-z0-9][a-z0-9-]{2,79}$")
_KEYS = {
    "id",
    "name",
    "unit",
    "operator",
    "goal",
    "goal_high",
    "cadence",
    "normalise",
    "owner_kind",
    "description",
    "source",
}


@dataclass(frozen=True, slots=True)
class LibraryMeasurable:
    """One library entry: what to count, its unit, operator, a typical goal and its source.

    ``source`` names where the typical goal is published; empty when it is a rule of thumb
    the practice should set for itself.
    """

    id: str
    field: str
    name: str
    unit: Unit
    operator: Operator
    goal: Decimal | None
    goal_high: Decimal | None
    cadence: Cadence
    normalise: str
    owner_kind: SeatKind | None
    description: str
    source: str

    @property
    def key(self) -> str:
        """A default short key for formulas and uploads (the id without its field prefix)."""
        return self.id[:60]


@dataclass(frozen=True, slots=True)
class LibraryField:
    """The library of one field of practice (``dental``, ``medical`` ...)."""

    field: str
    title: str
    measurables: tuple[LibraryMeasurable, ...]


def _decimal(value: Any, where: str, problems: list[Problem]) -> Decimal | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float, str)):
        problems.append(Problem(where, f"{value!r} is not a number"))
        return None
    try:
        return Decimal(str(value))
    except InvalidOperation:
        problems.append(Problem(where, f"{value!r} is not a number"))
        return None


def _text(
    entry: Mapping[str, Any], key: str, where: str, problems: list[Problem], limit: int
) -> str:
    value = entry.get(key, "")
    if value is None:
        value = ""
    if not isinstance(value, str):
        problems.append(Problem(f"{where}.{key}", f"{value!r} is not text"))
        return ""
    if len(value) > limit:
        problems.append(Problem(f"{where}.{key}", f"is {len(value)} characters; at most {limit}"))
    return value.strip()


def _choice(value: Any, accepted: tuple[str, ...], where: str, problems: list[Problem]) -> str:
    if value not in accepted:
        problems.append(
            Problem(where, f"{value!r} is not accepted; use one of {', '.join(accepted)}")
        )
        return accepted[0]
    return str(value)


def _entry(raw: Any, field: str, where: str, problems: list[Problem]) -> LibraryMeasurable | None:
    if not isinstance(raw, Mapping):
        problems.append(Problem(where, "must be a mapping of id, name, unit, operator, goal ..."))
        return None
    start = len(problems)
    for key in sorted(set(raw) - _KEYS):
        problems.append(
            Problem(f"{where}.{key}", f"is not a known key; accepted: {', '.join(sorted(_KEYS))}")
        )
    ident = raw.get("id")
    if not isinstance(ident, str) or not _ID.match(ident):
        problems.append(
            Problem(f"{where}.id", f"{ident!r} is not an id (lower-case letters, digits, dashes)")
        )
        ident = ""
    name = _text(raw, "name", where, problems, 160)
    if not name:
        problems.append(Problem(f"{where}.name", "is required"))
    unit = Unit(_choice(raw.get("unit"), tuple(u.value for u in Unit), f"{where}.unit", problems))
    operator = Operator(
        _choice(
            raw.get("operator"), tuple(o.value for o in Operator), f"{where}.operator", problems
        )
    )
    cadence = Cadence(
        _choice(
            raw.get("cadence", "weekly"),
            tuple(c.value for c in Cadence),
            f"{where}.cadence",
            problems,
        )
    )
    normalise = _choice(raw.get("normalise", "none"), NORMALISE, f"{where}.normalise", problems)
    kind_raw = raw.get("owner_kind")
    kind = None
    if kind_raw is not None:
        kind = SeatKind(
            _choice(kind_raw, tuple(k.value for k in SeatKind), f"{where}.owner_kind", problems)
        )
    goal = _decimal(raw.get("goal"), f"{where}.goal", problems)
    high = _decimal(raw.get("goal_high"), f"{where}.goal_high", problems)
    problems.extend(goal_problems(unit, operator, goal, high, where=f"{where}.goal"))
    if len(problems) > start:
        return None
    return LibraryMeasurable(
        id=ident,
        field=field,
        name=name,
        unit=unit,
        operator=operator,
        goal=goal,
        goal_high=high,
        cadence=cadence,
        normalise=normalise,
        owner_kind=kind,
        description=_text(raw, "description", where, problems, 500),
        source=_text(raw, "source", where, problems, 300),
    )


def parse_library_file(text: str, filename: str) -> LibraryField:
    """Validate one library file; raise :class:`InputError` listing every problem."""
    problems: list[Problem] = []
    try:
        doc = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise InputError([Problem(filename, f"is not valid YAML: {exc}")]) from None
    if not isinstance(doc, Mapping):
        raise InputError([Problem(filename, "must be a mapping with field, title and measurables")])
    field = doc.get("field")
    if not isinstance(field, str) or not re.match(r"^[a-z_]{2,40}$", field):
        problems.append(
            Problem(f"{filename}: field", f"{field!r} is not a field name (lower-case words)")
        )
        field = ""
    title = doc.get("title")
    if not isinstance(title, str) or not title.strip():
        problems.append(Problem(f"{filename}: title", "is required"))
    raw_items = doc.get("measurables")
    if not isinstance(raw_items, list) or not raw_items:
        problems.append(Problem(f"{filename}: measurables", "must be a non-empty list"))
        raw_items = []
    items: list[LibraryMeasurable] = []
    seen: set[str] = set()
    for i, raw in enumerate(raw_items):
        where = f"{filename}: measurables[{i}]"
        entry = _entry(raw, field, where, problems)
        if entry is None:
            continue
        if entry.id in seen:
            problems.append(Problem(f"{where}.id", f"{entry.id!r} appears twice"))
        seen.add(entry.id)
        items.append(entry)
    if problems:
        raise InputError(problems)
    return LibraryField(field, str(title).strip(), tuple(items))


@cache
def library() -> tuple[LibraryField, ...]:
    """Every field's library, read once from the package's data files (validated)."""
    folder = resources.files("practiceos.core").joinpath("data", "measurables")
    fields: list[LibraryField] = []
    problems: list[Problem] = []
    ids: set[str] = set()
    for item in sorted(folder.iterdir(), key=lambda p: p.name):
        if not item.name.endswith(".yaml"):
            continue
        try:
            parsed = parse_library_file(item.read_text(encoding="utf-8"), item.name)
        except InputError as exc:
            problems.extend(exc.problems)
            continue
        for m in parsed.measurables:
            if m.id in ids:
                problems.append(Problem(item.name, f"{m.id!r} is also in another file"))
            ids.add(m.id)
        fields.append(parsed)
    if problems:
        raise InputError(problems)
    return tuple(fields)


def library_entry(entry_id: str) -> LibraryMeasurable | None:
    """The library entry with ``entry_id``, or None."""
    for lib in library():
        for m in lib.measurables:
            if m.id == entry_id:
                return m
    return None
