"""Writing audit records; called by every service function, inside its transaction."""

from __future__ import annotations

import datetime as dt
import decimal
from collections.abc import Callable, Sequence
from typing import Any

from django.db import connections, models
from django.utils import timezone

from practiceos.audit.models import AuditAction, AuditRecord

WriteListener = Callable[[int, frozenset[str]], None]
"""Told ``(practice_id, object types written)`` after audited writes, inside their
transaction."""

_WRITE_LISTENERS: list[WriteListener] = []


def register_write_listener(listener: WriteListener) -> None:
    """Have ``listener`` told about every audited write (once per call of :func:`record`
    or :func:`record_many`, with the object types written, inside the writer's
    transaction). Apps register
    from ``AppConfig.ready``: the health check queues its automatic re-check this way, so
    every writer of the chart (services, loads, imports, archiving) is covered without
    knowing about it."""
    if listener not in _WRITE_LISTENERS:
        _WRITE_LISTENERS.append(listener)


def _written(practice_id: int, object_types: frozenset[str]) -> None:
    for listener in _WRITE_LISTENERS:
        listener(practice_id, object_types)


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
    """Write one audit record for ``obj`` (hits the database), then tell the write
    listeners (:func:`register_write_listener`)."""
    row = AuditRecord.objects.create(
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
    _written(practice_id, frozenset({row.object_type}))
    return row


#: Object types whose history only owners and admins may read on the audit pages: people
#: accountability records (their audit rows hold no content, but even that a plan exists
#: is confidential to the person's chain).
CONFIDENTIAL_TYPES = frozenset(
    {"people.review", "people.plan", "people.checkpoint", "people.oneonone"}
    # Hiring (issue 17): candidates are confidential to the hiring seat's chain.
    | {"hiring.hiringplan", "hiring.candidate", "hiring.interviewscore"}
)


#: One prepared audit row: (action, object_type, object_id, object_repr, before, after).
AuditRow = tuple[str, str, str, str, Any, Any]


def record_many(
    *,
    practice_id: int,
    actor_id: int | None,
    note: str,
    rows: Sequence[AuditRow],
    progress: Callable[[str, int, int], None] | None = None,
) -> None:
    """Write many audit records at once, all with the same time, actor and note, then
    tell the write listeners once per object type (a 100,000-row import is one call).

    Loads and imports write one record per row changed: 300,000 for a 100,000-person
    practice. On PostgreSQL they go through COPY (adapting the JSON columns row by row
    for INSERTs took longer than writing the chart itself); elsewhere ``bulk_create``.
    """
    now = timezone.now()
    note = note[:300]
    report = progress or (lambda stage, done, total: None)
    _write_rows(practice_id, actor_id, note, now, rows, report)
    if rows:
        _written(practice_id, frozenset(row[1] for row in rows))


def _write_rows(
    practice_id: int,
    actor_id: int | None,
    note: str,
    now: dt.datetime,
    rows: Sequence[AuditRow],
    report: Callable[[str, int, int], None],
) -> None:
    total = len(rows)
    connection = connections["default"]
    if connection.vendor == "postgresql":
        from psycopg.types.json import Jsonb

        columns = "practice_id, actor_id, at, action, object_type, object_id, object_repr, before, after, note"
        table = connection.ops.quote_name(AuditRecord._meta.db_table)
        with connection.cursor() as cursor:
            raw = cursor.cursor  # the psycopg cursor under Django's wrapper
            with raw.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
                for done, (action, kind, pk, name, before, after) in enumerate(rows, 1):
                    copy.write_row(
                        (
                            practice_id,
                            actor_id,
                            now,
                            action,
                            kind,
                            pk,
                            name[:300],
                            None if before is None else Jsonb(before),
                            None if after is None else Jsonb(after),
                            note,
                        )
                    )
                    if done % 20_000 == 0:
                        report("audit records", done, total)
        report("audit records", total, total)
        return
    for start in range(0, total, 2000):
        AuditRecord.objects.bulk_create(
            AuditRecord(
                practice_id=practice_id,
                actor_id=actor_id,
                at=now,
                action=action,
                object_type=kind,
                object_id=pk,
                object_repr=name[:300],
                before=before,
                after=after,
                note=note,
            )
            for action, kind, pk, name, before, after in rows[start : start + 2000]
        )
        report("audit records", min(start + 2000, total), total)


def _actor_id(actor: Any) -> int | None:
    """The user id of a membership (no query for the user) or of a user."""
    if hasattr(actor, "user_id"):
        return actor.user_id  # type: ignore[no-any-return]
    return getattr(actor, "pk", None)


def record_confidential_read(actor: Any, obj: models.Model, *, note: str = "") -> AuditRecord:
    """Record that ``actor`` read the confidential ``obj`` (a review, a plan, one-on-one
    notes, pulse answers): who and when, in the object's practice (hits the database).

    ``actor`` is a membership or a user; the practice is the object's own, so a read is
    logged where the object lives. Call it from the view or API handler that shows the
    object, after the access helper let the read through. Nothing of the content is
    stored: the record says that it was read, not what it says.
    """
    practice_id = getattr(obj, "practice_id", None) or getattr(actor, "practice_id", None)
    if practice_id is None:
        raise ValueError("a confidential read needs an object of a practice")
    return AuditRecord.objects.create(
        practice_id=practice_id,
        actor_id=_actor_id(actor),
        action=AuditAction.READ,
        object_type=obj._meta.label_lower,
        object_id=str(obj.pk),
        object_repr=str(obj)[:300],
        note=note[:300],
    )


def record_confidential_reads(actor: Any, objs: Sequence[models.Model]) -> None:
    """:func:`record_confidential_read` for every object a page shows (a person's history),
    in one INSERT so the page keeps a fixed number of queries. ``str()`` of each object
    must not need a query (load what it names with the objects)."""
    if not objs:
        return
    actor_id = _actor_id(actor)
    AuditRecord.objects.bulk_create(
        AuditRecord(
            practice_id=item.practice_id,  # type: ignore[attr-defined]
            actor_id=actor_id,
            action=AuditAction.READ,
            object_type=item._meta.label_lower,
            object_id=str(item.pk),
            object_repr=str(item)[:300],
        )
        for item in objs
    )
