"""Hiring in a real browser: the practice manager opens a plan from a vacant dental
assistant seat, adds two candidates, scores both, compares them side by side and hires
one; the seat is filled and the onboarding checklist started."""

from __future__ import annotations

import pytest

pytestmark = [pytest.mark.browser]


def _score(page, first: str, fits: str) -> None:
    page.locator("input[name=mark_1][value='" + first + "']").check()
    page.locator("input[name=mark_2][value='+/-']").check()
    for key in ("gets_it", "wants_it", "capacity"):
        page.locator(f"input[name={key}][value={fits}]").check()
    page.fill("#id_notes", "Asked about sterilisation")
    page.get_by_role("button", name="Record scores").click()
    page.get_by_text("Scores recorded.").wait_for()


def test_a_manager_hires_a_dental_assistant_for_values_and_seat_fit(
    logged_in_page, live_server, hiring, chart, personas
):
    from practiceos.hiring.models import HiringPlan
    from practiceos.org.models import Assignment
    from practiceos.processes.services import adopt_template

    adopt_template(
        actor=personas.owner,
        template_id="general-hiring-onboarding",
        owner_seat=chart.manager_seat.pk,
    )
    page = logged_in_page("manager", then=f"/org/seats/{hiring.seat.pk}/", timeout=30_000)
    page.get_by_role("link", name="Open a hiring plan").click()
    page.select_option("#id_level", "junior")
    page.get_by_role("button", name="Open the hiring plan").click()
    page.get_by_role("heading", name="Interview kit").wait_for()
    assert page.get_by_text("Room turnover at most 10 minutes").count() >= 1
    for name in ("Ann Assistant", "Ben Assistant"):
        page.goto(f"{live_server.url}/hiring/plans/{HiringPlan.objects.get().pk}/")
        page.fill("#id_name", name)
        page.get_by_role("button", name="Add candidate").click()
        page.get_by_role("heading", name=name).wait_for()
        _score(
            page, "+" if name.startswith("Ann") else "-", "yes" if name.startswith("Ann") else "no"
        )
    page.get_by_role("link", name="Side by side").first.click()
    grid = page.locator("#side-by-side")
    grid.wait_for()
    assert "Ann Assistant" in grid.inner_text() and "Ben Assistant" in grid.inner_text()
    assert page.locator("#side-by-side svg").count() == 4
    page.get_by_role("button", name="Hire Ann Assistant").click()
    page.locator("#onboarding").wait_for()
    assert "Onboarding started" in page.locator("#onboarding").inner_text()
    assignment = Assignment.objects.get(seat=hiring.seat)
    assert assignment.person.name == "Ann Assistant"
    assert HiringPlan.objects.get().onboarding_run is not None
    assert not page.errors, page.errors
