"""The API tokens page: make a token (shown once), list, revoke; tokens then work or stop."""

from __future__ import annotations

import re

from django.test import Client


def _secret(html: str) -> str:
    match = re.search(r'<code id="new-token">(pos_[^<]+)</code>', html)
    assert match, "the new token is shown"
    return match.group(1)


def test_member_makes_a_token_once_and_it_works_read_only(chart, login):
    from practiceos.audit.models import AuditRecord
    from practiceos.tenancy.models import ApiToken

    client = login("member")
    response = client.post("/account/tokens/", {"name": "report script"})
    assert response.status_code == 201
    secret = _secret(response.content.decode())
    assert "no-store" in response["Cache-Control"]
    token = ApiToken.objects.get(name="report script")
    assert secret not in (token.digest, token.prefix)
    assert AuditRecord.objects.filter(object_type="tenancy.apitoken", action="created").count() == 1
    # Shown once: the list page shows only the prefix.
    listing = client.get("/account/tokens/").content.decode()
    assert secret not in listing and f"pos_{token.prefix}" in listing

    api = Client()
    headers = {"Authorization": f"Bearer {secret}"}
    assert api.get("/api/seats", headers=headers).status_code == 200
    refused = api.post("/api/people", '{"name": "X"}', "application/json", headers=headers)
    assert refused.status_code == 403


def test_blank_name_is_refused_with_the_reason(chart, login):
    from practiceos.tenancy.models import ApiToken

    response = login("member").post("/account/tokens/", {"name": "  "})
    assert response.status_code == 422
    assert "token name" in response.content.decode()
    assert not ApiToken.objects.exists()


def test_members_see_only_their_own_tokens_admins_see_all(chart, login, make_token):
    make_token("manager")
    make_token("owner")
    member_page = login("member").get("/account/tokens/").content.decode()
    assert "manager test token" not in member_page and "owner test token" not in member_page
    admin_page = login("admin").get("/account/tokens/").content.decode()
    assert "manager test token" in admin_page and "owner test token" in admin_page
    outsider_page = login("outsider").get("/account/tokens/").content.decode()
    assert "test token" not in outsider_page


def test_revoke_own_token_and_it_stops_working(chart, login, make_token, personas):
    from practiceos.audit.models import AuditRecord
    from practiceos.tenancy.models import ApiToken

    secret = make_token("manager")
    token = ApiToken.objects.get(membership=personas.manager)
    client = login("manager")
    response = client.post(f"/account/tokens/{token.pk}/revoke/")
    assert response.status_code == 302
    assert not ApiToken.objects.filter(pk=token.pk).exists()
    record = AuditRecord.objects.get(object_type="tenancy.apitoken", action="deleted")
    assert record.actor_id == personas.manager.user_id
    headers = {"Authorization": f"Bearer {secret}"}
    assert Client().get("/api/me", headers=headers).status_code == 401


def test_member_cannot_revoke_someone_elses_token_and_outsider_gets_404(
    chart, login, make_token, personas
):
    from practiceos.tenancy.models import ApiToken

    make_token("owner")
    token = ApiToken.objects.get(membership=personas.owner)
    assert login("member").post(f"/account/tokens/{token.pk}/revoke/").status_code == 404
    assert login("outsider").post(f"/account/tokens/{token.pk}/revoke/").status_code == 404
    assert ApiToken.objects.filter(pk=token.pk).exists()
    assert login("admin").post(f"/account/tokens/{token.pk}/revoke/").status_code == 302
    assert not ApiToken.objects.filter(pk=token.pk).exists()


def test_tokens_page_needs_login(db, client):
    response = client.get("/account/tokens/")
    assert response.status_code == 302
    assert response["Location"].startswith("/login/")
