"""A tidy layout of the accountability chart for export (SVG, PDF): pure and linear-ish.

Seats are boxes of one size placed top-down by ``reports_to``. Each subtree is packed
against its left neighbours by its contour (the left and right extent of every level
below it, as in Reingold and Tilford's tidy trees), so a narrow subtree slides under a
wide neighbour's empty corner instead of claiming its whole bounding box; a manager is
centred over its first and last report. A manager whose reports have no reports of
their own (a clinic's assistants, a front desk) gets them stacked in columns, as the
chart page does, so a wide level of leaves does not stretch the export sideways.

:func:`select` cuts the seats to a subtree and a depth first; :func:`fit` and
:func:`readability` say how big the drawing lands on a page and whether it is still
readable there. :mod:`practiceos.core.chart_svg` draws the result.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from practiceos.core.model import SEAT_KINDS

BOX_W = 200.0
BOX_H = 58.0
H_GAP = 16.0  # between neighbouring boxes (and subtrees) on one level
ROOT_GAP = 48.0  # between top seats
V_GAP = 36.0  # between a manager and its row of reports
LEVEL = BOX_H + V_GAP
STACK_MIN = 4  # a manager with at least this many leaf reports stacks them
STACK_ROWS = 10  # boxes per stacked column before a new column starts
STACK_GAP = 10.0  # vertical gap between stacked boxes
STACK_INDENT = 18.0  # room left of a stacked column for its spine and ticks
WRAP_MIN = 3  # a row of at least this many items may wrap into sub-rows
WRAP_ASPECT = 1.4  # aim for subtrees this much wider than tall (a landscape page)
#: What :func:`fitted_layout` tries: never wrap, then wrapping more and more.
WRAP_TRIES: tuple[float | None, ...] = (None, 2.8, 1.4, 0.7, 0.35, 0.18)
LANE = 2 * H_GAP  # the gap a wrapped row leaves for its manager's trunk

#: Seats one export draws at most: beyond, it is a poster nobody can read.
MAX_SEATS = 1500
#: Smallest text on paper (points) at which a one-page export still counts as readable.
MIN_TEXT_PT = 1.5
#: The smallest font used in a box (px, CSS units of 0.2646 mm).
SMALLEST_FONT_PX = 10.0

_KIND_RANK = {kind: i for i, kind in enumerate(SEAT_KINDS)}


@dataclass(frozen=True, slots=True)
class ChartSeat:
    """One seat as the export draws it: holders are names, accountable first."""

    id: str
    name: str
    kind: str
    parent: str | None = None
    holders: tuple[str, ...] = ()
    location: str = ""
    hidden: int = 0  # seats below it cut off by a depth limit


@dataclass(frozen=True, slots=True)
class Box:
    """A seat's box: top-left corner and size."""

    seat: ChartSeat
    x: float
    y: float
    width: float = BOX_W
    height: float = BOX_H


@dataclass(frozen=True, slots=True)
class Layout:
    """Boxes, connector segments ``(x1, y1, x2, y2)`` and the drawing's size (from 0, 0)."""

    boxes: tuple[Box, ...]
    lines: tuple[tuple[float, float, float, float], ...]
    width: float
    height: float


@dataclass(frozen=True, slots=True)
class Selection:
    """The seats an export draws, and how many the whole subtree holds."""

    seats: tuple[ChartSeat, ...]
    total: int  # seats in the subtree before any depth limit
    depth_counts: tuple[int, ...]  # seats on each level of the subtree (0 = its top)


