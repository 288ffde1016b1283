"""``{% load org_perms %}``: ask the permission matrix from a template.

``{% if membership|may:"edit_structure" %}`` shows an Edit button only to the roles
``tenancy.permissions`` allows; the views and services still enforce it on every post.
"""

from __future__ import annotations

from typing import Any

from django import template

from practiceos.tenancy.permissions import Action, allows

register = template.Library()


@register.filter
def may(membership: Any, action: str) -> bool:
    """True when ``membership`` (or None) may perform ``action`` (an ``Action`` value)."""
    role = getattr(membership, "role", None)
    return role is not None and allows(role, Action(action))
