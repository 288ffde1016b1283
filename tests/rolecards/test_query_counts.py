"""Pinned query counts of the card pages at two sizes (3 and 120 holders of the role)."""

from __future__ import annotations

import pytest

from practiceos.org.models import Assignment, Person, Role, Seat
from practiceos.rolecards import services


def _role_with_holders(personas, count: int) -> Role:
    p = personas.acme
    role = Role.objects.create(practice=p, title="Dental Assistant", kind="support")
    boss = Seat.objects.create(practice=p, name="Clinical Manager", kind="management")
    seats = Seat.objects.bulk_create(
        Seat(practice=p, name=f"DA {n}", kind="support", role=role, reports_to=boss)
        for n in range(count)
    )
    people = Person.objects.bulk_create(
        Person(practice=p, name=f"Person {n}") for n in range(count)
    )
    Assignment.objects.bulk_create(
        Assignment(practice=p, person=person, seat=seat)
        for person, seat in zip(people, seats, strict=True)
    )
    services.adopt_library_card(actor=personas.owner, role=role, template="Dental Assistant")
    services.update_card(actor=personas.owner, role=role, changes={"purpose": "Chairside help."})
    linked = people[0]
    linked.user = personas.member.user
    linked.save()
    return role


# page -> (url tail, persona, queries)
PAGES = {
    # session, user, membership; role; holders; own seats; latest health run; versions
    # count; the decision areas its seats decide and their location overrides (leadership);
    # the processes this role runs (the role's seats, current process versions)
    "card_owner": ("", "owner", 12),
    # + the reader check: own seats, the role's seats (a holder needs no walk up the line)
    "card_holder": ("", "member", 14),
    # the section's own URL without htmx: the whole card, as for the owner
    "section": ("section/expectations/", "owner", 12),
    # session, user, membership; role; the versions; two versions compared
    "versions": ("versions/", "owner", 7),
}


@pytest.mark.parametrize("holders", [3, 120], ids=["3-holders", "120-holders"])
@pytest.mark.parametrize("page", list(PAGES))
def test_card_pages_run_a_fixed_number_of_queries(
    personas, login, django_assert_num_queries, page, holders
):
    role = _role_with_holders(personas, holders)
    tail, persona, expected = PAGES[page]
    client = login(persona)
    with django_assert_num_queries(expected):
        response = client.get(f"/role-cards/{role.pk}/{tail}")
    assert response.status_code == 200


@pytest.mark.parametrize("holders", [3, 120], ids=["3-holders", "120-holders"])
def test_library_page_runs_four_queries(personas, login, django_assert_num_queries, holders):
    _role_with_holders(personas, holders)
    client = login("owner")
    # session, user, membership; the count of roles not adopted yet
    with django_assert_num_queries(4):
        assert client.get("/role-cards/library/").status_code == 200


def test_the_card_lists_the_decision_areas_its_seats_decide(chart, personas, login):
    from practiceos.leadership.models import DecisionArea

    DecisionArea.objects.create(
        practice=personas.acme, name="Supplier choices", decider=chart.manager_seat
    )
    page = login("owner").get(f"/role-cards/{chart.manager_role.pk}/").content.decode()
    assert "Decisions this role makes" in page and "Supplier choices" in page
    other = login("owner").get(f"/role-cards/{chart.surgeon_role.pk}/").content.decode()
    assert "Supplier choices" not in other
