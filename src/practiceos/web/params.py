"""Reading query-string parameters that users type (search boxes)."""

from __future__ import annotations

from django.http import HttpRequest


def search_text(request: HttpRequest, name: str = "q", limit: int = 100) -> str:
    """The search text in ``?name=``: at most ``limit`` characters, trimmed, without NULs.

    PostgreSQL refuses NUL characters in text parameters, so a pasted ``%00`` would be a
    500 there (SQLite accepts it); nobody searches for one on purpose.
    """
    return request.GET.get(name, "")[:limit].replace("\x00", "").strip()
