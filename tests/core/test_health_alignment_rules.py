"""Alignment rules: each fires, its plain-steps fix (applied by hand to the snapshot)
clears it, and a legitimate look-alike does not fire."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from practiceos.core.alignment import (
    DependencyInfo,
    MeasurableInfo,
    PriorityInfo,
    PulseMonth,
    TeamGoalInfo,
)
from practiceos.core.health import run_check
from practiceos.core.health.policy import Policy
from practiceos.core.model import Snapshot, Team

from .builders import AS_OF, Org, only


def base(goal_text: str = "") -> Snapshot:
    """A front-office team of three seats (manager + two), optionally with goal text."""
    org = Org()
    org.seat("owner", "leadership", name="Owner")
    org.seat("mgr", "management", name="Front Office Manager", reports_to="owner", team="fo")
    org.seat("rec1", "administrative", name="Receptionist 1", reports_to="mgr", team="fo")
    org.seat("rec2", "administrative", name="Receptionist 2", reports_to="mgr", team="fo")
    org.teams.append(Team("fo", "Front Office", "mgr", goal_text))
    return org.build()


GOAL = TeamGoalInfo("g1", "fo", "Every call answered")


def scored(snapshot: Snapshot, rule_id: str, policy: Policy | None = None) -> list[str]:
    return [f.message for f in run_check(snapshot, policy).findings_for(rule_id)]


def m(mid: str, **kw: object) -> MeasurableInfo:
    fields: dict[str, object] = {"team_id": "fo", "seat_id": "rec1", "goal_ids": ("g1",)} | kw
    return MeasurableInfo(mid, f"Measurable {mid}", **fields)  # type: ignore[arg-type]


# --- measurable-without-owner -------------------------------------------------------------


def test_measurable_without_owner_fires_and_suggests_the_manager_seat() -> None:
    snap = replace(base(), team_goals=(GOAL,), measurables=(m("1", seat_id=None),))
    finding = only(run_check(snap), "measurable-without-owner")
    assert "Front Office Manager" in finding.message and "To fix" in finding.message
    fixed = replace(snap, measurables=(m("1", seat_id="mgr"),))
    assert scored(fixed, "measurable-without-owner") == []


def test_measurable_of_a_vacant_seat_is_owned_by_the_seat() -> None:
    org = Org()
    org.seat("mgr", "management", name="Manager", team="fo")
    org.seat("rec1", "administrative", name="Receptionist", reports_to="mgr", person=None)
    org.teams.append(Team("fo", "Front Office", "mgr", ""))
    snap = replace(org.build(), measurables=(m("1", seat_id="rec1"),), team_goals=(GOAL,))
    assert scored(snap, "measurable-without-owner") == []


def test_measurable_whose_seat_is_gone_counts_as_without_owner() -> None:
    snap = replace(base(), measurables=(m("1", seat_id="deleted-seat"),), team_goals=(GOAL,))
    assert len(scored(snap, "measurable-without-owner")) == 1


# --- team-without-shared-goal ------------------------------------------------------------


def test_team_without_shared_goal_fires_then_a_team_goal_clears_it() -> None:
    snap = base()
    [message] = scored(snap, "team-without-shared-goal")
    assert "Front Office (3 seats)" in message
    assert scored(replace(snap, team_goals=(GOAL,)), "team-without-shared-goal") == []


def test_team_with_its_goal_in_words_or_a_single_seat_does_not_fire() -> None:
    assert scored(base("Every call answered in three rings"), "team-without-shared-goal") == []
    org = Org()
    org.seat("solo", "management", name="Solo", team="t")
    org.teams.append(Team("t", "Solo team", "solo", ""))
    assert scored(org.build(), "team-without-shared-goal") == []


# --- measurable-not-linked ----------------------------------------------------------------


def test_measurable_not_linked_fires_and_linking_clears_it() -> None:
    snap = replace(base(), team_goals=(GOAL,), measurables=(m("1", goal_ids=()),))
    assert len(scored(snap, "measurable-not-linked")) == 1
    assert scored(replace(snap, measurables=(m("1"),)), "measurable-not-linked") == []


def test_unlinked_measurable_on_a_team_without_goals_is_left_to_the_team_rule() -> None:
    snap = replace(base(), measurables=(m("1", goal_ids=()),))
    assert scored(snap, "measurable-not-linked") == []
    assert len(scored(snap, "team-without-shared-goal")) == 1


# --- goals-hidden-from-peers --------------------------------------------------------------


def test_all_private_fires_and_making_one_visible_clears_it() -> None:
    snap = replace(
        base(), team_goals=(GOAL,), measurables=(m("1", private=True), m("2", private=True))
    )
    [message] = scored(snap, "goals-hidden-from-peers")
    assert "Measurable 1" in message
    fixed = replace(snap, measurables=(m("1", private=True), m("2")))
    assert scored(fixed, "goals-hidden-from-peers") == []


def test_one_private_number_among_visible_ones_is_fine() -> None:
    snap = replace(base(), measurables=(m("1", private=True), m("2")), team_goals=(GOAL,))
    assert scored(snap, "goals-hidden-from-peers") == []


# --- dependency-unacknowledged ------------------------------------------------------------


def _dep(created: dt.date, acknowledged: bool = False) -> DependencyInfo:
    return DependencyInfo("d1", "m:1", "m:2", created, acknowledged)


def test_old_unacknowledged_dependency_fires_and_acknowledging_clears_it() -> None:
    work = (m("1"), m("2", seat_id="rec2"))
    snap = replace(
        base(), team_goals=(GOAL,), measurables=work, dependencies=(_dep(AS_OF - dt.timedelta(30)),)
    )
    [message] = scored(snap, "dependency-unacknowledged")
    assert "“Measurable 1” depends on “Measurable 2”" in message and "30 days" in message
    fixed = replace(snap, dependencies=(_dep(AS_OF - dt.timedelta(30), acknowledged=True),))
    assert scored(fixed, "dependency-unacknowledged") == []


def test_fresh_dependency_is_given_time() -> None:
    work = (m("1"), m("2", seat_id="rec2"))
    snap = replace(base(), measurables=work, dependencies=(_dep(AS_OF - dt.timedelta(3)),))
    assert scored(snap, "dependency-unacknowledged") == []
    strict = Policy.from_mapping({"dependency_ack_days": 2})
    assert len(scored(snap, "dependency-unacknowledged", strict)) == 1


# --- scorecard-bloat ----------------------------------------------------------------------


def test_scorecard_bloat_fires_above_the_maximum_only() -> None:
    many = tuple(m(str(i)) for i in range(16))
    snap = replace(base(), team_goals=(GOAL,), measurables=many)
    [message] = scored(snap, "scorecard-bloat")
    assert "16 weekly numbers" in message and "maximum is 15" in message
    assert scored(replace(snap, measurables=many[:15]), "scorecard-bloat") == []
    assert (
        scored(snap, "scorecard-bloat", Policy.from_mapping({"max_measurables_per_team": 20})) == []
    )


# --- off-track-streak ---------------------------------------------------------------------


def test_off_track_streak_fires_at_the_policy_length_and_not_before() -> None:
    snap = replace(base(), team_goals=(GOAL,), measurables=(m("1", red_streak=3),))
    [message] = scored(snap, "off-track-streak")
    assert "3 weeks running" in message
    assert scored(replace(snap, measurables=(m("1", red_streak=2),)), "off-track-streak") == []
    # The fix (an action that brings the number back) ends the streak.
    assert scored(replace(snap, measurables=(m("1", red_streak=0),)), "off-track-streak") == []


def test_a_long_streak_is_high_severity() -> None:
    snap = replace(base(), measurables=(m("1", red_streak=6),), team_goals=(GOAL,))
    assert only(run_check(snap), "off-track-streak").severity.value == "high"


# --- priority-without-owner ---------------------------------------------------------------


def test_priority_without_owner_fires_and_an_owner_clears_it() -> None:
    p = PriorityInfo("p1", "New phone system", "fo", None, "on_track")
    snap = replace(base(), priorities=(p,))
    assert len(scored(snap, "priority-without-owner")) == 1
    assert (
        scored(replace(snap, priorities=(replace(p, seat_id="mgr"),)), "priority-without-owner")
        == []
    )


def test_done_or_dropped_priority_without_owner_does_not_fire() -> None:
    done = PriorityInfo("p1", "Old", "fo", None, "done")
    dropped = PriorityInfo("p2", "Older", "fo", None, "dropped")
    assert scored(replace(base(), priorities=(done, dropped)), "priority-without-owner") == []


# --- alignment-low ------------------------------------------------------------------------

DEC, JAN = dt.date(2024, 12, 1), dt.date(2025, 1, 1)


def test_alignment_low_fires_when_two_months_stay_low() -> None:
    snap = replace(base(), pulse=(PulseMonth("fo", DEC, 4, 2.0), PulseMonth("fo", JAN, 5, 2.2)))
    [message] = scored(snap, "alignment-low")
    assert "2.1 of 5" in message
    recovered = replace(snap, pulse=(PulseMonth("fo", DEC, 4, 2.0), PulseMonth("fo", JAN, 5, 3.4)))
    assert scored(recovered, "alignment-low") == []


def test_one_low_month_or_too_few_answers_does_not_fire() -> None:
    one = replace(base(), pulse=(PulseMonth("fo", JAN, 5, 1.5),))
    assert scored(one, "alignment-low") == []
    few = replace(base(), pulse=(PulseMonth("fo", DEC, 2, 1.0), PulseMonth("fo", JAN, 2, 1.0)))
    assert scored(few, "alignment-low") == []


def test_rules_find_nothing_on_a_snapshot_without_scorecards() -> None:
    report = run_check(base("Answer every call"))
    assert [f for f in report.findings if f.area.value == "alignment"] == []
