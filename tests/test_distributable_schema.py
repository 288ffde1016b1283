"""The schema stays distributable by ``practice_id`` (docs/scaling.md).

Citus shards a distributed table by one column; every row of a practice then lives on
one node, and a unique constraint can only be enforced there when it includes that
column. These tests fail when a new model forgets either, naming the model and the
constraint, so the path past one machine stays open as the product grows.
"""

from __future__ import annotations

import pytest
from django.apps import apps
from django.db import models
from django.test.utils import isolate_apps

# Tables Citus would hold as *reference* tables (copied to every node) rather than shard,
# each with the reason; they may be unique without the practice. Keep this list short.
REFERENCE_TABLES = {
    "tenancy.Practice": "the tenant list itself: one small row per practice, looked up by slug",
    "tenancy.ApiToken": (
        "a bearer token is looked up by its digest before the practice is known; it carries "
        "practice_id for scoping and becomes a reference table (docs/scaling.md)"
    ),
    "tenancy.PracticeWriter": (
        "who holds a practice's writer lock, keyed by slug so a load that creates its "
        "practice is covered; one small row per practice"
    ),
}


def _tenant_models() -> list[type[models.Model]]:
    return [
        model
        for model in apps.get_models()
        if model.__module__.startswith("practiceos.") and model._meta.label not in REFERENCE_TABLES
    ]


def _unique_keys(model: type[models.Model]) -> list[tuple[str, tuple[str, ...]]]:
    """Every unique key of ``model`` but its primary key: (name, field names)."""
    keys = [
        (constraint.name, tuple(constraint.fields))
        for constraint in model._meta.constraints
        if isinstance(constraint, models.UniqueConstraint)
    ]
    keys += [
        (f"{field.name} unique=True", (field.name,))
        for field in model._meta.fields
        if field.unique and not field.primary_key
    ]
    keys += [(f"unique_together {fields}", tuple(fields)) for fields in model._meta.unique_together]
    return keys


def test_there_are_tenant_models_to_check():
    labels = {model._meta.label for model in _tenant_models()}
    assert {"org.Seat", "org.Person", "audit.AuditRecord", "health.SeatFlag"} <= labels


@pytest.mark.parametrize("model", _tenant_models(), ids=lambda m: m._meta.label)
def test_every_tenant_model_carries_practice_id(model):
    field = next((f for f in model._meta.fields if f.name == "practice"), None)
    assert field is not None, f"{model._meta.label} has no practice field (practice_id)"
    assert field.is_relation and field.related_model._meta.label == "tenancy.Practice"
    assert field.column == "practice_id"


@pytest.mark.parametrize("model", _tenant_models(), ids=lambda m: m._meta.label)
def test_every_unique_key_includes_the_practice(model):
    missing = [name for name, fields in _unique_keys(model) if "practice" not in fields]
    assert not missing, (
        f"{model._meta.label}: unique key(s) {missing} do not include practice, so they "
        "cannot be enforced once the table is distributed by practice_id"
    )


@isolate_apps("practiceos.org")
def test_a_unique_key_without_the_practice_is_caught():
    """The check itself: a model unique on a plain field is reported."""

    class Probe(models.Model):
        practice = models.ForeignKey("tenancy.Practice", on_delete=models.CASCADE)
        code = models.CharField(max_length=5, unique=True)

        class Meta:
            app_label = "org"

        def __str__(self) -> str:
            return self.code

    assert [name for name, fields in _unique_keys(Probe) if "practice" not in fields] == [
        "code unique=True"
    ]
