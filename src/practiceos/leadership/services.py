"""Every write of the leadership area goes through these functions.

Each is ``verb_noun(*, actor, ...)``: it checks the actor's permission, validates with
messages that name the field and the value (nothing written on a refusal), writes inside
``transaction.atomic`` with one audit record per object changed, and returns the object.
Views, the API and the CLI call them; nothing else saves leadership rows.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.db import models, transaction

from practiceos.audit.models import AuditAction
from practiceos.audit.services import record, snapshot_fields
from practiceos.core.vision import vision_from_mapping
from practiceos.leadership.models import CoreValue, Vision
from practiceos.tenancy.access import require
from practiceos.tenancy.models import Membership
from practiceos.tenancy.permissions import Action


def _audit(
    actor: Membership,
    obj: models.Model,
    before: dict[str, Any] | None,
    *,
    deleted: bool = False,
    note: str = "",
) -> None:
    """The one audit helper: records ``obj``'s change unless nothing changed."""
    after = None if deleted else snapshot_fields(obj)
    if before == after:
        return
    if deleted:
        action = AuditAction.DELETED
    else:
        action = AuditAction.CREATED if before is None else AuditAction.UPDATED
    record(
        actor=actor.user,
        practice_id=actor.practice_id,
        action=action,
        obj=obj,
        before=before,
        after=after,
        note=note,
    )


def update_vision(*, actor: Membership, data: Mapping[str, object]) -> Vision:
    """Replace the practice's vision with ``data`` (see ``core.vision.vision_from_mapping``).

    Owners and admins only. Core values are matched by name (case-insensitive) so a
    value whose behaviour is reworded keeps its id; values no longer named are deleted.
    """
    require(actor, Action.LEAD)
    vision = vision_from_mapping(data)
    pid = actor.practice_id
    with transaction.atomic():
        row = Vision.objects.select_for_update().filter(practice_id=pid).first()
        before = snapshot_fields(row) if row is not None else None
        if row is None:
            row = Vision(practice_id=pid)
        row.three_year_picture = vision.three_year_picture
        row.one_year_goals = list(vision.one_year_goals)
        row.core_focus = vision.core_focus
        row.what_good_looks_like = vision.what_good_looks_like
        row.save()
        _audit(actor, row, before)
        _sync_values(actor, [(v.name, v.behaviour) for v in vision.core_values])
    return row


def _sync_values(actor: Membership, wanted: list[tuple[str, str]]) -> None:
    """Make the practice's core values the ``wanted`` (name, behaviour) list, in order."""
    existing = {
        v.name.casefold(): v for v in CoreValue.objects.filter(practice_id=actor.practice_id)
    }
    keep = {name.casefold() for name, _ in wanted}
    for folded, value in existing.items():
        if folded not in keep:
            before, pk = snapshot_fields(value), value.pk
            value.delete()
            value.pk = pk  # the audit record names the deleted row's id
            _audit(actor, value, before, deleted=True)
    for position, (name, behaviour) in enumerate(wanted):
        value = existing.get(name.casefold())
        before = snapshot_fields(value) if value is not None else None
        if value is None:
            value = CoreValue(practice_id=actor.practice_id)
        value.name, value.behaviour, value.position = name, behaviour, position
        value.save()
        _audit(actor, value, before)
