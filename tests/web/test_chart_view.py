"""The chart's colour, filter and service-line data on the server: what the page and its
fragments carry for the browser, the legends' colours, bad view parameters, the lines
endpoint. (Query counts at two sizes: tests/web/test_query_counts.py.)"""

from __future__ import annotations

import re

from django.urls import reverse

from practiceos.org.chart import Card
from practiceos.org.chart_view import PALETTE_SIZE, chart_view, legends, service_lines
from tests.web.conftest import build_org


def test_a_seat_is_spoken_as_one_sentence():
    card = Card(
        id=1,
        name="Practice Manager",
        kind="management",
        role_title="",
        location_name="Tremont",
        person_id=2,
        person_name="Ana Ruiz",
        report_count=4,
        flag_count=1,
    )
    assert card.spoken == "Practice Manager — Tremont, held by Ana Ruiz, 4 reports, 1 finding"
    card.person_name, card.report_count, card.flag_count, card.location_name = None, 1, None, ""
    assert card.spoken == "Practice Manager, vacant, 1 report"
    card.report_count = 0
    assert card.spoken == "Practice Manager, vacant, no reports"


def test_cards_carry_location_team_and_sentence_on_the_page_and_in_fragments(
    chart, login, personas
):
    chart.tech_seat.team = chart.team
    chart.tech_seat.save(update_fields=["team"])
    client = login("member")
    page = client.get("/org/chart/").content.decode()
    tech = re.search(rf'<li class="node" data-seat="{chart.tech_seat.pk}"[^>]*>', page).group(0)
    assert f'data-location="{chart.downtown.pk}"' in tech
    assert f'data-team="{chart.team.pk}"' in tech
    assert 'role="treeitem"' in tech
    assert 'data-say="Surgical Technologist 1 — Downtown, vacant, no reports"' in tech
    assert 'role="tree"' in page
    # The support seat serves the surgeon, the surgeon is served: both get the lines toggle.
    lines_url = f"/org/chart/lines/{chart.tech_seat.pk}/"
    assert f'data-lines="{lines_url}"' in page
    assert f'data-lines="/org/chart/lines/{chart.surgeon_seat.pk}/"' in page
    assert f'data-lines="/org/chart/lines/{chart.owner_seat.pk}/"' not in page
    # A fragment loaded later carries the same attributes (the browser colours from them).
    fragment = client.get(f"/org/chart/children/{chart.manager_seat.pk}/").content.decode()
    assert f'data-team="{chart.team.pk}"' in fragment and 'role="group"' in fragment
    assert "Team: Surgical Services" in fragment


def test_legend_colours_the_largest_locations_and_groups_the_rest(personas, login):
    # 2 directors x 6 clinics: 12 clinics, more than the palette's 9 colours.
    org = build_org(personas.acme, directors=2, managers_per_director=6, staff_per_manager=2)
    kinds, locations, teams = legends(personas.acme.pk)
    assert sum(n for _, _, n in kinds) == org.seat_count
    coloured = locations.coloured
    assert [e.colour for e in coloured] == list(range(PALETTE_SIZE))
    # Largest first: the clinics that also hold the owner and the directors.
    assert coloured[0].name == "Clinic 0001" and coloured[0].count == 5
    assert locations.other == (12 - PALETTE_SIZE, 3 * (12 - PALETTE_SIZE))
    assert teams.entries == [] and teams.unassigned == org.seat_count
    assert locations.unassigned == 0
    body = login("member").get("/org/chart/?colour=location").content.decode()
    group = body[body.index('data-legend="location"') : body.index('data-legend="team"')]
    assert group.count('class="swatch pc-') == PALETTE_SIZE + 1  # the colours and "other"
    assert "3 other locations" in group and "No location" not in group
    assert "No team" in body
    # The filter list offers every location, by name.
    options = re.findall(r'<option value="(\d+)" data-count', body)
    assert len(options) == 12 + 0  # 12 locations, no teams


