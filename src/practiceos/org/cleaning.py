"""Turning user input (API bodies, form posts) into clean field values, or problems.

Each object type declares its editable fields once (``FIELDS`` in ``org.services``); the
same declaration validates creates and partial updates from the web, the API and the CLI,
so every refusal reads the same: the field, the value, and what would be accepted.
"""

from __future__ import annotations

import datetime as dt
import decimal
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from django.db import models

from practiceos.core.limits import count_message, length_message
from practiceos.core.problems import InputError, Problem


@dataclass(frozen=True)
class Field:
    """One editable field: its kind and limits.

    ``kind`` is one of ``text``, ``choice``, ``bool``, ``date``, ``fte``, ``ref`` (a
    foreign key to ``model`` in the same practice), ``refs`` (a list of them),
    ``strings`` (a list of short texts).
    """

    name: str
    kind: str = "text"
    required: bool = False
    max_length: int = 200  # texts; for ``strings`` each item (see ``core.limits``)
    max_items: int | None = None  # ``strings`` and ``refs``: the most items
    choices: tuple[str, ...] = ()
    model: type[models.Model] | None = None
    label: str = ""

    @property
    def noun(self) -> str:
        """The referenced object's name for messages (``seat``, ``location``)."""
        return str(self.model._meta.verbose_name) if self.model else self.name


def _show(value: Any) -> str:
    text = repr(value) if not isinstance(value, str) else f'"{value}"'
    return text if len(text) <= 80 else text[:77] + "…"


def clean_fields(
    fields: Iterable[Field],
    data: Mapping[str, Any],
    *,
    practice_id: int,
    partial: bool,
) -> dict[str, Any]:
    """Validate ``data`` against ``fields``; return clean values or raise ``InputError``.

    Unknown keys are refused (naming the accepted ones). References are looked up inside
    the practice only: an id from another practice reads exactly like a missing one.
    One query per referenced type, whatever the number of ids.
    """
    fields = list(fields)
    by_name = {f.name: f for f in fields}
    problems: list[Problem] = []
    for key in data:
        if key not in by_name:
            accepted = ", ".join(sorted(by_name))
            problems.append(Problem(key, f"is not a field here; accepted fields are {accepted}"))
    clean: dict[str, Any] = {}
    for f in fields:
        if f.name not in data:
            if f.required and not partial:
                problems.append(Problem(f.name, "is required"))
            continue
        value = data[f.name]
        try:
            clean[f.name] = _clean_one(f, value, practice_id)
        except ValueError as exc:
            problems.append(Problem(f.name, str(exc)))
    if problems:
        raise InputError(problems)
    return clean


def _clean_one(f: Field, value: Any, practice_id: int) -> Any:
    if f.kind == "text":
        if value is None:
            value = ""
        if not isinstance(value, str):
            raise ValueError(f"{_show(value)} is not text")
        value = value.strip()
        if "\x00" in value:
            raise ValueError("contains a NUL character; remove it")
        if f.required and not value:
            raise ValueError("cannot be blank")
        if len(value) > f.max_length:
            raise ValueError(length_message(value, f.max_length))
        return value
    if f.kind == "choice":
        if value in (None, "") and f.required:
            raise ValueError(f"is required; use one of {', '.join(f.choices)}")
        if value not in f.choices:
            raise ValueError(f"{_show(value)} is not accepted; use one of {', '.join(f.choices)}")
        return value
    if f.kind == "bool":
        if isinstance(value, bool):
            return value
        if isinstance(value, str) and value.lower() in {
            "true",
            "on",
            "1",
            "yes",
            "false",
            "off",
            "0",
            "no",
            "",
        }:
            return value.lower() in {"true", "on", "1", "yes"}
        raise ValueError(f"{_show(value)} is not true or false")
    if f.kind == "date":
        if value in (None, ""):
            if f.required:
                raise ValueError("is required; use a date like 2024-03-01")
            return None
        if isinstance(value, dt.date):
            return value
        try:
            return dt.date.fromisoformat(str(value))
        except ValueError:
            raise ValueError(f"{_show(value)} is not a date; use YYYY-MM-DD") from None
    if f.kind == "fte":
        if value in (None, ""):
            raise ValueError("is blank; use a value like 1.0 or 0.5")
        try:
            number = decimal.Decimal(str(value))
        except (decimal.InvalidOperation, ValueError):
            raise ValueError(
                f"{_show(value)} is not a number; use a value like 1.0 or 0.5"
            ) from None
        if not number.is_finite() or number <= 0 or number > 1:
            raise ValueError(f"{_show(value)} is out of range; use more than 0 and at most 1")
        # Checked before rounding would turn 0.001 into 0 and past the range check.
        if number != number.quantize(decimal.Decimal("0.01")):
            raise ValueError(
                f"{_show(value)} has more than 2 decimal places; use a value like 0.75"
            )
        return number.quantize(decimal.Decimal("0.01"))
    if f.kind == "strings":
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise ValueError(f"{_show(value)} is not a list of texts")
        items = [v.strip() for v in value if v.strip()]
        if f.max_items is not None and len(items) > f.max_items:
            raise ValueError(count_message(len(items), f.max_items, "items"))
        if any("\x00" in v for v in items):
            raise ValueError("has an item containing a NUL character; remove it")
        for i, v in enumerate(items):
            if len(v) > f.max_length:
                raise ValueError(f"item {i + 1}: {length_message(v, f.max_length)}")
        return items
    if f.kind == "ref":
        if value in (None, ""):
            if f.required:
                raise ValueError(f"is required; give the id of a {f.noun}")
            return None
        return _refs(f, [value], practice_id)[0]
    if f.kind == "refs":
        if value is None:
            return []
        if not isinstance(value, list):
            raise ValueError(f"{_show(value)} is not a list of {f.noun} ids")
        if f.max_items is not None and len(value) > f.max_items:
            raise ValueError(count_message(len(value), f.max_items, f"{f.noun} ids"))
        return _refs(f, value, practice_id)
    raise AssertionError(f"unknown field kind {f.kind}")


def _refs(f: Field, values: list[Any], practice_id: int) -> list[models.Model]:
    assert f.model is not None
    ids: list[int] = []
    for v in values:
        text = str(v).strip()
        # isascii: "²" and "٣" are digits to str.isdigit but not ids.
        if (
            isinstance(v, bool)
            or not isinstance(v, (int, str))
            or not (text.isascii() and text.isdigit())
        ):
            raise ValueError(f"{_show(v)} is not a {f.noun} id; use a whole number")
        number = int(v)
        if number > 2**62:
            raise ValueError(f"no {f.noun} with id {number} in this practice")
        ids.append(number)
    found = {o.pk: o for o in f.model._default_manager.filter(practice_id=practice_id, pk__in=ids)}
    missing = [i for i in ids if i not in found]
    if missing:
        raise ValueError(f"no {f.noun} with id {missing[0]} in this practice")
    return [found[i] for i in dict.fromkeys(ids)]
