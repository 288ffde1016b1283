"""Loading a snapshot into the database: create, idempotent reload, updates, deletions."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from practiceos.audit.models import AuditRecord
from practiceos.core import model as core
from practiceos.core.health.policy import policy_items
from practiceos.core.orgfile import dump_org, parse_org
from practiceos.core.problems import InputError
from practiceos.org.loading import load_snapshot
from practiceos.org.models import Assignment, Location, Person, Seat, ServiceLink
from practiceos.org.snapshot import build_snapshot
from practiceos.tenancy.models import Practice


def sample() -> core.Snapshot:
    return core.Snapshot(
        practice=core.PracticeInfo(name="Lakeside Dental", slug="lakeside"),
        locations=(core.Location(id="Lakeside", name="Lakeside"),),
        roles=(
            core.Role(id="Owner Dentist", title="Owner Dentist", kind=core.SeatKind.LEADERSHIP),
            core.Role(id="Dental Assistant", title="Dental Assistant", kind=core.SeatKind.SUPPORT),
            core.Role(id="Dentist", title="Dentist", kind=core.SeatKind.PROVIDER),
        ),
        teams=(
            core.Team(
                id="Clinical", name="Clinical", manager_seat_id="Owner", goal="Same-day care"
            ),
        ),
        seats=(
            core.Seat(
                id="Owner",
                name="Owner",
                kind=core.SeatKind.LEADERSHIP,
                role_id="Owner Dentist",
                location_id="Lakeside",
            ),
            core.Seat(
                id="Dentist 1",
                name="Dentist 1",
                kind=core.SeatKind.PROVIDER,
                role_id="Dentist",
                reports_to="Owner",
            ),
            core.Seat(
                id="DA 1",
                name="DA 1",
                kind=core.SeatKind.SUPPORT,
                role_id="Dental Assistant",
                reports_to="Dentist 1",
                serves=("Dentist 1",),
                team_id="Clinical",
            ),
        ),
        people=(
            core.Person(id="E1", name="Dana Owner", employee_id="E1"),
            core.Person(
                id="E2", name="Sam Assistant", employee_id="E2", email="sam@lakeside.example"
            ),
        ),
        assignments=(
            core.Assignment(id="a1", person_id="E1", seat_id="Owner", start=dt.date(2015, 1, 5)),
            core.Assignment(
                id="a2", person_id="E1", seat_id="Dentist 1", start=dt.date(2015, 1, 5), fte=0.6
            ),
            core.Assignment(
                id="a3",
                person_id="E2",
                seat_id="DA 1",
                start=dt.date(2021, 3, 1),
                level=core.Level.JUNIOR,
            ),
        ),
    )


def test_load_creates_everything_and_audits_it(db):
    summary = load_snapshot(sample(), actor=None)
    practice = Practice.objects.get(slug="lakeside")
    assert summary.created["seats"] == 3 and summary.created["people"] == 2
    da = Seat.objects.get(practice=practice, name="DA 1")
    assert da.reports_to.name == "Dentist 1" and da.team.name == "Clinical"
    assert list(
        ServiceLink.objects.filter(support_seat=da).values_list("provider_seat__name", flat=True)
    ) == ["Dentist 1"]
    assert Assignment.objects.filter(practice=practice).count() == 3
    assert (
        AuditRecord.objects.filter(
            practice=practice, action="created", object_type="org.seat"
        ).count()
        == 3
    )


def test_reloading_the_same_snapshot_changes_nothing(db):
    load_snapshot(sample(), actor=None)
    audit_count = AuditRecord.objects.count()
    summary = load_snapshot(sample(), actor=None)
    assert not summary.changed, summary.lines()
    assert summary.lines() == ["nothing changed"]
    assert AuditRecord.objects.count() == audit_count


def test_database_snapshot_reloads_to_itself(db):
    load_snapshot(sample(), actor=None)
    practice = Practice.objects.get(slug="lakeside")
    first = build_snapshot(practice)
    assert not load_snapshot(first, actor=None).changed


def test_changes_and_removals_are_applied(db):
    load_snapshot(sample(), actor=None)
    snap = sample()
    seats = list(snap.seats)
    seats[2] = dataclasses.replace(seats[2], reports_to="Owner", serves=())
    changed = dataclasses.replace(
        snap,
        seats=tuple(seats),
        people=snap.people[:1],
        assignments=snap.assignments[:2],
        locations=(core.Location(id="Lakeside", name="Lakeside", address="9 Shore Rd"),),
    )
    summary = load_snapshot(changed, actor=None)
    practice = Practice.objects.get(slug="lakeside")
    assert Seat.objects.get(practice=practice, name="DA 1").reports_to.name == "Owner"
    assert not ServiceLink.objects.filter(practice=practice).exists()
    assert not Person.objects.filter(practice=practice, name="Sam Assistant").exists()
    assert Location.objects.get(practice=practice).address == "9 Shore Rd"
    assert summary.deleted["people"] == 1 and summary.updated["locations"] == 1


def test_two_current_accountable_people_in_one_seat_refused_and_nothing_written(db):
    snap = sample()
    bad = dataclasses.replace(
        snap,
        assignments=(*snap.assignments, core.Assignment(id="a4", person_id="E2", seat_id="Owner")),
    )
    with pytest.raises(InputError) as caught:
        load_snapshot(bad, actor=None)
    assert str(caught.value.problems[0]).startswith(
        'people[1].seats[1]: "Owner" already has Dana Owner'
    )
    assert not Practice.objects.filter(slug="lakeside").exists()


def test_member_actor_may_not_load(personas):
    snap = dataclasses.replace(sample(), practice=core.PracticeInfo(name="Acme", slug="acme"))
    with pytest.raises(InputError) as caught:
        load_snapshot(snap, actor=personas.member)
    assert "may not load" in str(caught.value)
    assert not Seat.objects.filter(practice=personas.acme).exists()


def test_owner_may_not_load_into_another_practice(personas):
    with pytest.raises(InputError) as caught:
        load_snapshot(sample(), actor=personas.owner)
    assert 'practice.slug: "lakeside" is not this practice; use "acme"' in str(caught.value)
    assert not Practice.objects.filter(slug="lakeside").exists()


# --------------------------------------------------------------------------------------
# the practice's health-check policy


def with_policy(policy: dict[str, object]) -> core.Snapshot:
    snap = sample()
    return dataclasses.replace(
        snap, practice=dataclasses.replace(snap.practice, policy=policy_items(policy))
    )


def test_load_stores_the_policy_overrides_and_reload_changes_nothing(db):
    load_snapshot(with_policy({"owner_max_reports": 3, "max_span": 15}), actor=None)
    practice = Practice.objects.get(slug="lakeside")
    # max_span 15 is the default: only what differs is stored.
    assert practice.policy == {"owner_max_reports": 3}
    created = AuditRecord.objects.get(practice=practice, object_type="tenancy.practice")
    assert created.after["policy"] == {"owner_max_reports": 3}
    audit_count = AuditRecord.objects.count()
    summary = load_snapshot(with_policy({"owner_max_reports": 3}), actor=None)
    assert not summary.changed, summary.lines()
    assert AuditRecord.objects.count() == audit_count


def test_a_changed_policy_is_written_with_one_audit_record(db):
    load_snapshot(with_policy({"owner_max_reports": 3}), actor=None)
    before = AuditRecord.objects.count()
    summary = load_snapshot(
        with_policy({"disabled_rules": ["seat-vacant"], "max_fte": 0.8}), actor=None
    )
    practice = Practice.objects.get(slug="lakeside")
    assert practice.policy == {"disabled_rules": ["seat-vacant"], "max_fte": 0.8}
    records = AuditRecord.objects.filter(object_type="tenancy.practice").order_by("pk")
    assert AuditRecord.objects.count() == before + 1
    last = records.last()
    assert summary.lines() == ["practice: updated 1"]
    assert last.action == "loaded"
    assert last.before == {"policy": {"owner_max_reports": 3}}
    assert last.after == {"policy": {"disabled_rules": ["seat-vacant"], "max_fte": 0.8}}
    # A file without a policy puts the practice back on the defaults.
    load_snapshot(sample(), actor=None)
    practice.refresh_from_db()
    assert practice.policy == {}


def test_a_bad_policy_is_refused_and_nothing_is_written(db):
    with pytest.raises(InputError) as caught:
        load_snapshot(with_policy({"max_span": "wide", "colour": 1}), actor=None)
    assert [p.where for p in caught.value.problems] == [
        "practice.policy.colour",
        "practice.policy.max_span",
    ]
    assert "got 'wide'" in str(caught.value)
    assert not Practice.objects.filter(slug="lakeside").exists()


def test_export_load_export_with_a_policy_is_byte_identical(db):
    text = dump_org(
        with_policy({"owner_max_reports": 3, "disabled_rules": ["span-too-narrow", "seat-vacant"]})
    )
    assert "  policy:\n    disabled_rules:\n      - seat-vacant\n" in text
    load_snapshot(parse_org(text), actor=None)
    practice = Practice.objects.get(slug="lakeside")
    snapshot = build_snapshot(practice)
    assert snapshot.practice.policy == (
        ("disabled_rules", ("seat-vacant", "span-too-narrow")),
        ("owner_max_reports", 3),
    )
    exported = dump_org(snapshot)
    assert exported == text
    assert not load_snapshot(parse_org(exported), actor=None).changed
    assert dump_org(build_snapshot(Practice.objects.get(slug="lakeside"))) == exported


# --- emails and employee ids that pass between people ------------------------------------


def _with_people(snap: core.Snapshot, people: tuple[core.Person, ...], assignments=None):
    return dataclasses.replace(
        snap, people=people, assignments=snap.assignments if assignments is None else assignments
    )


def test_a_new_employee_id_takes_over_the_email_of_the_person_the_file_removes(db):
    """The HR system gave Sam a new employee id: the file has a new person with Sam's
    email, and not the old one. Before, creating the new row hit the unique email while
    the old row still existed (a raw IntegrityError); now the old row goes and the new
    one has the email."""
    load_snapshot(sample(), actor=None)
    snap = sample()
    people = (snap.people[0], dataclasses.replace(snap.people[1], id="E9", employee_id="E9"))
    assignments = (*snap.assignments[:2], dataclasses.replace(snap.assignments[2], person_id="E9"))
    summary = load_snapshot(_with_people(snap, people, assignments), actor=None)
    practice = Practice.objects.get(slug="lakeside")
    sam = Person.objects.get(practice=practice, email="sam@lakeside.example")
    assert sam.employee_id == "E9"
    assert summary.created["people"] == 1 and summary.deleted["people"] == 1
    assert Assignment.objects.get(practice=practice, seat__name="DA 1").person == sam


def test_two_people_swapping_emails_load(db):
    snap = sample()
    people = (dataclasses.replace(snap.people[0], email="one@lakeside.example"), snap.people[1])
    load_snapshot(_with_people(snap, people), actor=None)
    swapped = (
        dataclasses.replace(people[0], email="sam@lakeside.example"),
        dataclasses.replace(people[1], email="one@lakeside.example"),
    )
    load_snapshot(_with_people(snap, swapped), actor=None)
    practice = Practice.objects.get(slug="lakeside")
    emails = dict(Person.objects.filter(practice=practice).values_list("employee_id", "email"))
    assert emails == {"E1": "sam@lakeside.example", "E2": "one@lakeside.example"}
    updates = AuditRecord.objects.filter(
        practice=practice, action="loaded", object_type="org.person"
    )
    assert {r.before["email"] for r in updates} == {"one@lakeside.example", "sam@lakeside.example"}


def test_an_email_an_archived_person_keeps_is_refused_naming_field_value_and_person(db):
    load_snapshot(sample(), actor=None)
    practice = Practice.objects.get(slug="lakeside")
    Person.objects.filter(practice=practice, employee_id="E2").update(
        archived_at=dt.datetime(2025, 1, 1, tzinfo=dt.UTC)
    )
    audit_count = AuditRecord.objects.count()
    rows = list(Person.objects.filter(practice=practice).values().order_by("pk"))
    snap = sample()
    newcomer = core.Person(id="E7", name="Alex New", employee_id="E7", email="sam@lakeside.example")
    with pytest.raises(InputError) as caught:
        load_snapshot(
            _with_people(snap, (snap.people[0], newcomer), snap.assignments[:2]), actor=None
        )
    (problem,) = caught.value.problems
    assert problem.where == "people[1].email"
    assert '"sam@lakeside.example" is the email of Sam Assistant' in problem.message
    assert "archived" in problem.message and "Alex New" in problem.message
    # Nothing written, not even the practice's name or policy.
    assert AuditRecord.objects.count() == audit_count
    assert list(Person.objects.filter(practice=practice).values().order_by("pk")) == rows


@pytest.mark.parametrize(
    ("second", "where", "words"),
    [
        (
            core.Person("X", "Kim", email="sam@lakeside.example"),
            "people[2].email",
            "is also the email of Sam Assistant (people[1])",
        ),
        (
            core.Person("X", "Kim", employee_id="e2"),
            "people[2].employee_id",
            "is also the employee id of Sam Assistant (people[1]) (capitals aside)",
        ),
        (
            core.Person("X", "Kim", email="SAM@lakeside.example"),
            "people[2].email",
            "apart from capitals",
        ),
        (core.Person("X", "dana owner"), "people[2].name", "neither has an employee_id or email"),
    ],
)
def test_two_people_the_load_cannot_tell_apart_are_refused_and_nothing_written(
    db, second, where, words
):
    snap = sample()
    people = (dataclasses.replace(snap.people[0], employee_id="", id="E1"), snap.people[1], second)
    if where == "people[2].name":
        people = (core.Person("E1", "Dana Owner"), snap.people[1], second)
    if words == "apart from capitals":  # Sam without an employee id is matched by email
        people = (snap.people[0], dataclasses.replace(snap.people[1], employee_id=""), second)
    with pytest.raises(InputError) as caught:
        load_snapshot(_with_people(snap, people), actor=None)
    assert [p.where for p in caught.value.problems] == [where]
    assert words in caught.value.problems[0].message
    assert not Practice.objects.filter(slug="lakeside").exists()