def _children(seats: Iterable[ChartSeat]) -> tuple[dict[str | None, list[ChartSeat]], list[str]]:
    """Reports of each seat (``None``: the top seats), in chart order, and the top seats.

    A seat whose manager is not among ``seats`` is a top seat. Seats caught in a cycle
    (which the database forbids, but a pure function should survive) are broken open at
    their smallest id, so every seat is drawn exactly once.
    """
    by_id = {seat.id: seat for seat in seats}
    kids: dict[str | None, list[ChartSeat]] = {}
    for seat in by_id.values():
        parent = seat.parent if seat.parent in by_id and seat.parent != seat.id else None
        kids.setdefault(parent, []).append(seat)
    for group in kids.values():
        group.sort(key=lambda s: (_KIND_RANK.get(s.kind, len(_KIND_RANK)), s.name, s.id))
    reached: set[str] = set()
    stack = [seat.id for seat in kids.get(None, [])]
    roots = list(stack)
    while True:
        while stack:
            current = stack.pop()
            reached.add(current)
            stack.extend(kid.id for kid in kids.get(current, []) if kid.id not in reached)
        if len(reached) == len(by_id):
            return kids, roots
        broken = min(sid for sid in by_id if sid not in reached)
        kids[by_id[broken].parent].remove(by_id[broken])
        kids.setdefault(None, []).append(by_id[broken])
        roots.append(broken)
        stack = [broken]


def select(
    seats: Sequence[ChartSeat], root: str | None = None, max_depth: int | None = None
) -> Selection:
    """The seats under ``root`` (itself included; ``None``: the whole chart), down to
    ``max_depth`` levels below the top (``None``: all). A seat at the cut carries in
    ``hidden`` how many seats below it were left out."""
    kids, roots = _children(seats)
    tops = [root] if root is not None else roots
    by_id = {seat.id: seat for seat in seats}
    order: list[tuple[str, int]] = [(sid, 0) for sid in tops if sid in by_id]
    depth_counts: list[int] = []
    for sid, depth in order:  # breadth first: ``order`` grows while it is read
        if depth == len(depth_counts):
            depth_counts.append(0)
        depth_counts[depth] += 1
        order.extend((kid.id, depth + 1) for kid in kids.get(sid, []))
    keep = max_depth if max_depth is not None else len(depth_counts)
    below: dict[str, int] = {}
    for sid, depth in reversed(order):
        if depth >= keep:
            parent = by_id[sid].parent
            if parent is not None:
                below[parent] = below.get(parent, 0) + 1 + below.get(sid, 0)
    chosen = []
    for sid, depth in order:
        if depth > keep:
            continue
        seat = by_id[sid]
        if sid == root or (root is None and sid in roots):
            seat = ChartSeat(seat.id, seat.name, seat.kind, None, seat.holders, seat.location)
        if depth == keep and below.get(sid):
            seat = ChartSeat(
                seat.id, seat.name, seat.kind, seat.parent, seat.holders, seat.location, below[sid]
            )
        chosen.append(seat)
    return Selection(tuple(chosen), len(order), tuple(depth_counts))


Contour = list[tuple[float, float]]


def _pack(contours: Sequence[Contour], gap: float) -> tuple[list[float], Contour]:
    """Offsets of subtrees placed left to right as close as their contours allow, centred
    on the midpoint of the first and last, and the contour of the whole row."""
    offsets = [0.0]
    acc = list(contours[0])
    for contour in contours[1:]:
        common = min(len(acc), len(contour))
        shift = max(acc[d][1] - contour[d][0] + gap for d in range(common))
        offsets.append(shift)
        merged = [(acc[d][0], contour[d][1] + shift) for d in range(common)]
        merged += acc[common:]
        merged += [(left + shift, right + shift) for left, right in contour[common:]]
        acc = merged
    mid = (offsets[0] + offsets[-1]) / 2
    return [o - mid for o in offsets], [(left - mid, right - mid) for left, right in acc]


def _stack_shape(n: int) -> tuple[int, int]:
    """(columns, rows) of ``n`` stacked leaves: columns of at most :data:`STACK_ROWS`."""
    cols = math.ceil(n / STACK_ROWS)
    return cols, math.ceil(n / cols)


def _block_size(n: int) -> tuple[float, float]:
    """Width and height of ``n`` stacked leaves."""
    cols, rows = _stack_shape(n)
    return cols * (STACK_INDENT + BOX_W) + (cols - 1) * H_GAP, rows * (
        BOX_H + STACK_GAP
    ) - STACK_GAP


