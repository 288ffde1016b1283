"""The project boots: login page, redirects, and the command-line entry point."""

from __future__ import annotations

import pytest

from practiceos.cli import main


def test_login_page_renders(client, db):
    response = client.get("/login/")
    assert response.status_code == 200
    assert b'name="username"' in response.content


def test_anonymous_chart_redirects_to_login(client, db):
    response = client.get("/org/chart/")
    assert response.status_code == 302
    assert response["Location"].startswith("/login/")


def test_cli_runs_django_commands(capsys):
    assert main(["help", "load"]) == 0
    assert "org file" in capsys.readouterr().out


@pytest.mark.django_db
def test_home_without_practice_explains_what_to_do(client):
    from django.contrib.auth.models import User

    client.force_login(User.objects.create_user("lonely"))
    response = client.get("/")
    assert "belong to a practice yet" in response.content.decode()
