"""The scenario engine without a database: storing, merging, applying, checking, diffing."""

from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from practiceos.core.health import (
    AssignPerson,
    ChangeError,
    CreateSeat,
    EndAssignment,
    MoveReportingLine,
    Policy,
    SetField,
    run_check,
)
from practiceos.core.health.facts import Facts
from practiceos.core.model import SeatKind, Snapshot
from practiceos.core.scenario import (
    CloseSeat,
    apply_scenario,
    change_key,
    changes_from_dicts,
    chart_fingerprint,
    check_scenario,
    merge_changes,
    seat_fingerprints,
    stale_seats,
    touched_seats,
)
from practiceos.core.scenario_compare import compare
from practiceos.core.scenario_diff import diff_snapshots

from .builders import Org, integrity_keys
from .test_health_properties import snapshots


def surgical_practice() -> Snapshot:
    """Owner, practice manager, a surgeon with two assistants reporting to him (the
    situation the scenario feature exists for), and a front desk at a second site."""
    org = Org()
    org.location("north", "North Clinic")
    org.seat("owner", "leadership", name="Owner", person="Dr. Ana Patel")
    org.seat("pm", "management", name="Practice Manager", reports_to="owner", person="Rita Moss")
    org.seat("surg", "provider", name="Surgeon", reports_to="owner", person="Dr. Ben Ng")
    org.seat("sa1", "support", name="Surgical Assistant 1", reports_to="surg", person="Jo Lee")
    org.seat("sa2", "support", name="Surgical Assistant 2", reports_to="surg", person="Kim Roe")
    org.seat(
        "fd", "administrative", name="Front Desk", reports_to="pm", location="north", person="Sam"
    )
    return org.build()


def all_fixes(snapshot: Snapshot) -> list:
    return [c for f in run_check(snapshot).findings for c in f.fix]


# --- storing ----------------------------------------------------------------------------------


def test_changes_round_trip_through_json() -> None:
    changes = [
        *all_fixes(surgical_practice()),
        CloseSeat("fd"),
        AssignPerson("p:Jo Lee", "pm", fte=0.5),
    ]
    stored = json.loads(json.dumps([c.to_dict() for c in changes]))
    assert list(changes_from_dicts(stored)) == changes


@pytest.mark.parametrize(
    ("data", "where"),
    [
        ({"action": "explode"}, "changes[0].action"),
        ({"action": "close_seat"}, "changes[0].close_seat.seat_id"),
        ({"action": "close_seat", "seat_id": "x", "why": 1}, "changes[0].close_seat: unknown key"),
        ({"action": "move_reporting_line", "seat_id": "a"}, "changes[0].move_reporting_line"),
        ("close the desk", "changes[0]: 'close the desk' is not a change"),
    ],
)
def test_a_bad_stored_change_is_refused_naming_its_position_and_key(data, where) -> None:
    with pytest.raises(ChangeError) as err:
        changes_from_dicts([data])
    assert str(err.value).startswith(where)


# --- merging ----------------------------------------------------------------------------------


def test_overlapping_fixes_are_merged_once_and_conflicts_skipped() -> None:
    snapshot = surgical_practice()
    fixes = all_fixes(snapshot)
    first = merge_changes((), fixes)
    again = merge_changes(first.changes, fixes)
    assert again.changes == first.changes
    assert again.added == 0
    assert all(s.reason == "already in the scenario" for s in again.skipped)
    conflict = merge_changes(first.changes, [MoveReportingLine("sa1", "owner")])
    assert conflict.changes == first.changes
    assert "conflicts with an earlier change" in conflict.skipped[0].reason


def test_a_hand_edit_replaces_an_earlier_decision_about_the_same_seat() -> None:
    merged = merge_changes(
        [MoveReportingLine("sa1", "pm")], [MoveReportingLine("sa1", "owner")], by_hand=True
    )
    assert merged.changes == (MoveReportingLine("sa1", "owner"),)
    # A SetField of reports_to is the same decision as a move.
    same = merge_changes(merged.changes, [SetField("seat", "sa1", "reports_to", "owner")])
    assert same.added == 0


