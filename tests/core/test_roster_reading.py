"""Decoding roster bytes: encodings, delimiters, xlsx cells, blank rows, dates."""

from __future__ import annotations

import datetime as dt
import io

import openpyxl  # type: ignore[import-untyped]
import pytest

from practiceos.core.problems import InputError
from practiceos.core.roster import Field, parse_date, read_roster, split_name
from practiceos.core.roster.reading import decode_text, read_grid, sniff_delimiter
from tests.core.test_roster_support import DATA, TODAY, samples


def test_utf8_bom_is_removed_from_the_first_header() -> None:
    table = read_roster(DATA / "bamboohr.csv")
    assert table.encoding == "utf-8-sig"
    assert table.headers[0] == "Employee #"
    assert table.columns[Field.EMPLOYEE_ID] == "Employee #"


def test_cp1252_accents_are_preserved() -> None:
    raw = (DATA / "adp.csv").read_bytes()
    assert "José".encode("cp1252") in raw  # the sample really is Windows-1252
    table = read_roster(raw, filename="adp.csv")
    assert table.encoding == "cp1252"
    firsts = {row.values[table.index(Field.FIRST_NAME) or 0] for row in table.rows}
    assert {"José", "Renée", "Zoë", "Chloé"} <= firsts


def test_strict_utf8_is_preferred_over_cp1252() -> None:
    text, encoding = decode_text("Peña,Müller\n".encode())
    assert (text, encoding) == ("Peña,Müller\n", "utf-8")


def test_undefined_cp1252_bytes_still_decode() -> None:
    text, encoding = decode_text(b"Name\x81,Title\n")
    assert encoding == "latin-1" and text.startswith("Name\x81")


def test_utf16_excel_unicode_text_is_read() -> None:
    data = "Name\tJob Title\nAnn Lee\tDentist\n".encode("utf-16")
    table = read_roster(data, filename="roster.txt")
    assert table.delimiter == "\t"
    assert [r.values for r in table.rows] == [("Ann Lee", "Dentist")]


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("Name,Title,Location", ","),
        ("Name;Title;Location", ";"),
        ("Name\tTitle\tLocation", "\t"),
        ('"Smith; Jr",Title', ","),  # separators inside quotes do not count
        ("Name", ","),
    ],
)
def test_delimiter_is_sniffed_from_the_header(header: str, expected: str) -> None:
    assert sniff_delimiter(f"\n{header}\nx\n") == expected


def test_semicolon_file_reads_into_the_right_columns() -> None:
    grid = read_grid((DATA / "generic_weird.csv").read_bytes(), "generic_weird.csv")
    assert grid.delimiter == ";"
    assert grid.headers == ("Emp #", "Worker", "Posn", "Site", "Boss", "Started", "Gone", "Hrs/Wk")
    assert grid.rows[0].cells[:3] == ("101", "Grace Holloway", "Owner Dentist")


def test_blank_rows_are_skipped_but_keep_their_row_numbers() -> None:
    data = b"Name,Job Title\n\n  Ann Lee  ,Dentist  \n,\n\nBo Chan,Hygienist\n"
    table = read_roster(data, filename="r.csv")
    assert [(r.number, r.values) for r in table.rows] == [
        (3, ("Ann Lee", "Dentist")),
        (6, ("Bo Chan", "Hygienist")),
    ]


def test_quoted_newline_counts_as_one_row() -> None:
    data = b'Name,Job Title\n"Lee, Ann","Dentist\nand owner"\nBo Chan,Hygienist\n'
    table = read_roster(data, filename="r.csv")
    assert [r.number for r in table.rows] == [2, 3]


