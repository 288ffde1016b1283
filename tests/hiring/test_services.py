"""Hiring services: opening a plan from the role card, the kit, candidates, scores, the
hire (seat filled, onboarding started, all or nothing), erasure, and the refusals."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import PermissionDenied

from practiceos.audit.models import AuditRecord
from practiceos.core.problems import InputError
from practiceos.hiring import services
from practiceos.hiring.models import HiringPlan, InterviewScore
from practiceos.org.models import Assignment, Person

from .conftest import score


def test_opening_a_plan_snapshots_the_card_at_the_level_and_builds_the_kit(
    personas: Any, hiring: Any
) -> None:
    plan = services.open_plan(actor=personas.manager, seat=hiring.seat, level="junior")
    assert plan.card["role"] == "Dental Assistant"
    assert plan.card["expectations"] == ["Room turnover at most 10 minutes"]
    assert plan.values == ["Patients first", "Own it"]
    sections = [q["section"] for q in plan.kit]
    assert sections == ["value", "value", "responsibility", "responsibility", "expectation"]
    # A later edit of the card does not rewrite the running plan.
    hiring.role.purpose = "Something else entirely"
    hiring.role.save()
    plan.refresh_from_db()
    assert plan.card["purpose"].startswith("Chairside support")
    assert (
        AuditRecord.objects.filter(object_type="hiring.hiringplan", action="created").count() == 1
    )


def test_a_filled_seat_or_a_second_open_plan_is_refused_naming_the_seat(
    personas: Any, hiring: Any, chart: Any
) -> None:
    with pytest.raises(InputError) as exc:
        services.open_plan(actor=personas.owner, seat=chart.surgeon_seat)
    assert 'seat: "Orthopedic Surgeon 1" is filled by Bob Surgeon' in str(exc.value)
    services.open_plan(actor=personas.owner, seat=hiring.seat)
    with pytest.raises(InputError, match='seat: "Dental Assistant 1" already has an open'):
        services.open_plan(actor=personas.owner, seat=hiring.seat)
    with pytest.raises(InputError, match="level: must be one of junior, senior, lead"):
        services.open_plan(actor=personas.owner, seat=chart.tech_seat, level="boss")
    assert HiringPlan.objects.count() == 1


def test_managers_hire_only_into_their_chain_and_members_not_at_all(
    personas: Any, hiring: Any
) -> None:
    with pytest.raises(PermissionDenied):
        services.open_plan(actor=hiring.manager_other, seat=hiring.seat)
    with pytest.raises(PermissionDenied):
        services.open_plan(actor=personas.member, seat=hiring.seat)
    assert HiringPlan.objects.count() == 0


def test_a_score_outside_the_scale_names_the_field_and_the_accepted_values(
    personas: Any, hiring: Any
) -> None:
    plan = services.open_plan(actor=personas.manager, seat=hiring.seat)
    ann = services.add_candidate(actor=personas.manager, plan=plan, data={"name": "Ann"})
    bad = score(marks=[{"value": "Patients first", "mark": "++"}], gets_it="maybe")
    with pytest.raises(InputError) as exc:
        services.score_candidate(actor=personas.manager, candidate=ann, data=bad)
    text = str(exc.value)
    assert "marks[1].mark: must be +, +/- or -" in text and "got '++'" in text
    assert "gets_it: must be yes or no, got 'maybe'" in text
    missing = score(marks=[{"value": "Patients first", "mark": "+"}])
    with pytest.raises(InputError, match='marks: no mark for "Own it"'):
        services.score_candidate(actor=personas.manager, candidate=ann, data=missing)
    assert InterviewScore.objects.count() == 0


def test_hiring_fills_the_seat_closes_the_plan_and_starts_onboarding(
    personas: Any, hiring: Any, chart: Any
) -> None:
    from practiceos.processes.services import adopt_template

    adopt_template(
        actor=personas.owner,
        template_id="general-hiring-onboarding",
        owner_seat=chart.manager_seat.pk,
    )
    plan = services.open_plan(actor=personas.manager, seat=hiring.seat, level="junior")
    ann = services.add_candidate(
        actor=personas.manager, plan=plan, data={"name": "Ann Assistant", "email": "ann@x.example"}
    )
    services.score_candidate(actor=personas.manager, candidate=ann, data=score())
    services.hire_candidate(actor=personas.manager, candidate=ann)
    plan.refresh_from_db()
    assignment = Assignment.objects.get(seat=hiring.seat)
    assert assignment.person.name == "Ann Assistant" and assignment.level == "junior"
    assert plan.status == "filled" and plan.hired == ann and plan.onboarding_run is not None
    assert plan.onboarding_run.subject == "Ann Assistant, Dental Assistant 1"


def test_hiring_into_a_filled_seat_is_refused_and_nothing_is_written(
    personas: Any, hiring: Any
) -> None:
    plan = services.open_plan(actor=personas.owner, seat=hiring.seat)
    ann = services.add_candidate(actor=personas.owner, plan=plan, data={"name": "Ann"})
    zed = Person.objects.create(practice=personas.acme, name="Zed")
    Assignment.objects.create(practice=personas.acme, person=zed, seat=hiring.seat)
    people = Person.objects.count()
    with pytest.raises(InputError, match='seat: "Dental Assistant 1" is already filled by Zed'):
        services.hire_candidate(actor=personas.owner, candidate=ann)
    plan.refresh_from_db()
    assert plan.status == "open" and Person.objects.count() == people


def test_a_failing_step_of_the_hire_leaves_nothing_half_written(
    personas: Any, hiring: Any, chart: Any
) -> None:
    plan = services.open_plan(actor=personas.owner, seat=hiring.seat)
    # The candidate's email belongs to someone already: creating the person fails.
    ann = services.add_candidate(
        actor=personas.owner, plan=plan, data={"name": "Ann", "email": "bob@acme.example"}
    )
    people = Person.objects.count()
    with pytest.raises(InputError, match="email"):
        services.hire_candidate(actor=personas.owner, candidate=ann)
    plan.refresh_from_db()
    assert plan.status == "open" and Person.objects.count() == people
    assert not Assignment.objects.filter(seat=hiring.seat).exists()


def test_erasure_wipes_personal_data_keeps_anonymous_scores_and_audits_nothing_personal(
    personas: Any, hiring: Any
) -> None:
    plan = services.open_plan(actor=personas.manager, seat=hiring.seat)
    ann = services.add_candidate(
        actor=personas.manager,
        plan=plan,
        data={"name": "Ann Secret", "email": "ann@secret.example", "phone": "555", "notes": "n"},
    )
    services.score_candidate(
        actor=personas.manager, candidate=ann, data=score(notes="Mentioned her divorce")
    )
    services.erase_candidate(actor=personas.manager, candidate=ann)
    ann.refresh_from_db()
    assert (ann.name, ann.email, ann.phone, ann.notes) == ("Erased candidate", "", "", "")
    kept = InterviewScore.objects.get()
    assert kept.notes == "" and kept.interviewer is None and kept.interviewer_name == ""
    assert kept.marks[0] == {"value": "Patients first", "mark": "+"} and kept.gets_it
    for row in AuditRecord.objects.all():
        text = f"{row.object_repr} {row.before} {row.after} {row.note}"
        assert "Secret" not in text and "secret.example" not in text and "divorce" not in text
    assert AuditRecord.objects.filter(note__startswith="personal data erased").count() == 1


def test_closing_a_plan_without_a_hire_keeps_why_and_frees_the_seat_for_a_new_plan(
    personas: Any, hiring: Any
) -> None:
    plan = services.open_plan(actor=personas.manager, seat=hiring.seat)
    ann = services.add_candidate(actor=personas.manager, plan=plan, data={"name": "Ann"})
    services.score_candidate(actor=personas.manager, candidate=ann, data=score())
    services.close_plan(actor=personas.manager, plan=plan, reason="  Seat withdrawn for now  ")
    plan.refresh_from_db()
    assert plan.status == "closed" and plan.closed_reason == "Seat withdrawn for now"
    assert plan.closed_at is not None and plan.hired is None
    # Candidates and scores stay; the closed plan takes no candidate and no hire.
    assert InterviewScore.objects.filter(candidate=ann).count() == 1
    with pytest.raises(InputError, match="plan: the hiring plan for Dental Assistant 1 is closed"):
        services.add_candidate(actor=personas.manager, plan=plan, data={"name": "Ben"})
    with pytest.raises(InputError, match="is closed, not open"):
        services.hire_candidate(actor=personas.manager, candidate=ann)
    record = AuditRecord.objects.get(object_type="hiring.hiringplan", note="closed without a hire")
    assert record.before["status"] == "open" and record.after["status"] == "closed"
    assert record.after["closed_reason"] == "Seat withdrawn for now"
    # The seat can be planned for again.
    again = services.open_plan(actor=personas.manager, seat=hiring.seat)
    assert again.status == "open" and again.pk != plan.pk


@pytest.mark.parametrize(
    ("reason", "message"),
    [
        ("", "reason: is required"),
        ("   ", "reason: is required"),
        (None, "reason: is required"),
        (42, "reason: must be text, got 42"),
        ("x" * 501, "reason: at most 500 characters, got 501"),
        ("a\x00b", "reason: must not contain NUL characters"),
    ],
)
def test_a_close_without_a_usable_reason_is_refused_naming_it_and_changes_nothing(
    personas: Any, hiring: Any, reason: Any, message: str
) -> None:
    plan = services.open_plan(actor=personas.owner, seat=hiring.seat)
    records = AuditRecord.objects.count()
    with pytest.raises(InputError, match=message):
        services.close_plan(actor=personas.owner, plan=plan, reason=reason)
    plan.refresh_from_db()
    assert plan.status == "open" and plan.closed_at is None and plan.closed_reason == ""
    assert AuditRecord.objects.count() == records


def test_only_the_chain_with_hire_may_close_and_a_finished_plan_stays_as_it_is(
    personas: Any, hiring: Any
) -> None:
    plan = services.open_plan(actor=personas.owner, seat=hiring.seat)
    for outsider in (hiring.manager_other, personas.member):
        with pytest.raises(PermissionDenied):
            services.close_plan(actor=outsider, plan=plan, reason="Not mine to close")
    plan.refresh_from_db()
    assert plan.status == "open"
    ann = services.add_candidate(actor=personas.owner, plan=plan, data={"name": "Ann"})
    services.hire_candidate(actor=personas.owner, candidate=ann)
    plan.refresh_from_db()
    with pytest.raises(InputError, match="is filled, not open"):
        services.close_plan(actor=personas.owner, plan=plan, reason="Too late")
    plan.refresh_from_db()
    assert plan.status == "filled" and plan.closed_reason == ""


def test_a_plan_opened_by_another_request_between_the_check_and_the_write_is_refused(
    personas: Any, hiring: Any, monkeypatch: Any
) -> None:
    # Two managers open a plan for the seat at the same moment: both pass the "no open
    # plan" check, and the database's one-open-plan constraint decides. The other request
    # is played by writing its plan right after this one's check.
    real_card = services.plan_card

    def other_request_wins(seat: Any, level: str) -> Any:
        HiringPlan.objects.create(
            practice=personas.acme, seat=seat, seat_name=seat.name, level=level
        )
        return real_card(seat, level)

    monkeypatch.setattr(services, "plan_card", other_request_wins)
    records = AuditRecord.objects.count()
    with pytest.raises(InputError, match='seat: "Dental Assistant 1" already has an open'):
        services.open_plan(actor=personas.manager, seat=hiring.seat)
    assert HiringPlan.objects.filter(seat=hiring.seat, status="open").count() == 1
    assert AuditRecord.objects.count() == records  # the refused plan left no record


def test_two_closes_of_one_plan_at_once_keep_the_first_reason_and_refuse_the_second(
    personas: Any, hiring: Any
) -> None:
    # Both managers loaded the open plan; the first close lands, the second (holding the
    # plan as it was) is refused naming the plan, and writes no second audit record.
    plan = services.open_plan(actor=personas.owner, seat=hiring.seat)
    stale = HiringPlan.objects.get(pk=plan.pk)
    services.close_plan(actor=personas.owner, plan=plan, reason="Seat withdrawn")
    records = AuditRecord.objects.count()
    with pytest.raises(InputError, match="plan: the hiring plan for Dental Assistant 1 is closed"):
        services.close_plan(actor=personas.manager, plan=stale, reason="Filled from within")
    plan.refresh_from_db()
    assert plan.closed_reason == "Seat withdrawn" and AuditRecord.objects.count() == records
