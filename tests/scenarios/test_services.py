"""Scenario services: drafts never touch the live chart; fixes merge; publish is all or
nothing, audited, refused on a stale base; bad input names the field."""

from __future__ import annotations

import pytest

from practiceos.audit.models import AuditRecord
from practiceos.core.health import MoveReportingLine
from practiceos.core.problems import InputError
from practiceos.core.scenario import CloseSeat, finding_ref
from practiceos.org.models import Seat
from practiceos.org.snapshot import build_snapshot
from practiceos.scenarios import fixes, publishing, services
from practiceos.scenarios.models import Scenario


def _support_finding(run):
    finding = next(f for f in run.findings if f["rule"] == "support-reports-to-provider")
    return finding_ref(finding["rule"], [s["id"] for s in finding["subjects"]])


def _chart_state(practice):
    return sorted(
        Seat.objects.filter(practice=practice).values_list("name", "reports_to__name", "kind")
    )


def test_trying_one_finding_creates_a_draft_and_leaves_the_live_chart_alone(personas, surgical):
    live = _chart_state(personas.acme)
    result = fixes.try_fixes(
        actor=personas.owner, run=surgical.run, finding=_support_finding(surgical.run)
    )
    scenario = result.scenario
    assert scenario.status == "draft" and scenario.owner == personas.owner.user
    assert result.merge.added >= 3  # a new manager seat and two moves
    assert _chart_state(personas.acme) == live
    state = services.scenario_state(scenario)
    assert state.problems == () and state.result is not None
    new = [s for s in state.result.seats if s.id.startswith("new:")]
    assert [s.kind.value for s in new] == ["management"]
    assert {
        state.result.seats_by_id[str(surgical.seat(n).pk)].reports_to
        for n in ("Surgical Assistant 1", "Surgical Assistant 2")
    } == {new[0].id}


def test_the_same_fixes_twice_and_every_fix_after_are_merged_never_applied_twice(
    personas, surgical
):
    first = fixes.try_fixes(
        actor=personas.owner, run=surgical.run, finding=_support_finding(surgical.run)
    )
    count = len(first.scenario.changes)
    again = fixes.try_fixes(
        actor=personas.owner,
        run=surgical.run,
        scenario=first.scenario,
        finding=_support_finding(surgical.run),
    )
    assert again.merge.added == 0 and len(again.scenario.changes) == count
    everything = fixes.try_fixes(actor=personas.owner, run=surgical.run, scenario=first.scenario)
    stored = everything.scenario.changes
    assert len(stored) == len({tuple(sorted((k, str(v)) for k, v in c.items())) for c in stored})
    assert services.scenario_state(everything.scenario).problems == ()


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [({"finding": "0123456789ab"}, "finding"), ({"rule": "no-such-rule"}, "rule")],
)
def test_an_unknown_finding_or_rule_is_refused_naming_the_field(personas, surgical, kwargs, field):
    before = Scenario.objects.count()
    with pytest.raises(InputError) as err:
        fixes.try_fixes(actor=personas.owner, run=surgical.run, **kwargs)
    assert err.value.problems[0].where == field
    assert Scenario.objects.count() == before


def test_a_hand_edit_that_makes_a_cycle_is_refused_naming_the_seats(personas, surgical):
    scenario = services.create_scenario(actor=personas.owner, name="Cycle")
    owner, assistant = surgical.seat("Owner"), surgical.seat("Surgical Assistant 1")
    with pytest.raises(InputError) as err:
        services.add_changes(
            actor=personas.owner,
            scenario=scenario,
            changes=[MoveReportingLine(str(owner.pk), str(assistant.pk))],
        )
    problem = err.value.problems[0]
    assert problem.where == "reports_to"
    assert '"Owner"' in problem.message and '"Surgical Assistant 1"' in problem.message
    scenario.refresh_from_db()
    assert scenario.changes == []


def test_a_bad_stored_change_sent_over_the_api_names_its_position(personas, surgical):
    scenario = services.create_scenario(actor=personas.owner, name="Bad")
    with pytest.raises(InputError) as err:
        services.add_changes(
            actor=personas.owner,
            scenario=scenario,
            changes=[{"action": "close_seat", "seat_id": ""}],
        )
    assert err.value.problems[0].where == "changes[0]"


