"""The health report page, the run button, the PDF, the trend and the chart's flags."""

from __future__ import annotations

import re

import pytest

from practiceos.audit.models import AuditRecord
from practiceos.health.models import HealthRun, SeatFlag
from practiceos.health.services import run_health_check
from practiceos.jobs.models import Job, JobKind, JobStatus
from tests.worker import run_worker

READERS = ["owner", "admin", "manager", "member"]


def test_report_before_any_run_says_so(personas, login):
    body = login("member").get("/health/").content.decode()
    assert "No health check yet" in body
    assert "Run the health check" not in body  # members read, they do not run


@pytest.mark.parametrize("persona", READERS)
def test_report_page_shows_the_latest_run_grouped_by_area(broken_chart, personas, login, persona):
    run_health_check(personas.owner, personas.acme)
    response = login(persona).get("/health/")
    assert response.status_code == 200
    body = response.content.decode()
    assert "Overall score" in body and 'id="area-structure"' in body
    assert "support-reports-to-provider" in body
    assert 'class="sev sev-high"' in body
    # Subjects link to their pages; the fix reads as plain steps.
    assert f'href="/org/seats/{broken_chart.surgeon_seat.pk}/"' in body
    assert f'href="/org/seats/{broken_chart.stray_seat.pk}/"' in body
    assert "Move &quot;Scrub Tech 2&quot; to report to" in body
    assert ("Run the health check" in body) == (persona != "member")


