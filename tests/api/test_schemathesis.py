"""Property-based API test: schemathesis drives every operation of the OpenAPI document
in-process (WSGI) as the owner; no response may be a 5xx or differ from the document.

Deterministic (derandomized) and bounded: 15 valid and 8 invalid requests per
operation (generating invalid requests costs schemathesis more time than serving them). Each case with an ``{id}`` is also replayed against a real object of the
chart, so PATCH bodies are tried on rows that exist, not only on ids that 404.

Schemathesis' own pytest integration (``schemathesis.pytest.from_fixture``) does not run
under pytest 9 (it sets ``node._nodeid``), so each operation is a plain parametrised test
that builds its Hypothesis test from ``operation.as_strategy``.
"""

from __future__ import annotations

import os
from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from tests.api.resources import RESOURCES

# The longer run (docs/security.md): PRACTICEOS_FUZZ_SCALE=20 multiplies both counts.
SCALE = max(1, int(os.environ.get("PRACTICEOS_FUZZ_SCALE", "1") or "1"))
EXAMPLES = {GenerationMode.POSITIVE: 15 * SCALE, GenerationMode.NEGATIVE: 8 * SCALE}
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]
OPERATIONS = (
    [("GET", "/api/me")]
    + [
        (method, f"/api/{name}{suffix}")
        for name in RESOURCES
        for method, suffix in [("GET", ""), ("POST", ""), ("GET", "/{id}"), ("PATCH", "/{id}")]
    ]
    # Roster imports: uploads (multipart) and their status; fuzzed without a real id.
    + [
        ("POST", "/api/roster/imports"),
        ("GET", "/api/roster/imports/{id}"),
        ("POST", "/api/roster/imports/{id}/confirm"),
        ("POST", "/api/roster/imports/{id}/undo"),
        ("GET", "/api/health/report"),
        ("POST", "/api/health/runs"),
        ("GET", "/api/health/policy"),
        ("PUT", "/api/health/policy"),
        ("GET", "/api/invitations"),
        ("POST", "/api/invitations"),
        ("DELETE", "/api/invitations/{id}"),
    ]
    # Role cards (fuzzed with generated ids: the access helper answers 404 or 422).
    + [
        ("GET", "/api/roles/{role_id}/card"),
        ("PATCH", "/api/roles/{role_id}/card"),
        ("POST", "/api/roles/{role_id}/card/adopt"),
        ("GET", "/api/roles/{role_id}/card/versions"),
        ("GET", "/api/role-library"),
        ("POST", "/api/role-library/{title}/adopt"),
    ]
    # Leadership: vision, decision areas, asks, owner time and load, all locations.
    + [
        ("GET", "/api/vision"),
        ("PUT", "/api/vision"),
        ("GET", "/api/decision-areas"),
        ("POST", "/api/decision-areas"),
        ("POST", "/api/decision-areas/seed"),
        ("GET", "/api/decision-areas/{area_id}"),
        ("PATCH", "/api/decision-areas/{area_id}"),
        ("PUT", "/api/decision-areas/{area_id}/overrides/{location_id}"),
        ("DELETE", "/api/decision-areas/{area_id}/overrides/{location_id}"),
        ("GET", "/api/asks"),
        ("POST", "/api/asks"),
        ("GET", "/api/asks/suggestion"),
        ("GET", "/api/asks/{ask_id}"),
        ("POST", "/api/asks/{ask_id}/decision"),
        ("POST", "/api/asks/{ask_id}/escalation"),
        ("POST", "/api/owner-time"),
        ("GET", "/api/owner-load"),
        ("GET", "/api/leadership/locations"),
    ]
    # People accountability (confidential records; fuzzed as the owner).
    + [
        ("GET", "/api/reviews"),
        ("POST", "/api/reviews"),
        ("GET", "/api/reviews/{id}"),
        ("PUT", "/api/reviews/{id}/person-notes"),
        ("GET", "/api/plans"),
        ("POST", "/api/plans"),
        ("GET", "/api/plans/{id}"),
        ("POST", "/api/plans/{id}/checkpoints"),
        ("POST", "/api/plans/{id}/extension"),
        ("POST", "/api/plans/{id}/outcome"),
        ("GET", "/api/one-on-ones"),
        ("POST", "/api/one-on-ones"),
        ("GET", "/api/one-on-ones/{id}"),
        ("POST", "/api/style/advice"),
        ("GET", "/api/people-items"),
        ("GET", "/api/recognition"),
    ]
    # Scorecards (issue 8).
    + [
        ("GET", "/api/scorecards/measurables"),
        ("POST", "/api/scorecards/measurables"),
        ("GET", "/api/scorecards/measurables/{id}"),
        ("PATCH", "/api/scorecards/measurables/{id}"),
        ("GET", "/api/scorecards/measurables/{id}/numbers"),
        ("PUT", "/api/scorecards/numbers"),
        ("GET", "/api/scorecards/teams/{id}/scorecard"),
        ("GET", "/api/scorecards/priorities"),
        ("POST", "/api/scorecards/priorities"),
        ("PATCH", "/api/scorecards/priorities/{id}"),
        ("GET", "/api/scorecards/team-goals"),
        ("POST", "/api/scorecards/team-goals"),
        ("POST", "/api/scorecards/dependencies"),
        ("POST", "/api/scorecards/dependencies/{id}/acknowledge"),
        ("GET", "/api/scorecards/library"),
        ("PUT", "/api/scorecards/pulse"),
    ]
    # Weekly team meetings: fuzzed on ids that may not exist (404s are documented).
    + [
        ("GET", "/api/meetings/teams/{team_id}/issues"),
        ("POST", "/api/meetings/teams/{team_id}/issues"),
        ("POST", "/api/meetings/issues/{issue_id}/solve"),
        ("GET", "/api/meetings/todos"),
        ("POST", "/api/meetings/teams/{team_id}/todos"),
        ("POST", "/api/meetings/todos/{todo_id}/done"),
        ("GET", "/api/meetings/runs/{run_id}"),
    ]
    # Core processes (issue 17): fuzzed on ids that may not exist (404s are documented).
    + [
        ("GET", "/api/processes"),
        ("POST", "/api/processes"),
        ("GET", "/api/processes/{id}"),
        ("PATCH", "/api/processes/{id}"),
        ("POST", "/api/processes/{id}/review"),
        ("GET", "/api/processes/{id}/diff"),
        ("GET", "/api/processes/{id}/runs"),
        ("POST", "/api/processes/{id}/runs"),
        ("GET", "/api/checklist-runs/{id}"),
        ("POST", "/api/checklist-runs/{id}/ticks"),
    ]
    # Hiring (issue 17): fuzzed on ids that may not exist (404s are documented).
    + [
        ("GET", "/api/hiring/plans"),
        ("POST", "/api/hiring/plans"),
        ("GET", "/api/hiring/plans/{id}"),
        ("GET", "/api/hiring/plans/{id}/candidates"),
        ("POST", "/api/hiring/plans/{id}/candidates"),
        ("GET", "/api/hiring/plans/{id}/side-by-side"),
        ("POST", "/api/hiring/plans/{id}/close"),
        ("GET", "/api/hiring/candidates/{id}"),
        ("GET", "/api/hiring/candidates/{id}/scores"),
        ("POST", "/api/hiring/candidates/{id}/scores"),
        ("POST", "/api/hiring/candidates/{id}/hire"),
        ("POST", "/api/hiring/candidates/{id}/erase"),
    ]
    # Scenarios (tests/scenarios/test_api.py also fuzzes them against a real draft).
    + [("GET", "/api/scenarios"), ("POST", "/api/scenarios")]
    + [
        (method, f"/api/scenarios/{{scenario_id}}{suffix}")
        for method, suffix in [("GET", ""), ("PATCH", "")]
        + [("POST", f"/{verb}") for verb in ("changes", "fixes", "discard", "publish")]
    ]
    # Archive and restore (real ids), a person's data and erasure.
    + [
        ("POST", f"/api/{name}/{{id}}/{verb}")
        for name in ("locations", "teams", "roles", "seats", "people")
        for verb in ("archive", "restore")
    ]
    + [("GET", "/api/people/{id}/data"), ("POST", "/api/people/{id}/erase")]
)


