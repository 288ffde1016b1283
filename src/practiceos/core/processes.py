"""Core processes in pure Python: steps, their validation, the diff between two versions,
checklist completion rates, the facts the health rules read, and the template library.

A *core process* is how one thing is done in the practice (patient check-in, room
turnover ...): named steps, each owned by a seat, the process itself owned by exactly one
seat. Each edit of the steps is a new version; :func:`diff_steps` says what changed in
words an owner reads. A process can be run as a checklist; :func:`completion_by_month`
says how often runs were finished.

The starting templates are data files under ``core/data/processes/*.yaml`` (one per field
of practice), read through one validated schema (:func:`parse_template_file`).
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from functools import cache
from importlib import resources
from typing import Any

import yaml

from practiceos.core.problems import InputError, Problem

#: Bounds on what a practice may write (every text length and list size is bounded).
MAX_NAME = 160
MAX_PURPOSE = 2000
MAX_STEP_TEXT = 500
MAX_STEPS = 60
MAX_MEASURABLES = 10
MAX_NOTE = 500
MAX_SUBJECT = 200


class ProcessStatus(StrEnum):
    """A process is active (run and checked) or archived (kept for its history)."""

    ACTIVE = "active"
    ARCHIVED = "archived"


@dataclass(frozen=True, slots=True)
class Step:
    """One step of a process: what is done, and the seat that owns doing it."""

    text: str
    seat_id: str

    def to_dict(self) -> dict[str, str]:
        """JSON form as stored on a version: ``{"text": ..., "seat": ...}``."""
        return {"text": self.text, "seat": self.seat_id}


def clean_steps(raw: object, seat_ids: Iterable[str], where: str = "steps") -> list[Step]:
    """Steps from raw input (a list of ``{"text", "seat"}`` mappings), validated.

    Every problem is reported at once as an :class:`InputError` naming the step and the
    field, for example ``steps[2].seat: every step needs an owning seat``.
    """
    known = {str(s) for s in seat_ids}
    problems: list[Problem] = []
    if not isinstance(raw, list | tuple):
        raise InputError([Problem(where, f"must be a list of steps, got {raw!r}"[:200])])
    if not raw:
        raise InputError([Problem(where, "a process needs at least one step")])
    if len(raw) > MAX_STEPS:
        raise InputError([Problem(where, f"at most {MAX_STEPS} steps, got {len(raw)}")])
    steps: list[Step] = []
    for i, item in enumerate(raw):
        here = f"{where}[{i + 1}]"
        if not isinstance(item, Mapping):
            problems.append(Problem(here, f"must be a mapping with text and seat, got {item!r}"))
            continue
        text = item.get("text")
        text = text.strip() if isinstance(text, str) else ""
        if not text:
            problems.append(Problem(f"{here}.text", "every step needs text saying what is done"))
        elif len(text) > MAX_STEP_TEXT:
            problems.append(
                Problem(f"{here}.text", f"at most {MAX_STEP_TEXT} characters, got {len(text)}")
            )
        seat = item.get("seat")
        seat = "" if seat is None else str(seat).strip()
        if not seat:
            problems.append(Problem(f"{here}.seat", "every step needs an owning seat"))
        elif seat not in known:
            problems.append(
                Problem(f"{here}.seat", f"no seat {seat[:40]!r} in this practice; pick one")
            )
        steps.append(Step(text, seat))
    if problems:
        raise InputError(problems)
    return steps


def steps_from_json(data: object) -> list[Step]:
    """Steps as stored on a version (no validation: stored steps were validated)."""
    out: list[Step] = []
    if isinstance(data, list):
        for item in data:
            if isinstance(item, Mapping):
                seat = item.get("seat")
                out.append(Step(str(item.get("text", "")), "" if seat is None else str(seat)))
    return out


# --- diff -----------------------------------------------------------------------------------


class Change(StrEnum):
    """How a step differs between two versions."""

    SAME = "same"
    ADDED = "added"
    REMOVED = "removed"
    REWORDED = "reworded"
    REOWNED = "reowned"  # same words, another seat owns it


@dataclass(frozen=True, slots=True)
class DiffLine:
    """One line of a version diff: the change, the step before and after (either may be
    missing), and a sentence describing it with seat names."""

    change: Change
    old: Step | None
    new: Step | None
    words: str


def diff_steps(
    old: Sequence[Step], new: Sequence[Step], seat_name: Mapping[str, str] | None = None
) -> list[DiffLine]:
    """What changed from ``old`` to ``new``, step by step, in reading order.

    Steps are matched on their text; an unmatched pair at the same place is a rewording
    (``REWORDED``), a matched step whose seat changed is ``REOWNED``.
    """
    names = seat_name or {}

    def seat(s: Step) -> str:
        return names.get(s.seat_id, f"seat {s.seat_id}" if s.seat_id else "no seat")

    out: list[DiffLine] = []
    matcher = difflib.SequenceMatcher(
        a=[s.text.casefold() for s in old], b=[s.text.casefold() for s in new], autojunk=False
    )
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            for a, b in zip(old[i1:i2], new[j1:j2], strict=True):
                if a.seat_id != b.seat_id:
                    out.append(
                        DiffLine(
                            Change.REOWNED,
                            a,
                            b,
                            f'"{b.text}" moved from {seat(a)} to {seat(b)}',
                        )
                    )
                else:
                    out.append(DiffLine(Change.SAME, a, b, b.text))
            continue
        olds, news = list(old[i1:i2]), list(new[j1:j2])
        paired = min(len(olds), len(news)) if tag == "replace" else 0
        for a, b in zip(olds[:paired], news[:paired], strict=True):
            owner = "" if a.seat_id == b.seat_id else f" (now {seat(b)})"
            out.append(DiffLine(Change.REWORDED, a, b, f'"{a.text}" became "{b.text}"{owner}'))
        for a in olds[paired:]:
            out.append(DiffLine(Change.REMOVED, a, None, f'removed "{a.text}" ({seat(a)})'))
        for b in news[paired:]:
            out.append(DiffLine(Change.ADDED, None, b, f'added "{b.text}" ({seat(b)})'))
    return out


def diff_summary(lines: Sequence[DiffLine]) -> str:
    """A one-line count of the changes (``2 added, 1 reworded``), or ``no change``."""
    counts: dict[Change, int] = {}
    for line in lines:
        if line.change is not Change.SAME:
            counts[line.change] = counts.get(line.change, 0) + 1
    if not counts:
        return "no change"
    return ", ".join(f"{n} {c.value}" for c, n in counts.items())


# --- checklists -------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class RunFact:
    """One checklist run in brief: when it started, its step count and steps done."""

    started: dt.date
    steps: int
    done: int

    @property
    def complete(self) -> bool:
        """Every step was ticked."""
        return self.steps > 0 and self.done >= self.steps


@dataclass(frozen=True, slots=True)
class MonthRate:
    """Runs started in one month, how many were completed, and the share (0-100)."""

    month: dt.date
    runs: int
    completed: int

    @property
    def percent(self) -> int:
        """Completed runs as a whole percentage of the month's runs."""
        return round(100 * self.completed / self.runs) if self.runs else 0