# A row item under a manager: one report's subtree (its id) or a block of stacked leaves.
Item = str | tuple[ChartSeat, ...]


def _items(reports: list[ChartSeat], kids: dict[str | None, list[ChartSeat]]) -> list[Item]:
    """The row under a manager: each report with reports of its own as a subtree, and the
    leaves as one stacked block (last) when there are at least :data:`STACK_MIN`."""
    leaves = tuple(kid for kid in reports if kid.id not in kids)
    if len(leaves) < STACK_MIN:
        return [kid.id for kid in reports]
    return [*(kid.id for kid in reports if kid.id in kids), leaves]


@dataclass(frozen=True, slots=True)
class _Row:
    """A manager's placed row: each item's x offset and its sub-row's first level below the
    manager's own (0 unless the row is wrapped)."""

    items: list[Item]
    offsets: list[float]
    levels: list[int]


def _wraps(count: int, row: Contour, aspect: float | None) -> int:
    """Into how many sub-rows to wrap a row of ``count`` items so that the manager's
    subtree comes out about ``aspect`` times as wide as it is tall (1: not)."""
    if aspect is None or count < WRAP_MIN:
        return 1
    width = max(right for _, right in row) - min(left for left, _ in row)
    height = len(row) * LEVEL
    wanted = round(math.sqrt(width / (aspect * height)))
    return max(1, min(wanted, math.ceil(count / 2)))


def _union(a: Contour, b: Contour) -> Contour:
    """Level by level, the extent of both contours (one may be deeper)."""
    both = [(min(x[0], y[0]), max(x[1], y[1])) for x, y in zip(a, b, strict=False)]
    return both + a[len(b) :] + b[len(a) :]


def _wrap(shapes: Sequence[Contour], count: int) -> tuple[list[float], Contour, list[int]]:
    """Items in ``count`` sub-rows, one under the other. In each sub-row the first half sits
    left of a lane at x = 0 and the rest right of it; the manager's trunk runs down that
    lane to every sub-row's bar, so it crosses no box."""
    per = math.ceil(len(shapes) / count)
    offsets = [0.0] * len(shapes)
    levels = [0] * len(shapes)
    whole: Contour = []
    for start in range(0, len(shapes), per):
        chunk = list(range(start, min(len(shapes), start + per)))
        cut = math.ceil(len(chunk) / 2)
        sub: Contour = []
        for side, idx in ((-1, chunk[:cut]), (1, chunk[cut:])):
            if not idx:
                continue
            placed, row = _pack([shapes[i] for i in idx], H_GAP)
            if side < 0:
                shift = -LANE / 2 - max(right for _, right in row)
            else:
                shift = LANE / 2 - min(left for left, _ in row)
            for i, dx in zip(idx, placed, strict=True):
                offsets[i], levels[i] = dx + shift, len(whole)
            moved = [(left + shift, right + shift) for left, right in row]
            sub = _union(sub, moved)
        whole.extend(sub)
    return offsets, whole, levels


