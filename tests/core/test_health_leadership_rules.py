"""Leadership rules: each fires, its fix clears it, and a look-alike does not fire."""

from __future__ import annotations

from dataclasses import replace

from practiceos.core.health import (
    CreateSeat,
    PlainStep,
    Policy,
    SetDecider,
    apply_changes,
    change_from_dict,
    run_check,
)
from practiceos.core.leadership import (
    AreaOverride,
    LocationAskLoad,
    TimeSplit,
    Vision,
)
from practiceos.core.model import Snapshot

from .builders import SOUND_VISION, Org, only
from .leadership_builders import AREAS, practice, with_decider


def findings(snapshot: Snapshot, rule: str, policy: Policy | None = None) -> list:
    return list(run_check(snapshot, policy).findings_for(rule))


# ---- vision-missing -------------------------------------------------------------------


def test_vision_missing_fires_naming_each_missing_part_with_plain_steps():
    snap = replace(practice(), vision=Vision(core_focus="Knees"))
    finding = only(run_check(snap), "vision-missing")
    assert "where the practice is going" in finding.message
    assert "3 to 7 core values" in finding.message and "what good looks like" in finding.message
    assert all(isinstance(c, PlainStep) for c in finding.fix) and len(finding.fix) == 3
    assert finding.subjects == ()  # about the practice, not a seat


def test_vision_missing_is_cleared_by_writing_the_vision():
    snap = replace(practice(), vision=Vision())
    assert findings(snap, "vision-missing")
    # The steps are a person's work: applying them changes no structure...
    assert apply_changes(snap, only(run_check(snap), "vision-missing").fix) == snap
    # ...and doing them (the vision written) clears the finding.
    assert not findings(replace(snap, vision=SOUND_VISION), "vision-missing")


def test_vision_with_goals_but_no_three_year_picture_or_focus_is_enough():
    vision = Vision(
        one_year_goals=("Open East",),
        core_values=SOUND_VISION.core_values,
        what_good_looks_like="On time, every time",
    )
    assert not findings(replace(practice(), vision=vision), "vision-missing")


def test_solo_owner_with_nobody_to_lead_gets_no_vision_finding():
    org = Org()
    org.vision = Vision()
    org.seat("owner", "leadership", person="Dr. Solo")
    assert not findings(org.build(), "vision-missing")


# ---- decision-area-without-decider ----------------------------------------------------


def test_area_without_decider_fires_and_its_fix_gives_it_one():
    areas = tuple(replace(a, decider_seat_id=None) if a.id == "complaints" else a for a in AREAS)
    snap = practice(areas)
    finding = only(run_check(snap), "decision-area-without-decider")
    assert 'Nobody decides "Patient complaints"' in finding.message
    assert finding.fix == (SetDecider("complaints", "Patient complaints", "pm"),)
    assert not findings(apply_changes(snap, finding.fix), "decision-area-without-decider")


def test_area_whose_seat_is_gone_fires():
    areas = tuple(replace(a, decider_seat_id="gone") if a.id == "fees" else a for a in AREAS)
    finding = only(run_check(practice(areas)), "decision-area-without-decider")
    assert '(its seat "gone" no longer exists)' in finding.message


def test_area_decided_location_by_location_everywhere_is_not_without_decider():
    overrides = (
        AreaOverride("main", "pm"),
        AreaOverride("east", "em"),
        AreaOverride("west", "pm"),
    )
    areas = tuple(
        replace(a, decider_seat_id=None, overrides=overrides) if a.id == "complaints" else a
        for a in AREAS
    )
    assert not findings(practice(areas), "decision-area-without-decider")


# ---- decision-rights-concentrated -----------------------------------------------------


def test_concentrated_fires_and_its_fix_hands_areas_to_managers():
    snap = practice(with_decider(AREAS, "owner"))
    finding = only(run_check(snap), "decision-rights-concentrated")
    assert "decides 5 of 5 decision areas" in finding.message
    targets = {c.area_id: c.seat_id for c in finding.fix if isinstance(c, SetDecider)}
    assert targets == {"schedule": "pm", "complaints": "pm", "protocol": "md", "time-off": "pm"}
    fixed = apply_changes(snap, finding.fix)
    assert not findings(fixed, "decision-rights-concentrated")


def test_concentrated_without_any_manager_creates_a_practice_manager_seat():
    org = Org()
    org.seat("owner", "leadership", person="Dr. Solo")
    org.seat("da", "support", reports_to="owner")
    snap = replace(org.build(), decision_areas=with_decider(AREAS, "owner"))
    finding = only(run_check(snap), "decision-rights-concentrated")
    assert isinstance(finding.fix[0], CreateSeat)
    assert not findings(apply_changes(snap, finding.fix), "decision-rights-concentrated")


def test_owner_deciding_fees_and_one_more_area_is_not_concentrated():
    areas = tuple(replace(a, decider_seat_id="owner") if a.id == "schedule" else a for a in AREAS)
    assert not findings(practice(areas), "decision-rights-concentrated")  # 2 of 5


