"""Joining a practice takes consent: invitations, the sign-up link, landing after login.

The attack this closes: an admin of "AAA Attacker Clinic" adds an existing username of
another practice; the answer told them the username existed, the victim's next login
landed in the attacker's practice, and a token made there acted in it. Each step fails
here.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.utils import timezone

from practiceos.audit.models import AuditRecord
from practiceos.tenancy.models import Invitation, Membership, Practice
from tests.conftest import PASSWORD


def _link(html: str) -> str:
    match = re.search(r'<code id="invite-link">http://testserver(/join/[^<]+/)</code>', html)
    assert match, "the sign-up link is shown once"
    return match.group(1)


def _invited_block(html: str) -> str:
    match = re.search(
        r'<section class="card" role="status" id="invited">(.*?)</section>', html, re.S
    )
    assert match
    return re.sub(r'<code id="invite-link">[^<]+</code>', "LINK", match.group(1))


def _state() -> tuple[Any, ...]:
    return (
        sorted(Membership.objects.values_list("pk", "practice_id", "user_id", "role")),
        sorted(User.objects.values_list("pk", "username")),
        sorted(Invitation.objects.values_list("pk", "status")),
        AuditRecord.objects.count(),
    )


@pytest.fixture
def attacker(personas: Any) -> Any:
    """An owner of "AAA Attacker Clinic", which sorts before every other practice."""
    practice = Practice.objects.create(name="AAA Attacker Clinic", slug="aaa")
    user = User.objects.create_user("mallory", password=PASSWORD)
    return Membership.objects.create(practice=practice, user=user, role="owner")


def test_inviting_an_existing_login_makes_no_member_and_reads_like_a_new_username(
    personas, attacker, client
):
    client.force_login(attacker.user)
    existing = client.post("/account/members/", {"username": "outsider", "role": "admin"})
    unknown = client.post("/account/members/", {"username": "nobody-here", "role": "admin"})
    assert existing.status_code == unknown.status_code == 201
    assert _invited_block(existing.content.decode()).replace("outsider", "X") == _invited_block(
        unknown.content.decode()
    ).replace("nobody-here", "X")
    assert not Membership.objects.filter(practice=attacker.practice, user__username="outsider")
    assert not User.objects.filter(username="nobody-here").exists()


def test_the_victim_lands_where_they_were_and_a_new_token_acts_there(personas, attacker):
    attacker_client = Client()
    attacker_client.force_login(attacker.user)
    attacker_client.post("/account/members/", {"username": "member", "role": "admin"})
    victim = Client()
    response = victim.post("/login/", {"username": "member", "password": PASSWORD}, follow=True)
    assert "Acme Orthopedics" in response.content.decode()
    assert victim.session["practice_id"] == personas.acme.pk
    victim.post("/account/tokens/", {"name": "script"})
    token = personas.member.tokens.get()
    assert token.practice_id == personas.acme.pk


def test_accepting_makes_the_membership_and_switches_to_it(personas, attacker, login):
    invitation = _invite(attacker, "member", "manager")
    client = login("member")
    page = client.get("/account/invitations/").content.decode()
    assert "AAA Attacker Clinic" in page and f"my-invitation-{invitation.pk}" in page
    response = client.post(f"/account/invitations/{invitation.pk}/accept/")
    assert response.status_code == 302
    joined = Membership.objects.get(practice=attacker.practice, user=personas.member.user)
    assert joined.role == "manager"
    assert client.session["practice_id"] == attacker.practice.pk
    types = set(AuditRecord.objects.values_list("object_type", "actor__username"))
    assert ("tenancy.membership", "member") in types


def test_declining_changes_nothing_but_the_invitation(personas, attacker, login):
    invitation = _invite(attacker, "member", "admin")
    response = login("member").post(f"/account/invitations/{invitation.pk}/decline/")
    assert response.status_code == 302
    assert Invitation.objects.get(pk=invitation.pk).status == "declined"
    assert not Membership.objects.filter(practice=attacker.practice, user=personas.member.user)


@pytest.mark.parametrize("case", ["someone-else", "reused", "expired", "withdrawn", "missing"])
def test_an_invitation_that_is_not_yours_to_answer_is_refused_alike(
    personas, attacker, login, case
):
    invitation = _invite(attacker, "member", "admin")
    persona = "manager" if case == "someone-else" else "member"
    if case == "reused":
        login("member").post(f"/account/invitations/{invitation.pk}/decline/")
    elif case == "expired":
        Invitation.objects.filter(pk=invitation.pk).update(
            expires_at=timezone.now() - dt.timedelta(seconds=1)
        )
    elif case == "withdrawn":
        Invitation.objects.filter(pk=invitation.pk).update(status="revoked")
    pk = invitation.pk + 1000 if case == "missing" else invitation.pk
    before = _state()
    response = login(persona).post(f"/account/invitations/{pk}/accept/")
    assert response.status_code == 422
    assert "is not waiting for you" in response.content.decode()
    assert _state() == before


def test_inviting_someone_already_in_the_practice_or_already_invited_is_refused(personas, login):
    client = login("owner")
    response = client.post("/account/members/", {"username": "member", "role": "admin"})
    assert response.status_code == 422 and "already belongs" in response.content.decode()
    assert (
        client.post("/account/members/", {"username": "zed", "role": "member"}).status_code == 201
    )
    before = _state()
    response = client.post("/account/members/", {"username": "zed", "role": "admin"})
    assert response.status_code == 422 and "waiting invitation" in response.content.decode()
    assert _state() == before


def test_sign_up_link_creates_the_login_once(personas, login):
    html = login("admin").post("/account/members/", {"username": "nora", "role": "manager"})
    link = _link(html.content.decode())
    newcomer = Client()
    assert "Join Acme Orthopedics" in newcomer.get(link).content.decode()
    short = newcomer.post(link, {"password": "short", "password2": "short"})
    assert short.status_code == 422 and "too short" in short.content.decode()
    assert not User.objects.filter(username="nora").exists()
    good = "a long enough passphrase 7"
    response = newcomer.post(link, {"password": good, "password2": good})
    assert response.status_code == 302
    assert Membership.objects.get(user__username="nora").role == "manager"
    assert Client().login(username="nora", password=good)
    again = Client().post(link, {"password": good, "password2": good})
    assert again.status_code == 404, "the link works once"


def test_sign_up_link_refuses_a_username_that_has_a_login(personas, attacker):
    secret = _invite(attacker, "member", "admin", secret=True)
    before = _state()
    response = Client().post(f"/join/{secret}/", {"password": "x" * 20, "password2": "x" * 20})
    assert response.status_code == 422 and "log in with it" in response.content.decode()
    assert _state() == before
    assert Client().login(username="member", password=PASSWORD)


def test_withdrawing_is_for_owners_and_admins_of_that_practice(personas, login, attacker):
    invitation = _invite_as(personas.owner, "zed", "member")
    assert (
        login("member").post(f"/account/members/invitations/{invitation.pk}/revoke/").status_code
        == 403
    )
    assert (
        login("outsider").post(f"/account/members/invitations/{invitation.pk}/revoke/").status_code
        == 404
    )
    assert (
        login("admin").post(f"/account/members/invitations/{invitation.pk}/revoke/").status_code
        == 302
    )
    assert Invitation.objects.get(pk=invitation.pk).status == "revoked"


def test_login_lands_in_the_practice_used_last(personas, login):
    Membership.objects.create(practice=personas.other, user=personas.member.user, role="member")
    client = login("member")
    assert client.session["practice_id"] == personas.acme.pk, "joined first, never used"
    client.post("/practice/switch/", {"practice": personas.other.pk})
    fresh = Client()
    fresh.post("/login/", {"username": "member", "password": PASSWORD})
    assert fresh.session["practice_id"] == personas.other.pk


def test_grant_refuses_usernames_the_web_refuses(personas):
    from django.core.management import CommandError, call_command

    with pytest.raises(CommandError, match="not a usable username"):
        call_command("grant", "two words", "--practice", "acme")
    assert not User.objects.filter(username="two words").exists()


def _invite(actor: Membership, username: str, role: str, *, secret: bool = False) -> Any:
    from practiceos.tenancy.services import invite_member

    invitation, raw = invite_member(actor=actor, username=username, role=role)
    return raw if secret else invitation


def _invite_as(actor: Membership, username: str, role: str) -> Invitation:
    return _invite(actor, username, role)
