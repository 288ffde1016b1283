"""The chart in a real browser: log in, expand a subtree, find a person, open a seat."""

from __future__ import annotations

import os
import re

import pytest

from tests.web.conftest import build_org

pytestmark = [pytest.mark.browser]


def test_owner_logs_in_explores_the_chart_finds_a_person_and_opens_a_seat(
    logged_in_page, chart, personas
):
    org = build_org(
        personas.acme,
        directors=2,
        managers_per_director=3,
        staff_per_manager=6,
        root=chart.owner_seat,
    )

    # Log in through the form as the owner; the home page is the chart.
    page = logged_in_page("owner")

    # The top seat is drawn, with its two levels of reports; level three is collapsed.
    top = page.locator(f"#seat-{chart.owner_seat.pk}")
    assert top.locator(".seat-name").inner_text() == "Owner"
    assert "Alice Owner" in top.inner_text()
    assert page.locator(f"#seat-{org.directors[0].pk}").is_visible()
    manager = org.managers[0]
    first_staff = org.staff[0]
    assert page.locator(f"#seat-{manager.pk}").is_visible()
    assert page.locator(f"#seat-{first_staff.pk}").count() == 0

    if os.environ.get("PRACTICEOS_SCREENSHOT"):
        page.screenshot(path=os.environ["PRACTICEOS_SCREENSHOT"])

    # Expanding a collapsed manager fetches its reports and shows them.
    toggle = page.locator(f"#seat-{manager.pk} > button.toggle")
    assert toggle.get_attribute("aria-expanded") == "false"
    assert toggle.locator(".toggle-count").inner_text() == "6"
    toggle.click()
    page.locator(f"#seat-{first_staff.pk}").wait_for(state="visible")
    assert toggle.get_attribute("aria-expanded") == "true"
    # Collapsing hides them again without a round trip.
    toggle.click()
    page.locator(f"#seat-{first_staff.pk}").wait_for(state="hidden")

    if os.environ.get("PRACTICEOS_SCREENSHOT"):
        toggle.click()
        page.locator(f"#seat-{first_staff.pk}").wait_for(state="visible")
        page.screenshot(path=os.environ["PRACTICEOS_SCREENSHOT"].replace(".png", "-open.png"))
        toggle.click()

    # Find a person deep in a collapsed subtree: the chart opens the way down to them.
    deep_seat = org.staff[-1]
    person = deep_seat.assignments.get().person
    page.fill("#find-q", person.name)
    hit = page.locator("#find-results [data-reveal]", has_text=person.name)
    hit.first.wait_for()
    hit.first.click()
    card = page.locator(f"#seat-{deep_seat.pk}")
    card.wait_for(state="visible")
    page.wait_for_function(
        f"document.querySelector('#seat-{deep_seat.pk}').classList.contains('is-focus')"
    )
    # Once the pan settles the card is on screen, below the toolbar.
    page.wait_for_function(
        f"""() => {{
            const r = document.querySelector('#seat-{deep_seat.pk}').getBoundingClientRect();
            const v = document.querySelector('#chart-viewport').getBoundingClientRect();
            return r.left >= v.left && r.right <= v.right && r.top >= v.top && r.bottom <= v.bottom;
        }}"""
    )

    if os.environ.get("PRACTICEOS_SCREENSHOT"):
        page.screenshot(path=os.environ["PRACTICEOS_SCREENSHOT"].replace(".png", "-found.png"))

    # Clicking a card opens its seat page.
    card.locator(".seat-link").click()
    page.wait_for_url(re.compile(rf"/org/seats/{deep_seat.pk}/$"))
    assert page.locator("h1").inner_text() == deep_seat.name
    assert person.name in page.locator(".page-head").inner_text()
    assert page.errors == []
