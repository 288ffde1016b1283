"""Draw a :class:`practiceos.core.chart_layout.Layout` as a standalone SVG document.

A header (title, subtitle), a legend of seat kinds, then the boxes coloured by kind as
on the chart page (a coloured top edge, the seat's name, its holders, its location) and
the connector lines. The ``viewBox`` carries the drawing's natural size, so a viewer or
the PDF page scales it to fit. Every text comes from users (seat and people names):
it is escaped, and characters XML 1.0 cannot hold are dropped, so any name gives a
well-formed document.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from practiceos.core.chart_layout import BOX_W, Box, Layout
from practiceos.core.model import SEAT_KINDS

#: The chart page's kind colours (web/static/css/app.css ``--k-*`` and ``--k-soft``).
KIND_COLOURS: Mapping[str, tuple[str, str]] = {
    "leadership": ("#6b3fa0", "#f3eefa"),
    "management": ("#2457c5", "#edf2fc"),
    "provider": ("#0f7b6c", "#e9f5f3"),
    "support": ("#a8560f", "#fcf2e9"),
    "administrative": ("#5f6873", "#f1f2f4"),
}
_OTHER = ("#5f6873", "#ffffff")
MARGIN = 24.0
HEADER_H = 64.0  # title, subtitle and legend above the drawing
MIN_WIDTH = 4 * BOX_W  # room for the header and the legend
# Characters per line before "…": the box is 200 px wide, fonts 12 (bold) / 11 / 10 px;
# DejaVu Sans, the widest likely font, fits these in 180 px.
TITLE_CHARS, HOLDER_CHARS, PLACE_CHARS = 23, 28, 31
FONT = "DejaVu Sans, Helvetica, Arial, sans-serif"
# XML 1.0 forbids most control characters and lone surrogates, even escaped.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def clean(text: str) -> str:
    """``text`` safe inside an XML element or a double-quoted attribute."""
    text = _NOT_XML.sub("", text)
    return (
        text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")
    )


def _cut(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _num(value: float) -> str:
    return f"{value:.1f}".rstrip("0").rstrip(".")


def _holders(names: tuple[str, ...]) -> str:
    if not names:
        return "Vacant"
    more = f" +{len(names) - 1}" if len(names) > 1 else ""
    return _cut(names[0], HOLDER_CHARS - len(more)) + more


def _box(box: Box, dx: float, dy: float) -> str:
    seat = box.seat
    stroke, soft = KIND_COLOURS.get(seat.kind, _OTHER)
    x, y = _num(box.x + dx), _num(box.y + dy)
    place = seat.location
    if seat.hidden:
        place = f"{place} · +{seat.hidden:,} below" if place else f"+{seat.hidden:,} below"
    tooltip = " · ".join(part for part in (seat.name, ", ".join(seat.holders), place) if part)
    vacant = "" if seat.holders else ' font-style="italic" fill="#5f6873"'
    tx = _num(box.x + dx + 10)
    return (
        f'<g class="seat k-{clean(seat.kind)}" data-seat="{clean(seat.id)}">'
        f"<title>{clean(tooltip)}</title>"
        f'<rect x="{x}" y="{y}" width="{_num(box.width)}" height="{_num(box.height)}" rx="6" '
        f'fill="#ffffff" stroke="#cfd6df"/>'
        f'<rect x="{x}" y="{y}" width="{_num(box.width)}" height="4" rx="2" fill="{stroke}"/>'
        f'<rect x="{x}" y="{_num(box.y + dy + 4)}" width="{_num(box.width)}" height="18" '
        f'fill="{soft}"/>'
        f'<text x="{tx}" y="{_num(box.y + dy + 17)}" font-size="12" font-weight="bold" '
        f'fill="#142033">{clean(_cut(seat.name, TITLE_CHARS))}</text>'
        f'<text x="{tx}" y="{_num(box.y + dy + 37)}" font-size="11"{vacant}>'
        f"{clean(_holders(seat.holders))}</text>"
        f'<text x="{tx}" y="{_num(box.y + dy + 51)}" font-size="10" fill="#5f6873">'
        f"{clean(_cut(place, PLACE_CHARS))}</text>"
        "</g>"
    )


def _legend(labels: Mapping[str, str], counts: Mapping[str, int], y: float) -> str:
    parts, x = [], MARGIN
    for kind in SEAT_KINDS:
        if not counts.get(kind):
            continue
        colour, _ = KIND_COLOURS[kind]
        text = f"{labels.get(kind, kind.capitalize())} {counts[kind]:,}"
        parts.append(
            f'<rect x="{_num(x)}" y="{_num(y - 9)}" width="10" height="10" rx="2" '
            f'fill="{colour}"/><text x="{_num(x + 14)}" y="{_num(y)}" font-size="11" '
            f'fill="#142033">{clean(text)}</text>'
        )
        x += 14 + 7 * len(text) + 18
    return "".join(parts)


def render_svg(
    chart: Layout,
    *,
    title: str,
    subtitle: str = "",
    labels: Mapping[str, str] | None = None,
) -> str:
    """The chart as an SVG document (a string): header, legend, connectors, boxes."""
    counts: dict[str, int] = {}
    for box in chart.boxes:
        counts[box.seat.kind] = counts.get(box.seat.kind, 0) + 1
    width = max(chart.width + 2 * MARGIN, MIN_WIDTH)
    height = chart.height + HEADER_H + 2 * MARGIN
    # A chart narrower than the header is centred under it.
    dx, dy = (width - chart.width) / 2, HEADER_H + MARGIN
    lines = "".join(
        f'<line x1="{_num(x1 + dx)}" y1="{_num(y1 + dy)}" x2="{_num(x2 + dx)}" '
        f'y2="{_num(y2 + dy)}"/>'
        for x1, y1, x2, y2 in chart.lines
    )
    boxes = "".join(_box(box, dx, dy) for box in chart.boxes)
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{_num(width)}" '
        f'height="{_num(height)}" viewBox="0 0 {_num(width)} {_num(height)}" '
        f'font-family="{FONT}" role="img" aria-label="{clean(title)}">'
        f"<title>{clean(title)}</title>"
        f'<rect width="100%" height="100%" fill="#ffffff"/>'
        f'<text x="{_num(MARGIN)}" y="{_num(MARGIN + 14)}" font-size="18" font-weight="bold" '
        f'fill="#142033">{clean(title)}</text>'
        f'<text x="{_num(MARGIN)}" y="{_num(MARGIN + 33)}" font-size="11" fill="#5f6873">'
        f"{clean(subtitle)}</text>"
        f"{_legend(labels or {}, counts, MARGIN + 56)}"
        f'<g fill="none" stroke="#b4bfcc" stroke-width="1.5">{lines}</g>'
        f"{boxes}</svg>\n"
    )
