"""REST endpoints of role cards: read and edit a card, its versions, the role library.

``router`` is mounted by ``practiceos.api``. A card is read by the seat holder, their
manager chain, owners and admins (``rolecards.access``; another practice's role is a
404); editing and adopting need ``edit_structure``. The card body is the role-card
schema's plain data (``docs/role-cards.md``); a bad part is a 422 naming it
(``expectations[0].targets.junior``) with the value and what is accepted; nothing written.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import HttpRequest
from ninja import Body, Router, Schema, Status

from practiceos.core.model import SeatKind
from practiceos.core.problems import InputError, Problem
from practiceos.core.rolecards import card_data
from practiceos.core.rolelibrary import library
from practiceos.org.schemas import Message, Problems
from practiceos.rolecards import services
from practiceos.rolecards.access import get_role_card_for
from practiceos.rolecards.models import RoleVersion
from practiceos.tenancy.access import require
from practiceos.tenancy.api import membership_of
from practiceos.tenancy.permissions import Action

router = Router(tags=["role cards"])


ERRORS: dict[int, Any] = {401: Message, 403: Message, 404: Message}


class CardOut(Schema):
    """A role and its full card (the plain-data form of ``core.rolecards``)."""

    id: int
    title: str
    template: str
    card: dict[str, Any]
    versions: int


class VersionOut(Schema):
    """One version of a card: number, when, who (username), summary and the card."""

    number: int
    created_at: dt.datetime
    actor: str | None
    summary: str
    card: dict[str, Any]


class LibraryCardOut(Schema):
    """A role-library card and its field of practice."""

    field: str
    card: dict[str, Any]


class AdoptIn(Schema):
    """Which library card to adopt, and optionally only some parts of it."""

    template: str
    parts: list[str] | None = None


def _out(role: Any) -> dict[str, Any]:
    return {
        "id": role.pk,
        "title": role.title,
        "template": role.template,
        "card": card_data(role.card()),
        "versions": RoleVersion.objects.filter(role=role).count(),
    }


@router.get("/roles/{role_id}/card", response={200: CardOut, **ERRORS, 422: Problems})
def get_card(request: HttpRequest, role_id: int) -> dict[str, Any]:
    """The role's full card."""
    role = get_role_card_for(membership_of(request), role_id)
    return _out(role)


@router.patch("/roles/{role_id}/card", response={200: CardOut, **ERRORS, 422: Problems})
def patch_card(
    request: HttpRequest, role_id: int, payload: dict[str, Any] = Body(...)
) -> dict[str, Any]:
    """Change the card parts named in the body (``purpose``, ``responsibilities``,
    ``decides``, ``proposes``, ``what_good_looks_like``, ``expectations``, ``schedule``,
    ``management_focus``, ``supervision``); ``null`` clears a part. Owners and admins."""
    membership = membership_of(request)
    role = get_role_card_for(membership, role_id, write=True)
    role = services.update_card(actor=membership, role=role, changes=payload)
    return _out(role)


@router.post("/roles/{role_id}/card/adopt", response={200: CardOut, **ERRORS, 422: Problems})
def adopt_card(request: HttpRequest, role_id: int, payload: AdoptIn) -> dict[str, Any]:
    """Fill the card from a role-library card (every part, or ``parts``)."""
    membership = membership_of(request)
    role = get_role_card_for(membership, role_id, write=True)
    role = services.adopt_library_card(
        actor=membership, role=role, template=payload.template, parts=payload.parts
    )
    return _out(role)


@router.get(
    "/roles/{role_id}/card/versions", response={200: list[VersionOut], **ERRORS, 422: Problems}
)
def card_versions(request: HttpRequest, role_id: int) -> list[dict[str, Any]]:
    """Every version of the card, newest first."""
    role = get_role_card_for(membership_of(request), role_id)
    return [
        {
            "number": v.number,
            "created_at": v.created_at,
            "actor": v.actor.username if v.actor else None,
            "summary": v.summary,
            "card": v.card,
        }
        for v in RoleVersion.objects.filter(role=role).select_related("actor").order_by("-number")
    ]


@router.get("/role-library", response={200: list[LibraryCardOut], **ERRORS, 422: Problems})
def role_library(
    request: HttpRequest, kind: str | None = None, q: str | None = None
) -> list[dict[str, Any]]:
    """The role library's cards, by field of practice; ``kind`` and ``q`` (title words)
    narrow it."""
    require(membership_of(request), Action.VIEW)
    if kind is not None and kind not in {k.value for k in SeatKind}:
        raise InputError(
            [
                Problem(
                    "kind",
                    f'"{kind[:40]}" is not a seat kind; use one of {", ".join(k.value for k in SeatKind)}',
                )
            ]
        )
    words = (q or "")[:100].casefold()
    lib = library()
    return [
        {"field": field, "card": card_data(card)}
        for field, cards in lib.by_field().items()
        for card in cards
        if (kind is None or card.kind.value == kind) and words in card.title.casefold()
    ]


@router.post("/role-library/{title}/adopt", response={201: CardOut, **ERRORS, 422: Problems})
def create_from_library(
    request: HttpRequest, title: str, payload: dict[str, Any] = Body(default={})
) -> Status[dict[str, Any]]:
    """A new role from the library card ``title``, under the practice's own ``title`` in
    the body (default: the library's)."""
    membership = membership_of(request)
    own = payload.get("title", "") if isinstance(payload, dict) else ""
    if not isinstance(own, str):
        raise InputError([Problem("title", f"must be text, not {own!r}"[:120])])
    role = services.create_role_from_library(actor=membership, template=title, title=own)
    return Status(201, _out(role))
