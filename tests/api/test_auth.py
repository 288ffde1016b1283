"""Who may call the API: bearer tokens, the web session with CSRF, and clear 401s."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from django.test import Client
from django.utils import timezone


def test_no_credentials_is_401_with_json_message(chart, client):
    response = client.get("/api/seats")
    assert response.status_code == 401
    assert response["Content-Type"].startswith("application/json")
    assert "Authorization: Bearer" in response.json()["detail"]
    assert response["WWW-Authenticate"].startswith("Bearer")


@pytest.mark.parametrize(
    "header",
    ["Bearer pos_not-a-real-token", "Bearer " + "x" * 5000, "Bearer ", "Token pos_abc", "garbage"],
)
def test_bad_token_is_401_and_names_no_secret(header, chart, client):
    response = client.get("/api/seats", headers={"Authorization": header})
    assert response.status_code == 401
    assert set(response.json()) == {"detail"}


def test_unauthenticated_write_is_401_not_csrf_403(chart, client):
    response = client.post("/api/locations", "{}", content_type="application/json")
    assert response.status_code == 401


def test_token_acts_as_its_membership(chart, api_as, personas):
    body = api_as("manager").get("me").json()
    assert body["username"] == "manager"
    assert body["role"] == "manager"
    assert body["practice"]["slug"] == "acme"
    assert body["allowed"] == [
        "ask",
        "edit_numbers",
        "edit_people",
        "edit_scorecard",
        "review_people",
        "run_check",
        "view",
    ]
    assert body["token"] == "manager test token"


def test_revoked_token_stops_working(chart, api_as, personas):
    from practiceos.tenancy.models import ApiToken

    caller = api_as("owner")
    assert caller.get("seats").status_code == 200
    ApiToken.objects.filter(membership=personas.owner).delete()
    assert caller.get("seats").status_code == 401


def test_token_of_deactivated_user_is_refused(chart, api_as, personas):
    caller = api_as("owner")
    personas.owner.user.is_active = False
    personas.owner.user.save()
    assert caller.get("seats").status_code == 401


def test_role_change_applies_to_existing_tokens(chart, api_as, personas):
    caller = api_as("manager")
    assert caller.post("people", {"name": "Dana"}).status_code == 201
    personas.manager.role = "member"
    personas.manager.save()
    assert caller.post("people", {"name": "Eve"}).status_code == 403


def test_last_used_at_is_written_at_most_once_a_minute(
    chart, api_as, personas, django_assert_num_queries
):
    from practiceos.tenancy.models import ApiToken

    caller = api_as("member")
    token = ApiToken.objects.get(membership=personas.member)
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=None)
    with django_assert_num_queries(2):  # lookup + the UPDATE
        assert caller.get("me").status_code == 200
    token.refresh_from_db()
    first = token.last_used_at
    assert first is not None and timezone.now() - first < dt.timedelta(seconds=5)
    with django_assert_num_queries(1):  # within the minute: lookup only
        caller.get("me")
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=first - dt.timedelta(minutes=2))
    caller.get("me")
    token.refresh_from_db()
    assert token.last_used_at > first - dt.timedelta(seconds=1)


def test_session_login_can_read(chart, login):
    client = login("member")
    response = client.get("/api/seats")
    assert response.status_code == 200
    assert response.json()["count"] == 4


def test_session_write_needs_csrf_token(chart, personas):
    client = Client(enforce_csrf_checks=True)
    client.force_login(personas.owner.user)
    body = json.dumps({"name": "Uptown"})
    refused = client.post("/api/locations", body, content_type="application/json")
    assert refused.status_code == 403
    assert "CSRF" in refused.json()["detail"]
    client.get("/api/docs")  # any page that sets the CSRF cookie
    csrf = client.cookies["csrftoken"].value
    created = client.post(
        "/api/locations", body, content_type="application/json", headers={"X-CSRFToken": csrf}
    )
    assert created.status_code == 201
    assert created.json()["name"] == "Uptown"


def test_session_acts_in_the_practice_chosen_in_the_switcher(chart, personas, login):
    from practiceos.tenancy.models import Membership

    Membership.objects.create(practice=personas.other, user=personas.member.user, role="member")
    client = login("member")
    assert client.get("/api/me").json()["practice"]["slug"] == "acme"
    client.post("/practice/switch/", {"practice": personas.other.pk})
    assert client.get("/api/me").json()["practice"]["slug"] == "other"
    ids = {s["id"] for s in client.get("/api/seats").json()["items"]}
    assert ids == {chart.other_seat.pk}


def test_login_without_practice_is_403(db, client):
    from django.contrib.auth.models import User

    client.force_login(User.objects.create_user("lonely"))
    response = client.get("/api/seats")
    assert response.status_code == 403
    assert "practice" in response.json()["detail"]


def test_bearer_token_wins_over_session(chart, personas, login, make_token):
    # A script holding the member's token inside the owner's browser session acts as member.
    client = login("owner")
    secret = make_token("member")
    response = client.get("/api/me", headers={"Authorization": f"Bearer {secret}"})
    assert response.json()["role"] == "member"
    bad = client.get("/api/me", headers={"Authorization": "Bearer pos_wrong"})
    assert bad.status_code == 401
