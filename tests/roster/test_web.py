"""The import pages: permissions, bad files, the whole flow, progress, query counts."""

from __future__ import annotations

import html
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from hypothesis import HealthCheck, given
from hypothesis import settings as hsettings
from hypothesis import strategies as st

from practiceos.audit.models import AuditRecord
from practiceos.org.models import Person, Seat
from practiceos.roster import services
from practiceos.roster.models import ImportStatus, RosterFile, RosterImport
from tests.roster.conftest import BAMBOO, SAMPLES, bamboo_rows, write_csv

UPLOAD = reverse("roster:upload")


def _files() -> set[int]:
    """The imports whose uploaded file is kept (in the database)."""
    return set(RosterFile.objects.values_list("roster_import_id", flat=True))


def _text(response) -> str:
    """The page as text, tags removed and entities decoded."""
    return html.unescape(re.sub(r"<[^>]+>", "", response.content.decode()))


def _post(client, name: str, data: bytes, **extra):
    return client.post(UPLOAD, {"file": SimpleUploadedFile(name, data), **extra})


def _nothing_written(personas) -> None:
    assert RosterImport.objects.count() == 0
    assert Seat.objects.filter(practice=personas.acme).count() == 0
    assert not AuditRecord.objects.exists()


@pytest.mark.parametrize("who", ["member", "manager"])
def test_member_and_manager_get_403_and_nothing_changes(login, personas, who):
    client = login(who)
    files = _files()
    assert client.get(UPLOAD).status_code == 403
    assert _post(client, "b.csv", BAMBOO.read_bytes()).status_code == 403
    _nothing_written(personas)
    assert _files() == files


@pytest.mark.parametrize("who", ["owner", "admin"])
def test_owner_and_admin_see_the_form(login, who):
    response = login(who).get(UPLOAD)
    assert response.status_code == 200
    assert b'name="file"' in response.content


def test_outsider_gets_404_on_another_practices_import(login, personas):
    owner = login("owner")
    assert _post(owner, "b.csv", BAMBOO.read_bytes()).status_code == 302
    job = RosterImport.objects.get()
    owner.logout()
    outsider = login("outsider")
    for url in (reverse("roster:detail", args=[job.pk]), reverse("roster:problems", args=[job.pk])):
        assert outsider.get(url).status_code == 404
    assert outsider.post(reverse("roster:confirm", args=[job.pk])).status_code == 404
    job.refresh_from_db()
    assert job.status == ImportStatus.PREVIEWED
    assert Person.objects.filter(practice=personas.acme).count() == 0


@pytest.mark.parametrize(
    ("name", "data", "expected"),
    [
        ("roster.pdf", b"%PDF-1.4 junk", 'file: "roster.pdf" has the type ".pdf"'),
        ("roster.csv", b"%PDF-1.4 junk", 'file: "roster.csv" is a PDF document'),
        ("roster.csv", b"", 'file: "roster.csv" is empty'),
        ("roster.csv", b"   \n\n  ", 'file: "roster.csv" is empty'),
        ("roster.csv", bytes(range(256)) * 4, 'file: "roster.csv" holds binary data'),
        ("roster.xlsx", b"PK\x03\x04not really a zip", "file: not a readable .xlsx workbook"),
        ("roster.xls", b"a,b\n1,2\n", 'file: "roster.xls": old Excel .xls files'),
        ("roster.csv", b"Foo,Bar\n1,2\n", 'headers: could not find a name column (full name, or first and last name); saw "Foo", "Bar"'),
        (
            "generic_weird.csv",
            (SAMPLES / "generic_weird.csv").read_bytes(),
            'could not find a job title column; saw "Emp #", "Worker", "Posn"',
        ),
    ],
)  # fmt: skip
def test_bad_files_get_a_clear_message_and_write_nothing(login, personas, name, data, expected):
    files = _files()
    response = _post(login("owner"), name, data)
    assert response.status_code == 422
    assert expected in _text(response)
    _nothing_written(personas)
    assert _files() == files


