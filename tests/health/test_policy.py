"""The practice's health-check policy in the database: the service, the page, the CLI."""

from __future__ import annotations

import json

import pytest
from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied

from practiceos import cli
from practiceos.audit.models import AuditRecord
from practiceos.core.problems import InputError
from practiceos.health.models import HealthRun
from practiceos.health.services import run_health_check
from practiceos.org.snapshot import build_snapshot
from practiceos.tenancy.models import Practice
from practiceos.tenancy.services import update_policy
from tests.worker import run_worker

# The standard chart's owner seat has two direct reports: silent by default (7).
TIGHT = {"owner_max_reports": 1}


def policy_of(slug: str = "acme") -> dict[str, object]:
    return Practice.objects.get(slug=slug).policy


def practice_audits(practice: Practice) -> int:
    return AuditRecord.objects.filter(
        practice_id=practice.pk, object_type="tenancy.practice"
    ).count()


# --------------------------------------------------------------------------------------
# the service


@pytest.mark.parametrize("persona", ["owner", "admin"])
def test_owner_and_admin_update_the_policy_with_exactly_one_audit_record(personas, persona):
    before = AuditRecord.objects.count()
    practice = update_policy(
        actor=personas.membership(persona),
        values={"owner_max_reports": 3, "max_span": 15, "disabled_rules": ["seat-vacant"]},
    )
    # max_span 15 is the default: only what differs is stored.
    assert practice.policy == {"owner_max_reports": 3, "disabled_rules": ["seat-vacant"]}
    assert policy_of() == practice.policy
    assert AuditRecord.objects.count() == before + 1
    audit = AuditRecord.objects.latest("pk")
    assert audit.object_type == "tenancy.practice" and audit.action == "updated"
    assert audit.actor == personas.membership(persona).user
    assert audit.before == {"policy": {}}
    assert audit.after == {"policy": {"owner_max_reports": 3, "disabled_rules": ["seat-vacant"]}}


@pytest.mark.parametrize("persona", ["manager", "member"])
def test_manager_and_member_are_refused_and_nothing_changes(personas, persona):
    before = AuditRecord.objects.count()
    with pytest.raises(PermissionDenied):
        update_policy(actor=personas.membership(persona), values=TIGHT)
    assert policy_of() == {}
    assert AuditRecord.objects.count() == before


def test_bad_values_are_refused_naming_field_and_value_and_nothing_is_written(personas):
    update_policy(actor=personas.owner, values={"max_span": 12})
    before = AuditRecord.objects.count()
    with pytest.raises(InputError) as caught:
        update_policy(
            actor=personas.owner,
            values={"max_span": "wide", "max_fte": 0, "colour": "blue", "owner_max_reports": 2},
        )
    got = {p.where: p.message for p in caught.value.problems}
    assert got["policy.max_span"] == "must be a whole number of at least 2, got 'wide'"
    assert got["policy.max_fte"] == "must be a number greater than 0, got 0"
    assert got["policy.colour"].startswith("unknown setting 'colour'; known settings are ")
    assert policy_of() == {"max_span": 12}
    assert AuditRecord.objects.count() == before


def test_saving_the_defaults_clears_the_policy_and_saving_it_again_writes_nothing(personas):
    update_policy(actor=personas.owner, values=TIGHT)
    update_policy(actor=personas.owner, values={})
    assert policy_of() == {}
    before = AuditRecord.objects.count()
    update_policy(actor=personas.owner, values={"owner_max_reports": 7})
    assert AuditRecord.objects.count() == before


def test_the_stored_policy_reaches_the_snapshot_and_the_run(personas, chart):
    assert "owner-span" not in {f["rule"] for f in run_health_check(None, personas.acme).findings}
    update_policy(actor=personas.owner, values=TIGHT)
    practice = Practice.objects.get(slug="acme")
    assert build_snapshot(practice).practice.policy == (("owner_max_reports", 1),)
    run = run_health_check(None, practice)
    assert "owner-span" in {f["rule"] for f in run.findings}


# --------------------------------------------------------------------------------------
# the page


def test_thresholds_card_shows_each_value_default_and_meaning(personas, login):
    update_policy(actor=personas.owner, values={"max_span": 12})
    body = login("member").get("/health/").content.decode()
    assert 'id="thresholds"' in body
    assert "Widest span of control" in body and "cannot coach each" in body
    row = body.split('id="threshold-max_span"')[1].split("</tr>")[0]
    assert '<span class="value">12</span>' in row and ">15</td>" in row and "changed" in row
    # Members and managers read; only owners and admins get the form.
    assert 'action="/health/policy/"' not in body and 'name="max_span"' not in body
    assert "Owners and admins can change them." in body


@pytest.mark.parametrize("persona", ["owner", "admin"])
def test_owner_and_admin_edit_the_thresholds_end_to_end(personas, login, chart, persona):
    client = login(persona)
    page = client.get("/health/").content.decode()
    assert 'action="/health/policy/"' in page and 'name="owner_max_reports" value="7"' in page
    before = practice_audits(personas.acme)
    form = {
        "owner_max_reports": "1",
        "max_span": "15",
        "narrow_span": "",
        "max_fte": "1.5",
        "disabled_rules": ["seat-vacant"],
    }
    response = client.post("/health/policy/", form)
    assert response.status_code == 302 and response["Location"] == "/health/#thresholds"
    assert policy_of() == {
        "owner_max_reports": 1,
        "max_fte": 1.5,
        "disabled_rules": ["seat-vacant"],
    }
    assert practice_audits(personas.acme) == before + 1
    page = client.get("/health/").content.decode()
    assert "Thresholds saved." in page
    assert 'name="owner_max_reports" value="1"' in page
    assert 'value="seat-vacant" checked' in page
    # The next run applies them.
    client.post("/health/run/")
    run_worker()
    rules = {f["rule"] for f in HealthRun.objects.filter(practice=personas.acme).first().findings}
    assert "owner-span" in rules and "seat-vacant" not in rules


