"""Header recognition for each vendor's export, column maps and the missing-column message."""

from __future__ import annotations

import pytest

from practiceos.core.problems import InputError
from practiceos.core.roster import Field, load_column_map, normalise_header, read_roster
from practiceos.core.roster.headers import FIELDS, recognise_headers
from tests.core.test_roster_support import DATA, samples

F = Field

# One header row per vendor as their standard or common custom reports name the columns.
VENDOR_HEADERS = {
    "bamboohr": (
        ["Employee #", "Last Name", "First Name", "Preferred Name", "Job Title",
         "Department", "Division", "Location", "Reporting to", "Work Email", "Hire Date",
         "Termination Date", "Employment Status", "Status"],
        {F.EMPLOYEE_ID: "Employee #", F.JOB_TITLE: "Job Title", F.MANAGER_NAME: "Reporting to",
         F.STATUS: "Status", F.DEPARTMENT: "Department", F.EMAIL: "Work Email"},
    ),
    "gusto": (
        ["First name", "Last name", "Preferred first name", "Job title", "Department",
         "Work location", "Manager", "Manager email", "Work email", "Personal email",
         "Start date", "Dismissal date"],
        {F.PREFERRED_NAME: "Preferred first name", F.MANAGER_NAME: "Manager",
         F.MANAGER_EMAIL: "Manager email", F.EMAIL: "Work email", F.HIRE_DATE: "Start date",
         F.TERMINATION_DATE: "Dismissal date", F.LOCATION: "Work location"},
    ),
    "adp": (
        ["Associate ID", "File Number", "Position ID", "Legal First Name", "Legal Last Name",
         "Job Title Description", "Home Department Description", "Location Description",
         "Reports To Name", "Reports To Associate ID", "Reports To Position ID",
         "Work Contact: Work Email", "Hire Date", "Termination Date", "Position Status",
         "Standard Hours"],
        {F.EMPLOYEE_ID: "Associate ID", F.POSITION_ID: "Position ID",
         F.MANAGER_ID: "Reports To Associate ID",
         F.MANAGER_POSITION_ID: "Reports To Position ID", F.MANAGER_NAME: "Reports To Name",
         F.EMAIL: "Work Contact: Work Email", F.STATUS: "Position Status",
         F.HOURS: "Standard Hours", F.JOB_TITLE: "Job Title Description"},
    ),
    "rippling": (
        ["Employee ID", "Legal full name", "Preferred first name", "Title", "Department",
         "Work location", "Manager", "Manager's work email", "Work email", "Start date",
         "End date", "Role state"],
        {F.FULL_NAME: "Legal full name", F.JOB_TITLE: "Title",
         F.MANAGER_EMAIL: "Manager's work email", F.TERMINATION_DATE: "End date",
         F.STATUS: "Role state"},
    ),
    "paylocity": (
        ["Employee Id", "Last Name", "First Name", "Preferred Name", "Position",
         "Cost Center 1", "Work Location", "Supervisor", "Supervisor Employee Id",
         "Work Email", "Hire Date", "Term Date", "Status", "Scheduled Hours"],
        {F.JOB_TITLE: "Position", F.DEPARTMENT: "Cost Center 1", F.MANAGER_NAME: "Supervisor",
         F.MANAGER_ID: "Supervisor Employee Id", F.TERMINATION_DATE: "Term Date",
         F.HOURS: "Scheduled Hours"},
    ),
    "paycom": (
        ["Employee Code", "Employee Name", "Position", "Department Desc", "Location Desc",
         "Supervisor Primary", "Supervisor Primary Code", "Work Email", "Hire Date",
         "Termination Date", "Employee Status"],
        {F.EMPLOYEE_ID: "Employee Code", F.FULL_NAME: "Employee Name",
         F.DEPARTMENT: "Department Desc", F.LOCATION: "Location Desc",
         F.MANAGER_NAME: "Supervisor Primary", F.MANAGER_ID: "Supervisor Primary Code",
         F.STATUS: "Employee Status"},
    ),
    "paychex": (
        ["Worker ID", "Last Name", "First Name", "Job Title", "Department", "Location",
         "Supervisor Name", "Supervisor ID", "Email Address", "Hire Date",
         "Termination Date", "Status", "Standard Hours"],
        {F.EMPLOYEE_ID: "Worker ID", F.MANAGER_NAME: "Supervisor Name",
         F.MANAGER_ID: "Supervisor ID", F.EMAIL: "Email Address"},
    ),
}  # fmt: skip


@pytest.mark.parametrize("vendor", sorted(VENDOR_HEADERS))
def test_vendor_headers_are_recognised(vendor: str) -> None:
    headers, expected = VENDOR_HEADERS[vendor]
    found = {field: headers[index] for field, index in recognise_headers(headers).items()}
    for field, header in expected.items():
        assert found.get(field) == header, field


def test_personal_email_is_never_the_work_email() -> None:
    headers = ["Name", "Job Title", "Personal Email"]
    assert Field.EMAIL not in recognise_headers(headers)


