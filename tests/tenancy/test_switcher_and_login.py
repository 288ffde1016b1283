"""Login, lockout after repeated failures, and switching between a user's practices."""

from __future__ import annotations

import pytest
from django.test import override_settings

from practiceos.tenancy.models import Membership
from tests.conftest import PASSWORD


def test_login_form_logs_in_and_lands_on_the_home_page(client, personas):
    response = client.post("/login/", {"username": "owner", "password": PASSWORD}, follow=True)
    assert response.redirect_chain[-1][0] == "/"
    assert 'id="start-here"' in response.content.decode()
    assert "Acme Orthopedics" in response.content.decode()


def test_wrong_password_is_refused_without_saying_which_part_was_wrong(client, personas):
    response = client.post("/login/", {"username": "owner", "password": "nope"})
    assert response.status_code == 200
    assert "didn't match" in response.content.decode()


@pytest.mark.django_db(transaction=True)
def test_repeated_failures_lock_the_login(client, personas):
    with override_settings(AXES_ENABLED=True):
        for _ in range(5):
            client.post("/login/", {"username": "owner", "password": "nope"})
        response = client.post("/login/", {"username": "owner", "password": PASSWORD})
    assert response.status_code in (403, 429)
    assert "_auth_user_id" not in client.session


def test_switcher_lists_only_the_users_practices_and_switches(chart, personas, login):
    Membership.objects.create(practice=personas.other, user=personas.owner.user, role="member")
    client = login("owner")
    page = client.get("/org/chart/").content.decode()
    assert 'id="practice-switcher"' in page and "Other Dental" in page
    response = client.post("/practice/switch/", {"practice": personas.other.pk})
    assert response.status_code == 302
    page = client.get("/org/people/").content.decode()
    assert "Olga Other" in page and "Bob Surgeon" not in page


def test_switching_to_a_practice_you_do_not_belong_to_is_404(chart, personas, login):
    client = login("member")
    response = client.post("/practice/switch/", {"practice": personas.other.pk})
    assert response.status_code == 404
    assert "Bob Surgeon" in client.get("/org/people/").content.decode()


def test_switch_ignores_offsite_next(chart, personas, login):
    Membership.objects.create(practice=personas.other, user=personas.owner.user, role="member")
    response = login("owner").post(
        "/practice/switch/", {"practice": personas.other.pk, "next": "https://evil.example/"}
    )
    assert response["Location"] == "/org/chart/"


def test_the_switcher_is_always_in_the_header_with_no_inline_script(chart, login):
    page = login("member").get("/org/chart/").content.decode()
    assert 'id="practice-switcher"' in page and "Acme Orthopedics</option>" in page
    assert "onchange" not in page and "data-autosubmit" in page


def test_navigation_marks_the_current_page_only(chart, login):
    client = login("member")
    members = client.get("/account/members/").content.decode()
    assert 'href="/account/members/" aria-current="page"' in members
    assert 'href="/account/tokens/" aria-current="page"' not in members
    tokens = client.get("/account/tokens/").content.decode()
    assert 'href="/account/tokens/" aria-current="page"' in tokens
    assert 'href="/account/members/" aria-current="page"' not in tokens
