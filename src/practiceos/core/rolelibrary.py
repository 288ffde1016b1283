"""The role library: complete role cards for healthcare practices, read from data files.

The cards live in ``core/data/roles/<field>.yaml``, one file per field of practice
(medical, surgical, dental, physical therapy, veterinary, imaging, behavioural health,
front office, revenue cycle, operations, leadership). Each file holds::

    field: Dentistry                # the field of practice, as shown to people
    roles:                          # complete role cards (core.rolecards schema)
      - title: Dentist
        kind: provider
        ...
    departments:                    # people-manager families: Supervisor, Manager, Director
      - department: Hygiene
        scope: the hygienists, their schedules and the recall system
        director_title: ...         # optional, when "Director of <department>" reads badly
        ...card keys except title and kind...

Every card is validated by :func:`practiceos.core.rolecards.parse_card` with
``complete=True``; any problem stops the load with a message naming the file, the path
in it, the value and what is accepted. The title classifier, the roster importer and the
card editor all read the library through :func:`library`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from functools import cache
from pathlib import Path
from types import MappingProxyType

import yaml

from practiceos.core.model import SeatKind
from practiceos.core.problems import InputError, Problem
from practiceos.core.rolecards import RoleCard, TrackStep, parse_card

__all__ = [
    "LIBRARY_DIR",
    "Library",
    "department_title",
    "library",
    "load_library",
    "suggested_card",
]

LIBRARY_DIR = Path(__file__).resolve().parent / "data" / "roles"
"""Where the role library's files are."""
TRACKS_FILE = Path(__file__).resolve().parent / "data" / "tracks.yaml"
"""The default career track of each seat kind (scope and pay band per level)."""

FILE_KEYS = ("field", "roles", "departments")
DEPARTMENT_KEYS = (
    "department",
    "scope",
    "director_title",
    "responsibilities",
    "decides",
    "proposes",
    "what_good_looks_like",
    "expectations",
    "management_focus",
    "provider_lead",
    "supervision",
)
_MAX_FILE_BYTES = 1_000_000
# A department's three people-manager cards: (title word, how the purpose starts).
_HEADS = (
    ("Supervisor", "Supervises day to day"),
    ("Manager", "Manages"),
    ("Director", "Leads, through its managers,"),
)


@dataclass(frozen=True, slots=True)
class Library:
    """The loaded library: cards by title, the field of practice of each, department names."""

    cards: Mapping[str, RoleCard]
    fields: Mapping[str, str]  # title -> field of practice ("Dentistry")
    director_titles: Mapping[str, str]  # department -> its director's title

    def get(self, title: str) -> RoleCard | None:
        """The card titled ``title`` (case and spacing ignored), or ``None``."""
        return _folded(self).get(" ".join(title.split()).casefold())

    def by_field(self) -> dict[str, list[RoleCard]]:
        """Cards grouped by field of practice, fields and titles sorted."""
        out: dict[str, list[RoleCard]] = {}
        for title in sorted(self.cards):
            out.setdefault(self.fields[title], []).append(self.cards[title])
        return dict(sorted(out.items()))


_FOLDED: dict[int, dict[str, RoleCard]] = {}


def _folded(lib: Library) -> dict[str, RoleCard]:
    key = id(lib.cards)
    if key not in _FOLDED:
        _FOLDED[key] = {title.casefold(): card for title, card in lib.cards.items()}
    return _FOLDED[key]


def department_title(department: str, head: str, directors: Mapping[str, str] | None = None) -> str:
    """The title of a department's people manager: ``Billing Manager``, ``Director of IT``."""
    if head == "Director":
        names = library().director_titles if directors is None else directors
        return names.get(department, f"Director of {department}")
    return f"{department} {head}"


def _read(path: Path) -> object:
    if path.stat().st_size > _MAX_FILE_BYTES:
        raise InputError([Problem(path.name, f"is larger than {_MAX_FILE_BYTES} bytes")])
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        line = None if mark is None else mark.line + 1
        raise InputError([Problem(path.name, f"is not valid YAML: {err}", line)]) from None


def _department_cards(
    name: str, entry: Mapping[str, object], where: str, problems: list[Problem]
) -> tuple[list[RoleCard], str | None]:
    """The Supervisor, Manager and Director cards of one department entry."""
    scope = entry.get("scope")
    if not isinstance(scope, str) or not scope.strip():
        problems.append(Problem(f"{where}.scope", "required: what the department covers"))
        return [], None
    director = entry.get("director_title")
    if director is not None and not isinstance(director, str):
        problems.append(Problem(f"{where}.director_title", f"must be text, not {director!r}"))
        director = None
    body = {k: v for k, v in entry.items() if k not in ("department", "scope", "director_title")}
    cards: list[RoleCard] = []
    for head, verb in _HEADS:
        title = (director or f"Director of {name}") if head == "Director" else f"{name} {head}"
        data = {"title": title, "kind": SeatKind.MANAGEMENT.value, **body}
        data["purpose"] = f"{verb} {scope.strip()}."
        try:
            cards.append(parse_card(data, where=where, complete=True))
        except InputError as err:
            problems.extend(err.problems)
            break
    return cards, director


