"""The chart (or a subtree) as SVG and PDF: reading the seats, the options, the page.

Two queries whatever the practice's size: the live seats with their location names,
then the current assignments with their people's names. The subtree and depth are cut
in Python (:func:`practiceos.core.chart_layout.select`): a recursive query would save
nothing, since an export of the whole chart needs every row anyway. Nothing here writes.
"""

from __future__ import annotations

import base64
import datetime as dt
from dataclasses import dataclass

from django.http import QueryDict
from django.template.loader import render_to_string
from django.utils.text import slugify

from practiceos.core import chart_layout as cl
from practiceos.core.chart_svg import HEADER_H, MARGIN, render_svg
from practiceos.org.chart import KIND_LABELS
from practiceos.org.models import Assignment, Seat, live

#: Paper sizes (width, height in mm, portrait) the PDF offers.
PAPERS = {
    "a4": ("A4", 210.0, 297.0),
    "a3": ("A3", 297.0, 420.0),
    "letter": ("Letter", 215.9, 279.4),
    "tabloid": ("Tabloid", 279.4, 431.8),
}
ORIENTATIONS = ("auto", "landscape", "portrait")
PAGE_MARGIN_MM = 10.0
MAX_DEPTH = 50
#: Seats whose PDF is written during the request; beyond, a job writes it (WeasyPrint
#: draws SVG text letter by letter: 10-30 ms a seat on a small, busy server; the issue
#: asks for a job past about a second).
PDF_NOW_SEATS = 60


class OptionError(ValueError):
    """A query-string option with a value the export does not accept (message says which)."""


@dataclass(frozen=True)
class Options:
    """What the export was asked for: a seat id (subtree), a depth, a paper and orientation."""

    seat: int | None = None
    depth: int | None = None
    paper: str = "a4"
    orientation: str = "auto"


def _whole(params: QueryDict, name: str, most: int) -> int | None:
    raw = params.get(name, "").strip()
    if not raw:
        return None
    if not raw.isdigit() or not 0 <= int(raw) <= most:
        raise OptionError(f'{name}: "{raw[:40]}" is not accepted; give a whole number 0 to {most}.')
    return int(raw)


def read_options(params: QueryDict) -> Options:
    """The options in ``?seat=&depth=&size=&orientation=``; :class:`OptionError` names the
    first bad one, its value and what is accepted."""
    seat = _whole(params, "seat", 2**62)
    depth = _whole(params, "depth", MAX_DEPTH)
    paper = params.get("size", "a4").strip().lower() or "a4"
    if paper not in PAPERS:
        accepted = ", ".join(PAPERS)
        raise OptionError(f'size: "{paper[:40]}" is not accepted; choose one of {accepted}.')
    orientation = params.get("orientation", "auto").strip().lower() or "auto"
    if orientation not in ORIENTATIONS:
        accepted = ", ".join(ORIENTATIONS)
        raise OptionError(
            f'orientation: "{orientation[:40]}" is not accepted; choose one of {accepted}.'
        )
    return Options(seat=seat, depth=depth, paper=paper, orientation=orientation)


def chart_seats(practice_id: int) -> list[cl.ChartSeat]:
    """Every live seat of the practice with its holders' names (accountable first) and
    location. Two queries whatever the size."""
    holders: dict[int, list[str]] = {}
    for seat_id, name in (
        Assignment.objects.filter(
            live("seat__"), live("person__"), practice_id=practice_id, end__isnull=True
        )
        .order_by("seat_id", "-accountable", "person__name", "pk")
        .values_list("seat_id", "person__name")
    ):
        holders.setdefault(seat_id, []).append(name)
    return [
        cl.ChartSeat(
            str(pk),
            name,
            kind,
            None if parent is None else str(parent),
            tuple(holders.get(pk, ())),
            place or "",
        )
        for pk, name, kind, parent, place in Seat.objects.filter(live(), practice_id=practice_id)
        .order_by("pk")
        .values_list("pk", "name", "kind", "reports_to_id", "location__name")
    ]


@dataclass(frozen=True)
class Drawing:
    """An export ready to send: the SVG and its size, or why it was refused."""

    svg: str
    width: float
    height: float
    seats: int
    refused: str = ""
    suggest_depth: int | None = None  # a depth that would be accepted, when refused


def draw_practice(
    practice_id: int, practice_name: str, options: Options, root_name: str | None
) -> tuple[list[cl.ChartSeat], Drawing]:
    """The practice's live seats and their drawing as of today (see :func:`draw`): what
    the export pages and the PDF job both start from."""
    seats = chart_seats(practice_id)
    drawing = draw(
        seats, options, practice_name=practice_name, root_name=root_name, today=dt.date.today()
    )
    return seats, drawing


