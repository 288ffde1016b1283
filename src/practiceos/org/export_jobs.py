"""A big chart's PDF on a task worker: WeasyPrint draws SVG text letter by letter, about
10 ms a seat, so past :data:`practiceos.org.export.PDF_NOW_SEATS` seats the PDF is written
by a worker as the ``chart`` document of the jobs app's PDF kind
(:mod:`practiceos.jobs.documents`), kept with its job and downloaded from the job's page.
"""

from __future__ import annotations

from typing import Any

from practiceos.core.problems import InputError, Problem
from practiceos.jobs.documents import Document
from practiceos.org import export
from practiceos.org.models import Seat
from practiceos.tenancy.access import require
from practiceos.tenancy.models import Membership
from practiceos.tenancy.permissions import Action


def _authorize(membership: Membership | None, params: dict[str, Any]) -> object:
    """Any member may export the chart (as the SVG and PDF pages allow)."""
    return require(membership, Action.VIEW)


def params_of(options: export.Options) -> dict[str, Any]:
    """The job's params for ``options`` (JSON)."""
    return {
        "what": "chart",
        "seat": options.seat,
        "depth": options.depth,
        "size": options.paper,
        "orientation": options.orientation,
    }


def render_chart_pdf(membership: Membership, params: dict[str, Any]) -> tuple[str, bytes]:
    """Draw the chart as the job's params ask and return its PDF; the chart may have changed
    since the job was queued, so every refusal the view makes is made again here."""
    options = export.Options(
        seat=params.get("seat"),
        depth=params.get("depth"),
        paper=params.get("size", "a4"),
        orientation=params.get("orientation", "auto"),
    )
    pid = membership.practice_id
    root_name = None
    if options.seat is not None:
        root_name = (
            Seat.objects.filter(practice_id=pid, pk=options.seat).values_list("name", flat=True)
        ).first()
        if root_name is None:
            raise InputError([Problem("seat", f"seat {options.seat} no longer exists")])
    seats, drawing = export.draw_practice(pid, membership.practice.name, options, root_name)
    if drawing.refused:
        raise InputError([Problem("chart", drawing.refused)])
    page = export.page_for(drawing, options)
    problem = export.unreadable_on(page, seats, options, root_name)
    if problem:
        raise InputError([Problem("chart", problem.message)])
    name = export.filename(membership.practice.slug, options, "pdf")
    return name, export.pdf_bytes(drawing, page)


CHART_PDF = Document(name="chart", label="chart", authorize=_authorize, render=render_chart_pdf)
