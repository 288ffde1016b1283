"""A confirmed roster import runs on a task worker, and its page follows it from the queue."""

from __future__ import annotations

from django.core.files.uploadedfile import SimpleUploadedFile

from practiceos.jobs.models import Job, JobKind, JobStatus
from practiceos.org.models import Person
from practiceos.roster.models import ImportStatus, RosterImport
from practiceos.tenancy.models import MemberRole, Membership
from tests.roster.conftest import BAMBOO
from tests.worker import run_worker


def test_a_confirmed_import_is_queued_then_run_by_the_worker(login, personas, settings):
    settings.ROSTER_IMPORT_SYNC = False  # the real path: a job on the queue
    client = login("owner")
    client.post("/roster/", {"file": SimpleUploadedFile("bamboohr.csv", BAMBOO.read_bytes())})
    upload = RosterImport.objects.get()
    assert client.post(f"/roster/{upload.pk}/confirm/").status_code == 302

    job = Job.objects.get()
    assert (job.kind, job.status, job.params) == (
        JobKind.ROSTER_IMPORT,
        JobStatus.QUEUED,
        {"import_id": upload.pk},
    )
    assert job.requested_by == personas.owner
    upload.refresh_from_db()
    assert upload.status == ImportStatus.RUNNING and not Person.objects.exists()

    run_worker()

    job.refresh_from_db()
    upload.refresh_from_db()
    assert job.status == JobStatus.DONE and upload.status == ImportStatus.DONE
    assert Person.objects.filter(practice=personas.acme).count() == 17
    page = client.get(f"/jobs/{job.pk}/").content.decode()
    assert f'href="/roster/{upload.pk}/"' in page


def test_people_added_while_the_import_waited_fail_it_with_a_stored_reason(
    login, personas, settings, request
):
    """Previewed against an empty practice, the file ended nobody; by the time a worker
    runs it, the chart has people the file does not name: ending them was never
    confirmed, so the job fails, writes nothing and says why."""
    settings.ROSTER_IMPORT_SYNC = False
    client = login("owner")
    client.post("/roster/", {"file": SimpleUploadedFile("bamboohr.csv", BAMBOO.read_bytes())})
    upload = RosterImport.objects.get()
    assert client.post(f"/roster/{upload.pk}/confirm/").status_code == 302
    chart = request.getfixturevalue("chart")  # the chart changes under the queued import
    before = set(Person.objects.values_list("pk", flat=True))

    run_worker()

    job = Job.objects.get()
    upload.refresh_from_db()
    assert job.status == JobStatus.FAILED and upload.status == ImportStatus.FAILED
    assert "nothing was written" in job.error
    assert "would end" in job.error and chart.alice.name in job.error
    assert set(Person.objects.values_list("pk", flat=True)) == before
    page = client.get(f"/jobs/{job.pk}/").content.decode()
    assert "would end" in page


def test_a_failed_import_runs_again_from_its_job_once_the_cause_is_gone(login, personas, settings):
    settings.ROSTER_IMPORT_SYNC = False
    client = login("owner")
    client.post("/roster/", {"file": SimpleUploadedFile("bamboohr.csv", BAMBOO.read_bytes())})
    upload = RosterImport.objects.get()
    client.post(f"/roster/{upload.pk}/confirm/")
    # While it waits, the uploader stops being an owner: the import may not run.
    Membership.objects.filter(pk=personas.owner.pk).update(role=MemberRole.MEMBER)
    run_worker()
    job = Job.objects.get()
    upload.refresh_from_db()
    assert job.status == JobStatus.FAILED and upload.status == ImportStatus.FAILED
    assert not Person.objects.exists()

    Membership.objects.filter(pk=personas.owner.pk).update(role=MemberRole.OWNER)
    assert client.post(f"/jobs/{job.pk}/retry/").status_code == 302
    run_worker()
    job.refresh_from_db()
    upload.refresh_from_db()
    assert job.status == JobStatus.DONE and upload.status == ImportStatus.DONE
    assert Person.objects.filter(practice=personas.acme).count() == 17
