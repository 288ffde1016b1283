"""Scorecard cells and sparklines as HTML strings, built in Python.

A 52-week scorecard of 100 measurables has 5,200 cells; rendering each through the
template engine cost most of a request (about 3 ms per row), so the per-cell markup is
made here with explicit escaping and handed to the template as safe strings. The
template still lays out everything else.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from practiceos.core import scorecard as sc
from practiceos.scorecards.reading import ScorecardRow


@dataclass(frozen=True, slots=True)
class RowView:
    """A scorecard row with its cells and sparkline pre-rendered."""

    row: ScorecardRow
    cells: SafeString
    spark: SafeString


def cells_html(row: ScorecardRow, span: int) -> SafeString:
    """The row's period cells: one ``<td>`` per week, or one spanning cell of months."""
    parts: list[str] = []
    if row.measurable.cadence == sc.Cadence.WEEKLY:
        for c in row.cells:
            value = "missing" if c.value is None else sc.format_number(c.value)
            shown = (
                '<span class="missing" aria-label="missing">—</span>' if c.value is None else value
            )
            extra = " overridden" if c.overridden else ""
            title = escape(f"{sc.week_label(c.period)}: {value} ({c.goal.text()})")
            parts.append(
                f'<td class="num cell-{c.status.value}{extra}" title="{title}">{shown}</td>'
            )
        return mark_safe("".join(parts))  # every value above is escaped or ours
    months = " ".join(
        f'<span class="cell-{c.status.value} month-cell">{c.period:%b} '
        f"{'—' if c.value is None else sc.format_number(c.value)}</span>"
        for c in row.cells
    )
    return mark_safe(f'<td class="num monthly" colspan="{span}">{months}</td>')


def spark_html(row: ScorecardRow) -> SafeString:
    """The row's sparkline as an inline SVG (gaps where numbers are missing)."""
    lines = "".join(f'<polyline points="{run}" fill="none"></polyline>' for run in row.sparkline)
    label = escape(f"Trend of {row.measurable.name}")
    return mark_safe(
        f'<svg class="spark" width="120" height="24" viewBox="0 0 120 24" role="img" '
        f'aria-label="{label}">{lines}</svg>'
    )


def row_views(rows: tuple[ScorecardRow, ...], span: int) -> list[RowView]:
    """Every row with its markup."""
    return [RowView(r, cells_html(r, span), spark_html(r)) for r in rows]
