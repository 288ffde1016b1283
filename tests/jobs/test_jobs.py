"""Long work on the real database task queue: queue, run, progress, failure, retry, access."""

from __future__ import annotations

import datetime as dt
import os

import pytest
from django.db import DEFAULT_DB_ALIAS, connection, connections, transaction
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from practiceos.audit.models import AuditRecord
from practiceos.core.problems import InputError, Problem
from practiceos.health.models import HealthRun
from practiceos.jobs import registry
from practiceos.jobs.models import Job, JobKind, JobStatus, this_worker
from practiceos.jobs.progress import Progress
from practiceos.jobs.services import _finish, execute_job, retry_job, start_job
from tests.worker import run_worker


def test_a_queued_check_runs_on_the_worker_and_its_progress_page_follows(chart, personas, login):
    client = login("manager")
    response = client.post("/health/run/", HTTP_HX_REQUEST="true")
    job = Job.objects.get()
    assert (job.kind, job.status, job.practice) == (JobKind.HEALTH_CHECK, "queued", personas.acme)
    # The job, its audit record and its task on the queue were written together.
    assert DBTaskResult.objects.filter(id=job.task_id, status="READY").exists()
    assert AuditRecord.objects.filter(object_type="jobs.job", object_id=str(job.pk)).count() == 1
    assert "Waiting for a worker" in response.content.decode()

    run_worker()

    job.refresh_from_db()
    run = HealthRun.objects.get()
    assert job.status == JobStatus.DONE and job.result["run_id"] == run.pk
    assert job.attempts == 1 and job.finished_at is not None
    fragment = client.get(f"/jobs/{job.pk}/", HTTP_HX_REQUEST="true").content.decode()
    assert "hx-trigger" not in fragment  # finished: no more polling
    assert f'href="/health/runs/{run.pk}/"' in fragment
    assert DBTaskResult.objects.get(id=job.task_id).status == "SUCCESSFUL"


def test_the_report_page_shows_a_check_still_in_progress(chart, personas, login):
    start_job(actor=personas.owner, kind=JobKind.HEALTH_CHECK)
    page = login("member").get("/health/").content.decode()
    assert "Waiting for a worker" not in page  # members neither run checks nor follow them
    page = login("owner").get("/health/").content.decode()
    assert "Waiting for a worker" in page


def test_a_member_may_not_queue_a_check_and_nothing_is_written(chart, personas):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        start_job(actor=personas.member, kind=JobKind.HEALTH_CHECK)
    assert not Job.objects.exists() and not DBTaskResult.objects.exists()


def test_an_unknown_kind_is_refused_naming_the_kinds(personas):
    with pytest.raises(InputError) as caught:
        start_job(actor=personas.owner, kind="mine-bitcoin")
    assert "mine-bitcoin" in str(caught.value.problems[0]) and "health_check" in str(
        caught.value.problems[0]
    )


def test_outsiders_get_404_for_a_job_and_its_retry(chart, personas, login):
    job = start_job(actor=personas.owner, kind=JobKind.HEALTH_CHECK)
    client = login("outsider")
    assert client.get(f"/jobs/{job.pk}/").status_code == 404
    assert client.post(f"/jobs/{job.pk}/retry/").status_code == 404
    assert client.get("/jobs/not-a-number/").status_code == 404
    job.refresh_from_db()
    assert job.status == JobStatus.QUEUED and job.attempts == 0


@pytest.fixture
def flaky_check(monkeypatch):
    """The health check's handler failing once with a readable reason, then working."""
    real = registry.handler_for(JobKind.HEALTH_CHECK)
    calls = []

    def run(job, progress):
        calls.append(job.pk)
        if len(calls) == 1:
            raise InputError([Problem("chart", "the chart changed while the check waited")])
        return real.run(job, progress)

    monkeypatch.setitem(
        registry._HANDLERS,
        JobKind.HEALTH_CHECK,
        registry.JobHandler(
            kind=JobKind.HEALTH_CHECK,
            run=run,
            authorize=real.authorize,
            result_url=real.result_url,
        ),
    )
    return calls


