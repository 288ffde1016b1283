"""The chart's interactive parts in a real browser: keyboard alone (a tree of seats that
announces each one), colour and filter by location and team (kept in the address), service
lines on demand, the landing view fitting the top of the chart, printing on one page, the
legend folding on a phone, and axe-core in each of those states."""

from __future__ import annotations

import re

import pytest

from tests.web.conftest import build_org

pytestmark = [pytest.mark.browser]

ANNOUNCED = "document.getElementById('chart-announce').textContent"
WIDEST = """[...document.querySelectorAll('body *')]
  .filter(e => e.getBoundingClientRect().right > window.innerWidth + 2)
  .slice(0, 6).map(e => e.tagName + '.' + e.className + ' ' + Math.round(e.getBoundingClientRect().right))"""
FOCUSED_SEAT = "document.activeElement && document.activeElement.dataset.seat"


@pytest.fixture
def org(chart, personas):
    """The small chart plus 2 directors x 2 clinics x 4 staff under the owner; the clinic
    staff are in two teams and one service line reaches into a collapsed clinic."""
    from practiceos.org.models import ServiceLink, Team

    org = build_org(
        personas.acme,
        directors=2,
        managers_per_director=2,
        staff_per_manager=4,
        root=chart.owner_seat,
    )
    front = Team.objects.create(
        practice=personas.acme, name="Front Desk", manager_seat=org.managers[0]
    )
    clinical = Team.objects.create(
        practice=personas.acme, name="Clinical", manager_seat=org.managers[1]
    )
    for seat in org.staff:
        seat.team = front if seat.kind == "administrative" else clinical
        seat.save(update_fields=["team"])
    # The scrub tech also serves a dentist in a clinic the opening view keeps folded.
    far_dentist = next(s for s in org.staff if s.kind == "provider")
    ServiceLink.objects.create(
        practice=personas.acme, support_seat=chart.tech_seat, provider_seat=far_dentist
    )
    org.front, org.clinical, org.far_dentist = front, clinical, far_dentist
    return org


def _serious(page):
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page)
    return [
        f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes']][:3]}"
        for v in results.response["violations"]
        if v.get("impact") in ("serious", "critical")
    ]


def _tab_into_tree(page):
    page.focus("#find-q")
    for _ in range(20):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.getAttribute('role')") == "treeitem":
            return
    raise AssertionError("Tab never reached a seat of the chart")


def _wait(page, expression):
    """Wait until ``expression`` is true (a function, not a string: the page's content
    security policy refuses the eval Playwright uses for a bare expression)."""
    page.wait_for_function(f"() => ({expression})")


def _announced(page, text):
    _wait(page, f"{ANNOUNCED} === {text!r}")


def _returning(page):
    """The chart as a returning user sees it: the first-visit "About this page" help is
    hidden (it stays hidden once dismissed) and the page reloaded, so the chart has the
    whole window, as these tests' layouts assume."""
    dismiss = page.locator("[data-help-dismiss]")
    if dismiss.is_visible():
        dismiss.click()
        page.reload()
        page.wait_for_selector("#kids-root")
    return page


