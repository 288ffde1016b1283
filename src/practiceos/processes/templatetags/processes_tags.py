"""Template tags of core processes: the "processes this role runs" list for role cards."""

from __future__ import annotations

from typing import Any

from django import template

from practiceos.org.models import Seat
from practiceos.processes.reads import owned_by_seats

register = template.Library()


@register.inclusion_tag("processes/includes/role_processes.html")
def role_processes(role: Any) -> dict[str, Any]:
    """Active processes the role's seats own, or own steps of (two queries)."""
    if role is None or getattr(role, "pk", None) is None:
        return {"owned": []}
    seat_ids = list(
        Seat.objects.filter(practice_id=role.practice_id, role_id=role.pk).values_list(
            "pk", flat=True
        )
    )
    return {"owned": owned_by_seats(role.practice_id, seat_ids) if seat_ids else []}
