"""Queries compiled once per shape return exactly what the ORM returns, scoped as asked."""

from __future__ import annotations

from dataclasses import astuple

import pytest
from django.db.models import Count, F, Q, Window
from django.db.models.functions import RowNumber

from practiceos.compiled import CompiledQuery
from practiceos.org import chart as queries
from practiceos.org.models import Seat, live
from practiceos.tenancy.models import Practice
from tests.web.conftest import build_org


def _orm_paged(practice_id, parent_filter, offset=0, limit=queries.PAGE):
    """The chart's paged card query written with the ORM, as before it was compiled."""
    order = [F("kind_rank").asc(), F("name").asc(), F("id").asc()]
    qs = (
        queries.annotate_cards(Seat.objects.filter(live(), parent_filter, practice_id=practice_id))
        .annotate(
            rank=Window(RowNumber(), partition_by=[F("reports_to_id")], order_by=order),
            siblings=Window(Count("id"), partition_by=[F("reports_to_id")]),
        )
        .filter(rank__gt=offset, rank__lte=offset + limit)
        .order_by("reports_to_id", "rank")
    )
    return [(astuple(queries._card(s)), s.reports_to_id, s.siblings) for s in qs]


def _compiled(practice_id, parents, offset=0, limit=queries.PAGE):
    rows = queries._paged(practice_id, parents, offset=offset, limit=limit)
    return [(astuple(card), parent, siblings) for card, parent, siblings in rows]


def test_compiled_chart_levels_equal_the_orm(personas):
    build_org(personas.acme, directors=3, managers_per_director=4, staff_per_manager=60)
    build_org(personas.other, directors=2, managers_per_director=2, staff_per_manager=3)
    pid = personas.acme.pk
    managers = list(
        Seat.objects.filter(practice_id=pid, direct_reports__isnull=False)
        .distinct()
        .values_list("pk", flat=True)
    )
    assert _compiled(pid, None) == _orm_paged(pid, Q(reports_to__isnull=True))
    for manager in managers:
        # Shapes of one id, reused with other ids and offsets: nothing of a former call leaks.
        assert _compiled(pid, [manager]) == _orm_paged(pid, Q(reports_to_id=manager))
        assert _compiled(pid, [manager], offset=50) == _orm_paged(
            pid, Q(reports_to_id=manager), offset=50
        )
    assert _compiled(pid, managers) == _orm_paged(pid, Q(reports_to_id__in=managers))
    assert len(_compiled(pid, managers)) > 50
    # Another practice's managers give nothing through this practice's id.
    theirs = list(
        Seat.objects.filter(practice=personas.other, direct_reports__isnull=False).values_list(
            "pk", flat=True
        )
    )
    assert _compiled(pid, theirs) == []


def test_a_build_that_drops_a_value_is_refused(personas):
    # A build that ignores its argument would run the first call's SQL for everyone.
    query = CompiledQuery(lambda pk: Practice.objects.filter(pk=personas.acme.pk), ["slug"])
    with pytest.raises(RuntimeError, match="lost a parameter"):
        query.rows(pk=personas.other.pk)


def test_rows_come_in_the_order_of_fields(personas):
    query = CompiledQuery(
        lambda ids: Practice.objects.filter(pk__in=ids).order_by("pk"), ["slug", "pk", "name"]
    )
    expected = list(
        Practice.objects.filter(pk__in=[personas.acme.pk, personas.other.pk])
        .order_by("pk")
        .values_list("slug", "pk", "name")
    )
    assert query.rows(ids=[personas.acme.pk, personas.other.pk]) == expected
    assert query.rows(ids=[personas.other.pk]) == [r for r in expected if r[1] == personas.other.pk]