def test_a_failed_job_stores_its_reason_and_can_be_retried_once_fixed(
    chart, personas, login, flaky_check
):
    job = start_job(actor=personas.owner, kind=JobKind.HEALTH_CHECK)
    run_worker()
    job.refresh_from_db()
    assert job.status == JobStatus.FAILED
    assert job.error == "chart: the chart changed while the check waited"
    assert not HealthRun.objects.exists()  # nothing half-written
    client = login("admin")
    page = client.get(f"/jobs/{job.pk}/").content.decode()
    assert "the chart changed while the check waited" in page and "Run it again" in page

    assert client.post(f"/jobs/{job.pk}/retry/").status_code == 302
    job.refresh_from_db()
    assert job.status == JobStatus.QUEUED and job.error == ""
    assert AuditRecord.objects.filter(object_id=str(job.pk), note="retried").count() == 1
    run_worker()
    job.refresh_from_db()
    assert job.status == JobStatus.DONE and job.attempts == 2 and HealthRun.objects.count() == 1


def test_a_job_whose_worker_died_shows_as_stalled_and_is_retried(chart, personas, login):
    job = start_job(actor=personas.owner, kind=JobKind.HEALTH_CHECK)
    # A worker claimed it, then was killed: the row says running and never moves again.
    Job.objects.filter(pk=job.pk).update(
        status=JobStatus.RUNNING, updated_at=timezone.now() - dt.timedelta(minutes=6)
    )
    job.refresh_from_db()
    assert job.is_stalled and job.can_retry and not job.is_active
    page = login("owner").get(f"/jobs/{job.pk}/").content.decode()
    assert "stopped before it finished" in page
    retry_job(actor=personas.owner, job=job)
    run_worker()
    job.refresh_from_db()
    assert job.status == JobStatus.DONE and HealthRun.objects.count() == 1


def _claimed_elsewhere_long_ago(job: Job) -> Job:
    """What a worker on another machine leaves when it claims a job (the job row and the
    queue's task row both say running) and then goes quiet for longer than STALL_AFTER."""
    DBTaskResult.objects.get(pk=job.task_id).claim("other-machine-worker")
    Job.objects.filter(pk=job.pk).update(
        status=JobStatus.RUNNING,
        attempts=1,
        worker="other-machine/pid:[4026531836]:4242",
        updated_at=timezone.now() - dt.timedelta(minutes=6),
    )
    return Job.objects.get(pk=job.pk)


def test_a_retried_jobs_abandoned_task_is_marked_failed_on_the_queue(chart, personas):
    job = start_job(actor=personas.owner, kind=JobKind.HEALTH_CHECK)
    first_task = job.task_id
    stalled = _claimed_elsewhere_long_ago(job)
    assert stalled.is_stalled
    retried = retry_job(actor=personas.owner, job=stalled)
    assert retried.task_id != first_task
    run_worker()
    old = DBTaskResult.objects.get(pk=first_task)
    assert old.status == "FAILED" and old.finished_at is not None
    assert f"Job #{job.pk} was run again after its worker stopped" in old.traceback
    assert DBTaskResult.objects.get(pk=retried.task_id).status == "SUCCESSFUL"
    assert not DBTaskResult.objects.filter(status="RUNNING").exists()


def test_a_slow_worker_that_wakes_after_a_retry_overwrites_nothing(chart, personas):
    job = start_job(actor=personas.owner, kind=JobKind.HEALTH_CHECK)
    slow_run = _claimed_elsewhere_long_ago(job)  # the slow worker holds run 1
    retry_job(actor=personas.owner, job=slow_run)
    run_worker()
    done = Job.objects.get(pk=job.pk)
    assert done.status == JobStatus.DONE and done.attempts == 2
    # The slow worker wakes and does what execute_job does next: progress, then its end.
    Progress(slow_run).stage("Still checking")
    _finish(slow_run, JobStatus.FAILED, error="ValueError: late")
    after = Job.objects.get(pk=job.pk)
    assert (after.status, after.stage, after.error) == (JobStatus.DONE, "Done", "")
    assert after.result == done.result and after.finished_at == done.finished_at


