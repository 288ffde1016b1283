"""The membership (user + practice) a web request acts as."""

from __future__ import annotations

from django.http import HttpRequest

from practiceos.tenancy.access import memberships_of
from practiceos.tenancy.models import Membership

SESSION_KEY = "practice_id"


def current_membership(request: HttpRequest) -> Membership | None:
    """The session's chosen practice if the user belongs to it, else the user's first one.

    Cached on the request: one query per request however often it is asked. The user's
    other memberships ride along as ``membership.all_memberships`` for the switcher.
    """
    if hasattr(request, "_membership"):
        return request._membership  # type: ignore[no-any-return]
    memberships = list(memberships_of(request.user))
    chosen = None
    if memberships:
        wanted = request.session.get(SESSION_KEY)
        chosen = next((m for m in memberships if m.practice_id == wanted), memberships[0])
        chosen.all_memberships = memberships  # type: ignore[attr-defined]
    request._membership = chosen  # type: ignore[attr-defined]
    return chosen
