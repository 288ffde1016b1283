"""Leadership pages: every page renders for every member, forms write through services,
refusals come back with their problems, outsiders get 404."""

from __future__ import annotations

import datetime as dt

import pytest

from practiceos.leadership import services
from practiceos.leadership.models import Ask, DecisionArea, TimeEntry

PAGES = [
    "/leadership/",
    "/leadership/vision/",
    "/leadership/decisions/",
    "/leadership/asks/",
    "/leadership/load/",
    "/leadership/time/",
    "/leadership/locations/",
    "/leadership/locations/?sort=-share",
]


@pytest.fixture
def busy(personas, sites):
    """Areas seeded (owner deciding), a few asks, one decided, owner time recorded."""
    services.seed_decision_areas(actor=personas.owner)
    area = DecisionArea.objects.get(practice=personas.acme, name="Time off")
    ask = services.raise_ask(actor=personas.member, text="Two days off?", area=area)
    services.raise_ask(actor=personas.member, text="Gloves?")
    services.decide_ask(actor=personas.owner, ask=ask, decision="Yes")
    services.record_time(actor=personas.owner, day=dt.date.today(), kind="management", minutes=90)
    return area


@pytest.mark.parametrize("url", PAGES)
@pytest.mark.parametrize("who", ["owner", "member"])
def test_every_page_renders_with_data(login, busy, url, who):
    response = login(who).get(url)
    assert response.status_code == 200
    assert b"Leadership" in response.content


@pytest.mark.parametrize("url", PAGES)
def test_every_page_has_a_plain_empty_state(login, personas, url):
    response = login("owner").get(url)
    assert response.status_code == 200


def test_load_page_shows_what_waits_on_the_owner_and_the_chart(login, busy, sites):
    body = login("owner").get("/leadership/load/").content.decode()
    assert "1 of 2 asks reached the owner" in body
    assert "<svg" in body and "reached the owner" in body
    assert "Office Manager Downtown" in body  # the seat that could take the areas
    # The hand-over button posts that seat's id.
    assert f'name="seat" value="{sites.downtown_manager.pk}"' in body


def test_owner_hands_over_an_area_from_the_load_page(login, personas, sites, busy):
    client = login("owner")
    response = client.post(
        f"/leadership/decisions/{busy.pk}/decider/",
        {"seat": sites.downtown_manager.pk, "next": "/leadership/load/"},
    )
    assert response.status_code == 302 and response["Location"] == "/leadership/load/"
    busy.refresh_from_db()
    assert busy.decider_id == sites.downtown_manager.pk


@pytest.mark.parametrize(
    "target", ["//evil.example/", "/\t/evil.example/", "https://evil.example/", "/\\evil.example"]
)
def test_hand_over_never_redirects_off_site(login, sites, busy, target):
    response = login("owner").post(
        f"/leadership/decisions/{busy.pk}/decider/",
        {"seat": sites.downtown_manager.pk, "next": target},
    )
    assert response["Location"] == "/leadership/decisions/"


def test_hand_over_returns_to_a_page_of_this_site(login, sites, busy):
    response = login("owner").post(
        f"/leadership/decisions/{busy.pk}/decider/",
        {"seat": sites.downtown_manager.pk, "next": "/leadership/load/"},
    )
    assert response["Location"] == "/leadership/load/"


def test_member_may_not_hand_over_and_nothing_changes(login, busy, sites):
    response = login("member").post(
        f"/leadership/decisions/{busy.pk}/decider/", {"seat": sites.downtown_manager.pk}
    )
    assert response.status_code == 403
    busy.refresh_from_db()
    assert busy.decider_id != sites.downtown_manager.pk


def test_outsider_gets_404_for_areas_asks_and_overrides(login, busy, personas):
    ask = Ask.objects.first()
    client = login("outsider")
    assert client.get(f"/leadership/decisions/{busy.pk}/").status_code == 404
    assert client.get(f"/leadership/asks/{ask.pk}/").status_code == 404
    assert client.post(f"/leadership/asks/{ask.pk}/decide/", {"decision": "x"}).status_code == 404
    ask.refresh_from_db()
    assert ask.status == "open"


def test_raising_an_ask_from_the_form_routes_it_and_says_where(login, personas, sites, busy):
    client = login("member")
    response = client.post("/leadership/asks/", {"text": "Holiday in June?", "area": busy.pk})
    assert response.status_code == 302
    ask = Ask.objects.get(text="Holiday in June?")
    assert ask.to_seat_id == sites.owner_seat.pk  # the owner still decides time off
    page = client.get("/leadership/asks/").content.decode()
    assert "Holiday in June?" in page


