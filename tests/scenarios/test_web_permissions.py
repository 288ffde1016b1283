"""Declared permission suite for the scenario pages: every persona × every page action,
codes from the permission matrix; a refusal changes nothing (scenarios, chart, audit)."""

from __future__ import annotations

from typing import Any

import pytest

from practiceos.audit.models import AuditRecord
from practiceos.org.models import Seat
from practiceos.scenarios.access import EDIT, PUBLISH
from practiceos.scenarios.models import Scenario
from practiceos.tenancy.permissions import Action, allows
from tests.conftest import PERSONA_NAMES

#: action -> (method, url template, form, permission, success code)
PAGES: dict[str, tuple[str, str, dict[str, Any], Action, int]] = {
    "list": ("get", "/scenarios/", {}, Action.VIEW, 200),
    "detail": ("get", "/scenarios/{id}/", {}, Action.VIEW, 200),
    "export": ("get", "/scenarios/{id}/org.yaml", {}, Action.VIEW, 200),
    "create": ("post", "/scenarios/new/", {"name": "Another"}, EDIT, 302),
    "edit": (
        "post",
        "/scenarios/{id}/edit/",
        {"action": "vacate", "seat": "Front Desk"},
        EDIT,
        302,
    ),
    "undo": ("post", "/scenarios/{id}/changes/0/remove/", {}, EDIT, 422),
    "settings": ("post", "/scenarios/{id}/settings/", {"name": "Renamed", "note": ""}, EDIT, 302),
    # The draft already holds every fix: its chart has none left to propose.
    "more_fixes": ("post", "/scenarios/{id}/more-fixes/", {}, EDIT, 422),
    "rebase": ("post", "/scenarios/{id}/rebase/", {}, EDIT, 302),
    "discard": ("post", "/scenarios/{id}/discard/", {}, EDIT, 302),
    "publish": ("post", "/scenarios/{id}/publish/", {}, PUBLISH, 302),
    "try": ("post", "/scenarios/try/", {}, EDIT, 302),
}


def expected_status(persona: str, action: str) -> int:
    """What the matrix promises on acme's draft (the outsider acts in its own practice)."""
    _, _, _, needs, success = PAGES[action]
    if persona == "outsider":
        if action == "list":
            return 200
        if action == "create":
            return 302
        if action == "try":
            return 302  # its own practice has no health run: a message, nothing written
        return 404
    return success if allows(persona, needs) else 403


def _state(practice: Any) -> tuple[Any, ...]:
    return (
        sorted(Scenario.objects.values_list("pk", "name", "note", "status", "changes")),
        sorted(Seat.objects.filter(practice=practice).values_list("pk", "name", "reports_to_id")),
    )


@pytest.mark.parametrize("action", list(PAGES))
@pytest.mark.parametrize("persona", PERSONA_NAMES)
def test_page_permission_matrix(persona, action, personas, surgical, draft, login):
    method, url, form, _, _ = PAGES[action]
    client = login(persona)
    before = _state(personas.acme)
    last = AuditRecord.objects.order_by("-id").values_list("id", flat=True).first() or 0
    target = url.format(id=draft.pk)
    response = client.get(target) if method == "get" else client.post(target, form)
    expected = expected_status(persona, action)
    assert response.status_code == expected, response.content[:300]
    written = AuditRecord.objects.filter(id__gt=last)
    if expected in (403, 404) or method == "get" or (persona == "outsider" and action == "try"):
        assert _state(personas.acme) == before
        assert not written.exists()
    if expected == 422:  # refused on its merits: a message, nothing written
        body = response.content.decode()
        assert "later changes need" in body or "no findings with a fix" in body
        assert _state(personas.acme) == before
        assert not written.exists()
    if expected == 302 and persona != "outsider":
        actor = personas.membership(persona).user_id
        assert written.exists() and all(r.actor_id == actor for r in written)
