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


def test_policy_reads_for_members_and_owner_replaces_it_with_one_audit_record(
    client, call, personas
):
    got = call("member", "get", "health/policy").json()
    assert got["overrides"] == {} and got["values"]["owner_max_reports"] == 7
    _, secret = create_token(actor=personas.owner, name="policy")
    response = client.put(
        "/api/health/policy",
        {"owner_max_reports": 4},
        content_type="application/json",
        headers={"Authorization": f"Bearer {secret}"},
    )
    assert response.status_code == 200, response.content
    assert response.json()["values"]["owner_max_reports"] == 4
    personas.acme.refresh_from_db()
    assert personas.acme.policy == {"owner_max_reports": 4}
    assert AuditRecord.objects.filter(object_type="tenancy.practice").count() == 1


@pytest.mark.parametrize("persona", ["manager", "member"])
def test_policy_write_refused_below_admin_and_nothing_changes(client, personas, persona):
    _, secret = create_token(actor=personas.membership(persona), name="policy")
    response = client.put(
        "/api/health/policy",
        {"owner_max_reports": 4},
        content_type="application/json",
        headers={"Authorization": f"Bearer {secret}"},
    )
    assert response.status_code == 403
    personas.acme.refresh_from_db()
    assert personas.acme.policy == {}


def test_bad_policy_is_422_naming_key_and_value_and_nothing_is_written(client, personas):
    _, secret = create_token(actor=personas.owner, name="policy")
    response = client.put(
        "/api/health/policy",
        {"max_span": "wide", "colour": "red"},
        content_type="application/json",
        headers={"Authorization": f"Bearer {secret}"},
    )
    assert response.status_code == 422
    fields = {p["field"]: p["message"] for p in response.json()["detail"]}
    assert "wide" in fields["policy.max_span"] and "colour" in fields["policy.colour"]
    personas.acme.refresh_from_db()
    assert personas.acme.policy == {}
