"""A confirmed scorecard upload is saved by the task worker, all or nothing."""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

from practiceos.core import scorecard as sc
from practiceos.jobs.models import Job, JobKind, JobStatus
from practiceos.scorecards.models import Measurable, MeasurableValue
from tests.scorecards.conftest import board  # noqa: F401  (fixture)
from tests.worker import run_worker

LABEL = sc.week_label(sc.week_start(dt.date.today()))


def _preview(client: Any, text: str) -> str:
    f = io.BytesIO(text.encode())
    f.name = "numbers.csv"
    html = client.post("/scorecards/upload/", {"file": f}).content.decode()
    return html.split('name="token" value="')[1].split('"')[0]


def test_a_measurable_archived_while_the_upload_waited_fails_it_with_a_reason(
    login: Any,
    board: Any,  # noqa: F811
) -> None:
    client = login("manager")
    token = _preview(client, f"measurable,period,value\ncases,{LABEL},14\non-time,{LABEL},93%\n")
    client.post("/scorecards/upload/confirm/", {"token": token, "filename": "numbers.csv"})
    job = Job.objects.get(kind=JobKind.SCORECARD_UPLOAD)
    # While the job waits for a worker, someone takes "cases" off the scorecard.
    Measurable.objects.filter(pk=board.cases.pk).update(active=False)

    run_worker()

    job.refresh_from_db()
    assert job.status == JobStatus.FAILED
    assert "cases" in job.error  # the reason names the value no longer accepted
    assert not MeasurableValue.objects.exists()  # nor the other, valid number: all or nothing
    page = client.get(f"/jobs/{job.pk}/").content.decode()
    assert "cases" in page and "Run it again" in page

    # Put back, the same job runs again from the kept file.
    Measurable.objects.filter(pk=board.cases.pk).update(active=True)
    assert client.post(f"/jobs/{job.pk}/retry/").status_code == 302
    run_worker()
    job.refresh_from_db()
    assert job.status == JobStatus.DONE and job.result["created"] == 2
    assert MeasurableValue.objects.count() == 2


def test_a_confirm_whose_file_went_bad_is_refused_at_once_and_nothing_is_queued(
    login: Any,
    board: Any,  # noqa: F811
) -> None:
    client = login("manager")
    token = _preview(client, f"measurable,period,value\ncases,{LABEL},14\n")
    Measurable.objects.filter(pk=board.cases.pk).update(active=False)
    response = client.post("/scorecards/upload/confirm/", {"token": token, "filename": "n.csv"})
    assert response.status_code == 422 and "cases" in response.content.decode()
    assert not Job.objects.exists() and not MeasurableValue.objects.exists()


def test_the_previewed_file_waits_in_the_database_for_its_uploader_only(
    login: Any,
    board: Any,  # noqa: F811
    personas: Any,
    settings: Any,
    tmp_path: Any,
) -> None:
    from django.core.management import call_command
    from django.test import Client

    from practiceos.scorecards.models import PendingUpload

    # Nothing on this machine's disk: any web or task worker, anywhere, finds the file.
    settings.DATA_DIR = tmp_path
    client = login("manager")
    token = _preview(client, f"measurable,period,value\ncases,{LABEL},14\n")
    kept = PendingUpload.objects.get(token=token)
    assert bytes(kept.data).startswith(b"measurable,period,value")
    assert list(tmp_path.iterdir()) == []
    # Another login of the same practice cannot confirm someone else's preview.
    other = Client()
    other.force_login(personas.membership("owner").user)
    response = other.post("/scorecards/upload/confirm/", {"token": token, "filename": "x.csv"})
    assert response.status_code == 404 and not Job.objects.exists()

    client.post("/scorecards/upload/confirm/", {"token": token, "filename": "numbers.csv"})
    run_worker()
    assert Job.objects.get(kind=JobKind.SCORECARD_UPLOAD).status == JobStatus.DONE
    assert not PendingUpload.objects.exists()  # saved: the file is gone

    # A preview never confirmed is purged after --days.
    _preview(client, f"measurable,period,value\ncases,{LABEL},15\n")
    PendingUpload.objects.update(created_at=dt.datetime(2020, 1, 1, tzinfo=dt.UTC))
    out = io.StringIO()
    call_command("purge_job_files", "--days", "7", stdout=out)
    assert "1 unconfirmed scorecard upload" in out.getvalue()
    assert not PendingUpload.objects.exists()
