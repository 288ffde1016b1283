"""Writing audit records; called by every service function, inside its transaction."""

from __future__ import annotations

import datetime as dt
import decimal
from collections.abc import Iterable
from typing import Any

from django.db import models

from practiceos.audit.models import AuditAction, AuditRecord


def snapshot_fields(obj: models.Model) -> dict[str, Any]:
    """The object's concrete field values as JSON-safe data (foreign keys as ids)."""
    data: dict[str, Any] = {}
    for field in obj._meta.concrete_fields:
        if field.name in {"id", "practice"}:
            continue
        value = getattr(obj, field.attname)
        if isinstance(value, (dt.date, dt.datetime)):
            value = value.isoformat()
        elif isinstance(value, decimal.Decimal):
            value = str(value)
        data[field.name] = value
    for field in obj._meta.many_to_many:
        if obj.pk is not None:
            data[field.name] = sorted(v.pk for v in getattr(obj, field.name).all())
    return data


def record(
    *,
    actor: Any,
    practice_id: int,
    action: AuditAction,
    obj: models.Model,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
    note: str = "",
) -> AuditRecord:
    """Write one audit record for ``obj`` (hits the database)."""
    return AuditRecord.objects.create(
        practice_id=practice_id,
        actor=actor if getattr(actor, "pk", None) else None,
        action=action,
        object_type=obj._meta.label_lower,
        object_id=str(obj.pk),
        object_repr=str(obj)[:300],
        before=before,
        after=after,
        note=note[:300],
    )


def record_many(records: Iterable[AuditRecord]) -> None:
    """Bulk-write prepared audit records (used by org file loads and imports)."""
    AuditRecord.objects.bulk_create(list(records), batch_size=2000)
