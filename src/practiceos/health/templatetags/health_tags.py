"""Template tags of the health check for other apps' pages (the chart's legend)."""

from __future__ import annotations

from typing import Any

from django import template

from practiceos.health.freshness import freshness

register = template.Library()


@register.inclusion_tag("health/chart_freshness.html", takes_context=True)
def chart_freshness(context: template.Context) -> dict[str, Any]:
    """The chart legend's marker: when the flags were checked, changes since, and the
    re-check on its way. Three queries (one before the first check)."""
    membership = context.get("membership")
    practice_id = getattr(membership, "practice_id", None)
    return {
        "freshness": freshness(practice_id) if practice_id else None,
        "request": context.get("request"),
    }