def draw(
    seats: list[cl.ChartSeat],
    options: Options,
    *,
    practice_name: str,
    root_name: str | None,
    today: dt.date,
) -> Drawing:
    """Lay out and draw the chart (or the subtree under ``options.seat``), or say why not:
    no seats, or too many to read (with the depth that would fit)."""
    root = str(options.seat) if options.seat is not None else None
    if root is not None and all(seat.id != root for seat in seats):
        return Drawing("", 0, 0, 0, f"The seat {root_name} is archived: it is off the chart.")
    chosen = cl.select(seats, root, options.depth)
    if not chosen.seats:
        return Drawing(
            "",
            0,
            0,
            0,
            "The chart has no seats yet: there is nothing to export. Import a "
            "roster or add seats first.",
        )
    problem = cl.readability(chosen, root_name)
    if problem:
        within = cl.depth_within_cap(chosen)
        depth = within[0] if within else None
        return Drawing("", 0, 0, len(chosen.seats), problem, depth)
    # Shaped for the page the PDF will use (A4 landscape for the SVG and for "auto").
    _, short, long = PAPERS[options.paper]
    area = (long, short) if options.orientation != "portrait" else (short, long)
    drawn = cl.fitted_layout(
        chosen.seats,
        area[0] - 2 * PAGE_MARGIN_MM,
        area[1] - 2 * PAGE_MARGIN_MM,
        extra_h=HEADER_H + 2 * MARGIN,
    )
    parts = [f"Under {root_name}" if root_name else "Whole chart"]
    parts.append(
        f"{len(chosen.seats):,} of {chosen.total:,} seats"
        if options.depth is not None
        else f"{chosen.total:,} seats"
    )
    if options.depth is not None:
        parts.append(f"{options.depth} level{'s' if options.depth != 1 else ''} down")
    parts.append(f"{today.day} {today:%b %Y}")
    svg = render_svg(
        drawn,
        title=f"{practice_name}: accountability chart",
        subtitle=" · ".join(parts),
        labels=KIND_LABELS,
    )
    width = drawn.width + 2 * MARGIN
    return Drawing(svg, width, drawn.height + HEADER_H + 2 * MARGIN, len(chosen.seats))


@dataclass(frozen=True)
class Page:
    """The PDF's page: paper name, size and the drawing's size on it (mm)."""

    paper: str
    width_mm: float
    height_mm: float
    fit: cl.Fit


def page_for(drawing: Drawing, options: Options) -> Page:
    """The paper in the orientation asked for (``auto``: the drawing's own), and the
    drawing scaled to fit inside the margins."""
    name, short, long = PAPERS[options.paper]
    landscape = (
        drawing.width >= drawing.height
        if options.orientation == "auto"
        else options.orientation == "landscape"
    )
    width, height = (long, short) if landscape else (short, long)
    area_w, area_h = width - 2 * PAGE_MARGIN_MM, height - 2 * PAGE_MARGIN_MM
    fitted = cl.fit(drawing.width, drawing.height, area_w, area_h)
    return Page(name, width, height, fitted)


@dataclass(frozen=True)
class Unreadable:
    """Why a PDF would be unreadable, and what would fit: a depth, a larger paper."""

    message: str
    depth: int | None = None
    paper: str | None = None


def unreadable_on(
    page: Page, seats: list[cl.ChartSeat], options: Options, root_name: str | None
) -> Unreadable | None:
    """Why the drawing is unreadable on ``page`` (text under :data:`cl.MIN_TEXT_PT`), with
    a larger paper or a depth that fits; ``None`` when it reads fine."""
    if page.fit.smallest_text_pt >= cl.MIN_TEXT_PT:
        return None
    where = f"the subtree under {root_name}" if root_name else "the chart"
    area_w, area_h = page.width_mm - 2 * PAGE_MARGIN_MM, page.height_mm - 2 * PAGE_MARGIN_MM
    root = str(options.seat) if options.seat is not None else None
    if options.depth is not None:
        below = options.depth
    else:
        below = len(cl.select(seats, root).depth_counts) - 1
    depth = cl.deepest_fitting(
        seats, root, area_w, area_h, below=below, extra_h=HEADER_H + 2 * MARGIN
    )
    larger = None if options.paper in ("a3", "tabloid") else "a3"
    advice = [] if larger is None else ["a larger paper (size=a3)"]
    advice.append("a subtree (from a seat's page)")
    if depth is not None:
        advice.append(f"fewer levels (depth={depth})")
    message = (
        f"On one {page.paper} page the names in {where} would be "
        f"{page.fit.smallest_text_pt:.1f} pt; at least {cl.MIN_TEXT_PT} pt is readable. "
        f"Choose {', or '.join(advice)}; the SVG export has no page limit."
    )
    return Unreadable(message, depth, larger)


def pdf_bytes(drawing: Drawing, page: Page) -> bytes:
    """The drawing on one PDF page (WeasyPrint; the SVG embedded as an image)."""
    svg_b64 = base64.b64encode(drawing.svg.encode("utf-8")).decode("ascii")
    html = render_to_string("org/export_pdf.html", {"page": page, "svg_b64": svg_b64})
    # Imported here: WeasyPrint loads Pango at import, which only the PDF needs.
    from weasyprint import HTML

    return HTML(string=html).write_pdf()  # type: ignore[no-any-return]


def filename(practice_slug: str, options: Options, ext: str) -> str:
    """``chart-<practice>[-seat-<id>].<ext>``."""
    name = slugify(practice_slug) or "practice"
    under = f"-seat-{options.seat}" if options.seat is not None else ""
    return f"chart-{name}{under}.{ext}"
