"""The card editor's inline forms: which parts each section edits, and reading a post.

A post becomes the ``changes`` mapping of :func:`practiceos.rolecards.services.update_card`
in the role-card schema's plain-data form; numbers stay as typed so the schema names a
bad one ("'eighty' is not a number") instead of the form guessing.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.http import QueryDict

from practiceos.core.model import LEVELS
from practiceos.core.problems import Problem
from practiceos.core.rolecards import (
    FOCUS_LABELS,
    LIMITS,
    UNIT_LABELS,
    Direction,
    RoleCard,
    ScheduleUnit,
    Unit,
)

MAX_POST_FIELD = 5_000  # characters of one posted field
MAX_ROWS = 40  # expectation rows one post may carry


@dataclass(frozen=True)
class Section:
    """One block of the card, edited in place: its name, heading and the parts it changes."""

    name: str
    heading: str
    parts: tuple[str, ...]


SECTIONS: dict[str, Section] = {
    s.name: s
    for s in (
        Section("purpose", "Purpose", ("purpose",)),
        Section("responsibilities", "Responsibilities", ("responsibilities",)),
        Section("decisions", "Decision rights", ("decides", "proposes")),
        Section("good", "What good looks like", ("what_good_looks_like",)),
        Section("expectations", "Expectations by level", ("expectations",)),
        Section("schedule", "Schedule and case mix", ("schedule",)),
        Section("leading", "Management focus and supervision", ("management_focus", "supervision")),
        Section("track", "Career track", ("track",)),
    )
}

UNIT_CHOICES = [(u.value, UNIT_LABELS[u]) for u in Unit]
DIRECTION_CHOICES = [
    (Direction.AT_LEAST.value, "at least (higher is better)"),
    (Direction.AT_MOST.value, "at most (lower is better)"),
]
FOCUS_CHOICES = [("", "None named")] + [(f.value, label) for f, label in FOCUS_LABELS.items()]
SCHEDULE_UNITS = [(u.value, f"{u.value} a week") for u in ScheduleUnit]


def _text(post: QueryDict, key: str) -> str:
    return str(post.get(key, ""))[:MAX_POST_FIELD].strip()


def _lines(post: QueryDict, key: str) -> list[str]:
    return [line.strip() for line in _text(post, key).splitlines() if line.strip()]


def expectation_rows(card: RoleCard) -> list[dict[str, Any]]:
    """The card's expectations as one row per measurable with a target per level."""
    rows: dict[str, dict[str, Any]] = {}
    for e in card.expectations:
        key = e.measurable.casefold()
        row = rows.setdefault(
            key,
            {
                "measurable": e.measurable,
                "unit": e.unit.value,
                "unit_label": UNIT_LABELS[e.unit],
                "direction": e.direction.value,
                "word": "at least" if e.direction is Direction.AT_LEAST else "at most",
                "targets": {},
            },
        )
        row["targets"][e.level.value] = f"{e.target:g}"
    for row in rows.values():
        row["cells"] = [row["targets"].get(level, "") for level in LEVELS]
    return list(rows.values())


def _expectations(post: QueryDict, problems: list[Problem]) -> list[dict[str, Any]]:
    names = post.getlist("measurable")[:MAX_ROWS]
    units, directions = post.getlist("unit"), post.getlist("direction")
    columns = {level: post.getlist(level) for level in LEVELS}
    out: list[dict[str, Any]] = []
    for i, raw in enumerate(names):
        name = str(raw)[: LIMITS.measurable + 1].strip()
        if not name:
            continue  # a blank row is how a measurable is removed
        targets = {
            level: str(values[i]).strip()
            for level, values in columns.items()
            if i < len(values) and str(values[i]).strip()
        }
        if not targets:
            problems.append(
                Problem(f"expectations[{i}]", f'"{name}" needs a target for at least one level')
            )
            continue
        out.append(
            {
                "measurable": name,
                "unit": str(units[i]) if i < len(units) else "",
                "direction": str(directions[i]) if i < len(directions) else "",
                "targets": targets,
            }
        )
    return out


def _schedule(post: QueryDict, problems: list[Problem]) -> dict[str, Any] | None:
    data: dict[str, Any] = {"unit": _text(post, "schedule_unit") or ScheduleUnit.SESSIONS.value}
    for key in ("clinic", "theatre", "procedures", "on_call"):
        value = _text(post, key)
        if value:
            data[key] = value
    cases = _lines(post, "case_types")
    if cases:
        data["case_types"] = cases
    turnaround = []
    for n, line in enumerate(_lines(post, "turnaround"), 1):
        item, sep, hours = line.rpartition("|")
        if not sep or not item.strip():
            problems.append(
                Problem(
                    "schedule.turnaround",
                    f'line {n} "{line[:60]}" is not "what | hours"; write e.g. "Clinic notes | 24"',
                )
            )
            continue
        turnaround.append({"item": item.strip(), "hours": hours.strip()})
    if turnaround:
        data["turnaround"] = turnaround
    return data if len(data) > 1 else None


