"""The home page's "needs you": asks routed to the member's seat, waiting for a decision."""

from __future__ import annotations

from django.urls import reverse

from practiceos.leadership.reads import open_asks_for
from practiceos.tenancy.models import Membership
from practiceos.web.needs import PER_PROVIDER, NeedItem


def open_asks(membership: Membership) -> list[NeedItem]:
    """Open asks at the seats the member holds, oldest first (two queries)."""
    return [
        NeedItem("ask", ask.text[:120], reverse("leadership:ask", args=[ask.pk]), None)
        for ask in open_asks_for(membership.user, membership.practice_id, limit=PER_PROVIDER)
    ]