def layout(seats: Sequence[ChartSeat], wrap: float | None = WRAP_ASPECT) -> Layout:
    """Place every seat: a top-down tidy tree per top seat, the top seats side by side.

    No two boxes overlap and no connector crosses a box; a manager is centred over its
    row of reports (a block of stacked leaves counting as one), or, when the row is
    wrapped into sub-rows to keep the drawing page-shaped, over the lane its trunk runs
    down; the drawing starts at (0, 0). ``wrap`` is the width-to-height ratio a
    subtree aims at (smaller wraps more; ``None`` never wraps). Linear in seats times depth.
    """
    if not seats:
        return Layout((), (), 0.0, 0.0)
    kids, roots = _children(seats)
    half = BOX_W / 2
    contour: dict[str, Contour] = {}
    rows: dict[str, _Row] = {}
    # Post-order without recursion: a 1,000-level chain must not hit Python's stack limit.
    post: list[str] = []
    todo = list(roots)
    while todo:
        current = todo.pop()
        post.append(current)
        todo.extend(kid.id for kid in kids.get(current, []))
    for sid in reversed(post):
        reports = kids.get(sid, [])
        if not reports:
            contour[sid] = [(-half, half)]
            continue
        items = _items(reports, kids)
        shapes: list[Contour] = []
        for item in items:
            if isinstance(item, str):
                shapes.append(contour.pop(item))
            else:
                width, height = _block_size(len(item))
                levels = math.ceil((height + V_GAP) / LEVEL)
                shapes.append([(-width / 2, width / 2)] * levels)
        placed, row = _pack(shapes, H_GAP)
        wraps = _wraps(len(items), row, wrap)
        if wraps > 1:
            placed, row, starts = _wrap(shapes, wraps)
            rows[sid] = _Row(items, placed, starts)
        else:
            rows[sid] = _Row(items, placed, [0] * len(items))
        contour[sid] = [(-half, half), *row]
    top_offsets, _ = _pack([contour[sid] for sid in roots], ROOT_GAP)
    return _place(kids, roots, top_offsets, rows)


def _place(
    kids: dict[str | None, list[ChartSeat]],
    roots: list[str],
    top_offsets: list[float],
    rows: dict[str, _Row],
) -> Layout:
    """Absolute boxes and connector lines from the relative offsets, shifted to (0, 0)."""
    seat_of = {seat.id: seat for group in kids.values() for seat in group}
    boxes: list[Box] = []
    lines: list[tuple[float, float, float, float]] = []
    todo = [(sid, x, 0) for sid, x in zip(roots, top_offsets, strict=True)]
    while todo:
        sid, cx, depth = todo.pop()
        top = depth * LEVEL
        boxes.append(Box(seat_of[sid], cx - BOX_W / 2, top))
        if sid not in rows:
            continue
        row = rows[sid]
        drops: dict[int, list[float]] = {}
        for item, dx, level in zip(row.items, row.offsets, row.levels, strict=True):
            x, below = cx + dx, depth + 1 + level
            bar = below * LEVEL - V_GAP / 2
            if isinstance(item, str):
                drops.setdefault(level, []).append(x)
                lines.append((x, bar, x, below * LEVEL))
                todo.append((item, x, below))
            else:
                spines = _stack(item, x, below * LEVEL, bar, boxes, lines)
                drops.setdefault(level, []).extend(spines)
        last_bar = (depth + 1 + max(drops)) * LEVEL - V_GAP / 2
        lines.append((cx, top + BOX_H, cx, last_bar))
        for level, xs in drops.items():
            bar = (depth + 1 + level) * LEVEL - V_GAP / 2
            left, right = min(*xs, cx), max(*xs, cx)
            if right > left:
                lines.append((left, bar, right, bar))
    left = min(box.x for box in boxes)
    right = max(box.x + box.width for box in boxes)
    bottom = max(box.y + box.height for box in boxes)
    moved = tuple(Box(b.seat, b.x - left, b.y, b.width, b.height) for b in boxes)
    segments = tuple((x1 - left, y1, x2 - left, y2) for x1, y1, x2, y2 in lines)
    return Layout(moved, segments, right - left, bottom)


def _stack(
    leaves: Sequence[ChartSeat],
    cx: float,
    top: float,
    bar: float,
    boxes: list[Box],
    lines: list[tuple[float, float, float, float]],
) -> list[float]:
    """Leaves in columns centred on ``cx``: a spine down each column's left from the bar
    and a tick into each box. Returns the spines' x (where the bar must reach)."""
    cols, rows = _stack_shape(len(leaves))
    col_w = STACK_INDENT + BOX_W
    width, _ = _block_size(len(leaves))
    left = cx - width / 2
    spines = [left + c * (col_w + H_GAP) + STACK_INDENT / 2 for c in range(cols)]
    for c, spine in enumerate(spines):
        column = leaves[c * rows : (c + 1) * rows]
        last_mid = top + (len(column) - 1) * (BOX_H + STACK_GAP) + BOX_H / 2
        lines.append((spine, bar, spine, last_mid))
        for r, kid in enumerate(column):
            y = top + r * (BOX_H + STACK_GAP)
            box_x = spine + STACK_INDENT / 2
            boxes.append(Box(kid, box_x, y))
            lines.append((spine, y + BOX_H / 2, box_x, y + BOX_H / 2))
    return spines