def test_a_bad_column_map_names_the_field(login, personas):
    response = _post(
        login("owner"),
        "r.csv",
        (SAMPLES / "generic_weird.csv").read_bytes(),
        columns="job_titel: Posn",
    )
    assert response.status_code == 422
    assert 'columns: unknown field "job_titel"' in _text(response)
    _nothing_written(personas)


def test_a_file_over_50_mb_is_refused(login, personas):
    data = b"Name,Job Title\n" + b"x" * (services.MAX_UPLOAD_BYTES + 1)
    response = _post(login("owner"), "big.csv", data)
    assert response.status_code == 422
    assert 'file: "big.csv" is 50.0 MB; the limit is 50 MB' in _text(response)
    _nothing_written(personas)


def test_no_file_chosen(login, personas):
    response = login("owner").post(UPLOAD, {})
    assert response.status_code == 422
    assert "file: no file chosen" in _text(response)


@hsettings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    data=st.binary(max_size=600), name=st.sampled_from(["r.csv", "r.xlsx", "r.txt", "r", "r.tsv"])
)
def test_no_upload_gives_a_server_error(login, personas, data, name):
    response = _post(login("owner"), name, b"Name,Job Title\n" + data if len(data) % 2 else data)
    assert response.status_code in (302, 422)


def test_the_whole_flow_upload_preview_confirm_done(login, personas):
    client = login("owner")
    response = _post(client, "bamboohr.csv", BAMBOO.read_bytes())
    job = RosterImport.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse(
        "roster:detail", args=[job.pk]
    )
    page = client.get(response["Location"]).content.decode()
    assert "This is what the import will do" in page
    assert '<tr data-kind="hire"><td>New hires' in page and '<td class="num">17</td>' in page
    assert "row 3: Chinedu Okafor — Office Manager at Maple Street" in page
    assert "Former employees not added" in page
    assert 'id="confirm-import"' in page
    assert Seat.objects.filter(practice=personas.acme).count() == 0  # a preview writes no chart

    stored = job.pk
    assert stored in _files()
    response = client.post(reverse("roster:confirm", args=[job.pk]))
    assert response.status_code == 302
    job.refresh_from_db()
    assert job.status == ImportStatus.DONE and job.finished_at
    assert Person.objects.filter(practice=personas.acme).count() == 17
    page = client.get(reverse("roster:detail", args=[job.pk])).content.decode()
    assert "Import done" in page and reverse("org:chart") in page
    assert stored not in _files()  # the roster's personal data is not kept once imported
    # A second confirm is refused and writes nothing more.
    audits = AuditRecord.objects.count()
    response = client.post(reverse("roster:confirm", args=[job.pk]))
    assert response.status_code == 422
    assert "only a preview can start" in response.content.decode()
    assert AuditRecord.objects.count() == audits


def test_a_file_with_problems_is_previewed_with_every_problem_and_cannot_be_confirmed(
    login, personas
):
    client = login("owner")
    _post(client, "broken.csv", (SAMPLES / "broken.csv").read_bytes())
    job = RosterImport.objects.get()
    page = client.get(reverse("roster:detail", args=[job.pk])).content.decode()
    assert "12 problems must be fixed first" in page
    for where in (
        "row 7, manager:",
        "row 13, name:",
        "row 15, hire date:",
        "row 21, manager email:",
    ):
        assert where in page
    assert 'id="confirm-import"' not in page
    assert client.post(reverse("roster:confirm", args=[job.pk])).status_code == 422
    text = client.get(reverse("roster:problems", args=[job.pk])).content.decode()
    assert text.count("problem: row") == 12
    assert Person.objects.filter(practice=personas.acme).count() == 0


