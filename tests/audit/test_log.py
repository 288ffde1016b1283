"""The audit log page: names instead of ids, filters, pages, fixed queries; confidential
reads recorded and shown to owners and admins only."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from practiceos.audit.models import AuditRecord
from practiceos.audit.services import record_confidential_read
from practiceos.org import services


def _rows(html: str) -> int:
    body = html.split('id="audit-records"', 1)[1].split("</table>", 1)[0]
    return body.count("<tr") - 1


def test_changes_name_the_objects_not_their_ids(chart, personas, login):
    services.update(personas.owner, chart.tech_seat, {"reports_to": chart.owner_seat.pk})
    page = login("member").get("/audit/").content.decode()
    assert "<strong>reports to</strong>: Practice Manager → Owner" in page
    history = login("member").get(f"/audit/org.seat/{chart.tech_seat.pk}/").content.decode()
    assert "Practice Manager → Owner" in history


def test_timestamps_the_database_sets_are_left_out_and_others_read_as_dates(
    chart, personas, login, settings
):
    # A job's record holds created_at (set by the database: noise, the record has its own
    # time) and finished_at (a real event: shown as a date, not ISO text).
    from practiceos.audit.display import readable
    from practiceos.jobs.models import Job

    settings.TIME_ZONE = "UTC"
    job = Job.objects.create(practice=personas.acme, kind="health_check")
    record = AuditRecord.objects.create(
        practice=personas.acme,
        object_type="jobs.job",
        object_id=str(job.pk),
        object_repr="job",
        action="updated",
        before={"created_at": None, "finished_at": None, "status": "running"},
        after={
            "created_at": "2026-11-30T19:58:34.769088+00:00",
            "finished_at": "2026-11-30T20:01:05.000001+00:00",
            "status": "done",
        },
    )
    (shown,) = readable([record], personas.acme.pk)
    changes = {c.field: (c.before, c.after) for c in shown.readable_changes}
    assert "created at" not in changes and "created_at" not in changes
    assert changes["finished at"] == ("—", "30 Nov 2026 20:01")
    assert changes["status"] == ("running", "done")
    page = login("owner").get("/audit/").content.decode()
    assert "2026-11-30T19:58:34" not in page


@pytest.mark.parametrize(
    "query, shown",
    [
        ({"who": "admin"}, {"Uptown"}),
        ({"type": "org.person"}, {"Carol"}),
        ({"action": "updated"}, {"Downtown"}),
        ({"q": "upt"}, {"Uptown"}),
        ({"since": "2000-01-01", "until": "2000-01-02"}, set()),
    ],
    ids=["person", "type", "action", "text", "dates"],
)
def test_filters(chart, personas, login, query, shown):
    services.create(personas.admin, services.Location, {"name": "Uptown", "address": "9 Hill"})
    services.create(personas.owner, services.Person, {"name": "Carol"})
    services.update(personas.owner, chart.downtown, {"address": "2 Main St"})
    page = login("member").get("/audit/", query).content.decode()
    table = page.split('id="audit-records"', 1)[1].split("</table>", 1)[0]
    found = {n for n in ("Uptown", "Carol", "Downtown") if f">{n}</a>" in table}
    assert found == shown


@pytest.mark.parametrize(
    "query, message",
    [
        ({"since": "yesterday"}, "From: &quot;yesterday&quot; is not a date; use YYYY-MM-DD"),
        ({"action": "exploded"}, "Action: &quot;exploded&quot; is not an action"),
        ({"type": "auth.user"}, "Kind of object: &quot;auth.user&quot; is not a kind"),
        ({"q": "x" * 101}, "Search: the search text has 101 characters"),
        ({"since": "2024-02-02", "until": "2024-02-01"}, "To: 2024-02-01 is before 2024-02-02"),
    ],
)
def test_bad_filters_say_which_and_why(personas, login, query, message):
    response = login("member").get("/audit/", query)
    assert response.status_code == 422
    assert message in response.content.decode()


def _many(personas, n):
    AuditRecord.objects.bulk_create(
        AuditRecord(
            practice=personas.acme,
            actor=personas.owner.user,
            action="updated",
            object_type="org.location",
            object_id=str(i),
            object_repr=f"Place {i}",
            before={"name": f"Old {i}"},
            after={"name": f"Place {i}"},
        )
        for i in range(n)
    )


def test_pages_reach_every_record(personas, login):
    _many(personas, 120)
    client = login("member")
    first = client.get("/audit/").content.decode()
    assert _rows(first) == 50 and "page 1 of 3" in first and 'rel="next"' in first
    last = client.get("/audit/", {"page": "3"}).content.decode()
    assert _rows(last) == 20 and "Place 0<" in last
    assert client.get("/audit/", {"page": "nonsense"}).status_code == 200


@pytest.mark.parametrize("size", [5, 200])
def test_log_query_count_is_fixed_whatever_the_size(
    chart, personas, login, django_assert_num_queries, size
):
    _many(personas, size)
    services.update(personas.owner, chart.tech_seat, {"reports_to": chart.owner_seat.pk})
    uptown = services.create(personas.owner, services.Location, {"name": "Uptown"})
    services.update(personas.owner, chart.surgeon_seat, {"location": uptown.pk})
    client = login("owner")
    # session, user, membership, people, count, page, seats named, locations named
    with django_assert_num_queries(8):
        response = client.get("/audit/")
    assert response.status_code == 200


def test_confidential_reads_are_recorded_and_shown_to_owners_and_admins_only(
    chart, personas, login
):
    record_confidential_read(personas.manager, chart.bob, note="one-on-one notes")
    (read,) = AuditRecord.objects.filter(action="read")
    assert read.actor == personas.manager.user and read.practice_id == personas.acme.pk
    assert read.at > dt.datetime.now(dt.UTC) - dt.timedelta(minutes=1)
    for persona, sees in [("owner", True), ("admin", True), ("manager", False), ("member", False)]:
        client = login(persona)
        page = client.get("/audit/", {"action": "read"} if sees else {}).content.decode()
        assert ("Read (confidential)" in page) == sees, persona
        history = client.get(f"/audit/org.person/{chart.bob.pk}/").content.decode()
        assert ("one-on-one notes" in history) == sees, persona


def test_the_log_offers_no_way_to_change_it(personas, login):
    client = login("owner")
    assert client.post("/audit/").status_code == 405
    page = client.get("/audit/").content.decode()
    assert not re.search(r'<form[^>]*method="post"[^>]*action="/audit', page)
