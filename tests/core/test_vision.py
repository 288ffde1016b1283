"""Reading a vision from plain data: accepted shapes and refusals that name the field."""

from __future__ import annotations

import pytest

from practiceos.core.leadership import CoreValue, Vision
from practiceos.core.problems import InputError
from practiceos.core.vision import vision_from_mapping

VALUES = [
    {"name": "Patients first", "behaviour": "We call back the same day."},
    {"name": "Own it", "behaviour": "Whoever finds a problem sees it fixed."},
    {"name": "Get better", "behaviour": "We review one case a week together."},
]


def test_full_vision_is_read_with_goals_from_lines():
    vision = vision_from_mapping(
        {
            "three_year_picture": " Four sites, same-week appointments ",
            "one_year_goals": "Open Lakeside\n\nHire a practice manager",
            "core_values": VALUES,
            "core_focus": "Joint care close to home",
            "what_good_looks_like": "Every patient seen on time",
        }
    )
    assert vision.three_year_picture == "Four sites, same-week appointments"
    assert vision.one_year_goals == ("Open Lakeside", "Hire a practice manager")
    assert vision.core_values[0] == CoreValue("Patients first", "We call back the same day.")
    assert vision.has_direction and not vision.is_empty


def test_empty_mapping_is_an_empty_vision():
    assert vision_from_mapping({}) == Vision()
    assert Vision().is_empty and not Vision().has_direction


def test_two_values_are_refused_with_the_accepted_range():
    with pytest.raises(InputError) as err:
        vision_from_mapping({"core_values": VALUES[:2]})
    (problem,) = err.value.problems
    assert problem.where == "core_values"
    assert "has 2 values" in problem.message and "between 3 and 7" in problem.message


def test_eight_values_are_refused():
    many = [{"name": f"V{i}", "behaviour": "b"} for i in range(8)]
    with pytest.raises(InputError) as err:
        vision_from_mapping({"core_values": many})
    assert "has 8 values" in err.value.problems[0].message


def test_value_without_behaviour_and_duplicate_names_are_named():
    values = [*VALUES, {"name": "own IT", "behaviour": "again"}, {"name": "Care", "behaviour": ""}]
    with pytest.raises(InputError) as err:
        vision_from_mapping({"core_values": values})
    wheres = {p.where: p.message for p in err.value.problems}
    assert "'own IT' is already value 2" in wheres["core_values[3].name"]
    assert "required for 'Care'" in wheres["core_values[4].behaviour"]


def test_unknown_keys_and_wrong_types_name_field_and_value():
    with pytest.raises(InputError) as err:
        vision_from_mapping({"mission": "x", "core_focus": 12, "three_year_picture": "x" * 4001})
    wheres = {p.where: p.message for p in err.value.problems}
    assert "accepted fields are" in wheres["mission"]
    assert "must be text, got 12" in wheres["core_focus"]
    assert "4001 characters" in wheres["three_year_picture"]