def test_the_chart_works_by_keyboard_alone_and_announces_each_seat(
    logged_in_page, chart, org, live_server
):
    page = _returning(logged_in_page("owner"))
    _tab_into_tree(page)
    assert page.evaluate(FOCUSED_SEAT) == str(chart.owner_seat.pk)
    # Owner has the practice manager, the surgeon and two directors below.
    _announced(page, "Owner — Downtown, held by Alice Owner, 4 reports")
    owner = page.locator(f"li[data-seat='{chart.owner_seat.pk}']")
    assert owner.get_attribute("aria-level") == "1"
    assert owner.get_attribute("aria-expanded") == "true"
    assert page.locator("ul.roots").get_attribute("role") == "tree"
    # The focused card has a visible ring.
    ring = page.evaluate(
        "getComputedStyle(document.activeElement.querySelector('.seat')).outlineStyle"
    )
    assert ring == "solid"

    # Down: the first report (managers first, then by name).
    page.keyboard.press("ArrowDown")
    assert page.evaluate(FOCUSED_SEAT) == str(chart.manager_seat.pk)
    _announced(page, "Practice Manager — Downtown, vacant, 1 report")
    assert (
        page.locator(f"li[data-seat='{chart.manager_seat.pk}']").get_attribute("aria-level") == "2"
    )
    # Right and left: the neighbours; up: the manager.
    page.keyboard.press("ArrowRight")
    director = org.directors[0]
    assert page.evaluate(FOCUSED_SEAT) == str(director.pk)
    page.keyboard.press("ArrowLeft")
    assert page.evaluate(FOCUSED_SEAT) == str(chart.manager_seat.pk)
    page.keyboard.press("ArrowUp")
    assert page.evaluate(FOCUSED_SEAT) == str(chart.owner_seat.pk)

    # Down into a director, down into its first clinic manager (loaded, reports folded).
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowDown")
    manager = org.managers[0]
    assert page.evaluate(FOCUSED_SEAT) == str(manager.pk)
    item = page.locator(f"li[data-seat='{manager.pk}']")
    assert item.get_attribute("aria-expanded") == "false"
    assert item.get_attribute("aria-level") == "3"
    # Space expands (fetching the reports); Space again folds.
    page.keyboard.press(" ")
    first_staff = org.staff[0]
    page.locator(f"#seat-{first_staff.pk}").wait_for(state="visible")
    assert item.get_attribute("aria-expanded") == "true"
    page.keyboard.press(" ")
    page.locator(f"#seat-{first_staff.pk}").wait_for(state="hidden")
    assert item.get_attribute("aria-expanded") == "false"
    # Down on a folded manager opens it and lands on the first report, at level 4.
    page.keyboard.press("ArrowDown")
    _wait(page, f"{FOCUSED_SEAT} === '{first_staff.pk}'")
    assert page.locator(f"li[data-seat='{first_staff.pk}']").get_attribute("aria-level") == "4"
    _wait(page, f"{ANNOUNCED}.startsWith({first_staff.name + ' — Clinic 0001, '!r})")
    assert _serious(page) == []
    # Enter opens the seat.
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(rf"/org/seats/{first_staff.pk}/$"))
    assert page.errors == []


