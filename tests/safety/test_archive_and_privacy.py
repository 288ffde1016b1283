"""Archive and restore chart objects; erase and export a person's data."""

from __future__ import annotations

import datetime as dt
import html
import json

import pytest

from practiceos.audit.models import AuditRecord
from practiceos.core.problems import InputError
from practiceos.org.archiving import archive_object, restore_object
from practiceos.org.models import Assignment, Seat
from practiceos.org.snapshot import build_snapshot
from practiceos.roster.models import RosterImport


def _post(client, url: str, body: object = None):
    return client.post(url, json.dumps(body or {}), content_type="application/json")


def test_archived_seat_leaves_the_chart_and_checks_keeps_history_and_comes_back(
    login, chart, personas
):
    client = login("owner")
    seat = chart.tech_seat  # vacant, reports to the manager, serves the surgeon
    response = _post(client, f"/api/seats/{seat.pk}/archive")
    assert response.status_code == 200 and response.json()["archived_at"]
    snap = build_snapshot(personas.acme)
    assert str(seat.pk) not in snap.seats_by_id
    assert all(str(seat.pk) not in s.serves for s in snap.seats)
    assert seat.name not in client.get("/org/").content.decode()
    assert Seat.objects.filter(pk=seat.pk).exists()  # kept
    records = AuditRecord.objects.filter(object_type="org.seat", object_id=str(seat.pk))
    assert records.filter(action="archived").count() == 1
    assert _post(client, f"/api/seats/{seat.pk}/restore").json()["archived_at"] is None
    assert str(seat.pk) in build_snapshot(personas.acme).seats_by_id
    assert records.filter(action="restored").count() == 1


@pytest.mark.parametrize(
    ("kind", "attr", "message"),
    [
        ("seats", "owner_seat", "still hold this seat; end the assignment first"),
        ("seats", "manager_seat", "report to this seat; give them another manager first"),
        ("people", "alice", 'holds \\"Owner\\"; end the assignments first'),
        ("locations", "downtown", "seat(s) still use it"),
        ("roles", "owner_role", "seat(s) still use it"),
        ("teams", "team", None),
    ],
)
def test_archiving_what_is_in_use_is_refused_naming_what_to_change(
    login, chart, kind, attr, message
):
    client = login("owner")
    obj = getattr(chart, attr)
    response = _post(client, f"/api/{kind}/{obj.pk}/archive")
    if message is None:  # a team no seat belongs to may go
        assert response.status_code == 200
        return
    assert response.status_code == 422
    assert message in response.content.decode()
    obj.refresh_from_db()
    assert obj.archived_at is None


def test_members_cannot_archive_and_outsiders_get_404(login, chart, personas):
    assert _post(login("member"), f"/api/seats/{chart.tech_seat.pk}/archive").status_code == 403
    outsider = login("outsider")
    assert _post(outsider, f"/api/seats/{chart.tech_seat.pk}/archive").status_code == 404
    chart.tech_seat.refresh_from_db()
    assert chart.tech_seat.archived_at is None


def test_a_roster_import_that_names_an_archived_person_brings_them_back(chart, personas):
    from practiceos.roster.services import apply_plan, plan_import, read_upload

    Assignment.objects.filter(pk=chart.bob_surgeon.pk).update(end=dt.date(2024, 1, 1))
    archive_object(actor=personas.owner, obj=chart.bob)
    data = (
        b"Employee #,First Name,Last Name,Job Title,Location,Reporting to,Work Email\n"
        b"E1,Alice,Owner,Owner,Downtown,,alice@acme.example\n"
        b'E2,Bob,Surgeon,Orthopedic Surgeon,Downtown,"Owner, Alice",bob@acme.example\n'
    )
    preview = plan_import(personas.acme, read_upload(data, "r.csv"), allow_unresolved=True)
    assert not preview.plan.blocking, preview.plan.blocking_problems
    apply_plan(preview.plan, practice=personas.acme, actor=None, note="test")
    chart.bob.refresh_from_db()
    assert chart.bob.archived_at is None  # not a duplicate person: the same one, back
    assert AuditRecord.objects.filter(
        object_type="org.person", object_id=str(chart.bob.pk), action="restored"
    ).exists()


