"""Pictures drawn server-side as SVG coordinates (no query, no JavaScript).

Each function returns a small dataclass the templates turn into ``<svg>`` elements:
the owner's share of asks per week (bars with a line for the threshold), the owner's
time split per week (stacked bars), and the spread of locations by owner share.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

KIND_ORDER = ("leadership", "management", "clinical")


@dataclass
class Bar:
    """One bar (or stacked segment): position, size, label and hover text."""

    x: float
    y: float
    width: float
    height: float
    label: str = ""
    title: str = ""
    css: str = ""


@dataclass
class Chart:
    """A bar chart: bars, axis labels and an optional horizontal threshold line."""

    width: int
    height: int
    bars: list[Bar] = field(default_factory=list)
    labels: list[Bar] = field(default_factory=list)
    threshold_y: float | None = None
    threshold_label: str = ""
    empty: bool = True


_LEFT, _BOTTOM, _TOP = 36, 22, 10


def share_chart(
    weeks: list[tuple[dt.date, int, int]], threshold: float, width: int = 640, height: int = 170
) -> Chart:
    """Bars of the owner's share of asks per week (``(week, asks, to_owner)`` rows, oldest
    first), with the practice's threshold as a dashed line."""
    chart = Chart(width, height)
    plot = height - _BOTTOM - _TOP
    step = (width - _LEFT - 8) / max(1, len(weeks))
    for i, (week, asks, to_owner) in enumerate(weeks):
        x = _LEFT + i * step
        share = to_owner / asks if asks else 0.0
        h = round(plot * share, 1)
        chart.bars.append(
            Bar(
                round(x + step * 0.15, 1),
                round(_TOP + plot - h, 1),
                round(step * 0.7, 1),
                h,
                title=f"Week of {week:%d %b}: {to_owner} of {asks} asks reached the owner"
                + (f" ({share:.0%})" if asks else ""),
                css="bar-owner" if share > threshold else "bar-ok",
            )
        )
        chart.labels.append(Bar(round(x + step / 2, 1), height - 6, 0, 0, f"{week:%d %b}"))
        chart.empty = chart.empty and not asks
    chart.threshold_y = round(_TOP + plot * (1 - threshold), 1)
    chart.threshold_label = f"{threshold:.0%}"
    return chart


def split_chart(
    weeks: list[tuple[dt.date, dict[str, int]]], width: int = 640, height: int = 170
) -> Chart:
    """Stacked bars of the owner's minutes per week by kind (leadership at the bottom)."""
    chart = Chart(width, height)
    plot = height - _BOTTOM - _TOP
    peak = max((sum(kinds.values()) for _, kinds in weeks), default=0) or 1
    step = (width - _LEFT - 8) / max(1, len(weeks))
    for i, (week, kinds) in enumerate(weeks):
        x = _LEFT + i * step
        bottom = _TOP + plot
        total = sum(kinds.values())
        for kind in KIND_ORDER:
            minutes = kinds.get(kind, 0)
            if not minutes:
                continue
            h = round(plot * minutes / peak, 1)
            bottom -= h
            share = minutes / total
            chart.bars.append(
                Bar(
                    round(x + step * 0.15, 1),
                    round(bottom, 1),
                    round(step * 0.7, 1),
                    h,
                    title=f"Week of {week:%d %b}: {minutes / 60:.1f} h {kind} ({share:.0%})",
                    css=f"bar-{kind}",
                )
            )
        chart.labels.append(Bar(round(x + step / 2, 1), height - 6, 0, 0, f"{week:%d %b}"))
        chart.empty = chart.empty and not total
    return chart


def spread_chart(shares: list[float], width: int = 320, height: int = 120) -> Chart:
    """How many locations fall in each tenth of owner share (0-10 % ... 90-100 %)."""
    buckets = [0] * 10
    for share in shares:
        buckets[min(9, int(share * 10))] += 1
    chart = Chart(width, height)
    plot = height - _BOTTOM - _TOP
    peak = max(buckets) or 1
    step = (width - 16) / 10
    for i, count in enumerate(buckets):
        h = round(plot * count / peak, 1)
        chart.bars.append(
            Bar(
                round(8 + i * step + 2, 1),
                round(_TOP + plot - h, 1),
                round(step - 4, 1),
                h,
                title=f"{count} location{'s' if count != 1 else ''} with {i * 10}-{i * 10 + 10}% "
                "of asks reaching the owner",
                css="bar-owner" if i >= 3 else "bar-ok",
            )
        )
        if i % 2 == 0:
            chart.labels.append(
                Bar(round(8 + i * step + step / 2, 1), height - 6, 0, 0, f"{i * 10}%")
            )
    chart.empty = not shares
    return chart
