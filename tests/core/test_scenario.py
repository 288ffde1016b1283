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
from practiceos.core.model import (
    Assignment,
    Location,
    Person,
    PracticeInfo,
    Role,
    Seat,
    SeatKind,
    Snapshot,
)
from practiceos.core.scenario import (
    CloseSeat,
    apply_scenario,
    changes_from_dicts,
    chart_fingerprint,
    check_scenario,
    seat_fingerprints,
    stale_seats,
    touched_seats,
)
from practiceos.core.scenario_compare import compare
from practiceos.core.scenario_diff import diff_snapshots
from practiceos.core.scenario_merge import change_key, merge_changes, merge_fixes

from .builders import AS_OF, Org, integrity_keys
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


def fix_groups(snapshot: Snapshot) -> list:
    """Each finding's fix, in the report's order: how the app adds a report's fixes."""
    return [f.fix for f in run_check(snapshot).findings if f.fix]


def shared_new_manager_practice() -> Snapshot:
    """The property test's find (subjects s0, s2 and the new support-services manager),
    reduced. Admin "Ns7" reports to a provider, so support-reports-to-provider proposes a
    new Support Services Manager under the owner "Ns2"; the owner reports to support seat
    "Ns0" at the top of a chain with no manager, whose own fix proposes the *same* new seat
    at the top of the chart (under the owner it would loop) and moves "Ns0" under it.
    Each fix is safe alone. Merged, the new seat keeps the first placement, and moving
    "Ns0" under it closes Support Services Manager → Ns2 → Ns0 → Support Services Manager."""
    org = Org()
    org.seat("s0", "support", name="Ns0", location=None)
    org.seat("s2", "leadership", name="Ns2", reports_to="s0", location=None)
    org.seat("s6", "provider", name="Ns6", reports_to="s2", location=None)
    org.seat("s7", "administrative", name="Ns7", reports_to="s6", location=None)
    return org.build()


def test_two_fixes_sharing_a_new_manager_seat_never_close_a_reporting_cycle() -> None:
    snapshot = shared_new_manager_practice()
    groups = fix_groups(snapshot)
    ssm = "new:support-services-manager:-"
    # The two fixes disagree on where the new seat goes.
    creates = [c for g in groups for c in g if isinstance(c, CreateSeat) and c.temp_ref == ssm]
    assert {c.reports_to for c in creates} == {"s2", None}
    # What happened before: merged change by change, the result has a new cycle.
    flat = merge_changes((), [c for g in groups for c in g])
    assert any(p.where == "reports_to" for p in check_scenario(snapshot, flat.changes).problems)

    merged = merge_fixes(snapshot, (), groups)
    checked = check_scenario(snapshot, merged.changes)
    assert checked.ok, checked.problems
    assert checked.result is not None
    assert not Facts(checked.result, Policy()).in_cycle
    # The whole later fix is left out and says why, naming the loop it would close.
    left_out = [s for s in merged.skipped if "reporting cycle" in s.reason]
    assert MoveReportingLine("s0", ssm) in {s.change for s in left_out}
    reason = left_out[0].reason
    assert '"Ns0" → "Support Services Manager" → "Ns2" → "Ns0"' in reason
    # The earlier fix went in: Ns7 reports to the new manager and still serves the provider.
    assert checked.result.seats_by_id["s7"].reports_to == ssm
    assert checked.result.seats_by_id["s7"].serves == ("s6",)
    assert merged.added + len(merged.skipped) == sum(len(g) for g in groups)


def test_a_fix_that_would_close_a_cycle_is_left_out_whole_and_the_next_round_fixes_it() -> None:
    """Another random find: the same shared new seat, with a location, a provider lead and
    a longer loop (new manager → Ns2 → Ns0 → Ns4 → new manager)."""
    org = Org()
    org.location("l1", "L1")
    org.seat("s0", "support", name="Ns0", reports_to="s4", location="l1")
    org.seat("s1", "support", name="Ns1", reports_to="s5", location="l1")
    org.seat("s2", "management", name="Ns2", reports_to="s0", location="l1")
    org.seat("s3", "provider", name="Ns3", reports_to="s2", location="l1")
    org.seat("s4", "administrative", name="Ns4", location="l1")
    org.seat("s5", "provider", name="Ns5", reports_to="s4", location="l1")
    snapshot = org.build()
    flat = merge_changes((), [c for g in fix_groups(snapshot) for c in g])
    assert any(p.where == "reports_to" for p in check_scenario(snapshot, flat.changes).problems)
    merged = merge_fixes(snapshot, (), fix_groups(snapshot))
    checked = check_scenario(snapshot, merged.changes)
    assert checked.ok, checked.problems
    assert checked.result is not None
    assert not Facts(checked.result, Policy()).in_cycle
    # The next round (the health check on the scenario's chart) proposes fixes that fit
    # it; adding them never makes a cycle either.
    again = merge_fixes(snapshot, merged.changes, fix_groups(checked.result))
    assert check_scenario(snapshot, again.changes).ok


