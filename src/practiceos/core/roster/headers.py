"""Recognising the columns of an HRIS or payroll export.

Each vendor names the same facts differently ("Employee #", "Associate ID", "Employee
Code"; "Reports To", "Supervisor Primary", "Reporting to" ...). Header text is normalised
(case, accents, punctuation, spaces, byte-order marks) and looked up in a table of known
names; headers that match nothing exactly get a second chance from their words ("Manager
Work Email Address" has "manager" and "email"). When the file still lacks a column the
import needs, the error lists every header seen and says how to map it with a column map
file (``--columns MAP.yaml``), which :func:`load_column_map` reads.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping, Sequence
from enum import StrEnum

import yaml

from practiceos.core.problems import InputError, Problem


class Field(StrEnum):
    """A fact the roster import understands; the keys of a column map file."""

    EMPLOYEE_ID = "employee_id"
    FULL_NAME = "full_name"
    FIRST_NAME = "first_name"
    LAST_NAME = "last_name"
    PREFERRED_NAME = "preferred_name"
    JOB_TITLE = "job_title"
    DEPARTMENT = "department"
    LOCATION = "location"
    MANAGER_NAME = "manager_name"
    MANAGER_EMAIL = "manager_email"
    MANAGER_ID = "manager_id"
    POSITION_ID = "position_id"
    MANAGER_POSITION_ID = "manager_position_id"
    EMAIL = "email"
    HIRE_DATE = "hire_date"
    TERMINATION_DATE = "termination_date"
    STATUS = "status"
    FTE = "fte"
    HOURS = "hours"
    WORKER_TYPE = "worker_type"
    TIME_TYPE = "time_type"


FIELDS: tuple[str, ...] = tuple(f.value for f in Field)

#: How a field is named in messages ("row 14, manager: ...").
LABELS: Mapping[Field, str] = {
    Field.EMPLOYEE_ID: "employee id",
    Field.FULL_NAME: "name",
    Field.FIRST_NAME: "first name",
    Field.LAST_NAME: "last name",
    Field.PREFERRED_NAME: "preferred name",
    Field.JOB_TITLE: "job title",
    Field.DEPARTMENT: "department",
    Field.LOCATION: "location",
    Field.MANAGER_NAME: "manager",
    Field.MANAGER_EMAIL: "manager email",
    Field.MANAGER_ID: "manager id",
    Field.POSITION_ID: "position id",
    Field.MANAGER_POSITION_ID: "manager position id",
    Field.EMAIL: "email",
    Field.HIRE_DATE: "hire date",
    Field.TERMINATION_DATE: "termination date",
    Field.STATUS: "status",
    Field.FTE: "fte",
    Field.HOURS: "hours",
    Field.WORKER_TYPE: "worker type",
    Field.TIME_TYPE: "time type",
}


def _names(text: str) -> tuple[str, ...]:
    return tuple(name.strip() for name in text.split(";"))


# Known header names, normalised (see normalise_header), best first: when a file has two
# headers for one field, the one earlier in its list wins ("Work Email" over "Email").
# Sources: BambooHR, Gusto, ADP Workforce Now, Rippling, Paylocity, Paycom, Paychex Flex,
# Workday (custom reports: "Worker", "Business Title", "Job Profile", "Supervisory
# Organization", "Worker Type", "Time Type", "Email - Primary Work", "Active Status") and
# UKG Pro ("Employee Number", "Org Level 2", "Supervisor Name", "Employee Type",
# "Full/Part Time", "Last Hire Date", "Scheduled Work Hours") report exports, plus the
# generic names people type by hand.
_SYNONYMS: Mapping[Field, tuple[str, ...]] = {
    Field.EMPLOYEE_ID: _names(
        "employee id; employee number; employee no; employee code; emp id; emp number;"
        "emp no; emp code; ee id; ee number; eeid; employeeid; employee id number;"
        "associate id; file number; worker id; person number; person id; payroll id;"
        "payroll number; badge number; clock number; id; staff id; staff number"
    ),
    Field.FULL_NAME: _names(
        "full name; employee name; name; legal name; legal full name; worker name;"
        "employee full name; associate name; display name; staff name; name last first;"
        "last first; last name first name; employee; worker"
    ),
    Field.FIRST_NAME: _names(
        "first name; legal first name; firstname; legal firstname; given name;"
        "employee first name; first"
    ),
    Field.LAST_NAME: _names(
        "last name; legal last name; lastname; legal lastname; surname; family name;"
        "employee last name; last"
    ),
    Field.PREFERRED_NAME: _names(
        "preferred name; preferred first name; preferred firstname; nickname; nick name;"
        "known as; goes by; preferred"
    ),
    Field.JOB_TITLE: _names(
        "job title; title; job title description; position title; business title; job;"
        "job name; job description; position; position name; position description;"
        "job position; job code description; role; occupation; job profile; job profile name"
    ),
    Field.DEPARTMENT: _names(
        "department; department name; department description; department desc;"
        "home department; home department description; home department name; dept;"
        "dept name; dept description; team; cost center; cost center 1; cost center name;"
        "division; supervisory organization; org level 2; org level 2 description"
    ),
    Field.LOCATION: _names(
        "location; work location; location name; location description; location desc;"
        "primary work location; work site; worksite; site; clinic; practice location;"
        "office; office location; branch; home location; work address; work location name"
    ),
    Field.MANAGER_NAME: _names(
        "reports to; reports to name; reporting to; reports to full name; manager;"
        "manager name; manager full name; direct manager; line manager; supervisor;"
        "supervisor name; supervisor primary; supervisor primary name; direct supervisor;"
        "reports to legal name"
    ),
    Field.MANAGER_EMAIL: _names(
        "manager email; manager work email; managers email; managers work email;"
        "manager email address; supervisor email; supervisor work email; reports to email;"
        "reports to work email; reports to work contact work email"
    ),
    Field.MANAGER_ID: _names(
        "reports to employee id; reports to id; reports to associate id;"
        "reports to employee number; reports to file number; manager employee id;"
        "manager id; manager employee number; manager number; manager code;"
        "manager associate id; supervisor employee id; supervisor id; supervisor number;"
        "supervisor code; supervisor primary code; supervisor employee number"
    ),
    Field.POSITION_ID: _names("position id; position number; position code"),
    Field.MANAGER_POSITION_ID: _names(
        "reports to position id; reports to position number; manager position id;"
        "supervisor position id"
    ),
    Field.EMAIL: _names(
        "work email; work email address; work contact work email; email; email address;"
        "business email; company email; primary work email; email work; e mail;"
        "email primary work; primary email address"
    ),
    Field.HIRE_DATE: _names(
        "hire date; date of hire; original hire date; start date; date hired;"
        "employment start date; most recent hire date; hired; first day; last hire date"
    ),
    Field.TERMINATION_DATE: _names(
        "termination date; term date; terminated date; date of termination; separation date;"
        "dismissal date; end date; employment end date; last day; last day of work;"
        "last working day; termination"
    ),
    Field.STATUS: _names(
        # "Status" first: in BambooHR it is Active/Inactive while "Employment Status" is
        # Full-Time/Part-Time.
        "status; employee status; position status; worker status; role state;"
        "employment status; employment state; active status"
    ),
    Field.FTE: _names("fte; full time equivalent; fte percent; fte percentage; fte value"),
    Field.HOURS: _names(
        "scheduled hours; standard hours; hours per week; weekly hours;"
        "scheduled weekly hours; std hours; hours; work hours; weekly scheduled hours;"
        "scheduled work hours; scheduled work hrs"
    ),
    Field.WORKER_TYPE: _names(
        "worker type; employee type; worker category; employee category; employee class;"
        "employment type; worker sub type; employee classification"
    ),
    Field.TIME_TYPE: _names(
        "time type; full part time; full or part time; ft pt; full time part time;"
        "full time or part time; part time full time; schedule type; fulltime parttime"
    ),
}

_EXACT: dict[str, tuple[Field, int]] = {}
for _field, _known in _SYNONYMS.items():
    for _rank, _name in enumerate(_known):
        _EXACT.setdefault(_name, (_field, _rank))

_MANAGERISH = frozenset(
    {"manager", "managers", "supervisor", "supervisors", "reports", "reporting", "boss"}
)
_IDISH = frozenset({"id", "number", "code", "no"})
_PRIVATE = frozenset({"personal", "home", "private", "other", "alternate", "emergency"})


def normalise_header(text: str) -> str:
    """Header text reduced to lower-case words: ``"\\ufeffEmployee #"`` -> ``"employee number"``."""
    text = unicodedata.normalize("NFKD", text.replace("\ufeff", "").replace("\u200b", ""))
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    text = text.replace("#", " number ").replace("%", " percent ").replace("&", " and ")
    text = text.replace("'", "").replace("\u2019", "")  # "Manager's" -> "managers"
    return " ".join(re.sub(r"[^0-9a-z]+", " ", text).split())


def _guess(words: frozenset[str]) -> Field | None:
    """Second chance for a header no table entry names, from the words it contains."""
    if words & _PRIVATE:
        return None
    managerish = bool(words & _MANAGERISH)
    if managerish:
        if "email" in words:
            return Field.MANAGER_EMAIL
        if "position" in words:
            return Field.MANAGER_POSITION_ID if words & _IDISH else None
        if words & _IDISH:
            return Field.MANAGER_ID
        if "name" in words or words <= _MANAGERISH | {"to", "direct", "primary"}:
            return Field.MANAGER_NAME
        return None  # "Manager Title", "Supervisor Phone" ...
    rules: tuple[tuple[frozenset[str], Field], ...] = (
        (frozenset({"email"}), Field.EMAIL),
        (frozenset({"title"}), Field.JOB_TITLE),
        (frozenset({"hire"}), Field.HIRE_DATE),
        (frozenset({"termination"}), Field.TERMINATION_DATE),
        (frozenset({"separation"}), Field.TERMINATION_DATE),
        (frozenset({"department"}), Field.DEPARTMENT),
        (frozenset({"dept"}), Field.DEPARTMENT),
        (frozenset({"location"}), Field.LOCATION),
        (frozenset({"preferred"}), Field.PREFERRED_NAME),
        (frozenset({"first", "name"}), Field.FIRST_NAME),
        (frozenset({"last", "name"}), Field.LAST_NAME),
        (frozenset({"status"}), Field.STATUS),
        (frozenset({"fte"}), Field.FTE),
        (frozenset({"hours"}), Field.HOURS),
    )
    for needed, field in rules:
        if needed <= words:
            return field
    if words & {"employee", "emp", "associate", "worker"} and words & _IDISH:
        return Field.EMPLOYEE_ID
    return None


def recognise_headers(
    headers: Sequence[str], column_map: Mapping[str, str | None] | None = None
) -> dict[Field, int]:
    """Map fields to column indexes; a column map's entries win over recognition.

    ``column_map`` is what :func:`load_column_map` returns (field name -> header text, or
    ``None`` for "this file has no such column, do not guess one"). A header named in the
    map is not reused for another field. Raises :class:`InputError` listing every
    problem with the map (fields or headers that do not exist) and every required column
    still missing.
    """
    problems: list[Problem] = []
    chosen: dict[Field, int] = {}
    disabled: set[Field] = set()
    taken: set[int] = set()
    for name, wanted in (column_map or {}).items():
        field = Field(name)  # load_column_map has already checked the names
        if wanted is None:
            disabled.add(field)
            continue
        index = find_header(headers, wanted)
        if index is None:
            problems.append(
                Problem(
                    "columns",
                    f'{name}: no column "{wanted}" in the file; saw {_quote_all(headers)}',
                )
            )
            continue
        chosen[field] = index
        taken.add(index)

    best: dict[Field, tuple[int, int]] = {}  # field -> (rank, index)
    for index, header in enumerate(headers):
        if index in taken:
            continue
        key = normalise_header(header)
        hit = _EXACT.get(key)
        if hit is not None:
            field, rank = hit
        else:
            guessed = _guess(frozenset(key.split()))
            if guessed is None:
                continue
            field, rank = guessed, 1000  # any exact name beats a guess
        if field in chosen or field in disabled:
            continue
        if field not in best or (rank, index) < best[field]:
            best[field] = (rank, index)
    for field, (_rank, index) in best.items():
        chosen[field] = index
    # A second status column ("Employment Status" beside "Status" in BambooHR) usually
    # says full or part time: read it as the time type when the file has none.
    if Field.TIME_TYPE not in chosen and Field.TIME_TYPE not in disabled:
        spare = [
            i
            for i, header in enumerate(headers)
            if i not in taken
            and i != chosen.get(Field.STATUS)
            and _EXACT.get(normalise_header(header), (None, 0))[0] is Field.STATUS
        ]
        if spare and Field.STATUS in chosen:
            chosen[Field.TIME_TYPE] = spare[0]

    has_name = Field.FULL_NAME in chosen or (
        Field.FIRST_NAME in chosen and Field.LAST_NAME in chosen
    )
    if not has_name:
        problems.append(
            Problem(
                "headers",
                f"could not find a name column (full name, or first and last name); "
                f"saw {_quote_all(headers)}; pass --columns MAP.yaml mapping "
                f"full_name: <header> (or first_name: and last_name:)",
            )
        )
    if Field.JOB_TITLE not in chosen:
        problems.append(
            Problem(
                "headers",
                f"could not find a job title column; saw {_quote_all(headers)}; "
                f"pass --columns MAP.yaml mapping job_title: <header>",
            )
        )
    if problems:
        raise InputError(problems)
    return chosen


def find_header(headers: Sequence[str], wanted: str) -> int | None:
    """Index of the header equal to ``wanted`` (exactly, else once normalised), or ``None``."""
    for index, header in enumerate(headers):
        if header == wanted:
            return index
    key = normalise_header(wanted)
    for index, header in enumerate(headers):
        if normalise_header(header) == key:
            return index
    return None


def _quote_all(headers: Sequence[str]) -> str:
    shown = [f'"{h}"' for h in headers if h.strip()]
    return ", ".join(shown) if shown else "no headers"


def load_column_map(text: str) -> dict[str, str | None]:
    """Read a column map file (YAML: ``field: header``) and check its field names.

    Example::

        employee_id: "Emp #"
        full_name: Worker
        job_title: Posn
        department: null    # the file's "Dept" column is not a department: ignore it

    Whether each header exists is checked against the file by :func:`recognise_headers`.
    Raises :class:`InputError` with every problem found.
    """
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else None
        raise InputError([Problem("columns", f"not valid YAML: {exc}", line)]) from None
    except RecursionError:  # hundreds of nested brackets: the YAML parser recurses per level
        raise InputError(
            [Problem("columns", "nested too deeply; a column map is field: header lines")]
        ) from None
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise InputError(
            [
                Problem(
                    "columns",
                    "must be a mapping of field names to headers, like 'job_title: Posn'",
                )
            ]
        )
    problems: list[Problem] = []
    out: dict[str, str | None] = {}
    for key, value in data.items():
        name = str(key)
        if name not in FIELDS:
            problems.append(
                Problem("columns", f'unknown field "{name}"; accepted: {", ".join(FIELDS)}')
            )
            continue
        if value is None:
            out[name] = None
        elif isinstance(value, str | int | float) and not isinstance(value, bool):
            header = str(value).strip()
            if not header:
                problems.append(Problem("columns", f"{name}: the header name is blank"))
            else:
                out[name] = header
        else:
            problems.append(
                Problem("columns", f"{name}: expected a header name, got {type(value).__name__}")
            )
    if problems:
        raise InputError(problems)
    return out