def completion_by_month(runs: Iterable[RunFact]) -> list[MonthRate]:
    """Completion rate of a process's runs per calendar month, oldest month first."""
    months: dict[dt.date, list[int]] = {}
    for run in runs:
        key = run.started.replace(day=1)
        bucket = months.setdefault(key, [0, 0])
        bucket[0] += 1
        bucket[1] += int(run.complete)
    return [MonthRate(m, n, c) for m, (n, c) in sorted(months.items())]


def completion_rate(runs: Iterable[RunFact]) -> int | None:
    """Completed runs as a whole percentage of all runs; ``None`` without runs."""
    total = done = 0
    for run in runs:
        total += 1
        done += int(run.complete)
    return round(100 * done / total) if total else None


# --- facts the health rules read ------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ProcessFact:
    """A process as the health check sees it: its owner seat (``None`` when it has none),
    status, when it was last reviewed with the people who run it, the seats owning its
    current steps, and when it was documented (``created``: a process written down this
    year is not yet overdue its first review)."""

    id: str
    name: str
    owner_seat_id: str | None
    status: ProcessStatus = ProcessStatus.ACTIVE
    last_reviewed: dt.date | None = None
    followed: bool | None = None
    step_seat_ids: tuple[str, ...] = ()
    created: dt.date | None = None

    @property
    def active(self) -> bool:
        """Run and checked (not archived)."""
        return self.status is ProcessStatus.ACTIVE


def months_before(day: dt.date, months: int) -> dt.date:
    """``day`` moved back ``months`` calendar months (clamped to the month's last day)."""
    total = day.year * 12 + day.month - 1 - months
    year, month = divmod(total, 12)
    month += 1
    for d in (day.day, 30, 29, 28):
        try:
            return dt.date(year, month, min(day.day, d))
        except ValueError:
            continue
    return dt.date(year, month, 28)  # pragma: no cover - 28 always exists


def review_overdue(process: ProcessFact, as_of: dt.date, months: int) -> bool:
    """True when an active process was not reviewed (or, never reviewed, not documented)
    within ``months`` of ``as_of``; never reviewed with no known creation date is overdue."""
    if not process.active:
        return False
    since = process.last_reviewed or process.created
    if since is None:
        return True
    return since < months_before(as_of, months)


# --- template library -----------------------------------------------------------------------

_ID = re.compile(r"^[a-z0-9][a-z0-9-]{2,79}$")
_KINDS = ("leadership", "management", "provider", "support", "administrative")


