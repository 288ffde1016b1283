"""A big chart's PDF as a job: WeasyPrint draws SVG text letter by letter, about 10 ms a
seat, so past :data:`practiceos.org.export.PDF_NOW_SEATS` seats the PDF is written by a
task worker and downloaded from the job's page when done.

The PDF is kept in the job's JSON result (base64): a few hundred kilobytes at the
export's size limit, gone with the job row, and no file store to run.
"""

from __future__ import annotations

import base64
import datetime as dt
from typing import Any

from django.urls import reverse

from practiceos.core.problems import InputError, Problem
from practiceos.jobs.models import Job, JobKind
from practiceos.jobs.progress import Progress
from practiceos.jobs.registry import JobHandler
from practiceos.org import export
from practiceos.org.models import Seat
from practiceos.tenancy.access import require
from practiceos.tenancy.models import Membership
from practiceos.tenancy.permissions import Action


def _authorize(membership: Membership) -> object:
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


def run_chart_pdf(job: Job, progress: Progress) -> dict[str, Any]:
    """Draw the chart as the job's params ask and write its PDF; the chart may have changed
    since the job was queued, so every refusal the view makes is made again here."""
    params = job.params or {}
    options = export.Options(
        seat=params.get("seat"),
        depth=params.get("depth"),
        paper=params.get("size", "a4"),
        orientation=params.get("orientation", "auto"),
    )
    progress.stage("Reading the chart")
    pid = job.practice_id
    root_name = None
    if options.seat is not None:
        root_name = (
            Seat.objects.filter(practice_id=pid, pk=options.seat).values_list("name", flat=True)
        ).first()
        if root_name is None:
            raise InputError([Problem("seat", f"seat {options.seat} no longer exists")])
    seats = export.chart_seats(pid)
    progress.stage("Drawing the chart")
    drawing = export.draw(
        seats,
        options,
        practice_name=job.practice.name,
        root_name=root_name,
        today=dt.date.today(),
    )
    if drawing.refused:
        raise InputError([Problem("chart", drawing.refused)])
    page = export.page_for(drawing, options)
    problem = export.unreadable_on(page, seats, options, root_name)
    if problem:
        raise InputError([Problem("chart", problem.message)])
    progress.stage(f"Writing the PDF of {drawing.seats:,} seats")
    pdf = export.pdf_bytes(drawing, page)
    return {
        "pdf": base64.b64encode(pdf).decode("ascii"),
        "filename": export.filename(job.practice.slug, options, "pdf"),
        "seats": drawing.seats,
    }


def _result_url(job: Job) -> str | None:
    return reverse("org:chart-export-job", args=[job.pk]) if (job.result or {}).get("pdf") else None


HANDLER = JobHandler(
    kind=JobKind.PDF, run=run_chart_pdf, authorize=_authorize, result_url=_result_url
)
