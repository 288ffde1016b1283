"""The measurable library: the shipped data files validate; bad files are refused in full."""

from __future__ import annotations

import pytest

from practiceos.core.measurable_library import library, library_entry, parse_library_file
from practiceos.core.problems import InputError
from practiceos.core.scorecard import Operator, Unit


def test_every_field_ships_and_validates() -> None:
    fields = {f.field: f for f in library()}
    assert {"general", "dental", "medical", "physical_therapy", "veterinary"} <= set(fields)
    assert all(len(f.measurables) >= 5 for f in fields.values())
    hygiene = library_entry("dental-hygiene-reappointment")
    assert hygiene is not None and hygiene.unit is Unit.PERCENT
    assert hygiene.operator is Operator.AT_LEAST
    assert library_entry("medical-days-in-ar") is not None


def test_bad_file_lists_every_problem_with_its_entry() -> None:
    text = """
field: dental
title: Dental
measurables:
  - id: ok-one
    name: Fine
    unit: number
    operator: gte
    goal: 3
  - id: Bad Id
    name: ""
    unit: furlongs
    operator: gte
  - id: yes-no-wrong
    name: Done
    unit: yes_no
    operator: gte
    goal: 1
    colour: red
"""
    with pytest.raises(InputError) as exc:
        parse_library_file(text, "dental.yaml")
    wheres = {p.where for p in exc.value.problems}
    assert "dental.yaml: measurables[1].id" in wheres
    assert "dental.yaml: measurables[1].name" in wheres
    assert "dental.yaml: measurables[1].unit" in wheres
    assert "dental.yaml: measurables[2].goal.operator" in wheres
    assert "dental.yaml: measurables[2].colour" in wheres


def test_not_yaml_is_refused() -> None:
    with pytest.raises(InputError, match="not valid YAML"):
        parse_library_file("field: [", "x.yaml")
