"""The card editor in a real browser: a section edited in place at phone width, a refused
target shown beside the form, the saved value on the page without a reload."""

from __future__ import annotations

import pytest

from practiceos.org.models import Role

pytestmark = [pytest.mark.browser]


def test_owner_edits_expectations_in_place_at_phone_width(logged_in_page, live_server, personas):
    role = Role.objects.create(practice=personas.acme, title="Scrub Tech", kind="support")
    page = logged_in_page("owner", width=390, timeout=15_000)
    page.goto(f"{live_server.url}/role-cards/{role.pk}/")
    page.evaluate("window.__marker = 'no reload'")  # gone if the page reloads

    section = page.locator("#section-expectations")
    section.locator("text=Edit").click()
    section.locator('input[name="measurable"]').first.fill("Turnover time")
    section.locator('select[name="unit"]').first.select_option("minutes")
    section.locator('select[name="direction"]').first.select_option("at_most")
    section.locator('input[name="junior"]').first.fill("thirty")
    section.locator('input[name="senior"]').first.fill("25")
    section.locator('input[name="lead"]').first.fill("20")
    section.locator("button[type=submit]").click()
    problem = page.locator("#section-expectations .form-problems")
    problem.wait_for()
    assert "'thirty' is not a number" in problem.inner_text()

    page.locator('#section-expectations input[name="junior"]').first.fill("30")
    page.locator("#section-expectations button[type=submit]").click()
    page.locator("#section-expectations .rc-saved").wait_for()
    table = page.locator("#section-expectations table").inner_text()
    assert "Turnover time" in table and "30" in table and "20" in table
    assert page.evaluate("window.__marker") == "no reload"
    role.refresh_from_db()
    assert {e.target for e in role.card().expectations} == {30, 25, 20}
    assert page.errors == []
