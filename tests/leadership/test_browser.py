"""Leadership in a real browser, as a new owner would try it (the issue's "done when").

The owner of a three-location practice starts decision rights from the library, sees
which decisions wait on them, hands three areas to a manager in three clicks; the next
ask from staff goes to that manager; the owner's time chart shows the week's split.
"""

from __future__ import annotations

import os
import re

import pytest

from tests.leadership.conftest import build_sites

pytestmark = [pytest.mark.browser]


def test_owner_hands_over_three_areas_and_the_next_ask_goes_to_the_manager(
    logged_in_page, personas
):
    from practiceos.leadership.models import Ask

    build_sites(personas)
    page = logged_in_page("owner")
    page.get_by_role("link", name="Leadership", exact=True).click()
    page.get_by_role("button", name="Start from the library of common decisions").click()
    page.wait_for_url(re.compile(r"/leadership/decisions/$"))
    assert "10 areas still land on the owner" in page.locator(".callout").inner_text()

    # Owner load lists what waits on the owner and who could take it.
    page.get_by_role("link", name="Owner load").first.click()
    for area in ("Schedule conflicts", "Time off", "Equipment repair"):
        row = page.locator("tr", has=page.get_by_role("link", name=area, exact=True))
        assert "Office Manager Downtown" in row.inner_text()
        with page.expect_navigation():
            row.get_by_role("button", name="Hand over").click()
        assert page.url.endswith("/leadership/load/"), (page.errors, page.content()[:3000])
        assert page.locator("tr", has=page.get_by_role("link", name=area, exact=True)).count() == 0

    _shot(page, "load")

    # The owner records time with quick buttons; the chart shows the week's split.
    page.get_by_role("link", name="Owner time").click()
    with page.expect_navigation():
        page.get_by_role("button", name="Add 60 minutes of leadership today").click()
    with page.expect_navigation():
        page.get_by_role("button", name="Add 30 minutes of management today").click()
    assert page.locator("svg.bars rect.bar-leadership").count() == 1
    assert page.locator("svg.bars rect.bar-management").count() == 1
    assert "leadership 67%" in page.locator("main").inner_text()
    _shot(page, "time")
    assert page.errors == []
    page.context.close()

    # A staff member at Downtown asks about a shift swap: the area is suggested as they
    # type and the ask goes to the Downtown office manager, not the owner.
    staff = logged_in_page("member", width=390)
    staff.goto(staff.url.replace("/org/chart/", "/leadership/asks/"))
    staff.fill("#ask-text", "Can I swap my Friday shift with Jo?")
    staff.locator(".suggestion").wait_for()
    assert staff.locator("#ask-area option:checked").inner_text() == "Schedule conflicts"
    with staff.expect_navigation():
        staff.get_by_role("button", name="Send").click()
    assert "Office Manager Downtown (Mo Manager)" in staff.locator(".messages").inner_text()
    _shot(staff, "asks-phone")
    ask = Ask.objects.get()
    assert ask.to_seat.name == "Office Manager Downtown" and not ask.reached_owner
    assert staff.errors == []


def _shot(page, name: str) -> None:
    """A full-page screenshot when PRACTICEOS_SCREENSHOT_DIR names a directory (for review)."""
    folder = os.environ.get("PRACTICEOS_SCREENSHOT_DIR")
    if folder:
        page.screenshot(path=os.path.join(folder, f"leadership-{name}.png"), full_page=True)