def test_publishing_applies_exactly_the_changes_audits_them_and_reruns_the_check(
    personas, surgical
):
    from practiceos.health.models import HealthRun

    result = fixes.try_fixes(
        actor=personas.owner, run=surgical.run, finding=_support_finding(surgical.run)
    )
    last_audit = AuditRecord.objects.order_by("-id").first().pk
    runs = HealthRun.objects.count()
    published = publishing.publish_scenario(actor=personas.owner, scenario=result.scenario)
    assert published.scenario.status == "published"
    assert published.score > surgical.run.overall
    manager = Seat.objects.get(practice=personas.acme, name__icontains="support")
    assert manager.kind == "management"
    for name in ("Surgical Assistant 1", "Surgical Assistant 2"):
        assert Seat.objects.get(pk=surgical.seat(name).pk).reports_to_id == manager.pk
    records = AuditRecord.objects.filter(pk__gt=last_audit)
    touched = {(r.object_type, r.object_id) for r in records}
    assert ("org.seat", str(manager.pk)) in touched
    assert ("org.seat", str(surgical.seat("Surgical Assistant 1").pk)) in touched
    # Exactly the scenario's changes were written to the chart: the new role and seat, and
    # the two assistants' reporting lines (plus the scenario itself and the new run).
    chart_records = sorted(
        (r.object_type, r.action, r.object_repr)
        for r in records
        if r.object_type.startswith("org.") and r.object_type != "org.servicelink"
    )
    # The assistants keep serving their provider under the new manager: the fix adds
    # those service lines, and the load records each one it creates.
    links = {
        (r.action, r.after["support_seat"]) for r in records if r.object_type == "org.servicelink"
    }
    assert links == {
        ("created", surgical.seat("Surgical Assistant 1").pk),
        ("created", surgical.seat("Surgical Assistant 2").pk),
    }
    assert chart_records == [
        ("org.role", "created", "Support Services Manager"),
        ("org.seat", "created", manager.name),
        ("org.seat", "loaded", "Surgical Assistant 1"),
        ("org.seat", "loaded", "Surgical Assistant 2"),
    ]
    assert all(
        r.note.startswith("published scenario") for r in records if r.object_type.startswith("org.")
    )
    assert (
        not {("org.seat", str(surgical.seat(n).pk)) for n in ("Owner", "Front Desk", "Surgeon")}
        & touched
    )
    assert HealthRun.objects.count() == runs + 1
    with pytest.raises(InputError) as err:
        publishing.publish_scenario(actor=personas.owner, scenario=result.scenario)
    assert err.value.problems[0].where == "status"


def test_publishing_a_discarded_scenario_is_refused_and_changes_nothing(personas, surgical):
    result = fixes.try_fixes(actor=personas.owner, run=surgical.run)
    services.discard_scenario(actor=personas.owner, scenario=result.scenario)
    live = _chart_state(personas.acme)
    with pytest.raises(InputError) as err:
        publishing.publish_scenario(actor=personas.owner, scenario=result.scenario)
    assert err.value.problems[0].where == "status"
    assert "discarded" in err.value.problems[0].message
    assert _chart_state(personas.acme) == live


def test_a_live_chart_changed_under_the_scenario_refuses_publishing_naming_the_seat(
    personas, surgical
):
    from practiceos.org import services as org_services

    result = fixes.try_fixes(
        actor=personas.owner, run=surgical.run, finding=_support_finding(surgical.run)
    )
    assistant = surgical.seat("Surgical Assistant 1")
    org_services.update(personas.owner, assistant, {"note": "changed meanwhile"})
    live = _chart_state(personas.acme)
    with pytest.raises(InputError) as err:
        publishing.publish_scenario(actor=personas.owner, scenario=result.scenario)
    problem = err.value.problems[0]
    assert problem.where == "base" and '"Surgical Assistant 1"' in problem.message
    assert _chart_state(personas.acme) == live
    publishing.rebase_scenario(actor=personas.owner, scenario=result.scenario)
    published = publishing.publish_scenario(actor=personas.owner, scenario=result.scenario)
    assert published.scenario.status == "published"