def test_colour_by_location_with_its_legend_and_filter_kept_in_the_address(
    logged_in_page, chart, org, live_server
):
    page = _returning(logged_in_page("owner"))
    page.select_option("#view-colour", "location")
    legend = page.locator("[data-legend=location]")
    assert legend.is_visible() and not page.locator("[data-legend=kind]").is_visible()
    # Each card takes its location's colour from the legend.
    colours = {
        item.get_attribute("data-group"): item.get_attribute("data-colour")
        for item in legend.locator("[data-group]").all()
    }
    clinic = org.locations[0]
    assert str(clinic.pk) in colours and str(chart.downtown.pk) in colours
    assert len(set(colours.values())) == len(colours)
    manager_card = page.locator(f"#seat-{org.managers[0].pk}")
    assert f"pc-{colours[str(clinic.pk)]}" in manager_card.get_attribute("class")
    owner_card = page.locator(f"#seat-{chart.owner_seat.pk}")
    assert f"pc-{colours[str(chart.downtown.pk)]}" in owner_card.get_attribute("class")
    assert "Downtown" in legend.inner_text() and "Clinic 0001" in legend.inner_text()
    assert "colour=location" in page.url

    # Filter to one clinic (its director, its manager and 4 staff, who are folded away):
    # its seats stand out, the others are greyed.
    page.select_option("#view-location", str(clinic.pk))
    assert f"location={clinic.pk}" in page.url
    assert "is-match" in manager_card.get_attribute("class")
    assert "is-dimmed" in owner_card.get_attribute("class")
    status = page.locator("#filter-status").inner_text()
    assert status.startswith("Showing Clinic 0001: 2 matching seats on the chart of 6")
    assert _serious(page) == []

    # The address reproduces the view.
    page.goto(page.url)
    assert page.locator("#view-colour").input_value() == "location"
    assert page.locator("#view-location").input_value() == str(clinic.pk)
    _wait(
        page,
        f"document.getElementById('seat-{chart.owner_seat.pk}').classList.contains('is-dimmed')",
    )

    # "Hide others": seats with no match at or below them go; the owner (above the clinic)
    # stays greyed, the other director and the surgeon go, and the address says so.
    page.check("#view-hide")
    assert "hide=1" in page.url
    assert not page.locator(f"#seat-{org.directors[1].pk}").is_visible()
    assert not page.locator(f"#seat-{chart.surgeon_seat.pk}").is_visible()
    assert page.locator(f"#seat-{chart.owner_seat.pk}").is_visible()
    assert page.locator(f"#seat-{org.managers[0].pk}").is_visible()
    assert page.locator("#filter-status").inner_text().endswith("the others are hidden.")
    page.goto(page.url)
    assert page.locator("#view-hide").is_checked()
    assert not page.locator(f"#seat-{org.directors[1].pk}").is_visible()
    page.uncheck("#view-hide")
    assert page.locator(f"#seat-{org.directors[1].pk}").is_visible()

    # Colour by team: the clinic staff show their team; the legend lists the teams.
    page.select_option("#view-location", "")
    page.select_option("#view-colour", "team")
    team_legend = page.locator("[data-legend=team]")
    assert "Clinical" in team_legend.inner_text() and "No team" in team_legend.inner_text()
    page.locator(f"#seat-{org.managers[0].pk} > button.toggle").click()
    staff_card = page.locator(f"#seat-{org.staff[0].pk}")
    staff_card.wait_for(state="visible")
    # Cards loaded later are coloured too (painted just after they are inserted, so wait
    # for it), and say their team in words.
    from playwright.sync_api import expect

    expect(staff_card).to_have_class(re.compile(r"\bpc-\d\b"))
    assert staff_card.locator(".seat-team").inner_text() in ("Team: Clinical", "Team: Front Desk")
    assert _serious(page) == []
    assert "location=" not in page.url and "colour=team" in page.url
    assert page.errors == []


def test_service_lines_are_drawn_on_demand_and_say_what_is_not_shown(
    logged_in_page, chart, org, live_server
):
    page = _returning(logged_in_page("owner"))
    assert page.locator("#lines-layer path").count() == 0
    page.locator(f"#seat-{chart.tech_seat.pk} .lines-toggle").click()
    page.locator("#lines-layer path").first.wait_for(state="attached")
    # The surgeon is on screen; the dentist in a folded clinic is counted, not drawn.
    paths = page.locator("#lines-layer path")
    assert paths.count() == 1
    assert paths.first.get_attribute("data-to") == str(chart.surgeon_seat.pk)
    assert "line-serves" in paths.first.get_attribute("class")
    assert "is-linked" in page.locator(f"#seat-{chart.surgeon_seat.pk}").get_attribute("class")
    text = page.locator("#lines-status").inner_text()
    assert "Surgical Technologist 1 serves 2 seats: 1 line drawn, 1 not shown" in text
    assert _serious(page) == []
    # Opening the folded clinic draws the second line.
    manager = next(m for m in org.managers if m.pk == org.far_dentist.reports_to_id)
    page.locator(f"#seat-{manager.pk} > button.toggle").click()
    _wait(page, "document.querySelectorAll('#lines-layer path').length === 2")
    # The same toggle hides them; the keyboard's L shows them from the provider's side.
    page.locator(f"#seat-{chart.tech_seat.pk} .lines-toggle").click()
    _wait(page, "document.querySelectorAll('#lines-layer path').length === 0")
    page.locator(f"li[data-seat='{chart.surgeon_seat.pk}']").focus()
    page.keyboard.press("l")
    _wait(page, "document.querySelectorAll('#lines-layer path.line-served-by').length === 1")
    _wait(page, f"{ANNOUNCED}.includes('is served by 1')")
    assert page.errors == []


