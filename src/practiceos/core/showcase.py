"""What the demo practice is given beyond its chart, so a new user trying it finds every
area filled in: a vision with core values, processes adopted from the library (one run as
a checklist) and two candidates scored for a vacant seat's hiring plan.

The content is data (``core/data/showcase.yaml``), read once through
:func:`load_showcase`, which refuses the whole file naming the path, the value and what is
accepted. Pure Python: ``practiceos showcase`` (the web app) writes it through the
services.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from practiceos.core.demo import SPECIALTIES
from practiceos.core.hiring import MAX_NAME, Mark, parse_mark, parse_yes_no
from practiceos.core.measurable_library import library as measurable_library
from practiceos.core.problems import InputError, Problem
from practiceos.core.processes import find_template
from practiceos.core.vision import vision_from_mapping

SHOWCASE_FILE = Path(__file__).parent / "data" / "showcase.yaml"
_KEYS = ("vision", "specialties", "process_owner_words", "checklist", "candidates")
_SPECIALTY_KEYS = ("measurables", "processes")
_CANDIDATE_KEYS = ("name", "marks", "gets_it", "wants_it", "capacity")
#: Longest checklist subject (as ``processes.models.ChecklistRun.subject``).
SUBJECT_MAX = 200


@dataclass(frozen=True, slots=True)
class SpecialtyShowcase:
    """For one specialty: the measurable library field and the process templates."""

    measurables: str
    processes: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class SampleCandidate:
    """A candidate to add and score: marks for the core values in order (repeated when
    there are more values) and the three seat-fit answers."""

    name: str
    marks: tuple[Mark, ...]
    gets_it: bool
    wants_it: bool
    capacity: bool

    def marks_for(self, values: list[str]) -> list[dict[str, str]]:
        """The score's marks for a plan scoring ``values``."""
        return [
            {"value": value, "mark": self.marks[i % len(self.marks)].value}
            for i, value in enumerate(values)
        ]


@dataclass(frozen=True, slots=True)
class Showcase:
    """The whole showcase file, validated. ``vision`` is the mapping the vision service
    takes (already checked by :func:`~practiceos.core.vision.vision_from_mapping`)."""

    vision: Mapping[str, Any]
    specialties: Mapping[str, SpecialtyShowcase]
    owner_words: tuple[str, ...]
    checklist_subject: str
    checklist_steps_done: int
    candidates: tuple[SampleCandidate, ...]

    def for_specialty(self, specialty: str) -> SpecialtyShowcase:
        """The specialty's entry (``dental`` for one the file does not name)."""
        return self.specialties.get(specialty) or self.specialties["dental"]


def _exact_keys(raw: object, keys: tuple[str, ...], where: str, problems: list[Problem]) -> bool:
    if not isinstance(raw, Mapping):
        problems.append(Problem(where, f"must be a mapping with the keys {', '.join(keys)}"))
        return False
    unknown = sorted(str(k) for k in raw if k not in keys)
    missing = [k for k in keys if k not in raw]
    if unknown or missing:
        problems.append(
            Problem(where, f"has keys {unknown} it should not and lacks {missing}; use {keys}")
        )
        return False
    return True


def _words(raw: object, where: str, problems: list[Problem]) -> tuple[str, ...]:
    if (
        not isinstance(raw, list)
        or not raw
        or not all(isinstance(w, str) and w.strip() for w in raw)
    ):
        problems.append(Problem(where, f"must be a non-empty list of words, got {raw!r}"[:200]))
        return ()
    return tuple(w.strip() for w in raw)


