"""Entering a week of numbers in a real browser: keyboard, saving as you go, pasting a block."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from typing import Any

import pytest
from playwright.sync_api import expect

from practiceos.core import scorecard as sc

pytestmark = [pytest.mark.browser]


def test_manager_enters_numbers_with_the_keyboard_and_pastes_a_block(
    logged_in_page: Any, live_server: Any, board: Any
) -> None:
    from practiceos.scorecards.models import MeasurableValue

    week = sc.week_start(dt.date.today())
    page = logged_in_page("manager")
    page.goto(f"{live_server.url}/scorecards/teams/{board.cases.team_id}/enter/")
    cases_now = page.locator(f'input[name="cell:{board.cases.pk}:{week.isoformat()}"]')
    on_time_now = page.locator(f'input[name="cell:{board.on_time.pk}:{week.isoformat()}"]')

    # Type, Enter moves down (and the cell left behind saves itself, coloured).
    cases_now.click()
    page.keyboard.type("12")
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.name") == on_time_now.get_attribute("name")
    page.keyboard.type("abc")
    page.keyboard.press("ArrowUp")
    page.locator("td.cell-green").first.wait_for()
    page.locator(".cell-msg").wait_for()  # "abc" refused in place, nothing saved for it
    assert "is not a number" in page.locator(".cell-msg").inner_text()
    assert MeasurableValue.objects.get(measurable=board.cases).value == Decimal(12)
    assert not MeasurableValue.objects.filter(measurable=board.on_time).exists()
    # Fix it: the cell comes back focused-selectable; typing replaces the text.
    page.locator(f'input[name="{on_time_now.get_attribute("name")}"]').click()
    page.keyboard.press("Control+A")
    page.keyboard.type("95")
    page.keyboard.press("ArrowUp")
    # Playwright's own wait (a string predicate is evaluated with eval, which the content
    # security policy rightly blocks, so wait_for_function failed whenever it had to poll).
    expect(page.locator(".cell-msg")).to_have_count(0)
    assert MeasurableValue.objects.get(measurable=board.on_time).value == Decimal(95)

    # Paste a 2 x 2 block copied from a spreadsheet into the first column.
    first = f"cell:{board.cases.pk}:{(week - dt.timedelta(weeks=3)).isoformat()}"
    page.evaluate(
        """([name, text]) => {
            const input = document.querySelector(`input[name="${name}"]`);
            input.focus();
            const data = new DataTransfer();
            data.setData("text/plain", text);
            input.dispatchEvent(new ClipboardEvent("paste", {clipboardData: data, bubbles: true, cancelable: true}));
        }""",
        [first, "9\t10\n97\t94%\n"],
    )
    page.locator(".saved").wait_for()
    values = {(v.measurable_id, v.period): v.value for v in MeasurableValue.objects.all()}
    assert values[(board.cases.pk, week - dt.timedelta(weeks=3))] == Decimal(9)
    assert values[(board.cases.pk, week - dt.timedelta(weeks=2))] == Decimal(10)
    assert values[(board.on_time.pk, week - dt.timedelta(weeks=2))] == Decimal(94)
    assert page.evaluate("document.activeElement.name") == first  # focus kept after paste

    # The scorecard shows who is red, at phone width too.
    page.set_viewport_size({"width": 390, "height": 800})
    page.goto(f"{live_server.url}/scorecards/teams/{board.cases.team_id}/")
    assert page.locator("table.scorecard").is_visible()
    assert re.search(r"First case on time", page.locator("table.scorecard").inner_text())
    # The abc cell answered 200 with its message: no error responses, no script errors.
    assert page.errors == []