@pytest.fixture
def api_schema(chart: Any) -> Any:
    """The API's OpenAPI document, loaded through the WSGI app as a client would.

    Like Django's test client, requests must not close the database connection at their
    end (Django does so for connections with ``CONN_MAX_AGE`` outside autocommit, which a
    test's transaction is): on PostgreSQL that would end the test's transaction.
    """
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections

    from practiceos.wsgi import application

    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield schemathesis.openapi.from_wsgi("/api/openapi.json", application)
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


def test_every_documented_operation_is_fuzzed(api_schema):
    documented = {
        (result.ok().method.upper(), result.ok().path) for result in api_schema.get_all_operations()
    }
    assert documented == set(OPERATIONS)


@pytest.mark.parametrize("mode", [GenerationMode.POSITIVE, GenerationMode.NEGATIVE])
@pytest.mark.parametrize(("method", "path"), OPERATIONS)
def test_operation_conforms_to_the_schema(method, path, mode, api_schema, chart, make_token):
    operation = api_schema[path][method]
    headers = {"Authorization": f"Bearer {make_token('owner')}"}
    resource = path.split("/")[2]
    real_id = (
        RESOURCES[resource].sample(chart).pk if "{id}" in path and resource in RESOURCES else None
    )

    @given(case=operation.as_strategy(generation_mode=mode))
    @settings(
        max_examples=EXAMPLES[mode],
        derandomize=True,
        deadline=None,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    def run(case: Any) -> None:
        case.call_and_validate(headers=headers, checks=CHECKS)
        if real_id is not None:
            case.path_parameters = {**(case.path_parameters or {}), "id": real_id}
            case.call_and_validate(headers=headers, checks=CHECKS)

    run()
