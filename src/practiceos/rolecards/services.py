"""Every write to a role card: edit parts, adopt a library card, create a role from one.

Each service checks the actor's permission (``edit_structure``: owners and admins),
validates the whole new card with :func:`practiceos.core.rolecards.parse_card` (every
problem named with its field, value and what is accepted; nothing written when any is
found), writes the role's columns, one :class:`RoleVersion` and one audit record in one
transaction, and returns the role.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import replace
from typing import Any

from django.db import transaction
from django.db.models import Max

from practiceos.audit.models import AuditAction
from practiceos.audit.services import record, snapshot_fields
from practiceos.core.problems import InputError, Problem
from practiceos.core.rolecards import (
    RoleCard,
    card_columns,
    card_data,
    parse_card,
)
from practiceos.core.rolelibrary import library, suggested_card
from practiceos.org.models import Role
from practiceos.rolecards.models import RoleVersion
from practiceos.tenancy.access import require
from practiceos.tenancy.models import Membership
from practiceos.tenancy.permissions import Action

#: Card parts the card editor and the API change (title, kind and the provider-lead flag
#: are the role's identity, changed on the role's own form).
EDITABLE_PARTS: tuple[str, ...] = (
    "purpose",
    "responsibilities",
    "decides",
    "proposes",
    "what_good_looks_like",
    "expectations",
    "schedule",
    "management_focus",
    "supervision",
    "track",
)
#: Parts a library card fills when adopted.
LIBRARY_PARTS: tuple[str, ...] = (
    "purpose",
    "responsibilities",
    "decides",
    "proposes",
    "what_good_looks_like",
    "expectations",
    "schedule",
    "management_focus",
    "track",
)
_NOT_ADOPTED = ("title", "kind", "provider_lead", "template")


def _check_practice(actor: Membership, role: Role) -> None:
    if role.practice_id != actor.practice_id:
        # Access helpers already 404 such roles; this guards a programming error.
        raise InputError([Problem("role", "no such role in this practice")])


def _save(actor: Membership, role: Role, card: RoleCard, summary: str, **extra: Any) -> Role:
    """Write ``card`` to ``role`` with a version and an audit record (one transaction)."""
    with transaction.atomic():
        # Lock the role so two saves at once cannot take the same version number.
        locked = Role.objects.select_for_update().get(pk=role.pk)
        before_card = locked.card()
        before = snapshot_fields(locked)
        columns = card_columns(card)
        for key in _NOT_ADOPTED:
            columns.pop(key)
        columns.update(extra)
        for key, value in columns.items():
            setattr(locked, key, value)
        locked.save()
        after = snapshot_fields(locked)
        if before == after:
            return locked
        last = RoleVersion.objects.filter(role=locked).aggregate(n=Max("number"))["n"] or 0
        if last == 0:
            # The first change also keeps the card as it was, so it can be compared.
            RoleVersion.objects.create(
                practice_id=locked.practice_id,
                role=locked,
                number=1,
                card=card_data(before_card),
                summary="As it was before the first change",
            )
            last = 1
        RoleVersion.objects.create(
            practice_id=locked.practice_id,
            role=locked,
            number=last + 1,
            card=card_data(locked.card()),
            actor=actor.user,
            summary=summary[:200],
        )
        record(
            actor=actor.user,
            practice_id=actor.practice_id,
            action=AuditAction.UPDATED,
            obj=locked,
            before=before,
            after=after,
            note=summary,
        )
    return locked


def update_card(
    *, actor: Membership, role: Role, changes: Mapping[str, Any], summary: str = ""
) -> Role:
    """Replace the card parts named in ``changes`` (a partial update; ``None`` or an empty
    value clears a part). Unknown parts, bad values, targets that are not numbers, a
    direction that does not fit its unit: all refused at once, nothing written."""
    require(actor, Action.EDIT_STRUCTURE)
    _check_practice(actor, role)
    if not isinstance(changes, Mapping):
        raise InputError([Problem("body", "must be an object of card parts and values")])
    unknown = [key for key in changes if key not in EDITABLE_PARTS]
    if unknown:
        raise InputError(
            [
                Problem(
                    str(key),
                    f'unknown card part "{key}"; the parts are {", ".join(EDITABLE_PARTS)}',
                )
                for key in unknown
            ]
        )
    data = card_data(role.card())
    for key, value in changes.items():
        if value is None or value == "" or value == []:
            data.pop(key, None)
        else:
            data[key] = value
    card = parse_card(data)
    said = summary or "Edited " + ", ".join(k.replace("_", " ") for k in changes)
    return _save(actor, role, card, said)


def _library_card(template: str) -> RoleCard:
    card = library().get(template) if isinstance(template, str) else None
    if card is None:
        raise InputError(
            [
                Problem(
                    "template",
                    f"{template!r} is not a role-library card; pick a title from the library",
                )
            ]
        )
    return card


def adopt_library_card(
    *,
    actor: Membership,
    role: Role,
    template: str,
    parts: Iterable[str] | None = None,
) -> Role:
    """Fill ``role``'s card from the library card ``template``: every part (default) or the
    ``parts`` named. The practice's copy is then its own: later library changes are
    offered as a diff (:func:`library_changes`), never written over it."""
    require(actor, Action.EDIT_STRUCTURE)
    _check_practice(actor, role)
    card = _library_card(template)
    chosen = tuple(LIBRARY_PARTS if parts is None else parts)
    unknown = [p for p in chosen if p not in LIBRARY_PARTS]
    if unknown:
        raise InputError(
            [
                Problem("parts", f'"{p}" is not a library part; use {", ".join(LIBRARY_PARTS)}')
                for p in unknown
            ]
        )
    current = role.card()
    library_data = card_data(card)
    data = card_data(current)
    for part in chosen:
        if part in library_data:
            data[part] = library_data[part]
        else:
            data.pop(part, None)
    new = parse_card(data)
    whole = set(chosen) == set(LIBRARY_PARTS)
    what = "the whole card" if whole else ", ".join(p.replace("_", " ") for p in chosen)
    return _save(
        actor,
        role,
        new,
        f'Adopted {what} from the library card "{card.title}"',
        template=card.title,
        library_card=card_data(card),
    )


def create_role_from_library(*, actor: Membership, template: str, title: str = "") -> Role:
    """A new role in the practice from a library card, under the practice's own ``title``
    (default: the library title); refused when the title is taken."""
    require(actor, Action.EDIT_STRUCTURE)
    card = _library_card(template)
    title = (title or card.title).strip()
    problems = []
    if len(title) > 120:
        problems.append(Problem("title", f"is {len(title)} characters long; at most 120"))
    elif Role.objects.filter(practice_id=actor.practice_id, title__iexact=title).exists():
        problems.append(
            Problem("title", f'a role titled "{title}" already exists; adopt the card onto it')
        )
    if problems:
        raise InputError(problems)
    with transaction.atomic():
        role = Role(practice_id=actor.practice_id, title=title, kind=card.kind.value)
        for key, value in card_columns(replace(card, title=title, template=card.title)).items():
            setattr(role, key, value)
        role.library_card = card_data(card)
        role.save()
        RoleVersion.objects.create(
            practice_id=role.practice_id,
            role=role,
            number=1,
            card=card_data(role.card()),
            actor=actor.user,
            summary=f'Created from the library card "{card.title}"',
        )
        record(
            actor=actor.user,
            practice_id=actor.practice_id,
            action=AuditAction.CREATED,
            obj=role,
            after=snapshot_fields(role),
        )
    return role


def adopt_matched_cards(*, actor: Membership) -> list[Role]:
    """Fill every role that has not adopted a card yet from the library card it was
    matched to (its ``template``, else the card its title matches): one click for a
    practice that imported a roster. Roles the practice already wrote or adopted are left
    alone. Returns the roles filled (each versioned and audited)."""
    require(actor, Action.EDIT_STRUCTURE)
    filled = []
    pending = Role.objects.filter(practice_id=actor.practice_id, library_card__isnull=True)
    for role in pending.order_by("title"):
        card = role.card()
        if card.purpose and card.responsibilities and card.expectations:
            continue  # written by the practice: its words win
        template = suggested_card(role.title, card.kind, role.template).title
        filled.append(adopt_library_card(actor=actor, role=role, template=template))
    return filled


def library_changes(role: Role) -> tuple[RoleCard, RoleCard] | None:
    """``(as adopted, library now)`` when the library card this role adopted has changed
    since, else ``None``: the practice is offered the difference, never overwritten."""
    if not role.template or not role.library_card:
        return None
    now = library().get(role.template)
    if now is None:
        return None
    try:
        then = parse_card(role.library_card)
    except InputError:
        return None
    if card_data(then) == card_data(now):
        return None
    return then, now


__all__ = [
    "EDITABLE_PARTS",
    "LIBRARY_PARTS",
    "adopt_library_card",
    "adopt_matched_cards",
    "create_role_from_library",
    "library_changes",
    "update_card",
]
