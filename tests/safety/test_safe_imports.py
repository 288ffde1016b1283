"""Safe imports: a partial roster never ends people silently (web, API, command line)."""

from __future__ import annotations

import html
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse

from practiceos.org.models import Assignment
from practiceos.roster import services
from practiceos.roster.models import ImportStatus, RosterImport
from tests.roster.conftest import BAMBOO, bamboo_rows, write_csv

MAPLE = {"E001", "E002", "E003", "E005", "E007", "E008", "E011", "E012", "E013", "E017"}


@pytest.fixture(autouse=True)
def sync_imports(settings):
    settings.ROSTER_IMPORT_SYNC = True


def _rows(keep):
    return write_csv([r for r in bamboo_rows() if r["Employee #"] in keep])


def _current(practice) -> set[str]:
    return set(
        Assignment.objects.filter(practice=practice, end__isnull=True).values_list(
            "person__employee_id", flat=True
        )
    )


def _text(response) -> str:
    return html.unescape(re.sub(r"<[^>]+>", " ", response.content.decode()))


@pytest.fixture
def staffed(personas):
    """Acme with the 17 current people of the BambooHR sample (E010 has left), imported from the command line."""
    call_command("import_roster", str(BAMBOO), "--practice", "acme", "--no-progress")
    assert len(_current(personas.acme)) == 17
    return personas.acme


def _upload(client, data: bytes, **extra):
    response = client.post(
        reverse("roster:upload"), {"file": SimpleUploadedFile("part.csv", data), **extra}
    )
    assert response.status_code == 302, _text(response)
    return RosterImport.objects.latest("pk")


def test_partial_roster_preview_leads_with_who_ends_and_needs_a_tick(login, staffed):
    client = login("owner")
    job = _upload(client, _rows({"E001", "E002", "E003", "E004", "E005"}))
    page = _text(client.get(reverse("roster:detail", args=[job.pk])))
    warning = page.index("Warning: 12 people not in this file will end")
    assert warning < page.index("Unchanged") and warning < page.index("Assignments ended")
    assert "this file would end 12 of the 17 people currently in the practice (71%" in page
    assert (
        "Ross" in page[warning:]
        and 'name="end_missing"'
        in client.get(reverse("roster:detail", args=[job.pk])).content.decode()
    )
    # Confirming without the tick is refused and changes nothing.
    refused = client.post(reverse("roster:confirm", args=[job.pk]))
    assert refused.status_code == 422
    assert "tick the confirmation" in _text(refused)
    job.refresh_from_db()
    assert job.status == ImportStatus.PREVIEWED
    assert len(_current(staffed)) == 17
    # With the tick, the five stay and the twelve end.
    assert (
        client.post(reverse("roster:confirm", args=[job.pk]), {"end_missing": "on"}).status_code
        == 302
    )
    job.refresh_from_db()
    assert job.status == ImportStatus.DONE, job.error
    assert _current(staffed) == {"E001", "E002", "E003", "E004", "E005"}


def test_command_stops_on_a_partial_roster_unless_end_missing(staffed, tmp_path, capsys):
    part = tmp_path / "part.csv"
    part.write_bytes(_rows({"E001", "E002", "E003", "E004", "E005"}))
    with pytest.raises(CommandError, match="nothing was written; give --end-missing"):
        call_command("import_roster", str(part), "--practice", "acme", "--no-progress")
    err = capsys.readouterr().err
    assert "would end 12 of the 17 people" in err and '"Noah Ross"' in err
    assert len(_current(staffed)) == 17
    call_command("import_roster", str(part), "--practice", "acme", "--no-progress", "--end-missing")
    assert len(_current(staffed)) == 5


def test_a_location_missing_from_the_file_is_named_even_within_the_share(staffed, tmp_path, capsys):
    staffed.policy = {"import_end_share": 1.0}
    staffed.save()
    part = tmp_path / "maple.csv"
    part.write_bytes(_rows(MAPLE))
    with pytest.raises(CommandError):
        call_command("import_roster", str(part), "--practice", "acme", "--no-progress")
    err = capsys.readouterr().err
    assert 'this file has nobody at "Riverside" but would end the 7 people there' in err
    assert "would end 7 of the 17" not in err  # the share itself is allowed
    assert len(_current(staffed)) == 17


