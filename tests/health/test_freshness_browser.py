"""Never stale, in a real browser: an edit makes the report say it is out of date, the
automatic re-check runs on the real worker, and the page turns fresh by itself."""

from __future__ import annotations

import re
import time

import pytest
from django.utils import timezone

from practiceos.health.models import HealthRun
from practiceos.health.services import run_health_check
from practiceos.jobs.models import Job, JobStatus
from tests.worker import run_worker

pytestmark = [pytest.mark.browser]

DELAY = 2


def assert_no_serious_axe_violations(page):
    from axe_playwright_python.sync_playwright import Axe

    violations = Axe().run(page).response["violations"]
    serious = [v["id"] for v in violations if v.get("impact") in ("serious", "critical")]
    assert serious == [], page.url


def test_editing_reports_to_makes_the_report_stale_until_the_worker_re_checks_it(
    logged_in_page, chart, personas, settings
):
    settings.HEALTH_RECHECK_DELAY = DELAY
    run = run_health_check(personas.owner, personas.acme)
    assert "support-reports-to-provider" not in {f["rule"] for f in run.findings}
    tech = chart.tech_seat
    page = logged_in_page("owner", then=f"/org/seats/{tech.pk}/edit/")

    # Reports to: the surgeon instead of the practice manager (a support seat under a
    # provider, which the check flags).
    page.locator("#id_reports_to").press_sequentially("orthopedic", delay=20)
    hit = page.locator(f'#pick-reports_to [data-pick="{chart.surgeon_seat.pk}"]')
    hit.wait_for()
    hit.click()
    page.click("form.edit-form button[type=submit]")
    page.wait_for_url(re.compile(rf"/org/seats/{tech.pk}/$"))
    edited = time.monotonic()
    tech.refresh_from_db()
    assert tech.reports_to_id == chart.surgeon_seat.pk

    base = page.url.split("/org/")[0]
    checked = timezone.localtime(run.created_at).strftime("%-d %b %H:%M")
    # The chart's legend: the flags' run date, the change since, the re-check coming.
    page.goto(f"{base}/org/chart/")
    marker = " ".join(page.locator("#chart-freshness").inner_text().split())
    assert f"checked {checked}" in marker
    assert "1 change since this check" in marker and "re-checking…" in marker
    assert_no_serious_axe_violations(page)

    page.goto(f"{base}/health/")
    assert_no_serious_axe_violations(page)
    note = page.locator("#stale-note")
    text = " ".join(note.inner_text().split())
    assert "1 change since this check" in text
    assert f"checked {checked}" in text
    assert "re-checking…" in text
    # The queued re-check's progress, from the jobs app, polling.
    (job,) = Job.objects.filter(practice=personas.acme, params__auto=True)
    progress = page.locator(f"#freshness #job-{job.pk}")
    assert progress.get_attribute("data-status") == JobStatus.QUEUED
    assert "once the edits have settled" in progress.inner_text()

    # The real worker runs it once the window has passed; the page notices by polling
    # and reloads as a fresh report naming the new finding.
    time.sleep(max(0.0, DELAY + 0.3 - (time.monotonic() - edited)))
    run_worker()
    assert HealthRun.objects.filter(practice=personas.acme).count() == 2
    page.locator("#stale-note").wait_for(state="detached")
    page.locator("#report-body code", has_text="support-reports-to-provider").first.wait_for()
    page.goto(f"{base}/org/chart/")
    marker = page.locator("#chart-freshness").inner_text()
    assert "since this check" not in marker and "re-checking" not in marker
    assert page.errors == []
