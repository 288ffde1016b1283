"""Help pages rendered from docs/, /favicon.ico, and forgot-password by email."""

from __future__ import annotations

import re

from django.core import mail
from django.test import Client

from tests.conftest import PASSWORD


def test_help_lists_and_renders_the_docs_with_links_between_them(personas, login):
    client = login("member")
    index = client.get("/help/").content.decode()
    assert 'href="/help/api/"' in index and 'href="/help/health-check/"' in index
    page = client.get("/help/security/").content.decode()
    assert "<h1>Security: who gets in" in page
    assert client.get("/help/no-such-page/").status_code == 404
    assert client.get("/help/..%2Fsettings/").status_code == 404


def test_help_never_passes_raw_html_through(personas, login, settings, tmp_path):
    (tmp_path / "evil.md").write_text("# Evil\n\n<script>alert(1)</script>\n\n[next](other.md)\n")
    settings.DOCS_DIR = tmp_path
    page = login("member").get("/help/evil/").content.decode()
    assert "<script>alert(1)</script>" not in page and "&lt;script&gt;" in page
    assert 'href="/help/other/"' in page


def test_tokens_page_links_to_the_api_guide_in_the_product(personas, login):
    assert 'href="/help/api/"' in login("member").get("/account/tokens/").content.decode()


def test_favicon_ico_is_served(client, db):
    response = client.get("/favicon.ico")
    assert response.status_code == 200 and response["Content-Type"] == "image/svg+xml"
    assert b"<svg" in response.content


def test_forgot_password_mails_a_link_that_sets_a_new_one(personas, client, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    user = personas.member.user
    user.email = "member@acme.example"
    user.save()
    assert 'href="/password-reset/"' in client.get("/login/").content.decode()
    response = client.post("/password-reset/", {"email": "member@acme.example"})
    assert response.status_code == 302
    (message,) = mail.outbox
    link = re.search(r"http://testserver(/password-reset/\S+/\S+/)", message.body).group(1)
    form = client.get(link, follow=True)
    assert "Choose a new password" in form.content.decode()
    new = "a brand new passphrase 42"
    done = client.post(form.redirect_chain[-1][0], {"new_password1": new, "new_password2": new})
    assert done.status_code == 302
    assert Client().login(username="member", password=new)
    assert not Client().login(username="member", password=PASSWORD)


def test_forgot_password_answers_the_same_for_an_unknown_address(personas, client, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    response = client.post("/password-reset/", {"email": "nobody@nowhere.example"})
    assert response.status_code == 302 and response["Location"] == "/password-reset/sent/"
    assert mail.outbox == []


def test_sign_up_link_keeps_an_email_for_password_resets(personas):
    from django.contrib.auth.models import User

    from practiceos.tenancy.services import invite_member

    _, secret = invite_member(actor=personas.owner, username="nina", role="member")
    good = "a long enough passphrase 7"
    bad = Client().post(f"/join/{secret}/", {"password": good, "password2": good, "email": "nope"})
    assert bad.status_code == 422 and "is not an email address" in bad.content.decode()
    ok = Client().post(
        f"/join/{secret}/", {"password": good, "password2": good, "email": "n@x.example"}
    )
    assert ok.status_code == 302
    assert User.objects.get(username="nina").email == "n@x.example"
