"""Editing the chart from the web: every form × every persona, bad input, buttons, pickers.

The declared permission suite (STYLE §8) runs each persona against GET and a valid POST of
every form: a refusal changes nothing, a success writes exactly one audit record.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import pytest

from practiceos.audit.models import AuditRecord
from practiceos.org.models import (
    Assignment,
    Location,
    Person,
    Role,
    Seat,
    ServiceLink,
    Team,
)

ORG_MODELS = (Location, Team, Role, Seat, ServiceLink, Person, Assignment)


def state(practice: Any) -> dict[str, list[dict[str, Any]]]:
    """Every org row of ``practice`` (all columns) plus the practice's audit records."""
    rows = {
        m.__name__: list(m.objects.filter(practice=practice).order_by("pk").values())
        for m in ORG_MODELS
    }
    rows["audit"] = list(AuditRecord.objects.filter(practice_id=practice.pk).values("pk"))
    return rows


@dataclass
class Form:
    """One edit form: where it lives, what a valid post is, and how to see it worked."""

    url: Any  # chart -> str
    post: Any  # chart -> dict
    saved: Any  # (chart, practice) -> bool: the change is in the database
    people: bool = False  # people/assignment form (managers may use it) vs structure
    creates: bool = False  # no object in the URL: an outsider acts in their own practice
    refs: bool = False  # the valid post names acme objects (an outsider's is refused, 422)


