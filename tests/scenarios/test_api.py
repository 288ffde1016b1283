"""The scenario API: a declared permission suite (every persona × every action, codes from
the permission matrix), bad input answered 422 naming the field, and a fuzz of every
operation against a real draft."""

from __future__ import annotations

from typing import Any

import pytest

from practiceos.audit.models import AuditRecord
from practiceos.org.models import Seat
from practiceos.scenarios.access import EDIT, PUBLISH
from practiceos.scenarios.models import Scenario
from practiceos.tenancy.permissions import Action, allows
from tests.conftest import PERSONA_NAMES

#: action -> (method, path template, body, permission it needs, success code)
ACTIONS: dict[str, tuple[str, str, Any, Action, int]] = {
    "list": ("get", "scenarios", None, Action.VIEW, 200),
    "read": ("get", "scenarios/{id}", None, Action.VIEW, 200),
    "create": ("post", "scenarios", {"name": "Another try"}, EDIT, 201),
    "update": ("patch", "scenarios/{id}", {"note": "renamed"}, EDIT, 200),
    "changes": ("post", "scenarios/{id}/changes", None, EDIT, 200),
    "fixes": ("post", "scenarios/{id}/fixes", {}, EDIT, 200),
    "discard": ("post", "scenarios/{id}/discard", {}, EDIT, 200),
    "publish": ("post", "scenarios/{id}/publish", {}, PUBLISH, 200),
}


def expected_status(persona: str, action: str) -> int:
    """The code the permission matrix promises for acme's draft."""
    _, path, _, needs, success = ACTIONS[action]
    if persona == "outsider":
        # Acts in its own practice: lists and creates there, never sees acme's scenario.
        return success if "{id}" not in path else 404
    return success if allows(persona, needs) else 403


def _state(practice: Any) -> tuple[Any, ...]:
    return (
        sorted(Scenario.objects.values_list("pk", "name", "note", "status", "changes")),
        sorted(Seat.objects.filter(practice=practice).values_list("pk", "name", "reports_to_id")),
    )


@pytest.mark.parametrize("action", list(ACTIONS))
@pytest.mark.parametrize("persona", PERSONA_NAMES)
def test_permission_matrix(persona, action, personas, surgical, draft, api_as):
    method, path, body, _, _ = ACTIONS[action]
    if action == "changes":
        seat = surgical.seat("Front Desk")
        body = {
            "changes": [
                {
                    "action": "set_field",
                    "object_type": "seat",
                    "object_id": str(seat.pk),
                    "field": "note",
                    "value": "x",
                }
            ]
        }
    if action == "fixes":
        # A fresh draft, so the fixes are new to it.
        body = {}
    caller = api_as(persona)
    before = _state(personas.acme)
    last_audit = AuditRecord.objects.order_by("-id").values_list("id", flat=True).first()
    url = path.format(id=draft.pk)
    if action == "fixes" and expected_status(persona, action) == 200:
        fresh = Scenario.objects.create(practice=personas.acme, name="Fresh", base_version="x")
        url = path.format(id=fresh.pk)
        before = _state(personas.acme)
    response = getattr(caller, method)(url, body) if body is not None else caller.get(url)
    expected = expected_status(persona, action)
    assert response.status_code == expected, response.content
    new_audit = list(AuditRecord.objects.filter(id__gt=last_audit or 0))
    if expected >= 400 or method == "get":
        assert _state(personas.acme) == before
        assert new_audit == []
    if expected == 403:
        assert "may not" in response.json()["detail"]
    if expected == 404:
        assert response.json() == {"detail": "Not found."}
    if expected < 400 and method != "get":
        actor = personas.membership(persona).user_id
        assert new_audit and all(r.actor_id == actor for r in new_audit)
        assert any(r.object_type == "scenarios.scenario" for r in new_audit)
    if action == "list" and expected == 200:
        ids = {item["id"] for item in response.json()["items"]}
        assert (draft.pk in ids) == (persona != "outsider")
    if action == "publish" and expected == 200:
        assert response.json()["scenario"]["status"] == "published"
        assert Seat.objects.filter(practice=personas.acme, name__icontains="support").exists()


def test_read_gives_the_comparison_of_a_draft(personas, draft, api_as):
    body = api_as("member").get(f"scenarios/{draft.pk}").json()
    comparison = body["comparison"]
    assert comparison["score"]["after"] > comparison["score"]["before"]
    assert comparison["seats"]["new"] and comparison["seats"]["moved"]
    assert {"by_kind", "by_location"} <= set(comparison["headcount"])
    assert body["problems"] == [] and body["stale_seats"] == []


@pytest.mark.parametrize(
    ("path", "body", "field"),
    [
        ("scenarios/{id}/fixes", {"finding": "0123456789ab"}, "finding"),
        ("scenarios/{id}/fixes", {"rule": "no-such-rule"}, "rule"),
        ("scenarios/{id}/changes", {"changes": [{"action": "explode"}]}, "changes[0]"),
        (
            "scenarios/{id}/changes",
            {"changes": [{"action": "close_seat", "seat_id": "999999"}]},
            "changes",
        ),
        ("scenarios", {"name": "x" * 121}, "name"),
        ("scenarios", {"name": "ok", "colour": "red"}, "colour"),
    ],
)
def test_bad_input_is_422_naming_the_field_and_changes_nothing(
    personas, draft, api_as, path, body, field
):
    before = _state(personas.acme)
    response = api_as("owner").post(path.format(id=draft.pk), body)
    assert response.status_code == 422, response.content
    assert field in {p["field"] for p in response.json()["detail"]}
    assert _state(personas.acme) == before


def test_a_cycle_over_the_api_names_the_seats(personas, surgical, draft, api_as):
    owner, assistant = surgical.seat("Owner"), surgical.seat("Surgical Assistant 1")
    change = {
        "action": "move_reporting_line",
        "seat_id": str(owner.pk),
        "new_manager": str(assistant.pk),
    }
    response = api_as("owner").post(f"scenarios/{draft.pk}/changes", {"changes": [change]})
    assert response.status_code == 422
    problem = response.json()["detail"][0]
    assert problem["field"] == "reports_to" and '"Owner"' in problem["message"]


def test_publishing_a_discarded_scenario_is_422_naming_the_status(personas, draft, api_as):
    owner = api_as("owner")
    assert owner.post(f"scenarios/{draft.pk}/discard", {}).status_code == 200
    before = _state(personas.acme)
    response = owner.post(f"scenarios/{draft.pk}/publish", {})
    assert response.status_code == 422
    assert response.json()["detail"][0]["field"] == "status"
    assert _state(personas.acme) == before


def test_a_scenario_of_another_practice_is_404_to_every_verb(personas, draft, api_as):
    outsider = api_as("outsider")
    bodies = {"changes": {"changes": []}, "fixes": {}, "discard": {}, "publish": {}}
    for verb, body in bodies.items():
        assert outsider.post(f"scenarios/{draft.pk}/{verb}", body).status_code == 404
    assert outsider.patch(f"scenarios/{draft.pk}", {"note": "mine"}).status_code == 404
