"""The chart (or a subtree) exported as SVG or as a one-page PDF (thin views).

Any member may export what the chart shows them. Six queries at most whatever the size:
the request's three, the subtree's top seat through the access helper (another
practice's seat is a 404), then the seats and the assignments (``org.export``). A PDF
of more than :data:`practiceos.org.export.PDF_NOW_SEATS` seats is written by a job: the
page offers to prepare it, and the job's page links to the download.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from practiceos.core import chart_layout as cl
from practiceos.jobs.documents import start_pdf
from practiceos.org import export
from practiceos.org.access import get_seat_for
from practiceos.org.export_jobs import params_of
from practiceos.tenancy.access import require
from practiceos.tenancy.current import current_membership
from practiceos.tenancy.models import Membership
from practiceos.tenancy.permissions import Action


@dataclass
class _Asked:
    membership: Membership
    options: export.Options
    seats: list[cl.ChartSeat]
    root_name: str | None
    drawing: export.Drawing


def _refused(
    request: HttpRequest,
    message: str,
    status: int = 422,
    *,
    depth: int | None = None,
    paper: str | None = None,
) -> HttpResponse:
    """The page saying why not, with links to the exports that would work."""
    links = []
    if paper is not None:
        links.append((f"The same on {export.PAPERS[paper][0]}", _with(request, size=paper)))
    if depth is not None:
        levels = f"{depth} level{'' if depth == 1 else 's'} below the top"
        links.append((f"Only {levels}", _with(request, depth=depth)))
    context = {"message": message, "links": links}
    return render(request, "org/export_refused.html", context, status=status)


def _with(request: HttpRequest, **changes: object) -> str:
    """This export's URL with some options changed."""
    query = request.GET.copy() if request.method == "GET" else request.POST.copy()
    query.pop("csrfmiddlewaretoken", None)
    for key, value in changes.items():
        query[key] = str(value)
    return f"{request.path}?{query.urlencode()}"


def _prepare(request: HttpRequest, params: object) -> _Asked | HttpResponse:
    """Options, seats and drawing, or the page that says why not."""
    membership = require(current_membership(request), Action.VIEW)
    try:
        options = export.read_options(params)  # type: ignore[arg-type]
    except export.OptionError as exc:
        return _refused(request, str(exc), status=400)
    root_name = None
    if options.seat is not None:
        root_name = get_seat_for(membership, options.seat).name
    seats, drawing = export.draw_practice(
        membership.practice_id, membership.practice.name, options, root_name
    )
    if drawing.refused:
        return _refused(request, drawing.refused, depth=drawing.suggest_depth)
    return _Asked(membership, options, seats, root_name, drawing)


@login_required
@require_GET
def chart_svg(request: HttpRequest) -> HttpResponse:
    """The chart as SVG; ``?seat=<id>`` the subtree under that seat, ``?depth=N`` N levels."""
    asked = _prepare(request, request.GET)
    if isinstance(asked, HttpResponse):
        return asked
    name = export.filename(asked.membership.practice.slug, asked.options, "svg")
    response = HttpResponse(asked.drawing.svg, content_type="image/svg+xml; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@login_required
@require_http_methods(["GET", "POST"])
def chart_pdf(request: HttpRequest) -> HttpResponse:
    """The chart on one PDF page (``?size=a4|a3|letter|tabloid``, ``?orientation=``), the
    SVG scaled to fit; refused with a message when its names would be too small to read.

    A big chart's GET answers a page offering to prepare the PDF; its POST queues the job
    and goes to the job's page.
    """
    asked = _prepare(request, request.POST if request.method == "POST" else request.GET)
    if isinstance(asked, HttpResponse):
        return asked
    page = export.page_for(asked.drawing, asked.options)
    problem = export.unreadable_on(page, asked.seats, asked.options, asked.root_name)
    if problem:
        return _refused(request, problem.message, depth=problem.depth, paper=problem.paper)
    if request.method == "POST":
        job = start_pdf(actor=asked.membership, document="chart", params=params_of(asked.options))
        return redirect("jobs:job", pk=job.pk)
    if asked.drawing.seats > export.PDF_NOW_SEATS:
        context = {"drawing": asked.drawing, "options": asked.options, "page": page}
        return render(request, "org/export_queue.html", context)
    pdf = export.pdf_bytes(asked.drawing, page)
    name = export.filename(asked.membership.practice.slug, asked.options, "pdf")
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{name}"'
    return response
