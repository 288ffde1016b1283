"""Schemathesis on the scenario operations with a real draft's id: no 5xx, every answer as
documented (the shared suite in tests/api fuzzes them with ids that do not exist)."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from schemathesis import GenerationMode

from tests.api.test_schemathesis import CHECKS, EXAMPLES

OPERATIONS = [
    ("GET", "/api/scenarios/{scenario_id}"),
    ("PATCH", "/api/scenarios/{scenario_id}"),
    ("POST", "/api/scenarios/{scenario_id}/changes"),
    ("POST", "/api/scenarios/{scenario_id}/fixes"),
    ("POST", "/api/scenarios/{scenario_id}/discard"),
    ("POST", "/api/scenarios/{scenario_id}/publish"),
]


@pytest.mark.parametrize("mode", [GenerationMode.POSITIVE, GenerationMode.NEGATIVE])
@pytest.mark.parametrize(("method", "path"), OPERATIONS)
def test_scenario_operation_on_a_real_draft(
    method, path, mode, api_schema, chart, personas, make_token
):
    from practiceos.core.health import MoveReportingLine
    from practiceos.health.services import run_health_check
    from practiceos.scenarios.services import add_changes, create_scenario

    run_health_check(personas.owner, personas.acme)
    draft = create_scenario(actor=personas.owner, name="Fuzzed")
    add_changes(
        actor=personas.owner,
        scenario=draft,
        changes=[MoveReportingLine(str(chart.tech_seat.pk), str(chart.owner_seat.pk))],
    )
    operation = api_schema[path][method]
    headers = {"Authorization": f"Bearer {make_token('owner')}"}

    @given(case=operation.as_strategy(generation_mode=mode))
    @settings(
        max_examples=EXAMPLES[mode],
        derandomize=True,
        deadline=None,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    def run(case: Any) -> None:
        case.path_parameters = {**(case.path_parameters or {}), "scenario_id": draft.pk}
        case.call_and_validate(headers=headers, checks=CHECKS)

    run()
