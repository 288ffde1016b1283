"""The home page's "needs you": plans and quarterly conversations needing the member."""

from __future__ import annotations

from practiceos.people.access import Viewer
from practiceos.people.items import items_for_viewer
from practiceos.tenancy.models import Membership
from practiceos.web.needs import PER_PROVIDER, NeedItem


def plans_and_reviews(membership: Membership) -> list[NeedItem]:
    """Overdue and ending plans, conversations due and the member's own plan, most urgent
    first (a fixed number of queries)."""
    items = items_for_viewer(Viewer.of(membership))[:PER_PROVIDER]
    return [
        NeedItem(item.kind.replace("-", " "), f"{item.person}: {item.text}", item.url, item.due)
        for item in items
    ]
