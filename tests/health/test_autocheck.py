"""Never stale: a change to the chart queues one debounced re-check, the report and the
chart say they are out of date until it has run, and the worker's run makes them fresh.

The suite turns automatic re-checks off (tests/conftest.py); these tests turn them on
with the ``settings`` fixture, as a deployment would with ``PRACTICEOS_RECHECK_DELAY``.
"""

from __future__ import annotations

import datetime as dt
import re
import time

import pytest
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from practiceos.audit.models import AuditRecord
from practiceos.health.autocheck import NOTE, queue_recheck
from practiceos.health.models import HealthRun
from practiceos.health.services import run_health_check
from practiceos.jobs.models import Job, JobKind, JobStatus
from practiceos.org import services as org_services
from practiceos.org.archiving import archive_object
from practiceos.tenancy.services import update_policy
from tests.web.conftest import build_org
from tests.worker import run_worker

SMALL = {"directors": 1, "managers_per_director": 2, "staff_per_manager": 3}  # 10 seats
LARGE = {"directors": 3, "managers_per_director": 6, "staff_per_manager": 15}  # 292 seats


def checks(practice):
    """Health-check jobs of the practice, oldest first."""
    return list(Job.objects.filter(practice=practice, kind=JobKind.HEALTH_CHECK).order_by("pk"))


def move(owner, seat, manager):
    """Edit a seat's reports_to through the org service (as the form and the API do)."""
    return org_services.update(owner, seat, {"reports_to": manager.pk})


def let_the_window_pass(seconds: float) -> None:
    time.sleep(seconds + 0.2)


def test_many_edits_within_the_window_queue_exactly_one_check(chart, personas, settings):
    settings.HEALTH_RECHECK_DELAY = 60
    before = timezone.now()
    move(personas.owner, chart.tech_seat, chart.owner_seat)
    move(personas.owner, chart.tech_seat, chart.surgeon_seat)
    org_services.update(personas.admin, chart.manager_seat, {"name": "Clinic Manager"})
    org_services.update(personas.manager, chart.bob, {"preferred_name": "Bobby"})

    (job,) = checks(personas.acme)
    assert job.status == JobStatus.QUEUED
    assert job.automatic and job.requested_by is None
    # Held back on the task queue until the window has passed.
    assert (
        before + dt.timedelta(seconds=60)
        <= job.run_after
        <= timezone.now() + dt.timedelta(seconds=60)
    )
    task = DBTaskResult.objects.get(pk=job.task_id)
    assert task.run_after == job.run_after
    # Started by the system and audited as such.
    audit = AuditRecord.objects.get(object_type="jobs.job", object_id=str(job.pk))
    assert audit.actor_id is None and audit.note == NOTE
    assert audit.practice_id == personas.acme.pk


def test_the_worker_leaves_the_check_until_the_window_has_passed(chart, personas, settings):
    settings.HEALTH_RECHECK_DELAY = 1
    move(personas.owner, chart.tech_seat, chart.surgeon_seat)
    run_worker()  # nothing is due yet
    (job,) = checks(personas.acme)
    assert job.status == JobStatus.QUEUED
    assert not HealthRun.objects.filter(practice=personas.acme).exists()

    let_the_window_pass(1)
    run_worker()
    job.refresh_from_db()
    assert job.status == JobStatus.DONE, job.error
    run = HealthRun.objects.get(practice=personas.acme)
    assert run.actor is None and job.result["run_id"] == run.pk
    # The run saw the edit: the scrub tech reporting to the surgeon is a finding.
    assert "support-reports-to-provider" in {f["rule"] for f in run.findings}


def test_an_edit_after_the_check_ran_queues_the_next_one(chart, personas, settings):
    settings.HEALTH_RECHECK_DELAY = 1
    move(personas.owner, chart.tech_seat, chart.surgeon_seat)
    let_the_window_pass(1)
    run_worker()
    move(personas.owner, chart.tech_seat, chart.manager_seat)
    first, second = checks(personas.acme)
    assert first.status == JobStatus.DONE and second.status == JobStatus.QUEUED


def test_a_running_check_does_not_absorb_a_later_edit(chart, personas, settings):
    # The running check may have read the chart before this edit: one more waits.
    settings.HEALTH_RECHECK_DELAY = 60
    move(personas.owner, chart.tech_seat, chart.surgeon_seat)
    Job.objects.filter(practice=personas.acme).update(status=JobStatus.RUNNING)
    move(personas.owner, chart.tech_seat, chart.manager_seat)
    move(personas.owner, chart.tech_seat, chart.owner_seat)
    statuses = [job.status for job in checks(personas.acme)]
    assert statuses == [JobStatus.RUNNING, JobStatus.QUEUED]


