"""Converting roster tables into snapshots: seats, managers, problems, notes, progress."""

from __future__ import annotations

import datetime as dt

import pytest

from practiceos.core.model import Level, SeatKind, Snapshot
from practiceos.core.problems import Problem
from practiceos.core.roster import RosterResult, load_column_map, read_roster
from practiceos.core.titles import TitleClass
from tests.core.test_roster_support import DATA, TODAY, convert, samples


def _csv(text: str) -> bytes:
    return text.strip().replace("|", ",").encode() + b"\n"


def _manager_name(snapshot: Snapshot, person_name: str) -> str | None:
    """Name of the person in the manager seat of ``person_name``'s primary seat."""
    person = next(p for p in snapshot.people if p.name == person_name)
    seat_id = next(a.seat_id for a in snapshot.assignments if a.person_id == person.id)
    seat = snapshot.seats_by_id[seat_id]
    if seat.reports_to is None:
        return None
    holder = next(a for a in snapshot.assignments if a.seat_id == seat.reports_to)
    return snapshot.people_by_id[holder.person_id].name


# --- the vendor samples ------------------------------------------------------------------


def test_bamboohr_sample_builds_the_dental_chart() -> None:
    result = convert(read_roster(DATA / "bamboohr.csv"), practice_name="Bright Smile Dental")
    assert result.problems == [] and not result.blocking
    snap = result.snapshot
    assert len(snap.people) == 18
    assert [loc.id for loc in snap.locations] == ["Maple Street", "Riverside"]
    assert _manager_name(snap, "Rosa Alvarez") == "Layla Haddad"
    assert _manager_name(snap, "Chinedu Okafor") == "Daniela Reyes"
    assert _manager_name(snap, "Daniela Reyes") is None
    chi = next(p for p in snap.people if p.name == "Chinedu Okafor")
    assert (chi.id, chi.preferred_name, chi.email) == (
        "E002",
        "Chi",
        "chi.okafor@brightsmile.example",
    )
    hygienists = sorted(s.id for s in snap.seats if s.role_id == "Dental Hygienist")
    assert hygienists == [
        "Dental Hygienist — Maple Street",
        "Dental Hygienist — Maple Street 2",
        "Dental Hygienist — Riverside",
    ]
    assert {t.id for t in snap.teams} == {"Clinical", "Administration", "Front Office"}
    admin = snap.teams_by_id["Administration"]
    assert admin.manager_seat_id == "Office Manager — Maple Street"


def test_adp_sample_matches_names_without_accents_and_reads_hours() -> None:
    result = convert(read_roster(DATA / "adp.csv"))
    assert result.problems == []
    snap = result.snapshot
    assert _manager_name(snap, "Priya Raman") == "José Peña"  # written "Jose Pena"
    assert _manager_name(snap, "Carlos Mendoza") == "Renée Dubois"
    brianna = next(p for p in snap.people if p.name == "Brianna Scott")
    assert [a.fte for a in snap.assignments if a.person_id == brianna.id] == [0.6]
    hannah = next(p for p in snap.people if p.name == "Hannah Cho")
    assert next(a.start for a in snap.assignments if a.person_id == hannah.id) == dt.date(
        2016, 9, 1
    )


def test_gusto_sample_resolves_managers_by_email_case_insensitively() -> None:
    result = convert(read_roster(DATA / "gusto.csv"))
    assert result.problems == []
    snap = result.snapshot
    assert _manager_name(snap, "Amara Obi") == "Jenna Cole"
    assert _manager_name(snap, "Sara Lindgren") == "Pete Alvarez"
    amara = next(p for p in snap.people if p.name == "Amara Obi")
    assert amara.id == "amara.obi@harborvet.example"  # no employee id: the email is the id
    assert [loc.name for loc in snap.locations] == ["Harbor Animal Hospital"]


def test_paylocity_workbook_with_dates_serials_and_status_codes() -> None:
    table = read_roster(samples().paylocity_workbook(), filename="paylocity.xlsx")
    result = convert(table)
    assert result.problems == []
    snap = result.snapshot
    tasha = next(p for p in snap.people if p.name == "Tasha Owens")
    (ended,) = [a for a in snap.assignments if a.person_id == tasha.id]
    assert ended.end == dt.date(2023, 12, 31) and not ended.is_current(TODAY)
    assert tasha.id == "5007"
    colin = next(p for p in snap.people if p.name == "Colin Reed")
    assert [a.fte for a in snap.assignments if a.person_id == colin.id] == [1.0]  # 80 h / 2 wk
    assert [str(w) for w in result.warnings] == [
        "row 14, hours: more than 60 hours, read as hours per two-week pay period (row 14)"
    ]