def test_column_map_in_the_form_imports_an_unknown_layout(login, personas):
    client = login("owner")
    columns = (SAMPLES / "generic_weird_columns.yaml").read_text()
    response = _post(
        client, "weird.csv", (SAMPLES / "generic_weird.csv").read_bytes(), columns=columns
    )
    assert response.status_code == 302
    job = RosterImport.objects.get()
    client.post(reverse("roster:confirm", args=[job.pk]))
    assert (
        Person.objects.filter(practice=personas.acme).count()
        == job.summary["created"]["people"]
        > 10
    )


def test_running_import_polls_a_fragment_with_its_progress(login, personas, monkeypatch):
    client = login("owner")
    _post(client, "bamboohr.csv", BAMBOO.read_bytes())
    job = RosterImport.objects.get()
    RosterImport.objects.filter(pk=job.pk).update(status=ImportStatus.RUNNING)
    monkeypatch.setitem(services._LIVE, job.pk, ("seats", 9, 18))
    url = reverse("roster:detail", args=[job.pk])
    fragment = client.get(url, HTTP_HX_REQUEST="true").content.decode()
    assert fragment.startswith('<div id="import-status" data-status="running"')
    assert 'hx-trigger="every 700ms"' in fragment
    assert 'value="50"' in fragment and "seats: 9 of 18" in fragment
    assert "<html" not in fragment
    # Once done, the fragment stops polling.
    monkeypatch.delitem(services._LIVE, job.pk)
    RosterImport.objects.filter(pk=job.pk).update(status=ImportStatus.DONE)
    fragment = client.get(url, HTTP_HX_REQUEST="true").content.decode()
    assert "hx-trigger" not in fragment and "Import done" in fragment


def test_run_import_directly_as_the_thread_does(login, personas, settings):
    settings.ROSTER_IMPORT_SYNC = False
    client = login("owner")
    _post(client, "bamboohr.csv", BAMBOO.read_bytes())
    job = RosterImport.objects.get()
    started = []
    monkey_start = services.start_import
    try:
        services.start_import = lambda job, actor=None: started.append(job)  # type: ignore[assignment]
        services.confirm_import(actor=personas.owner, job=job)
    finally:
        services.start_import = monkey_start
    assert [j.pk for j in started] == [job.pk]
    assert RosterImport.objects.get().status == ImportStatus.RUNNING
    job = services.run_import(job.pk)
    assert job.status == ImportStatus.DONE
    assert job.summary["people"]["hire"] == 17
    assert services.live_progress(job.pk) is None


def test_an_import_whose_uploader_lost_the_right_fails_and_writes_nothing(login, personas):
    client = login("owner")
    _post(client, "bamboohr.csv", BAMBOO.read_bytes())
    job = RosterImport.objects.get()
    RosterImport.objects.filter(pk=job.pk).update(status=ImportStatus.RUNNING)
    personas.owner.role = "member"
    personas.owner.save()
    job = services.run_import(job.pk)
    assert job.status == ImportStatus.FAILED and "nothing was written" in job.error
    assert Person.objects.filter(practice=personas.acme).count() == 0


def _rows(n: int) -> bytes:
    rows = bamboo_rows()
    extra = [
        {
            **rows[8],
            "Employee #": f"N{i:04d}",
            "First Name": f"Pat{i}",
            "Work Email": f"pat{i}@x.example",
        }
        for i in range(n)
    ]
    return write_csv(rows + extra)


@pytest.mark.parametrize("path", ["detail", "fragment", "problems"])
def test_pinned_query_counts_whatever_the_roster_size(login, personas, path):
    client = login("owner")
    counts = []
    for size in (5, 400):
        _post(client, f"r{size}.csv", _rows(size))
        job = RosterImport.objects.order_by("-pk").first()
        assert job.rows == 18 + size
        url = reverse("roster:problems" if path == "problems" else "roster:detail", args=[job.pk])
        headers = {"HTTP_HX_REQUEST": "true"} if path == "fragment" else {}
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url, **headers).status_code == 200
        counts.append(len(ctx))
    assert counts[0] == counts[1] <= 4
