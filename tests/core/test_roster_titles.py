"""The practice's own words stay: imported roles keep the export's titles and record the
library card matched; levels from titles or tenure; combined titles; worker types and
part-time FTE; Workday and UKG Pro exports."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from practiceos.core.model import Level, SeatKind, Snapshot
from practiceos.core.roster import read_roster
from practiceos.core.roster.build import roster_to_snapshot, worker_type
from practiceos.core.roster.headers import Field, recognise_headers

DATA = Path(__file__).resolve().parents[1] / "data" / "roster"
TODAY = dt.date(2025, 9, 1)


def _snap(name: str) -> Snapshot:
    result = roster_to_snapshot(
        read_roster(DATA / name), practice_name="P", practice_slug="p", today=TODAY
    )
    assert not result.blocking, result.problems
    return result.snapshot


def _seats_of(snap: Snapshot, name: str) -> list[tuple[str, SeatKind, Level, float]]:
    person = next(p for p in snap.people if p.name == name)
    out = []
    for a in snap.assignments:
        if a.person_id == person.id:
            seat = snap.seats_by_id[a.seat_id]
            role = snap.role_of(seat)
            assert role is not None
            out.append((role.title, seat.kind, a.level, a.fte))
    return out


def test_workday_headers_are_recognised() -> None:
    headers = (DATA / "workday.csv").read_text(encoding="utf-8").splitlines()[0].split(",")
    found = {field: headers[i] for field, i in recognise_headers(headers).items()}
    assert found[Field.FULL_NAME] == "Worker"
    assert found[Field.JOB_TITLE] == "Business Title"  # the practice's words, not the profile
    assert found[Field.DEPARTMENT] == "Supervisory Organization"
    assert found[Field.WORKER_TYPE] == "Worker Type"
    assert found[Field.TIME_TYPE] == "Time Type"
    assert found[Field.EMAIL] == "Email - Primary Work"
    assert found[Field.STATUS] == "Active Status"


def test_ukg_headers_are_recognised() -> None:
    headers = (DATA / "ukg.csv").read_text(encoding="utf-8").splitlines()[0].split(",")
    found = {field: headers[i] for field, i in recognise_headers(headers).items()}
    assert found[Field.DEPARTMENT] == "Org Level 2"
    assert found[Field.MANAGER_ID] == "Supervisor ID"
    assert found[Field.WORKER_TYPE] == "Employee Type"
    assert found[Field.TIME_TYPE] == "Full/Part Time"
    assert found[Field.HIRE_DATE] == "Last Hire Date"
    assert found[Field.HOURS] == "Scheduled Work Hours"


def test_workday_export_keeps_titles_splits_the_owner_and_reads_worker_types() -> None:
    snap = _snap("workday.csv")
    # The owner still sees patients: a leadership seat and a provider seat.
    assert _seats_of(snap, "Helena Marsh") == [
        ("Owner", SeatKind.LEADERSHIP, Level.LEAD, 0.5),
        ("Lead Veterinarian", SeatKind.PROVIDER, Level.LEAD, 0.5),
    ]
    # Hired seven months ago, title silent on level ("Associate" is not a level for a
    # provider): junior by tenure.
    assert _seats_of(snap, "Priya Nair") == [
        ("Associate Veterinarian", SeatKind.PROVIDER, Level.JUNIOR, 1.0)
    ]
    # Ten years in, title silent: the title's own default (senior), never lead by time.
    assert _seats_of(snap, "Tomas Ruiz") == [
        ("Practice Manager", SeatKind.MANAGEMENT, Level.SENIOR, 1.0)
    ]
    assert _seats_of(snap, "Ama Boateng") == [
        ("Veterinary Technician", SeatKind.SUPPORT, Level.SENIOR, 1.0)
    ]
    assert _seats_of(snap, "Leo Park") == [
        ("Veterinary Assistant", SeatKind.SUPPORT, Level.JUNIOR, 0.5)
    ]
    assert _seats_of(snap, "Rita Gomez")[0][0] == "Client Service Representative"
    assert _seats_of(snap, "Rita Gomez")[0][3] == 0.6  # 24 scheduled hours beat the default
    # "Relief" is the terms of the job, not the role: a veterinarian seat, noted as such.
    assert _seats_of(snap, "Greg Olsen") == [("Veterinarian", SeatKind.PROVIDER, Level.SENIOR, 0.5)]
    greg = next(s for s in snap.seats if s.name.startswith("Veterinarian"))
    assert "contingent worker" in greg.note
    roles = {r.title: r for r in snap.roles}
    assert roles["Lead Veterinarian"].template == "Veterinarian"
    assert (
        roles["Client Service Representative"].template == "Receptionist"
        or roles["Client Service Representative"].template
    )
    sam = next(a for a in snap.assignments if a.seat_id.startswith("Kennel Attendant"))
    assert sam.end == dt.date(2025, 8, 31)  # "Active Status: No" with a last day


def test_ukg_export_keeps_titles_levels_and_part_time_fte() -> None:
    snap = _snap("ukg.csv")
    assert _seats_of(snap, "Dana Wu") == [
        ("Medical Assistant", SeatKind.SUPPORT, Level.JUNIOR, 1.0)
    ]
    assert _seats_of(snap, "Eli Brooks") == [
        ("Lead Medical Assistant", SeatKind.SUPPORT, Level.LEAD, 1.0)
    ]
    assert _seats_of(snap, "Fay Osei") == [
        ("Billing Specialist", SeatKind.ADMINISTRATIVE, Level.SENIOR, 0.5)
    ]
    assert _seats_of(snap, "Bea Lindgren")[0][3] == 0.5  # part time beats PRN's default
    roles = {r.title: r for r in snap.roles}
    assert roles["Billing Specialist"].template == "Medical Biller"
    assert roles["Patient Care Coordinator"].template == "Patient Service Representative"
    assert roles["Lead Medical Assistant"].template == "Medical Assistant"
    gus = next(a for a in snap.assignments if a.seat_id.startswith("Patient Care Coordinator"))
    assert gus.end == dt.date(2025, 3, 31)
    seat = snap.seats_by_id[gus.seat_id]
    assert "contingent worker" in seat.note


def test_worker_types_from_every_vendor_spelling() -> None:
    assert worker_type("Part-Time") == "part_time"
    assert worker_type("P") == "part_time"
    assert worker_type("PRN") == "relief"
    assert worker_type("Per Diem") == "relief"
    assert worker_type("Contingent Worker") == "contingent"
    assert worker_type("TMP") == "contingent"
    assert worker_type("Full time") == "regular"
    assert worker_type("REG") == "regular"
    assert worker_type("Active") == ""


def test_part_time_status_without_hours_becomes_half_an_fte_with_a_warning() -> None:
    table = read_roster(
        b"Name,Job Title,Employment Status,Status\n"
        b"Ann Lee,Associate Dentist,Part-Time,Active\n"
        b"Bo Chan,Dental Assistant,Full-Time,Active\n",
        filename="bamboo.csv",
    )
    result = roster_to_snapshot(table, practice_name="P", practice_slug="p", today=TODAY)
    ftes = {a.person_id: a.fte for a in result.snapshot.assignments}
    assert sorted(ftes.values()) == [0.5, 1.0]
    assert any("part time with no FTE or hours" in p.message for p in result.warnings)


def test_own_title_labelled_set_accuracy_is_at_least_90_percent() -> None:
    import csv

    from practiceos.core.titles import classify_title, own_role_title

    path = DATA.parent / "own_titles_labelled.csv"
    with path.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) >= 40
    right = 0
    for row in rows:
        seats = classify_title(row["title"])
        got = "+".join(
            f"{s.kind.value}:{own_role_title(row['title'], s, len(seats))}" for s in seats
        )
        right += got == row["seats"]
    assert right / len(rows) >= 0.9
