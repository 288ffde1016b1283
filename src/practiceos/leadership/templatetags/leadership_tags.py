"""Template tags of the leadership area: the "areas this seat decides" list for role cards."""

from __future__ import annotations

from typing import Any

from django import template

from practiceos.leadership.reads import (
    decision_areas_decided_by,
    decision_areas_decided_by_role,
)

register = template.Library()


@register.inclusion_tag("leadership/includes/seat_decisions_list.html")
def seat_decisions(seat: Any) -> dict[str, Any]:
    """The decision areas ``seat`` decides (two queries), as a short list."""
    return {"seat": seat, "decisions": decision_areas_decided_by(seat) if seat else []}


@register.inclusion_tag("leadership/includes/role_decisions_list.html")
def role_decisions(role: Any) -> dict[str, Any]:
    """The decision areas the seats of ``role`` decide (two queries), for its role card."""
    return {"role": role, "decisions": decision_areas_decided_by_role(role) if role else []}
