"""Importing a roster into the database: first import, re-import, history, problems."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.management import CommandError, call_command

from practiceos.audit.models import AuditRecord
from practiceos.core.problems import InputError
from practiceos.org.models import Assignment, Location, Person, Seat
from practiceos.roster.services import apply_plan, plan_import, read_upload
from tests.roster.conftest import BAMBOO, bamboo_rows, write_csv

TODAY = dt.date(2025, 1, 15)


def _import(practice, data: bytes, *, allow: bool = False, actor=None, name="roster.csv"):
    table = read_upload(data, name)
    preview = plan_import(practice, table, allow_unresolved=allow, today=TODAY)
    if preview.plan.blocking:
        return preview.plan
    apply_plan(preview.plan, practice=practice, actor=actor, note="test import")
    return preview.plan


def _state(practice):
    """Everything an import may touch, as comparable tuples."""
    return (
        sorted(
            Seat.objects.filter(practice=practice).values_list(
                "pk", "name", "reports_to_id", "team_id", "note"
            )
        ),
        sorted(
            Person.objects.filter(practice=practice).values_list(
                "pk", "name", "email", "employee_id"
            )
        ),
        sorted(
            Assignment.objects.filter(practice=practice).values_list(
                "pk", "person_id", "seat_id", "start", "end", "fte", "level"
            )
        ),
    )


def _current_seat(practice, employee_id: str) -> Seat:
    return Seat.objects.select_related("location", "role", "reports_to").get(
        practice=practice,
        assignments__person__employee_id=employee_id,
        assignments__end__isnull=True,
    )


def test_first_import_builds_the_chart_the_file_describes(personas):
    acme = personas.acme
    plan = _import(acme, BAMBOO.read_bytes(), actor=personas.owner)
    counts = plan.counts()
    assert counts["hire"] == 17
    assert counts["skipped"] == 1  # Lee Thompson left before the first import: not added
    assert not Person.objects.filter(practice=acme, employee_id="E010").exists()
    assert Person.objects.filter(practice=acme).count() == 17
    assert set(Location.objects.filter(practice=acme).values_list("name", flat=True)) == {
        "Maple Street",
        "Riverside",
    }
    # Reporting lines follow the "Reporting to" column.
    kate = _current_seat(acme, "E005")
    assert kate.role.title == "Dental Hygienist"
    assert kate.reports_to == _current_seat(acme, "E002")  # Chinedu Okafor, office manager
    rosa = _current_seat(acme, "E008")
    assert rosa.reports_to == _current_seat(acme, "E007")  # Layla Haddad, lead assistant
    assert _current_seat(acme, "E002").reports_to.kind == "leadership"
    # One audit record per row created, all by the owner.
    created = (
        Seat.objects.filter(practice=acme).count()
        + 17
        + Assignment.objects.filter(practice=acme).count()
    )
    records = AuditRecord.objects.filter(
        practice=acme, object_type__in=["org.seat", "org.person", "org.assignment"]
    )
    assert records.count() == created
    assert set(records.values_list("actor", flat=True)) == {personas.owner.user_id}


def test_same_file_twice_changes_nothing(personas):
    acme = personas.acme
    _import(acme, BAMBOO.read_bytes())
    before, audits = _state(acme), AuditRecord.objects.count()
    plan = _import(acme, BAMBOO.read_bytes())
    assert plan.writes == 0
    assert plan.counts()["unchanged"] == 17
    assert plan.summary_lines()[-1].startswith("nothing to change")
    assert _state(acme) == before
    assert AuditRecord.objects.count() == audits


def test_hire_leaver_transfer_and_title_change_keep_history(personas):
    acme = personas.acme
    _import(acme, BAMBOO.read_bytes())
    kate_seat = _current_seat(acme, "E005")
    tina_seat = _current_seat(acme, "E006")
    joon_seat = _current_seat(acme, "E009")
    rows = bamboo_rows()
    by_id = {r["Employee #"]: r for r in rows}
    by_id["E005"].update({"Termination Date": "2025-01-10", "Status": "Terminated"})  # leaver
    by_id["E006"]["Location"] = "Maple Street"  # transfer
    by_id["E009"]["Job Title"] = "Dental Hygienist"  # title change
    rows.append(
        {**by_id["E018"], "Employee #": "E019", "First Name": "Iris", "Last Name": "Vale",
         "Work Email": "iris.vale@brightsmile.example", "Hire Date": "2025-01-06"}
    )  # fmt: skip
    people_before = Person.objects.filter(practice=acme).count()

    plan = _import(acme, write_csv(rows))

    counts = plan.counts()
    assert (counts["hire"], counts["leaver"], counts["transfer"], counts["title"]) == (1, 1, 1, 1)
    assert counts["unchanged"] == 14 and counts["skipped"] == 1 and counts["absent"] == 0
    summary = plan.summary()
    assert summary["created"]["people"] == 1
    assert summary["changed"]["assignments ended"] == 3
    assert summary["created"]["assignments"] == 3
    # The leaver is kept; the assignment ended on the termination date.
    kate = Person.objects.get(practice=acme, employee_id="E005")
    ended = Assignment.objects.get(person=kate)
    assert (ended.seat_id, ended.end) == (kate_seat.pk, dt.date(2025, 1, 10))
    # The transfer: old assignment ended today, a new one in a Maple Street seat.
    tina = Assignment.objects.filter(person__employee_id="E006").order_by("pk")
    assert [(a.seat_id == tina_seat.pk, a.end) for a in tina] == [(True, TODAY), (False, None)]
    assert tina[1].seat.location.name == "Maple Street"
    assert tina[1].start == TODAY
    # The title change: a hygienist seat at the same location.
    joon = Assignment.objects.filter(person__employee_id="E009").order_by("pk")
    assert [(a.seat_id == joon_seat.pk, a.end) for a in joon] == [(True, TODAY), (False, None)]
    assert (joon[1].seat.role.title, joon[1].seat.location.name) == (
        "Dental Hygienist",
        "Riverside",
    )
    # The hire, reporting where the file says.
    iris = _current_seat(acme, "E019")
    assert iris.reports_to == _current_seat(acme, "E002")
    assert Person.objects.filter(practice=acme).count() == people_before + 1
    # And importing the changed file again changes nothing more.
    assert _import(acme, write_csv(rows)).writes == 0


def test_people_missing_from_the_file_are_ended_not_deleted(personas):
    acme = personas.acme
    _import(acme, BAMBOO.read_bytes())
    rows = [r for r in bamboo_rows() if r["Employee #"] != "E013"]
    plan = _import(acme, write_csv(rows))
    assert plan.counts()["absent"] == 1
    greta = Person.objects.get(practice=acme, employee_id="E013")
    assert list(greta.assignments.values_list("end", flat=True)) == [TODAY]


def test_people_are_matched_by_email_when_the_id_is_new(personas):
    acme = personas.acme
    _import(acme, BAMBOO.read_bytes())
    rows = bamboo_rows()
    rows[1]["Employee #"] = "X-002"  # Chinedu's id changed in the new payroll system
    plan = _import(acme, write_csv(rows))
    assert plan.counts()["hire"] == 0
    assert (
        Person.objects.get(practice=acme, email="chi.okafor@brightsmile.example").employee_id
        == "X-002"
    )


def test_an_email_taken_by_someone_else_is_reported_with_its_row(personas):
    acme = personas.acme
    _import(acme, BAMBOO.read_bytes())
    rows = bamboo_rows()
    rows[2]["Work Email"] = "kate.brennan@brightsmile.example"  # row 4 takes row 6's email
    rows[4]["Work Email"] = "kate@brightsmile.example"
    before = _state(acme)
    # Kate's row now has a new email and Maja's the old one: a swap the import performs.
    plan = _import(acme, write_csv(rows))
    assert not plan.blocking
    assert (
        Person.objects.get(practice=acme, employee_id="E003").email
        == "kate.brennan@brightsmile.example"
    )
    assert _state(acme) != before
    # An email that belongs to someone else the file does not mention: blocked, with the row.
    Person.objects.create(
        practice=acme, name="Alice Other", email="alice@acme.example", employee_id="A1"
    )
    rows = bamboo_rows()
    rows[2]["Work Email"] = "alice@acme.example"  # Maja, row 4, matched by her employee id
    before = _state(acme)
    plan = _import(acme, write_csv(rows))
    assert plan.blocking
    # Maja cannot take Alice's email, so she keeps Kate's, which Kate's row wants back.
    assert [str(p) for p in plan.blocking_problems] == [
        'row 4, email: "alice@acme.example" already belongs to "Alice Other" in the practice; '
        "this row was matched to someone else",
        'row 6, email: "kate.brennan@brightsmile.example" already belongs to "Maja Lindqvist" '
        "in the practice; this row was matched to someone else",
    ]
    assert _state(acme) == before
    # Allowed: the import goes ahead and Maja keeps the email she had.
    plan = _import(acme, write_csv(rows), allow=True)
    assert not plan.blocking
    assert (
        Person.objects.get(practice=acme, employee_id="E003").email
        == "kate.brennan@brightsmile.example"
    )


UNRESOLVED = b"""Employee ID,Name,Job Title,Location,Reports To,Email
1,Sandra Bloom,Owner,Main,,sandra@x.example
2,"Smith, John",Practice Manager,Main,"Bloom, Sandra",john@x.example
3,Ann Lee,Dental Assistant,Main,"Smyth, Jon",ann@x.example
"""


def test_unresolved_manager_blocks_by_default_and_nothing_is_written(personas, tmp_path):
    path = tmp_path / "roster.csv"
    path.write_bytes(UNRESOLVED)
    with pytest.raises(CommandError, match="1 problem"):
        call_command("import_roster", str(path), "--practice", "acme", "--no-progress")
    assert Seat.objects.filter(practice=personas.acme).count() == 0
    assert Person.objects.filter(practice=personas.acme).count() == 0


def test_allow_unresolved_imports_at_the_top_with_the_reason_on_the_seat(
    personas, tmp_path, capsys
):
    path = tmp_path / "roster.csv"
    path.write_bytes(UNRESOLVED)
    call_command(
        "import_roster", str(path), "--practice", "acme", "--allow-unresolved", "--no-progress"
    )
    seat = _current_seat(personas.acme, "3")
    assert seat.reports_to is None
    assert seat.note == 'unresolved manager "Smyth, Jon" (row 4)'
    assert "new hires 3" in capsys.readouterr().out


def test_dry_run_writes_nothing(personas, capsys):
    audits = AuditRecord.objects.count()
    call_command("import_roster", str(BAMBOO), "--practice", "acme", "--dry-run", "--no-progress")
    out = capsys.readouterr().out
    assert "dry run, nothing written" in out and "new hires 17" in out
    assert Seat.objects.filter(practice=personas.acme).count() == 0
    assert AuditRecord.objects.count() == audits


def test_command_lists_every_blocking_problem_with_its_row(personas, capsys):
    broken = BAMBOO.parent / "broken.csv"
    with pytest.raises(CommandError, match="nothing was written"):
        call_command("import_roster", str(broken), "--practice", "acme", "--no-progress")
    err = capsys.readouterr().err
    for where in (
        "row 7, manager",
        "row 13, name",
        "row 14, job title",
        "row 16, termination date",
    ):
        assert where in err
    assert Person.objects.filter(practice=personas.acme).count() == 0


def test_unknown_layout_imports_with_a_column_map(personas, capsys):
    weird = BAMBOO.parent / "generic_weird.csv"
    with pytest.raises(CommandError, match="cannot be imported"):
        call_command("import_roster", str(weird), "--practice", "acme", "--no-progress")
    assert "could not find a job title column" in capsys.readouterr().err
    call_command(
        "import_roster", str(weird), "--practice", "acme", "--no-progress",
        "--columns", str(BAMBOO.parent / "generic_weird_columns.yaml"),
    )  # fmt: skip
    assert Person.objects.filter(practice=personas.acme, employee_id="102").exists()


def test_apply_refuses_a_member_and_a_blocking_plan(personas):
    table = read_upload(BAMBOO.read_bytes(), "b.csv")
    plan = plan_import(personas.acme, table, today=TODAY).plan
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        apply_plan(plan, practice=personas.acme, actor=personas.member, note="x")
    broken = read_upload((BAMBOO.parent / "broken.csv").read_bytes(), "broken.csv")
    with pytest.raises(InputError):
        apply_plan(
            plan_import(personas.acme, broken).plan, practice=personas.acme, actor=None, note="x"
        )
    assert Seat.objects.filter(practice=personas.acme).count() == 0
