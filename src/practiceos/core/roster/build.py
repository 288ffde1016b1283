"""Turning a roster table into a :class:`~practiceos.core.model.Snapshot`.

The conversion keeps every row (terminated employees become ended assignments, so a
re-import can end assignments in the database) and reports every problem at once, each
with the row number the user sees in the spreadsheet. It is linear in the number of rows:
managers are looked up through dictionaries, and the fuzzy "closest match" search runs only
for references that failed, over a small bucket of candidates, with a cap on how many
distinct failures get suggestions.

Vocabulary inside this module: an *entry* is one data row (one job of one person); a
*person* may have several entries when an export lists each position of a
multi-position employee on its own row under the same employee id.
"""

from __future__ import annotations

import datetime as dt
import difflib
import os
import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from practiceos.core import titles
from practiceos.core.gcpause import paused_gc
from practiceos.core.model import (
    Assignment,
    Level,
    Location,
    Person,
    PracticeInfo,
    Role,
    Seat,
    SeatKind,
    Snapshot,
    Team,
)
from practiceos.core.problems import InputError, Problem
from practiceos.core.roster.headers import LABELS, Field, recognise_headers
from practiceos.core.roster.reading import Cell, RawGrid, read_grid
from practiceos.core.titles import TitleClass

Progress = Callable[[int, int], None]
Classifier = Callable[[str], tuple[TitleClass, ...]]

_PROGRESS_EVERY = 2000
#: Distinct failed references that get "closest:" suggestions; beyond this the message
#: only says the reference matches nobody, so a file of garbage stays fast.
_SUGGESTION_BUDGET = 500

# Order in which a person's seats are listed: the first is their primary seat, the one
# their reports hang under, so a founder who is also a surgeon leads from the leadership seat.
_KIND_ORDER = {
    SeatKind.LEADERSHIP: 0,
    SeatKind.MANAGEMENT: 1,
    SeatKind.PROVIDER: 2,
    SeatKind.SUPPORT: 3,
    SeatKind.ADMINISTRATIVE: 4,
}


def _words(text: str) -> frozenset[str]:
    return frozenset(word.strip() for word in text.split(";"))


# Worker types as HRIS exports write them (Workday "Worker Type" / "Time Type", UKG Pro
# "Employee Type" / "Full/Part Time", BambooHR "Employment Status", ADP "Worker Category").
_WORKER_WORDS: dict[str, frozenset[str]] = {
    "part_time": _words("part time; parttime; part; p; pt; part time regular; regular part time"),
    "relief": _words(
        "relief; prn; per diem; perdiem; on call; oncall; casual; float pool; pool; as needed"
    ),
    "contingent": _words(
        "contingent; contingent worker; contractor; independent contractor; contract;"
        "temporary; temp; tmp; seasonal; sea; agency; locum; locum tenens; consultant; intern"
    ),
    "regular": _words(
        "regular; reg; employee; permanent; full time; fulltime; full; f; ft;"
        "regular full time; full time regular; salaried; hourly"
    ),
}
#: FTE assumed for a worker type when the export gives neither an FTE nor hours.
_ASSUMED_FTE = {"part_time": 0.5, "relief": 0.2}
_WORKER_NOTES = {"relief": "relief (PRN) worker", "contingent": "contingent worker"}


def worker_type(text: str) -> str:
    """``regular``, ``part_time``, ``contingent`` or ``relief`` for an export's worker-type,
    time-type or status text ("Part-Time", "PRN", "Contingent Worker", "F"), else ``""``."""
    plain = _plain(text)
    for kind, words in _WORKER_WORDS.items():
        if plain in words:
            return kind
    return ""


# Status values meaning the person has left; any status not listed here or in _ACTIVE is
# treated as active with a warning.
_TERMINATED = _words(
    "terminated; termed; term; t; inactive; i; separated; resigned; retired; deceased;"
    "dismissed; former; former employee; not active; no longer employed; left;"
    "ex employee; quit; discharged; archived; no"
)
_ACTIVE = _words(
    "active; a; leave; on leave; l; loa; leave of absence; paid leave; unpaid leave;"
    "leave with pay; leave without pay; suspended; s; active employee; current; hired;"
    "pending; full time; part time; seasonal; per diem; prn; temporary; new hire; rehired;"
    "rehire; yes"
)
_HONORIFICS = frozenset({"dr", "mr", "mrs", "ms", "miss", "mx", "prof", "doctor"})
_CREDENTIALS = _words(
    "md; do; dds; dmd; dvm; vmd; dpt; pt; pta; ot; otr; otr l; np; fnp; aprn; pa; pa c;"
    "rn; lpn; cna; crna; phd; mba; mph; msn; bsn; facs; faaos; rdh; cda; rda; lvt; cvt;"
    "rvt; atc; jr; sr; ii; iii; iv; esq; ms; ma; lmt; cma; rma; facp"
)

_ISO_DATE = re.compile(r"^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[T ].*)?$")
_US_DATE = re.compile(r"^(\d{1,2})[/-](\d{1,2})[/-](\d{4}|\d{2})(?:[ T].*)?$")
_NAMED_DATE_FORMATS = ("%b %d, %Y", "%B %d, %Y", "%d-%b-%Y", "%d-%b-%y", "%d %b %Y", "%d %B %Y")
_EXCEL_EPOCH = dt.date(1899, 12, 30)  # serial 1 is 1900-01-01 (Excel's leap-1900 bug folded in)


# --- the table -------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class RosterRow:
    """One data row: its row number in the file and the cells of the recognised columns."""

    number: int
    values: tuple[Cell, ...]