def changes_from_post(section: Section, post: QueryDict) -> tuple[dict[str, Any], list[Problem]]:
    """The card changes a section's form posted, and problems the form itself finds."""
    problems: list[Problem] = []
    changes: dict[str, Any] = {}
    for part in section.parts:
        if part in ("responsibilities", "decides", "proposes"):
            changes[part] = _lines(post, part)
        elif part == "expectations":
            changes[part] = _expectations(post, problems)
        elif part == "schedule":
            changes[part] = _schedule(post, problems)
        elif part == "track":
            changes[part] = {
                level: {
                    "scope": _text(post, f"scope_{level}"),
                    "pay_band": _text(post, f"band_{level}"),
                }
                for level in LEVELS
                if _text(post, f"scope_{level}") or _text(post, f"band_{level}")
            } or None
        else:
            changes[part] = _text(post, part)
    return changes, problems


def _num(value: float) -> str:
    return f"{value:g}" if value else ""


def initial_values(card: RoleCard) -> dict[str, Any]:
    """What the section forms show for ``card``: list parts one per line, expectation rows
    with one blank row to add a measurable."""
    s = card.schedule
    rows = [
        {
            "measurable": r["measurable"],
            "unit": r["unit"],
            "direction": r["direction"],
            "cells": r["cells"],
        }
        for r in expectation_rows(card)
    ]
    rows.append(_blank_row())
    return {
        "purpose": card.purpose,
        "responsibilities": "\n".join(card.responsibilities),
        "decides": "\n".join(card.decides),
        "proposes": "\n".join(card.proposes),
        "what_good_looks_like": card.what_good_looks_like,
        "rows": rows,
        "schedule_unit": s.unit.value if s else ScheduleUnit.SESSIONS.value,
        "clinic": _num(s.clinic) if s else "",
        "theatre": _num(s.theatre) if s else "",
        "procedures": _num(s.procedures) if s else "",
        "on_call": _num(s.on_call) if s else "",
        "case_types": "\n".join(s.case_types) if s else "",
        "turnaround": "\n".join(f"{t.item} | {t.hours:g}" for t in s.turnaround) if s else "",
        "management_focus": card.management_focus.value if card.management_focus else "",
        "supervision": card.supervision,
        "track_rows": [
            {
                "level": level,
                "scope": next((t.scope for t in card.track if t.level.value == level), ""),
                "pay_band": next((t.pay_band for t in card.track if t.level.value == level), ""),
            }
            for level in LEVELS
        ],
    }


def _blank_row() -> dict[str, Any]:
    return {
        "measurable": "",
        "unit": Unit.COUNT.value,
        "direction": Direction.AT_LEAST.value,
        "cells": ["", "", ""],
    }


def posted_values(post: QueryDict) -> dict[str, Any]:
    """What the user typed, to show again beside the problems."""
    out: dict[str, Any] = {
        key: str(post.get(key, ""))[:MAX_POST_FIELD]
        for key in (
            "purpose",
            "responsibilities",
            "decides",
            "proposes",
            "what_good_looks_like",
            "schedule_unit",
            "clinic",
            "theatre",
            "procedures",
            "on_call",
            "case_types",
            "turnaround",
            "management_focus",
            "supervision",
        )
    }
    names = post.getlist("measurable")[:MAX_ROWS]
    units, directions = post.getlist("unit"), post.getlist("direction")
    columns = [post.getlist(level) for level in LEVELS]
    out["track_rows"] = [
        {
            "level": level,
            "scope": str(post.get(f"scope_{level}", ""))[:MAX_POST_FIELD],
            "pay_band": str(post.get(f"band_{level}", ""))[:MAX_POST_FIELD],
        }
        for level in LEVELS
    ]
    out["rows"] = [
        {
            "measurable": str(name)[:MAX_POST_FIELD],
            "unit": str(units[i]) if i < len(units) else "",
            "direction": str(directions[i]) if i < len(directions) else "",
            "cells": [str(col[i])[:40] if i < len(col) else "" for col in columns],
        }
        for i, name in enumerate(names)
    ] or [_blank_row()]
    return out
