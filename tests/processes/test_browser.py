"""Core processes in a real browser, at phone width: a manager starts patient check-in
from the library, runs it as a checklist and ticks steps through htmx."""

from __future__ import annotations

import pytest

pytestmark = [pytest.mark.browser]


def test_a_manager_documents_check_in_and_runs_it_at_phone_width(
    logged_in_page, live_server, chart
):
    from practiceos.processes.models import ChecklistRun, Process

    page = logged_in_page("manager", width=390)
    page.goto(f"{live_server.url}/processes/")
    assert page.locator("h1").inner_text() == "Core processes"
    page.select_option("#id_template", "general-patient-check-in")
    page.select_option("#id_owner_seat", str(chart.manager_seat.pk))
    page.get_by_role("button", name="Start from this template").click()
    page.get_by_role("button", name="Save").click()
    page.get_by_role("heading", name="Steps").wait_for()
    process = Process.objects.get()
    page.fill("#id_subject", "Mrs K")
    page.get_by_role("button", name="Start the checklist").click()
    page.get_by_text("0 of 5 steps done").wait_for()
    page.locator("#step-1 button").click()
    page.get_by_text("1 of 5 steps done").wait_for()
    page.locator("#step-2 button").click()
    page.get_by_text("2 of 5 steps done").wait_for()
    run = ChecklistRun.objects.get(process=process)
    assert run.done == 2 and run.ticks[0]["name"] == "manager"
    # Ticked in place by htmx: the page never navigated to the tick URL.
    assert page.url.endswith(f"/processes/runs/{run.pk}/"), page.url
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 400, width
    for path in ("/processes/", f"/processes/{process.pk}/", f"/processes/{process.pk}/edit/"):
        page.goto(f"{live_server.url}{path}")
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 400, (path, width)
    assert not page.errors, page.errors
