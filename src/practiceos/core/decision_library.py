"""The library of decision areas: the decisions that land on practice owners.

Each area is one YAML file under ``core/data/decision_areas/`` read through one schema
(:func:`read_library_area`): every problem names the file, the key, the value and what is
accepted, and a broken file stops the load (a library is shipped content, not input that
may be half-right). A practice is seeded from the library; its copies then change freely.

Schema (every key but ``amount_limit`` required)::

    key: schedule-conflicts          # kebab-case, the file's name
    name: Schedule conflicts         # at most 120 characters
    kind: management                 # leadership | management | clinical
    description: ...                 # at most 500 characters
    suggested_decider: management    # management | provider_lead | leadership
    amount_limit: 2500               # optional whole number (purchases up to ...)
    keywords: [schedule, swap, ...]  # 1-40 lowercase words or phrases, for suggestions
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

from practiceos.core.leadership import WORK_KINDS, WorkKind
from practiceos.core.problems import InputError, Problem

LIBRARY_DIR = Path(__file__).parent / "data" / "decision_areas"
LIBRARY_KEYS: tuple[str, ...] = (
    "key",
    "name",
    "kind",
    "description",
    "suggested_decider",
    "amount_limit",
    "keywords",
)
SUGGESTED_DECIDERS: tuple[str, ...] = ("management", "provider_lead", "leadership")
_KEY_RE = re.compile(r"^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$")
MAX_KEYWORDS = 40


@dataclass(frozen=True, slots=True)
class LibraryArea:
    """One decision area as the library describes it (before a practice adopts it).

    ``suggested_decider`` is the kind of seat that should decide it: a ``management``
    seat (a location or practice manager), a ``provider_lead`` (a medical director) or
    ``leadership`` (the owner: direction-setting decisions such as fees).
    """

    key: str
    name: str
    kind: WorkKind
    description: str
    suggested_decider: str
    keywords: tuple[str, ...]
    amount_limit: int | None = None


def read_library_area(text: str, source: str) -> LibraryArea:
    """Read one library file's text; ``source`` (the file name) prefixes every problem."""
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise InputError([Problem(source, f"is not valid YAML ({exc})")]) from None
    if not isinstance(data, dict):
        raise InputError([Problem(source, "must be a mapping of key, name, kind ...")])
    problems: list[Problem] = []

    def where(key: str) -> str:
        return f"{source}: {key}"

    for key in data:
        if key not in LIBRARY_KEYS:
            problems.append(
                Problem(where(str(key)), f"is not accepted; keys are {', '.join(LIBRARY_KEYS)}")
            )

    def text_of(key: str, limit: int) -> str:
        value = data.get(key)
        if not isinstance(value, str) or not value.strip():
            problems.append(Problem(where(key), f"is required text, got {value!r}"))
            return ""
        if len(value) > limit:
            problems.append(Problem(where(key), f"is {len(value)} characters; at most {limit}"))
        return value.strip()

    key = text_of("key", 60)
    if key and not _KEY_RE.match(key):
        problems.append(Problem(where("key"), f"{key!r} must be kebab-case (schedule-conflicts)"))
    name = text_of("name", 120)
    description = text_of("description", 500)
    kind = text_of("kind", 20)
    if kind and kind not in WORK_KINDS:
        problems.append(Problem(where("kind"), f"{kind!r} is not one of {', '.join(WORK_KINDS)}"))
    decider = text_of("suggested_decider", 20)
    if decider and decider not in SUGGESTED_DECIDERS:
        problems.append(
            Problem(
                where("suggested_decider"),
                f"{decider!r} is not one of {', '.join(SUGGESTED_DECIDERS)}",
            )
        )
    limit = data.get("amount_limit")
    if limit is not None and (not isinstance(limit, int) or isinstance(limit, bool) or limit < 1):
        problems.append(
            Problem(where("amount_limit"), f"must be a whole number above 0, got {limit!r}")
        )
    raw = data.get("keywords")
    keywords: list[str] = []
    if not isinstance(raw, list) or not 1 <= len(raw) <= MAX_KEYWORDS:
        problems.append(
            Problem(where("keywords"), f"must be a list of 1 to {MAX_KEYWORDS} words, got {raw!r}")
        )
    else:
        for i, word in enumerate(raw):
            if not isinstance(word, str) or not word.strip() or word != word.lower():
                problems.append(
                    Problem(where(f"keywords[{i}]"), f"must be lowercase text, got {word!r}")
                )
            else:
                keywords.append(word.strip())
    if problems:
        raise InputError(problems)
    return LibraryArea(
        key=key,
        name=name,
        kind=WorkKind(kind),
        description=description,
        suggested_decider=decider,
        keywords=tuple(keywords),
        amount_limit=limit,
    )


@lru_cache(maxsize=1)
def library() -> tuple[LibraryArea, ...]:
    """Every library area, sorted by name (read once per process).

    Raises :class:`InputError` with every problem of every file when one is broken, and
    when two files share a key or a name.
    """
    problems: list[Problem] = []
    areas: list[LibraryArea] = []
    for path in sorted(LIBRARY_DIR.glob("*.yaml")):
        try:
            area = read_library_area(path.read_text(encoding="utf-8"), path.name)
        except InputError as exc:
            problems.extend(exc.problems)
            continue
        if area.key != path.stem:
            problems.append(Problem(f"{path.name}: key", f"{area.key!r} must match the file name"))
        areas.append(area)
    seen: dict[str, str] = {}
    for area in areas:
        for token in (area.key, area.name.casefold()):
            if token in seen and seen[token] != area.key:
                problems.append(Problem(f"{area.key}.yaml", f"repeats {token!r} of {seen[token]}"))
            seen[token] = area.key
    if problems:
        raise InputError(problems)
    return tuple(sorted(areas, key=lambda a: a.name.casefold()))


def library_area(key: str) -> LibraryArea | None:
    """The library area with ``key``, or ``None``."""
    return next((a for a in library() if a.key == key), None)
