"""The style advisor (DESIGN §1 principle 8): sensible, explained answers."""

from __future__ import annotations

import datetime as dt

import pytest

from practiceos.core.problems import InputError
from practiceos.core.style import (
    Approach,
    Commitment,
    Competence,
    Goleman,
    HerseyBlanchard,
    Readiness,
    Situation,
    advise,
    change_sequence,
    load_styles,
    parse_readiness,
    parse_styles,
)

NEW_ASSISTANT = Readiness(Competence.LOW, Commitment.HIGH, confident=False, months_in_role=1)
SURGEON = Readiness(Competence.HIGH, Commitment.VARIABLE, confident=True, months_in_role=180)
STAR = Readiness(Competence.HIGH, Commitment.HIGH, confident=True, months_in_role=40)
LEARNER = Readiness(Competence.SOME, Commitment.HIGH, confident=True, months_in_role=8)


def test_a_new_assistant_in_a_crisis_is_told_what_to_do() -> None:
    advice = advise(NEW_ASSISTANT, Situation.CRISIS)
    assert (advice.goleman, advice.hersey_blanchard) == (Goleman.COERCIVE, HerseyBlanchard.TELLING)
    assert advice.approach is Approach.DIRECTIVE
    assert advice.readiness_level == 1
    assert "crisis" in advice.why and "R1" in advice.why
    assert "habit" in advice.climate or "ownership" in advice.climate
    assert "wait for orders" in advice.overuse_risk


def test_an_experienced_surgeon_facing_a_documentation_change_is_involved() -> None:
    advice = advise(SURGEON, Situation.PROCESS_CHANGE)
    assert advice.goleman is Goleman.DEMOCRATIC
    assert advice.hersey_blanchard is HerseyBlanchard.PARTICIPATING
    assert advice.approach is Approach.PARTICIPATIVE
    assert "shape it" in advice.why


def test_a_stressed_team_after_a_bad_week_gets_the_affiliative_style() -> None:
    tired = Readiness(Competence.HIGH, Commitment.VARIABLE, confident=False, months_in_role=30)
    advice = advise(tired, Situation.CONFLICT)
    assert advice.goleman is Goleman.AFFILIATIVE
    assert advice.hersey_blanchard is HerseyBlanchard.PARTICIPATING
    assert "trust" in advice.why
    assert "uncorrected" in advice.overuse_risk


def test_competent_motivated_staff_are_delegated_routine_work() -> None:
    advice = advise(STAR, Situation.ROUTINE)
    assert advice.hersey_blanchard is HerseyBlanchard.DELEGATING
    assert advice.approach is Approach.DELEGATING


def test_development_is_coaching_whatever_the_readiness() -> None:
    for readiness in (NEW_ASSISTANT, LEARNER, SURGEON, STAR):
        assert advise(readiness, Situation.DEVELOPMENT).goleman is Goleman.COACHING


def test_a_new_direction_is_set_authoritatively() -> None:
    assert advise(STAR, Situation.NEW_DIRECTION).goleman is Goleman.AUTHORITATIVE
    assert (
        advise(NEW_ASSISTANT, Situation.NEW_DIRECTION).hersey_blanchard is HerseyBlanchard.TELLING
    )


@pytest.mark.parametrize(
    ("readiness", "level"),
    [
        (NEW_ASSISTANT, 1),
        (LEARNER, 2),
        (SURGEON, 3),
        (STAR, 4),
        (Readiness(Competence.SOME, Commitment.HIGH, True, 1), 1),
    ],
)
def test_readiness_levels(readiness: Readiness, level: int) -> None:
    assert readiness.level == level


def test_every_situation_and_level_gets_a_complete_answer() -> None:
    for situation in Situation:
        for readiness in (NEW_ASSISTANT, LEARNER, SURGEON, STAR):
            advice = advise(readiness, situation)
            assert advice.why and advice.what_to_do and advice.climate and advice.overuse_risk


def test_a_change_moves_from_directive_to_participative_to_delegating_with_dates() -> None:
    start = dt.date(2026, 4, 6)
    phases = change_sequence(start, SURGEON)
    assert [p.approach for p in phases] == [
        Approach.DIRECTIVE,
        Approach.PARTICIPATIVE,
        Approach.DELEGATING,
    ]
    assert phases[0].start == start
    assert phases[0].end == phases[1].start and phases[1].end == phases[2].start
    slow = change_sequence(start, NEW_ASSISTANT)
    assert slow[-1].end > phases[-1].end  # less ready teams get longer


def test_readiness_input_is_validated_naming_each_field() -> None:
    with pytest.raises(InputError) as err:
        parse_readiness({"competence": "expert", "commitment": "high", "months_in_role": -1})
    assert {p.where for p in err.value.problems} == {"competence", "months_in_role"}
    assert "low, some, high" in str(err.value)


def test_the_styles_file_is_complete_and_validated() -> None:
    styles = load_styles()
    assert set(styles.goleman) == set(Goleman)
    assert set(styles.hersey_blanchard) == set(HerseyBlanchard)
    with pytest.raises(InputError, match="lacks"):
        parse_styles({"goleman": {"coercive": {}}, "hersey_blanchard": {}})
    broken = {
        "goleman": {
            g.value: {
                "label": "x",
                "approach": "bossy",
                "what": "w",
                "fits": "f",
                "climate": "c",
                "overuse": "o",
            }
            for g in Goleman
        },
        "hersey_blanchard": {},
    }
    with pytest.raises(InputError, match="not an approach"):
        parse_styles(broken)
