"""The health endpoints of the site API: GET the latest report, POST a run."""

from __future__ import annotations

import pytest

from practiceos.audit.models import AuditRecord
from practiceos.health.models import HealthRun
from practiceos.tenancy.services import create_token

from .test_file_command import assert_documented_shape


@pytest.fixture
def call(client, personas):
    """``call("member", "get", "health/report")`` with that persona's bearer token."""

    def _call(persona: str, method: str, path: str):
        _, secret = create_token(actor=personas.membership(persona), name="test")
        return getattr(client, method)(
            f"/api/{path}", headers={"Authorization": f"Bearer {secret}"}
        )

    return _call


def test_latest_report_is_404_before_any_run(call, personas):
    response = call("member", "get", "health/report")
    assert response.status_code == 404
    assert "detail" in response.json()


def test_manager_runs_and_member_reads_the_documented_json(call, broken_chart):
    response = call("manager", "post", "health/runs")
    assert response.status_code == 201
    assert HealthRun.objects.count() == 1
    assert AuditRecord.objects.filter(object_type="health.healthrun").count() == 1
    data = call("member", "get", "health/report").json()
    assert_documented_shape(data)
    assert data["practice"]["slug"] == "acme"
    assert data["run"]["id"] == HealthRun.objects.get().pk
    assert any(f["rule"] == "support-reports-to-provider" for f in data["findings"])


def test_member_may_not_run_and_nothing_is_written(call, broken_chart):
    response = call("member", "post", "health/runs")
    assert response.status_code == 403
    assert "may read health reports but not run" in response.json()["detail"]
    assert not HealthRun.objects.exists()


def test_outsider_reads_only_their_own_practice(call, broken_chart):
    assert call("owner", "post", "health/runs").status_code == 201
    assert call("outsider", "get", "health/report").status_code == 404


def test_no_token_is_401(client, broken_chart):
    assert client.post("/api/health/runs").status_code == 401
