"""Declared permission suite (STYLE §8): every persona × every resource × every action.

Expected codes come from ``tenancy.permissions.ALLOWED`` and ``org.services.ACTIONS``, not
from a hand-written table, so changing the matrix changes what this suite demands. On a
refusal nothing changes (row counts and the object's fields); on a success exactly one
audit record is written, naming the persona as actor.
"""

from __future__ import annotations

import pytest

from tests.api.resources import RESOURCES, fields_of, table_counts
from tests.conftest import PERSONA_NAMES

ACTIONS = ("list", "read", "create", "update")


def expected_status(persona: str, resource: str, action: str) -> int:
    """The status code the permission matrix promises."""
    from practiceos.org.services import ACTIONS as WRITE_ACTIONS
    from practiceos.tenancy.permissions import Action, allows

    res = RESOURCES[resource]
    if persona == "outsider":
        # Acts in its own practice: lists and creates there, never sees acme's objects.
        return {
            "list": 200,
            "read": 404,
            "create": 422 if res.links_to_acme else 201,
            "update": 404,
        }[action]
    role = {"owner": "owner", "admin": "admin", "manager": "manager", "member": "member"}[persona]
    if action in ("list", "read"):
        return 200 if allows(role, Action.VIEW) else 403
    allowed = allows(role, WRITE_ACTIONS[res.model])
    return (201 if action == "create" else 200) if allowed else 403


def test_matrix_is_what_the_product_promises():
    # A readable statement of the matrix the parametrised suite derives its codes from.
    assert expected_status("manager", "people", "create") == 201
    assert expected_status("manager", "assignments", "update") == 200
    assert expected_status("manager", "seats", "create") == 403
    assert expected_status("member", "people", "update") == 403
    assert expected_status("admin", "locations", "update") == 200
    assert expected_status("outsider", "seats", "read") == 404


@pytest.mark.parametrize("action", ACTIONS)
@pytest.mark.parametrize("resource", list(RESOURCES))
@pytest.mark.parametrize("persona", PERSONA_NAMES)
def test_permission_matrix(persona, resource, action, chart, personas, api_as):
    from practiceos.audit.models import AuditRecord

    res = RESOURCES[resource]
    caller = api_as(persona)
    obj = res.sample(chart)
    before_counts = table_counts()
    before_fields = fields_of(obj)
    last_audit = AuditRecord.objects.order_by("-id").values_list("id", flat=True).first()

    if action == "list":
        response = caller.get(res.path, {"limit": 500})
    elif action == "read":
        response = caller.get(f"{res.path}/{obj.pk}")
    elif action == "create":
        response = caller.post(res.path, res.create(chart))
    else:
        response = caller.patch(f"{res.path}/{obj.pk}", res.update)

    expected = expected_status(persona, resource, action)
    assert response.status_code == expected, response.content
    body = response.json()
    new_audit = list(AuditRecord.objects.filter(id__gt=last_audit or 0))

    if expected >= 400 or action in ("list", "read"):
        # Refusals and reads change nothing at all.
        assert table_counts() == before_counts
        assert fields_of(obj) == before_fields
        assert new_audit == []
    if expected == 403:
        assert "may not" in body["detail"]
    if expected == 404:
        assert body == {"detail": "Not found."}
    if expected == 422:
        # The outsider's create links to acme objects: refused, naming the link.
        fields = {p["field"] for p in body["detail"]}
        assert fields & {"manager_seat", "role", "location", "reports_to", "serves", "person"}
        assert all("in this practice" in p["message"] for p in body["detail"])

    if action == "list":
        practice = personas.membership(persona).practice
        expected_ids = set(res.model.objects.filter(practice=practice).values_list("pk", flat=True))
        assert {item["id"] for item in body["items"]} == expected_ids
        assert body["count"] == len(expected_ids)
        if persona == "outsider":
            assert obj.pk not in {item["id"] for item in body["items"]}
    elif action == "read" and expected == 200:
        assert body["id"] == obj.pk
    elif expected in (200, 201) and action in ("create", "update"):
        assert len(new_audit) == 1, new_audit
        record = new_audit[0]
        assert record.actor_id == personas.membership(persona).user_id
        assert record.object_type == res.model._meta.label_lower
        assert record.object_id == str(body["id"])
        assert record.action == ("created" if action == "create" else "updated")
        created = res.model.objects.get(pk=body["id"])
        assert created.practice_id == personas.membership(persona).practice_id
        after = table_counts()
        changed = {k for k in after if after[k] != before_counts[k]}
        if action == "update":
            assert changed == {"AuditRecord"}
            for key, value in res.update.items():
                assert body[key] == value
            assert fields_of(obj) != before_fields
        else:
            assert res.model.__name__ in changed
            assert after[res.model.__name__] == before_counts[res.model.__name__] + 1
            assert fields_of(obj) == before_fields
