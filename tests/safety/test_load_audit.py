"""``load`` records every change per object: each kind of field, service links, lines."""

from __future__ import annotations

import json

from practiceos.audit.models import AuditRecord
from practiceos.core.orgfile import parse_org
from practiceos.org.loading import load_snapshot
from practiceos.org.models import Seat, ServiceLink

BASE = {
    "practice": {"name": "Audit Dental", "slug": "audit-dental"},
    "locations": [{"name": "Main", "address": "1 Main St"}],
    "teams": [{"name": "Front", "manager": "Owner", "goal": "Short waits"}],
    "roles": [
        {"title": "Owner", "kind": "leadership"},
        {"title": "Dentist", "kind": "provider", "purpose": "Care"},
        {"title": "Assistant", "kind": "support"},
    ],
    "seats": [
        {"name": "Owner", "role": "Owner", "location": "Main"},
        {"name": "Dentist 1", "role": "Dentist", "location": "Main", "reports_to": "Owner"},
        {
            "name": "Assistant 1",
            "role": "Assistant",
            "location": "Main",
            "reports_to": "Owner",
            "serves": ["Dentist 1"],
            "team": "Front",
        },
    ],
    "people": [
        {"name": "Olive", "email": "olive@a.example", "seats": [{"seat": "Owner"}]},
        {"name": "Dan", "employee_id": "D1", "seats": [{"seat": "Dentist 1", "fte": 0.8}]},
    ],
}


def _load(doc: dict) -> None:
    load_snapshot(parse_org(json.dumps(doc)), actor=None)


def _records(after_pk: int) -> list[tuple[str, str, dict | None, dict | None]]:
    return list(
        AuditRecord.objects.filter(pk__gt=after_pk)
        .order_by("pk")
        .values_list("action", "object_type", "before", "after")
    )


def test_first_load_records_every_object_with_its_lines_and_links(db):
    _load(BASE)
    records = _records(0)
    kinds = [kind for _, kind, _, _ in records]
    assert kinds.count("org.seat") == 3
    assert kinds.count("org.servicelink") == 1
    assert kinds.count("org.person") == 2 and kinds.count("org.assignment") == 2
    seats = {s.name: s for s in Seat.objects.all()}
    created = {after["name"]: after for action, kind, _, after in records if kind == "org.seat"}
    # A new seat's record carries its reporting line.
    assert created["Dentist 1"]["reports_to"] == seats["Owner"].pk
    assert created["Owner"]["reports_to"] is None


def test_changing_each_kind_of_field_writes_one_record_per_object_changed(db):
    _load(BASE)
    last = AuditRecord.objects.order_by("-pk").values_list("pk", flat=True).first()
    doc = json.loads(json.dumps(BASE))
    doc["locations"][0]["address"] = "2 Main St"  # location field
    doc["teams"][0]["goal"] = "Shorter waits"  # team field
    doc["roles"][1]["purpose"] = "Excellent care"  # role field
    doc["seats"][2]["serves"] = []  # service link removed
    doc["seats"][2]["reports_to"] = "Dentist 1"  # reporting line changed
    doc["people"][1]["name"] = "Daniel"  # person field
    doc["people"][1]["seats"][0]["fte"] = 1.0  # assignment field
    _load(doc)
    records = _records(last)
    by_kind: dict[str, list] = {}
    for action, kind, before, after in records:
        by_kind.setdefault(kind, []).append((action, before, after))
    assert by_kind["org.location"] == [
        ("loaded", {"address": "1 Main St"}, {"address": "2 Main St"})
    ]
    assert [r[2] for r in by_kind["org.team"]] == [{"goal": "Shorter waits"}]
    assert [r[2] for r in by_kind["org.role"]] == [{"purpose": "Excellent care"}]
    assert by_kind["org.servicelink"][0][0] == "deleted"
    assert not ServiceLink.objects.exists()
    dentist = Seat.objects.get(name="Dentist 1")
    assert [r[2] for r in by_kind["org.seat"]] == [{"reports_to": dentist.pk}]
    assert [r[2] for r in by_kind["org.person"]] == [{"name": "Daniel"}]
    assert [r[2] for r in by_kind["org.assignment"]] == [{"fte": "1"}]
    assert len(records) == 7
    # Loading the same file again changes nothing and records nothing.
    last = records and AuditRecord.objects.order_by("-pk").values_list("pk", flat=True).first()
    _load(doc)
    assert _records(last) == []
