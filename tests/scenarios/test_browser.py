"""The scenario feature in real headless Chromium: from the health report to a published
chart, dragging a seat in the scenario's chart, and the page at phone width."""

from __future__ import annotations

import re

import pytest

from practiceos.org.models import Seat
from practiceos.scenarios.models import Scenario

pytestmark = pytest.mark.browser


def test_owner_tries_every_fix_drags_a_seat_and_publishes(
    logged_in_page, live_server, personas, surgical
):
    base = live_server.url
    page = logged_in_page("owner", width=1280, timeout=15_000)
    page.goto(f"{base}/health/")
    with page.expect_navigation():
        page.click("text=Try every fix in a scenario")
    page.wait_for_url(re.compile(r"/scenarios/\d+/$"))
    after = page.locator("#scenario-after")
    assert after.locator(".seat.mark-new").count() >= 1
    assert "Support Services Manager" in after.inner_text()

    # Drag the front desk onto the owner in the scenario's chart: a hand edit, which
    # replaces the fix's move of the same seat (under the proposed location manager).
    scenario = Scenario.objects.get()
    count = len(scenario.changes)
    owner_pk = str(Seat.objects.get(practice=personas.acme, name="Owner").pk)
    desk = after.locator(".seat[data-seat-name='Front Desk']")
    owner = after.locator(".seat[data-seat-name='Owner']")
    with page.expect_navigation():
        desk.drag_to(owner)
    scenario.refresh_from_db()
    assert len(scenario.changes) == count
    assert scenario.changes[-1]["action"] == "move_reporting_line"
    assert scenario.changes[-1]["new_manager"] == owner_pk
    assert (
        page.locator("#scenario-after .seat[data-seat-name='Front Desk'].mark-moved").count() == 1
    )

    # Create a vacant seat with the form: only the fields a new seat needs are shown.
    page.select_option("#edit-action", "create")
    assert page.locator("input[name=person]").is_hidden()
    page.fill("input[name=name]", "Patient Coordinator")
    page.select_option("select[name=kind]", "administrative")
    page.fill("input[name=manager]", "Practice Manager")
    with page.expect_navigation():
        page.click("#edit-form button[type=submit]")
    new_card = page.locator("#scenario-after .seat.mark-new[data-seat-name='Patient Coordinator']")
    assert new_card.count() == 1 and "Vacant" in new_card.inner_text()

    with page.expect_navigation():
        page.click("#publish")
    assert "Published" in page.locator("h2").first.inner_text()
    desk_row = Seat.objects.get(practice=personas.acme, name="Front Desk")
    assert desk_row.reports_to.name == "Owner"
    coordinator = Seat.objects.get(practice=personas.acme, name="Patient Coordinator")
    assert coordinator.reports_to.name == "Practice Manager"
    assert page.errors == []


def test_the_comparison_is_usable_at_phone_width(logged_in_page, live_server, personas, surgical):
    page = logged_in_page("owner", width=390)
    page.goto(f"{live_server.url}/health/")
    with page.expect_navigation():
        page.locator("text=Try in a scenario").first.click()
    # One column: the scenario's chart sits below today's, and the page does not scroll sideways.
    today = page.locator(".scenario-side").first.bounding_box()
    scenario = page.locator("#scenario-after").bounding_box()
    assert scenario["y"] > today["y"]
    # The main area fits the phone (the charts scroll inside their own boxes).
    main = page.evaluate("document.querySelector('main').scrollWidth")
    assert main <= 390, page.evaluate("document.documentElement.scrollWidth")
    assert page.errors == []