@dataclass(frozen=True, slots=True)
class TemplateStep:
    """A template step: its text and the kind of seat that usually owns it."""

    text: str
    owner_kind: str


@dataclass(frozen=True, slots=True)
class ProcessTemplate:
    """A starting process from the library: id, field of practice, name, purpose, steps,
    the kind of seat that usually owns it, and measurable names that show it works."""

    id: str
    field: str
    name: str
    purpose: str
    owner_kind: str
    steps: tuple[TemplateStep, ...]
    measurables: tuple[str, ...]


def _text(
    entry: Mapping[str, Any], key: str, where: str, limit: int, problems: list[Problem]
) -> str:
    value = entry.get(key)
    if not isinstance(value, str) or not value.strip():
        problems.append(Problem(f"{where}.{key}", f"must be non-empty text, got {value!r}"))
        return ""
    if len(value) > limit:
        problems.append(Problem(f"{where}.{key}", f"at most {limit} characters"))
    return " ".join(value.split())


def parse_template_file(data: object, source: str) -> list[ProcessTemplate]:
    """Templates from one library file's parsed YAML; every problem at once, naming the
    file and the entry (``dental.yaml: processes[2].steps[1].owner_kind ...``)."""
    problems: list[Problem] = []
    if not isinstance(data, Mapping) or set(data) != {"field", "processes"}:
        raise InputError([Problem(source, "must be a mapping with field and processes")])
    field = data["field"]
    if not isinstance(field, str) or not _ID.match(field):
        raise InputError([Problem(f"{source}: field", f"must be a short id, got {field!r}")])
    items = data["processes"]
    if not isinstance(items, list) or not items:
        raise InputError([Problem(f"{source}: processes", "must be a non-empty list")])
    out: list[ProcessTemplate] = []
    for i, entry in enumerate(items):
        where = f"{source}: processes[{i + 1}]"
        if not isinstance(entry, Mapping):
            problems.append(Problem(where, "must be a mapping"))
            continue
        extra = set(entry) - {"id", "name", "purpose", "owner_kind", "steps", "measurables"}
        if extra:
            problems.append(Problem(where, f"unknown keys {sorted(map(str, extra))}"))
        pid = entry.get("id")
        if not isinstance(pid, str) or not _ID.match(pid):
            problems.append(Problem(f"{where}.id", f"must be a short id, got {pid!r}"))
            pid = ""
        name = _text(entry, "name", where, MAX_NAME, problems)
        purpose = _text(entry, "purpose", where, MAX_PURPOSE, problems)
        kind = entry.get("owner_kind")
        if kind not in _KINDS:
            problems.append(Problem(f"{where}.owner_kind", f"must be one of {_KINDS}"))
        raw_steps = entry.get("steps")
        steps: list[TemplateStep] = []
        if not isinstance(raw_steps, list) or not 0 < len(raw_steps) <= MAX_STEPS:
            problems.append(Problem(f"{where}.steps", f"must be a list of 1 to {MAX_STEPS}"))
            raw_steps = []
        for j, step in enumerate(raw_steps):
            here = f"{where}.steps[{j + 1}]"
            if not isinstance(step, Mapping):
                problems.append(Problem(here, "must be a mapping with text and owner_kind"))
                continue
            text = _text(step, "text", here, MAX_STEP_TEXT, problems)
            skind = step.get("owner_kind", kind)
            if skind not in _KINDS:
                problems.append(Problem(f"{here}.owner_kind", f"must be one of {_KINDS}"))
            steps.append(TemplateStep(text, str(skind)))
        measurables = entry.get("measurables", [])
        if not isinstance(measurables, list) or not all(isinstance(m, str) for m in measurables):
            problems.append(Problem(f"{where}.measurables", "must be a list of names"))
            measurables = []
        out.append(
            ProcessTemplate(
                str(pid), field, name, purpose, str(kind), tuple(steps), tuple(measurables)
            )
        )
    ids = [t.id for t in out]
    for dup in sorted({x for x in ids if ids.count(x) > 1}):
        problems.append(Problem(source, f"template id {dup!r} appears more than once"))
    if problems:
        raise InputError(problems)
    return out


@cache
def template_library() -> tuple[ProcessTemplate, ...]:
    """Every template of every field of practice, read once and validated."""
    folder = resources.files("practiceos.core") / "data" / "processes"
    out: list[ProcessTemplate] = []
    problems: list[Problem] = []
    for item in sorted(folder.iterdir(), key=lambda p: p.name):
        if not item.name.endswith(".yaml"):
            continue
        try:
            out.extend(parse_template_file(yaml.safe_load(item.read_text("utf-8")), item.name))
        except InputError as exc:
            problems.extend(exc.problems)
    if problems:
        raise InputError(problems)
    return tuple(out)


def find_template(template_id: str) -> ProcessTemplate | None:
    """The library template ``template_id`` (``None`` when there is none)."""
    return next((t for t in template_library() if t.id == template_id), None)
