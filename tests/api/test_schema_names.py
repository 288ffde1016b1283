"""Every schema in the OpenAPI document is one class: django-ninja names components by class
name, so two routers' schemas with one name would make the document describe one
endpoint's answer with another's (POST /api/health/runs once showed a checklist run)."""

from __future__ import annotations

from ninja import Schema

from practiceos.api import api


def _schema_classes() -> list[type]:
    found, todo = [], [Schema]
    while todo:
        cls = todo.pop()
        for sub in cls.__subclasses__():
            todo.append(sub)
            if sub.__module__.startswith("practiceos."):
                found.append(sub)
    return found


def test_no_two_schemas_share_a_component_name():
    components = set(api.get_openapi_schema()["components"]["schemas"])
    by_name: dict[str, set[str]] = {}
    for cls in _schema_classes():
        if cls.__name__ in components:
            by_name.setdefault(cls.__name__, set()).add(f"{cls.__module__}.{cls.__qualname__}")
    clashes = {name: sorted(where) for name, where in by_name.items() if len(where) > 1}
    assert not clashes, f"schemas sharing an OpenAPI name: {clashes}"
