"""What the endpoints return: shapes, filters, pagination, partial updates, docs."""

from __future__ import annotations

import re

import pytest


def test_pagination_defaults_and_limits(chart, api_as):
    from practiceos.org.models import Person

    Person.objects.bulk_create(
        Person(practice=chart.alice.practice, name=f"P{i:03}") for i in range(60)
    )
    caller = api_as("member")
    first = caller.get("people").json()
    assert first["count"] == 62
    assert len(first["items"]) == 50  # default limit
    second = caller.get("people", {"limit": 50, "offset": 50}).json()
    assert len(second["items"]) == 12
    assert {p["id"] for p in first["items"]}.isdisjoint({p["id"] for p in second["items"]})
    assert len(caller.get("people", {"limit": 500}).json()["items"]) == 62
    assert caller.get("people", {"offset": 1000}).json() == {"items": [], "count": 62}


def test_seat_filters(chart, api_as):
    caller = api_as("member")

    def names(**params):
        return {s["name"] for s in caller.get("seats", params).json()["items"]}

    assert names(reports_to=chart.owner_seat.pk) == {"Practice Manager", "Orthopedic Surgeon 1"}
    assert names(kind="support") == {"Surgical Technologist 1"}
    assert names(location=chart.downtown.pk, kind="leadership") == {"Owner"}
    assert names(reports_to=chart.other_seat.pk) == set()  # another practice's seat: nothing


def test_people_search(chart, api_as):
    caller = api_as("member")

    def names(q):
        return [p["name"] for p in caller.get("people", {"q": q}).json()["items"]]

    assert names("bob") == ["Bob Surgeon"]
    assert names("ACME.EXAMPLE") == ["Alice Owner", "Bob Surgeon"]
    assert names("E1") == ["Alice Owner"]
    assert names("olga") == []  # the outsider's person is not found from acme
    assert names("  ") == ["Alice Owner", "Bob Surgeon"]


def test_assignment_filters_and_current(chart, api_as):
    caller = api_as("owner")
    ended = caller.post(
        "assignments",
        {
            "person": chart.alice.pk,
            "seat": chart.manager_seat.pk,
            "start": "2020-01-01",
            "end": "2021-01-01",
        },
    ).json()
    assert ended["current"] is False
    assert ended["person"] == {"id": chart.alice.pk, "name": "Alice Owner"}

    def ids(**params):
        return {a["id"] for a in caller.get("assignments", params).json()["items"]}

    assert ids(person=chart.alice.pk) == {chart.alice_owner.pk, ended["id"]}
    assert ids(person=chart.alice.pk, current="true") == {chart.alice_owner.pk}
    assert ids(current="false") == {ended["id"]}
    assert ids(seat=chart.surgeon_seat.pk) == {chart.bob_surgeon.pk}


def test_seat_response_has_related_ids(chart, api_as):
    seat = api_as("member").get(f"seats/{chart.tech_seat.pk}").json()
    assert seat == {
        "id": chart.tech_seat.pk,
        "name": "Surgical Technologist 1",
        "kind": "support",
        "role": chart.tech_role.pk,
        "location": chart.downtown.pk,
        "team": None,
        "reports_to": chart.manager_seat.pk,
        "serves": [chart.surgeon_seat.pk],
        "note": "",
        "accountable_person": None,
    }
    surgeon = api_as("member").get(f"seats/{chart.surgeon_seat.pk}").json()
    assert surgeon["accountable_person"] == {"id": chart.bob.pk, "name": "Bob Surgeon"}


def test_ended_assignment_is_not_the_accountable_person(chart, api_as):
    caller = api_as("owner")
    caller.patch(
        f"assignments/{chart.bob_surgeon.pk}", {"start": "2020-01-01", "end": "2021-01-01"}
    )
    assert caller.get(f"seats/{chart.surgeon_seat.pk}").json()["accountable_person"] is None


def test_patch_changes_only_the_fields_sent(chart, api_as):
    caller = api_as("owner")
    before = caller.get(f"seats/{chart.tech_seat.pk}").json()
    after = caller.patch(f"seats/{chart.tech_seat.pk}", {"note": "Theatre 2"}).json()
    assert after == {**before, "note": "Theatre 2"}
    moved = caller.patch(
        f"seats/{chart.tech_seat.pk}", {"reports_to": None, "serves": [], "team": chart.team.pk}
    ).json()
    assert (moved["reports_to"], moved["serves"], moved["team"]) == (None, [], chart.team.pk)


def test_empty_patch_changes_nothing_and_writes_no_audit(chart, api_as):
    from practiceos.audit.models import AuditRecord

    caller = api_as("owner")
    count = AuditRecord.objects.count()
    response = caller.patch(f"roles/{chart.tech_role.pk}", {})
    assert response.status_code == 200
    assert AuditRecord.objects.count() == count


def test_created_seat_round_trips(chart, api_as):
    caller = api_as("owner")
    created = caller.post(
        "seats",
        {
            "name": "Medical Assistant 1",
            "kind": "support",
            "reports_to": chart.manager_seat.pk,
            "serves": [chart.surgeon_seat.pk, chart.surgeon_seat.pk],
        },
    )
    assert created.status_code == 201
    body = created.json()
    assert body["serves"] == [chart.surgeon_seat.pk]
    assert caller.get(f"seats/{body['id']}").json() == body


def test_docs_page_loads_nothing_from_the_network(client, db):
    page = client.get("/api/docs")
    assert page.status_code == 200
    html = page.content.decode()
    assert "cdn" not in html.lower()
    assert not re.search(r"""(src|href)=["']?(https?:)?//""", html)
    assets = re.findall(r"""(?:src|href)="([^"]+)\"""", html)
    assert len(assets) == 3
    for url in assets:
        response = client.get(url)
        assert response.status_code == 200, url
        assert b"".join(response.streaming_content)
    assert client.get("/api/docs/assets/..%2Fsettings.py").status_code == 404


def test_openapi_document_lists_every_operation(client, db):
    spec = client.get("/api/openapi.json").json()
    operations = {(method.upper(), path) for path, ops in spec["paths"].items() for method in ops}
    for resource in ("locations", "teams", "roles", "seats", "people", "assignments"):
        assert ("GET", f"/api/{resource}") in operations
        assert ("POST", f"/api/{resource}") in operations
        assert ("GET", f"/api/{resource}/{{id}}") in operations
        assert ("PATCH", f"/api/{resource}/{{id}}") in operations
    assert {"BearerToken", "SessionMembership"} <= set(spec["components"]["securitySchemes"])


@pytest.mark.parametrize("model_name", ["Location", "Team", "Role", "Seat", "Person", "Assignment"])
def test_request_schemas_match_the_service_field_declarations(model_name):
    # The schemas restate services.FIELDS for the OpenAPI document; they must not drift.
    from practiceos.org import models, schemas, services

    model = getattr(models, model_name)
    schema = getattr(schemas, f"{model_name}In")
    fields = {f.name: f for f in services.FIELDS[model]}
    assert set(schema.model_fields) == set(fields)
    for name, field in fields.items():
        info = schema.model_fields[name]
        assert info.is_required() == field.required, name
        if field.kind == "text":
            limits = [m.max_length for m in info.metadata if hasattr(m, "max_length")]
            assert limits == [field.max_length], name


def test_unknown_api_path_is_a_json_404(db, client):
    response = client.get("/api/no-such-thing")
    assert response.status_code == 404
    assert response.json() == {"detail": "Not found."}