@pytest.mark.parametrize("width", [1440, 390])
def test_the_landing_view_fits_the_top_of_the_chart_and_fit_shows_it_all(
    logged_in_page, chart, org, live_server, width
):
    page = _returning(logged_in_page("owner", width=width))
    inside = """(level) => {
        const v = document.getElementById('chart-viewport').getBoundingClientRect();
        return [...document.querySelectorAll('li.node')]
          .filter(li => Number(li.getAttribute('aria-level')) <= level && li.offsetParent)
          .map(li => li.querySelector('.seat').getBoundingClientRect())
          .every(r => r.left >= v.left - 1 && r.right <= v.right + 1 && r.top >= v.top - 1);
    }"""
    # The top seat and its reports are whole on screen, nothing cut off at either edge.
    assert page.evaluate(inside, 2)
    top = page.locator(f"#seat-{chart.owner_seat.pk}").bounding_box()
    assert top["y"] + top["height"] <= 900
    page.click("button[data-zoom=in]")
    page.click("button[data-zoom=in]")
    page.click("button[data-zoom=fit]")
    page.wait_for_timeout(450)  # the fit animates for .35 s
    assert page.evaluate(inside, 99)
    assert page.errors == []


def test_a_phone_opens_the_chart_at_a_readable_size_with_wide_reports_folded(
    logged_in_page, chart, org, live_server
):
    # Fitted across 390 px with every opened level, the cards shrank to about a third
    # of their size; the second level's open reports are folded first instead.
    page = _returning(logged_in_page("owner", width=390))
    assert page.evaluate("window.practiceosChart.view.s") >= 0.5
    folded = page.locator(
        "li.node[aria-level='1'][aria-expanded='false'], li.node[aria-level='2'][aria-expanded='false']"
    )
    assert folded.count() >= 1
    # A tap on a folded seat's count opens its reports again.
    director = page.locator(f"li.node[data-seat='{org.directors[0].pk}']")
    if not director.is_visible():
        page.locator(f"#seat-{chart.owner_seat.pk} > button.toggle").click()
    toggle = page.locator(f"#seat-{org.directors[0].pk} > button.toggle")
    assert toggle.get_attribute("aria-expanded") == "false"
    toggle.click()
    page.locator(f"#seat-{org.managers[0].pk}").wait_for(state="visible")
    assert toggle.get_attribute("aria-expanded") == "true"
    # A wide window keeps what the server opened.
    wide = _returning(logged_in_page("owner", width=1440))
    assert wide.locator(f"#seat-{org.managers[0].pk}").is_visible()
    assert page.errors == [] and wide.errors == []


@pytest.mark.parametrize("width", [1440, 390])
def test_on_a_first_visit_the_canvas_stays_usable_and_the_zoom_clears_the_help_button(
    logged_in_page, chart, org, live_server, width
):
    page = logged_in_page("owner", width=width)  # first visit: "About this page" is shown
    assert page.locator("#page-help").is_visible()
    canvas = "document.getElementById('chart-viewport').getBoundingClientRect().height"
    assert page.evaluate(canvas) >= 300
    page.evaluate("window.scrollTo(0, document.documentElement.scrollHeight)")
    zoom = page.locator(".chart-zoom").bounding_box()
    help_button = page.locator("[data-help-open]").bounding_box()
    apart = (
        zoom["x"] + zoom["width"] <= help_button["x"]
        or help_button["x"] + help_button["width"] <= zoom["x"]
        or zoom["y"] + zoom["height"] <= help_button["y"]
        or help_button["y"] + help_button["height"] <= zoom["y"]
    )
    assert apart, (zoom, help_button)
    assert zoom["x"] >= 0 and zoom["x"] + zoom["width"] <= width
    # Hiding the help gives its room to the chart at once, without a reload: the chart
    # reaches the window's bottom edge, no empty band below it.
    page.evaluate("window.scrollTo(0, 0)")
    page.click("[data-help-dismiss]")
    page.wait_for_function(
        "() => document.getElementById('chart').getBoundingClientRect().bottom"
        " >= window.innerHeight - 1"
    )
    assert page.evaluate(canvas) >= 300
    assert page.errors == []


