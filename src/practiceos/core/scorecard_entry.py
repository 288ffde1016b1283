"""Checking typed, pasted and uploaded numbers before anything is written.

Pure Python: given the practice's measurables (key, name, unit, cadence, computed) and
raw entries (from a grid cell, a pasted block, a CSV/XLSX row or an API body), return
clean entries or every problem at once, each naming its cell or row, the value and what
is accepted. Services write only when there are no problems (nothing half-written).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal

from practiceos.core.problems import Problem
from practiceos.core.scorecard import (
    Cadence,
    Unit,
    parse_number,
    parse_period,
    period_label,
    period_start,
)

#: The most numbers one save, paste, upload or API call may carry.
MAX_ENTRIES = 100_000


@dataclass(frozen=True, slots=True)
class MeasurableRef:
    """What entry checking needs to know of a measurable."""

    id: int
    key: str
    name: str
    unit: Unit
    cadence: Cadence
    computed: bool = False


@dataclass(frozen=True, slots=True)
class RawEntry:
    """One number as given: where it came from (``cell C4``, ``row 12``), for which
    measurable (key, name or id), for which period, and the value (blank clears it)."""

    where: str
    measurable: object
    period: object
    value: object


@dataclass(frozen=True, slots=True)
class CleanEntry:
    """A checked number: measurable id, period start and value (``None`` clears)."""

    where: str
    measurable_id: int
    period: dt.date
    value: Decimal | None


def _show(value: object) -> str:
    text = repr(value) if not isinstance(value, str) else f'"{value}"'
    return text if len(text) <= 60 else text[:57] + "…"


class Resolver:
    """Finds a measurable by id, key or name (case-insensitive)."""

    def __init__(self, measurables: Iterable[MeasurableRef]) -> None:
        self.by_id: dict[int, MeasurableRef] = {}
        self.by_text: dict[str, MeasurableRef] = {}
        for m in measurables:
            self.by_id[m.id] = m
            self.by_text[m.key.lower()] = m
            self.by_text.setdefault(m.name.strip().lower(), m)

    def find(self, ref: object) -> MeasurableRef | None:
        """The measurable ``ref`` names, or None."""
        if isinstance(ref, int) and not isinstance(ref, bool):
            return self.by_id.get(ref)
        if isinstance(ref, str):
            text = ref.strip()
            if text.isascii() and text.isdigit() and len(text) < 19:
                found = self.by_id.get(int(text))
                if found is not None:
                    return found
            return self.by_text.get(text.lower())
        return None


def check_entries(
    raw: Sequence[RawEntry], measurables: Iterable[MeasurableRef]
) -> tuple[list[CleanEntry], list[Problem]]:
    """Clean ``raw`` entries; the problems list names each bad cell (empty when all fit)."""
    if len(raw) > MAX_ENTRIES:
        return [], [Problem("entries", f"{len(raw)} numbers at once; at most {MAX_ENTRIES}")]
    resolver = Resolver(measurables)
    clean: list[CleanEntry] = []
    problems: list[Problem] = []
    seen: dict[tuple[int, dt.date], str] = {}
    for entry in raw:
        m = resolver.find(entry.measurable)
        if m is None:
            problems.append(
                Problem(
                    entry.where,
                    f"{_show(entry.measurable)} is not a measurable of this practice "
                    "(use its key, name or id)",
                )
            )
            continue
        if m.computed:
            problems.append(
                Problem(entry.where, f"{m.name} is computed by its formula; it takes no numbers")
            )
            continue
        try:
            if isinstance(entry.period, dt.datetime):
                period = period_start(entry.period.date(), m.cadence)
            elif isinstance(entry.period, dt.date):
                period = period_start(entry.period, m.cadence)
            else:
                period = parse_period(str(entry.period or ""), m.cadence)
        except ValueError as exc:
            problems.append(Problem(entry.where, f"period {exc}"))
            continue
        value: Decimal | None
        if entry.value is None or (isinstance(entry.value, str) and not entry.value.strip()):
            value = None
        else:
            try:
                value = parse_number(entry.value, m.unit)
            except ValueError as exc:
                problems.append(Problem(entry.where, f"{m.name}: {exc}"))
                continue
        slot = (m.id, period)
        if slot in seen:
            problems.append(
                Problem(
                    entry.where,
                    f"{m.name} {period_label(period, m.cadence)} is also given at {seen[slot]}; "
                    "give each number once",
                )
            )
            continue
        seen[slot] = entry.where
        clean.append(CleanEntry(entry.where, m.id, period, value))
    return clean, problems


def column_name(index: int) -> str:
    """Spreadsheet column letters for a 0-based index: 0 → A, 27 → AB."""
    name = ""
    index += 1
    while index:
        index, rem = divmod(index - 1, 26)
        name = chr(65 + rem) + name
    return name


def entries_from_grid(
    headers: Sequence[object], rows: Sequence[tuple[int, Sequence[object]]]
) -> tuple[list[RawEntry], list[Problem]]:
    """Raw entries from an uploaded sheet, long or wide.

    Long: columns ``measurable, period, value`` (in any order, case-insensitive). Wide: the
    first column names the measurable, each other column header is a period
    (``2026-W05``, a date, or ``2026-03``). ``rows`` are (row number in file, cells).
    """
    names = [str(h).strip().lower() for h in headers]
    problems: list[Problem] = []
    out: list[RawEntry] = []
    if {"measurable", "period", "value"} <= set(names):
        im, ip, iv = names.index("measurable"), names.index("period"), names.index("value")
        for number, cells in rows:

            def cell(i: int, cells: Sequence[object] = cells) -> object:
                return cells[i] if i < len(cells) else ""

            out.append(RawEntry(f"row {number}", cell(im), cell(ip), cell(iv)))
        return out, problems
    if not names or names[0] not in {"measurable", "key", "name"}:
        problems.append(
            Problem(
                "header",
                f"{_show(headers[0] if headers else '')} is not a measurable column; start with "
                "'measurable, period, value' or with 'measurable' then one column per period",
            )
        )
        return out, problems
    periods = list(headers[1:])
    for number, cells in rows:
        ref = cells[0] if cells else ""
        for i, period in enumerate(periods, start=1):
            value = cells[i] if i < len(cells) else ""
            if value in ("", None):
                continue  # a blank cell in a wide sheet is "not given", never a clear
            where = f"cell {column_name(i)}{number}"
            out.append(RawEntry(where, ref, period, value))
    return out, problems


def period_of_header(value: object) -> object:
    """A period header as the entry checker reads it (dates kept, others as text)."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, str) and len(value) > 10 and value[10:11] in (" ", "T"):
        # Spreadsheet date headers read as text ("2026-11-30 00:00:00"): the date part.
        try:
            return dt.date.fromisoformat(value[:10])
        except ValueError:
            return value
    return value


def refs_from(rows: Iterable[Mapping[str, object]]) -> list[MeasurableRef]:
    """Measurable refs from plain mappings (id, key, name, unit, cadence, computed)."""
    return [
        MeasurableRef(
            id=int(str(r["id"])),
            key=str(r["key"]),
            name=str(r["name"]),
            unit=Unit(str(r["unit"])),
            cadence=Cadence(str(r["cadence"])),
            computed=bool(r.get("computed")),
        )
        for r in rows
    ]
