"""Audit records as people read them: names instead of ids, field labels, plain values.

``readable(records, practice_id)`` resolves every id a page of records mentions (foreign
keys and lists such as a seat's ``serves``) with one query per kind of object mentioned,
so a page costs the same number of queries whatever it holds.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from django.apps import apps
from django.db import models
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.formats import date_format

from practiceos.audit.models import AuditRecord

#: The field that names an object, tried in this order.
NAME_FIELDS = ("name", "title", "username")
EMPTY = "—"


@dataclass(frozen=True)
class Change:
    """One field's change: its label and both values as text."""

    field: str
    before: str
    after: str


@lru_cache(maxsize=256)
def model_of(object_type: str) -> type[models.Model] | None:
    """The model named by an audit ``object_type`` (``org.seat``), or None."""
    try:
        return apps.get_model(object_type)
    except (LookupError, ValueError):
        return None


def type_label(object_type: str) -> str:
    """``org.seat`` → ``seat``."""
    model = model_of(object_type)
    return str(model._meta.verbose_name) if model else object_type


def _field(model: type[models.Model] | None, name: str) -> Any:
    if model is None:
        return None
    try:
        return model._meta.get_field(name)
    except Exception:
        return None


def _relation(model: type[models.Model] | None, name: str) -> type[models.Model] | None:
    """The related model when ``name`` is a foreign key or many-to-many field."""
    field = _field(model, name)
    if isinstance(field, (models.ForeignKey, models.ManyToManyField)):
        return field.related_model  # type: ignore[return-value]
    return None


#: Timestamps written with every row (by ``auto_now`` or a ``timezone.now`` default).
BOOKKEEPING = frozenset({"created_at", "updated_at"})


def _bookkeeping(model: type[models.Model] | None, name: str) -> bool:
    """Timestamps set by the code, not by a person (``created_at``, ``updated_at``, any
    ``auto_now`` field): the record's own time already says when, so listing them as
    changes is noise."""
    field = _field(model, name)
    automatic = getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False)
    return bool(automatic) or name in BOOKKEEPING


def _when(value: Any) -> str | None:
    """A stored date-time (ISO text) as people read it, in the site's time zone."""
    if not isinstance(value, str):
        return None
    moment = parse_datetime(value)
    if moment is None:
        return None
    if timezone.is_aware(moment):
        moment = timezone.localtime(moment)
    return date_format(moment, "j M Y H:i")


def _label(model: type[models.Model] | None, name: str) -> str:
    field = _field(model, name)
    label = getattr(field, "verbose_name", None)
    return str(label) if label else name.replace("_", " ")


def _name_field(model: type[models.Model]) -> str | None:
    names = {f.name for f in model._meta.concrete_fields}
    return next((n for n in NAME_FIELDS if n in names), None)


def _ids(value: Any) -> list[int]:
    values = value if isinstance(value, list) else [value]
    return [v for v in values if isinstance(v, int) and not isinstance(v, bool)]


def _names(wanted: dict[type[models.Model], set[int]], practice_id: int) -> dict[Any, str]:
    """{(model, id): name} with one query per model; only rows of this practice are named."""
    found: dict[Any, str] = {}
    for model, ids in wanted.items():
        field = _name_field(model)
        if field is None or not ids:
            continue
        rows = model._default_manager.filter(pk__in=ids)
        if "practice" in {f.name for f in model._meta.concrete_fields}:
            rows = rows.filter(practice_id=practice_id)
        for pk, name in rows.values_list("pk", field):
            found[(model, pk)] = str(name)
    return found


def _text(
    value: Any, related: type[models.Model] | None, names: dict[Any, str], moment: bool = False
) -> str:
    if value is None or value == "" or value == []:
        return EMPTY
    if moment:
        when = _when(value)
        if when is not None:
            return when
    if related is not None:
        ids = _ids(value)
        if ids:
            shown = [names.get((related, i), f"#{i} (no longer exists)") for i in ids]
            return ", ".join(shown)
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, dict):
        return ", ".join(f"{k}: {v}" for k, v in value.items()) or EMPTY
    return str(value)


def readable(records: Iterable[AuditRecord], practice_id: int) -> list[AuditRecord]:
    """The records with ``.readable_changes`` (list of :class:`Change`) and ``.type_label``.

    Queries: one per kind of related object the page mentions (a fixed, small number).
    """
    records = list(records)
    wanted: dict[type[models.Model], set[int]] = defaultdict(set)
    for r in records:
        model = model_of(r.object_type)
        for name, before, after in r.changes():
            related = _relation(model, name)
            if related is not None:
                wanted[related].update(_ids(before) + _ids(after))
    names = _names(wanted, practice_id)
    for r in records:
        model = model_of(r.object_type)
        changes = []
        for name, before, after in r.changes():
            if _bookkeeping(model, name):
                continue
            related = _relation(model, name)
            moment = isinstance(_field(model, name), models.DateTimeField)
            changes.append(
                Change(
                    _label(model, name),
                    _text(before, related, names, moment),
                    _text(after, related, names, moment),
                )
            )
        r.readable_changes = changes  # type: ignore[attr-defined]
        r.type_label = type_label(r.object_type)  # type: ignore[attr-defined]
    return records