def test_two_fixes_moving_two_seats_under_each_other_keep_the_first() -> None:
    snapshot = surgical_practice()
    merged = merge_fixes(
        snapshot, (), [[MoveReportingLine("pm", "surg")], [MoveReportingLine("surg", "pm")]]
    )
    assert merged.changes == (MoveReportingLine("pm", "surg"),)
    assert merged.skipped[0].change == MoveReportingLine("surg", "pm")
    assert '"Surgeon" → "Practice Manager" → "Surgeon"' in merged.skipped[0].reason


def test_a_left_out_fix_takes_back_everything_it_added() -> None:
    snapshot = surgical_practice()
    group = [
        CreateSeat("new:x", "Lead", "Lead", SeatKind.MANAGEMENT, None, "sa1"),
        SetField("seat", "fd", "name", "Reception"),
        MoveReportingLine("owner", "new:x"),  # closes owner → x → sa1 → surg → owner
    ]
    merged = merge_fixes(snapshot, (), [group, [MoveReportingLine("fd", "owner")]])
    assert merged.changes == (MoveReportingLine("fd", "owner"),)
    assert merged.added == 1
    assert [s.change for s in merged.skipped] == group
    # The left-out group's seat is not there for later fixes either.
    later = merge_fixes(snapshot, merged.changes, [[MoveReportingLine("sa2", "new:x")]])
    assert later.added == 1
    assert check_scenario(snapshot, later.changes).result is None  # names a missing seat


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
    merged = merge_fixes(snapshot, (), fix_groups(snapshot))
    try:
        result = apply_scenario(snapshot, merged.changes)
    except ChangeError:
        return  # an inconsistent snapshot (a repeated id) may refuse; it never half-applies
    assert Facts(result, Policy()).in_cycle <= Facts(snapshot, Policy()).in_cycle
    assert integrity_keys(run_check(result)) <= integrity_keys(run_check(snapshot))
    json.dumps(compare(snapshot, result, merged.changes).to_dict())


# Charts that are consistent (unique ids, real locations) but badly shaped: most seats
# draw several findings whose fixes overlap, which is where merging goes wrong.
_IDS = [f"s{n}" for n in range(8)]
charts = st.lists(
    st.builds(
        Seat,
        id=st.sampled_from(_IDS),
        name=st.sampled_from(_IDS).map(lambda i: f"N{i}"),
        kind=st.sampled_from(list(SeatKind)),
        role_id=st.sampled_from([None, "r1"]),
        location_id=st.sampled_from([None, "l1", "l2"]),
        reports_to=st.one_of(st.none(), st.sampled_from(_IDS)),
    ),
    min_size=2,
    max_size=8,
    unique_by=lambda seat: seat.id,
).flatmap(
    lambda seats: st.builds(
        Snapshot,
        practice=st.just(PracticeInfo("Prop", "prop")),
        locations=st.just((Location("l1", "L1"), Location("l2", "L2"))),
        roles=st.tuples(
            st.builds(
                Role, id=st.just("r1"), title=st.just("R"), kind=st.sampled_from(list(SeatKind))
            )
        ),
        seats=st.just(tuple(seats)),
        people=st.just(tuple(Person(f"p{s.id}", f"P{s.id}") for s in seats)),
        assignments=st.just(tuple(Assignment(f"a{s.id}", f"p{s.id}", s.id) for s in seats)),
        as_of=st.just(AS_OF),
    )
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(charts)
def test_merged_fixes_of_a_badly_shaped_chart_never_make_a_cycle(snapshot: Snapshot) -> None:
    merged = merge_fixes(snapshot, (), fix_groups(snapshot))
    checked = check_scenario(snapshot, merged.changes)
    assert not [p for p in checked.problems if p.where == "reports_to"], merged.skipped
    assert checked.result is not None
    assert Facts(checked.result, Policy()).in_cycle <= Facts(snapshot, Policy()).in_cycle


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
