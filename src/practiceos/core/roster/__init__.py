"""Reading HRIS and payroll roster exports into a :class:`~practiceos.core.model.Snapshot`.

Two steps, so a caller can show what was recognised before converting::

    table = read_roster(path, column_map=load_column_map(text) if text else None)
    result = roster_to_snapshot(table, practice_name="Lakeside Dental", practice_slug="lakeside")
    if result.blocking:
        ...  # show result.problems; write nothing
    else:
        ...  # write result.snapshot; show result.warnings

Both raise only :class:`~practiceos.core.problems.InputError` (unreadable bytes, missing
required columns, a bad column map); problems in the data rows are returned in the
result, all of them, with the row numbers the user sees in a spreadsheet.
"""

from practiceos.core.roster.build import (
    RosterResult,
    RosterRow,
    RosterTable,
    parse_date,
    read_roster,
    roster_to_snapshot,
    split_name,
)
from practiceos.core.roster.headers import FIELDS, Field, load_column_map, normalise_header

__all__ = [
    "FIELDS",
    "Field",
    "RosterResult",
    "RosterRow",
    "RosterTable",
    "load_column_map",
    "normalise_header",
    "parse_date",
    "read_roster",
    "roster_to_snapshot",
    "split_name",
]
