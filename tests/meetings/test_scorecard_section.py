"""The scorecard and priorities sections read the scorecards app: this week's numbers with
reds highlighted, priorities on or off track, and one click drops either onto the issues
list."""

from __future__ import annotations

from practiceos.meetings import services
from practiceos.meetings.models import IssueSource, TeamIssue

HX = {"HTTP_HX_REQUEST": "true"}


def test_red_numbers_are_highlighted_and_drop_onto_the_issues_list(personas, login, crew, numbers):
    run = services.start_run(actor=personas.manager, meeting=crew.meeting)
    services.go_to_section(actor=personas.manager, run=run, section=1)
    client = login("member")
    body = client.get(f"/meetings/runs/{run.pk}/").content.decode()
    assert "First case on time %" in body and "Room turnover minutes" in body
    red_rows = [row for row in body.split("<tr") if 'class="red"' in row]
    assert len(red_rows) == 1 and "First case on time %" in red_rows[0]
    assert "Drop onto issues" in red_rows[0]
    # The drop form's fields, posted as the button would.
    response = client.post(
        f"/meetings/teams/{crew.team.pk}/issues/",
        {
            "title": "First case on time %: 72 against a target of ≥ 90",
            "source": "scorecard",
            "source_ref": f"measurable:{numbers.pk}:x",
        },
        **HX,
    )
    assert response.status_code == 204
    issue = TeamIssue.objects.get()
    assert issue.source == IssueSource.SCORECARD and issue.title.startswith("First case")


def test_priorities_show_on_and_off_track(personas, login, crew, numbers):
    run = services.start_run(actor=personas.manager, meeting=crew.meeting)
    services.go_to_section(actor=personas.manager, run=run, section=2)
    body = login("member").get(f"/meetings/runs/{run.pk}/").content.decode()
    red_rows = [row for row in body.split("<tr") if 'class="red"' in row]
    assert len(red_rows) == 1 and "Open a second OR" in red_rows[0] and "Off track" in red_rows[0]
    assert "Cross-train two techs" in body and "On track" in body


def test_red_number_drops_onto_the_issues_list_from_the_scorecard_page(login, crew, numbers):
    from django.urls import reverse

    client = login("member")
    page = reverse("scorecards:team", args=[crew.team.pk])
    body = client.get(page).content.decode()
    assert body.count("Drop onto issues") == 1  # only the red measurable
    title = "First case on time %: 72 against a target of ≥ 90"
    assert f'value="{title}"' in body
    response = client.post(
        f"/meetings/teams/{crew.team.pk}/issues/",
        {"title": title, "source": "scorecard", "source_ref": "m", "next": page},
    )
    assert response.status_code == 302 and response["Location"] == page
    assert TeamIssue.objects.get().title == title