FORMS: dict[str, Form] = {
    "location_new": Form(
        url=lambda c: "/org/locations/new/",
        post=lambda c: {"name": "Uptown", "address": "2 High St"},
        saved=lambda c, p: Location.objects.filter(practice=p, name="Uptown").exists(),
        creates=True,
    ),
    "location_edit": Form(
        url=lambda c: f"/org/locations/{c.downtown.pk}/edit/",
        post=lambda c: {"name": "Downtown East", "address": "1 Main St"},
        saved=lambda c, p: Location.objects.get(pk=c.downtown.pk).name == "Downtown East",
    ),
    "team_new": Form(
        url=lambda c: "/org/teams/new/",
        post=lambda c: {"name": "Front Office", "goal": "Answer every call"},
        saved=lambda c, p: Team.objects.filter(practice=p, name="Front Office").exists(),
        creates=True,
    ),
    "team_edit": Form(
        url=lambda c: f"/org/teams/{c.team.pk}/edit/",
        post=lambda c: {
            "name": "Surgical Services",
            "goal": "Every case starts on time",
            "manager_seat": str(c.owner_seat.pk),
        },
        saved=lambda c, p: Team.objects.filter(
            pk=c.team.pk, goal="Every case starts on time", manager_seat=c.owner_seat
        ).exists(),
    ),
    "role_new": Form(
        url=lambda c: "/org/roles/new/",
        post=lambda c: {
            "title": "Medical Director",
            "kind": "management",
            "purpose": "Leads the providers",
            "responsibilities": "Peer review\r\n\r\nProvider schedules\n",
            "decision_rights": "Clinical protocols",
            "provider_lead": "on",
        },
        saved=lambda c, p: Role.objects.filter(
            practice=p,
            title="Medical Director",
            responsibilities=["Peer review", "Provider schedules"],
            decision_rights=["Clinical protocols"],
            provider_lead=True,
        ).exists(),
        creates=True,
    ),
    "role_edit": Form(
        url=lambda c: f"/org/roles/{c.tech_role.pk}/edit/",
        post=lambda c: {
            "title": "Surgical Technologist",
            "kind": "support",
            "purpose": "Keeps the field sterile",
            "responsibilities": "Instrument counts",
            "decision_rights": "",
        },
        saved=lambda c, p: Role.objects.filter(
            pk=c.tech_role.pk, purpose="Keeps the field sterile", provider_lead=False
        ).exists(),
    ),
    "seat_new": Form(
        url=lambda c: f"/org/seats/new/?reports_to={c.manager_seat.pk}",
        post=lambda c: {
            "name": "Surgical Technologist 2",
            "kind": "support",
            "role": str(c.tech_role.pk),
            "location": str(c.downtown.pk),
            "team": str(c.team.pk),
            "reports_to": str(c.manager_seat.pk),
            "serves": [str(c.surgeon_seat.pk)],
            "note": "",
            "q": "typed in a picker search box",
        },
        refs=True,
        saved=lambda c, p: Seat.objects.filter(
            practice=p,
            name="Surgical Technologist 2",
            reports_to=c.manager_seat,
            team=c.team,
            serves=c.surgeon_seat,
        ).exists(),
        creates=True,
    ),
    "seat_edit": Form(
        url=lambda c: f"/org/seats/{c.tech_seat.pk}/edit/",
        post=lambda c: {
            "name": "Scrub Tech 1",
            "kind": "support",
            "role": str(c.tech_role.pk),
            "location": str(c.downtown.pk),
            "team": "",
            "reports_to": str(c.manager_seat.pk),
            "note": "Covers theatre 2",
        },
        # No "serves" posted (every chip removed): the service line is cleared.
        saved=lambda c, p: Seat.objects.filter(
            pk=c.tech_seat.pk, name="Scrub Tech 1", note="Covers theatre 2", serves=None
        ).exists(),
    ),
    "person_new": Form(
        url=lambda c: "/org/people/new/",
        post=lambda c: {
            "name": "Carol Nurse",
            "preferred_name": "Caz",
            "email": "carol@example.com",
            "employee_id": "E9",
        },
        saved=lambda c, p: Person.objects.filter(practice=p, name="Carol Nurse").exists(),
        people=True,
        creates=True,
    ),
    "person_edit": Form(
        url=lambda c: f"/org/people/{c.bob.pk}/edit/",
        post=lambda c: {
            "name": "Robert Surgeon",
            "preferred_name": "Bob",
            "email": "bob@acme.example",
            "employee_id": "E2",
        },
        saved=lambda c, p: Person.objects.get(pk=c.bob.pk).name == "Robert Surgeon",
        people=True,
    ),
    "person_assign": Form(
        url=lambda c: f"/org/people/{c.alice.pk}/assign/",
        post=lambda c: {
            "seat": str(c.manager_seat.pk),
            "start": "2024-03-01",
            "fte": "0.5",
            "level": "lead",
            "accountable": "on",
        },
        saved=lambda c, p: Assignment.objects.filter(
            person=c.alice,
            seat=c.manager_seat,
            start=dt.date(2024, 3, 1),
            fte=Decimal("0.50"),
            level="lead",
            accountable=True,
        ).exists(),
        people=True,
    ),
    "assignment_end": Form(
        url=lambda c: f"/org/assignments/{c.bob_surgeon.pk}/end/",
        post=lambda c: {"end": "2025-06-30"},
        saved=lambda c, p: Assignment.objects.get(pk=c.bob_surgeon.pk).end == dt.date(2025, 6, 30),
        people=True,
    ),
}


def expected(form: Form, persona: str) -> tuple[int, int]:
    """(GET status, valid POST status) for ``persona`` on ``form`` per the matrix."""
    if persona == "outsider":
        # The outsider owns another practice: a form without an object works there;
        # acme's objects do not exist for them, in the URL or in the post.
        if not form.creates:
            return (404, 404)
        return (200, 422) if form.refs else (200, 302)
    allowed = {"owner", "admin", "manager"} if form.people else {"owner", "admin"}
    return (200, 302) if persona in allowed else (403, 403)