def test_weird_sample_with_column_map_builds() -> None:
    column_map = load_column_map((DATA / "generic_weird_columns.yaml").read_text())
    result = convert(read_roster(DATA / "generic_weird.csv", column_map=column_map))
    assert result.problems == []
    assert _manager_name(result.snapshot, "Caleb Jones") == "Lucia Romano"
    hana = next(a for a in result.snapshot.assignments if a.person_id == "111")
    assert hana.fte == 0.5


# --- problems ----------------------------------------------------------------------------

BROKEN_PROBLEMS = [
    'row 7, manager: "Smyth, Jon" matches nobody; closest: "Smythe, Joan" (row 4), '
    '"Smith, John" (row 3)',
    'row 8, manager: "Garcia, Maria" matches 2 people (rows 5 and 6); '
    "name the manager by email or employee id",
    'row 10, email: "beth@broken.example" is also used by row 8 ("Beth Lowe")',
    'row 11, name: "Alan Kerr" with job title "Dental Assistant" also appears at row 7 '
    "under another id; the same person twice?",
    'row 12, employee id: "7" is also used by row 8 ("Beth Lowe")',
    "row 13, name: blank; every row needs a name",
    "row 14, job title: blank; every row needs a job title",
    'row 15, hire date: "31/12/2020" is not a date (use YYYY-MM-DD or MM/DD/YYYY)',
    'row 16, termination date: "sometime in May" is not a date (use YYYY-MM-DD or MM/DD/YYYY)',
    "row 17, termination date: 2021-08-01 is before the hire date 2022-08-01",
    'row 18, manager: reporting cycle: "Carl Ames" (row 18) → "Pat Drew" (row 19) → "Carl Ames"',
    'row 21, manager email: "jon.smith@broken.example" matches no work email; closest: '
    '"john.smith@broken.example" (row 3), "joan@broken.example" (row 4)',
]


@pytest.fixture(scope="module")
def broken() -> RosterResult:
    return convert(read_roster(DATA / "broken.csv"))


def test_every_problem_is_reported_together_with_row_numbers(broken: RosterResult) -> None:
    assert [str(p) for p in broken.problems] == BROKEN_PROBLEMS
    assert broken.blocking
    assert broken.blocking_problems == broken.problems


def test_allow_unresolved_keeps_people_and_notes_why() -> None:
    result = convert(read_roster(DATA / "broken.csv"), allow_unresolved=True)
    assert [str(p) for p in result.problems] == BROKEN_PROBLEMS  # still all reported
    # Only what cannot be worked around still blocks.
    assert [str(p) for p in result.blocking_problems] == [
        "row 13, name: blank; every row needs a name",
        "row 14, job title: blank; every row needs a job title",
        'row 16, termination date: "sometime in May" is not a date (use YYYY-MM-DD or MM/DD/YYYY)',
    ]
    snap = result.snapshot
    assert len(snap.people) == 18  # nobody dropped
    alan = snap.seats_by_id[next(a.seat_id for a in snap.assignments if a.person_id == "6")]
    assert alan.reports_to is None
    assert alan.note == 'unresolved manager "Smyth, Jon" (row 7)'
    beth = snap.seats_by_id[next(a.seat_id for a in snap.assignments if a.person_id == "7")]
    assert beth.reports_to is None
    assert beth.note == 'ambiguous manager "Garcia, Maria" (row 8)'
    cycle_notes = [s.note for s in snap.seats if "cycle" in s.note]
    assert cycle_notes == [
        'reporting cycle broken here: "Carl Ames" (row 18) → "Pat Drew" (row 19) → "Carl Ames"'
    ]
    # The lab manager is the more senior seat, so the cycle is broken there.
    pat = next(s for s in snap.seats if s.role_id == "Lab Manager")
    carl = next(s for s in snap.seats if s.role_id == "Lab Technician")
    assert pat.reports_to is None and carl.reports_to == pat.id
    nina = next(p for p in snap.people if p.name == "Nina Hart")
    assert nina.email == ""  # the repeated email is not given to a second person
    ian = next(p for p in snap.people if p.name == "Ian Frost")
    assert ian.id == "row-12" and ian.employee_id == "7"


