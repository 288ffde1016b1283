"""Template tags of the leadership area: the "areas this seat decides" list for role cards."""

from __future__ import annotations

from typing import Any

from django import template

from practiceos.leadership.reads import decision_areas_decided_by

register = template.Library()


@register.inclusion_tag("leadership/includes/seat_decisions_list.html")
def seat_decisions(seat: Any) -> dict[str, Any]:
    """The decision areas ``seat`` decides (two queries), as a short list."""
    return {"seat": seat, "decisions": decision_areas_decided_by(seat) if seat else []}