PERSONAS = ["owner", "admin", "manager", "member", "outsider"]


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("name", list(FORMS))
def test_get_form_follows_the_permission_matrix(chart, personas, login, name, persona):
    form = FORMS[name]
    response = login(persona).get(form.url(chart))
    assert response.status_code == expected(form, persona)[0]
    if response.status_code == 404:
        # Nothing of acme leaks to another practice.
        assert "Bob Surgeon" not in response.content.decode()


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("name", list(FORMS))
def test_valid_post_follows_the_permission_matrix_and_audits_once(
    chart, personas, login, name, persona
):
    form = FORMS[name]
    before = state(personas.acme)
    other_before = state(personas.other)
    response = login(persona).post(form.url(chart), form.post(chart))
    status = expected(form, persona)[1]
    assert response.status_code == status
    if status != 302:
        assert state(personas.acme) == before, "a refused post changed something"
        assert state(personas.other) == other_before
        assert not form.saved(chart, personas.acme)
        return
    practice = personas.other if persona == "outsider" else personas.acme
    untouched = personas.acme if persona == "outsider" else personas.other
    assert form.saved(chart, practice)
    assert state(untouched) == (before if persona == "outsider" else other_before)
    records = AuditRecord.objects.filter(practice_id=practice.pk)
    assert records.count() == 1
    record = records.get()
    assert record.actor == personas.membership(persona).user
    # Redirected to the object's page, which shows the success message.
    page = login(persona).get(response["Location"])
    assert page.status_code == 200
    assert 'class="messages"' in page.content.decode()


def test_seat_form_redirects_to_the_new_seat_with_a_message(chart, login):
    client = login("owner")
    response = client.post(FORMS["seat_new"].url(chart), FORMS["seat_new"].post(chart))
    seat = Seat.objects.get(name="Surgical Technologist 2")
    assert response["Location"] == f"/org/seats/{seat.pk}/"
    body = client.get(response["Location"]).content.decode()
    assert "Created seat “Surgical Technologist 2”." in body
    assert "Practice Manager" in body  # its manager


def test_assignment_end_defaults_to_today_and_keeps_the_record(chart, login):
    client = login("manager")
    url = f"/org/assignments/{chart.bob_surgeon.pk}/end/"
    page = client.get(url).content.decode()
    today = dt.date.today().isoformat()
    assert f'value="{today}"' in page
    response = client.post(url, {"end": today})
    assert response.status_code == 302
    assert response["Location"] == f"/org/people/{chart.bob.pk}/"
    assignment = Assignment.objects.get(pk=chart.bob_surgeon.pk)
    assert assignment.end == dt.date.today()
    body = client.get(response["Location"]).content.decode()
    assert "left “Orthopedic Surgeon 1”" in body


def test_new_seat_from_add_report_prefills_the_manager_and_its_location(chart, login):
    body = login("owner").get(f"/org/seats/new/?reports_to={chart.manager_seat.pk}")
    text = body.content.decode()
    assert f'name="reports_to" value="{chart.manager_seat.pk}"' in text
    assert f'name="location" value="{chart.downtown.pk}"' in text
    assert "Practice Manager" in text and "Downtown" in text


def test_add_report_with_another_practices_seat_prefills_nothing(chart, login):
    text = login("owner").get(f"/org/seats/new/?reports_to={chart.other_seat.pk}")
    body = text.content.decode()
    assert text.status_code == 200
    assert 'name="reports_to" value=""' in body
    assert "Other Owner" not in body


def test_edit_form_shows_current_values(chart, login):
    body = login("owner").get(f"/org/seats/{chart.tech_seat.pk}/edit/").content.decode()
    assert 'value="Surgical Technologist 1"' in body
    assert '<option value="support" selected>' in body
    assert f'name="serves" value="{chart.surgeon_seat.pk}"' in body
    assert "Orthopedic Surgeon 1" in body
    # The seat itself is left out of its own pickers' matches.
    assert f"/org/pick/seat/?exclude={chart.tech_seat.pk}" in body
    role = login("owner").get(f"/org/roles/{chart.tech_role.pk}/edit/").content.decode()
    assert "Surgical Technologist" in role


# --- Bad input: the form comes back (422) with the problem beside its field ----------


def field_error(body: str, field: str) -> str:
    """The text of the error shown under ``field`` ('' if none)."""
    match = re.search(rf'id="err-{field}">(.*?)</p>', body, re.S)
    return match.group(1) if match else ""


def post_bad(client: Any, url: str, data: dict[str, Any], personas: Any) -> str:
    before = state(personas.acme)
    response = client.post(url, data)
    assert response.status_code == 422
    assert state(personas.acme) == before
    body = response.content.decode()
    assert "Nothing was saved" in body
    return body