def test_export_a_persons_data(login, chart):
    response = login("owner").get(f"/api/people/{chart.alice.pk}/data")
    assert response.status_code == 200
    data = response.json()
    assert data["person"]["email"] == "alice@acme.example"
    assert data["assignments"][0]["seat"] == "Owner"
    assert login("manager").get(f"/api/people/{chart.alice.pk}/data").status_code == 403
    assert login("outsider").get(f"/api/people/{chart.alice.pk}/data").status_code == 404


def test_erase_a_person_removes_their_details_everywhere_and_keeps_history(login, chart, personas):
    client = login("owner")
    # Holding a seat: refused until the assignment ends.
    assert _post(client, f"/api/people/{chart.bob.pk}/erase").status_code == 422
    Assignment.objects.filter(pk=chart.bob_surgeon.pk).update(end=dt.date(2024, 1, 1))
    AuditRecord.objects.create(
        practice=personas.acme,
        action="updated",
        object_type="org.person",
        object_id=str(chart.bob.pk),
        object_repr="Bob Surgeon",
        before={"email": "bob@acme.example"},
        after={"email": "bob@new.example", "name": "Bob Surgeon"},
    )
    job = RosterImport.objects.create(
        practice=personas.acme,
        filename="r.csv",
        summary={"ending": {"names": ["Bob Surgeon"]}},
        warnings=[{"where": "row 3", "message": 'check "Bob Surgeon"'}],
    )
    response = _post(client, f"/api/people/{chart.bob.pk}/erase")
    assert response.status_code == 200
    chart.bob.refresh_from_db()
    assert chart.bob.name == f"Erased person #{chart.bob.pk}"
    assert (chart.bob.email, chart.bob.employee_id, chart.bob.archived) == ("", "", True)
    assert Assignment.objects.filter(person=chart.bob).count() == 1  # history kept
    dump = json.dumps(
        list(
            AuditRecord.objects.filter(practice=personas.acme).values(
                "object_repr", "before", "after"
            )
        )
    )
    job.refresh_from_db()
    dump += json.dumps([job.summary, job.warnings])
    assert "Bob Surgeon" not in dump and "bob@acme.example" not in dump
    assert AuditRecord.objects.filter(object_id=str(chart.bob.pk), action="erased").count() == 1


def test_restoring_what_is_not_archived_is_refused(chart, personas):
    with pytest.raises(InputError, match="is already not archived"):
        restore_object(actor=personas.owner, obj=Seat.objects.get(pk=chart.owner_seat.pk))


def test_the_seat_page_archives_and_restores(login, chart):
    client = login("owner")
    url = f"/org/seats/{chart.tech_seat.pk}/"
    assert 'id="archive-toggle"' in client.get(url).content.decode()
    page = client.post(f"/org/seats/{chart.tech_seat.pk}/archive/", follow=True)
    text = page.content.decode()
    assert "is archived: off the chart and the checks" in text and 'id="archived-pill"' in text
    chart.tech_seat.refresh_from_db()
    assert chart.tech_seat.archived_at is not None
    client.post(f"/org/seats/{chart.tech_seat.pk}/archive/")
    chart.tech_seat.refresh_from_db()
    assert chart.tech_seat.archived_at is None
    # In use: refused with the reason on the page, nothing changes.
    page = client.post(f"/org/seats/{chart.owner_seat.pk}/archive/", follow=True)
    assert "still hold this seat" in page.content.decode()
    chart.owner_seat.refresh_from_db()
    assert chart.owner_seat.archived_at is None


def test_members_see_no_archive_button_and_cannot_post(login, chart):
    client = login("member")
    assert (
        'id="archive-toggle"'
        not in client.get(f"/org/seats/{chart.tech_seat.pk}/").content.decode()
    )
    assert client.post(f"/org/seats/{chart.tech_seat.pk}/archive/").status_code == 403
    assert login("outsider").post(f"/org/seats/{chart.tech_seat.pk}/archive/").status_code == 404


