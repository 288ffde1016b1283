"""``{% page_help as help %}``: the "About this page" entry of the page being shown.

Looked up by the URL name the request resolved to (``org:chart``) in the validated data
file ``core/data/page_help.yaml``; no database query.
"""

from __future__ import annotations

from typing import Any

from django import template

from practiceos.core.page_help import PageHelp, help_for

register = template.Library()


@register.simple_tag(takes_context=True)
def page_help(context: dict[str, Any]) -> PageHelp | None:
    """The help of the current page, or ``None`` (error pages, pages without an entry)."""
    request = context.get("request")
    match = getattr(request, "resolver_match", None)
    if match is None or not match.view_name:
        return None
    return help_for(match.view_name)