def test_blank_name_is_refused_beside_the_field_keeping_what_was_typed(chart, personas, login):
    data = {**FORMS["seat_new"].post(chart), "name": "   ", "note": "keep me"}
    body = post_bad(login("owner"), "/org/seats/new/", data, personas)
    assert field_error(body, "name") == "Name: cannot be blank"
    assert 'value="keep me"' in body
    # Pickers keep their choices, labelled.
    assert f'name="reports_to" value="{chart.manager_seat.pk}"' in body
    assert f'name="serves" value="{chart.surgeon_seat.pk}"' in body
    assert '<option value="support" selected>' in body


@pytest.mark.parametrize(
    ("url", "data", "field"),
    [
        ("/org/locations/new/", {"name": "downtown"}, "name"),
        ("/org/teams/new/", {"name": "Surgical Services"}, "name"),
        ("/org/roles/new/", {"title": "Owner", "kind": "leadership"}, "title"),
        ("/org/seats/new/", {"name": "OWNER", "kind": "leadership"}, "name"),
    ],
)
def test_duplicate_name_is_refused(chart, personas, login, url, data, field):
    body = post_bad(login("owner"), url, data, personas)
    assert "already exists" in field_error(body, field)
    assert f'"{data[field]}"' in field_error(body, field).replace("&quot;", '"')


def test_duplicate_email_names_the_other_person(chart, personas, login):
    data = {**FORMS["person_new"].post(chart), "email": "BOB@acme.example"}
    body = post_bad(login("manager"), "/org/people/new/", data, personas)
    assert "already belongs to Bob Surgeon" in field_error(body, "email")


def test_reporting_cycle_is_refused_with_the_path(chart, personas, login):
    url = f"/org/seats/{chart.owner_seat.pk}/edit/"
    data = {"name": "Owner", "kind": "leadership", "reports_to": str(chart.tech_seat.pk)}
    body = post_bad(login("owner"), url, data, personas)
    error = field_error(body, "reports_to")
    assert "would close a reporting cycle" in error
    assert "Surgical Technologist 1" in error and "Practice Manager" in error


@pytest.mark.parametrize(
    ("url", "field", "many"),
    [
        ("/org/seats/new/", "reports_to", False),
        ("/org/seats/new/", "serves", True),
        ("/org/teams/new/", "manager_seat", False),
    ],
)
def test_another_practices_seat_in_the_hidden_field_is_refused_without_leaking(
    chart, personas, login, url, field, many
):
    pk = str(chart.other_seat.pk)
    data = {"name": "Sneaky", "kind": "support", field: [pk] if many else pk}
    body = post_bad(login("owner"), url, data, personas)
    assert f"no seat with id {pk} in this practice" in field_error(body, field)
    assert "Other Owner" not in body
    assert f"{pk} (not found)" in body


def test_another_practices_seat_in_an_assignment_is_refused(chart, personas, login):
    url = f"/org/people/{chart.alice.pk}/assign/"
    data = {**FORMS["person_assign"].post(chart), "seat": str(chart.other_seat.pk)}
    body = post_bad(login("owner"), url, data, personas)
    assert f"no seat with id {chart.other_seat.pk}" in field_error(body, "seat")


@pytest.mark.parametrize(
    ("fte", "says"),
    [
        ("abc", '"abc" is not a number'),
        ("0", '"0" is out of range'),
        ("2", '"2" is out of range'),
        ("0.333", "more than 2 decimal places"),
        ("", "is blank; use a value like 1.0"),
    ],
)
def test_bad_fte_is_refused_naming_the_value(chart, personas, login, fte, says):
    url = f"/org/people/{chart.alice.pk}/assign/"
    data = {**FORMS["person_assign"].post(chart), "fte": fte}
    body = post_bad(login("manager"), url, data, personas)
    error = field_error(body, "fte").replace("&quot;", '"')
    assert error.startswith("FTE: ")
    assert says in error
    assert f'value="{fte}"' in body


def test_seat_already_filled_is_refused_naming_the_holder(chart, personas, login):
    url = f"/org/people/{chart.alice.pk}/assign/"
    data = {**FORMS["person_assign"].post(chart), "seat": str(chart.surgeon_seat.pk)}
    body = post_bad(login("manager"), url, data, personas)
    assert "already has Bob Surgeon as its accountable person" in field_error(body, "seat")


