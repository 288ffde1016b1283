"""The home page's "needs you": the member's open to-dos (one query)."""

from __future__ import annotations

from django.urls import reverse

from practiceos.meetings.queries import open_todos_for
from practiceos.tenancy.models import Membership
from practiceos.web.needs import PER_PROVIDER, NeedItem


def open_todos(membership: Membership) -> list[NeedItem]:
    """The member's open to-dos, soonest due first, each linking to its team's meetings."""
    return [
        NeedItem(
            "to-do",
            f"{todo.title} ({todo.team.name})",
            reverse("meetings:team", args=[todo.team_id]),
            todo.due,
        )
        for todo in open_todos_for(membership.user, membership.practice_id, limit=PER_PROVIDER)
    ]