def test_changes_naming_a_closed_seat_are_skipped() -> None:
    merged = merge_changes([CloseSeat("surg")], [MoveReportingLine("sa1", "surg")], by_hand=True)
    assert merged.added == 0
    assert "closes" in merged.skipped[0].reason


# --- applying and checking --------------------------------------------------------------------


def test_fixes_in_a_scenario_give_support_staff_a_manager_and_raise_the_score() -> None:
    snapshot = surgical_practice()
    merged = merge_changes((), all_fixes(snapshot))
    checked = check_scenario(snapshot, merged.changes)
    assert checked.ok, checked.problems
    result = checked.result
    assert result is not None
    comparison = compare(snapshot, result, merged.changes)
    new = [s for s in comparison.diff.new_seats if s.kind == "management"]
    assert new, comparison.to_text()
    assert {m.id for m in comparison.diff.moved_seats} >= {"sa1", "sa2"}
    assert comparison.after.score.overall > comparison.before.score.overall
    assert "support-reports-to-provider" in {f.rule for f in comparison.resolved}
    structure = next(a for a in comparison.areas if a.area == "structure")
    assert structure.after > structure.before
    assert any("Surgical Assistant 1" in line for line in comparison.change_lines)
    json.dumps(comparison.to_dict())
    assert "Score" in comparison.to_text()


def test_a_move_that_makes_a_cycle_is_refused_naming_the_seats() -> None:
    snapshot = surgical_practice()
    checked = check_scenario(snapshot, [MoveReportingLine("owner", "sa1")])
    assert not checked.ok
    problem = checked.problems[0]
    assert problem.where == "reports_to"
    assert '"Owner"' in problem.message and '"Surgical Assistant 1"' in problem.message


def test_a_change_naming_a_missing_seat_names_the_change() -> None:
    checked = check_scenario(surgical_practice(), [MoveReportingLine("sa1", "pm"), CloseSeat("zz")])
    assert checked.result is None
    assert checked.problems[0].message.startswith("changes[1] (close_seat)")


def test_two_new_seats_with_one_name_are_refused() -> None:
    seat = CreateSeat(
        "new:x", "Practice Manager", "Practice Manager", SeatKind.MANAGEMENT, None, "owner"
    )
    checked = check_scenario(surgical_practice(), [seat])
    assert [p.where for p in checked.problems] == ["name"]


def test_closing_a_seat_moves_its_reports_up_and_frees_its_holder() -> None:
    snapshot = surgical_practice()
    result = apply_scenario(snapshot, [CloseSeat("surg")])
    assert "surg" not in result.seats_by_id
    assert result.seats_by_id["sa1"].reports_to == "owner"
    diff = diff_snapshots(snapshot, result)
    assert [s.id for s in diff.closed_seats] == ["surg"]
    assert [(p.name, p.left) for p in diff.people_moves] == [("Dr. Ben Ng", ("Surgeon",))]
    provider = next(r for r in diff.by_kind if r.label == "provider")
    assert (provider.before.seats, provider.after.seats) == (1, 0)
    assert (provider.before.fte, provider.after.fte) == (1.0, 0.0)
    assert diff.spans_after.widest == 3  # owner: pm, sa1, sa2 (the surgeon is gone)
    assert diff.layers_before.count == 3 and diff.layers_after.count == 3


def test_diff_counts_headcount_by_location_and_people_moves() -> None:
    snapshot = surgical_practice()
    moved = apply_scenario(
        snapshot,
        [
            EndAssignment("a6"),
            AssignPerson("p:Sam", "pm", fte=0.5, accountable=False),
            SetField("seat", "fd", "location_id", "main"),
        ],
    )
    diff = diff_snapshots(snapshot, moved)
    north = next(r for r in diff.by_location if r.label == "North Clinic")
    assert (north.before.people, north.after.people) == (1, 0)
    assert [e.field for e in diff.edited_seats] == ["location"]
    assert diff.people_moves[0].joined == ("Practice Manager",)


