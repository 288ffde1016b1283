"""Accountability in a real browser, at phone width: a manager holds a quarterly
conversation and opens a plan; the style advisor answers through htmx."""

from __future__ import annotations

import datetime as dt

import pytest

pytestmark = [pytest.mark.browser]


def test_a_manager_holds_a_conversation_and_opens_a_plan_at_phone_width(
    logged_in_page, live_server, cast, personas
):
    from practiceos.people.models import Plan, Review

    Plan.objects.filter(pk=cast.tom_plan.pk).update(status="met", closed_on=dt.date.today())
    page = logged_in_page("manager", width=390)
    page.goto(f"{live_server.url}/people/")
    assert page.locator("h1").inner_text() == "Accountability"
    page.get_by_role("link", name="Quarterly conversation").first.click()
    page.fill("#id_value_0", "Patients first")
    page.select_option("#id_rating_1", "+/-")
    page.fill("#id_value_1", "Own it")
    page.select_option("#id_capacity", "no")
    page.get_by_role("button", name="Record the conversation").click()
    page.get_by_text("Below the bar").wait_for()
    assert Review.objects.filter(person=cast.tom).count() == 2
    page.goto(f"{live_server.url}/people/person/{cast.tom.pk}/plans/new/")
    page.fill("#id_expectations", "Turnover under 20 minutes")
    page.get_by_role("button", name="Open the plan").click()
    page.get_by_text("Checkpoints").first.wait_for()
    assert Plan.objects.filter(person=cast.tom, status="open").count() == 1
    # Nothing is wider than the phone.
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 400, width
    page.goto(f"{live_server.url}/people/style/")
    page.select_option("#id_situation", "crisis")
    page.select_option("#id_competence", "low")
    page.get_by_role("button", name="Advise").click()
    page.locator("#advice").get_by_text("Coercive").first.wait_for()
    assert not page.errors, page.errors