@dataclass(frozen=True)
class RosterTable:
    """An export read and its columns recognised, before any conversion.

    ``columns`` maps each recognised field to the header it was read from; ``rows`` hold
    only those columns' cells, in ``fields`` order (other columns are not kept, which keeps
    memory down on exports with a hundred columns).
    """

    filename: str
    headers: tuple[str, ...]
    columns: Mapping[Field, str]
    fields: tuple[Field, ...]
    rows: tuple[RosterRow, ...]
    header_row: int = 1
    encoding: str = ""
    delimiter: str = ""

    def index(self, field: Field) -> int | None:
        """Position of ``field`` in each row's ``values``, or ``None`` if the file lacks it."""
        try:
            return self.fields.index(field)
        except ValueError:
            return None


def read_roster(
    source: bytes | str | os.PathLike[str],
    *,
    filename: str = "",
    column_map: Mapping[str, str | None] | None = None,
) -> RosterTable:
    """Read a roster export (CSV or ``.xlsx``) and recognise its columns.

    ``source`` is the file's bytes or a path. ``filename`` helps tell ``.xlsx`` from CSV
    (content is checked too); it defaults to the path's name. ``column_map`` comes from
    :func:`~practiceos.core.roster.headers.load_column_map`. Raises
    :class:`~practiceos.core.problems.InputError`, and nothing else, when the file cannot
    be read or lacks a required column.
    """
    if isinstance(source, bytes):
        data = source
    else:
        path = Path(source)
        filename = filename or path.name
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise InputError([Problem("file", f"cannot read {path}: {exc.strerror}")]) from None
    with paused_gc():
        return _table(read_grid(data, filename), filename, column_map)


def _table(
    grid: RawGrid, filename: str, column_map: Mapping[str, str | None] | None
) -> RosterTable:
    columns = recognise_headers(grid.headers, column_map)
    fields = tuple(sorted(columns, key=lambda f: columns[f]))
    indexes = [columns[f] for f in fields]
    width = max(indexes) + 1
    rows = []
    for raw in grid.rows:
        cells = raw.cells
        if len(cells) < width:
            cells = cells + ("",) * (width - len(cells))
        rows.append(RosterRow(raw.number, tuple(cells[i] for i in indexes)))
    return RosterTable(
        filename=filename,
        headers=grid.headers,
        columns={f: grid.headers[columns[f]] for f in fields},
        fields=fields,
        rows=tuple(rows),
        header_row=grid.header_row,
        encoding=grid.encoding,
        delimiter=grid.delimiter,
    )


# --- the result ------------------------------------------------------------------------


@dataclass(frozen=True)
class RosterResult:
    """The outcome of a conversion.

    ``problems`` lists everything wrong with the data, in row order. ``warnings`` are
    things worth a look that do not make the chart wrong (titles the classifier only
    guessed, several people at the top). ``blocking`` is true when the caller must not
    write the snapshot: some problem is left that ``allow_unresolved`` cannot settle (or
    ``allow_unresolved`` was not given); ``blocking_problems`` lists those.
    ``snapshot`` is always built, so a preview can show what an import would do.
    """

    snapshot: Snapshot
    problems: list[Problem]
    warnings: list[Problem]
    blocking_problems: list[Problem] = field(default_factory=list)

    @property
    def blocking(self) -> bool:
        """True when the snapshot must not be written (see the class docstring)."""
        return bool(self.blocking_problems)


# --- small parsers -----------------------------------------------------------------------


def cell_text(cell: Cell) -> str:
    """A cell as text: spreadsheet numbers without a spurious ``.0``, dates in ISO form."""
    if isinstance(cell, str):
        return cell
    if isinstance(cell, dt.datetime):
        return cell.date().isoformat() if cell.time() == dt.time() else cell.isoformat(" ")
    if isinstance(cell, dt.date):
        return cell.isoformat()
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    return str(cell)


def _pivot_year(two_digits: int, today: dt.date) -> int:
    # Hire and termination dates are in the past or the near future: "68" is 1968.
    year = 2000 + two_digits
    return year if year <= today.year + 1 else year - 100


def parse_date(cell: Cell, today: dt.date) -> dt.date | None:
    """Parse a date cell: ISO, US (MM/DD/YYYY, M/D/YY), named months, Excel serials.

    Returns ``None`` for a blank cell and raises ``ValueError`` for anything else it
    cannot read (day-first dates such as ``31/12/2020`` included: the exports are US).
    """
    if isinstance(cell, dt.datetime):
        return cell.date()
    if isinstance(cell, dt.date):
        return cell
    if isinstance(cell, int | float):
        return _from_number(cell)
    text = cell.strip()
    if not text:
        return None
    match = _ISO_DATE.match(text)
    if match:
        return dt.date(int(match[1]), int(match[2]), int(match[3]))
    match = _US_DATE.match(text)
    if match:
        year = int(match[3])
        if len(match[3]) == 2:
            year = _pivot_year(year, today)
        return dt.date(year, int(match[1]), int(match[2]))
    if text.isdigit() and len(text) in (5, 8):
        return _from_number(int(text))
    for fmt in _NAMED_DATE_FORMATS:
        try:
            return dt.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    raise ValueError(text)


