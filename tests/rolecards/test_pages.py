"""Role-card pages: who may read a card, editing a section in place with htmx, versions
with a readable diff, the PDF and the library."""

from __future__ import annotations

import pytest

from practiceos.core.model import Level
from practiceos.org.models import Assignment, Person, Role
from practiceos.rolecards import services
from practiceos.rolecards.models import RoleVersion

HTMX = {"HTTP_HX_REQUEST": "true"}


def _url(role: Role, tail: str = "") -> str:
    return f"/role-cards/{role.pk}/{tail}"


def _link(personas, name: str, person: Person) -> None:
    person.user = personas.membership(name).user
    person.save()


# --- who reads a card -------------------------------------------------------------------


@pytest.mark.parametrize(("persona", "status"), [("owner", 200), ("admin", 200), ("outsider", 404)])
def test_owners_and_admins_read_every_card_outsiders_get_404(chart, login, persona, status):
    response = login(persona).get(_url(chart.surgeon_role))
    assert response.status_code == status


def test_a_member_reads_only_the_roles_they_hold_or_manage(chart, personas, login):
    client = login("member")
    assert client.get(_url(chart.surgeon_role)).status_code == 403  # not linked to anyone
    _link(personas, "member", chart.bob)  # Bob holds the surgeon seat
    assert client.get(_url(chart.surgeon_role)).status_code == 200
    assert client.get(_url(chart.tech_role)).status_code == 403  # not his line


def test_the_manager_chain_reads_the_cards_below_it(chart, personas, login):
    # Alice holds the owner seat: the practice manager and the scrub tech are below her.
    _link(personas, "manager", chart.alice)
    client = login("manager")
    assert client.get(_url(chart.tech_role)).status_code == 200
    assert client.get(_url(chart.manager_role)).status_code == 200


def test_a_manager_who_is_not_in_the_line_is_refused(chart, personas, login):
    carl = Person.objects.create(practice=personas.acme, name="Carl Tech")
    Assignment.objects.create(practice=personas.acme, person=carl, seat=chart.tech_seat)
    _link(personas, "manager", carl)
    client = login("manager")
    assert client.get(_url(chart.tech_role)).status_code == 200  # his own role
    assert client.get(_url(chart.owner_role)).status_code == 403  # above him, not below


# --- the card and its inline editing ----------------------------------------------------


def test_card_page_shows_every_section_and_the_decision_areas_include(chart, login):
    response = login("owner").get(_url(chart.surgeon_role))
    text = response.content.decode()
    for heading in (
        "Purpose",
        "Responsibilities",
        "Decision rights",
        "What good looks like",
        "Expectations by level",
        "Schedule and case mix",
        "Management focus and supervision",
    ):
        assert f">{heading}</h2>" in text
    assert "Start from the role library" in text  # a bare role is offered the library
    assert "No measurable expectations yet" in text


def test_edit_form_is_a_fragment_and_saving_returns_the_section(chart, login, personas):
    client = login("owner")
    form = client.get(_url(chart.surgeon_role, "section/purpose/?edit=1"), **HTMX)
    assert form.status_code == 200
    assert "<html" not in form.content.decode() and 'name="purpose"' in form.content.decode()
    saved = client.post(
        _url(chart.surgeon_role, "section/purpose/"),
        {"purpose": "Restores joint function safely, in clinic and in theatre."},
        **HTMX,
    )
    body = saved.content.decode()
    assert saved.status_code == 200 and "<html" not in body
    assert "Restores joint function safely" in body and "Saved." in body
    chart.surgeon_role.refresh_from_db()
    assert chart.surgeon_role.purpose.startswith("Restores joint function")
    assert RoleVersion.objects.filter(role=chart.surgeon_role).count() == 2


def test_expectation_rows_are_saved_per_level(chart, login):
    client = login("admin")
    response = client.post(
        _url(chart.surgeon_role, "section/expectations/"),
        {
            "measurable": ["Cases per week", ""],
            "unit": ["count", "count"],
            "direction": ["at_least", "at_least"],
            "junior": ["8", ""],
            "senior": ["12", ""],
            "lead": ["14", ""],
        },
        **HTMX,
    )
    assert response.status_code == 200
    chart.surgeon_role.refresh_from_db()
    card = chart.surgeon_role.card()
    assert {(e.level, e.target) for e in card.expectations} == {
        (Level.JUNIOR, 8),
        (Level.SENIOR, 12),
        (Level.LEAD, 14),
    }


