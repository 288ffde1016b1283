"""The health router: GET the latest report, POST a run (the lead mounts it in the API)."""

from __future__ import annotations

import pytest
from ninja.testing import TestClient

from practiceos.audit.models import AuditRecord
from practiceos.health.api import router
from practiceos.health.models import HealthRun

from .test_file_command import assert_documented_shape


@pytest.fixture(scope="module")
def api():
    return TestClient(router)


def test_latest_report_is_404_before_any_run(api, personas):
    response = api.get("/health/report", auth=personas.member)
    assert response.status_code == 404


def test_manager_runs_and_member_reads_the_documented_json(api, broken_chart, personas):
    response = api.post("/health/runs", auth=personas.manager)
    assert response.status_code == 201
    assert HealthRun.objects.count() == 1 and AuditRecord.objects.count() == 1
    data = api.get("/health/report", auth=personas.member).json()
    assert_documented_shape(data)
    assert data["practice"]["slug"] == "acme"
    assert data["run"]["id"] == HealthRun.objects.get().pk
    assert any(f["rule"] == "support-reports-to-provider" for f in data["findings"])


def test_member_may_not_run(api, broken_chart, personas):
    with pytest.raises(Exception, match="may read health reports but not run"):
        api.post("/health/runs", auth=personas.member)
    assert not HealthRun.objects.exists()


def test_outsider_reads_only_their_own_practice(api, broken_chart, personas):
    api.post("/health/runs", auth=personas.owner)
    assert api.get("/health/report", auth=personas.outsider).status_code == 404
