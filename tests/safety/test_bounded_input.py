"""Bounded input from one source of truth (``core.limits``), and the inputs that gave a 500."""

from __future__ import annotations

import json
import zipfile
from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from practiceos.core import limits
from practiceos.core.limits import LISTS, TEXT
from practiceos.core.model import Person, PracticeInfo, Role, SeatKind, Snapshot
from practiceos.core.orgfile import parse_org
from practiceos.core.problems import InputError
from practiceos.org import schemas
from practiceos.org.loading import load_snapshot
from practiceos.org.models import Location, Seat, Team
from practiceos.org.models import Person as PersonRow
from practiceos.org.models import Role as RoleRow
from practiceos.org.services import FIELDS
from practiceos.tenancy.models import Practice

# (limits key, model, field, org-file section, API schema)
TEXT_FIELDS = [
    ("location.name", Location, "name", "locations", schemas.LocationIn),
    ("location.address", Location, "address", "locations", schemas.LocationIn),
    ("team.name", Team, "name", "teams", schemas.TeamIn),
    ("team.goal", Team, "goal", "teams", schemas.TeamIn),
    ("role.title", RoleRow, "title", "roles", schemas.RoleIn),
    ("role.purpose", RoleRow, "purpose", "roles", schemas.RoleIn),
    ("seat.name", Seat, "name", "seats", schemas.SeatIn),
    ("seat.note", Seat, "note", "seats", schemas.SeatIn),
    ("person.name", PersonRow, "name", "people", schemas.PersonIn),
    ("person.preferred_name", PersonRow, "preferred_name", "people", schemas.PersonIn),
    ("person.email", PersonRow, "email", "people", schemas.PersonIn),
    ("person.employee_id", PersonRow, "employee_id", "people", schemas.PersonIn),
]


def _schema_max(schema, field: str) -> int | None:
    for meta in schema.model_fields[field].metadata:
        if getattr(meta, "max_length", None) is not None:
            return int(meta.max_length)
    return None


@pytest.mark.parametrize(("key", "model", "field", "section", "schema"), TEXT_FIELDS)
def test_model_service_and_schema_read_the_same_limit(key, model, field, section, schema):
    limit = TEXT[key]
    column = model._meta.get_field(field)
    if column.get_internal_type() != "TextField":
        assert column.max_length == limit
    declared = {f.name: f for f in FIELDS[model]}[field]
    assert declared.max_length == limit
    assert _schema_max(schema, field) == limit


def _org(section: str, field: str, value: str) -> str:
    """A small valid org file with ``value`` in ``section``'s ``field``."""
    entries = {
        "locations": {"name": "Main"},
        "teams": {"name": "Front"},
        "roles": {"title": "Owner", "kind": "leadership"},
        "seats": {"name": "Owner seat", "role": "Owner", "location": "Main"},
        "people": {"name": "Olive", "seats": [{"seat": "Owner seat"}]},
    }
    entries[section] = {**entries[section], field: value}
    if section == "roles" and field == "title":
        entries["seats"]["role"] = value
    if section == "seats" and field == "name":
        entries["people"]["seats"] = [{"seat": value}]
    if section == "locations" and field == "name":
        entries["seats"]["location"] = value
    doc = {"practice": {"name": "Bounds", "slug": "bounds"}}
    doc.update({k: [v] for k, v in entries.items()})
    return json.dumps(doc)  # JSON is YAML


@pytest.mark.parametrize(("key", "model", "field", "section", "schema"), TEXT_FIELDS)
def test_org_file_and_load_refuse_one_past_the_limit_and_take_the_limit(
    db, key, model, field, section, schema
):
    limit = TEXT[key]
    filler = "a@b.co" if field == "email" else ""
    at_limit = ("x" * (limit - len(filler))) + filler
    over = "x" + at_limit
    with pytest.raises(InputError) as err:
        parse_org(_org(section, field, over))
    assert any(
        p.where == f"{section}[0].{field}" and f"at most {limit} are allowed" in p.message
        for p in err.value.problems
    ), err.value.problems
    # At the limit the file parses and the database (varchar on PostgreSQL) holds it.
    load_snapshot(parse_org(_org(section, field, at_limit)), actor=None)
    assert model.objects.filter(**{field: at_limit}).exists()


def test_load_refuses_overlong_values_that_did_not_come_from_a_file(db):
    # A demo, a scenario or a script builds snapshots without the parser.
    snapshot = Snapshot(
        practice=PracticeInfo(name="P" * 201, slug="long"),
        roles=(
            Role(
                id="r",
                title="Owner",
                kind=SeatKind.LEADERSHIP,
                responsibilities=tuple(
                    f"duty {i}" for i in range(LISTS["role.responsibilities"] + 1)
                ),
            ),
        ),
        people=(Person(id="1", name="N" * 10_000),),
    )
    with pytest.raises(InputError) as err:
        load_snapshot(snapshot, actor=None)
    text = str(err.value)
    assert "practice.name" in text and "at most 200 are allowed" in text
    assert "people[0].name" in text and "10000 characters long; at most 160" in text
    assert "roles[0].responsibilities: has 51 responsibilities; at most 50" in text
    assert not Practice.objects.filter(slug="long").exists()


