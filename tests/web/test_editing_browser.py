"""Editing in a real browser: the owner adds a seat under a manager with the picker."""

from __future__ import annotations

import re

import pytest

from practiceos.org.models import Seat
from tests.web.conftest import build_org

pytestmark = [pytest.mark.browser]


def test_owner_creates_a_seat_under_a_manager_with_the_picker_and_sees_it_on_the_chart(
    logged_in_page, chart, personas
):
    # Enough seats that the picker has to search rather than list them all.
    build_org(
        personas.acme,
        directors=2,
        managers_per_director=3,
        staff_per_manager=6,
        root=chart.owner_seat,
    )
    page = logged_in_page("owner")

    page.click("#new-seat")
    page.wait_for_url(re.compile(r"/org/seats/new/$"))
    page.fill("#id_name", "Surgical Technologist 2")
    page.select_option("#id_kind", "support")

    # Reports to: type part of the manager's name, click the match.
    page.locator("#id_reports_to").press_sequentially("practice man", delay=20)
    hit = page.locator(f'#pick-reports_to [data-pick="{chart.manager_seat.pk}"]')
    hit.wait_for()
    assert "Practice Manager" in hit.inner_text()
    hit.click()
    chosen = page.locator("#field-reports_to .chip")
    assert chosen.inner_text().startswith("Practice Manager")
    hidden = page.locator('input[type=hidden][name="reports_to"]')
    assert hidden.input_value() == str(chart.manager_seat.pk)
    assert page.locator("#pick-reports_to [data-pick]").count() == 0

    # Serves: search by the provider's person and pick the first match with Enter.
    page.locator("#id_serves").press_sequentially("bob surg", delay=20)
    page.locator(f'#pick-serves [data-pick="{chart.surgeon_seat.pk}"]').wait_for()
    page.locator("#id_serves").press("Enter")
    assert page.locator("#field-serves .chip").inner_text().startswith("Orthopedic Surgeon 1")
    assert page.url.endswith("/org/seats/new/")  # Enter picked, it did not submit

    page.click("form.edit-form button[type=submit]")
    page.wait_for_url(re.compile(r"/org/seats/\d+/$"))
    seat = Seat.objects.get(name="Surgical Technologist 2")
    assert seat.reports_to_id == chart.manager_seat.pk
    assert list(seat.serves.values_list("pk", flat=True)) == [chart.surgeon_seat.pk]
    assert "Created seat “Surgical Technologist 2”." in page.locator(".messages").inner_text()

    # On the chart it is drawn under its manager.
    page.click("text=Show in chart")
    card = page.locator(f"#kids-{chart.manager_seat.pk} > li > #seat-{seat.pk}")
    card.wait_for(state="visible")
    assert "Surgical Technologist 2" in card.inner_text()
    assert "Vacant" in card.inner_text()
    assert page.errors == []
