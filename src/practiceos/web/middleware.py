"""Ending sessions after inactivity without writing the session on every request."""

from __future__ import annotations

import time
from collections.abc import Callable

from django.conf import settings
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse

SEEN_KEY = "seen_at"
#: How stale the stored "last seen" time may get before a request renews it: renewing
#: saves the session (a write), so it happens at most once a minute per session.
RENEW_AFTER = 60


class IdleTimeoutMiddleware:
    """Log out a session that made no request for ``SESSION_COOKIE_AGE`` seconds.

    Each renewal saves the session, which also moves its expiry date (database and
    cookie) forward: the session lasts as long as it is used, and no longer.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        """Check and renew the session's last-seen time, then answer the request."""
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            now = int(time.time())
            seen = request.session.get(SEEN_KEY)
            if isinstance(seen, int) and now - seen > settings.SESSION_COOKIE_AGE:
                logout(request)
            elif not isinstance(seen, int) or now - seen >= RENEW_AFTER:
                request.session[SEEN_KEY] = now
        return self.get_response(request)


def start_idle_clock(sender: object, request: HttpRequest | None, **kwargs: object) -> None:
    """``user_logged_in`` receiver: the session was just used."""
    if request is not None and hasattr(request, "session"):
        request.session[SEEN_KEY] = int(time.time())
