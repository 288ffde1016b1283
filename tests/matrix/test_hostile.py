"""The hostile-input suite: script-bearing names through the input paths, then every
declared page read back; no page may carry a payload unescaped.

Names, titles, notes, goals and addresses go in through the REST API (the path bulk
clients use) and the web forms (token names, the members form); every page declared in
``tests/matrix/declared`` is then fetched as the owner. HTML responses must show each
payload only escaped; other responses must not be HTML.
"""

from __future__ import annotations

import json

import pytest
from django.test import Client
from django.urls import reverse

from tests.matrix.test_matrix import DECLARED

PAYLOADS = [
    '<script>alert("p1")</script>',
    '"><img src=x onerror=alert(2)>',
    "' onmouseover='alert(3)",
    "</textarea><svg onload=alert(4)>",
    "<a href=javascript:alert(5)>p5</a>",
]
#: API resource -> (sample object attribute on the chart, its free-text fields).
TEXT_FIELDS = {
    "locations": ("downtown", ["name", "address"]),
    "teams": ("team", ["name", "goal"]),
    "roles": ("tech_role", ["title", "purpose"]),
    "seats": ("tech_seat", ["name", "note"]),
    "people": ("bob", ["name", "preferred_name", "employee_id"]),
}


def _inject(world) -> int:
    """Write a payload into every free-text field; returns how many writes were made."""
    client = Client()
    headers = {"Authorization": f"Bearer {world.tokens['owner']}"}
    writes = 0
    for i, (resource, (attr, fields)) in enumerate(TEXT_FIELDS.items()):
        obj = getattr(world.chart, attr)
        body = {
            f: f"{PAYLOADS[(i + j) % len(PAYLOADS)]} {resource}{j}" for j, f in enumerate(fields)
        }
        response = client.patch(
            f"/api/{resource}/{obj.pk}",
            json.dumps(body),
            content_type="application/json",
            headers=headers,
        )
        assert response.status_code == 200, response.content
        writes += len(fields)
    client.force_login(world.users["owner"])
    for payload in PAYLOADS:
        assert client.post("/account/tokens/", {"name": payload}).status_code == 201
        writes += 1
    return writes


@pytest.fixture
def hostile_world(world):
    world.hostile_writes = _inject(world)
    return world


def _get_pages():
    return [
        pytest.param(entry, id=key)
        for key, entry in sorted(DECLARED.pages.items())
        if "GET" in entry.methods
    ]


@pytest.mark.parametrize("entry", _get_pages())
def test_no_page_shows_a_payload_unescaped(hostile_world, entry):
    w = hostile_world
    client = Client()
    client.force_login(w.users["owner"])
    url = reverse(entry.name, kwargs=dict(entry.args(w)) if entry.args else None)
    response = client.get(url, {"q": PAYLOADS[0]} if "search" in entry.name else {})
    assert response.status_code < 500
    kind = response.get("Content-Type", "")
    body = b"".join(response) if response.streaming else response.content
    if "text/html" not in kind:
        assert not kind.startswith("text/html")
        return
    text = body.decode("utf-8", "replace")
    leaked = [p for p in PAYLOADS if p in text]
    assert not leaked, f"{url} shows {leaked} unescaped"


def test_every_audit_history_escapes_what_was_written(hostile_world, login):
    client = login("owner")
    page = client.get("/audit/").content.decode()
    assert "&lt;script&gt;alert(&quot;p1&quot;)&lt;/script&gt;" in page
    assert not [p for p in PAYLOADS if p in page]
