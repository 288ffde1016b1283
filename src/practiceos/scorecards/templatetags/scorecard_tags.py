"""Template helpers for scorecards: numbers without trailing zeros, week labels."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django import template

from practiceos.core import scorecard as sc

register = template.Library()


@register.filter
def num(value: Decimal | None) -> str:
    """``95`` for 95.0000, ``2.5`` for 2.5000; an empty string for missing."""
    return sc.format_number(value) if isinstance(value, Decimal) else ""


@register.filter
def week(value: dt.date) -> str:
    """``2026-W05`` for a Monday."""
    return sc.week_label(value)


@register.filter
def period(value: dt.date, cadence: str) -> str:
    """A period's label for its cadence (``2026-W05`` or ``2026-03``)."""
    return sc.period_label(value, sc.Cadence(cadence))
