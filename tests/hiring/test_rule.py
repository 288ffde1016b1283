"""``seat-vacant-without-plan`` on a practice in the database: the snapshot section's
vacancy facts (the last assignment's end, the seat's audited creation, open plans)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from practiceos.core.health import run_check
from practiceos.hiring import services
from practiceos.org import services as org_services
from practiceos.org.models import Assignment, Person, Seat
from practiceos.org.snapshot import build_snapshot

RULE = "seat-vacant-without-plan"


def fired(practice: Any, as_of: dt.date) -> list[str]:
    return [
        f.subjects[0].name
        for f in run_check(build_snapshot(practice, as_of=as_of)).findings_for(RULE)
    ]


def _left_40_days_ago(personas: Any, hiring: Any) -> dt.date:
    """The hiring seat's holder left 40 days ago (beyond the default 30); returns today."""
    today = dt.date.today()
    zed = Person.objects.create(practice=personas.acme, name="Zed")
    Assignment.objects.create(
        practice=personas.acme,
        person=zed,
        seat=hiring.seat,
        start=today - dt.timedelta(days=400),
        end=today - dt.timedelta(days=40),
    )
    return today


def test_a_seat_left_vacant_fires_after_the_policy_days_and_a_plan_clears_it(
    personas: Any, hiring: Any
) -> None:
    today = _left_40_days_ago(personas, hiring)
    assert "Dental Assistant 1" in fired(personas.acme, today)
    # Vacant recently: not yet.
    assert "Dental Assistant 1" not in fired(personas.acme, today - dt.timedelta(days=20))
    services.open_plan(actor=personas.owner, seat=hiring.seat)
    assert "Dental Assistant 1" not in fired(personas.acme, today)


def test_a_seat_never_filled_counts_from_its_audited_creation(personas: Any, chart: Any) -> None:
    seat = org_services.create(
        personas.owner,
        Seat,
        {"name": "New Hygienist", "kind": "support", "reports_to": chart.manager_seat.pk},
    )
    today = dt.date.today()
    assert "New Hygienist" not in fired(personas.acme, today)
    assert "New Hygienist" in fired(personas.acme, today + dt.timedelta(days=31))
    # Filled: quiet whatever the days.
    person = Person.objects.create(practice=personas.acme, name="Hana")
    Assignment.objects.create(practice=personas.acme, person=person, seat=seat)
    assert "New Hygienist" not in fired(personas.acme, today + dt.timedelta(days=31))


def test_seats_held_only_by_an_archived_a_future_or_a_non_accountable_holder_still_count(
    personas: Any, chart: Any
) -> None:
    # The section reads facts only for seats that may be vacant: each of these holders
    # leaves the seat vacant to the rule, so the section must not count it as filled.
    today = dt.date.today()
    later = today + dt.timedelta(days=31)
    names = {"Archived": {}, "Future": {"start": today + dt.timedelta(days=60)}}
    names["Helper"] = {"accountable": False}
    for name, extra in names.items():
        seat = org_services.create(
            personas.owner,
            Seat,
            {"name": f"{name} seat", "kind": "support", "reports_to": chart.manager_seat.pk},
        )
        person = Person.objects.create(practice=personas.acme, name=f"{name} Holder")
        Assignment.objects.create(practice=personas.acme, person=person, seat=seat, **extra)
        if name == "Archived":
            Person.objects.filter(pk=person.pk).update(archived_at=dt.datetime.now(dt.UTC))
    found = fired(personas.acme, later)
    assert {"Archived seat", "Future seat", "Helper seat"} <= set(found)
    # Filled seats carry no vacancy fact at all (that is what keeps the section cheap).
    snapshot = build_snapshot(personas.acme, as_of=later)
    held = {
        a.seat_id
        for a in snapshot.current_assignments
        if a.accountable and a.person_id in snapshot.people_by_id
    }
    facts = {fact.seat_id for fact in snapshot.vacancies}
    assert facts and not facts & held


def test_closing_the_plan_without_a_hire_brings_the_finding_back(
    personas: Any, hiring: Any
) -> None:
    today = _left_40_days_ago(personas, hiring)
    plan = services.open_plan(actor=personas.owner, seat=hiring.seat)
    assert "Dental Assistant 1" not in fired(personas.acme, today)
    services.close_plan(actor=personas.owner, plan=plan, reason="On hold until spring")
    assert "Dental Assistant 1" in fired(personas.acme, today)
