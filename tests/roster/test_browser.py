"""The import in a real browser: upload the BambooHR sample, preview, confirm, see it done."""

from __future__ import annotations

import re

import pytest

from practiceos.org.models import Person
from tests.roster.conftest import BAMBOO
from tests.worker import run_worker

pytestmark = [pytest.mark.browser]


@pytest.mark.parametrize("queued", [False, True])
def test_owner_uploads_previews_confirms_and_sees_the_import_finish(
    logged_in_page, live_server, personas, settings, queued
):
    # Queued: the confirmed import waits for a task worker and the page polls its progress.
    settings.ROSTER_IMPORT_SYNC = not queued
    base = live_server.url
    page = logged_in_page("owner", width=1280, timeout=15_000)

    page.goto(f"{base}/roster/")
    page.set_input_files("#id_file", str(BAMBOO))
    page.click(".import-form button[type=submit]")
    page.wait_for_url(re.compile(r"/roster/\d+/$"))
    assert "This is what the import will do" in page.locator("#preview-verdict").inner_text()
    hires = page.locator('#people-counts tr[data-kind="hire"]')
    assert hires.locator("td.num").inner_text() == "17"
    assert "Chinedu Okafor" in hires.inner_text()

    with page.expect_navigation():
        page.click("#confirm-import")
    if queued:
        # Nothing happens until a worker takes the job: here the real worker, in this process.
        assert Person.objects.filter(practice=personas.acme).count() == 0
        run_worker()
    page.locator('#import-status[data-status="done"]').wait_for()
    assert page.locator("#import-progress").get_attribute("value") == "100"
    assert Person.objects.filter(practice=personas.acme).count() == 17
    page.click("text=Open the chart")
    page.wait_for_url(re.compile(r"/org/chart/$"))
    assert page.locator(".seat-name", has_text="Owner — Maple Street").count() == 1
    assert page.errors == []
