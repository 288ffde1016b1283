"""The export's chart layout and SVG: no overlaps, managers centred, subtrees cut right,
and a well-formed, escaped SVG whatever the names."""

from __future__ import annotations

import datetime as dt
import itertools
import xml.etree.ElementTree as ET

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from practiceos.core import chart_layout as cl
from practiceos.core.chart_svg import render_svg
from practiceos.core.demo import generate_demo

SVG = "{http://www.w3.org/2000/svg}"


def seat(sid, parent=None, kind="support", **kw):
    return cl.ChartSeat(sid, kw.pop("name", f"Seat {sid}"), kind, parent, **kw)


def tree():
    """owner → 2 managers (one with 6 leaves, one with a sub-manager of 2), a provider."""
    seats = [seat("o", kind="leadership"), seat("p", "o", kind="provider")]
    seats += [seat("m1", "o", kind="management"), seat("m2", "o", kind="management")]
    seats += [seat(f"l{i}", "m1") for i in range(6)]
    seats += [seat("s", "m2", kind="management"), seat("x1", "s"), seat("x2", "s")]
    seats += [seat("y", "m2")]
    return seats


def demo_seats(people=140):
    snap = generate_demo(people, seed=2, today=dt.date(2025, 6, 2))
    return [cl.ChartSeat(s.id, s.name, s.kind.value, s.reports_to) for s in snap.seats]


def assert_no_overlaps(layout):
    boxes = sorted(layout.boxes, key=lambda b: (b.y, b.x))
    for a, b in itertools.combinations(boxes, 2):
        apart = (
            a.x + a.width <= b.x
            or b.x + b.width <= a.x
            or a.y + a.height <= b.y
            or b.y + b.height <= a.y
        )
        assert apart, f"{a.seat.id} overlaps {b.seat.id}"


def assert_no_line_crosses_a_box(layout):
    """Connectors are horizontal or vertical segments: none may enter a box's inside."""
    for x1, y1, x2, y2 in layout.lines:
        assert x1 == x2 or y1 == y2
        for b in layout.boxes:
            inside_x = max(min(x1, x2), b.x + 1) < min(max(x1, x2), b.x + b.width - 1) or (
                x1 == x2 and b.x + 1 < x1 < b.x + b.width - 1
            )
            inside_y = max(min(y1, y2), b.y + 1) < min(max(y1, y2), b.y + b.height - 1) or (
                y1 == y2 and b.y + 1 < y1 < b.y + b.height - 1
            )
            assert not (inside_x and inside_y), f"line {(x1, y1, x2, y2)} crosses {b.seat.id}"


def test_every_seat_gets_one_box_and_none_overlap():
    layout = cl.layout(tree())
    assert sorted(b.seat.id for b in layout.boxes) == sorted(s.id for s in tree())
    assert_no_overlaps(layout)
    assert min(b.x for b in layout.boxes) == 0
    assert layout.width == max(b.x + b.width for b in layout.boxes)


@pytest.mark.parametrize("wrap", cl.WRAP_TRIES)
def test_a_demo_chart_has_no_overlaps_and_fits_its_size(wrap):
    layout = cl.layout(demo_seats(), wrap)
    assert len(layout.boxes) == len(demo_seats())
    assert_no_overlaps(layout)
    assert_no_line_crosses_a_box(layout)
    assert all(
        b.x + b.width <= layout.width and b.y + b.height <= layout.height for b in layout.boxes
    )


def test_manager_is_centred_over_its_reports_and_above_them():
    layout = cl.layout(tree())
    at = {b.seat.id: b for b in layout.boxes}
    centre = {sid: b.x + b.width / 2 for sid, b in at.items()}
    # m2's row: the sub-manager s and the leaf y (fewer than 4 leaves: not stacked).
    assert centre["m2"] == (centre["s"] + centre["y"]) / 2
    assert centre["s"] == (centre["x1"] + centre["x2"]) / 2
    for child, parent in [("s", "m2"), ("x1", "s"), ("l0", "m1"), ("m1", "o")]:
        assert at[child].y >= at[parent].y + at[parent].height


def test_leaves_of_one_manager_are_stacked_in_a_column():
    layout = cl.layout(tree())
    leaves = [b for b in layout.boxes if b.seat.id.startswith("l")]
    assert len({b.x for b in leaves}) == 1  # one column of six
    assert len({b.y for b in leaves}) == 6


def test_subtree_root_is_at_the_top_and_others_are_left_out():
    chosen = cl.select(tree(), "m2")
    assert {s.id for s in chosen.seats} == {"m2", "s", "x1", "x2", "y"}
    assert chosen.total == 5
    layout = cl.layout(chosen.seats)
    top = min(layout.boxes, key=lambda b: b.y)
    assert top.seat.id == "m2" and top.y == 0
    assert sum(1 for b in layout.boxes if b.y == 0) == 1


def test_depth_limit_counts_the_hidden_seats():
    chosen = cl.select(tree(), None, 1)
    assert {s.id for s in chosen.seats} == {"o", "p", "m1", "m2"}
    hidden = {s.id: s.hidden for s in chosen.seats}
    assert hidden == {"o": 0, "p": 0, "m1": 6, "m2": 4}
    assert chosen.total == len(tree())
    assert chosen.depth_counts == (1, 3, 8, 2)