def test_export_then_load_keeps_archived_objects_and_their_history(chart, personas):
    from practiceos.core.orgfile import dump_org, parse_org
    from practiceos.org.loading import load_snapshot

    Assignment.objects.filter(pk=chart.bob_surgeon.pk).update(end=dt.date(2024, 1, 1))
    archive_object(actor=personas.owner, obj=chart.tech_seat)
    archive_object(actor=personas.owner, obj=chart.bob)
    text = dump_org(build_snapshot(personas.acme))
    assert "Surgical Technologist 1" not in text and "Bob Surgeon" not in text
    load_snapshot(parse_org(text), actor=personas.owner)
    chart.tech_seat.refresh_from_db()
    chart.bob.refresh_from_db()
    assert chart.tech_seat.archived and chart.bob.archived  # kept, still archived
    assert Assignment.objects.filter(pk=chart.bob_surgeon.pk).exists()  # history kept
    assert chart.tech_seat.service_links.exists()
    # A file that lists an archived object brings it back.
    doc = parse_org(text)
    from dataclasses import replace

    from practiceos.core.model import Seat as CoreSeat
    from practiceos.core.model import SeatKind

    doc = replace(
        doc,
        seats=(*doc.seats, CoreSeat(id="t", name="Surgical Technologist 1", kind=SeatKind.SUPPORT)),
    )
    load_snapshot(doc, actor=personas.owner)
    chart.tech_seat.refresh_from_db()
    assert not chart.tech_seat.archived
    assert AuditRecord.objects.filter(
        object_type="org.seat", object_id=str(chart.tech_seat.pk), action="restored"
    ).exists()


def _unused_role(personas):
    from practiceos.org import services

    return services.create(
        personas.owner, services.Role, {"title": "Float Nurse", "kind": "support"}
    )


def test_the_role_page_archives_and_restores_an_unused_role(login, chart, personas):
    role = _unused_role(personas)
    client = login("owner")
    url = f"/org/roles/{role.pk}/"
    assert 'id="archive-toggle"' in client.get(url).content.decode()
    page = client.post(f"/org/roles/{role.pk}/archive/", follow=True)
    text = html.unescape(page.content.decode())
    assert page.redirect_chain[-1][0] == url
    assert '"Float Nurse" is archived' in text and 'id="archived-pill"' in text
    role.refresh_from_db()
    assert role.archived_at is not None
    assert all(r.title != "Float Nurse" for r in build_snapshot(personas.acme).roles)
    listing = client.get("/org/roles/?q=Float").content.decode()
    assert "Float Nurse" in listing and "Archived" in listing
    records = AuditRecord.objects.filter(object_type="org.role", object_id=str(role.pk))
    assert records.filter(action="archived").count() == 1
    page = client.post(f"/org/roles/{role.pk}/archive/", follow=True)
    assert '"Float Nurse" is restored' in html.unescape(page.content.decode())
    role.refresh_from_db()
    assert role.archived_at is None
    assert records.filter(action="restored").count() == 1


def test_archiving_a_role_seats_use_is_refused_on_the_page_naming_the_seats(login, chart):
    client = login("owner")
    audits = AuditRecord.objects.count()
    page = client.post(f"/org/roles/{chart.tech_role.pk}/archive/", follow=True)
    text = html.unescape(page.content.decode())
    assert "Not archived: 1 seat(s) still use it" in text
    assert chart.tech_seat.name in text
    chart.tech_role.refresh_from_db()
    assert chart.tech_role.archived_at is None
    assert AuditRecord.objects.count() == audits


@pytest.mark.parametrize("persona", ["owner", "admin", "manager", "member", "outsider"])
def test_who_may_archive_a_role_from_its_page(login, chart, personas, persona):
    """The role page's button follows the permission table: edit_structure (the same
    gate as the API's POST /api/roles/{id}/archive); outsiders get 404."""
    from practiceos.tenancy.permissions import Action, allows

    role = _unused_role(personas)
    client = login(persona)
    allowed = persona != "outsider" and allows(
        personas.membership(persona).role, Action.EDIT_STRUCTURE
    )
    if persona != "outsider":
        page = client.get(f"/org/roles/{role.pk}/").content.decode()
        assert ('id="archive-toggle"' in page) == allowed
    audits = AuditRecord.objects.count()
    response = client.post(f"/org/roles/{role.pk}/archive/")
    role.refresh_from_db()
    if allowed:
        assert response.status_code == 302 and role.archived_at is not None
        assert AuditRecord.objects.count() == audits + 1
    else:
        assert response.status_code == (404 if persona == "outsider" else 403)
        assert role.archived_at is None and AuditRecord.objects.count() == audits
