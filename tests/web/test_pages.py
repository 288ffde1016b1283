"""Every org page renders for each role with the right content; outsiders see nothing."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from practiceos.org.models import Assignment, Person, Seat

PERSON_LINK = re.compile(r'href="/org/people/\d+/"')
READERS = ["owner", "admin", "manager", "member"]
ACME_NAMES = ["Alice Owner", "Bob Surgeon", "Surgical Technologist", "Downtown", "Acme"]


def urls(chart):
    """Every org URL that shows acme data, by name."""
    return {
        "chart": "/org/chart/",
        "roots": "/org/chart/roots/",
        "children": f"/org/chart/children/{chart.owner_seat.pk}/",
        "path": f"/org/chart/path/{chart.tech_seat.pk}/",
        "search": "/org/chart/search/?q=Alice",
        "seat": f"/org/seats/{chart.tech_seat.pk}/",
        "person": f"/org/people/{chart.bob.pk}/",
        "people": "/org/people/",
        "location": f"/org/locations/{chart.downtown.pk}/",
        "locations": "/org/locations/",
    }


EXPECTED = {
    "chart": [
        "Accountability chart",
        "Alice Owner",
        "Practice Manager",
        "Vacant",
        "serves: Bob Surgeon",
        "Leadership",
        "find-q",
    ],
    "roots": ["Owner", "Alice Owner"],
    "children": ["Practice Manager", "Orthopedic Surgeon 1", "Bob Surgeon"],
    "path": [],
    "search": ["Alice Owner", "data-reveal"],
    "seat": ["Surgical Technologist 1", "Practice Manager", "Orthopedic Surgeon 1", "Bob Surgeon"],
    "person": ["Bob Surgeon", "Orthopedic Surgeon 1", "Downtown", "bob@acme.example"],
    "people": ["Alice Owner", "Bob Surgeon", "E2"],
    "location": ["Downtown", "1 Main St", "Practice Manager", "Leadership", "Support"],
    "locations": ["Downtown", "1 Main St"],
}


@pytest.mark.parametrize("persona", READERS)
@pytest.mark.parametrize("page", list(EXPECTED))
def test_page_renders_for_every_reader_with_its_content(chart, login, persona, page):
    response = login(persona).get(urls(chart)[page])
    assert response.status_code == 200
    body = response.content.decode()
    for text in EXPECTED[page]:
        assert text in body, f"{page} for {persona} lacks {text!r}"


@pytest.mark.parametrize("page", list(EXPECTED))
def test_anonymous_is_sent_to_login(chart, client, page):
    response = client.get(urls(chart)[page])
    assert response.status_code == 302
    assert response["Location"].startswith("/login/")


@pytest.mark.parametrize("page", ["children", "path", "seat", "person", "location"])
def test_outsider_gets_404_on_acme_objects_and_nothing_leaks(chart, login, page):
    response = login("outsider").get(urls(chart)[page])
    assert response.status_code == 404
    body = response.content.decode()
    for name in ACME_NAMES:
        assert name not in body


@pytest.mark.parametrize("page", ["chart", "roots", "search", "people", "locations"])
def test_outsider_lists_show_only_their_own_practice(chart, login, page):
    response = login("outsider").get(urls(chart)[page])
    assert response.status_code == 200
    body = response.content.decode()
    for name in ACME_NAMES:
        assert name not in body
    if page in ("chart", "roots"):
        assert "Other Owner" in body


def test_outsider_focus_on_acme_seat_is_ignored(chart, login):
    response = login("outsider").get(f"/org/chart/?focus={chart.tech_seat.pk}")
    assert response.status_code == 200
    body = response.content.decode()
    assert 'data-focus-path=""' in body
    assert "Surgical Technologist" not in body


def test_outsider_search_by_acme_email_finds_nothing(chart, login):
    body = login("outsider").get("/org/chart/search/?q=bob@acme").content.decode()
    assert "Bob" not in body
    assert "No person or seat matches" in body


def test_user_without_practice_gets_404_on_fragments(chart, client):
    from django.contrib.auth.models import User

    client.force_login(User.objects.create_user("lonely"))
    assert client.get("/org/chart/roots/").status_code == 404
    assert client.get(f"/org/seats/{chart.owner_seat.pk}/").status_code == 404


def test_seat_page_shows_lines_people_history_and_chart_links(chart, login):
    Seat.objects.filter(pk=chart.tech_seat.pk).update(team=chart.team, note="Covers OR 2")
    carol = Person.objects.create(practice=chart.downtown.practice, name="Carol Former")
    Assignment.objects.create(
        practice=chart.downtown.practice,
        person=carol,
        seat=chart.tech_seat,
        start=dt.date(2020, 1, 6),
        end=dt.date(2023, 3, 31),
        fte="0.80",
        level="junior",
    )
    seat = chart.tech_seat
    body = login("member").get(f"/org/seats/{seat.pk}/").content.decode()
    assert f'href="/org/chart/?focus={seat.pk}"' in body
    assert f'href="/audit/org.seat/{seat.pk}/"' in body
    assert f'href="/org/seats/{chart.manager_seat.pk}/"' in body  # reports to
    assert f'href="/org/seats/{chart.surgeon_seat.pk}/"' in body  # serves
    assert "Surgical Services" in body and "On-time first case" in body
    assert "Covers OR 2" in body
    # Past people with dates, FTE and level; the seat is vacant now.
    assert "Carol Former" in body and "2023-03-31" in body and "0.80" in body and "Junior" in body
    assert "Vacant" in body


def test_seat_page_lists_reports_and_served_by(chart, login):
    body = login("owner").get(f"/org/seats/{chart.surgeon_seat.pk}/").content.decode()
    assert "Served by" in body
    assert f'href="/org/seats/{chart.tech_seat.pk}/"' in body
    owner = login("owner").get(f"/org/seats/{chart.owner_seat.pk}/").content.decode()
    assert "Nobody (top of the chart)" in owner
    assert f'href="/org/seats/{chart.manager_seat.pk}/"' in owner
    assert f'href="/org/seats/{chart.surgeon_seat.pk}/"' in owner


def test_person_page_splits_current_and_past_seats(chart, login):
    chart.bob_surgeon.end = dt.date(2024, 6, 30)
    chart.bob_surgeon.save()
    Assignment.objects.create(
        practice=chart.downtown.practice, person=chart.bob, seat=chart.manager_seat, fte=1
    )
    body = login("member").get(f"/org/people/{chart.bob.pk}/").content.decode()
    current, past = body.split("Past seats")
    assert "Practice Manager" in current and "Orthopedic Surgeon 1" not in current
    assert "Orthopedic Surgeon 1" in past and "2024-06-30" in past


def test_location_page_names_its_manager_or_warns_without_one(chart, login):
    body = login("member").get(f"/org/locations/{chart.downtown.pk}/").content.decode()
    head = body.split("Who manages it")[1].split("</section>")[0]
    # The owner's seat is the top leadership seat on site.
    assert "Owner" in head
    from practiceos.org.models import Location

    empty = Location.objects.create(practice=chart.downtown.practice, name="Eastside")
    Seat.objects.create(
        practice=empty.practice,
        name="Hygienist East",
        kind="support",
        location=empty,
        reports_to=chart.manager_seat,
    )
    east = login("member").get(f"/org/locations/{empty.pk}/").content.decode()
    assert "No manager seat on site" in east
    assert "Hygienist East" in east


def test_people_list_paginates_fifty_a_page_and_searches(personas, login):
    Person.objects.bulk_create(
        Person(
            practice=personas.acme,
            name=f"Person {i:03d}",
            email=f"p{i}@x.example",
            employee_id=f"ID{i:03d}",
        )
        for i in range(120)
    )
    client = login("member")
    first = client.get("/org/people/").content.decode()
    assert len(PERSON_LINK.findall(first)) == 50
    assert "Page 1 of 3" in first and "Person 000" in first and "Person 050" not in first
    last = client.get("/org/people/?page=3").content.decode()
    assert len(PERSON_LINK.findall(last)) == 20 and "Person 119" in last
    by_email = client.get("/org/people/?q=p117@").content.decode()
    assert "Person 117" in by_email and "Person 116" not in by_email
    by_id = client.get("/org/people/?q=ID042").content.decode()
    assert "Person 042" in by_id and "Person 043" not in by_id
    # htmx asks for the rows only.
    fragment = client.get("/org/people/?q=Person 00", HTTP_HX_REQUEST="true").content.decode()
    assert "<html" not in fragment and "Person 009" in fragment and "Person 010" not in fragment


def test_locations_list_paginates_and_searches(personas, login):
    from practiceos.org.models import Location

    Location.objects.bulk_create(
        Location(practice=personas.acme, name=f"Site {i:03d}", address=f"{i} Elm Rd")
        for i in range(75)
    )
    client = login("manager")
    first = client.get("/org/locations/").content.decode()
    assert "Page 1 of 2" in first and "Site 049" in first and "Site 050" not in first
    assert "Site 074" in client.get("/org/locations/?page=2").content.decode()
    found = client.get("/org/locations/?q=7 Elm").content.decode()
    assert "Site 007" in found and "Site 008" not in found


def test_audit_history_of_a_seat_links_back_to_it(chart, login, personas):
    from practiceos.org import services

    services.update(personas.owner, chart.tech_seat, {"note": "Night shift"})
    body = login("member").get(f"/audit/org.seat/{chart.tech_seat.pk}/").content.decode()
    assert "Night shift" in body
    assert f'href="/org/seats/{chart.tech_seat.pk}/"' in body