@pytest.mark.parametrize("persona", ["owner", "admin", "manager"])
def test_run_button_creates_one_run_and_one_audit_record(broken_chart, personas, login, persona):
    client = login(persona)
    response = client.post("/health/run/", HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    # Queued for a task worker: the answer is the job's progress, polling until done.
    assert 'hx-trigger="every 1s"' in response.content.decode()
    assert not HealthRun.objects.exists()
    run_worker()
    run = HealthRun.objects.get()
    assert run.practice == personas.acme and run.actor == personas.membership(persona).user
    records = AuditRecord.objects.filter(object_type="health.healthrun")
    assert records.count() == 1 and records.get().object_id == str(run.pk)
    assert records.get().actor == personas.membership(persona).user


def test_run_without_htmx_redirects_to_the_job_page(broken_chart, login):
    response = login("owner").post("/health/run/")
    job = Job.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/jobs/{job.pk}/"


def test_member_may_not_run_and_nothing_changes(broken_chart, login):
    response = login("member").post("/health/run/")
    assert response.status_code == 403
    assert not HealthRun.objects.exists() and not AuditRecord.objects.exists()
    assert not Job.objects.exists()


def test_outsider_gets_404_on_acme_runs_and_never_sees_acme(broken_chart, personas, login):
    run = run_health_check(personas.owner, personas.acme)
    client = login("outsider")
    for url in (f"/health/runs/{run.pk}/", f"/health/runs/{run.pk}/report.pdf"):
        assert client.get(url).status_code == 404
    body = client.get("/health/").content.decode()
    assert "No health check yet" in body and "Scrub Tech" not in body
    assert client.post(f"/health/runs/{run.pk}/report.pdf").status_code == 404
    assert not Job.objects.exists()
    # Running from the other practice checks only that practice.
    client.post("/health/run/")
    run_worker()
    other = HealthRun.objects.get(practice=personas.other)
    assert all("Scrub" not in str(f) for f in other.findings)
    assert HealthRun.objects.filter(practice=personas.acme).count() == 1


def test_pdf_is_a_pdf_of_the_latest_report_made_on_the_worker(broken_chart, personas, login):
    run_health_check(personas.owner, personas.acme)
    client = login("member")
    assert "Prepare the health report" in client.get("/health/report.pdf").content.decode()
    assert not Job.objects.exists()  # the GET only offers the button
    response = client.post("/health/report.pdf")
    job = Job.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/jobs/{job.pk}/"
    assert (job.kind, job.status, job.params) == (
        JobKind.PDF,
        JobStatus.QUEUED,
        {"run": None, "document": "health_report"},
    )
    run_worker()
    page = client.get(f"/jobs/{job.pk}/").content.decode()
    assert f'href="/jobs/{job.pk}/download/"' in page and "health-report-acme.pdf" in page
    response = client.get(f"/jobs/{job.pk}/download/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert 'filename="health-report-acme.pdf"' in response["Content-Disposition"]


def test_trend_svg_has_one_point_per_run(broken_chart, personas, login):
    for _ in range(4):
        run_health_check(personas.owner, personas.acme)
    body = login("member").get("/health/").content.decode()
    start = body.index('<svg class="trend-chart"')
    svg = body[start : body.index("</svg>", start)]
    assert len(re.findall(r'<circle class="point', svg)) == 4
    assert "<polyline" in svg


def test_earlier_run_page_shows_that_run(broken_chart, personas, login):
    first = run_health_check(personas.owner, personas.acme)
    broken_chart.stray_seat.reports_to = broken_chart.manager_seat
    broken_chart.stray_seat.save()
    latest = run_health_check(personas.owner, personas.acme)
    assert not any(f["rule"] == "support-reports-to-provider" for f in latest.findings)
    client = login("member")
    assert "support-reports-to-provider" in client.get(f"/health/runs/{first.pk}/").content.decode()
    assert "support-reports-to-provider" not in client.get("/health/").content.decode()


def test_chart_fragment_flags_the_seats_a_finding_names(broken_chart, personas, login):
    run_health_check(personas.owner, personas.acme)
    flags = dict(SeatFlag.objects.values_list("seat_id", "severity"))
    assert flags[broken_chart.surgeon_seat.pk] == "high"
    assert flags[broken_chart.stray_seat.pk] == "high"
    body = (
        login("member").get(f"/org/chart/children/{broken_chart.owner_seat.pk}/").content.decode()
    )
    surgeon = body[body.index(f'id="seat-{broken_chart.surgeon_seat.pk}"') :]
    surgeon = surgeon[: surgeon.index("</div>")]
    assert 'class="flag sev-high"' in surgeon
    assert f'href="/health/?seat={broken_chart.surgeon_seat.pk}"' in surgeon
    assert "report to a manager whose job is coaching them" in surgeon  # the title
    manager = body[body.index(f'id="seat-{broken_chart.manager_seat.pk}"') :]
    assert 'class="flag sev-medium"' in manager[: manager.index("</div>")]  # vacant
    page = login("member").get("/org/chart/").content.decode()
    owner = page[page.index(f'id="seat-{broken_chart.owner_seat.pk}"') :]
    assert 'class="flag' not in owner[: owner.index("</div>")]  # nothing wrong there


def test_seat_filter_shows_only_findings_naming_that_seat(broken_chart, personas, login):
    run_health_check(personas.owner, personas.acme)
    client = login("member")
    body = client.get(f"/health/?seat={broken_chart.surgeon_seat.pk}").content.decode()
    assert "support-reports-to-provider" in body
    body = client.get(f"/health/?seat={broken_chart.manager_seat.pk}").content.decode()
    assert "support-reports-to-provider" not in body


def test_a_new_run_replaces_the_chart_flags(broken_chart, personas):
    run_health_check(personas.owner, personas.acme)
    assert SeatFlag.objects.filter(seat=broken_chart.stray_seat).exists()
    broken_chart.stray_seat.reports_to = broken_chart.manager_seat
    broken_chart.stray_seat.save()
    run = run_health_check(personas.owner, personas.acme)
    assert not SeatFlag.objects.filter(seat=broken_chart.stray_seat).exists()
    assert set(SeatFlag.objects.values_list("run", flat=True)) <= {run.pk}


def test_make_run_demo_practice_flags_its_planted_problems(db):
    from practiceos.core.demo import generate_demo
    from practiceos.org.loading import load_snapshot

    summary = load_snapshot(generate_demo(140, seed=7), actor=None, note="demo practice")
    run = run_health_check(None, summary.practice)
    rules = {f["rule"] for f in run.findings}
    assert {
        "support-reports-to-provider",
        "provider-without-manager",
        "location-without-manager",
        "person-overloaded",
        "seat-vacant",
    } <= rules
    # The look-alikes are left alone: no provider lead, owner-provider or nurse manager.
    assert "provider-manages-people" not in rules
    assert "owner-in-management-seat" not in rules
    assert run.counts["high"] >= 2 and run.overall < 100