def test_refused_ask_comes_back_with_the_problem_and_nothing_saved(login, busy):
    response = login("member").post("/leadership/asks/", {"text": "  ", "area": ""})
    assert response.status_code == 422
    assert "is required" in response.content.decode()
    assert not Ask.objects.filter(text="").exists()


def test_suggestion_fragment_preselects_the_matching_area(login, busy):
    body = (
        login("member")
        .get("/leadership/asks/suggest/", {"text": "two days off for a holiday"})
        .content.decode()
    )
    assert f'value="{busy.pk}" selected' in body
    assert "Suggested from your words" in body


def test_vision_form_saves_and_shows_values_to_members(login, personas):
    data = {
        "three_year_picture": "Three sites",
        "one_year_goals": "Open Lakeside\nHire",
        "value_name_0": "Patients first",
        "value_behaviour_0": "Same-day call backs",
        "value_name_1": "Own it",
        "value_behaviour_1": "Finish what we start",
        "value_name_2": "Learn",
        "value_behaviour_2": "One case review a week",
        "core_focus": "Knees",
        "what_good_looks_like": "On time",
    }
    assert login("owner").post("/leadership/vision/", data).status_code == 302
    body = login("member").get("/leadership/vision/").content.decode()
    assert "Patients first" in body and "Same-day call backs" in body and "Open Lakeside" in body
    bad = login("owner").post(
        "/leadership/vision/", {**data, "value_name_2": "", "value_behaviour_2": ""}
    )
    assert bad.status_code == 422 and "between 3 and 7" in bad.content.decode()
    assert login("member").post("/leadership/vision/", data).status_code == 403


def test_quick_time_button_records_and_the_week_shows_it(login, sites):
    client = login("owner")
    today = dt.date.today().isoformat()
    response = client.post(
        "/leadership/time/record/", {"day": today, "kind": "leadership", "minutes": "30"}
    )
    assert response.status_code == 302
    assert TimeEntry.objects.get().minutes == 30
    body = client.get("/leadership/time/").content.decode()
    assert "leadership 100%" in body and "<svg" in body
    bad = client.post("/leadership/time/record/", {"day": today, "kind": "golf", "minutes": "x"})
    assert bad.status_code == 422 and "golf" in bad.content.decode()


def test_locations_table_sorts_and_pages(login, busy, sites):
    body = login("owner").get("/leadership/locations/?sort=-open").content.decode()
    assert body.index("Downtown") < body.index("Lakeside")
    assert "Mo Manager" in body
    fragment = login("owner").get("/leadership/locations/?sort=name", HTTP_HX_REQUEST="true")
    assert b"<html" not in fragment.content and b"Downtown" in fragment.content


def test_seat_decisions_include_lists_the_areas(personas, sites, busy):
    from django.template.loader import render_to_string

    html = render_to_string("leadership/includes/seat_decisions.html", {"seat": sites.owner_seat})
    assert "Areas this seat decides" in html and "Time off" in html


def test_decisions_page_counts_asks_and_escalations_per_area(login, personas, sites, busy):
    services.set_decider(actor=personas.owner, area=busy, seat=sites.downtown_manager)
    ask = services.raise_ask(actor=personas.member, text="Gloves again?", area=busy)
    services.escalate_ask(actor=personas.member, ask=ask, reason="Urgent today")
    body = login("owner").get("/leadership/decisions/").content.decode()
    row = body[body.index(">Time off<") :]
    row = row[: row.index("</tr>")]
    assert "2 reached the owner" in row and "1 escalated" in row


def test_asker_is_told_on_the_hub_and_the_ask_names_who_decided(login, personas, sites):
    ask = services.raise_ask(actor=personas.member, text="Spare gloves?")
    services.decide_ask(actor=personas.manager, ask=ask, decision="Shelf 2")
    client = login("member")
    assert "1 new answer" in client.get("/leadership/").content.decode()
    body = client.get(f"/leadership/asks/{ask.pk}/").content.decode()
    assert "Office Manager Downtown (Mo Manager)" in body and "Shelf 2" in body
    assert client.post("/leadership/asks/seen/").status_code == 302
    assert "new answer" not in client.get("/leadership/").content.decode()