def test_problems_are_identical_with_the_real_classifier() -> None:
    table = read_roster(DATA / "broken.csv")
    result = convert(table, classify=None)
    assert [str(p) for p in result.problems] == BROKEN_PROBLEMS


def test_clean_file_with_allow_unresolved_is_not_blocking() -> None:
    table = read_roster(_csv("Name|Job Title|Reports To\nAnn Lee|Owner|\nBo Chan|Dentist|Nobody"))
    assert convert(table).blocking
    result = convert(table, allow_unresolved=True)
    assert not result.blocking and len(result.problems) == 1


# --- seats, managers and assignments -----------------------------------------------------


def test_combined_title_gives_two_seats_for_one_person_leadership_first() -> None:
    table = read_roster(
        _csv(
            "Employee ID|Name|Job Title|Location|Reports To\n"
            "1|Marcus Whitfield|Orthopedic Surgeon / Founder & CEO|Main|\n"
            "2|Kevin Obrien|Practice Administrator|Main|Marcus Whitfield\n"
            "3|Ann Lee|Orthopedic Surgeon|Main|Marcus Whitfield"
        )
    )
    result = convert(table)
    snap = result.snapshot
    marcus = [a for a in snap.assignments if a.person_id == "1"]
    assert [a.seat_id for a in marcus] == ["Founder & CEO — Main", "Orthopedic Surgeon — Main"]
    assert [snap.seats_by_id[a.seat_id].kind for a in marcus] == [
        SeatKind.LEADERSHIP,
        SeatKind.PROVIDER,
    ]
    assert [a.fte for a in marcus] == [0.5, 0.5]
    # With no manager of their own, the surgeon seat sits under their leadership seat.
    assert [snap.seats_by_id[a.seat_id].reports_to for a in marcus] == [
        None,
        "Founder & CEO — Main",
    ]
    # Reports hang under the leadership seat, the person's primary seat.
    assert snap.seats_by_id["Practice Administrator — Main"].reports_to == "Founder & CEO — Main"
    assert snap.seats_by_id["Orthopedic Surgeon — Main 2"].reports_to == "Founder & CEO — Main"
    assert {r.id: r.kind for r in snap.roles} == {
        "Founder & CEO": SeatKind.LEADERSHIP,
        "Orthopedic Surgeon": SeatKind.PROVIDER,
        "Practice Administrator": SeatKind.MANAGEMENT,
    }
    assert len(snap.people) == 3


def test_combined_title_with_a_manager_puts_both_seats_under_that_manager() -> None:
    table = read_roster(
        _csv(
            "Employee ID|Name|Job Title|Reports To\n"
            "1|Ann Lee|Regional Director|\n"
            "2|Bo Chan|Office Manager / Dental Assistant|Ann Lee"
        )
    )
    snap = convert(table).snapshot
    seats = [snap.seats_by_id[a.seat_id] for a in snap.assignments if a.person_id == "2"]
    assert [(s.kind, s.reports_to) for s in seats] == [
        (SeatKind.MANAGEMENT, "Regional Director — Test Practice"),
        (SeatKind.SUPPORT, "Regional Director — Test Practice"),
    ]


def test_terminated_rows_become_ended_assignments_never_dropped() -> None:
    table = read_roster(
        _csv(
            "Name|Job Title|Hire Date|Termination Date|Status\n"
            "Ann Lee|Owner|2010-01-01||Active\n"
            "Bo Chan|Dentist|2015-01-01|2024-05-31|Terminated\n"
            "Cy Dunn|Dentist|2016-01-01||Inactive\n"
            "Di Eve|Dentist|2017-01-01|2025-12-31|Active\n"
            "Ed Fox|Dentist|2017-01-01|2024-01-15|"
        )
    )
    result = convert(table)
    ends = {a.person_id: a.end for a in result.snapshot.assignments}
    assert ends == {
        "row-2": None,
        "row-3": dt.date(2024, 5, 31),
        "row-4": TODAY,  # inactive with no date: ended as of the import
        "row-5": dt.date(2025, 12, 31),  # a future last day: still current
        "row-6": dt.date(2024, 1, 15),  # a past termination date ends it whatever the status
    }
    current = {a.person_id for a in result.snapshot.current_assignments}
    assert current == {"row-2", "row-5"}
    assert [str(w) for w in result.warnings if w.where != "headers"] == [
        "row 4, termination date: status says terminated but there is no termination date "
        "(row 4); ended as of 2025-06-01",
    ]


