"""Every tenant-owned model carries ``practice_id`` and every unique key includes it, so
the schema stays distributable by practice (Citus, issue 14) and no uniqueness rule can
ever relate two practices' rows."""

from __future__ import annotations

from django.apps import apps
from django.db import models

from practiceos.tenancy.models import Practice

#: Tables that are not owned by one practice, and why.
NOT_TENANT_OWNED = {
    "tenancy.practice": "the tenant itself (its id is the distribution column)",
    "tenancy.practicewriter": "the writer lock's holder, keyed by slug before a practice exists",
}
#: Unique keys that cannot hold the practice, and why.
GLOBAL_KEYS = {
    ("tenancy.apitoken", "digest"): "a bearer token is looked up before its practice is known",
    # Debt, owned by the health app: a one-to-one to the seat (unique without the practice);
    # it should become a foreign key with UniqueConstraint(practice, seat).
    ("health.seatflag", "seat"): "one-to-one to a seat; to be keyed by (practice, seat)",
}


def _ours() -> list[type[models.Model]]:
    return [
        model
        for config in apps.get_app_configs()
        if config.name.startswith("practiceos.")
        for model in config.get_models()
    ]


def test_every_tenant_owned_model_carries_practice_id():
    missing = []
    for model in _ours():
        if model._meta.label_lower in NOT_TENANT_OWNED:
            continue
        field = next((f for f in model._meta.fields if f.name == "practice"), None)
        if field is None or field.related_model is not Practice:
            missing.append(model._meta.label_lower)
    assert missing == [], f"models without a practice foreign key: {missing}"


def test_every_unique_key_of_a_tenant_owned_model_includes_the_practice():
    offenders = []
    for model in _ours():
        label = model._meta.label_lower
        if label in NOT_TENANT_OWNED:
            continue
        for constraint in model._meta.constraints:
            if isinstance(constraint, models.UniqueConstraint):
                fields = list(constraint.fields) or ["(expressions)"]
                if "practice" not in fields:
                    offenders.append(f"{label}.{constraint.name} {fields}")
        for together in model._meta.unique_together:
            if "practice" not in together:
                offenders.append(f"{label} unique_together {together}")
        for field in model._meta.fields:
            if field.unique and not field.primary_key and (label, field.name) not in GLOBAL_KEYS:
                offenders.append(f"{label}.{field.name} (unique=True)")
    assert offenders == [], offenders
