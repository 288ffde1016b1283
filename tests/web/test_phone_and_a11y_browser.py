"""Phones and accessibility in a real browser: the main pages at 390 px wide (no
sideways scrolling, the menu behind a button) and axe-core on every main page (no
serious or critical violations). axe-core comes bundled with axe-playwright-python: no
download."""

from __future__ import annotations

import pytest

pytestmark = [pytest.mark.browser]

# The elements that stick out past the viewport (for the failure message).
WIDEST = """[...document.querySelectorAll('body *')]
  .filter(e => e.getBoundingClientRect().right > window.innerWidth + 2)
  .slice(0, 4).map(e => e.tagName + '.' + e.className + ' ' + Math.round(e.getBoundingClientRect().right))"""

MAIN_PAGES = [
    "/",
    "/org/chart/",
    "/org/people/",
    "/org/locations/",
    "/org/teams/",
    "/org/roles/",
    "/health/",
    "/audit/",
    "/account/members/",
    "/account/tokens/",
    "/account/invitations/",
    "/help/",
    "/help/security/",
    "/practice/new/",
]


def test_main_pages_fit_a_phone_and_the_menu_opens(logged_in_page, chart, personas, live_server):
    from practiceos.health.services import run_health_check

    run_health_check(personas.owner, personas.acme)
    page = logged_in_page("owner", width=390)
    too_wide = {}
    for path in MAIN_PAGES:
        page.goto(f"{live_server.url}{path}")
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > 392:
            too_wide[path] = (width, page.evaluate(WIDEST))
    assert too_wide == {}, "\n".join(f"{k}: {v}" for k, v in too_wide.items())
    nav = page.locator("#mainnav")
    assert not nav.is_visible()
    page.click("button[data-menu-toggle]")
    assert nav.is_visible() and page.locator("#mainnav a", has_text="Members").is_visible()
    assert page.get_attribute("button[data-menu-toggle]", "aria-expanded") == "true"
    assert page.errors == []


def test_main_pages_pass_axe_core(logged_in_page, chart, personas, live_server):
    from axe_playwright_python.sync_playwright import Axe

    from practiceos.health.services import run_health_check

    run_health_check(personas.owner, personas.acme)
    axe = Axe()
    page = logged_in_page("owner")
    problems = {}
    for path in [*MAIN_PAGES, f"/org/seats/{chart.tech_seat.pk}/", f"/org/people/{chart.bob.pk}/"]:
        page.goto(f"{live_server.url}{path}")
        results = axe.run(page)
        serious = [
            f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes']][:3]}"
            for v in results.response["violations"]
            if v.get("impact") in ("serious", "critical")
        ]
        if serious:
            problems[path] = serious
    anonymous = page.context.browser.new_context().new_page()
    for path in ["/login/", "/password-reset/"]:
        anonymous.goto(f"{live_server.url}{path}")
        results = axe.run(anonymous)
        serious = [
            v["id"]
            for v in results.response["violations"]
            if v.get("impact") in ("serious", "critical")
        ]
        if serious:
            problems[path] = serious
    anonymous.context.close()
    assert problems == {}, "\n".join(f"{k}: {v}" for k, v in problems.items())
    assert page.errors == []


def test_page_help_shows_on_the_first_visit_hides_when_dismissed_and_reopens(
    logged_in_page, chart, personas, live_server
):
    from axe_playwright_python.sync_playwright import Axe

    page = logged_in_page("owner", then="/org/chart/")
    panel, opener = page.locator("#page-help"), page.locator("button[data-help-open]")
    assert panel.is_visible()
    assert "one box per seat" in panel.inner_text()
    assert opener.get_attribute("aria-expanded") == "true"
    # axe with the panel open: no serious or critical violations.
    results = Axe().run(page)
    serious = [
        v["id"]
        for v in results.response["violations"]
        if v.get("impact") in ("serious", "critical")
    ]
    assert serious == []
    page.click("button[data-help-dismiss]")
    assert not panel.is_visible()
    assert opener.get_attribute("aria-expanded") == "false"
    # Remembered: the next visit starts hidden; another page still shows its own help.
    page.reload()
    assert not page.locator("#page-help").is_visible()
    page.goto(f"{live_server.url}/org/people/")
    assert page.locator("#page-help").is_visible()
    page.goto(f"{live_server.url}/org/chart/")
    assert not page.locator("#page-help").is_visible()
    # "?" opens it again and moves focus to it; "?" again closes it.
    page.click("button[data-help-open]")
    assert page.locator("#page-help").is_visible()
    assert page.evaluate("document.activeElement.id") == "page-help-title"
    page.click("button[data-help-open]")
    assert not page.locator("#page-help").is_visible()
    # Another person in the same browser gets their own first visit.
    page.context.clear_cookies()
    from tests.browser_helpers import log_in

    log_in(page, live_server.url, "admin", then="/org/chart/")
    assert page.locator("#page-help").is_visible()
    assert page.errors == []
