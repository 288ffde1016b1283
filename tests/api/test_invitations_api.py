"""The invitations API: the same answer whatever the username, nobody joins unasked."""

from __future__ import annotations

import json

from practiceos.tenancy.models import Invitation, Membership


def _post(client, token, body):
    return client.post(
        "/api/invitations",
        json.dumps(body),
        content_type="application/json",
        headers={"Authorization": f"Bearer {token}"},
    )


def test_inviting_by_api_reveals_nothing_about_the_username(personas, client, make_token):
    token = make_token("outsider")
    existing = _post(client, token, {"username": "member", "role": "admin"})
    unknown = _post(client, token, {"username": "nobody-at-all", "role": "admin"})
    assert existing.status_code == unknown.status_code == 201
    a, b = existing.json(), unknown.json()
    assert set(a) == set(b) and a["status"] == b["status"] == "pending"
    assert a["signup_link"].startswith("http://testserver/join/")
    assert not Membership.objects.filter(practice=personas.other, user__username="member")


def test_bad_usernames_and_members_are_refused_with_the_field(personas, client, make_token):
    token = make_token("owner")
    bad = _post(client, token, {"username": "two words", "role": "member"})
    assert bad.status_code == 422
    assert bad.json()["detail"][0]["field"] == "username"
    member = _post(client, token, {"username": "member", "role": "member"})
    assert member.status_code == 422 and "already belongs" in member.json()["detail"][0]["message"]
    assert not Invitation.objects.exists()


def test_list_and_withdraw(personas, client, make_token):
    token = make_token("admin")
    made = _post(client, token, {"username": "zed", "role": "manager"}).json()
    headers = {"Authorization": f"Bearer {token}"}
    listed = client.get("/api/invitations", headers=headers).json()["items"]
    assert [i["username"] for i in listed] == ["zed"] and listed[0]["signup_link"] is None
    outsider = {"Authorization": f"Bearer {make_token('outsider')}"}
    assert client.delete(f"/api/invitations/{made['id']}", headers=outsider).status_code == 404
    assert client.delete(f"/api/invitations/{made['id']}", headers=headers).status_code == 204
    assert Invitation.objects.get(pk=made["id"]).status == "revoked"
    again = client.delete(f"/api/invitations/{made['id']}", headers=headers)
    assert again.status_code == 422