@pytest.mark.parametrize(
    ("header", "normalised"),
    [
        ("\ufeffEmployee #", "employee number"),
        ("  JOB   Title ", "job title"),
        ("Manager's Work E-mail", "managers work e mail"),
        ("Work Contact: Work Email", "work contact work email"),
        ("Fecha de contratación", "fecha de contratacion"),
        ("FTE %", "fte percent"),
    ],
)
def test_normalise_header(header: str, normalised: str) -> None:
    assert normalise_header(header) == normalised


@pytest.mark.parametrize(
    ("header", "field"),
    [
        ("Direct Manager Email Address", Field.MANAGER_EMAIL),
        ("Supervisor's Employee Number", Field.MANAGER_ID),
        ("Boss", Field.MANAGER_NAME),
        ("Official Job Title", Field.JOB_TITLE),
        ("Original Hire Dt", Field.HIRE_DATE),
        ("Primary Location Name", Field.LOCATION),
    ],
)
def test_unknown_headers_are_recognised_by_their_words(header: str, field: Field) -> None:
    found = recognise_headers(
        ["Name", "Job Title", header] if field != F.JOB_TITLE else ["Name", header]
    )
    assert found.get(field) == (1 if field == F.JOB_TITLE else 2)


def test_manager_title_is_not_taken_for_the_manager() -> None:
    assert Field.MANAGER_NAME not in recognise_headers(["Name", "Job Title", "Manager Title"])


def test_missing_columns_list_the_headers_seen_and_the_fix() -> None:
    with pytest.raises(InputError) as caught:
        read_roster(b"Emp #,Who,Posn\n1,Ann Lee,Dentist\n", filename="x.csv")
    assert [str(p) for p in caught.value.problems] == [
        "headers: could not find a name column (full name, or first and last name); saw "
        '"Emp #", "Who", "Posn"; pass --columns MAP.yaml mapping full_name: <header> '
        "(or first_name: and last_name:)",
        'headers: could not find a job title column; saw "Emp #", "Who", "Posn"; '
        "pass --columns MAP.yaml mapping job_title: <header>",
    ]


def test_column_map_makes_the_weird_file_readable() -> None:
    with pytest.raises(InputError):
        read_roster(DATA / "generic_weird.csv")
    column_map = load_column_map((DATA / "generic_weird_columns.yaml").read_text())
    table = read_roster(DATA / "generic_weird.csv", column_map=column_map)
    assert table.columns == {
        Field.EMPLOYEE_ID: "Emp #",
        Field.FULL_NAME: "Worker",
        Field.JOB_TITLE: "Posn",
        Field.LOCATION: "Site",
        Field.MANAGER_NAME: "Boss",
        Field.HIRE_DATE: "Started",
        Field.TERMINATION_DATE: "Gone",
        Field.HOURS: "Hrs/Wk",
    }
    assert len(table.rows) == 15


def test_column_map_wins_over_recognition_and_null_disables_a_field() -> None:
    data = b"Name,Title,Position,Department\nAnn Lee,DDS,Dentist,Ops\n"
    column_map = load_column_map("job_title: Position\ndepartment: null\n")
    table = read_roster(data, filename="x.csv", column_map=column_map)
    assert table.columns == {Field.FULL_NAME: "Name", Field.JOB_TITLE: "Position"}


def test_column_map_header_matches_ignoring_case_and_spaces() -> None:
    table = read_roster(
        b"Full Name ,Posn\nAnn Lee,Dentist\n",
        filename="x.csv",
        column_map=load_column_map("job_title: posn\n"),
    )
    assert table.columns[Field.JOB_TITLE] == "Posn"


def test_column_map_problems_name_the_field_and_the_accepted_values() -> None:
    with pytest.raises(InputError) as caught:
        load_column_map("jobtitle: Posn\nfull_name: [a, b]\nlocation: ''\n")
    assert [str(p) for p in caught.value.problems] == [
        f'columns: unknown field "jobtitle"; accepted: {", ".join(FIELDS)}',
        "columns: full_name: expected a header name, got list",
        "columns: location: the header name is blank",
    ]


def test_column_map_header_not_in_file_lists_the_headers() -> None:
    with pytest.raises(InputError) as caught:
        read_roster(
            b"Worker,Posn\nAnn Lee,Dentist\n",
            filename="x.csv",
            column_map={"full_name": "Worker", "job_title": "Job Titel"},
        )
    messages = [str(p) for p in caught.value.problems]
    assert (
        messages[0] == 'columns: job_title: no column "Job Titel" in the file; saw "Worker", "Posn"'
    )
    assert "could not find a job title column" in messages[1]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("- a\n- b\n", "must be a mapping of field names to headers"),
        ("job_title: [unclosed\n", "not valid YAML"),
    ],
)
def test_column_map_that_is_not_a_mapping(text: str, message: str) -> None:
    with pytest.raises(InputError, match=message):
        load_column_map(text)


def test_empty_column_map_is_empty() -> None:
    assert load_column_map("# nothing mapped\n") == {}


def test_every_committed_sample_is_recognised_without_a_map() -> None:
    for name in ("bamboohr.csv", "adp.csv", "gusto.csv", "broken.csv"):
        table = read_roster(DATA / name)
        assert Field.JOB_TITLE in table.columns, name
    xlsx = read_roster(samples().paylocity_workbook(), filename="paylocity.xlsx")
    assert xlsx.columns[Field.MANAGER_NAME] == "Supervisor"
