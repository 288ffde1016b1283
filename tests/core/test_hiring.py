"""Hiring in pure core: the question library's schema, the interview kit, the score
scale, the side-by-side and the rule ``seat-vacant-without-plan`` with its look-alikes."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest

from practiceos.core.health import PlainStep, Policy, apply_changes, run_check
from practiceos.core.hiring import (
    Interview,
    Mark,
    PlanCard,
    Section,
    VacancyFact,
    build_kit,
    parse_mark,
    parse_question_library,
    parse_yes_no,
    question_library,
    side_by_side,
    vacant_too_long,
)
from practiceos.core.model import Snapshot
from practiceos.core.problems import InputError

from .builders import AS_OF, Org

CARD = PlanCard(
    role="Dental Assistant",
    level="junior",
    purpose="Chairside support so the dentist treats patients safely and on time.",
    responsibilities=("Prepare the surgery for each patient.", "Sterilise instruments"),
    expectations=("Room turnover at most 10 minutes",),
    values=(("Patients first", "We call back the same day."), ("Own it", "")),
)


def test_shipped_library_is_valid_and_has_every_section() -> None:
    lib = question_library()
    assert lib.values and lib.responsibilities and lib.expectations


def test_kit_has_a_question_per_value_responsibility_and_expectation_with_the_bar() -> None:
    kit = build_kit(CARD)
    assert [q.section for q in kit] == [
        Section.VALUE,
        Section.VALUE,
        Section.RESPONSIBILITY,
        Section.RESPONSIBILITY,
        Section.EXPECTATION,
    ]
    assert "Patients first" in kit[0].question and "We call back the same day." in kit[0].strong
    # A value without behaviour words falls back to its name; wordings rotate.
    assert "Own it" in kit[1].question and kit[1].question != kit[0].question
    assert "prepare the surgery for each patient" in kit[2].question
    assert "Dental Assistant" in kit[2].question
    assert "Room turnover at most 10 minutes" in kit[4].question
    assert all(q.strong and q.weak and "{" not in q.question for q in kit)
    assert kit[0].to_dict()["section"] == "value"


def test_library_schema_names_the_file_place_and_what_is_accepted() -> None:
    good = {"question": "Q {value}", "strong": "s", "weak": "w"}
    with pytest.raises(InputError) as exc:
        parse_question_library(
            {
                "values": [good, {"question": "Q {responsibility}", "strong": "", "weak": "w"}],
                "responsibilities": [],
                "expectations": [{"question": "Q {", "strong": "s", "weak": "w", "x": 1}],
            },
            "q.yaml",
        )
    text = str(exc.value)
    assert "q.yaml: values[2].question: unknown placeholder 'responsibility'" in text
    assert "accepted: behaviour, value" in text
    assert "q.yaml: values[2].strong: must be non-empty text" in text
    assert "q.yaml: responsibilities: must be a non-empty list" in text
    assert "q.yaml: expectations[1]: unknown keys ['x']" in text
    assert "q.yaml: expectations[1].question: has an unmatched { or }" in text
    with pytest.raises(InputError, match="exactly values, responsibilities, expectations"):
        parse_question_library({"values": [good]}, "q.yaml")


@pytest.mark.parametrize(
    ("raw", "mark"), [("+", Mark.PLUS), ("+/-", Mark.MIXED), ("+/−", Mark.MIXED), ("−", Mark.MINUS)]
)
def test_marks_accept_ascii_and_typographic_spellings(raw: str, mark: Mark) -> None:
    assert parse_mark(raw, "values[1].mark") is mark


@pytest.mark.parametrize("raw", ["++", "0", "", None, 2])
def test_a_mark_outside_the_scale_names_the_field_and_the_accepted_values(raw: object) -> None:
    with pytest.raises(InputError) as exc:
        parse_mark(raw, "values[1].mark")
    assert str(exc.value).startswith("values[1].mark: must be +, +/- or -")


def test_yes_no() -> None:
    assert parse_yes_no("yes", "gets_it") is True and parse_yes_no(False, "x") is False
    with pytest.raises(InputError, match="gets_it: must be yes or no, got 'maybe'"):
        parse_yes_no("maybe", "gets_it")


def test_side_by_side_averages_marks_counts_gwc_and_interviewers() -> None:
    interviews = [
        Interview(1, {"Patients first": Mark.PLUS, "Own it": Mark.MIXED}, True, True, False),
        Interview(1, {"Patients first": Mark.MIXED, "Old value": Mark.MINUS}, True, False, True),
        Interview(2, {"Patients first": Mark.MINUS}, False, True, True),
        Interview(9, {"Patients first": Mark.PLUS}, True, True, True),  # not on the plan
    ]
    one, two, three = side_by_side(["Patients first", "Own it"], [1, 2, 3], interviews)
    assert one.interviewers == 2 and one.gwc == (2, 1, 1)
    assert one.cells[0].average == 1.5 and one.cells[0].percent == 75
    assert one.cells[0].labels == "+ +/−" and one.cells[1].labels == "+/−"
    assert one.average == pytest.approx(4 / 3)
    assert two.cells[0].average == 0 and two.cells[1].average is None
    assert three.interviewers == 0 and three.average is None and three.gwc == (0, 0, 0)


# --- the rule ------------------------------------------------------------------------------


def chart(fill: bool = False) -> Snapshot:
    org = Org()
    org.seat("owner", "leadership", name="Owner", person="Dr. Ana Patel")
    org.seat("pm", "management", name="Practice Manager", reports_to="owner", person="Rita")
    org.seat(
        "da", "support", name="Dental Assistant 1", reports_to="pm", person="Jo" if fill else None
    )
    return org.build()


def with_fact(snapshot: Snapshot, **kw: object) -> Snapshot:
    base: dict[str, object] = {
        "seat_id": "da",
        "since": AS_OF - dt.timedelta(days=45),
        "open_plan": False,
    }
    base.update(kw)
    return replace(snapshot, vacancies=(VacancyFact(**base),))  # type: ignore[arg-type]


def fired(snapshot: Snapshot, policy: Policy | None = None) -> list[str]:
    return [f.message for f in run_check(snapshot, policy).findings_for("seat-vacant-without-plan")]


def test_a_seat_vacant_past_the_policy_without_a_plan_fires_with_plain_steps() -> None:
    snapshot = with_fact(chart())
    (message,) = fired(snapshot)
    assert '"Dental Assistant 1" has been vacant since 2024-12-01 (45 days' in message
    finding = run_check(snapshot).findings_for("seat-vacant-without-plan")[0]
    assert finding.fix[0] == PlainStep('Open a hiring plan for "Dental Assistant 1".')
    assert all(isinstance(c, PlainStep) for c in finding.fix)
    assert apply_changes(snapshot, finding.fix) == snapshot


def test_look_alikes_vacant_with_plan_vacant_recently_filled_and_unknown() -> None:
    assert fired(with_fact(chart(), open_plan=True)) == []
    assert fired(with_fact(chart(), since=AS_OF - dt.timedelta(days=30))) == []
    assert fired(with_fact(chart(fill=True))) == []
    assert fired(with_fact(chart(), since=None)) == []
    # An org file carries no vacancy facts: nothing to measure from.
    assert fired(chart()) == []


def test_the_policy_sets_the_days_and_refuses_nonsense() -> None:
    snapshot = with_fact(chart())
    assert fired(snapshot, Policy(vacancy_plan_days=60)) == []
    assert len(fired(snapshot, Policy(vacancy_plan_days=10))) == 1
    with pytest.raises(InputError, match=r"policy\.vacancy_plan_days"):
        Policy.from_mapping({"vacancy_plan_days": 0})


def test_vacant_too_long_counts_whole_days() -> None:
    fact = VacancyFact("s", dt.date(2025, 1, 1), False)
    assert not vacant_too_long(fact, dt.date(2025, 1, 31), 30)
    assert vacant_too_long(fact, dt.date(2025, 2, 1), 30)
