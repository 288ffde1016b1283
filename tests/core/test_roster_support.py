"""Shared helpers for the roster tests: sample paths and a deterministic title classifier.

(Named ``test_roster_*`` to sit with the tests it serves; its one test checks the fake.)

The real classifier in :mod:`practiceos.core.titles` evolves on its own; tests that
assert seat names or kinds pass :func:`fake_classify` so they test the roster code only.
"""

from __future__ import annotations

import datetime as dt
import importlib.util
from pathlib import Path
from types import ModuleType

from practiceos.core.model import Level, SeatKind
from practiceos.core.roster import RosterResult, RosterTable, roster_to_snapshot
from practiceos.core.titles import TitleClass

DATA = Path(__file__).resolve().parent.parent / "data" / "roster"
TODAY = dt.date(2025, 6, 1)

_KINDS = {
    "owner": SeatKind.LEADERSHIP,
    "ceo": SeatKind.LEADERSHIP,
    "founder": SeatKind.LEADERSHIP,
    "manager": SeatKind.MANAGEMENT,
    "director": SeatKind.MANAGEMENT,
    "administrator": SeatKind.MANAGEMENT,
    "lead": SeatKind.MANAGEMENT,
    "surgeon": SeatKind.PROVIDER,
    "dentist": SeatKind.PROVIDER,
    "therapist": SeatKind.PROVIDER,
    "veterinarian": SeatKind.PROVIDER,
    "assistant": SeatKind.SUPPORT,
    "hygienist": SeatKind.SUPPORT,
    "technician": SeatKind.SUPPORT,
    "technologist": SeatKind.SUPPORT,
}


def _one(part: str) -> TitleClass:
    words = part.lower().replace("&", " ").split()
    kind = next((_KINDS[w] for w in words if w in _KINDS), SeatKind.ADMINISTRATIVE)
    return TitleClass(kind=kind, role_title=part.strip(), level=Level.SENIOR)


def fake_classify(title: str) -> tuple[TitleClass, ...]:
    """Split combined titles on " / " and classify each part by a keyword."""
    parts = [p for p in title.split(" / ") if p.strip()] or ["Staff"]
    return tuple(_one(p) for p in parts)


def convert(table: RosterTable, **kwargs: object) -> RosterResult:
    """``roster_to_snapshot`` with the test defaults (fixed today, fake classifier)."""
    options: dict[str, object] = {
        "practice_name": "Test Practice",
        "practice_slug": "test",
        "today": TODAY,
        "classify": fake_classify,
    }
    options.update(kwargs)
    return roster_to_snapshot(table, **options)  # type: ignore[arg-type]


def samples() -> ModuleType:
    """The sample generator module (it also builds the Paylocity workbook)."""
    spec = importlib.util.spec_from_file_location("roster_samples", DATA / "make_samples.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_fake_classifier_splits_combined_titles() -> None:
    kinds = [c.kind for c in fake_classify("Founder & CEO / Orthopedic Surgeon")]
    assert kinds == [SeatKind.LEADERSHIP, SeatKind.PROVIDER]
