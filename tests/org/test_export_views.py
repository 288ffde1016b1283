"""Chart export: SVG and one-page PDF of the chart or a subtree, refusals, fixed queries."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
import zlib

import pytest

from practiceos.core import chart_layout
from tests.web.conftest import build_org

SVG_URL = "/org/chart/export.svg"
PDF_URL = "/org/chart/export.pdf"
SEAT = re.compile(r'data-seat="(\d+)"')


def seats_in(response):
    body = response.content.decode()
    ET.fromstring(response.content)  # well-formed XML
    return {int(pk) for pk in SEAT.findall(body)}


def pdf_text(content):
    """The PDF with its compressed streams inflated: WeasyPrint packs objects (pages, font
    names) into compressed object streams (pypdf is not a dependency)."""
    parts = [content]
    for stream in re.findall(rb"stream\r?\n(.*?)\r?\nendstream", content, re.S):
        try:
            parts.append(zlib.decompress(stream))
        except zlib.error:
            continue
    return b"\n".join(parts)


def pdf_pages(content):
    """Page objects in a PDF."""
    return len(re.findall(rb"/Type\s*/Page(?![a-zA-Z])", pdf_text(content)))


def test_member_exports_the_whole_chart_as_svg(chart, login):
    response = login("member").get(SVG_URL)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("image/svg+xml")
    assert 'filename="chart-acme.svg"' in response["Content-Disposition"]
    c = chart
    expected = {c.owner_seat.pk, c.manager_seat.pk, c.surgeon_seat.pk, c.tech_seat.pk}
    assert seats_in(response) == expected
    body = response.content.decode()
    assert "Alice Owner" in body and "Bob Surgeon" in body and "Downtown" in body
    assert "Acme Orthopedics: accountability chart" in body
    assert c.other_seat.name not in body


def test_subtree_svg_has_the_seats_under_it_and_no_others(chart, login):
    response = login("member").get(f"{SVG_URL}?seat={chart.manager_seat.pk}")
    assert response.status_code == 200
    assert seats_in(response) == {chart.manager_seat.pk, chart.tech_seat.pk}
    body = response.content.decode()
    assert "Under Practice Manager" in body
    assert "Alice Owner" not in body and "Bob Surgeon" not in body


def test_depth_limit_shows_how_many_are_hidden(chart, login):
    response = login("member").get(f"{SVG_URL}?depth=1")
    assert seats_in(response) == {chart.owner_seat.pk, chart.manager_seat.pk, chart.surgeon_seat.pk}
    assert "+1 below" in response.content.decode()


def test_pdf_is_one_page(chart, login):
    response = login("member").get(f"{PDF_URL}?seat={chart.owner_seat.pk}")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert pdf_pages(response.content) == 1


def test_pdf_draws_names_in_chinese_japanese_and_korean_with_a_font_that_has_them(chart, login):
    # Without a CJK font on the server, these names printed as empty boxes.
    person = chart.owner_seat.assignments.get().person
    person.name = "王小明 · 山田花子 · 김민준"
    person.save(update_fields=["name"])
    response = login("member").get(f"{PDF_URL}?seat={chart.owner_seat.pk}")
    assert response.status_code == 200
    fonts = set(re.findall(rb"/BaseFont\s*/([A-Za-z0-9+_-]+)", pdf_text(response.content)))
    assert any(b"CJK" in name for name in fonts), fonts


@pytest.mark.parametrize(
    "size, orientation",
    [("a4", "auto"), ("letter", "portrait"), ("a3", "landscape"), ("tabloid", "portrait")],
)
def test_a_wide_chart_fits_one_page_of_every_size(personas, login, size, orientation):
    # 45 seats: six clinic managers side by side, still written during the request.
    build_org(personas.acme, directors=2, managers_per_director=3, staff_per_manager=6)
    response = login("member").get(f"{PDF_URL}?size={size}&orientation={orientation}")
    assert response["Content-Type"] == "application/pdf"
    assert response.status_code == 200, response.content[:400]
    assert pdf_pages(response.content) == 1


def test_empty_chart_gets_a_message_not_an_empty_file(personas, login):
    client = login("owner")
    for url in (SVG_URL, PDF_URL):
        response = client.get(url)
        assert response.status_code == 422
        assert response["Content-Type"].startswith("text/html")
        assert "no seats yet" in response.content.decode()


def test_other_practices_seat_and_unknown_seat_are_404(chart, login):
    client = login("member")
    for url in (SVG_URL, PDF_URL):
        assert client.get(f"{url}?seat={chart.other_seat.pk}").status_code == 404
        assert client.get(f"{url}?seat=999999").status_code == 404


def test_outsider_cannot_export_acmes_subtree(chart, login):
    response = login("outsider").get(f"{SVG_URL}?seat={chart.owner_seat.pk}")
    assert response.status_code == 404


@pytest.mark.parametrize(
    "query, field",
    [
        ("seat=abc", "seat"),
        ("seat=-3", "seat"),
        ("depth=99", "depth"),
        ("size=a0", "size"),
        ("orientation=sideways", "orientation"),
    ],
)
def test_bad_options_name_the_field_value_and_what_is_accepted(chart, login, query, field):
    response = login("member").get(f"{PDF_URL}?{query}")
    assert response.status_code == 400
    body = response.content.decode()
    value = query.split("=", 1)[1]
    assert f"{field}: &quot;{value}&quot; is not accepted" in body


def test_archived_subtree_top_gets_a_message(chart, login):
    from django.utils import timezone

    chart.manager_seat.archived_at = timezone.now()
    chart.manager_seat.save(update_fields=["archived_at"])
    response = login("member").get(f"{SVG_URL}?seat={chart.manager_seat.pk}")
    assert response.status_code == 422
    assert "archived" in response.content.decode()


def test_too_big_a_chart_is_refused_with_its_size_and_a_depth(personas, login, monkeypatch):
    monkeypatch.setattr(chart_layout, "MAX_SEATS", 20)
    org = build_org(personas.acme, directors=2, managers_per_director=3, staff_per_manager=5)
    client = login("member")
    response = client.get(SVG_URL)
    assert response.status_code == 422
    body = response.content.decode()
    assert f"has {org.seat_count} seats" in body and "at most 20" in body
    assert "depth 2 shows the top 9 seats" in body
    assert 'href="/org/chart/export.svg?depth=2"' in body
    # The subtree and the depth it suggests both export.
    assert client.get(f"{SVG_URL}?seat={org.managers[0].pk}").status_code == 200
    assert client.get(f"{SVG_URL}?depth=2").status_code == 200


def test_pdf_too_small_to_read_suggests_paper_subtree_or_depth(personas, login, monkeypatch):
    monkeypatch.setattr(chart_layout, "MIN_TEXT_PT", 6.0)
    build_org(personas.acme, directors=3, managers_per_director=4, staff_per_manager=6)
    response = login("member").get(PDF_URL)
    assert response.status_code == 422
    body = response.content.decode()
    assert "On one A4 page the names in the chart would be" in body
    assert "size=a3" in body and "a subtree" in body
    assert 'href="/org/chart/export.pdf?size=a3"' in body and "The same on A3" in body


def test_export_links_on_the_chart_and_seat_pages(chart, login):
    client = login("member")
    page = client.get("/org/chart/").content.decode()
    assert f'href="{SVG_URL}"' in page and f'href="{PDF_URL}"' in page
    seat_page = client.get(f"/org/seats/{chart.manager_seat.pk}/").content.decode()
    assert f'href="{PDF_URL}?seat={chart.manager_seat.pk}"' in seat_page
    assert "Export this subtree" in seat_page


SMALL = {"directors": 1, "managers_per_director": 2, "staff_per_manager": 3}  # 10 seats
LARGE = {"directors": 3, "managers_per_director": 6, "staff_per_manager": 15}  # 292 seats


@pytest.mark.parametrize("size", [SMALL, LARGE], ids=["10-seats", "292-seats"])
@pytest.mark.parametrize(
    "url, expected",
    [
        # session, user, membership; seats, assignments
        (lambda org: SVG_URL, 5),
        # + the subtree's top seat through the access helper
        (lambda org: f"{SVG_URL}?seat={org.directors[0].pk}", 6),
        (lambda org: f"{PDF_URL}?seat={org.managers[0].pk}", 6),
        # 10 seats: the PDF itself; 292: the page offering to prepare it (same queries)
        (lambda org: PDF_URL, 5),
    ],
    ids=["svg", "svg-subtree", "pdf-subtree", "pdf-or-offer"],
)
def test_query_count_is_fixed_whatever_the_size(
    personas, login, django_assert_num_queries, size, url, expected
):
    org = build_org(personas.acme, **size)
    client = login("member")
    with django_assert_num_queries(expected):
        response = client.get(url(org))
    assert response.status_code == 200


def test_a_big_charts_pdf_is_prepared_by_a_worker_then_downloaded(chart, login, monkeypatch):
    from practiceos.jobs.models import Job, JobKind, JobStatus
    from practiceos.org import export
    from tests.worker import run_worker

    monkeypatch.setattr(export, "PDF_NOW_SEATS", 1)
    client = login("member")
    url = f"{PDF_URL}?seat={chart.manager_seat.pk}&size=letter"
    offer = client.get(url)
    assert offer.status_code == 200 and offer["Content-Type"].startswith("text/html")
    body = offer.content.decode()
    assert "Prepare the PDF" in body and "2 seats on one Letter page" in body
    assert not Job.objects.exists()  # a GET writes nothing

    queued = client.post(PDF_URL, {"seat": chart.manager_seat.pk, "size": "letter"})
    job = Job.objects.get()
    assert queued.status_code == 302 and queued["Location"] == f"/jobs/{job.pk}/"
    assert job.kind == JobKind.PDF and job.params["seat"] == chart.manager_seat.pk
    run_worker()
    job.refresh_from_db()
    assert job.status == JobStatus.DONE, job.error
    page = client.get(f"/jobs/{job.pk}/").content.decode()
    assert f"/jobs/{job.pk}/download/" in page
    download = client.get(f"/jobs/{job.pk}/download/")
    assert download.status_code == 200 and download.content.startswith(b"%PDF")
    assert pdf_pages(download.content) == 1
    assert f"chart-acme-seat-{chart.manager_seat.pk}.pdf" in download["Content-Disposition"]
    # Another practice never sees it.
    assert login("outsider").get(f"/jobs/{job.pk}/download/").status_code == 404


def test_a_job_queued_before_the_chart_emptied_fails_with_the_reason(chart, login):
    from practiceos.jobs.models import Job, JobStatus
    from practiceos.org.models import Seat
    from tests.worker import run_worker

    client = login("member")
    client.post(PDF_URL, {"seat": chart.tech_seat.pk})
    Seat.objects.filter(pk=chart.tech_seat.pk).delete()
    run_worker()
    job = Job.objects.get()
    assert job.status == JobStatus.FAILED and "no longer exists" in job.error
    assert client.get(f"/jobs/{job.pk}/download/").status_code == 404
