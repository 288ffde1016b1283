"""Benchmark: exporting the chart as SVG and PDF for demo practices of 140, 2,000 and 10,000.

    .venv/bin/python bench/chart_export.py [PEOPLE ...]

No database: the seats come from ``core.demo.generate_demo`` turned into the export's
``ChartSeat`` rows (what ``org.export.chart_seats`` reads in two queries), then the same
code as the views runs: select + layout, the SVG, the readability verdict, and the PDF
through WeasyPrint (A4, orientation picked from the drawing). Where the whole chart is
refused as unreadable, the PDF is made at the deepest level that fits, as the refusal
message suggests. Best of 3 for the layout and SVG, one run for the PDF (seconds). ``--big`` also times
the PDF of the largest subtree within the seat limit (what a job does; slow).
"""

from __future__ import annotations

import base64
import datetime as dt
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

SIZES = (140, 2_000, 10_000)
TODAY = dt.date(2025, 6, 2)


def _seats(people: int) -> list:
    from practiceos.core.chart_layout import ChartSeat
    from practiceos.core.demo import generate_demo

    snap = generate_demo(people, seed=1, today=TODAY)
    names = {p.id: p.name for p in snap.people}
    places = {loc.id: loc.name for loc in snap.locations}
    holders: dict[str, list[str]] = {}
    for a in sorted(snap.assignments, key=lambda a: not a.accountable):
        if a.end is None:
            holders.setdefault(a.seat_id, []).append(names[a.person_id])
    return [
        ChartSeat(
            s.id,
            s.name,
            s.kind.value,
            s.reports_to,
            tuple(holders.get(s.id, ())),
            places.get(s.location_id or "", ""),
        )
        for s in snap.seats
    ]


def _best(fn, rounds: int = 3):
    times, result = [], None
    for _ in range(rounds):
        started = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - started)
    return min(times), result


def _pdf(drawing, options) -> tuple[float, int, str]:
    from django.template.loader import render_to_string
    from weasyprint import HTML

    from practiceos.org import export

    page = export.page_for(drawing, options)
    started = time.perf_counter()
    svg_b64 = base64.b64encode(drawing.svg.encode()).decode()
    html = render_to_string("org/export_pdf.html", {"page": page, "svg_b64": svg_b64})
    pdf = HTML(string=html).write_pdf()
    return time.perf_counter() - started, len(pdf), f"{page.fit.smallest_text_pt:.1f} pt"


def run(people: int) -> None:
    """Time one size and print a line per step."""
    from practiceos.core import chart_layout as cl
    from practiceos.core.chart_svg import render_svg
    from practiceos.org import export

    seats = _seats(people)
    options = export.Options()
    took, drawn = _best(lambda: cl.layout(cl.select(seats).seats))
    print(
        f"{people:>6} people, {len(seats):>6} seats: select + one layout of every seat {took:.3f} s"
    )
    took, svg = _best(lambda: render_svg(drawn, title="bench"))
    print(f"{'':>22} SVG of every seat {took:.3f} s, {len(svg) / 1e6:.1f} MB")
    kw = {"practice_name": "Bench", "root_name": None, "today": TODAY}
    took, drawing = _best(lambda: export.draw(seats, options, **kw))
    print(f"{'':>22} the view's drawing (select, layouts fitted to A4, SVG) {took:.3f} s")
    if drawing.refused:
        print(f"{'':>22} refused: {drawing.refused}")
    else:
        page = export.page_for(drawing, options)
        problem = export.unreadable_on(page, seats, options, None)
        if not problem:
            took, size, text = _pdf(drawing, options)
            print(f"{'':>22} PDF of the chart {took:.2f} s, {size / 1e3:.0f} kB, text {text}")
            return
        print(f"{'':>22} PDF refused: {problem.message}")
    area = (277.0, 190.0)
    depth = cl.deepest_fitting(seats, None, *area, below=20, extra_h=112)
    if depth is None:
        print(f"{'':>22} no depth fits one A4 page")
        return
    shallow = export.Options(depth=depth)
    drawing = export.draw(seats, shallow, **kw)
    took, size, text = _pdf(drawing, shallow)
    print(
        f"{'':>22} PDF at depth {depth} ({drawing.seats} seats) {took:.2f} s, "
        f"{size / 1e3:.0f} kB, text {text}"
    )
    if "--big" in sys.argv:
        _big_subtree(seats)


def _big_subtree(seats: list) -> None:
    """The PDF of the largest subtree within the seat limit, on A3 (as a job writes it)."""
    from practiceos.core import chart_layout as cl
    from practiceos.core.chart_svg import HEADER_H, MARGIN, render_svg
    from practiceos.org import export

    size: dict[str, int] = {}
    parent = {s.id: s.parent for s in seats}
    for s in seats:  # each seat adds one to itself and every manager above it
        up: str | None = s.id
        while up is not None:
            size[up] = size.get(up, 0) + 1
            up = parent.get(up)
    root = max((sid for sid, n in size.items() if n <= cl.MAX_SEATS), key=lambda sid: size[sid])
    chosen = cl.select(seats, root)
    options = export.Options(paper="a3")
    drawn = cl.fitted_layout(chosen.seats, 400, 277, HEADER_H + 2 * MARGIN)
    drawing = export.Drawing(
        render_svg(drawn, title="bench"),
        drawn.width + 2 * MARGIN,
        drawn.height + HEADER_H + 2 * MARGIN,
        len(chosen.seats),
    )
    took, size_b, text = _pdf(drawing, options)
    print(
        f"{'':>22} PDF of a {drawing.seats}-seat subtree on A3 {took:.2f} s, "
        f"{size_b / 1e3:.0f} kB, text {text}"
    )


def main() -> None:
    """Set Django up (templates only: no database is touched) and run every size."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "practiceos.settings")
    os.environ.setdefault("PRACTICEOS_DATA_DIR", tempfile.mkdtemp(prefix="pos-bench-"))
    import django

    django.setup()
    sizes = [int(arg) for arg in sys.argv[1:] if arg.isdigit()] or list(SIZES)
    for people in sizes:
        run(people)


if __name__ == "__main__":
    main()
