"""The roster API: upload/preview, confirm, status; permissions and bad files."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from practiceos.org.models import Person
from practiceos.roster.models import RosterImport
from tests.roster.conftest import BAMBOO


def _upload(client, data: bytes, name: str = "bamboohr.csv", **extra):
    return client.post("/api/roster/imports", {"file": SimpleUploadedFile(name, data), **extra})


def test_upload_preview_confirm_and_status(login, personas):
    client = login("owner")
    response = _upload(client, BAMBOO.read_bytes())
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["status"] == "previewed" and body["can_confirm"] and body["rows"] == 18
    assert body["summary"]["people"]["hire"] == 17
    response = client.post(f"/api/roster/imports/{body['id']}/confirm")
    assert response.status_code == 202
    status = client.get(f"/api/roster/imports/{body['id']}").json()
    assert status["status"] == "done"
    assert Person.objects.filter(practice=personas.acme).count() == 17


def test_bad_file_is_a_422_naming_the_field(login, personas):
    response = _upload(login("owner"), b"", name="empty.csv")
    assert response.status_code == 422
    assert response.json() == {"detail": [{"field": "file", "message": '"empty.csv" is empty'}]}
    assert not RosterImport.objects.exists()


@pytest.mark.parametrize("who", ["member", "manager"])
def test_member_and_manager_get_403(login, personas, who):
    assert _upload(login(who), BAMBOO.read_bytes()).status_code == 403
    assert not RosterImport.objects.exists()


def test_outsider_gets_404(login, personas, client):
    body = _upload(login("owner"), BAMBOO.read_bytes()).json()
    client.logout()
    outsider = login("outsider")
    assert outsider.get(f"/api/roster/imports/{body['id']}").status_code == 404
    assert outsider.post(f"/api/roster/imports/{body['id']}/confirm").status_code == 404
    assert RosterImport.objects.get().status == "previewed"