def _from_number(value: float) -> dt.date:
    number = int(value)
    if 19000101 <= number <= 29991231:  # YYYYMMDD, as some payroll exports write it
        return dt.date(number // 10000, number // 100 % 100, number % 100)
    if 1 <= number <= 109574:  # Excel serial up to 2199-12-31
        return _EXCEL_EPOCH + dt.timedelta(days=number)
    raise ValueError(str(value))


def _parse_number(text: str) -> float:
    return float(text.replace("%", "").replace(",", "").strip())


_PUNCTUATION_TO_SPACE = str.maketrans(
    {chr(c): " " for c in range(128) if not chr(c).isalnum() or not chr(c).isascii()}
)
_NOT_WORD = re.compile(r"[^0-9a-z]+")


def _plain(text: str) -> str:
    """Lower-case words without accents or punctuation, for comparing names and titles."""
    if text.isascii():  # the common case, several times faster than the regex
        return " ".join(text.lower().translate(_PUNCTUATION_TO_SPACE).split())
    decomposed = unicodedata.normalize("NFKD", text)
    lowered = "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()
    return " ".join(_NOT_WORD.sub(" ", lowered).split())


_PARENTHESISED = re.compile(r"\([^)]*\)")
_PARENTHESISED_INNER = re.compile(r"\(([^)]*)\)")


def split_name(text: str) -> tuple[str, str]:
    """Split a written name into ``(first, last)``.

    ``"Smith, John"`` and ``"John Smith"`` both give ``("John", "Smith")``; honorifics
    (``Dr.``) and trailing credentials (``, DDS``, ``MD``) are dropped, as are
    parenthesised notes such as an employee id in ``"John Smith (1042)"``.
    """
    if "(" in text:
        text = _PARENTHESISED.sub(" ", text)
    text = text.strip().strip(",").strip()
    while "," in text:
        before, after = text.split(",", 1)
        words = [_token_key(word) for word in after.split()]
        if words and all(word in _CREDENTIALS for word in words):
            text = before.strip()  # "John Smith, DDS": the comma is not "Last, First"
            continue
        first, last = _drop_honorific(after.strip()), before.strip()
        first = _drop_credentials(first)
        return first, last
    tokens = _drop_credentials(_drop_honorific(text)).split()
    if not tokens:
        return "", ""
    if len(tokens) == 1:
        return tokens[0], ""
    return " ".join(tokens[:-1]), tokens[-1]


def _token_key(token: str) -> str:
    return token.lower().replace(".", "").replace("-", " ").strip(",")


def _drop_honorific(text: str) -> str:
    tokens = text.split()
    if len(tokens) > 1 and _token_key(tokens[0]) in _HONORIFICS:
        return " ".join(tokens[1:])
    return text


def _drop_credentials(text: str) -> str:
    tokens = text.split()
    if len(tokens) <= 2:
        return text
    while len(tokens) > 2 and _token_key(tokens[-1]) in _CREDENTIALS:
        tokens.pop()
    return " ".join(tokens)


def _id_key(text: str) -> str:
    # Payroll systems pad numeric ids ("000123") in one column and not in another.
    key = text.strip().casefold()
    return key.lstrip("0") or "0" if key.isdigit() else key


# --- conversion ------------------------------------------------------------------------


@dataclass(slots=True)
class _Entry:
    """One data row being converted (mutable while references are resolved)."""

    row: int
    first: str
    last: str
    preferred: str
    name: str
    name_key: str
    title: str
    employee_id: str
    email: str
    position_id: str
    location: str
    department: str
    start: dt.date | None
    end: dt.date | None
    fte: float
    refs: tuple[tuple[Field, str], ...]
    person: int = -1  # index into the people list
    manager: int = -1  # index of the manager entry, -1 at the top
    classes: tuple[TitleClass, ...] = ()
    seat_ids: list[str] = field(default_factory=list)
    role_ids: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


@dataclass(slots=True)
class _Found:
    """Outcome of looking up one manager reference."""

    entry: int = -1
    ambiguous: tuple[int, ...] = ()  # entry indexes of every person the reference fits


class _Report:
    """Collects problems (blocking unless settled by ``allow_unresolved``) and warnings."""

    def __init__(self, allow_unresolved: bool) -> None:
        self.allow_unresolved = allow_unresolved
        self.items: list[tuple[int, int, Problem, bool]] = []
        self.warnings: list[tuple[int, int, Problem]] = []

    def problem(self, row: int, label: str, message: str, *, settled: bool) -> None:
        """Record a problem; ``settled`` says ``allow_unresolved`` works around it."""
        blocking = not (settled and self.allow_unresolved)
        self.items.append((row, len(self.items), Problem(f"row {row}, {label}", message), blocking))

    def warn(self, row: int, where: str, message: str) -> None:
        """Record a warning (``row`` only orders it)."""
        self.warnings.append((row, len(self.warnings), Problem(where, message)))

    def result(self, snapshot: Snapshot) -> RosterResult:
        """Everything collected, in row order."""
        items = sorted(self.items, key=lambda item: (item[0], item[1]))
        return RosterResult(
            snapshot=snapshot,
            problems=[item[2] for item in items],
            warnings=[w[2] for w in sorted(self.warnings, key=lambda w: (w[0], w[1]))],
            blocking_problems=[item[2] for item in items if item[3]],
        )


def _rows_text(rows: Sequence[int], limit: int = 5) -> str:
    shown = ", ".join(str(r) for r in rows[:limit])
    more = f" and {len(rows) - limit} more" if len(rows) > limit else ""
    return f"row{'s' if len(rows) > 1 else ''} {shown}{more}"


def _and_rows(rows: Sequence[int], limit: int = 5) -> str:
    if len(rows) == 1:
        return f"row {rows[0]}"
    if len(rows) > limit:
        return _rows_text(rows, limit)
    return "rows " + ", ".join(str(r) for r in rows[:-1]) + f" and {rows[-1]}"


def roster_to_snapshot(
    table: RosterTable,
    *,
    practice_name: str,
    practice_slug: str,
    allow_unresolved: bool = False,
    today: dt.date | None = None,
    progress: Progress | None = None,
    classify: Classifier | None = None,
) -> RosterResult:
    """Convert a roster table into a snapshot, with every problem found.

    Each row gives a :class:`Person` (id: employee id, else email, else ``row-<n>``) and
    one seat per title the classifier finds in the job title. A combined title such as
    "Founder & CEO / Orthopedic Surgeon" gives two seats: the leadership (or management)
    one comes first, is the person's primary seat and is where their reports hang; the
    other reports to the same manager seat, or to the primary seat when the person has no
    manager. A manager may be named by employee id, position
    id, email or name; the most reliable non-blank reference wins.

    With ``allow_unresolved`` the problems that can be worked around are: a seat whose
    manager cannot be found (or is ambiguous) is put at the top, a reporting cycle is
    broken at one person, and duplicates are kept; the seat's ``note`` says why. Blank
    names or titles, unreadable termination dates and termination dates before hire
    dates still block.

    ``progress(done, total)`` is called every few thousand rows and at the end.
    ``classify`` replaces :func:`practiceos.core.titles.classify_title` (tests).
    """
    with paused_gc():
        return _convert(
            table, practice_name, practice_slug, allow_unresolved, today, progress, classify
        )


def _convert(
    table: RosterTable,
    practice_name: str,
    practice_slug: str,
    allow_unresolved: bool,
    today: dt.date | None,
    progress: Progress | None,
    classify: Classifier | None,
) -> RosterResult:
    today = today or dt.date.today()
    classify_fn = classify or titles.classify_title
    report = _Report(allow_unresolved)
    total = len(table.rows)
    entries = _read_entries(table, today, report, progress, total)
    people = _group_people(entries, report)
    _classify(entries, classify_fn, report)
    _resolve_managers(entries, people, report)
    _break_cycles(entries, people, report)
    _warn_tops(entries, table, report)
    snapshot = _assemble(entries, people, table, practice_name, practice_slug, today)
    if progress is not None:
        progress(total, total)
    return report.result(snapshot)


def _s(cell: Cell) -> str:
    # Text cells are by far the common case; only spreadsheet cells need converting.
    return cell if type(cell) is str else cell_text(cell)


def _read_entries(
    table: RosterTable,
    today: dt.date,
    report: _Report,
    progress: Progress | None,
    total: int,
) -> list[_Entry]:
    # Each field's position in a row, or -1 for a field the file lacks: every row gets a
    # trailing "" so v[-1] reads as blank. One tuple index per field keeps the loop cheap.
    ix = {f: (-1 if (i := table.index(f)) is None else i) for f in Field}
    i_first, i_last, i_full = ix[Field.FIRST_NAME], ix[Field.LAST_NAME], ix[Field.FULL_NAME]
    i_title, i_hire, i_term = ix[Field.JOB_TITLE], ix[Field.HIRE_DATE], ix[Field.TERMINATION_DATE]
    i_status, i_fte, i_hours = ix[Field.STATUS], ix[Field.FTE], ix[Field.HOURS]
    i_worker, i_time = ix[Field.WORKER_TYPE], ix[Field.TIME_TYPE]
    ref_fields = [
        (f, ix[f])
        for f in (
            Field.MANAGER_ID,
            Field.MANAGER_POSITION_ID,
            Field.MANAGER_EMAIL,
            Field.MANAGER_NAME,
        )
        if ix[f] >= 0
    ]
    dates: dict[Cell, dt.date | ValueError | None] = {}  # hire dates repeat a lot
    statuses: dict[str, str] = {}

    def date_of(cell: Cell) -> dt.date | None:
        found = dates.get(cell)
        if found is None and cell not in dates:
            try:
                found = parse_date(cell, today)
            except ValueError as exc:
                found = exc
            dates[cell] = found
        if isinstance(found, ValueError):
            raise found
        return found

    unknown_status: dict[str, list[int]] = {}
    per_period: list[int] = []
    bad_fte: list[int] = []
    assumed_fte: dict[str, list[int]] = {}
    no_end_date: list[int] = []
    worker_types: dict[str, str] = {}
    entries: list[_Entry] = []
    for done, row in enumerate(table.rows):
        if progress is not None and done % _PROGRESS_EVERY == 0 and done:
            progress(done, total)
        v = (*row.values, "")
        n = row.number
        first, last = _s(v[i_first]), _s(v[i_last])
        if not (first or last):
            first, last = split_name(_s(v[i_full]))
        name = f"{first} {last}".strip()
        if not name:
            report.problem(n, "name", "blank; every row needs a name", settled=False)
            name = f"(no name, row {n})"
        title = _s(v[i_title])
        if not title:
            report.problem(n, "job title", "blank; every row needs a job title", settled=False)

        start = end = term = None
        notes: list[str] = []
        try:
            start = date_of(v[i_hire])
        except ValueError:
            shown = cell_text(v[i_hire])
            report.problem(
                n,
                "hire date",
                f'"{shown}" is not a date (use YYYY-MM-DD or MM/DD/YYYY)',
                settled=True,
            )
            notes.append(f'unreadable hire date "{shown}"')
        try:
            term = date_of(v[i_term])
        except ValueError:
            report.problem(
                n,
                "termination date",
                f'"{cell_text(v[i_term])}" is not a date (use YYYY-MM-DD or MM/DD/YYYY)',
                settled=False,
            )
        if term is not None and start is not None and term < start:
            report.problem(
                n,
                "termination date",
                f"{term.isoformat()} is before the hire date {start.isoformat()}",
                settled=True,
            )
            notes.append(f"termination date {term} before hire date {start}; hire date dropped")
            start = None

        status_text = _s(v[i_status])
        status = statuses.get(status_text)
        if status is None:
            status = statuses[status_text] = _plain(status_text)
        terminated = status in _TERMINATED
        if status and not terminated and status not in _ACTIVE:
            unknown_status.setdefault(status_text, []).append(n)
        if term is not None and (term <= today or terminated):
            end = term
        elif terminated:
            end = today
            if v[i_term] == "":  # an unreadable date is reported above
                no_end_date.append(n)
        elif term is not None:
            end = term  # a known future last day: current until then

        kinds: set[str] = set()
        for text in (_s(v[i_time]), _s(v[i_worker]), status_text):
            if text:
                kind = worker_types.get(text)
                if kind is None:
                    kind = worker_types[text] = worker_type(text)
                kinds.add(kind)
        # Part time fixes the FTE; relief (PRN) without hours is a small share of a week.
        worker = next((k for k in ("part_time", "relief") if k in kinds), "")
        notes.extend(note for k, note in _WORKER_NOTES.items() if k in kinds)

        fte = _ASSUMED_FTE.get(worker, 1.0)
        fte_text, hours_text = _s(v[i_fte]), _s(v[i_hours])
        if worker in _ASSUMED_FTE and not (fte_text or hours_text):
            assumed_fte.setdefault(worker, []).append(n)
        try:
            if fte_text:
                fte = _parse_number(fte_text)
                if fte > 1.5 or "%" in fte_text:  # "80" or "80%" mean 0.8
                    fte /= 100
            elif hours_text:
                hours = _parse_number(hours_text)
                if hours > 60:  # per two-week pay period, as Paychex and Paylocity give it
                    per_period.append(n)
                    hours /= 2
                fte = hours / 40
            if fte < 0:
                raise ValueError(fte_text)
        except ValueError:
            bad_fte.append(n)
            fte = _ASSUMED_FTE.get(worker, 1.0)

        refs: list[tuple[Field, str]] = []
        for f, i in ref_fields:
            ref = _s(v[i])
            if ref:
                refs.append((f, ref))
        entries.append(
            _Entry(
                row=n,
                first=first,
                last=last,
                preferred=_s(v[ix[Field.PREFERRED_NAME]]),
                name=name,
                name_key=_plain(name),
                title=title,
                employee_id=_s(v[ix[Field.EMPLOYEE_ID]]),
                email=_s(v[ix[Field.EMAIL]]),
                position_id=_s(v[ix[Field.POSITION_ID]]),
                location=_s(v[ix[Field.LOCATION]]),
                department=_s(v[ix[Field.DEPARTMENT]]),
                start=start,
                end=end,
                fte=round(fte, 3),
                refs=tuple(refs),
                notes=notes,
            )
        )
    for value, rows in unknown_status.items():
        report.warn(
            rows[0],
            f"row {rows[0]}, status",
            f'"{value}" is not a status PracticeOS knows ({_rows_text(rows)}); treated as active',
        )
    if no_end_date:
        report.warn(
            no_end_date[0],
            f"row {no_end_date[0]}, termination date",
            f"status says terminated but there is no termination date ({_rows_text(no_end_date)});"
            f" ended as of {today.isoformat()}",
        )
    if per_period:
        report.warn(
            per_period[0],
            f"row {per_period[0]}, hours",
            f"more than 60 hours, read as hours per two-week pay period ({_rows_text(per_period)})",
        )
    for worker, rows in assumed_fte.items():
        report.warn(
            rows[0],
            f"row {rows[0]}, fte",
            f"{worker.replace('_', ' ')} with no FTE or hours ({_rows_text(rows)}); "
            f"FTE {_ASSUMED_FTE[worker]:g} assumed",
        )
    if bad_fte:
        report.warn(
            bad_fte[0],
            f"row {bad_fte[0]}, fte",
            f"not a number ({_rows_text(bad_fte)}); FTE 1.0 assumed",
        )
    return entries


@dataclass(slots=True)
class _PersonRec:
    id: str
    entries: list[int]
    primary: int = -1  # the entry holding the person's primary seat


def _group_people(entries: list[_Entry], report: _Report) -> list[_PersonRec]:
    """Give each entry a person; report duplicate ids, emails and name+title pairs."""
    people: list[_PersonRec] = []
    by_employee_id: dict[str, int] = {}  # id key -> entry index of first use
    by_email: dict[str, int] = {}
    by_name_title: dict[tuple[str, str], int] = {}
    title_keys: dict[str, str] = {}
    used_person_ids: set[str] = set()
    for i, e in enumerate(entries):
        duplicate_id = False
        if e.employee_id:
            key = _id_key(e.employee_id)
            seen = by_employee_id.get(key)
            if seen is not None:
                other = entries[seen]
                if other.name_key == e.name_key and _plain(other.title) != _plain(e.title):
                    # The same employee's second position, listed on its own row.
                    e.person = other.person
                    people[e.person].entries.append(i)
                    continue
                same = other.name_key == e.name_key
                report.problem(
                    e.row,
                    "employee id",
                    f'"{e.employee_id}" is also used by row {other.row} '
                    + (
                        "(the same name and job title: a repeated row?)"
                        if same
                        else f'("{other.name}")'
                    ),
                    settled=True,
                )
                e.notes.append(f"employee id {e.employee_id} also on row {other.row}")
                duplicate_id = True  # one problem per repeated row is enough
            else:
                by_employee_id[key] = i
        if e.email:
            key = e.email.casefold()
            seen = by_email.get(key)
            if seen is not None:
                if not duplicate_id:
                    other = entries[seen]
                    report.problem(
                        e.row,
                        "email",
                        f'"{e.email}" is also used by row {other.row} ("{other.name}")',
                        settled=True,
                    )
                    e.notes.append(f"email {e.email} also on row {other.row}; left blank")
                e.email = ""
            else:
                by_email[key] = i
        if e.name_key and e.title and not duplicate_id:
            title_key = title_keys.get(e.title)
            if title_key is None:
                title_key = title_keys[e.title] = _plain(e.title)
            pair = (e.name_key, title_key)
            seen = by_name_title.get(pair)
            if seen is not None:
                other = entries[seen]
                report.problem(
                    e.row,
                    "name",
                    f'"{e.name}" with job title "{e.title}" also appears at row {other.row} '
                    f"under another id; the same person twice?",
                    settled=True,
                )
                e.notes.append(f"possible duplicate of row {other.row}")
            else:
                by_name_title[pair] = i
        pid = e.employee_id or e.email or f"row-{e.row}"
        if pid in used_person_ids:
            pid = f"row-{e.row}"  # a duplicate id (reported above) must not merge people
        used_person_ids.add(pid)
        e.person = len(people)
        people.append(_PersonRec(id=pid, entries=[i]))
    for person in people:
        current = [i for i in person.entries if entries[i].end is None]
        person.primary = current[0] if current else person.entries[0]
    return people


def _classify(entries: list[_Entry], classify_fn: Classifier, report: _Report) -> None:
    """Classify each distinct title once; warn about titles the classifier only guessed."""
    cache: dict[str, tuple[TitleClass, ...]] = {}
    guessed: dict[str, list[int]] = {}
    for e in entries:
        classes = cache.get(e.title)
        if classes is None:
            found = tuple(classify_fn(e.title)) or (
                TitleClass(SeatKind.ADMINISTRATIVE, e.title or "Staff", Level.SENIOR),
            )
            classes = tuple(sorted(found, key=lambda c: _KIND_ORDER.get(c.kind, 9)))
            cache[e.title] = classes
        if e.title and not all(bool(getattr(c, "matched", True)) for c in classes):
            guessed.setdefault(e.title, []).append(e.row)
        e.classes = classes
    for title, rows in guessed.items():
        kinds = " + ".join(str(c.kind) for c in cache[title])
        report.warn(
            rows[0],
            f"row {rows[0]}, job title",
            f'"{title}" was not recognised ({_rows_text(rows)}); classified as {kinds}; '
            f"check the seat kind",
        )


class _Directory:
    """Dictionaries from every way a manager can be named to the entries that fit."""

    def __init__(self, entries: list[_Entry], people: list[_PersonRec]) -> None:
        self.entries = entries
        self.people = people
        self.by_id: dict[str, int] = {}
        self.by_position: dict[str, int] = {}
        self.by_email: dict[str, int] = {}
        self.by_name: dict[str, list[int]] = {}  # full name key -> person indexes
        self.by_alias: dict[str, list[int]] = {}  # first-word / preferred-name keys
        self.by_last: dict[str, list[int]] = {}  # for "Dr. Patel"
        for i, e in enumerate(entries):
            if e.employee_id:
                self.by_id.setdefault(_id_key(e.employee_id), e.person)
            if e.position_id:
                self.by_position.setdefault(_id_key(e.position_id), i)
            if e.email:
                self.by_email.setdefault(e.email.casefold(), e.person)
        for p_index, person in enumerate(people):
            e = entries[person.entries[0]]
            _add(self.by_name, e.name_key, p_index)
            last_key = _plain(e.last)
            _add(self.by_last, last_key, p_index)
            # Aliases only exist for a middle name or a preferred name: most people have none.
            if " " in e.first.strip():
                alias = _plain(f"{e.first.split()[0]} {e.last}")
                if alias != e.name_key:
                    _add(self.by_alias, alias, p_index)
            if e.preferred:
                alias = _plain(f"{e.preferred} {e.last}")
                if alias != e.name_key:
                    _add(self.by_alias, alias, p_index)
        self._surnames: dict[str, list[str]] | None = None
        self._email_buckets: dict[str, list[str]] | None = None
        self._budget = _SUGGESTION_BUDGET
        self._suggested: dict[tuple[Field, str], list[str]] = {}
        self._found: dict[tuple[Field, str], _Found] = {}

    def find(self, f: Field, value: str) -> _Found:
        """Look one reference up; an empty :class:`_Found` when nothing fits."""
        # A manager is named by every one of their reports: look each spelling up once.
        cache_key = (f, value)
        found = self._found.get(cache_key)
        if found is None:
            found = self._found[cache_key] = self._find(f, value)
        return found

    def _find(self, f: Field, value: str) -> _Found:
        if f is Field.MANAGER_POSITION_ID:
            hit = self.by_position.get(_id_key(value))
            return _Found(entry=hit) if hit is not None else _Found()
        if f is Field.MANAGER_ID:
            return self._person(self.by_id.get(_id_key(value)))
        if f is Field.MANAGER_EMAIL:
            return self._person(self.by_email.get(value.casefold()))
        # A name with a parenthesised employee id, "Smith, John (1042)", names by id.
        for inner in _PARENTHESISED_INNER.findall(value):
            p_index = self.by_id.get(_id_key(inner))
            if p_index is not None:
                return self._person(p_index)
        first, last = split_name(value)
        key = _plain(f"{first} {last}")
        candidates = self.by_name.get(key)
        if not candidates and not last:
            candidates = self.by_last.get(key)  # a surname alone: "Dr. Patel"
        if not candidates:
            short = _plain(f"{first.split()[0]} {last}") if first.split() else key
            candidates = sorted(set(self.by_alias.get(key, []) + self.by_alias.get(short, [])))
        if not candidates:
            return _Found()
        if len(candidates) > 1:
            # Prefer the one still employed: a namesake who left years ago is no rival.
            current = [p for p in candidates if self.entries[self.people[p].primary].end is None]
            if len(current) == 1:
                candidates = current
        if len(candidates) == 1:
            return self._person(candidates[0])
        return _Found(ambiguous=tuple(self.people[p].primary for p in candidates))

    def _person(self, p_index: int | None) -> _Found:
        return _Found() if p_index is None else _Found(entry=self.people[p_index].primary)

    def closest(self, f: Field, value: str) -> list[str]:
        """Up to three near misses for a failed reference, shown the way it was written."""
        if f not in (Field.MANAGER_NAME, Field.MANAGER_EMAIL):
            return []
        cache_key = (f, value)
        if cache_key in self._suggested:
            return self._suggested[cache_key]
        if self._budget <= 0:
            return []
        self._budget -= 1
        if f is Field.MANAGER_EMAIL:
            out = self._closest_emails(value.casefold())
        else:
            out = self._closest_names(value)
        self._suggested[cache_key] = out
        return out

    def _closest_emails(self, key: str) -> list[str]:
        buckets = self._email_buckets
        if buckets is None:
            # Candidates share the first two characters: a typo rarely hits both, and
            # the bucket stays small even with one domain for 100,000 people.
            buckets = self._email_buckets = {}
            for email in self.by_email:
                buckets.setdefault(email[:2], []).append(email)
        matches = difflib.get_close_matches(key, buckets.get(key[:2], []), n=3, cutoff=0.75)
        out = []
        for match in matches:
            e = self.entries[self.people[self.by_email[match]].primary]
            out.append(f'"{e.email}" (row {e.row})')
        return out

    def _closest_names(self, value: str) -> list[str]:
        surnames = self._surnames
        if surnames is None:
            surnames = self._surnames = {}
            for surname in self.by_last:
                surnames.setdefault(surname[:1], []).append(surname)
        first, last = split_name(value)
        key = _plain(f"{first} {last}")
        last_key = _plain(last or first)
        # Two small searches instead of one over everybody: first the surnames close to
        # the one written, then the full names of the people who carry them.
        close = difflib.get_close_matches(
            last_key, surnames.get(last_key[:1], []), n=3, cutoff=0.75
        )
        people = [p for surname in close for p in self.by_last[surname]]
        names = {self.entries[self.people[p].primary].name_key for p in people}
        if len(names) > 50:  # a common surname: keep those whose first name starts alike
            names = {n for n in names if n[:1] == key[:1]}
        out = []
        comma = "," in value
        for match in difflib.get_close_matches(key, sorted(names), n=3, cutoff=0.6):
            for p_index in self.by_name.get(match, [])[:2]:
                e = self.entries[self.people[p_index].primary]
                shown = f"{e.last}, {e.first}" if comma and e.last else e.name
                out.append(f'"{shown}" (row {e.row})')
        return out[:3]


def _add(index: dict[str, list[int]], key: str, value: int) -> None:
    # Values arrive in increasing order, so a repeat can only be the last one: checking
    # that alone keeps a file of 100,000 "Smith"s linear.
    if key:
        bucket = index.setdefault(key, [])
        if not bucket or bucket[-1] != value:
            bucket.append(value)


def _resolve_managers(entries: list[_Entry], people: list[_PersonRec], report: _Report) -> None:
    """Point each entry at its manager's entry, reporting references that fit nobody."""
    directory = _Directory(entries, people)
    self_managed: list[int] = []
    for i, e in enumerate(entries):
        failure: tuple[Field, str, _Found] | None = None
        for f, value in e.refs:
            found = directory.find(f, value)
            if found.entry >= 0:
                if failure is not None:
                    report.warn(
                        e.row,
                        f"row {e.row}, {LABELS[failure[0]]}",
                        f'"{failure[1]}" matches nobody; used {LABELS[f]} "{value}" instead',
                    )
                    failure = None
                target = found.entry
                if entries[target].person == e.person and i == people[e.person].primary:
                    self_managed.append(e.row)  # CEOs often "report to" themselves
                elif target != i:
                    e.manager = target
                break
            if failure is None:
                failure = (f, value, found)
        if failure is None:
            continue
        f, value, found = failure
        label = LABELS[f]
        if found.ambiguous:
            rows = sorted(entries[j].row for j in found.ambiguous)
            report.problem(
                e.row,
                label,
                f'"{value}" matches {len(rows)} people ({_and_rows(rows)}); '
                f"name the manager by email or employee id",
                settled=True,
            )
            e.notes.append(f'ambiguous manager "{value}" (row {e.row})')
        else:
            closest = directory.closest(f, value)
            what = {
                Field.MANAGER_ID: "matches no employee id",
                Field.MANAGER_POSITION_ID: "matches no position id",
                Field.MANAGER_EMAIL: "matches no work email",
            }.get(f, "matches nobody")
            hint = f"; closest: {', '.join(closest)}" if closest else ""
            report.problem(e.row, label, f'"{value}" {what}{hint}', settled=True)
            e.notes.append(f'unresolved manager "{value}" (row {e.row})')
    if self_managed:
        report.warn(
            self_managed[0],
            f"row {self_managed[0]}, manager",
            f"names the person themselves ({_rows_text(self_managed)}); "
            f"treated as the top of the chart",
        )


def _break_cycles(entries: list[_Entry], people: list[_PersonRec], report: _Report) -> None:
    """Find reporting cycles (each entry has one manager: a walk finds them linearly)."""
    state = [0] * len(entries)  # 0 unseen, 1 on the current walk, 2 finished
    for start in range(len(entries)):
        if state[start]:
            continue
        walk: list[int] = []
        node = start
        while node >= 0 and state[node] == 0:
            state[node] = 1
            walk.append(node)
            node = entries[node].manager
        if node >= 0 and state[node] == 1:
            cycle = walk[walk.index(node) :]
            _report_cycle(entries, cycle, report)
        for visited in walk:
            state[visited] = 2


def _report_cycle(entries: list[_Entry], cycle: list[int], report: _Report) -> None:
    # Start the story at the earliest row so the message is stable for a given file.
    first = min(range(len(cycle)), key=lambda k: entries[cycle[k]].row)
    ordered = cycle[first:] + cycle[:first]
    chain = " → ".join(f'"{entries[i].name}" (row {entries[i].row})' for i in ordered)
    chain += f' → "{entries[ordered[0]].name}"'
    report.problem(entries[ordered[0]].row, "manager", f"reporting cycle: {chain}", settled=True)
    # Break where the chart most plausibly tops out: the most senior kind of seat.
    breaker = min(
        ordered,
        key=lambda i: (
            _KIND_ORDER.get(entries[i].classes[0].kind, 9) if entries[i].classes else 9,
            entries[i].row,
        ),
    )
    entries[breaker].manager = -1
    entries[breaker].notes.append(f"reporting cycle broken here: {chain}")


def _warn_tops(entries: list[_Entry], table: RosterTable, report: _Report) -> None:
    has_manager_column = any(
        f in table.fields
        for f in (
            Field.MANAGER_NAME,
            Field.MANAGER_EMAIL,
            Field.MANAGER_ID,
            Field.MANAGER_POSITION_ID,
        )
    )
    if not has_manager_column:
        report.warn(
            0,
            "headers",
            "no manager column (reports to, supervisor, manager email or id): "
            "every seat is at the top of the chart; pass --columns MAP.yaml mapping "
            "manager_name: <header> if the file has one",
        )
        return
    tops = [e.row for e in entries if not e.refs and e.end is None]
    if len(tops) > 1:
        report.warn(
            tops[0],
            f"row {tops[0]}, manager",
            f"{len(tops)} current people have no manager ({_rows_text(tops)}); "
            f"each is at the top of the chart",
        )


#: Below this many years in the job, a title that says no level reads as junior.
JUNIOR_YEARS = 2.0
_BY_TENURE = frozenset({SeatKind.PROVIDER, SeatKind.SUPPORT, SeatKind.ADMINISTRATIVE})


def _level(e: _Entry, tc: TitleClass, today: dt.date) -> Level:
    """The title's level ("II", "Senior", "Lead", "Sr.", "I"); where the title says none,
    an individual contributor hired less than :data:`JUNIOR_YEARS` ago is junior. Lead is
    never given for time served: it is a step in scope, written on the title."""
    if tc.kind not in _BY_TENURE or e.start is None or titles.title_states_level(e.title, tc.kind):
        return tc.level
    years = (today - e.start).days / 365.25
    return Level.JUNIOR if 0 <= years < JUNIOR_YEARS else tc.level


def _assemble(
    entries: list[_Entry],
    people: list[_PersonRec],
    table: RosterTable,
    practice_name: str,
    practice_slug: str,
    today: dt.date,
) -> Snapshot:
    default_location = practice_name.strip() or "Main"
    locations: dict[str, Location] = {}
    roles: dict[str, Role] = {}
    teams: dict[str, str] = {}
    used_seat_names: set[str] = set()
    next_suffix: dict[str, int] = {}

    # Seats first (names and ids), so reports_to can point at any row's seat.
    for e in entries:
        location = e.location or default_location
        if location not in locations:
            locations[location] = Location(id=location, name=location)
        if e.department and e.department not in teams:
            teams[e.department] = e.department
        for tc in e.classes:
            # The role keeps the practice's own title and records the library card the
            # title matched, so the card can be adopted later without renaming anyone.
            title = titles.own_role_title(e.title, tc, len(e.classes))
            role = roles.get(title)
            if role is not None and role.kind is not tc.kind:
                title = tc.role_title  # the same words name two kinds: use the library's
                role = roles.get(title)
            template = tc.role_title if tc.matched else ""
            if role is None:
                roles[title] = Role(
                    id=title,
                    title=title,
                    kind=tc.kind,
                    provider_lead=tc.provider_lead,
                    template=template,
                )
            elif tc.provider_lead and not role.provider_lead:
                roles[title] = replace(role, provider_lead=True)
            e.role_ids.append(title)
            base = f"{title} — {location}"
            name = base
            if name in used_seat_names:
                suffix = next_suffix.get(base, 2)
                while f"{base} {suffix}" in used_seat_names:
                    suffix += 1
                next_suffix[base] = suffix + 1
                name = f"{base} {suffix}"
            used_seat_names.add(name)
            e.seat_ids.append(name)

    seats: list[Seat] = []
    assignments: list[Assignment] = []
    team_bosses: dict[str, Counter[str]] = {}
    for e in entries:
        manager_seat = None
        if e.manager >= 0 and entries[e.manager].seat_ids:
            manager_seat = entries[e.manager].seat_ids[0]
        note = "; ".join(e.notes)
        person_id = people[e.person].id
        share = round(e.fte / len(e.classes), 3) if e.classes else e.fte
        for position, (tc, seat_id) in enumerate(zip(e.classes, e.seat_ids, strict=True)):
            reports_to = manager_seat
            if reports_to is None and position:
                # A founder's surgeon seat sits under their own leadership seat rather than
                # floating as a second top of the chart.
                reports_to = e.seat_ids[0]
            seats.append(
                Seat(
                    id=seat_id,
                    name=seat_id,
                    kind=tc.kind,
                    role_id=e.role_ids[position],
                    location_id=e.location or default_location,
                    team_id=e.department or None,
                    reports_to=reports_to,
                    note=note,
                )
            )
            assignments.append(
                Assignment(
                    id=f"{person_id}@{seat_id}",
                    person_id=person_id,
                    seat_id=seat_id,
                    start=e.start,
                    end=e.end,
                    fte=share,
                    level=_level(e, tc, today),
                )
            )
            if e.department and manager_seat is not None and e.end is None:
                bosses = team_bosses.get(e.department)
                if bosses is None:
                    bosses = team_bosses[e.department] = Counter()
                bosses[manager_seat] += 1

    persons = []
    for person in people:
        e = entries[person.entries[0]]
        persons.append(
            Person(
                id=person.id,
                name=e.name,
                preferred_name=e.preferred,
                email=e.email,
                employee_id=e.employee_id,
            )
        )
    team_list = tuple(
        Team(
            id=name,
            name=name,
            # The seat most of the department reports to is the one that manages it.
            manager_seat_id=(
                team_bosses[name].most_common(1)[0][0] if name in team_bosses else None
            ),
        )
        for name in teams
    )
    return Snapshot(
        practice=PracticeInfo(name=practice_name, slug=practice_slug),
        locations=tuple(locations.values()),
        teams=team_list,
        roles=tuple(roles.values()),
        seats=tuple(seats),
        people=tuple(persons),
        assignments=tuple(assignments),
        as_of=today,
    )
