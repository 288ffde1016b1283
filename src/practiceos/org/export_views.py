"""The chart (or a subtree) exported as SVG or as a one-page PDF (thin views).

Any member may export what the chart shows them. Six queries at most whatever the size:
the request's three, the subtree's top seat through the access helper (another
practice's seat is a 404), then the seats and the assignments (``org.export``).
"""

from __future__ import annotations

import base64
import datetime as dt

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils.text import slugify
from django.views.decorators.http import require_GET

from practiceos.org import export
from practiceos.org.access import get_seat_for
from practiceos.tenancy.access import require
from practiceos.tenancy.current import current_membership
from practiceos.tenancy.models import Membership
from practiceos.tenancy.permissions import Action


def _refused(request: HttpRequest, message: str, status: int = 422) -> HttpResponse:
    return render(request, "org/export_refused.html", {"message": message}, status=status)


def _prepare(
    request: HttpRequest,
) -> tuple[Membership, export.Options, list, str | None, export.Drawing] | HttpResponse:
    membership = require(current_membership(request), Action.VIEW)
    try:
        options = export.read_options(request.GET)
    except export.OptionError as exc:
        return _refused(request, str(exc), status=400)
    root_name = None
    if options.seat is not None:
        root_name = get_seat_for(membership, options.seat).name
    seats = export.chart_seats(membership.practice_id)
    drawing = export.draw(
        seats,
        options,
        practice_name=membership.practice.name,
        root_name=root_name,
        today=dt.date.today(),
    )
    if drawing.refused:
        return _refused(request, drawing.refused)
    return membership, options, seats, root_name, drawing


def _base64(svg: str) -> str:
    return base64.b64encode(svg.encode("utf-8")).decode("ascii")


def _filename(membership: Membership, options: export.Options, ext: str) -> str:
    name = slugify(membership.practice.slug) or "practice"
    under = f"-seat-{options.seat}" if options.seat is not None else ""
    return f"chart-{name}{under}.{ext}"


@login_required
@require_GET
def chart_svg(request: HttpRequest) -> HttpResponse:
    """The chart as SVG; ``?seat=<id>`` the subtree under that seat, ``?depth=N`` N levels."""
    prepared = _prepare(request)
    if isinstance(prepared, HttpResponse):
        return prepared
    membership, options, _, _, drawing = prepared
    response = HttpResponse(drawing.svg, content_type="image/svg+xml; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="{_filename(membership, options, "svg")}"'
    )
    return response


@login_required
@require_GET
def chart_pdf(request: HttpRequest) -> HttpResponse:
    """The chart on one PDF page (``?size=a4|a3|letter|tabloid``, ``?orientation=``), the
    SVG scaled to fit; refused with a message when its names would be too small to read."""
    prepared = _prepare(request)
    if isinstance(prepared, HttpResponse):
        return prepared
    membership, options, seats, root_name, drawing = prepared
    page = export.page_for(drawing, options)
    problem = export.unreadable_on(page, seats, options, root_name)
    if problem:
        return _refused(request, problem)
    html = render_to_string(
        "org/export_pdf.html", {"page": page, "svg_b64": _base64(drawing.svg)}, request=request
    )
    # Imported here: WeasyPrint loads Pango at import, which only the PDF views need.
    from weasyprint import HTML

    pdf = HTML(string=html, base_url=request.build_absolute_uri("/")).write_pdf()
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{_filename(membership, options, "pdf")}"'
    return response