# ---- location-routes-to-owner ---------------------------------------------------------


def _west_to_owner() -> Snapshot:
    areas = tuple(
        replace(a, overrides=(*a.overrides, AreaOverride("west", "owner")))
        if a.kind.value == "management"
        else a
        for a in AREAS
    )
    return practice(areas)


def test_location_routing_to_the_owner_fires_for_that_location_only():
    finding = only(run_check(_west_to_owner()), "location-routes-to-owner")
    assert [s.name for s in finding.subjects] == ["West"]
    assert "At West, 3 of 3 management decision areas are decided by the owner" in finding.message


def test_location_routing_fix_creates_a_manager_and_lets_it_decide_there():
    snap = _west_to_owner()
    finding = only(run_check(snap), "location-routes-to-owner")
    assert isinstance(finding.fix[0], CreateSeat)
    assert finding.fix[0].temp_ref == "new:location-manager:west"  # shared with structure
    fixed = apply_changes(snap, finding.fix)
    assert not findings(fixed, "location-routes-to-owner")
    # The fix round-trips through its stored form (scenarios keep fixes as data).
    assert [change_from_dict(c.to_dict()) for c in finding.fix] == list(finding.fix)


def test_location_whose_manager_decides_is_not_flagged_even_with_the_owner_on_site():
    areas = tuple(
        replace(a, overrides=(AreaOverride("main", "pm"),)) if a.kind.value == "management" else a
        for a in with_decider(AREAS, "owner")
    )
    flagged = {
        s.name for f in findings(practice(areas), "location-routes-to-owner") for s in f.subjects
    }
    assert "Main Street" not in flagged and {"East", "West"} <= flagged


# ---- owner-decision-load --------------------------------------------------------------


def _with_load(areas, rows) -> Snapshot:
    return replace(practice(areas), ask_load=tuple(rows))


def test_owner_decision_load_fires_above_the_threshold_and_fix_hands_the_area_over():
    areas = tuple(replace(a, decider_seat_id="owner") if a.id == "schedule" else a for a in AREAS)
    snap = _with_load(
        areas,
        [LocationAskLoad("main", "schedule", 6, 6), LocationAskLoad("east", "complaints", 4, 0)],
    )
    finding = only(run_check(snap), "owner-decision-load")
    assert "6 of 10 asks in the last four weeks (60%) reached the owner" in finding.message
    assert "Schedule conflicts" in finding.message
    assert SetDecider("schedule", "Schedule conflicts", "pm") in finding.fix
    assert not findings(apply_changes(snap, finding.fix), "owner-decision-load")


def test_owner_decision_load_respects_the_policy_threshold():
    areas = tuple(replace(a, decider_seat_id="owner") if a.id == "schedule" else a for a in AREAS)
    snap = _with_load(areas, [LocationAskLoad("main", "schedule", 10, 3)])
    assert findings(snap, "owner-decision-load")
    assert not findings(snap, "owner-decision-load", Policy(owner_ask_share=0.5))


def test_asks_about_the_owners_own_areas_or_too_few_asks_are_not_load():
    fees = _with_load(AREAS, [LocationAskLoad("main", "fees", 12, 12)])
    assert not findings(fees, "owner-decision-load")
    few = _with_load(with_decider(AREAS, "owner"), [LocationAskLoad("main", "schedule", 5, 5)])
    assert not findings(few, "owner-decision-load")


# ---- owner-time-in-management ---------------------------------------------------------


def test_owner_time_in_management_fires_with_handover_steps():
    snap = replace(practice(with_decider(AREAS, "owner")), owner_time=TimeSplit(120, 400, 300))
    finding = only(run_check(snap), "owner-time-in-management")
    assert "6.7 hours of management work" in finding.message and "49%" in finding.message
    assert any(isinstance(c, SetDecider) for c in finding.fix)
    assert isinstance(finding.fix[-1], PlainStep)


def test_owner_time_is_cleared_by_the_next_weeks_split():
    snap = replace(practice(), owner_time=TimeSplit(120, 400, 300))
    assert findings(snap, "owner-time-in-management")
    # The fix's steps done: the next four weeks' time moves to leadership.
    assert not findings(
        replace(snap, owner_time=TimeSplit(400, 100, 300)), "owner-time-in-management"
    )


def test_clinical_owner_and_a_short_record_are_not_management_heavy():
    clinical = replace(practice(), owner_time=TimeSplit(60, 60, 900))
    assert not findings(clinical, "owner-time-in-management")
    short = replace(practice(), owner_time=TimeSplit(0, 200, 0))
    assert not findings(short, "owner-time-in-management")


def test_a_sound_three_location_practice_has_no_leadership_findings():
    report = run_check(practice())
    assert [f for f in report.findings if f.area.value == "leadership"] == []
