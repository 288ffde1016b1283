"""Scenario pages as a new owner meets them: from the health report's "try in a scenario"
to the side-by-side comparison, hand edits, publishing; refusals are 422 naming the field."""

from __future__ import annotations

import re

from practiceos.audit.models import AuditRecord
from practiceos.core.scenario import finding_ref
from practiceos.org.models import Seat
from practiceos.scenarios.models import Scenario


def _support_ref(run):
    finding = next(f for f in run.findings if f["rule"] == "support-reports-to-provider")
    return finding_ref(finding["rule"], [s["id"] for s in finding["subjects"]])


def test_owner_tries_the_fix_compares_and_publishes_from_the_health_report(
    login, personas, surgical
):
    client = login("owner")
    report = client.get("/health/")
    html = report.content.decode()
    assert "Try in a scenario" in html and "Try every fix in a scenario" in html
    assert _support_ref(surgical.run) in html
    response = client.post(
        "/scenarios/try/", {"run": surgical.run.pk, "finding": _support_ref(surgical.run)}
    )
    scenario = Scenario.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/scenarios/{scenario.pk}/"
    page = client.get(f"/scenarios/{scenario.pk}/")
    body = page.content.decode()
    assert page.status_code == 200
    assert "mark-new" in body and "mark-moved" in body
    assert "Support Services Manager" in body
    # Existing seats link to their pages; a new seat has no page yet.
    assistant = Seat.objects.get(practice=personas.acme, name="Surgical Assistant 1")
    assert f'href="/org/seats/{assistant.pk}/"' in body
    assert 'href="/org/seats/new:' not in body
    scores = re.search(r"Score: (\d+) today, <strong>(\d+)</strong>", body)
    assert scores and int(scores.group(2)) > int(scores.group(1))
    assert "resolved" in body and "<svg" in body
    assert Seat.objects.filter(practice=personas.acme, name__icontains="support").count() == 0
    last = AuditRecord.objects.order_by("-id").first().pk
    published = client.post(f"/scenarios/{scenario.pk}/publish/")
    assert published.status_code == 302
    manager = Seat.objects.get(practice=personas.acme, name__icontains="support")
    assert (
        Seat.objects.get(name="Surgical Assistant 1", practice=personas.acme).reports_to_id
        == manager.pk
    )
    assert AuditRecord.objects.filter(
        pk__gt=last, object_type="org.seat", object_id=str(manager.pk)
    ).exists()
    history = client.get(f"/scenarios/{scenario.pk}/")
    assert "Published" in history.content.decode() and history.status_code == 200
    from practiceos.health.models import HealthRun

    # The health check ran again on the published chart and scores what the page promised.
    assert HealthRun.objects.filter(practice=personas.acme).first().overall == int(scores.group(2))
    audit = client.get("/audit/")
    assert "published scenario" in audit.content.decode()


def test_a_hand_edit_moves_a_seat_and_a_bad_one_is_422_naming_the_field(login, personas, surgical):
    client = login("owner")
    client.post("/scenarios/new/", {"name": "By hand", "note": "try moving"})
    scenario = Scenario.objects.get(name="By hand")
    ok = client.post(
        f"/scenarios/{scenario.pk}/edit/",
        {"action": "move", "seat": "Surgical Assistant 1", "manager": "Practice Manager"},
    )
    assert ok.status_code == 302
    scenario.refresh_from_db()
    assert scenario.changes[0]["action"] == "move_reporting_line"
    cycle = client.post(
        f"/scenarios/{scenario.pk}/edit/",
        {"action": "move", "seat": "Owner", "manager": "Surgical Assistant 2"},
    )
    assert cycle.status_code == 422
    assert "reporting cycle" in cycle.content.decode()
    missing = client.post(
        f"/scenarios/{scenario.pk}/edit/", {"action": "move", "seat": "Nobody's seat"}
    )
    assert missing.status_code == 422
    assert "<strong>seat</strong>" in missing.content.decode()
    create = client.post(
        f"/scenarios/{scenario.pk}/edit/",
        {
            "action": "create",
            "name": "Clinical Lead",
            "kind": "management",
            "manager": "Owner",
            "location": "North Clinic",
        },
    )
    assert create.status_code == 302
    bad_kind = client.post(
        f"/scenarios/{scenario.pk}/edit/", {"action": "create", "name": "X", "kind": "boss"}
    )
    assert bad_kind.status_code == 422 and "<strong>kind</strong>" in bad_kind.content.decode()
    scenario.refresh_from_db()
    assert len(scenario.changes) == 2
    assert Seat.objects.filter(name="Clinical Lead").count() == 0
    undo = client.post(f"/scenarios/{scenario.pk}/changes/0/remove/")
    assert undo.status_code == 302
    scenario.refresh_from_db()
    assert [c["action"] for c in scenario.changes] == ["create_seat"]


