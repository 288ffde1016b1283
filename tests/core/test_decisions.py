"""Routing asks, suggesting areas, the owner's load arithmetic and the area library."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest

from practiceos.core.decision_library import library, read_library_area
from practiceos.core.decisions import (
    areas_on_owner,
    decided_by,
    escalation_route,
    median_hours,
    route_ask,
    share,
    suggest_area,
    week_of,
)
from practiceos.core.leadership import TimeSplit
from practiceos.core.problems import InputError

from .leadership_builders import AREAS, practice, three_locations


def test_area_goes_to_the_same_role_seat_at_the_askers_location():
    snap = practice()
    east = route_ask(snap, area_id="schedule", asker_seat_id="ea")
    assert (east.seat_id, east.how, east.reaches_owner) == ("em", "location-seat", False)
    assert '"Schedule conflicts" is decided by East Manager (Person em)' in east.reason
    main = route_ask(snap, area_id="schedule", asker_seat_id="ma")
    assert (main.seat_id, main.how) == ("pm", "decider")


def test_location_without_that_role_falls_back_to_the_deciding_seat():
    route = route_ask(practice(), area_id="schedule", asker_seat_id="wa")
    assert (route.seat_id, route.how) == ("pm", "decider")


def test_override_wins_at_its_location_only():
    snap = practice(
        tuple(replace(a, decider_seat_id="owner") if a.id == "time-off" else a for a in AREAS)
    )
    east = route_ask(snap, area_id="time-off", asker_seat_id="ea")
    assert (east.seat_id, east.how, east.reaches_owner) == ("em", "override", False)
    main = route_ask(snap, area_id="time-off", asker_seat_id="ma")
    assert (main.seat_id, main.reaches_owner) == ("owner", True)


def test_ask_with_no_area_goes_to_the_askers_manager_and_says_so():
    route = route_ask(practice(), area_id=None, asker_seat_id="ma")
    assert (route.seat_id, route.how, route.reaches_owner) == ("pm", "manager", False)
    assert route.reason.startswith("No area was chosen, so it went to your manager")


def test_area_nobody_decides_goes_to_the_manager_with_the_reason():
    snap = practice(tuple(replace(a, decider_seat_id=None) for a in AREAS))
    route = route_ask(snap, area_id="complaints", asker_seat_id="ea")
    assert route.seat_id == "em"
    assert 'Nobody decides "Patient complaints" yet' in route.reason


def test_vacant_deciding_seat_passes_the_ask_up_the_line():
    org = three_locations()
    org.assignments = [a for a in org.assignments if a.seat_id != "em"]
    route = route_ask(practice(org=org), area_id="schedule", asker_seat_id="ea")
    assert (route.seat_id, route.reaches_owner) == ("owner", True)
    assert "That seat is vacant, so it went up to Owner (Dr. Ana Owner)" in route.reason


def test_owners_own_area_reaches_the_owner():
    route = route_ask(practice(), area_id="fees", asker_seat_id="ea")
    assert (route.seat_id, route.reaches_owner) == ("owner", True)


def test_escalation_goes_one_seat_up_and_not_past_the_top():
    up = escalation_route(practice(), "pm")
    assert up is not None and up.seat_id == "owner" and up.reaches_owner
    assert escalation_route(practice(), "owner") is None


@pytest.mark.parametrize(
    ("text", "area"),
    [
        ("Can I swap my Friday shift with Jo?", "schedule"),
        ("A patient is unhappy and wants to make a complaint", "complaints"),
        ("I need two days off for a holiday in May", "time-off"),
        ("Should we change the sterile checklist protocol?", "protocol"),
        ("What price do we quote for the new package?", "fees"),
    ],
)
def test_suggestion_picks_the_area_whose_keywords_match(text, area):
    found = suggest_area(text, AREAS)
    assert found is not None and found.area_id == area and found.matched


def test_suggestion_is_none_without_a_match_and_phrases_outweigh_words():
    assert suggest_area("Where is the coffee?", AREAS) is None
    found = suggest_area("Time off please", AREAS)
    assert found is not None and found.matched == ("time off",) and found.score == 2


def test_areas_on_owner_name_the_seat_that_could_take_each():
    snap = practice(
        tuple(
            replace(a, decider_seat_id="owner") if a.id in ("protocol", "complaints") else a
            for a in AREAS
        )
    )
    handovers = {h.area_id: h.candidate_id for h in areas_on_owner(snap)}
    assert handovers == {"protocol": "md", "complaints": "pm"}  # fees stay with the owner
    assert {h.area_id for h in areas_on_owner(snap, include_leadership=True)} >= {"fees"}
    assert [a.id for a in decided_by(snap, "em")] == ["time-off"]


def test_load_arithmetic():
    assert week_of(dt.date(2026, 11, 29)) == dt.date(2026, 11, 23)  # a Sunday
    assert share(1, 4) == 0.25 and share(0, 0) is None
    assert median_hours([dt.timedelta(hours=1), dt.timedelta(hours=3), dt.timedelta(hours=8)]) == 3
    assert median_hours([]) is None
    assert TimeSplit(60, 30, 10).total == 100


def test_library_has_the_decisions_that_land_on_owners():
    keys = {a.key for a in library()}
    assert keys == {
        "schedule-conflicts",
        "supplier-choices",
        "purchases",
        "time-off",
        "patient-complaints",
        "hiring-support-staff",
        "clinical-protocol-changes",
        "fees",
        "staff-situations",
        "equipment-repair",
    }
    purchases = next(a for a in library() if a.key == "purchases")
    assert purchases.amount_limit == 2500


def test_broken_library_file_names_file_key_and_value():
    with pytest.raises(InputError) as err:
        read_library_area(
            "key: Bad Key\nname: x\nkind: chores\ndescription: d\n"
            "suggested_decider: boss\nkeywords: [Caps]\ncolour: red\n",
            "bad.yaml",
        )
    wheres = {p.where: p.message for p in err.value.problems}
    assert "must be kebab-case" in wheres["bad.yaml: key"]
    assert "'chores' is not one of leadership, management, clinical" in wheres["bad.yaml: kind"]
    assert "'boss' is not one of" in wheres["bad.yaml: suggested_decider"]
    assert "lowercase" in wheres["bad.yaml: keywords[0]"]
    assert "is not accepted" in wheres["bad.yaml: colour"]
