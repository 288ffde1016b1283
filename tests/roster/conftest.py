"""Roster import fixtures: sample files, synchronous imports, small CSV builders."""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any

import pytest

SAMPLES = Path(__file__).resolve().parent.parent / "data" / "roster"
BAMBOO = SAMPLES / "bamboohr.csv"


@pytest.fixture(autouse=True)
def sync_imports(settings: Any) -> None:
    """Imports run in the request (no background thread) unless a test says otherwise."""
    settings.ROSTER_IMPORT_SYNC = True


def bamboo_rows() -> list[dict[str, str]]:
    """The BambooHR sample as dicts (header order kept by ``write_csv``)."""
    text = BAMBOO.read_text(encoding="utf-8-sig")
    return list(csv.DictReader(io.StringIO(text)))


def write_csv(rows: list[dict[str, str]]) -> bytes:
    """Rows (dicts with the same keys) back to CSV bytes."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]))
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue().encode()
