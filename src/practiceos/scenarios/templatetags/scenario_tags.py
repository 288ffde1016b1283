"""``{% load scenario_tags %}``: the id "try in a scenario" uses for a stored finding."""

from __future__ import annotations

from typing import Any

from django import template

from practiceos.core.scenario import finding_ref

register = template.Library()


@register.filter
def finding_id(finding: dict[str, Any]) -> str:
    """The short id of a finding dict of a stored health run (its rule and subjects)."""
    return finding_ref(
        str(finding.get("rule", "")), [str(s.get("id")) for s in finding.get("subjects", [])]
    )
