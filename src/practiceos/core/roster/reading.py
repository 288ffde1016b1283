"""Decoding roster exports: CSV (any common encoding and delimiter) and ``.xlsx``.

This module turns bytes into a grid of cells with their row numbers as the user sees them
in a spreadsheet (the first row of the file is row 1), skipping blank rows but never
renumbering. It knows nothing about what the columns mean; see
:mod:`practiceos.core.roster.headers` for that.

Everything that can go wrong with the bytes themselves (an empty file, an old ``.xls``, a
zip that is not a workbook) is reported as an :class:`~practiceos.core.problems.InputError`
and never as any other exception: the web upload passes user bytes straight in here.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import zipfile
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

from practiceos.core.limits import ROSTER_CELL, ROSTER_COLUMNS, ROSTER_ROWS
from practiceos.core.problems import InputError, Problem

#: One cell value. CSV cells are always ``str``; spreadsheet cells keep their type so a
#: real date (or an Excel serial number) in a date column needs no guessing.
Cell = str | float | dt.date

_CANDIDATE_DELIMITERS = (",", ";", "\t", "|")


@dataclass(frozen=True, slots=True)
class RawRow:
    """One non-blank row of the file: its 1-based row number and its trimmed cells."""

    number: int
    cells: tuple[Cell, ...]


@dataclass(frozen=True, slots=True)
class RawGrid:
    """A decoded file: the header row (and its row number) and the rows below it."""

    headers: tuple[str, ...]
    header_row: int
    rows: tuple[RawRow, ...]
    encoding: str = ""
    delimiter: str = ""


class TooLarge(InputError):
    """The file passes an upload limit (rows, columns, cell size): stop reading it."""


def _problem(message: str) -> InputError:
    return InputError([Problem("file", message)])


def looks_like_xlsx(data: bytes) -> bool:
    """True when the bytes are a zip container (every ``.xlsx`` is one).

    The content decides, not the name: a CSV saved as "roster.xlsx" is still read as CSV.
    """
    return data[:4] == b"PK\x03\x04"


def decode_text(data: bytes) -> tuple[str, str]:
    """Decode CSV bytes; return ``(text, encoding name)``.

    UTF-16 is recognised by its byte-order mark (Excel's "Unicode text" export). Otherwise
    UTF-8 is tried strictly (with or without a BOM) because a Windows-1252 file almost never
    happens to be valid UTF-8; if that fails the file is read as Windows-1252, falling back
    to Latin-1 for the five byte values Windows-1252 leaves undefined, so decoding itself
    never fails.
    """
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        try:
            return data.decode("utf-16"), "utf-16"
        except UnicodeDecodeError as exc:
            raise _problem(f"the file starts like UTF-16 text but is not: {exc.reason}") from None
    try:
        return data.decode("utf-8-sig"), "utf-8-sig" if data[:3] == b"\xef\xbb\xbf" else "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252"), "cp1252"
    except UnicodeDecodeError:
        return data.decode("latin-1"), "latin-1"


def sniff_delimiter(text: str) -> str:
    """Pick the delimiter of a CSV text from its first non-blank line.

    The header line decides: it is the one line sure to hold several fields and, in
    exports, never holds a free-text comma inside quotes. Separators inside quotes are
    ignored. Comma wins ties (and a single-column file).
    """
    for line in text.splitlines():
        if line.strip():
            counts = dict.fromkeys(_CANDIDATE_DELIMITERS, 0)
            quoted = False
            for char in line:
                if char == '"':
                    quoted = not quoted
                elif not quoted and char in counts:
                    counts[char] += 1
            best = max(_CANDIDATE_DELIMITERS, key=lambda d: (counts[d], d == ","))
            return best if counts[best] else ","
    return ","


def _csv_records(text: str, delimiter: str) -> Iterator[tuple[str, ...]]:
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=False)
    strip = str.strip
    try:
        for record in reader:
            yield tuple(map(strip, record))  # CSV cells are all text: skip _clean
    except csv.Error as exc:
        raise InputError(
            [Problem(f"row {reader.line_num}", f"cannot be read as CSV: {exc}")]
        ) from None


def _column_name(index: int) -> str:
    """``0`` → ``A``, ``26`` → ``AA``: how a spreadsheet names a column."""
    name = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        name = chr(65 + rest) + name
    return name


def _bounded(number: int, cells: tuple[Cell, ...]) -> tuple[Cell, ...]:
    """``cells`` without trailing blanks, or an ``InputError`` past the upload limits
    (``core.limits``): a crafted file must not make the reader hold millions of cells."""
    end = len(cells)
    while end and cells[end - 1] == "":
        end -= 1
    if end > ROSTER_COLUMNS:
        raise TooLarge(
            [
                Problem(
                    f"row {number}",
                    f"has a value in column {_column_name(end - 1)} (column {end:,}); at most "
                    f"{ROSTER_COLUMNS} columns are read: delete the columns the roster "
                    "does not need",
                )
            ]
        )
    kept = cells[:end] if end < len(cells) else cells
    try:
        longest = max(map(len, kept), default=0)  # type: ignore[arg-type]
    except TypeError:  # spreadsheet numbers and dates among the texts
        longest = max((len(c) for c in kept if isinstance(c, str)), default=0)
    if longest <= ROSTER_CELL:
        return kept
    for i, cell in enumerate(kept):
        if isinstance(cell, str) and len(cell) > ROSTER_CELL:
            raise TooLarge(
                [
                    Problem(
                        f"row {number}, column {_column_name(i)}",
                        f"holds {len(cell):,} characters; at most {ROSTER_CELL:,} are read "
                        "from one cell",
                    )
                ]
            )
    return kept


def _grid_from_records(records: Iterable[Sequence[object]], *, clean: bool = True) -> RawGrid:
    headers: tuple[str, ...] | None = None
    header_row = 0
    rows: list[RawRow] = []
    for number, record in enumerate(records, start=1):
        if number > ROSTER_ROWS:
            raise TooLarge(
                [
                    Problem(
                        "file",
                        f"has more than {ROSTER_ROWS:,} rows; split the export (by location, "
                        "for example) and import each part",
                    )
                ]
            )
        cells: tuple[Cell, ...] = (
            tuple(_clean(value) for value in record) if clean else record  # type: ignore[assignment]
        )
        if not any(cell != "" for cell in cells):
            continue  # stray blank row: skipped, but the numbering above keeps counting it
        cells = _bounded(number, cells)
        if headers is None:
            headers = tuple(str(cell).lstrip("\ufeff").strip() for cell in cells)
            header_row = number
        else:
            rows.append(RawRow(number, cells))
    if headers is None:
        raise _problem("the file is empty: no header row found")
    return RawGrid(headers=headers, header_row=header_row, rows=tuple(rows))


def _clean(value: object) -> Cell:
    """Normalise one raw cell: strings trimmed, empties to ``""``, numbers and dates kept."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value.strip().lstrip("\ufeff")
    if isinstance(value, bool):  # before int: bool is an int subclass
        return "TRUE" if value else "FALSE"
    if isinstance(value, int | float | dt.date):
        return value
    return str(value).strip()  # times, timedeltas, formula errors ...


def _xlsx_sheets(data: bytes) -> Iterator[Iterator[tuple[object, ...]]]:
    """Typed wrapper over openpyxl (which ships no type information): rows of each sheet.

    The active sheet comes first, then the others in workbook order.
    """
    import openpyxl  # type: ignore[import-untyped]

    workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    try:
        active = workbook.active
        sheets = [active] if active is not None else []
        sheets += [ws for ws in workbook.worksheets if ws is not active]
        for sheet in sheets:
            if hasattr(sheet, "iter_rows"):  # chartsheets have no cells
                # Some writers store a wrong sheet size; forgetting it makes openpyxl
                # read every row that is really there.
                if hasattr(sheet, "reset_dimensions"):
                    sheet.reset_dimensions()
                # max_col: openpyxl pads every row up to the widest one (a single cell
                # in column XFD makes each row 16,384 values); the reader needs only
                # the allowed columns and one more to tell that there are too many.
                yield sheet.iter_rows(values_only=True, max_col=ROSTER_COLUMNS + 1)
    finally:
        workbook.close()


_NONES = (None,) * (ROSTER_COLUMNS + 2)
_ROW_TAG = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?row[\s>/]")
#: Unpacked worksheet XML read at most (a zip bomb stops here, not in the parser).
_SHEET_XML_BYTES = 1024**3
#: The workbook's shared texts, which openpyxl holds in memory whole.
_SHARED_STRINGS_BYTES = 64 * 1024**2


def _count_rows(data: bytes) -> None:
    """Refuse a workbook with a sheet of more rows than allowed before parsing it.

    Counting ``<row`` tags in the unpacked XML runs at C speed (a second per gigabyte),
    where parsing 200,000 rows takes openpyxl half a minute: a crafted file is refused
    at once. Anything unusual is left to the parser, which reports it.
    """
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            for info in zf.infolist():
                # zipfile never unpacks more than an entry's declared size.
                if info.filename.endswith("sharedStrings.xml") and (
                    info.file_size > _SHARED_STRINGS_BYTES
                ):
                    raise TooLarge(
                        [
                            Problem(
                                "file",
                                f"holds {info.file_size / 2**20:,.0f} MB of text when unpacked; "
                                f"at most {_SHARED_STRINGS_BYTES // 2**20} MB are read",
                            )
                        ]
                    )
                if not info.filename.startswith("xl/worksheets/") or not info.filename.endswith(
                    ".xml"
                ):
                    continue
                rows, read, tail = 0, 0, b""
                with zf.open(info) as sheet:
                    while chunk := sheet.read(1 << 20):
                        read += len(chunk)
                        if read > _SHEET_XML_BYTES:
                            raise TooLarge(
                                [
                                    Problem(
                                        "file",
                                        "unpacks to more than 1 GB of sheet data; export the "
                                        "roster again as .xlsx or CSV",
                                    )
                                ]
                            )
                        window = tail + chunk
                        rows += len(_ROW_TAG.findall(window))
                        # Keep the end of the window so a tag cut in two is counted once:
                        # a tag wholly inside the kept tail was counted and is dropped.
                        tail = window[-16:]
                        rows -= len(_ROW_TAG.findall(tail))
                        if rows > ROSTER_ROWS:
                            raise TooLarge(
                                [
                                    Problem(
                                        "file",
                                        f"has more than {ROSTER_ROWS:,} rows; split the export "
                                        "(by location, for example) and import each part",
                                    )
                                ]
                            )
    except (zipfile.BadZipFile, OSError, EOFError, RuntimeError, NotImplementedError):
        return  # the parser says what is wrong with the file


def _trimmed(row: tuple[object, ...]) -> tuple[object, ...]:
    """``row`` without its trailing empty cells, found by a binary search over C-speed
    tuple comparisons: rows come padded with ``None`` to the widest column read, and
    cleaning 200 empty cells per row in Python would dominate the read."""
    n = len(row)
    if n == 0 or row[-1] is not None:
        return row
    lo, hi = 0, n  # row[hi:] is all empty; find the smallest such hi
    while lo < hi:
        mid = (lo + hi) // 2
        if row[mid:] == _NONES[: n - mid]:
            hi = mid
        else:
            lo = mid + 1
    return row[:hi]


def read_csv_bytes(data: bytes) -> RawGrid:
    """Decode CSV bytes (encoding and delimiter detected) into a :class:`RawGrid`."""
    text, encoding = decode_text(data)
    delimiter = sniff_delimiter(text)
    grid = _grid_from_records(_csv_records(text, delimiter), clean=False)
    del text
    return RawGrid(grid.headers, grid.header_row, grid.rows, encoding, delimiter)


def read_xlsx_bytes(data: bytes) -> RawGrid:
    """Read the first non-empty sheet of an ``.xlsx`` workbook into a :class:`RawGrid`.

    Uses openpyxl in read-only, values-only mode (no formulas evaluated, no styles
    loaded), streaming row by row; rows, columns and cell sizes are bounded
    (``core.limits``), so memory stays flat whatever the workbook claims.
    """
    _count_rows(data)
    try:
        for rows in _xlsx_sheets(data):
            try:
                return _grid_from_records(_trimmed(row) for row in rows)
            except TooLarge:
                raise
            except InputError:
                continue  # an empty sheet: try the next one
    except InputError:
        raise
    except (zipfile.BadZipFile, KeyError, ValueError, TypeError, OSError, EOFError) as exc:
        raise _problem(f"not a readable .xlsx workbook ({type(exc).__name__}: {exc})") from None
    except Exception as exc:  # openpyxl raises many private error types on corrupt files
        raise _problem(f"not a readable .xlsx workbook ({type(exc).__name__})") from None
    raise _problem("the workbook is empty: no sheet has a header row")


def read_grid(data: bytes, filename: str) -> RawGrid:
    """Read an export's bytes as ``.xlsx`` or CSV, chosen by content and file name."""
    if not data.strip():
        raise _problem("the file is empty")
    if data[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" or filename.lower().endswith(".xls"):
        raise _problem("old Excel .xls files cannot be read; save the sheet as .xlsx or CSV")
    if looks_like_xlsx(data):
        return read_xlsx_bytes(data)
    return read_csv_bytes(data)