def test_duplicate_name_and_unknown_finding_are_reported_without_a_500(login, personas, surgical):
    client = login("owner")
    client.post("/scenarios/new/", {"name": "Twice"})
    again = client.post("/scenarios/new/", {"name": "Twice"})
    assert again.status_code == 422 and "is taken" in again.content.decode()
    empty = client.post("/scenarios/new/", {"name": "  "})
    assert empty.status_code == 422
    unknown = client.post("/scenarios/try/", {"finding": "nope"}, follow=True)
    assert unknown.status_code == 200
    assert "finding:" in unknown.content.decode()
    assert Scenario.objects.count() == 1


def test_publishing_a_discarded_scenario_over_the_web_is_422_naming_the_status(
    login, personas, surgical
):
    client = login("owner")
    client.post("/scenarios/try/", {"run": surgical.run.pk})
    scenario = Scenario.objects.get()
    client.post(f"/scenarios/{scenario.pk}/discard/")
    response = client.post(f"/scenarios/{scenario.pk}/publish/")
    assert response.status_code == 422
    assert "discarded" in response.content.decode()


def test_members_read_but_see_no_controls_and_outsiders_get_404(login, personas, surgical, client):
    owner = login("owner")
    owner.post("/scenarios/try/", {"run": surgical.run.pk})
    scenario = Scenario.objects.get()
    member = login("member")
    page = member.get(f"/scenarios/{scenario.pk}/")
    assert page.status_code == 200
    assert "Publish to the live chart" not in page.content.decode()
    assert "Try in a scenario" not in member.get("/health/").content.decode()
    assert member.post(f"/scenarios/{scenario.pk}/publish/").status_code == 403
    outsider = login("outsider")
    assert outsider.get(f"/scenarios/{scenario.pk}/").status_code == 404
    assert outsider.post(f"/scenarios/{scenario.pk}/publish/").status_code == 404
    assert outsider.post("/scenarios/try/", {"run": surgical.run.pk}).status_code == 404


def test_the_exported_scenario_checks_like_the_page(login, personas, surgical, tmp_path):
    from practiceos.health import file_command

    client = login("owner")
    client.post("/scenarios/try/", {"run": surgical.run.pk})
    scenario = Scenario.objects.get()
    body = client.get(f"/scenarios/{scenario.pk}/").content.decode()
    after = int(re.search(r"<strong>(\d+)</strong> in the scenario", body).group(1))
    exported = client.get(f"/scenarios/{scenario.pk}/org.yaml")
    assert exported.status_code == 200 and exported["Content-Type"].startswith("application/yaml")
    path = tmp_path / "scenario.yaml"
    path.write_bytes(exported.content)
    import io
    import json

    out = io.StringIO()
    file_command.main([str(path), "--format", "json", "--fail-on", "never"], stdout=out)
    assert json.loads(out.getvalue())["score"]["overall"] == after


def test_list_page_shows_drafts_and_the_empty_state(login, personas):
    client = login("member")
    assert "No scenarios yet" in client.get("/scenarios/").content.decode()
    assert client.post("/scenarios/new/", {"name": "x"}).status_code == 403


def test_the_scenarios_remaining_fixes_are_a_next_round_merged_with_the_first(
    login, personas, surgical
):
    client = login("owner")
    client.post("/scenarios/try/", {"run": surgical.run.pk, "finding": _support_ref(surgical.run)})
    scenario = Scenario.objects.get()
    before = list(scenario.changes)
    first = len(before)
    page = client.get(f"/scenarios/{scenario.pk}/").content.decode()
    assert "Try the scenario's remaining fixes" in page
    response = client.post(f"/scenarios/{scenario.pk}/more-fixes/")
    assert response.status_code == 302
    scenario.refresh_from_db()
    assert len(scenario.changes) > first
    assert scenario.changes[:first] == before  # the first round is kept as it was
    stored = [tuple(sorted((k, str(v)) for k, v in c.items())) for c in scenario.changes]
    assert len(stored) == len(set(stored))