def test_a_bad_target_comes_back_in_place_with_the_message_and_nothing_saved(chart, login):
    client = login("owner")
    post = {
        "measurable": ["Cases per week"],
        "unit": ["count"],
        "direction": ["at_least"],
        "junior": ["eight"],
        "senior": ["12"],
        "lead": ["14"],
    }
    response = client.post(_url(chart.surgeon_role, "section/expectations/"), post, **HTMX)
    body = response.content.decode()
    assert response.status_code == 200 and "Nothing was saved" in body
    assert "expectations[0].targets.junior: &#x27;eight&#x27; is not a number" in body
    assert 'value="eight"' in body  # what was typed is kept
    plain = client.post(_url(chart.surgeon_role, "section/expectations/"), post)
    assert plain.status_code == 422
    chart.surgeon_role.refresh_from_db()
    assert chart.surgeon_role.expectations == []
    assert not RoleVersion.objects.filter(role=chart.surgeon_role).exists()


def test_schedule_turnaround_lines_are_read_and_bad_ones_named(chart, login):
    client = login("owner")
    url = _url(chart.surgeon_role, "section/schedule/")
    bad = client.post(
        url, {"schedule_unit": "sessions", "clinic": "4", "turnaround": "notes"}, **HTMX
    )
    assert "line 1 &quot;notes&quot; is not &quot;what | hours&quot;" in bad.content.decode()
    good = client.post(
        url,
        {
            "schedule_unit": "sessions",
            "clinic": "4",
            "theatre": "4",
            "case_types": "Joint replacement\nArthroscopy",
            "turnaround": "Operative notes | 24",
        },
        **HTMX,
    )
    assert good.status_code == 200
    chart.surgeon_role.refresh_from_db()
    schedule = chart.surgeon_role.card().schedule
    assert schedule is not None and schedule.theatre == 4
    assert schedule.turnaround[0].item == "Operative notes"


@pytest.mark.parametrize("persona", ["manager", "member"])
def test_readers_cannot_open_the_editor_or_save(chart, personas, login, persona):
    _link(personas, persona, chart.bob)
    client = login(persona)
    assert client.get(_url(chart.surgeon_role, "section/purpose/?edit=1")).status_code == 403
    response = client.post(_url(chart.surgeon_role, "section/purpose/"), {"purpose": "x"})
    assert response.status_code == 403
    chart.surgeon_role.refresh_from_db()
    assert chart.surgeon_role.purpose == ""


def test_unknown_section_is_404(chart, login):
    assert login("owner").get(_url(chart.surgeon_role, "section/salary/")).status_code == 404


def test_adopt_from_the_card_page_and_the_holder_sees_the_next_level(chart, personas, login):
    client = login("owner")
    response = client.post(_url(chart.surgeon_role, "adopt/"), {"template": "Orthopedic Surgeon"})
    assert response.status_code == 302
    _link(personas, "member", chart.bob)
    page = login("member").get(_url(chart.surgeon_role)).content.decode()
    assert "At senior level, and the next step (lead)" in page
    assert "Cases per week at least 14 count" in page  # the lead target
    assert "without managing people" in page


# --- versions, PDF, library --------------------------------------------------------------


def test_versions_page_shows_a_readable_diff(chart, personas, login):
    role = chart.surgeon_role
    services.update_card(actor=personas.owner, role=role, changes={"purpose": "First words."})
    services.update_card(
        actor=personas.owner,
        role=role,
        changes={"purpose": "Better words.", "responsibilities": ["Operate", "Follow up"]},
    )
    page = login("owner").get(_url(role, "versions/")).content.decode()
    assert "From version 2 to version 3" in page
    assert "“First words.” → “Better words.”" in page
    assert "<strong>Responsibilities</strong> added: Follow up" in page
    older = login("owner").get(_url(role, "versions/?a=1&b=3")).content.decode()
    assert "“(empty)” → “Better words.”" in older
    assert login("owner").get(_url(role, "versions/?a=1&b=9")).status_code == 404