def test_a_wide_chart_wraps_its_rows_to_suit_the_page():
    # owner → 12 managers, each with 3 leaves: one row of 12 is far wider than a page.
    seats = [seat("o", kind="leadership")]
    seats += [seat(f"m{i:02}", "o", kind="management") for i in range(12)]
    seats += [seat(f"s{i:02}{j}", f"m{i:02}") for i in range(12) for j in range(3)]
    flat = cl.layout(seats, None)
    fitted = cl.fitted_layout(seats, 277, 190)
    assert flat.width > 4 * flat.height
    assert fitted.width < flat.width / 2 and fitted.height > flat.height
    assert (
        cl.fit(fitted.width, fitted.height, 277, 190).scale
        > 1.5 * cl.fit(flat.width, flat.height, 277, 190).scale
    )
    assert_no_overlaps(fitted)
    assert_no_line_crosses_a_box(fitted)
    # The managers now sit on several sub-rows, the owner still alone at the top.
    at = {b.seat.id: b for b in fitted.boxes}
    assert len({at[f"m{i:02}"].y for i in range(12)}) > 1
    assert [b.seat.id for b in fitted.boxes if b.y == 0] == ["o"]


def test_a_cycle_is_broken_open_and_every_seat_drawn_once():
    seats = [seat("a", "c"), seat("b", "a"), seat("c", "b"), seat("d")]
    layout = cl.layout(seats)
    assert sorted(b.seat.id for b in layout.boxes) == ["a", "b", "c", "d"]
    assert_no_overlaps(layout)


def test_a_long_chain_does_not_recurse():
    seats = [seat("0")] + [seat(str(i), str(i - 1)) for i in range(1, 3000)]
    layout = cl.layout(seats)
    assert len(layout.boxes) == 3000


def test_too_many_seats_are_refused_with_a_depth_that_fits():
    seats = [seat("o", kind="leadership")]
    seats += [seat(f"m{i}", "o", kind="management") for i in range(40)]
    seats += [seat(f"s{i}-{j}", f"m{i}") for i in range(40) for j in range(40)]
    message = cl.readability(cl.select(seats))
    assert message is not None
    assert "1,641 seats" in message and "depth 1 shows the top 41 seats" in message
    assert cl.readability(cl.select(seats, "m3")) is None


def test_fit_scales_down_never_up():
    small = cl.fit(100, 50, 277, 190)
    assert small.scale == 1.0
    big = cl.fit(10_000, 1_000, 277, 190)
    assert big.width_mm == 277 and big.height_mm < 190
    assert big.smallest_text_pt < small.smallest_text_pt


def parse(svg):
    return ET.fromstring(svg.encode("utf-8"))


def test_svg_is_well_formed_and_draws_every_seat_and_the_legend():
    seats = [
        *tree()[:3],
        seat("h", "o", holders=("Ana Alvarez", "Ben Brooks"), location="Downtown"),
    ]
    doc = parse(render_svg(cl.layout(seats), title="Acme: chart", subtitle="Whole chart"))
    groups = doc.findall(f"{SVG}g[@class]")
    assert sorted(g.get("data-seat") for g in groups) == ["h", "m1", "o", "p"]
    texts = [t.text for t in doc.iter(f"{SVG}text")]
    assert "Acme: chart" in texts and "Ana Alvarez +1" in texts and "Downtown" in texts
    assert "Vacant" in texts
    assert any(t and t.startswith("Leadership") for t in texts)
    assert doc.get("viewBox").startswith("0 0 ")


def test_svg_escapes_names_that_look_like_markup():
    nasty = '<script>alert("x")</script> & Co \x01\x0b'
    seats = [seat("1", name=nasty, holders=("O'Brien <b>",), location="A & B")]
    svg = render_svg(cl.layout(seats), title="T & <T>")
    assert "<script>" not in svg and "<b>" not in svg
    doc = parse(svg)
    texts = [t.text for t in doc.iter(f"{SVG}text")]
    assert "T & <T>" in texts and "O'Brien <b>" in texts
    assert any(t and t.startswith("<script>alert") for t in texts)


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.text(min_size=0, max_size=40), min_size=1, max_size=6),
    st.lists(st.integers(min_value=0, max_value=20), min_size=1, max_size=30),
)
def test_any_names_and_shapes_give_well_formed_svg_without_overlaps(names, parents):
    seats = [seat("0", name=names[0])]
    for i, p in enumerate(parents, start=1):
        seats.append(seat(str(i), str(min(p, i - 1)), name=names[i % len(names)]))
    for wrap in (None, 0.35):
        layout = cl.layout(seats, wrap)
        assert_no_overlaps(layout)
        assert_no_line_crosses_a_box(layout)
    parse(render_svg(layout, title=names[-1]))


def test_the_layout_and_svg_modules_load_no_django():
    import subprocess
    import sys

    code = (
        "import sys, practiceos.core.chart_layout, practiceos.core.chart_svg; "
        "sys.exit(1 if any(m.startswith('django') for m in sys.modules) else 0)"
    )
    assert subprocess.run([sys.executable, "-c", code], check=False).returncode == 0