def _specialties(raw: object, problems: list[Problem]) -> dict[str, SpecialtyShowcase]:
    if not isinstance(raw, Mapping) or "dental" not in raw:
        problems.append(Problem("specialties", "must be a mapping that includes dental"))
        return {}
    fields = {f.field for f in measurable_library()}
    out: dict[str, SpecialtyShowcase] = {}
    for name, entry in raw.items():
        where = f"specialties.{name}"
        if name not in SPECIALTIES:
            problems.append(Problem(where, f"is not a specialty; use {', '.join(SPECIALTIES)}"))
            continue
        if not _exact_keys(entry, _SPECIALTY_KEYS, where, problems):
            continue
        if entry["measurables"] not in fields:
            problems.append(
                Problem(
                    f"{where}.measurables",
                    f"{entry['measurables']!r} is not a measurable library field; use one "
                    f"of {', '.join(sorted(fields))}",
                )
            )
        templates = _words(entry["processes"], f"{where}.processes", problems)
        for i, template in enumerate(templates, 1):
            if find_template(template) is None:
                problems.append(
                    Problem(f"{where}.processes[{i}]", f"no template {template!r} in the library")
                )
        out[str(name)] = SpecialtyShowcase(str(entry["measurables"]), templates)
    return out


def _candidates(raw: object, problems: list[Problem]) -> tuple[SampleCandidate, ...]:
    if not isinstance(raw, list) or not raw:
        problems.append(Problem("candidates", "must be a non-empty list"))
        return ()
    out = []
    for i, entry in enumerate(raw, 1):
        where = f"candidates[{i}]"
        if not _exact_keys(entry, _CANDIDATE_KEYS, where, problems):
            continue
        name = entry["name"]
        if not isinstance(name, str) or not name.strip() or len(name) > MAX_NAME:
            problems.append(Problem(f"{where}.name", f"must be 1-{MAX_NAME} characters"))
            continue
        marks = entry["marks"]
        if not isinstance(marks, list) or not marks:
            problems.append(Problem(f"{where}.marks", "must be a non-empty list of marks"))
            continue
        try:
            parsed = tuple(parse_mark(m, f"{where}.marks[{j}]") for j, m in enumerate(marks, 1))
            answers = [parse_yes_no(entry[k], f"{where}.{k}") for k in _CANDIDATE_KEYS[2:]]
        except InputError as exc:
            problems.extend(exc.problems)
            continue
        out.append(SampleCandidate(name.strip(), parsed, *answers))
    return tuple(out)


def parse_showcase(data: object, source: str = "showcase.yaml") -> Showcase:
    """Validate the file's data; every problem is reported at once, naming the path."""
    problems: list[Problem] = []
    if not _exact_keys(data, _KEYS, source, problems):
        raise InputError(problems)
    assert isinstance(data, Mapping)
    try:
        vision_from_mapping(data["vision"], prefix="vision.")
    except InputError as exc:
        problems.extend(exc.problems)
    specialties = _specialties(data["specialties"], problems)
    words = _words(data["process_owner_words"], "process_owner_words", problems)
    checklist = data["checklist"]
    subject, done = "", 0
    if _exact_keys(checklist, ("subject", "steps_done"), "checklist", problems):
        subject, done = checklist["subject"], checklist["steps_done"]
        if not isinstance(subject, str) or not 0 < len(subject) <= SUBJECT_MAX:
            problems.append(Problem("checklist.subject", f"must be 1-{SUBJECT_MAX} characters"))
        if isinstance(done, bool) or not isinstance(done, int) or done < 0:
            problems.append(Problem("checklist.steps_done", f"must be 0 or more, got {done!r}"))
    candidates = _candidates(data["candidates"], problems)
    if problems:
        raise InputError(problems)
    return Showcase(
        vision=dict(data["vision"]),
        specialties=specialties,
        owner_words=words,
        checklist_subject=str(subject),
        checklist_steps_done=int(done),
        candidates=candidates,
    )


@cache
def load_showcase(path: Path = SHOWCASE_FILE) -> Showcase:
    """The showcase of ``path`` (validated once per process)."""
    with path.open(encoding="utf-8") as handle:
        return parse_showcase(yaml.safe_load(handle), path.name)
