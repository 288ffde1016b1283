"""Org services: validation messages, permissions, audit records, cycles and tenancy."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied

from practiceos.audit.models import AuditRecord
from practiceos.core.problems import InputError
from practiceos.org import services
from practiceos.org.models import Assignment, Location, Person, Seat, ServiceLink


def messages(exc: InputError) -> dict[str, str]:
    return {p.where: p.message for p in exc.problems}


def test_create_location_writes_one_audit_record(personas):
    before = AuditRecord.objects.count()
    loc = services.create(personas.owner, Location, {"name": "  Northgate  ", "address": "5 Elm"})
    assert loc.name == "Northgate" and loc.practice_id == personas.acme.pk
    records = AuditRecord.objects.filter(object_type="org.location", object_id=str(loc.pk))
    assert AuditRecord.objects.count() == before + 1
    record = records.get()
    assert record.actor == personas.owner.user and record.before is None
    assert record.after["name"] == "Northgate"


def test_update_records_before_and_after(chart, personas):
    services.update(personas.admin, chart.downtown, {"address": "2 Main St"})
    record = AuditRecord.objects.filter(object_type="org.location", action="updated").get()
    assert record.changes() == [("address", "1 Main St", "2 Main St")]


def test_update_without_change_writes_no_audit_record(chart, personas):
    services.update(personas.owner, chart.downtown, {"name": "Downtown"})
    assert not AuditRecord.objects.filter(action="updated").exists()


@pytest.mark.parametrize("persona", ["manager", "member"])
def test_structure_writes_refused_for_manager_and_member(chart, personas, persona):
    with pytest.raises(PermissionDenied):
        services.create(personas.membership(persona), Location, {"name": "Eastside"})
    assert not Location.objects.filter(name="Eastside").exists()
    assert not AuditRecord.objects.exists()


def test_manager_may_edit_people_but_member_may_not(chart, personas):
    services.update(personas.manager, chart.bob, {"preferred_name": "Bobby"})
    with pytest.raises(PermissionDenied):
        services.update(personas.member, chart.bob, {"preferred_name": "Robert"})
    chart.bob.refresh_from_db()
    assert chart.bob.preferred_name == "Bobby"


def test_bad_input_names_field_value_and_what_is_accepted(personas):
    with pytest.raises(InputError) as caught:
        services.create(personas.owner, Seat, {"name": "", "kind": "boss", "colour": "red"})
    got = messages(caught.value)
    assert got["name"] == "cannot be blank"
    assert '"boss" is not accepted' in got["kind"] and "provider" in got["kind"]
    assert "colour" in got and "accepted fields are" in got["colour"]
    assert not Seat.objects.filter(practice=personas.acme).exists()


def test_duplicate_names_refused_case_insensitively(chart, personas):
    with pytest.raises(InputError) as caught:
        services.create(personas.owner, Location, {"name": "downtown"})
    assert 'a location named "downtown" already exists' in messages(caught.value)["name"]


def test_reporting_cycle_refused_naming_the_seats(chart, personas):
    with pytest.raises(InputError) as caught:
        services.update(personas.owner, chart.owner_seat, {"reports_to": chart.tech_seat.pk})
    message = messages(caught.value)["reports_to"]
    assert "reporting cycle" in message
    assert "Owner → Surgical Technologist 1 → Practice Manager → Owner" in message
    chart.owner_seat.refresh_from_db()
    assert chart.owner_seat.reports_to_id is None


def test_seat_cannot_report_to_itself(chart, personas):
    with pytest.raises(InputError) as caught:
        services.update(personas.owner, chart.manager_seat, {"reports_to": chart.manager_seat.pk})
    assert "reporting cycle" in messages(caught.value)["reports_to"]


def test_cross_practice_reference_refused_like_a_missing_one(chart, personas):
    with pytest.raises(InputError) as caught:
        services.update(personas.owner, chart.tech_seat, {"reports_to": chart.other_seat.pk})
    assert (
        messages(caught.value)["reports_to"]
        == f"no seat with id {chart.other_seat.pk} in this practice"
    )
    chart.tech_seat.refresh_from_db()
    assert chart.tech_seat.reports_to_id == chart.manager_seat.pk


def test_serves_replaces_service_links(chart, personas):
    second = services.create(
        personas.owner,
        Seat,
        {"name": "Orthopedic Surgeon 2", "kind": "provider", "reports_to": chart.owner_seat.pk},
    )
    services.update(personas.owner, chart.tech_seat, {"serves": [second.pk, str(second.pk)]})
    assert list(
        ServiceLink.objects.filter(support_seat=chart.tech_seat).values_list(
            "provider_seat_id", flat=True
        )
    ) == [second.pk]
    record = AuditRecord.objects.filter(
        object_type="org.seat", object_id=str(chart.tech_seat.pk)
    ).get()
    assert record.before["serves"] == [chart.surgeon_seat.pk] and record.after["serves"] == [
        second.pk
    ]


def test_second_accountable_person_refused(chart, personas):
    with pytest.raises(InputError) as caught:
        services.create(
            personas.manager, Assignment, {"person": chart.alice.pk, "seat": chart.surgeon_seat.pk}
        )
    assert "already has Bob Surgeon as its accountable person" in messages(caught.value)["seat"]
    job_share = services.create(
        personas.manager,
        Assignment,
        {
            "person": chart.alice.pk,
            "seat": chart.surgeon_seat.pk,
            "accountable": False,
            "fte": "0.2",
        },
    )
    assert str(job_share.fte) == "0.20"


@pytest.mark.parametrize(
    ("fte", "expected"),
    [
        ("0", "out of range"),
        ("1.5", "out of range"),
        ("abc", "is not a number"),
        ("NaN", "out of range"),
    ],
)
def test_fte_out_of_range_refused(chart, personas, fte, expected):
    with pytest.raises(InputError) as caught:
        services.create(
            personas.owner,
            Assignment,
            {"person": chart.alice.pk, "seat": chart.tech_seat.pk, "fte": fte},
        )
    assert expected in messages(caught.value)["fte"] and fte in messages(caught.value)["fte"]


def test_end_before_start_refused(chart, personas):
    with pytest.raises(InputError) as caught:
        services.update(
            personas.owner, chart.bob_surgeon, {"start": "2024-05-01", "end": "2024-04-01"}
        )
    assert '"2024-04-01" is before the start "2024-05-01"' in messages(caught.value)["end"]


def test_bad_date_refused(chart, personas):
    with pytest.raises(InputError) as caught:
        services.update(personas.owner, chart.bob_surgeon, {"start": "2024-13-01"})
    assert messages(caught.value)["start"] == '"2024-13-01" is not a date; use YYYY-MM-DD'


def test_person_email_and_employee_id_unique_with_owner_named(chart, personas):
    with pytest.raises(InputError) as caught:
        services.create(
            personas.owner,
            Person,
            {"name": "Carol", "email": "BOB@acme.example", "employee_id": "E1"},
        )
    got = messages(caught.value)
    assert "already belongs to Bob Surgeon" in got["email"]
    assert "already belongs to Alice Owner" in got["employee_id"]
    assert not Person.objects.filter(name="Carol").exists()


def test_email_must_look_like_one(personas):
    with pytest.raises(InputError) as caught:
        services.create(personas.owner, Person, {"name": "Dan", "email": "not an email"})
    assert '"not an email" is not an email address' in messages(caught.value)["email"]


@pytest.mark.parametrize("value", [True, 1.5, "x1", [], {"a": 1}, "99999999999999999999999"])
def test_reference_of_wrong_shape_refused(chart, personas, value):
    with pytest.raises(InputError) as caught:
        services.update(personas.owner, chart.tech_seat, {"location": value})
    assert "location" in messages(caught.value)


def test_outsider_cannot_write_into_another_practice(chart, personas):
    with pytest.raises(InputError):
        services.update(personas.outsider, chart.downtown, {"name": "Hijacked"})
    chart.downtown.refresh_from_db()
    assert chart.downtown.name == "Downtown"


def test_fte_with_more_than_two_decimals_refused_not_rounded_to_zero(chart, personas):
    with pytest.raises(InputError) as caught:
        services.create(
            personas.owner,
            Assignment,
            {"person": chart.alice.pk, "seat": chart.tech_seat.pk, "fte": "0.001"},
        )
    assert (
        messages(caught.value)["fte"]
        == '"0.001" has more than 2 decimal places; use a value like 0.75'
    )


def test_nul_in_list_items_refused(chart, personas):
    with pytest.raises(InputError) as caught:
        services.update(personas.owner, chart.tech_role, {"responsibilities": ["ok", "bad\x00"]})
    assert "NUL" in messages(caught.value)["responsibilities"]


def test_database_constraint_races_are_reported_with_the_constraint_message(chart, personas):
    from django.db import IntegrityError

    exc = IntegrityError('duplicate key value violates unique constraint "seat_unique_name"')
    problem = services._constraint_problem(Seat, exc)
    assert (problem.where, problem.message) == ("name", "A seat with this name already exists.")


@pytest.mark.parametrize("value", ["²", "٣", "１"])
def test_non_ascii_digits_are_not_ids(chart, personas, value):
    with pytest.raises(InputError) as caught:
        services.update(personas.owner, chart.tech_seat, {"reports_to": value})
    assert messages(caught.value)["reports_to"] == f'"{value}" is not a seat id; use a whole number'


def test_blank_required_choice_says_required(personas):
    with pytest.raises(InputError) as caught:
        services.create(personas.owner, Seat, {"name": "X", "kind": ""})
    assert messages(caught.value)["kind"].startswith("is required; use one of leadership")


@pytest.mark.parametrize("email", ["a@", "@b.com", "a b@c.com", "a@b"])
def test_malformed_emails_refused(personas, email):
    with pytest.raises(InputError) as caught:
        services.create(personas.owner, Person, {"name": "Dan", "email": email})
    assert f'"{email}" is not an email address' in messages(caught.value)["email"]