def test_the_chart_prints_on_one_landscape_page_with_its_legend(
    logged_in_page, chart, org, live_server
):
    page = _returning(logged_in_page("owner"))
    page.locator(f"#seat-{org.managers[0].pk} > button.toggle").click()
    page.locator(f"#seat-{org.staff[0].pk}").wait_for(state="visible")
    page.wait_for_timeout(100)
    page.emulate_media(media="print")
    assert not page.locator(".topbar").is_visible()
    assert not page.locator(".chart-zoom").is_visible()
    assert not page.locator("#chart-view").is_visible()
    assert page.locator("#chart-legend").is_visible()
    assert page.locator("[data-legend=kind]").is_visible()
    # Landscape Letter/A4 less margins is about 990 px wide: the whole chart fits in it.
    box = page.evaluate("""(() => {
        const r = document.querySelector('ul.roots').getBoundingClientRect();
        return {left: r.left, right: r.right, width: r.width};
    })()""")
    assert box["left"] >= 0 and box["width"] <= 990
    assert page.locator(f"#seat-{org.staff[0].pk}").is_visible()
    assert _serious(page) == []
    pdf = page.pdf(prefer_css_page_size=True, print_background=True)
    pages = len(re.findall(rb"/Type\s*/Page\b(?!s)", pdf))
    assert pages == 1
    assert page.errors == []


def test_the_legend_folds_on_a_phone(logged_in_page, chart, org, live_server):
    page = _returning(logged_in_page("owner", width=390))
    toggle = page.locator("#legend-toggle")
    assert toggle.get_attribute("aria-expanded") == "false"
    assert not page.locator("#legend-body").is_visible()
    assert _serious(page) == []
    toggle.click()
    assert toggle.get_attribute("aria-expanded") == "true"
    assert page.locator("[data-legend=kind]").is_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 392, page.evaluate(WIDEST)
    assert _serious(page) == []
    toggle.click()
    assert not page.locator("#legend-body").is_visible()
    assert page.errors == []


def test_keyboard_loads_more_seats_and_opens_findings(logged_in_page, chart, personas, live_server):
    from practiceos.health.services import run_health_check
    from practiceos.org.models import Seat

    Seat.objects.bulk_create(
        Seat(
            practice=personas.acme,
            name=f"Front Desk {i:03d}",
            kind="administrative",
            reports_to=chart.manager_seat,
        )
        for i in range(53)
    )
    run_health_check(personas.owner, personas.acme)
    page = _returning(logged_in_page("owner"))
    manager = page.locator(f"li[data-seat='{chart.manager_seat.pk}']")
    manager.focus()
    # Down opens the practice manager's 54 reports (50 loaded) on the first of them.
    page.keyboard.press("ArrowDown")
    _wait(page, "document.activeElement.getAttribute('aria-level') === '3'")
    for _ in range(50):
        page.keyboard.press("ArrowRight")
    assert page.evaluate("document.activeElement.classList.contains('more')")
    _announced(page, "4 more seats here: press Enter to load them")
    page.keyboard.press("Enter")
    # The next page arrives and focus lands on its first seat, not on the page's body.
    _wait(page, "document.activeElement.dataset.seat !== undefined")
    # (The first page held the scrub tech and Front Desk 000-048.)
    name = page.evaluate("document.activeElement.querySelector('.seat-name').textContent")
    assert name == "Front Desk 049"
    # H opens the findings of a flagged seat (the marker itself is out of the tab order).
    flagged = page.locator("li.node:has(> .seat > a.flag)").first
    flagged.focus()
    page.keyboard.press("h")
    page.wait_for_url(re.compile(r"/health/\?seat=\d+"))
    assert page.errors == []
