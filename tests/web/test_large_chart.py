"""A 10,000-seat group: the chart opens small and wide levels page by 50."""

from __future__ import annotations

import re
import time

import pytest

from practiceos.org.chart import PAGE, SECOND_LEVEL_BUDGET
from tests.web.conftest import build_org

pytestmark = [pytest.mark.slow]

CARD = re.compile(r'<li class="node" data-seat="(\d+)"')
LIMIT = 200 * 1024


@pytest.fixture
def big(personas):
    # owner → 4 regional directors → 250 clinic managers each → 9 staff each: 10,005 seats.
    org = build_org(personas.acme, directors=4, managers_per_director=250, staff_per_manager=9)
    assert org.seat_count == 10_005
    return org


def test_chart_page_of_ten_thousand_seats_stays_small(big, login, django_assert_num_queries):
    client = login("owner")
    started = time.perf_counter()
    # roots, two levels, service links, legends (kinds, 1,000 locations, teams), the latest
    # health run (none)
    with django_assert_num_queries(11):
        response = client.get("/org/chart/")
    elapsed = time.perf_counter() - started
    assert response.status_code == 200
    body = response.content.decode()
    assert len(response.content) < LIMIT
    cards = CARD.findall(body)
    # Owner, 4 directors, and 50 managers under each director that fits the budget.
    expanded = SECOND_LEVEL_BUDGET // PAGE
    assert len(cards) == 1 + 4 + expanded * PAGE
    assert body.count("Show 200 more") == expanded
    # The other directors stay collapsed with their count, ready to load on demand.
    assert f'aria-controls="kids-{big.directors[-1].pk}"' in body
    assert f'id="kids-{big.directors[-1].pk}" hidden' in body
    # No clinic staff is rendered: level three loads on demand.
    assert str(big.staff[0].pk) not in cards
    assert elapsed < 5, f"chart page took {elapsed:.2f}s"


def test_wide_level_shows_fifty_then_pages_on(big, login, django_assert_num_queries):
    client = login("owner")
    director = big.directors[0]
    with django_assert_num_queries(6):
        response = client.get(f"/org/chart/children/{director.pk}/")
    body = response.content.decode()
    assert len(response.content) < LIMIT
    assert len(CARD.findall(body)) == PAGE
    assert "Show 200 more" in body
    assert f"/org/chart/children/{director.pk}/?offset=50" in body

    # A later page is list items only (they replace the button), with a button for the rest.
    middle = client.get(f"/org/chart/children/{director.pk}/?offset=50").content.decode()
    assert middle.lstrip().startswith('<li class="node"')
    assert len(CARD.findall(middle)) == PAGE and "Show 150 more" in middle
    last = client.get(f"/org/chart/children/{director.pk}/?offset=200").content.decode()
    assert len(CARD.findall(last)) == PAGE and "more-btn" not in last

    # All 250 reports appear exactly once across the pages.
    seen = []
    for offset in range(0, 250, PAGE):
        page = client.get(f"/org/chart/children/{director.pk}/?offset={offset}").content.decode()
        seen += CARD.findall(page)
    assert sorted(map(int, seen)) == sorted(m.pk for m in big.managers[:250])


def test_revealing_a_seat_beyond_the_first_page_includes_it(big, login):
    client = login("owner")
    director = big.directors[1]
    last_manager = big.managers[499]
    assert last_manager.reports_to_id == director.pk
    body = client.get(
        f"/org/chart/children/{director.pk}/?focus={last_manager.pk}"
    ).content.decode()
    cards = CARD.findall(body)
    assert len(cards) == PAGE + 1 and cards[-1] == str(last_manager.pk)
    path = client.get(f"/org/chart/path/{big.staff[-1].pk}/").json()["path"]
    assert path == [big.owner_seat.pk, big.directors[-1].pk, big.managers[-1].pk, big.staff[-1].pk]


def test_clinic_with_only_front_line_staff_stacks_in_a_column(big, login):
    body = login("owner").get(f"/org/chart/children/{big.managers[0].pk}/").content.decode()
    assert 'class="children stack"' in body
    assert len(CARD.findall(body)) == 9
    assert "serves: " in body