def test_a_change_elsewhere_in_the_live_chart_is_rebased_with_a_clear_flag(personas, surgical):
    from practiceos.org import services as org_services

    result = fixes.try_fixes(
        actor=personas.owner, run=surgical.run, finding=_support_finding(surgical.run)
    )
    org_services.update(personas.owner, surgical.seat("Front Desk"), {"note": "elsewhere"})
    published = publishing.publish_scenario(actor=personas.owner, scenario=result.scenario)
    assert published.rebased is True
    assert Seat.objects.get(pk=surgical.seat("Front Desk").pk).note == "elsewhere"


def test_closing_a_seat_in_a_scenario_deletes_it_only_on_publish(personas, surgical):
    scenario = services.create_scenario(actor=personas.owner, name="Close the front desk")
    desk = surgical.seat("Front Desk")
    services.add_changes(actor=personas.owner, scenario=scenario, changes=[CloseSeat(str(desk.pk))])
    assert Seat.objects.filter(pk=desk.pk).exists()
    publishing.publish_scenario(actor=personas.owner, scenario=scenario)
    assert not Seat.objects.filter(pk=desk.pk).exists()


def test_a_manager_may_read_but_not_draft_and_an_admin_may_not_publish_other_practices(
    personas, surgical
):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        services.create_scenario(actor=personas.manager, name="Nope")
    scenario = services.create_scenario(actor=personas.admin, name="Admin's")
    with pytest.raises(InputError) as err:
        publishing.publish_scenario(actor=personas.outsider, scenario=scenario)
    assert err.value.problems[0].where == "scenario"
    assert build_snapshot(personas.acme).seats  # untouched


def test_fixes_from_a_report_older_than_the_chart_skip_what_no_longer_applies(personas, surgical):
    from practiceos.org.models import Assignment

    # The surgeon's seat goes after the run: fixes naming it cannot apply any more.
    surgeon = surgical.seat("Surgeon")
    Assignment.objects.filter(seat=surgeon).delete()
    Seat.objects.filter(reports_to=surgeon).update(reports_to=surgical.seat("Owner"))
    surgeon.delete()
    result = fixes.try_fixes(actor=personas.owner, run=surgical.run)
    assert result.merge.skipped
    assert any("does not apply to today's chart" in s.reason for s in result.merge.skipped)
    assert services.scenario_state(result.scenario).problems == ()


def test_putting_a_second_accountable_person_in_a_seat_is_refused(personas, surgical):
    from practiceos.core.health import AssignPerson
    from practiceos.org.models import Person

    scenario = services.create_scenario(actor=personas.owner, name="Two owners")
    jo = Person.objects.get(practice=personas.acme, name="Jo Lee")
    change = AssignPerson(str(jo.pk), str(surgical.seat("Owner").pk), fte=0.5, accountable=True)
    with pytest.raises(InputError) as err:
        services.add_changes(actor=personas.owner, scenario=scenario, changes=[change])
    assert "already has Dr. Ana Patel" in err.value.problems[0].message
    scenario.refresh_from_db()
    assert scenario.changes == []


def test_a_move_under_another_practices_seat_is_refused_naming_the_change(personas, surgical):
    other_seat = Seat.objects.create(practice=personas.other, name="Other Owner", kind="leadership")
    scenario = services.create_scenario(actor=personas.owner, name="Across practices")
    move = {
        "action": "move_reporting_line",
        "seat_id": str(surgical.seat("Front Desk").pk),
        "new_manager": str(other_seat.pk),
    }
    with pytest.raises(InputError) as err:
        services.add_changes(actor=personas.owner, scenario=scenario, changes=[move])
    problem = err.value.problems[0]
    assert problem.where == "changes"
    assert "changes[0] (move_reporting_line)" in problem.message
    assert str(other_seat.pk) in problem.message


