"""Starting a practice from nothing: create it, then a template chart (or the roster)."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User

from practiceos.audit.models import AuditRecord
from practiceos.org.models import Location, Person, Seat
from practiceos.tenancy.models import Membership, Practice


@pytest.fixture
def newcomer(client, db):
    """A login that belongs to no practice yet."""
    user = User.objects.create_user("founder")
    client.force_login(user)
    return client


def _state():
    return (
        Practice.objects.count(),
        Membership.objects.count(),
        Location.objects.count(),
        AuditRecord.objects.count(),
    )


def test_a_login_without_a_practice_is_offered_to_create_one(newcomer):
    page = newcomer.get("/").content.decode()
    assert 'id="create-practice"' in page


def test_create_then_template_gives_a_chart_with_the_practices_locations(newcomer):
    response = newcomer.post(
        "/practice/new/",
        {"name": "Harbor Dental", "specialty": "dental", "locations": "Harbor\nHilltop\n"},
    )
    assert response.status_code == 302 and response["Location"] == "/practice/start/"
    practice = Practice.objects.get(slug="harbor-dental")
    owner = Membership.objects.get(practice=practice)
    assert owner.role == "owner" and not practice.is_demo
    assert newcomer.session["practice_id"] == practice.pk
    assert newcomer.post("/practice/start/").status_code == 302
    names = set(Location.objects.filter(practice=practice).values_list("name", flat=True))
    assert names == {"Harbor", "Hilltop"}
    seats = Seat.objects.filter(practice=practice)
    assert seats.count() > 10 and not Person.objects.filter(practice=practice).exists()
    again = newcomer.post("/practice/start/")
    assert again.status_code == 422 and "only for an empty chart" in again.content.decode()


def test_an_existing_member_creates_another_practice_and_switches_to_it(chart, personas, login):
    client = login("member")
    client.post(
        "/practice/new/", {"name": "Side Clinic", "specialty": "medical", "locations": "Main"}
    )
    page = client.get("/").content.decode()
    assert "Side Clinic</option>" in page and "Acme Orthopedics</option>" in page
    assert client.session["practice_id"] == Practice.objects.get(slug="side-clinic").pk
    assert Membership.objects.get(practice__slug="acme", user__username="member").role == "member"


@pytest.mark.parametrize(
    "data, field, message",
    [
        ({"name": "", "specialty": "dental", "locations": "A"}, "name", "is not a usable name"),
        (
            {"name": "Acme", "slug": "acme", "specialty": "dental", "locations": "A"},
            "slug",
            "is taken",
        ),
        (
            {"name": "X", "slug": "-bad-", "specialty": "dental", "locations": "A"},
            "slug",
            "not a usable short name",
        ),
        (
            {"name": "X", "specialty": "astrology", "locations": "A"},
            "specialty",
            "&quot;astrology&quot; is not a specialty",
        ),
        (
            {"name": "X", "specialty": "dental", "locations": ""},
            "locations",
            "at least one location",
        ),
        ({"name": "X", "specialty": "dental", "locations": "A\nA"}, "locations", "listed twice"),
    ],
    ids=["blank-name", "slug-taken", "bad-slug", "specialty", "no-locations", "duplicate"],
)
def test_bad_input_names_the_field_and_creates_nothing(personas, newcomer, data, field, message):
    before = _state()
    response = newcomer.post("/practice/new/", data)
    assert response.status_code == 422
    page = response.content.decode()
    assert f'id="e-{field}"' in page and message in page
    assert _state() == before


def test_the_demo_practice_carries_a_banner(personas, login):
    Practice.objects.filter(pk=personas.acme.pk).update(is_demo=True)
    page = login("member").get("/org/people/").content.decode()
    assert 'class="demo-banner"' in page and 'href="/practice/new/"' in page
