"""The membership (user + practice) a web request acts as."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from django.http import HttpRequest
from django.utils import timezone

from practiceos.tenancy.access import memberships_of
from practiceos.tenancy.models import Membership

SESSION_KEY = "practice_id"
_NEVER = dt.datetime.min.replace(tzinfo=dt.UTC)


def last_used(memberships: Sequence[Membership]) -> Membership | None:
    """The membership the user chose most recently, else the one they joined first.

    Never the alphabetically first practice: a practice's name must not decide where
    someone lands after logging in.
    """
    if not memberships:
        return None
    return max(
        memberships,
        key=lambda m: (m.last_used_at or _NEVER, -m.created_at.timestamp(), -m.pk),
    )


def current_membership(request: HttpRequest) -> Membership | None:
    """The session's chosen practice if the user belongs to it, else the last one used.

    Cached on the request: one query per request however often it is asked. The user's
    other memberships ride along as ``membership.all_memberships`` for the switcher.
    """
    if hasattr(request, "_membership"):
        return request._membership  # type: ignore[no-any-return]
    memberships = list(memberships_of(request.user))
    chosen = None
    if memberships:
        wanted = request.session.get(SESSION_KEY)
        chosen = next((m for m in memberships if m.practice_id == wanted), None)
        chosen = chosen or last_used(memberships)
        assert chosen is not None
        chosen.all_memberships = memberships  # type: ignore[attr-defined]
    request._membership = chosen  # type: ignore[attr-defined]
    return chosen


def mark_used(membership: Membership) -> None:
    """Remember that the user acts in this practice now (where the next login lands).

    A plain UPDATE, not an audited write: which practice someone looks at is not a change.
    """
    now = timezone.now()
    Membership.objects.filter(pk=membership.pk).update(last_used_at=now)
    membership.last_used_at = now


def choose_on_login(sender: Any, request: HttpRequest | None, user: Any, **kwargs: Any) -> None:
    """``user_logged_in`` receiver: start the session in the practice used last."""
    if request is None or not hasattr(request, "session"):
        return
    chosen = last_used(list(memberships_of(user)))
    if chosen is not None:
        request.session[SESSION_KEY] = chosen.practice_id
        mark_used(chosen)