def test_end_before_start_is_refused(chart, personas, login):
    Assignment.objects.filter(pk=chart.bob_surgeon.pk).update(start=dt.date(2024, 5, 1))
    url = f"/org/assignments/{chart.bob_surgeon.pk}/end/"
    body = post_bad(login("manager"), url, {"end": "2024-04-01"}, personas)
    assert '"2024-04-01" is before the start "2024-05-01"' in field_error(body, "end").replace(
        "&quot;", '"'
    )


def test_end_without_a_date_is_refused_rather_than_reopening(chart, personas, login):
    url = f"/org/assignments/{chart.bob_surgeon.pk}/end/"
    body = post_bad(login("manager"), url, {"end": ""}, personas)
    assert "is required" in field_error(body, "end")


# Junk for every field of every form: each value is refused whatever the field.
JUNK = {
    "nul": "bad\x00value",
    "long": "x" * 10_000,
    "long_digits": "9" * 10_000,
}


def junk_cases() -> list[tuple[str, str, str]]:
    from practiceos.org import forms as f

    per_form = {
        "location_new": f.LOCATION_FORM,
        "team_new": f.TEAM_FORM,
        "role_new": f.ROLE_FORM,
        "seat_new": f.SEAT_FORM,
        "person_new": f.PERSON_FORM,
        "person_assign": f.ASSIGNMENT_FORM,
        "assignment_end": f.END_FORM,
        "seat_edit": f.SEAT_FORM,
    }
    return [
        (form, field.name, junk)
        for form, fields in per_form.items()
        for field in fields
        for junk in JUNK
    ]


@pytest.mark.parametrize(("form", "field", "junk"), junk_cases())
def test_junk_in_any_field_is_refused_beside_it_and_nothing_is_written(
    chart, personas, login, form, field, junk
):
    spec = FORMS[form]
    data = spec.post(chart)
    value = JUNK[junk]
    data[field] = [value] if field == "serves" else value
    before = state(personas.acme)
    response = login("owner").post(spec.url(chart), data)
    assert response.status_code == 422, (form, field, junk)
    assert state(personas.acme) == before
    body = response.content.decode()
    assert field_error(body, field), f"no error shown beside {field}"


@pytest.mark.parametrize("field", ["name", "note"])
def test_long_text_message_says_how_long_and_the_limit(chart, personas, login, field):
    data = {**FORMS["seat_new"].post(chart), field: "y" * 10_000}
    body = post_bad(login("owner"), "/org/seats/new/", data, personas)
    assert "is 10000 characters long" in field_error(body, field)


# --- Buttons shown only to those allowed -----------------------------------------------


@pytest.mark.parametrize("persona", ["owner", "admin", "manager", "member"])
def test_edit_buttons_follow_the_permission_matrix(chart, login, persona):
    client = login(persona)
    structure = persona in {"owner", "admin"}
    people = persona in {"owner", "admin", "manager"}
    pages = {
        f"/org/seats/{chart.manager_seat.pk}/": [
            (f"/org/seats/{chart.manager_seat.pk}/edit/", structure),
            (f"/org/seats/new/?reports_to={chart.manager_seat.pk}", structure),
        ],
        "/org/chart/": [("/org/seats/new/", structure)],
        "/org/locations/": [("/org/locations/new/", structure)],
        f"/org/locations/{chart.downtown.pk}/": [
            (f"/org/locations/{chart.downtown.pk}/edit/", structure)
        ],
        "/org/people/": [("/org/people/new/", people)],
        f"/org/people/{chart.bob.pk}/": [
            (f"/org/people/{chart.bob.pk}/edit/", people),
            (f"/org/people/{chart.bob.pk}/assign/", people),
            (f"/org/assignments/{chart.bob_surgeon.pk}/end/", people),
        ],
        "/org/roles/": [("/org/roles/new/", structure)],
        f"/org/roles/{chart.tech_role.pk}/": [
            (f"/org/roles/{chart.tech_role.pk}/edit/", structure)
        ],
        "/org/teams/": [("/org/teams/new/", structure)],
        f"/org/teams/{chart.team.pk}/": [(f"/org/teams/{chart.team.pk}/edit/", structure)],
    }
    for page, links in pages.items():
        response = client.get(page)
        assert response.status_code == 200, page
        body = response.content.decode()
        for href, shown in links:
            assert (f'href="{href}"' in body) is shown, (page, href, persona)