def test_a_location_beyond_the_filter_list_is_offered_when_the_address_asks_for_it(
    personas, login, monkeypatch
):
    # A group with thousands of locations lists the largest; a small one's page links to
    # the chart filtered by it, and the list must then offer and select it.
    from practiceos.org import chart_view as module

    org = build_org(personas.acme, directors=2, managers_per_director=6, staff_per_manager=2)
    monkeypatch.setattr(module, "FILTER_OPTIONS", 5)
    _, locations, _ = legends(personas.acme.pk)
    listed = {e.id for e in locations.entries}
    small = next(m.location for m in org.managers if m.location_id not in listed)
    client = login("member")
    page = client.get(f"/org/locations/{small.pk}/")
    assert f"?colour=location&amp;location={small.pk}" in page.content.decode()
    body = client.get(f"/org/chart/?colour=location&location={small.pk}").content.decode()
    assert f'<option value="{small.pk}" data-count="3" selected>{small.name} (3)' in body
    assert f'data-location="{small.pk}"' in body
    assert len(re.findall(r'<option value="(\d+)" data-count', body)) == 6  # 5 largest + it
    assert 'id="view-more"' in body and "The lists offer the largest locations" in body
    assert "there is no location" not in body


def test_a_filter_by_a_location_or_team_not_on_the_chart_is_named_and_dropped(
    chart, personas, login
):
    from practiceos.org.models import Location
    from practiceos.tenancy.models import Practice

    other = Practice.objects.create(name="Elsewhere", slug="elsewhere")
    theirs = Location.objects.create(practice=other, name="Their Clinic")
    client = login("member")
    for query, message in (
        (f"location={theirs.pk}", f"location: there is no location {theirs.pk} on this"),
        ("team=987654", "team: there is no team 987654 on this practice&#x27;s chart"),
    ):
        body = client.get(f"/org/chart/?{query}").content.decode()
        assert message in body, query
        assert 'data-location=""' in body and 'data-team=""' in body
        assert "Their Clinic" not in body
    # A team's page links to the chart filtered by it.
    team_page = client.get(reverse("meetings:team", args=[chart.team.pk])).content.decode()
    assert f"?colour=team&amp;team={chart.team.pk}" in team_page


def test_view_is_read_from_the_address_and_bad_values_are_named(chart, login):
    assert chart_view({"colour": "team", "location": "7"}).colour == "team"
    assert chart_view({"colour": "team", "location": "7"}).location == 7
    client = login("member")
    good = client.get(f"/org/chart/?colour=location&team={chart.team.pk}").content.decode()
    assert 'data-colour="location"' in good and f'data-team="{chart.team.pk}"' in good
    assert f'<option value="{chart.team.pk}" data-count="0" selected>' in good
    assert '<ul class="legend-group" data-legend="location" aria-label' in good
    assert 'data-legend="kind" hidden' in good
    assert chart_view({"hide": "1"}).hide and not chart_view({}).hide
    bad = client.get("/org/chart/?colour=rainbow&location=tremont&hide=yes")
    assert bad.status_code == 200
    body = bad.content.decode()
    assert "colour: &#x27;rainbow&#x27; is not one of kind, location, team" in body
    assert "location: &#x27;tremont&#x27; is not a location id" in body
    assert "hide: &#x27;yes&#x27; is not 1 or 0" in body
    assert 'data-colour="kind"' in body and 'data-location=""' in body


def test_lines_list_both_directions_and_skip_archived_seats(chart, login, personas):
    from django.utils import timezone

    from practiceos.org.models import Seat, ServiceLink

    second = Seat.objects.create(practice=personas.acme, name="Surgeon 2", kind="provider")
    ServiceLink.objects.create(
        practice=personas.acme, support_seat=chart.tech_seat, provider_seat=second
    )
    client = login("member")
    data = client.get(f"/org/chart/lines/{chart.tech_seat.pk}/").json()
    assert data == {"serves": [chart.surgeon_seat.pk, second.pk], "served_by": []}
    data = client.get(f"/org/chart/lines/{chart.surgeon_seat.pk}/").json()
    assert data == {"serves": [], "served_by": [chart.tech_seat.pk]}
    Seat.objects.filter(pk=second.pk).update(archived_at=timezone.now())
    assert service_lines(personas.acme.pk, chart.tech_seat.pk)["serves"] == [chart.surgeon_seat.pk]


def test_outsider_gets_404_for_another_practices_lines(chart, login):
    client = login("member")
    assert client.get(f"/org/chart/lines/{chart.other_seat.pk}/").status_code == 404