def test_bad_values_come_back_beside_their_fields_with_422_and_nothing_saved(personas, login):
    client = login("owner")
    before = AuditRecord.objects.count()
    response = client.post(
        "/health/policy/",
        {"max_span": "wide", "owner_max_reports": "3", "narrow_span": "1.5", "max_fte": "-2"},
    )
    assert response.status_code == 422
    body = response.content.decode()
    assert 'id="policy-problems"' in body and "3 values could not be saved" in body
    span = body.split('id="threshold-max_span"')[1].split("</tr>")[0]
    assert 'value="wide"' in span and 'aria-invalid="true"' in span
    assert "must be a whole number of at least 2, got &#x27;wide&#x27;" in span
    narrow = body.split('id="threshold-narrow_span"')[1].split("</tr>")[0]
    assert "got &#x27;1.5&#x27;" in narrow
    fte = body.split('id="threshold-max_fte"')[1].split("</tr>")[0]
    assert "must be a number greater than 0, got -2" in fte
    # What was typed correctly is kept as typed, and nothing is written.
    assert 'name="owner_max_reports" value="3"' in body
    assert policy_of() == {}
    assert AuditRecord.objects.count() == before


def test_unknown_rule_ids_are_refused_beside_the_rules(personas, login):
    response = login("admin").post("/health/policy/", {"disabled_rules": ["no-such-rule"]})
    assert response.status_code == 422
    rules = response.content.decode().split('id="threshold-disabled_rules"')[1].split("</tr>")[0]
    assert "unknown rule id &#x27;no-such-rule&#x27;" in rules
    assert policy_of() == {}


@pytest.mark.parametrize("persona", ["manager", "member"])
def test_manager_and_member_get_403_and_nothing_changes(personas, login, persona):
    before = AuditRecord.objects.count()
    response = login(persona).post("/health/policy/", {"owner_max_reports": "1"})
    assert response.status_code == 403
    assert policy_of() == {}
    assert AuditRecord.objects.count() == before


def test_outsider_never_reaches_acme_policy(personas, client):
    # The outsider asks for acme in the session: they are not a member, so they act on
    # their own practice only.
    client.force_login(personas.outsider.user)
    session = client.session
    session["practice_id"] = personas.acme.pk
    session.save()
    assert "Thresholds" in client.get("/health/").content.decode()
    assert client.post("/health/policy/", {"owner_max_reports": "1"}).status_code == 302
    assert policy_of("acme") == {}
    assert policy_of("other") == {"owner_max_reports": 1}
    assert practice_audits(personas.acme) == 0


def test_user_without_a_practice_gets_404_and_nothing_changes(personas, client):
    client.force_login(User.objects.create_user(username="nobody", password="x"))
    assert client.post("/health/policy/", {"owner_max_reports": "1"}).status_code == 404
    assert policy_of("acme") == {} and policy_of("other") == {}


def test_policy_form_needs_post_and_login(personas, client):
    assert client.post("/health/policy/", {}).status_code == 302  # to the login page
    client.force_login(personas.owner.user)
    assert client.get("/health/policy/").status_code == 405


# --------------------------------------------------------------------------------------
# the command line


@pytest.mark.django_db(transaction=True)
def test_check_practice_honours_the_stored_policy(chart, personas, capsys):
    def rules() -> set[str]:
        assert cli.main(["check", "--practice", "acme", "--no-save", "--format", "json"]) in (0, 1)
        return {f["rule"] for f in json.loads(capsys.readouterr().out)["findings"]}

    assert "owner-span" not in rules()
    update_policy(actor=personas.owner, values=TIGHT)
    assert "owner-span" in rules()


def test_check_file_honours_the_file_policy(tmp_path, capsys):
    body = "seats:\n  - name: Owner\n    kind: leadership\n" + "".join(
        f"  - name: Seat {n}\n    kind: administrative\n    reports_to: Owner\n" for n in range(3)
    )
    head = "practice:\n  name: P\n  slug: p\n"
    found = {}
    for name, policy in [("default", ""), ("tight", "  policy:\n    owner_max_reports: 2\n")]:
        path = tmp_path / f"{name}.yaml"
        path.write_text(head + policy + body, encoding="utf-8")
        assert cli.main(["check", str(path), "--format", "json", "--fail-on", "never"]) == 0
        found[name] = {f["rule"] for f in json.loads(capsys.readouterr().out)["findings"]}
    assert "owner-span" not in found["default"] and "owner-span" in found["tight"]


def test_check_file_reports_a_bad_policy_with_its_line(tmp_path, capsys):
    path = tmp_path / "bad.yaml"
    path.write_text("practice:\n  name: P\n  slug: p\n  policy:\n    max_span: wide\n")
    assert cli.main(["check", str(path)]) == 2
    err = capsys.readouterr().err
    assert f"{path}:5: practice.policy.max_span: must be a whole number of at least 2" in err
