"""Healthcare job-title classifier (interface; the full classifier replaces this body)."""

from __future__ import annotations

from dataclasses import dataclass

from practiceos.core.model import Level, SeatKind


@dataclass(frozen=True, slots=True)
class TitleClass:
    """What one job title means for one seat: its kind, role template and level."""

    kind: SeatKind
    role_title: str
    level: Level
    provider_lead: bool = False


def classify_title(title: str) -> tuple[TitleClass, ...]:
    """Classify a job title into one or more seats (combined titles give several)."""
    cleaned = " ".join(title.split()) or "Staff"
    return (TitleClass(kind=SeatKind.ADMINISTRATIVE, role_title=cleaned, level=Level.SENIOR),)
