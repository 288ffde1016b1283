"""The role templates: the role library's cards by normalised title (kept for its readers).

The title classifier (:mod:`practiceos.core.titles`) maps a messy payroll title to one of
these titles; the roster importer records the match and the card editor offers the card.
The cards themselves are data, in ``core/data/roles/*.yaml``, read and validated by
:mod:`practiceos.core.rolelibrary`; this module only gives them their historical names.
"""

from __future__ import annotations

from collections.abc import Mapping

from practiceos.core.rolecards import RoleCard
from practiceos.core.rolelibrary import department_title, library

__all__ = ["ROLE_TEMPLATES", "RoleTemplate", "department_title", "template_for"]

RoleTemplate = RoleCard
"""A role template is a complete role card from the library."""

ROLE_TEMPLATES: Mapping[str, RoleCard] = library().cards
"""Every role template, keyed by its normalised title."""


def template_for(role_title: str) -> RoleCard | None:
    """The template for a normalised role title (case-insensitive), or ``None``."""
    return library().get(role_title)
