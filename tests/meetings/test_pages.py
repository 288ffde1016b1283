"""Meeting pages: each renders, whole or as the live fragment; the live poll answers 204
while nothing changed; writes go through forms; bad input gets 422 naming the field."""

from __future__ import annotations

import pytest

from practiceos.meetings import services
from practiceos.meetings.models import IssueStatus, MeetingRun, TeamIssue

HX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def run(personas, crew):
    return services.start_run(actor=personas.manager, meeting=crew.meeting)


def test_pages_render_for_a_member(login, crew, run):
    client = login("member")
    issue = services.raise_issue(actor=crew_member(crew), team=crew.team, title="Late trays")
    for url, text in [
        ("/meetings/", "Surgical Services"),
        (f"/meetings/teams/{crew.team.pk}/", "Late trays"),
        (f"/meetings/runs/{run.pk}/", "Check-in"),
        (f"/meetings/issues/{issue.pk}/", "Solve it"),
        (f"/meetings/teams/{crew.team.pk}/decisions/", "No decisions yet"),
        (f"/meetings/runs/{run.pk}/recap/", "New to-dos"),
    ]:
        response = client.get(url)
        assert response.status_code == 200, url
        assert text in response.content.decode(), url


def crew_member(crew):
    from practiceos.tenancy.models import Membership

    return Membership.objects.get(user=crew.tess.user)


def test_navigation_links_to_meetings(login, crew):
    assert 'href="/meetings/"' in login("member").get("/org/chart/").content.decode()


def test_live_poll_is_204_until_something_changes(login, crew, run):
    client = login("member")
    url = f"/meetings/runs/{run.pk}/live/"
    unchanged = client.get(url, {"v": run.version}, **HX)
    assert unchanged.status_code == 204 and unchanged["ETag"] == f'"run-{run.pk}-v{run.version}"'
    client_manager = login("manager")
    client_manager.post(f"/meetings/runs/{run.pk}/section/", {"section": "1"}, **HX)
    client = login("member")
    changed = client.get(url, {"v": run.version}, **HX)
    assert changed.status_code == 200
    body = changed.content.decode()
    assert "Scorecard" in body and f"v={run.version + 1}" in body


def test_facilitator_moves_sections_and_member_cannot(login, crew, run):
    response = login("member").post(f"/meetings/runs/{run.pk}/section/", {"section": "2"})
    assert response.status_code == 403
    response = login("manager").post(f"/meetings/runs/{run.pk}/section/", {"section": "2"}, **HX)
    assert response.status_code == 204 and response["HX-Trigger"] == "meeting-changed"
    assert MeetingRun.objects.get(pk=run.pk).section == 2


def test_raise_issue_from_the_web_and_bad_input_is_422_naming_the_field(login, crew):
    client = login("member")
    url = f"/meetings/teams/{crew.team.pk}/issues/"
    assert client.post(url, {"title": "Trays late"}).status_code == 302
    assert TeamIssue.objects.get().raiser_kind == "support"
    refused = client.post(url, {"title": ""}, **HX)
    assert refused.status_code == 422 and "title: is required" in refused.content.decode()
    assert TeamIssue.objects.count() == 1


def test_solve_form_with_two_todos(login, crew, run):
    issue = services.raise_issue(actor=crew_member(crew), team=crew.team, title="Trays")
    client = login("manager")
    missing = client.post(f"/meetings/issues/{issue.pk}/solve/", {"decision": ""}, follow=True)
    assert "decision: is required" in missing.content.decode()
    response = client.post(
        f"/meetings/issues/{issue.pk}/solve/",
        {
            "decision": "Evening prep",
            "todo_0_title": "Agree with SPD",
            "todo_0_owner": crew.mona.pk,
            "todo_1_title": "Checklist",
            "todo_1_owner": crew.tess.pk,
            "todo_2_title": "",
            "next": f"/meetings/runs/{run.pk}/",
        },
    )
    assert response.status_code == 302 and response["Location"] == f"/meetings/runs/{run.pk}/"
    issue.refresh_from_db()
    assert issue.status == IssueStatus.SOLVED and issue.todos.count() == 2


def test_rating_out_of_range_is_refused(login, crew, run):
    client = login("member")
    response = client.post(f"/meetings/runs/{run.pk}/rate/", {"score": "11"}, **HX)
    assert response.status_code == 422 and "from 1 to 10" in response.content.decode()


def test_outsider_gets_404_on_every_page(login, crew, run):
    client = login("outsider")
    issue = services.raise_issue(actor=crew_member(crew), team=crew.team, title="Trays")
    for url in [
        f"/meetings/teams/{crew.team.pk}/",
        f"/meetings/runs/{run.pk}/",
        f"/meetings/runs/{run.pk}/live/",
        f"/meetings/issues/{issue.pk}/",
        f"/meetings/runs/{run.pk}/recap/",
    ]:
        assert client.get(url).status_code == 404, url
    assert client.post(f"/meetings/issues/{issue.pk}/solve/", {"decision": "x"}).status_code == 404
    assert TeamIssue.objects.get(pk=issue.pk).status == IssueStatus.OPEN


def test_recap_pdf(login, crew, run):
    services.end_run(actor=crew_member_manager(crew), run=run, send=False)
    response = login("member").get(f"/meetings/runs/{run.pk}/recap.pdf")
    assert response.status_code == 200 and response.content[:4] == b"%PDF"


def crew_member_manager(crew):
    from practiceos.tenancy.models import Membership

    return Membership.objects.get(user=crew.mona.user)


def test_live_page_has_no_inline_script_or_handlers(login, crew, run):
    body = login("member").get(f"/meetings/runs/{run.pk}/").content.decode()
    assert "meetings/meetings.js" in body
    main = body.split("<main", 1)[1]
    assert "<script>" not in main and " onclick=" not in main and " onchange=" not in main


def test_poll_after_the_session_ended_sends_the_page_to_login(client, crew, run):
    response = client.get(f"/meetings/runs/{run.pk}/live/", {"v": 0}, **HX)
    assert response.status_code == 204
    assert response["HX-Redirect"] == f"/login/?next=/meetings/runs/{run.pk}/"
    assert client.get(f"/meetings/runs/{run.pk}/live/").status_code == 302