def load_tracks(path: Path = TRACKS_FILE) -> dict[SeatKind, tuple[TrackStep, ...]]:
    """The default career track of each seat kind, validated by the card schema."""
    doc = _read(path)
    if not isinstance(doc, dict):
        raise InputError([Problem(path.name, "must map seat kinds to tracks")])
    problems: list[Problem] = []
    out: dict[SeatKind, tuple[TrackStep, ...]] = {}
    for kind, track in doc.items():
        if kind not in {k.value for k in SeatKind}:
            problems.append(Problem(f"{path.name}: {kind}", "is not a seat kind"))
            continue
        try:
            card = parse_card(
                {"title": "-", "kind": kind, "track": track}, where=f"{path.name}: {kind}"
            )
        except InputError as err:
            problems.extend(err.problems)
            continue
        out[SeatKind(kind)] = card.track
    if problems:
        raise InputError(problems)
    return out


def load_library(directory: Path = LIBRARY_DIR, tracks: Path | None = TRACKS_FILE) -> Library:
    """Read and validate every ``*.yaml`` file of ``directory``; raise :class:`InputError`
    listing every problem (file, path, value, what is accepted) when any is wrong."""
    problems: list[Problem] = []
    cards: dict[str, RoleCard] = {}
    fields: dict[str, str] = {}
    where_of: dict[str, str] = {}
    directors: dict[str, str] = {}

    def keep(card: RoleCard, field: str, where: str) -> None:
        folded = card.title.casefold()
        if folded in where_of:
            problems.append(
                Problem(
                    f"{where}.title",
                    f'"{card.title}" is already defined at {where_of[folded]}; '
                    "each title appears once in the library",
                )
            )
            return
        where_of[folded] = where
        cards[card.title] = card
        fields[card.title] = field

    paths = sorted(directory.glob("*.yaml"))
    if not paths:
        raise InputError([Problem(str(directory), "holds no role library files (*.yaml)")])
    for path in paths:
        try:
            doc = _read(path)
        except InputError as err:
            problems.extend(err.problems)
            continue
        if not isinstance(doc, dict):
            problems.append(Problem(path.name, "must be a mapping with field, roles, departments"))
            continue
        for key in doc:
            if key not in FILE_KEYS:
                problems.append(
                    Problem(
                        f"{path.name}: {key}", f"unknown key; accepted are {', '.join(FILE_KEYS)}"
                    )
                )
        field = doc.get("field")
        if not isinstance(field, str) or not field.strip():
            problems.append(Problem(f"{path.name}: field", "required: the field of practice"))
            continue
        roles = doc.get("roles") or []
        if not isinstance(roles, list):
            problems.append(Problem(f"{path.name}: roles", "must be a list of role cards"))
            roles = []
        for i, entry in enumerate(roles):
            where = f"{path.name}: roles[{i}]"
            try:
                keep(parse_card(entry, where=where, complete=True), field, where)
            except InputError as err:
                problems.extend(err.problems)
        departments = doc.get("departments") or []
        if not isinstance(departments, list):
            problems.append(Problem(f"{path.name}: departments", "must be a list"))
            departments = []
        for i, entry in enumerate(departments):
            where = f"{path.name}: departments[{i}]"
            if not isinstance(entry, dict):
                problems.append(Problem(where, f"must be a mapping, not {entry!r}"))
                continue
            unknown = [k for k in entry if k not in DEPARTMENT_KEYS]
            for key in unknown:
                problems.append(
                    Problem(
                        f"{where}.{key}",
                        f'unknown key "{key}"; accepted keys are {", ".join(DEPARTMENT_KEYS)}',
                    )
                )
            name = entry.get("department")
            if not isinstance(name, str) or not name.strip() or unknown:
                if not isinstance(name, str) or not name.strip():
                    problems.append(Problem(f"{where}.department", "required: the department"))
                continue
            made, director = _department_cards(name.strip(), entry, where, problems)
            if director:
                directors[name.strip()] = director
            for card in made:
                keep(card, field, where)
    if tracks is not None:
        try:
            defaults = load_tracks(tracks)
        except InputError as err:
            problems.extend(err.problems)
        else:
            for title, card in cards.items():
                if not card.track and card.kind in defaults:
                    cards[title] = replace(card, track=defaults[card.kind])
    if problems:
        raise InputError(problems)
    return Library(
        cards=MappingProxyType(cards),
        fields=MappingProxyType(fields),
        director_titles=MappingProxyType(directors),
    )


@cache
def library() -> Library:
    """The packaged role library, loaded and validated once per process."""
    return load_library()


# The card to start from when a title matches nothing: one generic card per seat kind.
_FALLBACK: dict[SeatKind, str] = {
    SeatKind.LEADERSHIP: "Owner",
    SeatKind.MANAGEMENT: "Manager",
    SeatKind.PROVIDER: "Provider",
    SeatKind.SUPPORT: "Clinical Technician",
    SeatKind.ADMINISTRATIVE: "Administrative Assistant",
}


def suggested_card(title: str, kind: SeatKind, template: str = "") -> RoleCard:
    """The library card a role or seat titled ``title`` should start from.

    The role's recorded ``template`` first, then what the title classifier matches for
    the title (of the same kind; a seat's name is read up to its " — location" part),
    then the generic card of the kind.
    """
    from practiceos.core.titles import classify_one  # titles reads the library itself

    lib = library()
    if template:
        found = lib.get(template)
        if found is not None:
            return found
    name = title.split(" — ")[0].strip()
    if name:
        guess = classify_one(name)
        if guess.matched and guess.kind is SeatKind(kind):
            found = lib.get(guess.role_title)
            if found is not None:
                return found
    return lib.cards[_FALLBACK[SeatKind(kind)]]
