"""Files made by jobs (PDFs, org file exports): made on the worker, kept with the job,
downloaded only by members allowed to read what they show."""

from __future__ import annotations

import datetime as dt
import io
from contextlib import redirect_stdout

from django.core.management import call_command
from django.utils import timezone

from practiceos.health.models import HealthRun
from practiceos.health.services import run_health_check
from practiceos.jobs.documents import start_pdf
from practiceos.jobs.models import Job, JobFile, JobKind, JobStatus
from practiceos.jobs.services import purge_job_files, retry_job
from tests.worker import run_worker


def test_the_org_file_export_is_made_on_the_worker_and_matches_the_command(chart, personas, login):
    client = login("owner")
    assert "Prepare the org file" in client.get("/org/export/").content.decode()
    assert not Job.objects.exists()
    response = client.post("/org/export/")
    job = Job.objects.get()
    assert job.kind == JobKind.EXPORT and response["Location"] == f"/jobs/{job.pk}/"
    run_worker()
    job.refresh_from_db()
    assert job.status == JobStatus.DONE and job.result["filename"] == "acme.org.yaml"
    page = client.get(f"/jobs/{job.pk}/").content.decode()
    assert "Download acme.org.yaml" in page and "people." in page
    download = client.get(f"/jobs/{job.pk}/download/")
    assert download.status_code == 200
    assert download["Content-Disposition"] == 'attachment; filename="acme.org.yaml"'
    printed = io.StringIO()
    with redirect_stdout(printed):
        call_command("export", practice="acme")
    assert download.content.decode() == printed.getvalue()


def test_only_members_allowed_to_read_it_download_a_file(chart, personas, login):
    export = Job.objects.get(pk=_done(personas.owner, JobKind.EXPORT))
    url = f"/jobs/{export.pk}/download/"
    assert login("admin").get(url).status_code == 200
    assert login("manager").get(url).status_code == 403  # exports need MANAGE_PRACTICE
    assert login("member").get(url).status_code == 403
    assert login("outsider").get(url).status_code == 404
    # A health report's PDF is readable by every member, as the report is.
    run_health_check(personas.owner, personas.acme)
    pdf = start_pdf(actor=personas.manager, document="health_report")
    run_worker()
    assert login("member").get(f"/jobs/{pdf.pk}/download/").content.startswith(b"%PDF")
    assert login("outsider").get(f"/jobs/{pdf.pk}/download/").status_code == 404


def test_a_job_without_a_file_or_not_done_has_nothing_to_download(chart, personas, login):
    check = Job.objects.get(pk=_done(personas.owner, JobKind.HEALTH_CHECK))
    client = login("owner")
    assert client.get(f"/jobs/{check.pk}/download/").status_code == 404
    queued = start_pdf(actor=personas.owner, document="health_report")
    assert client.get(f"/jobs/{queued.pk}/download/").status_code == 404


def test_a_pdf_of_a_run_deleted_while_it_waited_fails_with_a_reason(chart, personas, login):
    run = run_health_check(personas.owner, personas.acme)
    job = start_pdf(actor=personas.member, document="health_report", params={"run": run.pk})
    HealthRun.objects.filter(pk=run.pk).delete()
    run_worker()
    job.refresh_from_db()
    assert job.status == JobStatus.FAILED
    assert job.error == "document: the health report to print is gone"
    assert not JobFile.objects.exists()


def test_a_retried_job_replaces_its_file_and_old_files_are_purged(chart, personas):
    job = Job.objects.get(pk=_done(personas.owner, JobKind.EXPORT))
    Job.objects.filter(pk=job.pk).update(status=JobStatus.FAILED)
    job.refresh_from_db()
    retry_job(actor=personas.owner, job=job)
    assert not JobFile.objects.exists()  # the old file went with the retry
    run_worker()
    assert JobFile.objects.filter(job=job).count() == 1
    assert purge_job_files(older_than=dt.timedelta(days=7)) == 0
    later = timezone.now() + dt.timedelta(days=8)
    assert purge_job_files(older_than=dt.timedelta(days=7), now=later) == 1
    assert not JobFile.objects.exists() and Job.objects.filter(pk=job.pk).exists()


def test_downloading_runs_a_fixed_number_of_queries(
    chart, personas, login, django_assert_num_queries
):
    job = Job.objects.get(pk=_done(personas.owner, JobKind.EXPORT))
    client = login("owner")
    with django_assert_num_queries(5):  # session, user, membership, the job, its file
        assert client.get(f"/jobs/{job.pk}/download/").status_code == 200


def _done(actor, kind: str) -> int:
    from practiceos.jobs.services import start_job

    job = start_job(actor=actor, kind=kind)
    run_worker()
    return job.pk
