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

EXAMPLES = {GenerationMode.POSITIVE: 15, GenerationMode.NEGATIVE: 8}
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
        ("GET", "/api/health/report"),
        ("POST", "/api/health/runs"),
        ("GET", "/api/health/policy"),
        ("PUT", "/api/health/policy"),
        ("POST", "/api/roster/imports/{id}/undo"),
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
