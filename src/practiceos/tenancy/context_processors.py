"""Template context: the current membership and the practices the user can switch to."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from practiceos.tenancy.current import current_membership


def practice(request: HttpRequest) -> dict[str, Any]:
    """Adds ``membership`` and ``practices`` (for the switcher) to every template."""
    if not getattr(request, "user", None) or not request.user.is_authenticated:
        return {}
    membership = current_membership(request)
    if membership is None:
        return {"membership": None, "practices": []}
    return {"membership": membership, "practices": [m.practice for m in membership.all_memberships]}