def test_a_retry_is_refused_when_the_worker_moved_since_the_page_was_read(chart, personas, login):
    job = start_job(actor=personas.owner, kind=JobKind.HEALTH_CHECK)
    seen = _claimed_elsewhere_long_ago(job)
    assert seen.can_retry  # the owner's page offers "Run it again"
    # Meanwhile the worker, slow but alive, writes progress.
    Progress(Job.objects.get(pk=job.pk)).stage("Writing the report")
    with pytest.raises(InputError, match="the job moved on while you looked"):
        retry_job(actor=personas.owner, job=seen)
    now = Job.objects.get(pk=job.pk)
    assert (now.status, now.attempts, now.stage) == (JobStatus.RUNNING, 1, "Writing the report")
    assert not AuditRecord.objects.filter(object_id=str(job.pk), note="retried").exists()
    assert DBTaskResult.objects.get(pk=job.task_id).status == "RUNNING"
    # Read again, the page no longer offers a retry: the job is running.
    response = login("owner").post(f"/jobs/{job.pk}/retry/", HTTP_HX_REQUEST="true")
    assert response.status_code == 422
    assert "a running job cannot be retried" in response.content.decode()


def test_running_or_done_jobs_cannot_be_retried(chart, personas, login):
    job = start_job(actor=personas.owner, kind=JobKind.HEALTH_CHECK)
    response = login("owner").post(f"/jobs/{job.pk}/retry/", HTTP_HX_REQUEST="true")
    assert response.status_code == 422
    assert "a queued job cannot be retried" in response.content.decode()


def test_two_workers_given_one_job_run_it_once(chart, personas):
    job = start_job(actor=personas.owner, kind=JobKind.HEALTH_CHECK)
    assert execute_job(job.pk).status == JobStatus.DONE
    assert execute_job(job.pk) is None  # already claimed and finished
    assert HealthRun.objects.count() == 1


def test_the_job_page_runs_a_fixed_number_of_queries(
    chart, personas, login, django_assert_num_queries
):
    job = start_job(actor=personas.owner, kind=JobKind.HEALTH_CHECK)
    client = login("member")
    with django_assert_num_queries(4):  # session, user, membership, the job
        assert client.get(f"/jobs/{job.pk}/", HTTP_HX_REQUEST="true").status_code == 200


@pytest.mark.django_db(transaction=True)
def test_progress_inside_an_all_or_nothing_transaction(chart, personas):
    """Progress written during an all-or-nothing write is on the job at once; on PostgreSQL
    other connections (other web workers) see it at once too, through a second connection.
    (SQLite has one writer at a time: there it shows when the work commits.)"""
    job = start_job(actor=personas.owner, kind=JobKind.HEALTH_CHECK)
    other = connections.create_connection(DEFAULT_DB_ALIAS)
    try:
        with transaction.atomic():
            Progress(job).stage("Writing 3 people", total=3)
            job.refresh_from_db()
            assert (job.stage, job.total) == ("Writing 3 people", 3)
            if connection.vendor == "postgresql":
                with other.cursor() as cursor:
                    cursor.execute(
                        'SELECT "stage", "total" FROM "jobs_job" WHERE "id" = %s', [job.pk]
                    )
                    assert cursor.fetchone() == ("Writing 3 people", 3)
    finally:
        other.close()


def test_a_running_job_whose_worker_process_is_gone_is_stalled_at_once(chart, personas):
    import subprocess
    import sys

    gone = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        check=True,
        capture_output=True,
        text=True,
    )
    dead_pid = int(gone.stdout)
    job = start_job(actor=personas.owner, kind=JobKind.HEALTH_CHECK)
    here = this_worker().rpartition(":")[0]  # host and PID namespace
    cases = {
        f"{here}:{dead_pid}": True,  # this machine, process ended: stalled now
        f"{here}:{os.getpid()}": False,  # this machine, alive (this very process)
        f"another-machine/pid:[1]:{dead_pid}": False,  # cannot be asked: wait for STALL_AFTER
        "": False,
    }
    for worker, stalled in cases.items():
        Job.objects.filter(pk=job.pk).update(status=JobStatus.RUNNING, worker=worker)
        job.refresh_from_db()
        assert (job.is_stalled, job.can_retry) == (stalled, stalled), worker
    Job.objects.filter(pk=job.pk).update(updated_at=timezone.now() - dt.timedelta(minutes=6))
    job.refresh_from_db()
    assert job.is_stalled  # the other machine's worker, silent for 6 minutes
