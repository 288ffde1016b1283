"""Scorecard services: permission, validation naming the field or cell, audit, idempotency."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied

from practiceos.audit.models import AuditRecord
from practiceos.core.problems import InputError
from practiceos.core.scorecard_entry import RawEntry
from practiceos.scorecards import services
from practiceos.scorecards.models import Dependency, Measurable, MeasurableValue, PulseAnswer


def _raw(*items: tuple[str, object, object, object]) -> list[RawEntry]:
    return [RawEntry(*i) for i in items]


def test_save_numbers_is_idempotent_per_measurable_and_period(personas: Any, board: Any) -> None:
    entries = _raw(("A1", "cases", "2026-W48", "12"), ("A2", "on-time", "2026-11-25", "96%"))
    first = services.save_numbers(actor=personas.manager, entries=entries)
    assert (first.created, first.updated, first.unchanged) == (2, 0, 0)
    audits = AuditRecord.objects.count()
    again = services.save_numbers(actor=personas.manager, entries=entries)
    assert (again.created, again.updated, again.unchanged) == (0, 0, 2)
    assert AuditRecord.objects.count() == audits  # nothing changed, nothing recorded
    assert MeasurableValue.objects.count() == 2
    changed = services.save_numbers(
        actor=personas.manager, entries=_raw(("A1", "cases", "2026-W48", "13"))
    )
    assert changed.updated == 1
    assert MeasurableValue.objects.get(measurable=board.cases).value == Decimal(13)
    cleared = services.save_numbers(
        actor=personas.manager, entries=_raw(("A1", "cases", "2026-W48", ""))
    )
    assert cleared.cleared == 1 and not MeasurableValue.objects.filter(measurable=board.cases)


def test_bad_cells_are_all_listed_and_nothing_is_written(personas: Any, board: Any) -> None:
    entries = _raw(
        ("B2", "cases", "2026-W48", "12"),
        ("B3", "cases", "2025-W53", "12"),
        ("B4", "on-time", "2026-W48", "lots"),
        ("B5", "ghost", "2026-W48", "1"),
    )
    with pytest.raises(InputError) as exc:
        services.save_numbers(actor=personas.manager, entries=entries)
    text = str(exc.value)
    assert "B3: period week 53 does not exist in 2025" in text
    assert 'B4: First case on time: "lots" is not a number' in text.replace("'", '"')
    assert "B5" in text and "not a measurable of this practice" in text
    assert MeasurableValue.objects.count() == 0


def test_member_cannot_enter_numbers_and_outsider_sees_no_measurables(
    personas: Any, board: Any
) -> None:
    with pytest.raises(PermissionDenied):
        services.save_numbers(actor=personas.member, entries=_raw(("A1", "cases", "2026-W48", "1")))
    with pytest.raises(InputError, match="not a measurable of this practice"):
        services.save_numbers(
            actor=personas.outsider, entries=_raw(("A1", "cases", "2026-W48", "1"))
        )
    assert MeasurableValue.objects.count() == 0


def test_create_measurable_refuses_operator_unit_mismatch_and_self_formula(
    personas: Any, board: Any, chart: Any
) -> None:
    with pytest.raises(InputError) as exc:
        services.create_measurable(
            actor=personas.manager,
            data={
                "name": "Checklist",
                "unit": "yes_no",
                "operator": "gte",
                "goal_low": "1",
                "formula": "checklist + 1",
                "team": chart.team.pk,
            },
        )
    wheres = {p.where for p in exc.value.problems}
    assert {"goal.operator", "formula"} <= wheres
    assert "refers to itself" in str(exc.value)
    assert not Measurable.objects.filter(name="Checklist").exists()


def test_formula_cycle_through_another_measurable_is_refused(personas: Any, board: Any) -> None:
    board.cases.formula = "per-case * 2"
    board.cases.save()
    with pytest.raises(InputError, match="refer to each other"):
        services.create_measurable(
            actor=personas.owner,
            data={"name": "Per case", "key": "per-case", "formula": "cases / 2"},
        )
    with pytest.raises(InputError, match="'ghost' is not a measurable"):
        services.create_measurable(
            actor=personas.owner, data={"name": "Ratio", "formula": "ghost / 2"}
        )


def test_create_measurable_writes_one_audit_record_and_links_goals(
    personas: Any, board: Any, chart: Any
) -> None:
    before = AuditRecord.objects.count()
    m = services.create_measurable(
        actor=personas.manager,
        data={
            "name": "Turnover minutes",
            "unit": "minutes",
            "operator": "lte",
            "goal_low": "25",
            "team": chart.team.pk,
            "seat": chart.tech_seat.pk,
            "team_goals": [board.goal.pk],
            "level_targets": {"junior": {"low": "30"}},
        },
    )
    assert m.key == "turnover-minutes"
    assert list(m.team_goals.all()) == [board.goal]
    assert m.level_targets == {"junior": {"low": "30"}}
    assert AuditRecord.objects.count() == before + 1


def test_add_from_library_copies_unit_operator_and_goal(personas: Any, chart: Any) -> None:
    m = services.add_from_library(
        actor=personas.owner, team=chart.team, entry_id="dental-hygiene-reappointment"
    )
    assert (m.unit, m.operator, m.goal_low) == ("percent", "gte", Decimal(90))
    assert m.seat == chart.manager_seat
    again = services.add_from_library(
        actor=personas.owner, team=chart.team, entry_id="dental-hygiene-reappointment"
    )
    assert again.key != m.key
    with pytest.raises(InputError, match="not in the library"):
        services.add_from_library(actor=personas.owner, team=chart.team, entry_id="nope")


def test_goal_override_needs_a_reason_and_a_real_week(personas: Any, board: Any) -> None:
    with pytest.raises(InputError) as exc:
        services.set_goal_override(
            actor=personas.manager,
            measurable=board.cases,
            period="2026-W60",
            operator="gte",
            goal_low="5",
            reason="",
        )
    assert {p.where for p in exc.value.problems} == {"period", "reason"}
    o = services.set_goal_override(
        actor=personas.manager,
        measurable=board.cases,
        period="2026-W52",
        operator="gte",
        goal_low="5",
        reason="Christmas week",
    )
    assert o.period == dt.date(2026, 12, 21)


def test_dependency_is_acknowledged_by_the_peer(personas: Any, board: Any, chart: Any) -> None:
    dep = services.create_dependency(
        actor=personas.manager, from_measurable=board.cases, to_measurable=board.on_time
    )
    assert dep.acknowledged_at is None
    with pytest.raises(PermissionDenied):
        services.acknowledge_dependency(actor=personas.member, dependency=dep)
    # The member fills the tech seat that owns "on time": now they may acknowledge.
    from practiceos.org.models import Assignment, Person

    tess = Person.objects.create(
        practice=personas.acme, name="Tess Tech", user=personas.member.user
    )
    Assignment.objects.create(practice=personas.acme, person=tess, seat=chart.tech_seat)
    services.acknowledge_dependency(actor=personas.member, dependency=dep)
    assert Dependency.objects.get().acknowledged_by == personas.member.user
    with pytest.raises(InputError, match="cannot depend on itself"):
        services.create_dependency(
            actor=personas.owner, from_measurable=board.cases, to_measurable=board.cases
        )


def test_pulse_is_the_persons_own_and_validated(personas: Any, chart: Any) -> None:
    with pytest.raises(InputError, match="not linked to a person"):
        services.answer_pulse(actor=personas.member, month=dt.date(2026, 11, 5), data={"peers": 4})
    chart.bob.user = personas.member.user
    chart.bob.save()
    with pytest.raises(InputError) as exc:
        services.answer_pulse(
            actor=personas.member, month=dt.date(2026, 11, 5), data={"peers": 9, "manager": "x"}
        )
    assert {p.where for p in exc.value.problems} == {"peers", "manager"}
    services.answer_pulse(actor=personas.member, month=dt.date(2026, 11, 5), data={"peers": 4})
    services.answer_pulse(actor=personas.member, month=dt.date(2026, 11, 20), data={"peers": 2})
    answer = PulseAnswer.objects.get()
    assert (answer.person, answer.peers, answer.month) == (chart.bob, 2, dt.date(2026, 11, 1))
    audit = AuditRecord.objects.filter(object_type="scorecards.pulseanswer").last()
    assert audit is not None and audit.after is None  # scores stay out of the audit log


def test_priority_owner_may_change_status_only(personas: Any, board: Any, chart: Any) -> None:
    from practiceos.org.models import Assignment, Person

    pat = Person.objects.create(practice=personas.acme, name="Pat", user=personas.member.user)
    Assignment.objects.create(practice=personas.acme, person=pat, seat=chart.manager_seat)
    services.update_priority(
        actor=personas.member, priority=board.priority, data={"status": "off_track"}
    )
    board.priority.refresh_from_db()
    assert board.priority.status == "off_track"
    with pytest.raises(PermissionDenied):
        services.update_priority(
            actor=personas.member, priority=board.priority, data={"title": "x"}
        )