def test_a_scenario_that_no_longer_applies_lists_its_changes_to_take_out(login, personas, surgical):
    from practiceos.org.models import Assignment

    client = login("owner")
    client.post("/scenarios/new/", {"name": "Close the desk"})
    scenario = Scenario.objects.get()
    desk = Seat.objects.get(practice=personas.acme, name="Front Desk")
    client.post(f"/scenarios/{scenario.pk}/edit/", {"action": "close", "seat": "Front Desk"})
    Assignment.objects.filter(seat=desk).delete()
    desk.delete()  # gone from the live chart meanwhile
    page = client.get(f"/scenarios/{scenario.pk}/")
    body = page.content.decode()
    assert page.status_code == 200
    assert "no longer applies" in body and "Take out" in body
    assert client.post(f"/scenarios/{scenario.pk}/changes/0/remove/").status_code == 302
    scenario.refresh_from_db()
    assert scenario.changes == []


def test_htmx_gets_the_comparison_as_a_fragment(login, personas, surgical):
    owner = login("owner")
    owner.post("/scenarios/try/", {"run": surgical.run.pk})
    scenario = Scenario.objects.get()
    client = login("member")
    fragment = client.get(f"/scenarios/{scenario.pk}/", headers={"HX-Request": "true"})
    body = fragment.content.decode()
    assert body.lstrip().startswith('<div id="scenario-body">')
    assert "<html" not in body and "mark-new" in body


def test_moving_a_person_and_vacating_a_seat_by_hand(login, personas, surgical):
    client = login("owner")
    client.post("/scenarios/new/", {"name": "People"})
    scenario = Scenario.objects.get()
    url = f"/scenarios/{scenario.pk}/edit/"
    bad_fte = client.post(
        url, {"action": "assign", "person": "Jo Lee", "seat": "Practice Manager", "fte": "2"}
    )
    assert bad_fte.status_code == 422 and "<strong>fte</strong>" in bad_fte.content.decode()
    nobody = client.post(
        url, {"action": "assign", "person": "Zed Nobody", "seat": "Practice Manager"}
    )
    assert nobody.status_code == 422 and "<strong>person</strong>" in nobody.content.decode()
    vacate = client.post(url, {"action": "vacate", "seat": "Practice Manager"})
    assert vacate.status_code == 302
    move = client.post(
        url,
        {
            "action": "assign",
            "person": "Jo Lee",
            "seat": "Practice Manager",
            "fte": "1",
            "accountable": "on",
            "leaves": "on",
        },
    )
    assert move.status_code == 302
    page = client.get(f"/scenarios/{scenario.pk}/").content.decode()
    assert "Jo Lee leaves Surgical Assistant 1; joins Practice Manager" in page
    assert "Rita Moss leaves Practice Manager" in page
    scenario.refresh_from_db()
    assert [c["action"] for c in scenario.changes] == [
        "end_assignment",
        "end_assignment",
        "assign_person",
    ]


def test_trying_every_fix_says_which_fix_was_left_out_for_a_loop(login, personas):
    """The page names the loop a left-out fix would have closed (the property test's find:
    two findings proposing one new manager seat in different places)."""
    import html

    from practiceos.health.services import run_health_check
    from practiceos.org.loading import load_snapshot
    from tests.core.builders import Org

    org = Org(name="Acme Orthopedics", slug="acme")
    org.seat("s0", "support", name="Sterile Processing", location=None)
    org.seat("s2", "leadership", name="Owner", reports_to="s0", location=None)
    org.seat("s6", "provider", name="Surgeon", reports_to="s2", location=None)
    org.seat("s7", "administrative", name="Scheduler", reports_to="s6", location=None)
    load_snapshot(org.build(), actor=None)
    run = run_health_check(None, personas.acme)
    page = login("owner").post("/scenarios/try/", {"run": run.pk}, follow=True)
    text = html.unescape(page.content.decode())
    assert (
        "A fix was left out whole: with the fixes before it, it would make a reporting cycle"
        in text
    )
    assert '"Sterile Processing" → "Support Services Manager" → "Owner"' in text
