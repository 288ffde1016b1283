"""The demo showcase's content file: the shipped file is valid, and a bad one is refused
whole, each problem naming its path, the value and what is accepted."""

from __future__ import annotations

import copy

import pytest
import yaml

from practiceos.core.hiring import Mark
from practiceos.core.problems import InputError
from practiceos.core.showcase import SHOWCASE_FILE, load_showcase, parse_showcase


def _shipped() -> dict:
    return yaml.safe_load(SHOWCASE_FILE.read_text(encoding="utf-8"))


def test_the_shipped_showcase_is_valid_for_every_specialty() -> None:
    content = load_showcase()
    assert set(content.specialties) == {
        "medical",
        "surgical",
        "dental",
        "physical_therapy",
        "veterinary",
    }
    assert [v["name"] for v in content.vision["core_values"]] == [
        "Patients first",
        "Own it",
        "Better every week",
    ]
    # An unknown specialty (a practice created without one) gets the dental entry.
    assert content.for_specialty("") == content.specialties["dental"]
    jordan = content.candidates[0]
    assert jordan.marks == (Mark.PLUS, Mark.PLUS, Mark.MIXED)
    # Marks repeat over more values than the candidate lists.
    marks = jordan.marks_for(["a", "b", "c", "d"])
    assert [m["mark"] for m in marks] == [
        Mark.PLUS.value,
        Mark.PLUS.value,
        Mark.MIXED.value,
        Mark.PLUS.value,
    ]


def _refused(data: object) -> str:
    with pytest.raises(InputError) as exc:
        parse_showcase(data)
    return str(exc.value)


def test_every_problem_of_a_bad_file_is_named_at_once() -> None:
    data = copy.deepcopy(_shipped())
    data["vision"]["core_values"] = data["vision"]["core_values"][:2]
    data["specialties"]["astrology"] = {"measurables": "dental", "processes": ["x"]}
    data["specialties"]["dental"]["processes"].append("no-such-template")
    data["specialties"]["medical"]["measurables"] = "cardiology"
    data["candidates"][1]["marks"] = ["+", "++"]
    data["checklist"]["steps_done"] = -1
    text = _refused(data)
    assert "vision.core_values" in text
    assert "specialties.astrology: is not a specialty" in text
    assert "specialties.dental.processes[4]: no template 'no-such-template'" in text
    assert "specialties.medical.measurables: 'cardiology' is not a measurable library field" in text
    assert "candidates[2].marks[2]: must be +, +/- or -" in text
    assert "checklist.steps_done: must be 0 or more, got -1" in text


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda d: d.pop("candidates"), "lacks ['candidates']"),
        (lambda d: d.update(extra=1), "has keys ['extra'] it should not"),
        (lambda d: d.update(candidates=[]), "candidates: must be a non-empty list"),
        (lambda d: d.update(process_owner_words=[]), "process_owner_words: must be a non-empty"),
        (
            lambda d: d["specialties"].pop("dental"),
            "specialties: must be a mapping that includes dental",
        ),
        (
            lambda d: d["candidates"][0].update(gets_it="maybe"),
            "candidates[1].gets_it: must be yes or no",
        ),
    ],
)
def test_a_bad_entry_is_refused_naming_it(change, message) -> None:
    data = copy.deepcopy(_shipped())
    change(data)
    assert message in _refused(data)


def test_a_file_that_is_not_a_mapping_is_refused() -> None:
    assert "showcase.yaml: must be a mapping" in _refused(["vision"])
