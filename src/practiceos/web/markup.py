"""Helpers for markup written in Python (template tags that build many rows at once)."""

from __future__ import annotations

import html
from typing import Any


def escape(value: Any) -> str:
    """HTML-escape ``value`` exactly as Django's ``escape`` does (same characters, same
    output), without its lazy-string wrapper and ``SafeString``: on a page of several
    hundred chart cards those cost more than the escaping itself. The caller marks the
    finished markup safe once."""
    return html.escape(str(value))