def test_a_check_someone_queued_absorbs_the_edits(chart, personas, settings, login):
    settings.HEALTH_RECHECK_DELAY = 60
    response = login("manager").post("/health/run/", HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    move(personas.owner, chart.tech_seat, chart.surgeon_seat)
    (job,) = checks(personas.acme)
    assert job.requested_by == personas.manager and not job.automatic


def test_archiving_and_a_bulk_load_queue_one_check_each_time(db, personas, settings):
    from practiceos.core.demo import generate_demo
    from practiceos.org.loading import load_snapshot
    from practiceos.org.models import Assignment, Seat, ServiceLink

    settings.HEALTH_RECHECK_DELAY = 60
    summary = load_snapshot(generate_demo(140, seed=7), actor=None, note="demo practice")
    practice = summary.practice
    assert (
        AuditRecord.objects.filter(practice=practice, object_type__startswith="org.").count() > 140
    )
    (job,) = checks(practice)
    assert job.automatic
    # Once it has run, archiving a seat queues the next one.
    Job.objects.filter(pk=job.pk).update(status=JobStatus.DONE)
    from practiceos.tenancy.models import Membership

    owner = Membership.objects.create(practice=practice, user=personas.owner.user, role="owner")
    held = Assignment.objects.filter(practice=practice, end__isnull=True).values("seat_id")
    leaf = (
        Seat.objects.filter(practice=practice, direct_reports__isnull=True)
        .exclude(pk__in=held)
        .exclude(pk__in=ServiceLink.objects.values("provider_seat_id"))
        .first()
    )
    archive_object(actor=owner, obj=leaf)
    assert [j.status for j in checks(practice)] == [JobStatus.DONE, JobStatus.QUEUED]


def test_writes_that_are_not_the_chart_queue_nothing(chart, personas, settings):
    settings.HEALTH_RECHECK_DELAY = 60
    update_policy(actor=personas.owner, values={"max_span": 9})
    run_health_check(personas.owner, personas.acme)
    assert checks(personas.acme) == []


def test_a_delay_of_zero_turns_the_re_check_off(chart, personas, settings):
    settings.HEALTH_RECHECK_DELAY = 0
    move(personas.owner, chart.tech_seat, chart.surgeon_seat)
    assert checks(personas.acme) == []
    assert queue_recheck(personas.acme.pk) is None


def test_a_rolled_back_edit_leaves_no_check_behind(chart, personas, settings):
    from practiceos.core.problems import InputError

    settings.HEALTH_RECHECK_DELAY = 60
    with pytest.raises(InputError):
        # A cycle: the owner under its own report is refused, nothing written.
        move(personas.owner, chart.owner_seat, chart.tech_seat)
    assert checks(personas.acme) == []


# -- what the pages say -------------------------------------------------------------


def test_the_api_report_says_it_is_stale_and_names_the_re_check_until_it_runs(
    chart, personas, settings, api_as
):
    settings.HEALTH_RECHECK_DELAY = 1
    run_health_check(personas.owner, personas.acme)
    api = api_as("member")
    fresh = api.get("health/report").json()["freshness"]
    assert fresh == {
        "changes_since": 0,
        "stale": False,
        "recheck_job": None,
        "recheck_status": None,
    }
    move(personas.owner, chart.tech_seat, chart.surgeon_seat)
    move(personas.owner, chart.tech_seat, chart.owner_seat)
    (job,) = checks(personas.acme)
    stale = api.get("health/report").json()
    assert stale["freshness"] == {
        "changes_since": 2,
        "stale": True,
        "recheck_job": job.pk,
        "recheck_status": "queued",
    }
    let_the_window_pass(1)
    run_worker()
    after = api.get("health/report").json()
    assert after["run"]["id"] != stale["run"]["id"]
    assert after["freshness"]["stale"] is False and after["freshness"]["recheck_job"] is None


def test_report_and_chart_say_stale_until_the_worker_runs_the_re_check(
    chart, personas, settings, login
):
    settings.HEALTH_RECHECK_DELAY = 1
    run = run_health_check(personas.owner, personas.acme)
    client = login("member")
    page = client.get("/health/").content.decode()
    assert 'id="stale-note"' not in page

    move(personas.owner, chart.tech_seat, chart.surgeon_seat)
    move(personas.owner, chart.tech_seat, chart.owner_seat)
    move(personas.owner, chart.tech_seat, chart.surgeon_seat)
    checked = timezone.localtime(run.created_at).strftime("%-d %b %H:%M")
    page = client.get("/health/").content.decode()
    note = re.sub(
        r"\s+",
        " ",
        page[page.index('id="stale-note"') : page.index("</p>", page.index('id="stale-note"'))],
    )
    assert "3 changes since this check" in note
    assert f"(checked {checked})" in note
    assert "re-checking…" in note
    # The jobs app's progress fragment, polling the queued check.
    (job,) = checks(personas.acme)
    assert f'hx-get="/jobs/{job.pk}/"' in page and 'data-when-done="reload"' in page
    chart_page = client.get("/org/chart/").content.decode()
    assert "3 changes since this check" in chart_page
    assert f"checked {checked}" in chart_page
    assert "re-checking…" in chart_page

    let_the_window_pass(1)
    run_worker()
    page = client.get("/health/").content.decode()
    assert 'id="stale-note"' not in page
    assert "support-reports-to-provider" in page
    chart_page = client.get("/org/chart/").content.decode()
    assert "since this check" not in chart_page and "re-checking" not in chart_page
    assert HealthRun.objects.filter(practice=personas.acme).count() == 2


def test_stale_without_a_re_check_invites_a_run(chart, personas, login):
    # Automatic re-checks off (the suite's default): the note still counts the changes.
    run_health_check(personas.owner, personas.acme)
    move(personas.owner, chart.tech_seat, chart.surgeon_seat)
    page = login("manager").get("/health/").content.decode()
    assert "1 change since this check" in page
    assert "re-checking" not in page and "run it again" in page


def test_an_earlier_run_page_does_not_claim_to_be_stale(chart, personas, login):
    first = run_health_check(personas.owner, personas.acme)
    move(personas.owner, chart.tech_seat, chart.surgeon_seat)
    run_health_check(personas.owner, personas.acme)
    page = login("member").get(f"/health/runs/{first.pk}/").content.decode()
    assert "This is an earlier run" in page and 'id="stale-note"' not in page


def test_seat_flags_on_the_chart_carry_their_run_date(chart, personas, login):
    move(personas.owner, chart.tech_seat, chart.surgeon_seat)
    run = run_health_check(personas.owner, personas.acme)
    checked = timezone.localtime(run.created_at).strftime("%-d %b %H:%M")
    page = login("member").get("/org/chart/").content.decode()
    flags = re.findall(r'<a class="flag sev-[a-z]+"[^>]* title="([^"]*)"', page)
    assert flags and all(f", checked {checked}:" in title for title in flags)


@pytest.mark.parametrize("size", [SMALL, LARGE], ids=["10-seats", "300-seats"])
# The chart: its own 10 (with the location and team legends) and the freshness marker's 3.
@pytest.mark.parametrize("url, expected", [("/health/", 7), ("/org/chart/", 13)])
def test_stale_pages_with_a_re_check_waiting_keep_their_query_count(
    personas, login, settings, django_assert_num_queries, size, url, expected
):
    settings.HEALTH_RECHECK_DELAY = 60
    org = build_org(personas.acme, **size)
    run_health_check(personas.owner, personas.acme)
    for seat in org.staff[:5]:
        move(personas.owner, seat, org.directors[0])
    assert len(checks(personas.acme)) == 1
    client = login("member")
    with django_assert_num_queries(expected):
        response = client.get(url)
    body = response.content.decode()
    assert response.status_code == 200
    assert "5 changes since this check" in body and "re-checking…" in body


def test_a_roster_import_run_by_the_worker_queues_one_check(login, personas, settings):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from practiceos.org.models import Person
    from practiceos.roster.models import RosterImport
    from tests.roster.conftest import BAMBOO

    settings.HEALTH_RECHECK_DELAY = 60
    settings.ROSTER_IMPORT_SYNC = False  # the real path: the import is a job too
    client = login("owner")
    client.post("/roster/", {"file": SimpleUploadedFile("bamboohr.csv", BAMBOO.read_bytes())})
    upload = RosterImport.objects.get()
    assert client.post(f"/roster/{upload.pk}/confirm/").status_code == 302
    run_worker()
    assert Person.objects.filter(practice=personas.acme).count() == 17
    # Dozens of people, seats and assignments written: one check, waiting for its window.
    (check,) = checks(personas.acme)
    assert check.automatic and check.status == JobStatus.QUEUED