def test_pdf_is_a_pdf(chart, personas, login):
    services.adopt_library_card(
        actor=personas.owner, role=chart.surgeon_role, template="Orthopedic Surgeon"
    )
    response = login("owner").get(_url(chart.surgeon_role, "card.pdf"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert len(response.content) > 5000


def test_library_lists_cards_by_field_and_adopts_one_as_a_new_role(chart, personas, login):
    client = login("owner")
    page = client.get("/role-cards/library/").content.decode()
    assert "Dentistry" in page and "Veterinary practice" in page and "Adopt as a new role" in page
    found = client.get("/role-cards/library/?q=hygienist").content.decode()
    assert "Dental Hygienist" in found and "Veterinarian" not in found
    response = client.post(
        "/role-cards/library/", {"template": "Dental Assistant", "title": "Lead Dental Assistant"}
    )
    role = Role.objects.get(practice=personas.acme, title="Lead Dental Assistant")
    assert response.status_code == 302 and response["Location"] == _url(role)
    clash = client.post("/role-cards/library/", {"template": "Dental Assistant", "title": "Owner"})
    assert clash.status_code == 422 and "already exists" in clash.content.decode()


def test_members_see_the_library_but_cannot_adopt(chart, login):
    client = login("member")
    page = client.get("/role-cards/library/")
    assert page.status_code == 200 and "Adopt as a new role" not in page.content.decode()
    response = client.post("/role-cards/library/", {"template": "Dental Assistant"})
    assert response.status_code == 403
    assert not Role.objects.filter(title="Dental Assistant").exists()


def test_health_finding_on_a_role_links_to_its_card(chart, personas, login):
    from practiceos.health import services as health

    health.run_health_check(personas.owner, personas.acme)
    page = login("owner").get("/health/").content.decode()
    assert f'href="/role-cards/{chart.surgeon_role.pk}/"' in page
    card = login("owner").get(_url(chart.surgeon_role)).content.decode()
    assert "role-undefined" in card and "fill in the card of role" in card


def test_imported_bare_role_is_found_and_fixed_from_the_finding_in_two_clicks(personas, login):
    from practiceos.health import services as health
    from practiceos.org.models import Seat

    p = personas.acme
    # What a roster import leaves: the practice's title, the library card it matched.
    billing = Role.objects.create(
        practice=p, title="Billing Specialist", kind="administrative", template="Medical Biller"
    )
    Seat.objects.create(
        practice=p, name="Billing Specialist — Main", kind="administrative", role=billing
    )
    run = health.run_health_check(personas.owner, p)
    undefined = [f for f in run.findings if f["rule"] == "role-undefined"]
    assert [f["subjects"][0]["name"] for f in undefined] == ["Billing Specialist"]
    client = login("owner")
    page = client.get(_url(billing)).content.decode()
    assert "Matched to the library card “Medical Biller” on import" in page
    assert '<option value="Medical Biller" selected>' in page
    client.post(_url(billing, "adopt/"), {"template": "Medical Biller"})
    billing.refresh_from_db()
    assert billing.title == "Billing Specialist" and billing.card().is_complete()
    again = health.run_health_check(personas.owner, p)
    assert not [f for f in again.findings if f["area"] == "roles"]


def test_fill_every_imported_role_from_its_matched_card_in_one_click(chart, personas, login):
    from practiceos.health import services as health
    from practiceos.org.models import Seat

    p = personas.acme
    written = chart.owner_role
    services.update_card(
        actor=personas.owner,
        role=written,
        changes={
            "purpose": "Our own words.",
            "responsibilities": ["Lead"],
            "expectations": [
                {
                    "measurable": "Priorities done",
                    "unit": "percent",
                    "direction": "at_least",
                    "targets": {"lead": 80},
                }
            ],
        },
    )
    billing = Role.objects.create(
        practice=p, title="Billing Specialist", kind="administrative", template="Medical Biller"
    )
    Seat.objects.create(practice=p, name="Billing 1", kind="administrative", role=billing)
    client = login("owner")
    page = client.get("/role-cards/library/").content.decode()
    assert "Fill them from the library" in page
    response = client.post("/role-cards/library/", {"action": "fill-all"})
    assert response.status_code == 302
    billing.refresh_from_db()
    written.refresh_from_db()
    assert billing.template == "Medical Biller" and billing.card().is_complete()
    assert written.purpose == "Our own words."  # the practice's words win
    assert chart.surgeon_role.__class__.objects.get(pk=chart.surgeon_role.pk).card().is_complete()
    run = health.run_health_check(personas.owner, p)
    assert not [f for f in run.findings if f["area"] == "roles"], run.findings
    member = login("member")
    assert member.post("/role-cards/library/", {"action": "fill-all"}).status_code == 403


def test_career_track_section_is_edited_in_place(chart, login):
    client = login("owner")
    response = client.post(
        _url(chart.tech_role, "section/track/"),
        {"scope_junior": "Standard cases", "band_junior": "S1", "scope_lead": "Trains others"},
        **HTMX,
    )
    body = response.content.decode()
    assert response.status_code == 200 and "Standard cases" in body and "S1" in body
    chart.tech_role.refresh_from_db()
    assert [t.level.value for t in chart.tech_role.card().track] == ["junior", "lead"]
    assert chart.tech_role.track == {
        "junior": {"scope": "Standard cases", "pay_band": "S1"},
        "lead": {"scope": "Trains others"},
    }