def test_manager_by_id_beats_name_and_padded_ids_match() -> None:
    table = read_roster(
        _csv(
            "Employee ID|Name|Job Title|Manager Name|Manager ID\n"
            "00017|Ann Lee|Owner||\n"
            "00018|Bo Chan|Office Manager|Ann Lee|17\n"
            "00019|Cy Dunn|Dentist|Somebody Else|18"
        )
    )
    snap = convert(table).snapshot
    assert _manager_name(snap, "Bo Chan") == "Ann Lee"
    assert _manager_name(snap, "Cy Dunn") == "Bo Chan"


def test_failed_id_falls_back_to_name_with_a_warning() -> None:
    table = read_roster(
        _csv(
            "Employee ID|Name|Job Title|Manager Name|Manager ID\n"
            "1|Ann Lee|Owner||\n"
            "2|Bo Chan|Office Manager|Ann Lee|99"
        )
    )
    result = convert(table)
    assert result.problems == []
    assert _manager_name(result.snapshot, "Bo Chan") == "Ann Lee"
    assert [str(w) for w in result.warnings] == [
        'row 3, manager id: "99" matches nobody; used manager "Ann Lee" instead'
    ]


def test_manager_by_position_id_points_at_that_position() -> None:
    table = read_roster(
        _csv(
            "Associate ID|Position ID|Name|Job Title|Reports To Position ID\n"
            "A1|P100|Ann Lee|Owner|\n"
            "A2|P200|Bo Chan|Office Manager|P100\n"
            "A3|P300|Cy Dunn|Receptionist|P200"
        )
    )
    snap = convert(table).snapshot
    assert _manager_name(snap, "Cy Dunn") == "Bo Chan"


def test_names_match_by_preferred_name_honorific_and_surname_alone() -> None:
    table = read_roster(
        _csv(
            "Name|Preferred Name|Job Title|Supervisor\n"
            '"Patel, Anish Kumar"|Nish|Owner Dentist|\n'
            "Bo Chan||Office Manager|Nish Patel\n"
            "Cy Dunn||Dental Assistant|Dr. Patel\n"
            '"Dunn, Di"||Receptionist|"Chan, Bo"'
        )
    )
    result = convert(table)
    assert result.problems == []
    snap = result.snapshot
    assert _manager_name(snap, "Bo Chan") == "Anish Kumar Patel"
    assert _manager_name(snap, "Cy Dunn") == "Anish Kumar Patel"
    assert _manager_name(snap, "Di Dunn") == "Bo Chan"


def test_ambiguous_name_prefers_the_one_still_employed() -> None:
    table = read_roster(
        _csv(
            "Employee ID|Name|Job Title|Reports To|Termination Date|Status\n"
            "1|Ann Lee|Owner|||Active\n"
            "2|John Smith|Office Manager|Ann Lee|2019-01-01|Terminated\n"
            "3|John Smith|Practice Manager|Ann Lee||Active\n"
            "4|Cy Dunn|Receptionist|John Smith||Active"
        )
    )
    result = convert(table)
    assert result.problems == []
    assert result.snapshot.seats_by_id["Receptionist — Test Practice"].reports_to == (
        "Practice Manager — Test Practice"
    )


def test_second_position_row_of_the_same_employee_is_one_person() -> None:
    table = read_roster(
        _csv(
            "Employee ID|Name|Job Title|Reports To\n"
            "1|Ann Lee|Owner|\n"
            "2|Bo Chan|Office Manager|Ann Lee\n"
            "2|Bo Chan|Sterilization Technician|Ann Lee\n"
            "3|Cy Dunn|Receptionist|Bo Chan"
        )
    )
    result = convert(table)
    assert result.problems == []
    snap = result.snapshot
    assert [p.id for p in snap.people] == ["1", "2", "3"]
    assert [a.seat_id for a in snap.assignments if a.person_id == "2"] == [
        "Office Manager — Test Practice",
        "Sterilization Technician — Test Practice",
    ]
    assert snap.seats_by_id["Receptionist — Test Practice"].reports_to == (
        "Office Manager — Test Practice"
    )


def test_self_reference_is_the_top_with_a_warning() -> None:
    table = read_roster(
        _csv("Name|Job Title|Reports To\nAnn Lee|Owner|Ann Lee\nBo Chan|DDS|Ann Lee")
    )
    result = convert(table)
    assert result.problems == []
    assert result.snapshot.seats_by_id["Owner — Test Practice"].reports_to is None
    assert [str(w) for w in result.warnings] == [
        "row 2, manager: names the person themselves (row 2); treated as the top of the chart"
    ]