def test_api_refuses_a_role_with_too_many_responsibilities(login, personas):
    client = login("owner")
    body = {"title": "Huge", "kind": "support", "responsibilities": ["x"] * 100_000}
    response = client.post("/api/roles", json.dumps(body), content_type="application/json")
    assert response.status_code == 422
    assert "responsibilities" in response.content.decode()
    assert not RoleRow.objects.filter(title="Huge").exists()
    body["responsibilities"] = ["x"] * LISTS["role.responsibilities"]
    response = client.post("/api/roles", json.dumps(body), content_type="application/json")
    assert response.status_code == 201, response.content


def test_the_service_refuses_the_same_list_the_schema_refuses(personas):
    from practiceos.org.services import create

    with pytest.raises(InputError, match="has 51 items; at most 50 are allowed"):
        create(
            actor=personas.owner,
            model=RoleRow,
            data={"title": "T", "kind": "support", "responsibilities": ["x"] * 51},
        )


def test_org_file_refuses_too_many_responsibilities():
    doc = json.loads(_org("roles", "title", "Owner"))
    doc["roles"][0]["responsibilities"] = [f"duty {i}" for i in range(51)]
    with pytest.raises(InputError, match=r"roles\[0\]\.responsibilities: has 51 responsibilities"):
        parse_org(json.dumps(doc))


# ---- the three inputs that gave a 500 ------------------------------------------------------


def test_a_deeply_nested_column_map_is_a_clear_refusal_on_the_web_and_the_api(login, personas):
    client = login("owner")
    columns = "[" * 600 + "]" * 600
    csv = b"Name,Job Title\nAnn,Owner\n"
    page = client.post(
        reverse("roster:upload"),
        {"file": SimpleUploadedFile("r.csv", csv), "columns": columns},
    )
    assert page.status_code == 422 and b"nested too deeply" in page.content
    api = client.post(
        "/api/roster/imports", {"file": SimpleUploadedFile("r.csv", csv), "columns": columns}
    )
    assert api.status_code == 422 and "nested too deeply" in api.content.decode()


def test_a_nested_list_of_disabled_rules_is_a_422(login, personas):
    response = login("owner").put(
        "/api/health/policy",
        json.dumps({"disabled_rules": [[1]]}),
        content_type="application/json",
    )
    assert response.status_code == 422
    assert "policy.disabled_rules" in response.content.decode()
    personas.acme.refresh_from_db()
    assert personas.acme.policy == {}


def test_a_nul_in_an_audit_address_is_a_404(login, personas):
    client = login("owner")
    assert client.get("/audit/org.seat/%00/").status_code == 404
    assert client.get("/audit/%00/1/").status_code == 404
    assert client.get("/audit/org.seat/%C2%B2/").status_code == 404  # "²" is no id


# ---- spreadsheets: streaming, bounded ------------------------------------------------------


def crafted_xlsx(rows: int, *, far_column: str = "XFD", people: bool = True) -> bytes:
    """A tiny workbook whose every row has a value in ``far_column`` (the last column by
    default): openpyxl used to pad every row out to it. ``people`` False leaves only that
    cell in each row (identical rows: the file compresses to almost nothing)."""
    sheet = [
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
        '<row r="1"><c r="A1" t="inlineStr"><is><t>Name</t></is></c>'
        '<c r="B1" t="inlineStr"><is><t>Job Title</t></is></c></row>'
    ]
    for r in range(2, rows + 2):
        person = (
            f'<c r="A{r}" t="inlineStr"><is><t>P{r}</t></is></c>'
            f'<c r="B{r}" t="inlineStr"><is><t>Dental Assistant</t></is></c>'
            if people
            else ""
        )
        sheet.append(f'<row r="{r}">{person}<c r="{far_column}{r}"><v>1</v></c></row>')
    sheet.append("</sheetData></worksheet>")
    parts = {
        "[Content_Types].xml": '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>',
        "_rels/.rels": '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>',
        "xl/workbook.xml": '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Roster" sheetId="1" r:id="rId1"/></sheets></workbook>',
        "xl/_rels/workbook.xml.rels": '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>',
        "xl/worksheets/sheet1.xml": "".join(sheet),
    }
    out = BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as zf:
        for name, text in parts.items():
            zf.writestr(name, text)
    return out.getvalue()


def test_a_column_past_the_limit_is_named(login, personas):
    data = crafted_xlsx(3, far_column="GS")  # column 201
    response = login("owner").post(
        reverse("roster:upload"), {"file": SimpleUploadedFile("wide.xlsx", data)}
    )
    assert response.status_code == 422
    assert (
        b"has a value in column GS (column 201); at most 200 columns are read" in response.content
    )


def test_an_overlong_cell_is_named():
    from practiceos.core.roster.reading import read_grid

    data = ("Name,Job Title\nAnn," + "x" * (limits.ROSTER_CELL + 1) + "\n").encode()
    with pytest.raises(InputError, match=r"row 2, column B: holds 2,001 characters; at most 2,000"):
        read_grid(data, "r.csv")
