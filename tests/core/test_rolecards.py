"""Role cards: the one schema (every problem named with path, value and what is accepted),
plain-data round trips, per-level expectations and the org file carrying full cards."""

from __future__ import annotations

import textwrap

import pytest

from practiceos.core.model import Level, PracticeInfo, SeatKind, Snapshot
from practiceos.core.orgfile import dump_org, parse_org
from practiceos.core.problems import InputError
from practiceos.core.rolecards import (
    Direction,
    LevelExpectation,
    ManagementFocus,
    ProviderSchedule,
    RoleCard,
    Turnaround,
    Unit,
    card_data,
    card_of,
    completeness_gaps,
    expectations_at,
    next_level,
    parse_card,
    role_from_card,
)


def _exp(level: Level, target: float, name: str = "Visits per week") -> LevelExpectation:
    return LevelExpectation(level, name, Unit.COUNT, Direction.AT_LEAST, target)


FULL = RoleCard(
    title="Associate Dentist",
    kind=SeatKind.PROVIDER,
    purpose="Diagnoses and treats patients' teeth to the practice's clinical standard.",
    responsibilities=("Examine and diagnose", "Plan treatment", "Deliver restorative care"),
    decides=("Treatment plans within protocol",),
    proposes=("New materials or equipment",),
    what_good_looks_like="A full, on-time book with few redos.",
    expectations=(_exp(Level.JUNIOR, 40), _exp(Level.SENIOR, 55), _exp(Level.LEAD, 60)),
    schedule=ProviderSchedule(
        clinic=8, case_types=("Restorative",), turnaround=(Turnaround("Clinical notes", 24),)
    ),
    management_focus=None,
)


def _problems(data: object, **kw: object) -> list[str]:
    with pytest.raises(InputError) as err:
        parse_card(data, **kw)  # type: ignore[arg-type]
    return [str(p) for p in err.value.problems]


def test_card_round_trips_through_plain_data() -> None:
    assert parse_card(card_data(FULL)) == FULL
    assert completeness_gaps(FULL) == []


def test_expectations_select_by_level_and_the_next_level_follows() -> None:
    assert [e.target for e in expectations_at(FULL.expectations, "senior")] == [55]
    assert next_level(Level.JUNIOR) is Level.SENIOR
    assert next_level(Level.LEAD) is None
    assert _exp(Level.JUNIOR, 40).is_met(41)
    assert not LevelExpectation(Level.LEAD, "Days", Unit.DAYS, Direction.AT_MOST, 3).is_met(4)


def test_bad_card_names_path_value_and_what_is_accepted() -> None:
    problems = _problems(
        {
            "title": "X",
            "kind": "doctor",
            "management_focus": "money",
            "expectations": [
                {
                    "level": "mid",
                    "measurable": "Done",
                    "unit": "yes_no",
                    "direction": "at_most",
                    "target": "lots",
                },
                {"level": "senior", "measurable": "Pct", "unit": "percent"},
            ],
        },
        where="cards[3]",
    )
    text = "\n".join(problems)
    assert "cards[3].kind: 'doctor' is not a seat kind" in text
    assert (
        "cards[3].management_focus: 'money' is not a management focus; use one of \"productivity\""
        in text
    )
    assert "cards[3].expectations[0].level: 'mid' is not a level" in text
    assert 'cards[3].expectations[0].direction: "at_most" does not fit the unit "yes_no"' in text
    assert "cards[3].expectations[0].target: 'lots' is not a number" in text
    assert "cards[3].expectations[1].direction: required" in text
    assert "cards[3].expectations[1].target: required" in text


def test_percent_target_out_of_range_and_a_level_the_role_does_not_define() -> None:
    data = card_data(FULL)
    data["expectations"] = [
        {
            "level": "lead",
            "measurable": "Recall",
            "unit": "percent",
            "direction": "at_least",
            "target": 1200,
        },
    ]
    assert any("out of range" in p and "0 to 1000" in p for p in _problems(data))
    data["expectations"] = [card_data(FULL)["expectations"][2]]  # type: ignore[index]
    problems = _problems(data, levels=(Level.JUNIOR, Level.SENIOR))
    assert problems == [
        'expectations[0].level: "lead" is not a level this role defines; use "junior", "senior"'
    ]


def test_incomplete_card_is_refused_when_complete_is_required() -> None:
    bare = {"title": "Doctor", "kind": "provider"}
    assert parse_card(bare).title == "Doctor"
    [problem] = _problems(bare, where="medical.yaml: roles[0]", complete=True)
    assert "lacks a purpose" in problem and "a schedule and case mix" in problem


def test_identical_levels_are_a_completeness_gap() -> None:
    same = parse_card(
        {
            **card_data(FULL),
            "expectations": [
                {
                    "level": level,
                    "measurable": "Visits",
                    "unit": "count",
                    "direction": "at_least",
                    "target": 10,
                }
                for level in ("junior", "senior", "lead")
            ],
        }
    )
    assert "levels whose expectations differ" in completeness_gaps(same)


def test_org_file_carries_full_cards_and_export_load_export_is_identical() -> None:
    role = role_from_card("Associate Dentist", FULL)
    assert card_of(role) == FULL
    lead = RoleCard(
        title="Medical Director",
        kind=SeatKind.MANAGEMENT,
        provider_lead=True,
        management_focus=ManagementFocus.PATIENT_OUTCOMES,
        supervision="",
        template="Medical Director",
    )
    snap = Snapshot(PracticeInfo("P", "p"), roles=(role, role_from_card("md", lead)))
    text = dump_org(snap)
    assert "management_focus: patient_outcomes" in text
    assert "turnaround:" in text and "direction: at_least" in text
    again = parse_org(text)
    assert dump_org(again) == text
    assert card_of(again.roles_by_id["Associate Dentist"]) == FULL
    assert card_of(again.roles_by_id["Medical Director"]) == lead


def test_org_file_card_problem_has_path_and_line() -> None:
    text = textwrap.dedent(
        """\
        practice:
          name: P
          slug: p
        roles:
        - title: Dentist
          kind: provider
          expectations:
          - level: senior
            measurable: Visits
            unit: count
            direction: up
            target: 5
        """
    )
    with pytest.raises(InputError) as err:
        parse_org(text)
    [problem] = err.value.problems
    assert problem.where == "roles[0].expectations[0].direction"
    assert "'up' is not a direction" in problem.message
    assert problem.line is not None


def test_career_track_round_trips_and_names_a_bad_level() -> None:
    data = {
        **card_data(FULL),
        "track": {
            "lead": {"scope": "Writes protocols", "pay_band": "P3"},
            "junior": {"scope": "Standard cases"},
        },
    }
    card = parse_card(data)
    assert [t.level for t in card.track] == [Level.JUNIOR, Level.LEAD]  # in level order
    assert parse_card(card_data(card)) == card
    with pytest.raises(InputError) as err:
        parse_card({**data, "track": {"principal": {"scope": "x"}, "lead": {"band": "P3"}}})
    text = "\n".join(str(p) for p in err.value.problems)
    assert "track.principal: 'principal' is not a level" in text
    assert 'track.lead.band: unknown key "band"' in text


def test_library_cards_take_their_kinds_career_track() -> None:
    from practiceos.core.rolelibrary import library

    track = library().cards["Dental Hygienist"].track
    assert [t.level for t in track] == [Level.JUNIOR, Level.SENIOR, Level.LEAD]
    assert track[-1].pay_band == "Provider 3" and "without managing people" in track[-1].scope
