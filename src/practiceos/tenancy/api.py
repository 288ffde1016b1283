"""API authentication (bearer tokens and the web session) and ``GET /api/me``.

Both authenticators put the caller's :class:`Membership` on ``request.auth``: every
endpoint acts as one membership, so in one practice with one role.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.utils import timezone
from ninja import Router, Schema
from ninja.errors import AuthenticationError, HttpError
from ninja.security import APIKeyCookie, HttpBearer

from practiceos.tenancy.current import current_membership
from practiceos.tenancy.models import ApiToken, Membership, hash_token
from practiceos.tenancy.permissions import ALLOWED, Action

# ``last_used_at`` is a hint for the owner ("is this token still in use?"), not a log:
# writing it on every request would turn each read into a write.
TOKEN_TOUCH_INTERVAL = dt.timedelta(minutes=1)
TOKEN_PREFIX = "pos_"


class BearerToken(HttpBearer):
    """``Authorization: Bearer pos_...``: the token's membership, or a 401.

    Only the SHA-256 digest of a token is stored, so the lookup is by digest (one query,
    plus one ``UPDATE`` at most once a minute per token for ``last_used_at``).
    """

    def authenticate(self, request: HttpRequest, token: str) -> Membership:
        """The membership the token acts as; raises a 401 for an unknown token."""
        token = token.strip()
        found = None
        if token.startswith(TOKEN_PREFIX) and len(token) <= 200:
            found = (
                ApiToken.objects.select_related("membership__user", "membership__practice")
                .filter(digest=hash_token(token))
                .first()
            )
        if found is None or not found.membership.user.is_active:
            raise AuthenticationError(
                401, "The API token is not valid (revoked, mistyped or not a PracticeOS token)."
            )
        now = timezone.now()
        if found.last_used_at is None or now - found.last_used_at >= TOKEN_TOUCH_INTERVAL:
            # A plain UPDATE, not a service write: usage is not an audited change.
            ApiToken.objects.filter(pk=found.pk).update(last_used_at=now)
        membership = found.membership
        membership.api_token = found  # type: ignore[attr-defined]
        return membership


class SessionMembership(APIKeyCookie):
    """The logged-in web session (for the web UI's own calls), with Django's CSRF check.

    The CSRF check runs only for an authenticated session, so a client that sent no
    credentials at all gets the 401 that explains how to authenticate, not a CSRF 403.
    """

    param_name = settings.SESSION_COOKIE_NAME

    def _get_key(self, request: HttpRequest) -> str | None:
        if not request.user.is_authenticated:
            return None
        return super()._get_key(request)

    def authenticate(self, request: HttpRequest, key: str | None) -> Membership | None:
        """The session's current membership; a 403 for a login without a practice."""
        if not request.user.is_authenticated:
            return None
        membership = current_membership(request)
        if membership is None:
            raise HttpError(403, "This login does not belong to a practice yet.")
        return membership


def membership_of(request: HttpRequest) -> Membership:
    """The membership an authenticated API request acts as."""
    return request.auth  # type: ignore[attr-defined,no-any-return]


router = Router(tags=["me"])


class PracticeOut(Schema):
    """The practice a caller acts in."""

    id: int
    name: str
    slug: str


class MeOut(Schema):
    """Who the caller is, where, and what their role allows."""

    username: str
    role: str
    practice: PracticeOut
    allowed: list[str]
    token: str | None


@router.get("/me", response=MeOut, summary="Who am I")
def me(request: HttpRequest) -> dict[str, Any]:
    """The caller's username, practice, role and allowed actions (and token name, if any)."""
    membership = membership_of(request)
    token = getattr(membership, "api_token", None)
    return {
        "username": membership.user.get_username(),
        "role": membership.role,
        "practice": membership.practice,
        "allowed": sorted(a.value for a in ALLOWED.get(membership.role, frozenset[Action]())),
        "token": token.name if token else None,
    }