# --- versions ---------------------------------------------------------------------------------


def test_a_chart_that_moved_on_under_the_scenario_names_the_touched_seats_that_changed() -> None:
    base = surgical_practice()
    changes = [MoveReportingLine("sa1", "pm")]
    prints = seat_fingerprints(base, touched_seats(base, changes))
    assert set(prints) == {"sa1", "pm"}
    elsewhere = apply_scenario(base, [SetField("seat", "fd", "note", "moved")])
    assert chart_fingerprint(elsewhere) != chart_fingerprint(base)
    assert stale_seats(prints, elsewhere) == ()
    underneath = apply_scenario(base, [SetField("seat", "pm", "name", "Office Manager")])
    assert stale_seats(prints, underneath) == ("pm",)
    assert chart_fingerprint(apply_scenario(base, [])) == chart_fingerprint(base)


# --- properties -------------------------------------------------------------------------------


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(snapshots)
def test_applying_every_fix_merged_never_creates_cycles_or_dangling_references(
    snapshot: Snapshot,
) -> None:
    merged = merge_changes((), all_fixes(snapshot))
    try:
        result = apply_scenario(snapshot, merged.changes)
    except ChangeError:
        return  # an inconsistent snapshot (a repeated id) may refuse; it never half-applies
    assert Facts(result, Policy()).in_cycle <= Facts(snapshot, Policy()).in_cycle
    assert integrity_keys(run_check(result)) <= integrity_keys(run_check(snapshot))
    json.dumps(compare(snapshot, result, merged.changes).to_dict())


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(snapshots, st.data())
def test_applying_a_fix_twice_equals_applying_it_once(snapshot: Snapshot, data) -> None:
    findings = [f for f in run_check(snapshot).findings if f.fix]
    if not findings:
        return
    finding = data.draw(st.sampled_from(findings))
    once = merge_changes((), finding.fix)
    twice = merge_changes(once.changes, finding.fix)
    assert twice.changes == once.changes
    try:
        applied = apply_scenario(snapshot, once.changes)
    except ChangeError:
        return
    assert apply_scenario(snapshot, twice.changes) == applied
    assert diff_snapshots(snapshot, applied) == diff_snapshots(
        snapshot, apply_scenario(snapshot, twice.changes)
    )


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(snapshots, st.booleans())
def test_merged_changes_never_decide_one_thing_twice(snapshot: Snapshot, by_hand: bool) -> None:
    fixes = all_fixes(snapshot)
    merged = merge_changes((), fixes + list(reversed(fixes)), by_hand=by_hand)
    keys = [change_key(c) for c in merged.changes]
    assert len(keys) == len(set(keys))
    assert merged.added + len(merged.skipped) == 2 * len(fixes)  # every change accounted for


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    snapshots,
    st.lists(
        st.tuples(
            st.sampled_from([f"s{n}" for n in range(8)]),
            st.sampled_from([f"s{n}" for n in range(8)]),
        ),
        max_size=4,
    ),
    st.lists(st.sampled_from([f"s{n}" for n in range(8)]), max_size=2),
)
def test_the_fast_cycle_check_finds_what_the_full_one_finds(
    snapshot: Snapshot, moves, closes
) -> None:
    changes = [MoveReportingLine(a, b) for a, b in moves if a != b] + [CloseSeat(c) for c in closes]
    try:
        result = apply_scenario(snapshot, changes)
    except ChangeError:
        return
    from practiceos.core.scenario import _moved_seats, new_cycles

    full = {frozenset(c) for c in new_cycles(snapshot, result)}
    fast = {frozenset(c) for c in new_cycles(snapshot, result, _moved_seats(snapshot, result))}
    assert fast == full
