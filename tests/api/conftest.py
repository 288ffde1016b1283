"""API fixtures: a bearer token per persona and a small client that sends it."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

import pytest
from django.utils import timezone


@dataclass
class ApiCaller:
    """Calls the API with one bearer token; bodies are sent as JSON."""

    client: Any
    token: str

    def _headers(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.token}"}

    def get(self, path: str, params: dict[str, Any] | None = None) -> Any:
        """GET ``/api/<path>`` with query ``params``."""
        return self.client.get(f"/api/{path}", params or {}, headers=self._headers())

    def post(self, path: str, body: Any) -> Any:
        """POST a JSON body (a string is sent as it is, for malformed-JSON tests)."""
        data = body if isinstance(body, str) else json.dumps(body)
        return self.client.post(
            f"/api/{path}", data, content_type="application/json", headers=self._headers()
        )

    def patch(self, path: str, body: Any) -> Any:
        """PATCH a JSON body (a string is sent as it is)."""
        data = body if isinstance(body, str) else json.dumps(body)
        return self.client.patch(
            f"/api/{path}", data, content_type="application/json", headers=self._headers()
        )


@pytest.fixture
def make_token(personas: Any) -> Any:
    """``make_token("owner")`` → a fresh secret for that persona's membership.

    ``last_used_at`` starts at now so the first request does not also update the token
    (which would add a query to the pinned counts); tests of that update reset it.
    """
    from practiceos.tenancy.models import ApiToken
    from practiceos.tenancy.services import create_token

    def _make(name: str) -> str:
        token, secret = create_token(actor=personas.membership(name), name=f"{name} test token")
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=timezone.now())
        return secret

    return _make


@pytest.fixture
def api_as(client: Any, make_token: Any) -> Any:
    """``api_as("manager")`` → an :class:`ApiCaller` with that persona's token."""
    callers: dict[str, ApiCaller] = {}

    def _caller(name: str) -> ApiCaller:
        if name not in callers:
            callers[name] = ApiCaller(client, make_token(name))
        return callers[name]

    return _caller
