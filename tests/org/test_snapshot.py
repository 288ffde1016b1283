"""The snapshot builder: complete, correct, and a fixed number of queries at any size."""

from __future__ import annotations

import pytest

from practiceos.core.model import SeatKind
from practiceos.org.snapshot import build_snapshot

from .builders import bulk_practice

# 7 for the chart, then each section: leadership 7, scorecards 7, meetings 5 (meetings,
# last runs, to-dos, open issues, last support issue), people accountability 4 (reviews,
# plans, seats' measurables, red weeks), core processes 2 (processes, current steps),
# hiring 3 (last assignment ends, seats' creation in the audit log, open plans).
SNAPSHOT_QUERIES = 7 + 7 + 7 + 5 + 4 + 2 + 3


def test_snapshot_of_small_chart_has_every_link(chart, personas):
    snap = build_snapshot(personas.acme)
    assert snap.practice.slug == "acme"
    seats = {s.name: s for s in snap.seats}
    assert set(seats) == {
        "Owner",
        "Practice Manager",
        "Orthopedic Surgeon 1",
        "Surgical Technologist 1",
    }
    tech = seats["Surgical Technologist 1"]
    assert tech.kind is SeatKind.SUPPORT
    assert tech.reports_to == str(chart.manager_seat.pk)
    assert tech.serves == (str(chart.surgeon_seat.pk),)
    assert snap.accountable_person(seats["Orthopedic Surgeon 1"]).name == "Bob Surgeon"
    assert "Other Owner" not in seats  # other practice stays out
    assert snap.teams[0].manager_seat_id == str(chart.manager_seat.pk)


@pytest.mark.parametrize("size", [10, 2000])
def test_snapshot_query_count_is_fixed(db, django_assert_num_queries, size):
    practice = bulk_practice(f"bulk-{size}", size)
    with django_assert_num_queries(SNAPSHOT_QUERIES):
        snap = build_snapshot(practice)
    assert (
        len(snap.seats) == size
        and len(snap.people) == size
        and len(snap.current_assignments) == size
    )
