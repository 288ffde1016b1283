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
from ninja import Field, Path, Router, Schema, Status
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


# ---- invitations: how owners and admins bring someone in (they join only by accepting) ----


class InvitationIn(Schema):
    """Invite ``username`` (a login or not yet) to the caller's practice with ``role``."""

    model_config = {"extra": "forbid"}
    username: str = Field(..., max_length=200)
    role: str = Field("member", max_length=40)


class InvitationOut(Schema):
    """A waiting invitation. ``signup_link`` is set only in the answer that created it."""

    id: int
    username: str
    role: str
    status: str
    created_at: dt.datetime
    expires_at: dt.datetime
    signup_link: str | None = None


class InvitationList(Schema):
    """The practice's invitations waiting for an answer."""

    items: list[InvitationOut]


def _invitation_errors() -> dict[int, Any]:
    from practiceos.org.schemas import Message, Problems

    return {401: Message, 403: Message, 404: Message, 422: Problems}


@router.get(
    "/invitations",
    response={200: InvitationList, **_invitation_errors()},
    tags=["invitations"],
    summary="Waiting invitations",
)
def list_invitations(request: HttpRequest) -> dict[str, Any]:
    """The invitations of the caller's practice that wait for an answer (owners, admins)."""
    from practiceos.tenancy.access import require
    from practiceos.tenancy.models import Invitation, InvitationStatus

    membership = require(membership_of(request), Action.MANAGE_PRACTICE)
    rows = Invitation.objects.filter(
        practice_id=membership.practice_id, status=InvitationStatus.PENDING
    ).order_by("username")[:500]
    return {"items": list(rows)}


@router.post(
    "/invitations",
    response={201: InvitationOut, **_invitation_errors()},
    tags=["invitations"],
    summary="Invite someone",
)
def create_invitation(request: HttpRequest, payload: InvitationIn) -> Status[dict[str, Any]]:
    """Invite a username; they join only when they accept. The answer is the same whether
    or not the username has a login anywhere; ``signup_link`` (shown once) lets someone
    without a login choose a password and join."""
    from django.urls import reverse

    from practiceos.tenancy.services import invite_member

    invitation, secret = invite_member(
        actor=membership_of(request), username=payload.username, role=payload.role
    )
    link = request.build_absolute_uri(reverse("join", args=[secret]))
    return Status(
        201,
        {
            "id": invitation.pk,
            "username": invitation.username,
            "role": invitation.role,
            "status": invitation.status,
            "created_at": invitation.created_at,
            "expires_at": invitation.expires_at,
            "signup_link": link,
        },
    )


@router.delete(
    "/invitations/{id}",
    response={204: None, **_invitation_errors()},
    tags=["invitations"],
    summary="Withdraw an invitation",
)
def delete_invitation(request: HttpRequest, id: int = Path(..., ge=1, le=2**53)) -> Status[None]:
    """Withdraw a waiting invitation of the caller's practice (owners, admins); 404 for
    any other practice's, 422 once answered."""
    from practiceos.tenancy.access import get_object_for
    from practiceos.tenancy.models import Invitation
    from practiceos.tenancy.services import revoke_invitation

    membership = membership_of(request)
    invitation = get_object_for(membership, Invitation, id, action=Action.MANAGE_PRACTICE)
    revoke_invitation(actor=membership, invitation=invitation)
    return Status(204, None)
