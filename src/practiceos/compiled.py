"""Compile a hot read query's SQL once per process and reuse it with new parameters.

Turning a queryset with subqueries, window functions and ``Case`` expressions into SQL
costs the web process far more CPU than the database spends running it: the chart's
card query took about 6 ms of Python per call to compile and well under 1 ms to run.
The SQL of such a query depends only on its shape (which filters, how many ids in an
``IN`` list), never on the values, so :class:`CompiledQuery` builds the queryset once
with *sentinel* values, remembers where each sentinel landed in the parameter list, and
afterwards only substitutes real values and runs the SQL through a cursor.

Sentinels are negative numbers no primary key, offset or count can take; a compile whose
parameters do not contain every sentinel (Django folded or dropped one) is refused, so a
wrong substitution fails loudly at the first call instead of returning someone else's
rows. Rows come back as tuples in the order of ``fields``.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Sequence
from typing import Any

from django.db import connections
from django.db.models import QuerySet

# Shapes kept per query before the cache starts over (IN lists of many lengths).
MAX_SHAPES = 512
# Far from any id, offset or count the product uses, yet inside a 32-bit integer column's
# range (Django turns a comparison with an out-of-range value into "no rows" instead).
_SENTINEL_BASE = -2_100_000_000


class CompiledQuery:
    """One query shape, compiled per database alias and ``shape`` key on first use.

    ``build(**sentinels)`` returns the queryset for the shape: it must use every
    sentinel it gets as a filter value, and end with ``.values_list(*fields)``.
    ``names`` are the parameters; list-valued ones (``IN`` lists) get one sentinel per
    element, so their length is part of the shape.
    """

    def __init__(self, build: Callable[..., QuerySet[Any]], fields: Sequence[str]) -> None:
        self._build = build
        self._fields = list(fields)
        self._cache: dict[Hashable, tuple[str, list[tuple[bool, Any]], list[int]]] = {}

    def _compile(
        self, using: str, values: dict[str, Any]
    ) -> tuple[str, list[tuple[bool, Any]], list[int]]:
        sentinels: dict[str, Any] = {}
        slot_of: dict[int, tuple[str, int | None]] = {}
        n = 0
        for name, value in values.items():
            if isinstance(value, list | tuple):
                marks = []
                for i in range(len(value)):
                    n += 1
                    marks.append(_SENTINEL_BASE - n)
                    slot_of[_SENTINEL_BASE - n] = (name, i)
                sentinels[name] = marks
            elif value is None:
                sentinels[name] = None
            else:
                n += 1
                sentinels[name] = _SENTINEL_BASE - n
                slot_of[_SENTINEL_BASE - n] = (name, None)
        qs = self._build(**sentinels).values_list(*self._fields)
        query = qs.query
        sql, params = query.get_compiler(using).as_sql()
        slots: list[tuple[bool, Any]] = []
        seen = set()
        for param in params:
            if isinstance(param, int) and not isinstance(param, bool) and param in slot_of:
                slots.append((True, slot_of[param]))
                seen.add(param)
            else:
                slots.append((False, param))
        if seen != set(slot_of):
            raise RuntimeError(f"compiled query lost a parameter: {sorted(slot_of)} vs {seen}")
        # Django 5.2 selects a values_list's columns in the order given (``selected``);
        # older versions as extra, fields, annotations. Map back to ``fields`` either way.
        selected = getattr(query, "selected", None)
        names = (
            list(selected)
            if selected
            else [*query.extra_select, *query.values_select, *query.annotation_select]
        )
        order = [names.index(field) for field in self._fields]
        return sql, slots, order

    def rows(self, *, using: str = "default", **values: Any) -> list[tuple[Any, ...]]:
        """Run the query for ``values`` (same names as ``build`` takes); rows as tuples."""
        shape = (
            using,
            connections[using].vendor,
            tuple(
                (name, len(v) if isinstance(v, list | tuple) else "none" if v is None else "")
                for name, v in values.items()
            ),
        )
        entry = self._cache.get(shape)
        if entry is None:
            if len(self._cache) >= MAX_SHAPES:
                self._cache.clear()
            entry = self._cache[shape] = self._compile(using, values)
        sql, slots, order = entry
        params = []
        for is_slot, item in slots:
            if not is_slot:
                params.append(item)
                continue
            name, index = item
            params.append(values[name] if index is None else values[name][index])
        with connections[using].cursor() as cursor:
            cursor.execute(sql, params)
            fetched = cursor.fetchall()
        if order == list(range(len(order))):
            return [tuple(row) for row in fetched]
        return [tuple(row[i] for i in order) for row in fetched]