@dataclass(frozen=True, slots=True)
class Fit:
    """A drawing fitted into an area: its size there (mm) and the text's smallest size (pt)."""

    width_mm: float
    height_mm: float
    scale: float  # drawing px to paper px (1: natural size)
    smallest_text_pt: float


PX_MM = 25.4 / 96  # a CSS px in mm


def fit(width: float, height: float, area_w_mm: float, area_h_mm: float) -> Fit:
    """Scale a ``width`` x ``height`` px drawing to fit the area, never enlarging it."""
    natural_w, natural_h = width * PX_MM, height * PX_MM
    scale = min(1.0, area_w_mm / natural_w, area_h_mm / natural_h) if width and height else 1.0
    return Fit(natural_w * scale, natural_h * scale, scale, SMALLEST_FONT_PX * 0.75 * scale)


def depth_within_cap(selection: Selection) -> tuple[int, int] | None:
    """The deepest depth whose seats stay within :data:`MAX_SEATS`, and how many seats it
    draws (``None`` when even the top level is too many)."""
    depth, running = -1, 0
    for i, n in enumerate(selection.depth_counts):
        if running + n > MAX_SEATS:
            break
        running += n
        depth = i
    return (depth, running) if depth >= 0 else None


def readability(selection: Selection, seat_name: str | None = None) -> str | None:
    """Why an export of ``selection`` would be unreadable (too many seats), naming the size
    and a depth that fits, or ``None`` when it is fine."""
    drawn = len(selection.seats)
    if drawn <= MAX_SEATS:
        return None
    within = depth_within_cap(selection)
    where = f"The subtree under {seat_name}" if seat_name else "The chart"
    advice = (
        f", or limit the depth: depth {within[0]} shows the top {within[1]:,} seats"
        if within
        else ""
    )
    return (
        f"{where} has {drawn:,} seats; an export draws at most {MAX_SEATS:,} so that the "
        f"names stay readable. Export a smaller subtree (from a seat's page){advice}."
    )


def fitted_layout(
    seats: Sequence[ChartSeat], area_w_mm: float, area_h_mm: float, extra_h: float = 0.0
) -> Layout:
    """The layout, among :data:`WRAP_TRIES`, that comes out largest in the area (with
    ``extra_h`` px of header above it): a wide, shallow chart wraps its widest rows until
    its shape suits the page. The first (least wrapped) wins a tie."""
    best: tuple[float, Layout] | None = None
    for wrap in WRAP_TRIES:
        drawn = layout(seats, wrap)
        scale = fit(drawn.width, drawn.height + extra_h, area_w_mm, area_h_mm).scale
        if best is None or scale > best[0] * 1.01:
            best = (scale, drawn)
    assert best is not None
    return best[1]


def deepest_fitting(
    seats: Sequence[ChartSeat],
    root: str | None,
    area_w_mm: float,
    area_h_mm: float,
    *,
    below: int,
    extra_h: float = 0.0,
) -> int | None:
    """The largest depth under ``below`` at which the drawing (plus ``extra_h`` px of
    header) still fits the area with readable text, or ``None`` when not even the top
    seats do. Lays the chart out once per depth tried, deepest first."""
    for depth in range(below - 1, -1, -1):
        chosen = select(seats, root, depth)
        if len(chosen.seats) > MAX_SEATS:
            continue
        drawn = fitted_layout(chosen.seats, area_w_mm, area_h_mm, extra_h)
        if fit(drawn.width, drawn.height + extra_h, area_w_mm, area_h_mm).smallest_text_pt >= (
            MIN_TEXT_PT
        ):
            return depth
    return None
