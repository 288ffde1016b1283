""" "Needs you": what a member should act on, gathered from every app that registers a provider.

An app registers in its ``AppConfig.ready``::

    from practiceos.web.needs import NeedItem, register_need_provider

    def open_todos(membership):          # a fixed number of queries, whatever the data size
        return [NeedItem("to-do", t.title, reverse("meetings:todo", args=[t.pk]), t.due)
                for t in ...[:LIMIT]]

    register_need_provider("meetings.todos", open_todos)

The home page asks every provider (in registration order) and shows at most
``PER_PROVIDER`` items of each, so the page's query count is the sum of the providers'
fixed counts. A provider that fails is skipped and logged: one broken app must not take
the home page down.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from practiceos.tenancy.models import Membership

log = logging.getLogger(__name__)
PER_PROVIDER = 5


@dataclass(frozen=True)
class NeedItem:
    """One thing for the user to act on: its kind (``to-do``, ``ask``, ``plan``,
    ``numbers``...), a short title, where to act, and an optional due date."""

    kind: str
    title: str
    url: str
    due: dt.date | None = None


Provider = Callable[[Membership], Iterable[NeedItem]]
_PROVIDERS: dict[str, Provider] = {}


def register_need_provider(name: str, provider: Provider) -> None:
    """Add (or replace, by ``name``) a provider of "needs you" items."""
    _PROVIDERS[name] = provider


def providers() -> dict[str, Provider]:
    """The registered providers by name (a copy)."""
    return dict(_PROVIDERS)


def needs_for(membership: Membership) -> list[NeedItem]:
    """Every provider's items for ``membership``, at most ``PER_PROVIDER`` each."""
    items: list[NeedItem] = []
    for name, provider in _PROVIDERS.items():
        try:
            found = list(provider(membership))[:PER_PROVIDER]
        except Exception:  # one broken provider must not break everyone's home page
            log.exception("needs provider %s failed", name)
            continue
        items.extend(found)
    return items


# ---- providers of the apps that exist today ---------------------------------------------------


def roster_previews(membership: Membership) -> list[NeedItem]:
    """Roster imports previewed and waiting for confirmation (owners and admins). 1 query."""
    from django.urls import reverse

    from practiceos.roster.models import ImportStatus, RosterImport
    from practiceos.tenancy.permissions import Action, allows

    if not allows(membership.role, Action.MANAGE_PRACTICE):
        return []
    rows = RosterImport.objects.filter(
        practice_id=membership.practice_id, status=ImportStatus.PREVIEWED
    ).order_by("-created_at")[:PER_PROVIDER]
    return [
        NeedItem(
            "import",
            f"Confirm or discard the import of {r.filename}",
            reverse("roster:detail", args=[r.pk]),
        )
        for r in rows
    ]


def my_invitations(membership: Membership) -> list[NeedItem]:
    """Invitations to other practices waiting for this user's answer. 1 query (the
    username comes by subquery, so the membership's user need not be loaded)."""
    from django.contrib.auth import get_user_model
    from django.db.models import Subquery
    from django.urls import reverse
    from django.utils import timezone

    from practiceos.tenancy.models import Invitation, InvitationStatus

    username = get_user_model().objects.filter(pk=membership.user_id).values("username")
    rows = (
        Invitation.objects.filter(
            username=Subquery(username),
            status=InvitationStatus.PENDING,
            expires_at__gt=timezone.now(),
        )
        .select_related("practice")
        .order_by("created_at")[:PER_PROVIDER]
    )
    return [
        NeedItem(
            "invitation",
            f"{i.practice.name} invites you as {i.get_role_display()}",
            reverse("tenancy:invitations"),
        )
        for i in rows
    ]
