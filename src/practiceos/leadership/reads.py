"""Read functions other apps use (role cards, reviews, the home page).

Each is scoped to one practice and runs a fixed number of queries; names here are stable.
"""

from __future__ import annotations

from practiceos.core import leadership as core
from practiceos.leadership.models import CoreValue, Vision
from practiceos.tenancy.models import Practice


def core_values(practice: Practice | int) -> list[CoreValue]:
    """The practice's core values in their order (name, behaviour, stable ``pk``). One query.

    Empty until the owner writes the vision. Other areas (reviews in accountability) rate
    people against these rows by primary key.
    """
    pid = practice if isinstance(practice, int) else practice.pk
    return list(CoreValue.objects.filter(practice_id=pid).order_by("position", "id"))


def vision_of(practice: Practice | int) -> core.Vision:
    """The practice's vision as the core dataclass (empty when none). Two queries."""
    pid = practice if isinstance(practice, int) else practice.pk
    row = Vision.objects.filter(practice_id=pid).first()
    values = tuple(core.CoreValue(v.name, v.behaviour) for v in core_values(pid))
    if row is None:
        return core.Vision(core_values=values)
    return core.Vision(
        three_year_picture=row.three_year_picture,
        one_year_goals=tuple(str(g) for g in row.one_year_goals or ()),
        core_values=values,
        core_focus=row.core_focus,
        what_good_looks_like=row.what_good_looks_like,
    )
