"""``{% main_nav %}``: the site's navigation links, written in Python.

Every full page draws the same twenty links; through the template language that was
twenty ``reverse()`` calls and forty conditions per page, a visible share of a small
page's CPU. The URLs are reversed once per process and script prefix here; the markup and
the ``aria-current`` rules are those ``web/nav.html`` had.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import template
from django.urls import get_script_prefix, reverse
from django.utils.safestring import SafeString, mark_safe

from practiceos.tenancy.permissions import Action, allows
from practiceos.web.markup import escape

register = template.Library()


Current = Callable[[str, str], bool]


def _names(*names: str) -> Current:
    return lambda name, app: name in names


def _app(wanted: str) -> Current:
    return lambda name, app: app == wanted


# (route, label, when the link is the current page given (url name, app name), who sees it)
LINKS: list[tuple[str, str, Current, Action | None]] = [
    ("home", "Home", _names("home"), None),
    ("org:chart", "Chart", _names("chart"), None),
    ("org:people", "People", _names("people", "person"), None),
    ("org:locations", "Locations", _names("locations", "location"), None),
    ("health:report", "Health", _app("health"), None),
    ("people:home", "Accountability", _app("people"), None),
    ("leadership:home", "Leadership", _app("leadership"), None),
    ("meetings:overview", "Meetings", _app("meetings"), None),
    ("scenarios:list", "Scenarios", _app("scenarios"), None),
    ("org:teams", "Teams", _names("teams", "team"), None),
    ("scorecards:index", "Scorecards", _app("scorecards"), None),
    ("processes:index", "Processes", _app("processes"), None),
    ("hiring:index", "Hiring", _app("hiring"), None),
    ("org:roles", "Roles", _names("roles", "role"), None),
    ("rolecards:library", "Role library", _app("rolecards"), None),
    ("roster:upload", "Import roster", _app("roster"), Action.MANAGE_PRACTICE),
    ("audit:recent", "Audit", _app("audit"), None),
    (
        "tenancy:members",
        "Members",
        lambda name, app: app == "tenancy" and name not in ("tokens", "revoke-token"),
        None,
    ),
    ("tenancy:tokens", "API tokens", _names("tokens", "revoke-token"), None),
    ("help", "Help", _names("help", "help-page"), None),
]

_URLS: dict[str, list[str]] = {}


def _urls() -> list[str]:
    prefix = get_script_prefix()
    urls = _URLS.get(prefix)
    if urls is None:
        urls = _URLS[prefix] = [escape(reverse(route)) for route, _, _, _ in LINKS]
    return urls


@register.simple_tag(takes_context=True)
def main_nav(context: Any) -> SafeString:
    """The navigation links, the current page's marked ``aria-current="page"``."""
    request = context.get("request")
    match = getattr(request, "resolver_match", None)
    name = (match.url_name or "") if match else ""
    app = (match.app_name or "") if match else ""
    membership = context.get("membership")
    out = []
    for url, (_, label, current, action) in zip(_urls(), LINKS, strict=True):
        if action is not None and not (membership and allows(membership.role, action)):
            continue
        mark = ' aria-current="page"' if current(name, app) else ""
        out.append(f'<a href="{url}"{mark}>{escape(label)}</a>')
    return mark_safe("\n".join(out))