def test_longer_cycle_is_named_person_by_person() -> None:
    table = read_roster(
        _csv(
            "Name|Job Title|Reports To\n"
            "Ann Lee|Owner|\n"
            "Bo Chan|Receptionist|Cy Dunn\n"
            "Cy Dunn|Billing Clerk|Di Eve\n"
            "Di Eve|Office Manager|Bo Chan\n"
            "Ed Fox|Dentist|Bo Chan"
        )
    )
    result = convert(table)
    assert [str(p) for p in result.problems] == [
        'row 3, manager: reporting cycle: "Bo Chan" (row 3) → "Cy Dunn" (row 4) → '
        '"Di Eve" (row 5) → "Bo Chan"'
    ]
    assert result.blocking


def test_more_than_one_person_at_the_top_is_a_warning() -> None:
    table = read_roster(
        _csv("Name|Job Title|Reports To\nAnn Lee|Owner|\nBo Chan|Dentist|\nCy Dunn|DA|Ann Lee")
    )
    assert [str(w) for w in convert(table).warnings] == [
        "row 2, manager: 2 current people have no manager (rows 2, 3); "
        "each is at the top of the chart"
    ]


def test_no_manager_column_is_a_warning_and_everyone_is_top() -> None:
    result = convert(read_roster(_csv("Name|Job Title\nAnn Lee|Owner\nBo Chan|Dentist")))
    assert not result.blocking
    assert all(s.reports_to is None for s in result.snapshot.seats)
    assert "no manager column" in str(result.warnings[0])
    assert [loc.id for loc in result.snapshot.locations] == ["Test Practice"]


def test_unrecognised_titles_are_warned_once_per_title() -> None:
    def guessing(title: str) -> tuple[TitleClass, ...]:
        return (TitleClass(SeatKind.ADMINISTRATIVE, title, Level.SENIOR, matched=False),)

    table = read_roster(_csv("Name|Job Title\nAnn Lee|Posn 3\nBo Chan|Posn 3\nCy Dunn|Posn 3"))
    result = convert(table, classify=guessing)
    assert [str(w) for w in result.warnings if "job title" in w.where] == [
        'row 2, job title: "Posn 3" was not recognised (rows 2, 3, 4); '
        "classified as administrative; check the seat kind"
    ]


def test_fte_from_percent_and_bad_values_warn() -> None:
    table = read_roster(
        _csv("Name|Job Title|FTE\nAnn Lee|Owner|0.8\nBo Chan|DDS|80%\nCy Dunn|DA|60\nDi Eve|DA|x")
    )
    result = convert(table)
    assert [a.fte for a in result.snapshot.assignments] == [0.8, 0.8, 0.6, 1.0]
    assert "row 5, fte: not a number (row 5); FTE 1.0 assumed" in [str(w) for w in result.warnings]


def test_unknown_status_is_a_warning_and_counts_as_active() -> None:
    table = read_roster(_csv("Name|Job Title|Status\nAnn Lee|Owner|Sabbatical"))
    result = convert(table)
    assert result.snapshot.assignments[0].end is None
    assert str(result.warnings[-1]) == (
        'row 2, status: "Sabbatical" is not a status PracticeOS knows (row 2); treated as active'
    )


def test_progress_is_reported_up_to_the_total() -> None:
    rows = "\n".join(f"P{i} Person|Dental Assistant|Ann Lee" for i in range(4500))
    table = read_roster(_csv(f"Name|Job Title|Reports To\nAnn Lee|Owner|\n{rows}"))
    calls: list[tuple[int, int]] = []
    convert(table, progress=lambda done, total: calls.append((done, total)))
    assert calls == [(2000, 4501), (4000, 4501), (4501, 4501)]


def test_suggestions_are_bounded_but_every_failure_is_reported() -> None:
    rows = "\n".join(f"P{i} Person|Dental Assistant|Missing Boss{i}" for i in range(700))
    table = read_roster(_csv(f"Name|Job Title|Reports To\nAnn Lee|Owner|\n{rows}"))
    result = convert(table)
    assert len(result.problems) == 700
    assert all("matches nobody" in p.message for p in result.problems)


def test_problem_where_and_message_split_for_callers() -> None:
    table = read_roster(_csv("Name|Job Title|Reports To\nAnn Lee|Owner|Nobody Here"))
    (problem,) = convert(table).problems
    assert problem == Problem("row 2, manager", '"Nobody Here" matches nobody')