# --- Role and team pages --------------------------------------------------------------


def test_role_and_team_pages_show_their_seats(chart, login):
    client = login("member")
    role = client.get(f"/org/roles/{chart.surgeon_role.pk}/").content.decode()
    assert "Orthopedic Surgeon 1" in role and "Bob Surgeon" in role
    team = client.get(f"/org/teams/{chart.team.pk}/").content.decode()
    assert "On-time first case" in team and "Practice Manager" in team
    assert "Surgical Services" in client.get("/org/teams/?q=surg").content.decode()
    roles = client.get("/org/roles/?q=ortho").content.decode()
    assert "Orthopedic Surgeon" in roles and "Practice Manager" not in roles


@pytest.mark.parametrize("page", ["roles/{role}/", "teams/{team}/", "roles/{role}/edit/"])
def test_outsider_gets_404_on_acme_roles_and_teams(chart, login, page):
    url = "/org/" + page.format(role=chart.tech_role.pk, team=chart.team.pk)
    response = login("outsider").get(url)
    assert response.status_code == 404
    assert "Surgical" not in response.content.decode()


# --- The picker -----------------------------------------------------------------------


def test_picker_returns_at_most_twenty_matches_of_the_practice_only(chart, personas, login, grow):
    grow(personas.acme, directors=2, managers_per_director=3, staff_per_manager=6, prefix="Z ")
    client = login("owner")
    body = client.get("/org/pick/seat/?q=z ").content.decode()
    assert body.count("data-pick=") == 20
    assert "type more to narrow" in body
    # By a current holder's name too, with the seat's location to tell seats apart.
    body = client.get("/org/pick/seat/?q=bob").content.decode()
    assert f'data-pick="{chart.surgeon_seat.pk}"' in body and "Downtown" in body
    # The outsider's search never finds acme's seats.
    other = login("outsider").get("/org/pick/seat/?q=o").content.decode()
    assert f'data-pick="{chart.other_seat.pk}"' in other
    assert "Orthopedic" not in other and "Owner</span>" not in other.replace("Other Owner", "")


def test_picker_leaves_out_the_excluded_seat_and_finds_roles_locations_teams(chart, login):
    client = login("member")
    body = client.get(f"/org/pick/seat/?q=surg&exclude={chart.tech_seat.pk}").content.decode()
    assert f'data-pick="{chart.surgeon_seat.pk}"' in body
    assert f'data-pick="{chart.tech_seat.pk}"' not in body
    assert (
        f'data-pick="{chart.tech_role.pk}"' in client.get("/org/pick/role/?q=tech").content.decode()
    )
    assert "1 Main St" in client.get("/org/pick/location/?q=down").content.decode()
    assert "managed by Practice Manager" in client.get("/org/pick/team/?q=").content.decode()
    assert "No seat matches" in client.get("/org/pick/seat/?q=zzzz").content.decode()


@pytest.mark.parametrize("q", ["\x00", "a\x00b", "x" * 10_000, "%", "_", "'; drop table"])
def test_picker_survives_odd_searches(chart, login, q):
    response = login("owner").get("/org/pick/seat/", {"q": q, "exclude": "9" * 500})
    assert response.status_code == 200


def test_picker_for_unknown_things_is_404(chart, login):
    assert login("owner").get("/org/pick/person/?q=a").status_code == 404


def test_anonymous_is_sent_to_login_from_every_form(chart, client):
    for name, form in FORMS.items():
        response = client.get(form.url(chart))
        assert response.status_code == 302, name
        assert response["Location"].startswith("/login/")
        response = client.post(form.url(chart), form.post(chart))
        assert response.status_code == 302, name
    assert client.get("/org/pick/seat/?q=a").status_code == 302