def test_limited_to_the_files_locations_other_locations_stay(staffed, tmp_path, capsys):
    part = tmp_path / "maple.csv"
    part.write_bytes(_rows(MAPLE - {"E017"}))
    call_command(
        "import_roster", str(part), "--practice", "acme", "--no-progress", "--only-file-locations"
    )
    # Riverside's seven are untouched; Maple Street's missing person ends (1 of 17: no tick).
    assert _current(staffed) == ({f"E{i:03d}" for i in range(1, 19)} - {"E010", "E017"})


def test_a_small_ordinary_departure_needs_no_confirmation(login, staffed):
    client = login("owner")
    job = _upload(client, _rows({f"E{i:03d}" for i in range(1, 18)}))
    assert job.summary["ending"]["count"] == 1
    assert not services.needs_confirmation(job)
    page = _text(client.get(reverse("roster:detail", args=[job.pk])))
    assert "1 person not in this file will end" in page and "Warning:" not in page
    assert client.post(reverse("roster:confirm", args=[job.pk])).status_code == 302
    assert "E018" not in _current(staffed)


def test_api_confirm_needs_end_missing(login, staffed):
    client = login("owner")
    response = client.post(
        "/api/roster/imports",
        {"file": SimpleUploadedFile("p.csv", _rows({"E001", "E002"}))},
    )
    assert response.status_code == 201
    body = response.json()
    assert body["summary"]["ending"]["needs_confirmation"] is True
    assert body["summary"]["ending"]["count"] == 15
    url = f"/api/roster/imports/{body['id']}/confirm"
    assert client.post(url).status_code == 422
    assert len(_current(staffed)) == 17
    assert client.post(url + "?end_missing=true").status_code == 202
    assert _current(staffed) == {"E001", "E002"}


def _state(practice):
    from practiceos.org.models import Person, Seat

    return (
        sorted(
            Seat.objects.filter(practice=practice).values_list(
                "pk", "name", "reports_to_id", "team_id", "note"
            )
        ),
        sorted(
            Person.objects.filter(practice=practice).values_list(
                "pk", "name", "email", "employee_id"
            )
        ),
        sorted(
            Assignment.objects.filter(practice=practice).values_list(
                "pk", "person_id", "seat_id", "start", "end", "fte", "level"
            )
        ),
    )


def test_a_confirmed_import_is_undone_as_one_step(login, staffed):
    client = login("owner")
    before = _state(staffed)
    rows = [r for r in bamboo_rows() if r["Employee #"] != "E018"]
    rows[4]["Location"] = "Riverside"  # E005 transfers
    rows[1]["Work Email"] = "chi@new.example"  # a detail changes
    rows.append({**rows[-1], "Employee #": "E099", "First Name": "Nia", "Last Name": "New",
                 "Work Email": "nia@brightsmile.example", "Job Title": "Orthodontist"})  # fmt: skip
    job = _upload(client, write_csv(rows))
    assert client.post(reverse("roster:confirm", args=[job.pk])).status_code == 302
    job.refresh_from_db()
    assert job.status == ImportStatus.DONE, job.error
    assert _state(staffed) != before
    page = client.get(reverse("roster:detail", args=[job.pk])).content.decode()
    assert 'id="undo-import"' in page
    assert client.post(reverse("roster:undo", args=[job.pk])).status_code == 302
    job.refresh_from_db()
    assert job.status == ImportStatus.UNDONE
    assert _state(staffed) == before
    # Undone once only.
    assert client.post(reverse("roster:undo", args=[job.pk])).status_code == 422


def test_undo_is_refused_when_something_newer_touched_the_same_people(login, staffed):
    from practiceos.org.services import update

    client = login("owner")
    rows = [r for r in bamboo_rows() if r["Employee #"] != "E018"]
    job = _upload(client, write_csv(rows))
    client.post(reverse("roster:confirm", args=[job.pk]))
    job.refresh_from_db()
    assert job.status == ImportStatus.DONE, job.error
    # The import ended E018's assignment; someone then changes that assignment.
    ended = Assignment.objects.get(practice=staffed, person__employee_id="E018")
    # A real change (the export may already give a part-timer 0.5).
    update(staffed_owner(staffed), ended, {"fte": "0.3" if ended.fte == 0.5 else "0.5"})
    after = _state(staffed)
    response = client.post(reverse("roster:undo", args=[job.pk]))
    assert response.status_code == 422
    assert "(assignment) was updated" in _text(response) and "by owner after this import" in _text(
        response
    )
    job.refresh_from_db()
    assert job.status == ImportStatus.DONE and _state(staffed) == after


def staffed_owner(practice):
    from practiceos.tenancy.models import Membership

    return Membership.objects.get(practice=practice, role="owner")