def test_removing_a_change_later_changes_need_is_refused(personas, surgical):
    result = fixes.try_fixes(
        actor=personas.owner, run=surgical.run, finding=_support_finding(surgical.run)
    )
    first = result.scenario.changes[0]
    assert first["action"] == "create_seat"
    with pytest.raises(InputError) as err:
        services.remove_change(actor=personas.owner, scenario=result.scenario, index=0)
    assert err.value.problems[0].where == "index"
    with pytest.raises(InputError) as err:
        services.remove_change(actor=personas.owner, scenario=result.scenario, index=99)
    assert err.value.problems[0].where == "index"


def test_two_people_publishing_drafts_of_the_same_seats_the_second_is_refused(personas, surgical):
    ref = _support_finding(surgical.run)
    first = fixes.try_fixes(actor=personas.owner, run=surgical.run, finding=ref).scenario
    second = fixes.try_fixes(actor=personas.admin, run=surgical.run, finding=ref).scenario
    publishing.publish_scenario(actor=personas.owner, scenario=first)
    live = _chart_state(personas.acme)
    with pytest.raises(InputError) as err:
        publishing.publish_scenario(actor=personas.admin, scenario=second)
    problem = err.value.problems[0]
    assert problem.where == "base"
    assert (
        '"Surgical Assistant 1"' in problem.message and '"Surgical Assistant 2"' in problem.message
    )
    assert _chart_state(personas.acme) == live
    second.refresh_from_db()
    assert second.status == "draft"


def test_every_fix_of_a_report_whose_fixes_would_loop_together_leaves_one_out_and_says_why(
    personas,
):
    """The property test's find in the database: two findings propose the same new
    manager seat in different places; trying every fix keeps the scenario usable, leaves
    the second fix out naming the loop, and the next round still adds nothing that loops."""
    from practiceos.health.services import run_health_check
    from practiceos.org.loading import load_snapshot
    from tests.core.builders import Org

    org = Org(name="Acme Orthopedics", slug="acme")
    org.seat("s0", "support", name="Sterile Processing", location=None)
    org.seat("s2", "leadership", name="Owner", reports_to="s0", location=None)
    org.seat("s6", "provider", name="Surgeon", reports_to="s2", location=None)
    org.seat("s7", "administrative", name="Scheduler", reports_to="s6", location=None)
    load_snapshot(org.build(), actor=None)
    personas.acme.refresh_from_db()
    run = run_health_check(None, personas.acme)

    result = fixes.try_fixes(actor=personas.owner, run=run)
    reasons = [s.reason for s in result.merge.skipped if "reporting cycle" in s.reason]
    assert reasons, result.merge.skipped
    assert '"Sterile Processing" → "Support Services Manager" → "Owner"' in reasons[0]
    state = services.scenario_state(result.scenario)
    assert state.problems == () and state.result is not None
    scheduler = next(s for s in state.result.seats if s.name == "Scheduler")
    assert scheduler.reports_to is not None and scheduler.reports_to.startswith("new:")
    fixes.try_remaining_fixes(actor=personas.owner, scenario=result.scenario)
    assert services.scenario_state(result.scenario).problems == ()


def test_giving_two_people_one_email_in_a_scenario_is_refused_naming_the_value(personas, surgical):
    """Publishing would have hit the database's unique email as a raw IntegrityError."""
    from practiceos.core.health import SetField
    from practiceos.org.models import Person

    scenario = services.create_scenario(actor=personas.owner, name="Emails")
    jo, kim = (Person.objects.get(practice=personas.acme, name=n) for n in ("Jo Lee", "Kim Roe"))
    services.add_changes(
        actor=personas.owner,
        scenario=scenario,
        changes=[SetField("person", str(jo.pk), "email", "desk@acme.example")],
    )
    with pytest.raises(InputError) as err:
        services.add_changes(
            actor=personas.owner,
            scenario=scenario,
            changes=[SetField("person", str(kim.pk), "email", "desk@acme.example")],
        )
    assert any(
        '"desk@acme.example" is also the email of' in p.message for p in err.value.problems
    ), err.value.problems
    scenario.refresh_from_db()
    assert len(scenario.changes) == 1
