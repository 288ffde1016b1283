"""How long each text may be and how many items each list may hold: one definition.

Every reader of user input takes its limits from here, so they accept and refuse the same
things: the database columns (``org.models``: ``max_length=TEXT["seat.name"]``), the
services' field declarations that validate web forms and the CLI (``org.services.FIELDS``),
the API's pydantic schemas (``org.schemas``), the org file parser behind ``load`` and
``check`` (``core.orgfile``), the roster import planner (``core.roster.planning``) and the
snapshot check every load runs (:func:`snapshot_problems`). Every refusal names the
field, the length and the limit.

A new field declares its limit here before anything reads it: add
``"<object>.<field>": n`` to :data:`TEXT` (a text; the key is the model's lower-case name
and the field name) or to :data:`LISTS` (a list: the most items; each item's length goes
in ``TEXT`` under ``"<object>.<field>[]"``), then use ``TEXT[...]``/``LISTS[...]`` in the
model, the service's ``Field``, the schema and the parser. Changing a text's limit that a
database column holds needs a migration (``makemigrations`` notices).

Uploads have their own bounds below (bytes, rows, columns, characters a cell).
Pure Python: no Django import.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Final

from practiceos.core.model import Snapshot
from practiceos.core.problems import Problem

#: The most characters each text field may hold.
TEXT: Final[Mapping[str, int]] = {
    "practice.name": 200,
    "practice.slug": 60,
    "location.name": 120,
    "location.address": 300,
    "team.name": 120,
    "team.goal": 2000,
    "role.title": 120,
    "role.purpose": 2000,
    "role.responsibilities[]": 500,
    "role.decision_rights[]": 500,
    "seat.name": 160,
    "seat.note": 300,
    "person.name": 160,
    "person.preferred_name": 160,
    "person.email": 254,
    "person.employee_id": 60,
}

#: The most items each list field may hold.
LISTS: Final[Mapping[str, int]] = {
    "role.responsibilities": 50,
    "role.decision_rights": 50,
    "seat.serves": 500,
}

#: Roster uploads: bytes of the file, then rows, columns and characters of one cell as
#: read (a spreadsheet is read row by row and stops at the first limit passed).
UPLOAD_BYTES: Final = 50 * 1024 * 1024
ROSTER_ROWS: Final = 200_000
ROSTER_COLUMNS: Final = 200
ROSTER_CELL: Final = 2_000
#: A column map (YAML) pasted with an upload.
COLUMN_MAP_CHARS: Final = 20_000


def length_message(value: str, limit: int) -> str:
    """``"Ann…" is 10000 characters long; at most 160 are allowed``."""
    shown = value if len(value) <= 40 else value[:37] + "..."
    return f'"{shown}" is {len(value)} characters long; at most {limit} are allowed'


def count_message(count: int, limit: int, noun: str) -> str:
    """``has 100,000 responsibilities; at most 50 are allowed``."""
    return f"has {count:,} {noun}; at most {limit:,} are allowed"


def text_problem(where: str, key: str, value: str) -> Problem | None:
    """A problem at ``where`` when ``value`` is longer than ``TEXT[key]``, else None."""
    limit = TEXT[key]
    return Problem(where, length_message(value, limit)) if len(value) > limit else None


def list_problems(where: str, key: str, items: Iterable[str]) -> list[Problem]:
    """Problems of a list field: too many items, or items too long."""
    values = list(items)
    out: list[Problem] = []
    if len(values) > LISTS[key]:
        noun = key.split(".", 1)[1].replace("_", " ")
        out.append(Problem(where, count_message(len(values), LISTS[key], noun)))
    item_limit = TEXT.get(key + "[]")
    if item_limit is not None:
        for i, value in enumerate(values[: LISTS[key] + 1]):
            if len(value) > item_limit:
                out.append(Problem(f"{where}[{i}]", length_message(value, item_limit)))
    return out


def snapshot_problems(snapshot: Snapshot) -> list[Problem]:
    """Every text and list of ``snapshot`` beyond its limit, with its document path.

    ``load`` runs this on whatever it is given (an org file, a demo, a scenario), so the
    database never meets a value it cannot hold.
    """
    out: list[Problem] = []

    def text(where: str, key: str, value: str) -> None:
        if (problem := text_problem(where, key, value)) is not None:
            out.append(problem)

    text("practice.name", "practice.name", snapshot.practice.name)
    for i, loc in enumerate(snapshot.locations):
        text(f"locations[{i}].name", "location.name", loc.name)
        text(f"locations[{i}].address", "location.address", loc.address)
    for i, team in enumerate(snapshot.teams):
        text(f"teams[{i}].name", "team.name", team.name)
        text(f"teams[{i}].goal", "team.goal", team.goal)
    for i, role in enumerate(snapshot.roles):
        text(f"roles[{i}].title", "role.title", role.title)
        text(f"roles[{i}].purpose", "role.purpose", role.purpose)
        out += list_problems(
            f"roles[{i}].responsibilities", "role.responsibilities", role.responsibilities
        )
        out += list_problems(
            f"roles[{i}].decision_rights", "role.decision_rights", role.decision_rights
        )
    for i, seat in enumerate(snapshot.seats):
        text(f"seats[{i}].name", "seat.name", seat.name)
        text(f"seats[{i}].note", "seat.note", seat.note)
        if len(seat.serves) > LISTS["seat.serves"]:
            out.append(
                Problem(
                    f"seats[{i}].serves",
                    count_message(len(seat.serves), LISTS["seat.serves"], "seats served"),
                )
            )
    for i, person in enumerate(snapshot.people):
        for key in ("name", "preferred_name", "email", "employee_id"):
            text(f"people[{i}].{key}", f"person.{key}", getattr(person, key))
    return out