def test_xlsx_header_after_blank_rows_dates_and_serials() -> None:
    table = read_roster(samples().paylocity_workbook(), filename="paylocity.xlsx")
    assert table.header_row == 3
    numbers = [r.number for r in table.rows]
    assert numbers[:5] == [4, 5, 6, 7, 8]
    assert 9 not in numbers  # the blank row inside the data
    assert numbers[5] == 10
    hire = table.index(Field.HIRE_DATE)
    term = table.index(Field.TERMINATION_DATE)
    assert hire is not None and term is not None
    first = table.rows[0].values
    assert first[hire] == dt.datetime(2011, 4, 18)
    owens = next(r for r in table.rows if "Owens" in r.values)
    assert parse_date(owens.values[term], TODAY) == dt.date(2023, 12, 31)  # serial 45291
    ident = table.index(Field.EMPLOYEE_ID)
    assert ident is not None and first[ident] == 5001


def test_xlsx_named_csv_is_still_read_as_xlsx_and_csv_named_xlsx_as_csv() -> None:
    workbook = openpyxl.Workbook()
    workbook.active.append(["Name", "Job Title"])
    workbook.active.append(["Ann Lee", "Dentist"])
    out = io.BytesIO()
    workbook.save(out)
    assert read_roster(out.getvalue(), filename="export.csv").rows[0].values == (
        "Ann Lee",
        "Dentist",
    )
    csv_table = read_roster(b"Name,Job Title\nBo Chan,Hygienist\n", filename="export.xlsx")
    assert csv_table.rows[0].values == ("Bo Chan", "Hygienist")


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "file: the file is empty"),
        (b"  \r\n\n", "file: the file is empty"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1rest", "old Excel .xls files cannot be read"),
        (b"PK\x03\x04not really a zip", "not a readable .xlsx workbook"),
    ],
)
def test_unreadable_files_raise_input_error(data: bytes, message: str) -> None:
    with pytest.raises(InputError) as caught:
        read_roster(data, filename="x.csv")
    assert message in str(caught.value)


def test_missing_path_is_an_input_error(tmp_path: object) -> None:
    with pytest.raises(InputError, match="cannot read"):
        read_roster(DATA / "no-such-file.csv")


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("2021-03-04", dt.date(2021, 3, 4)),
        ("2021-03-04T00:00:00", dt.date(2021, 3, 4)),
        ("03/04/2021", dt.date(2021, 3, 4)),
        ("3/4/21", dt.date(2021, 3, 4)),
        ("12/1/68", dt.date(1968, 12, 1)),  # two-digit years never land in the far future
        ("3/4/2021 0:00", dt.date(2021, 3, 4)),
        ("Mar 4, 2021", dt.date(2021, 3, 4)),
        ("4-Mar-2021", dt.date(2021, 3, 4)),
        ("20210304", dt.date(2021, 3, 4)),
        (44259.0, dt.date(2021, 3, 4)),
        (dt.datetime(2021, 3, 4, 9, 30), dt.date(2021, 3, 4)),
        (dt.date(2021, 3, 4), dt.date(2021, 3, 4)),
        ("", None),
    ],
)
def test_dates_in_every_supported_form(cell: str | float | dt.date, expected: object) -> None:
    assert parse_date(cell, TODAY) == expected


@pytest.mark.parametrize("cell", ["31/12/2020", "2021-02-30", "soon", "13/01/2021", "0"])
def test_unparseable_dates_raise_value_error(cell: str) -> None:
    with pytest.raises(ValueError):
        parse_date(cell, TODAY)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Smith, John", ("John", "Smith")),
        ("John Smith", ("John", "Smith")),
        ("Dr. John Smith", ("John", "Smith")),
        ("John Smith, DDS", ("John", "Smith")),
        ("Smith, John A.", ("John A.", "Smith")),
        ("Mary Ann Van Berg", ("Mary Ann Van", "Berg")),
        ("John Smith (1042)", ("John", "Smith")),
        ("Cher", ("Cher", "")),
        ("", ("", "")),
    ],
)
def test_split_name(text: str, expected: tuple[str, str]) -> None:
    assert split_name(text) == expected
