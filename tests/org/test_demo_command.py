"""`practiceos demo` and `practiceos bootstrap`: a demo practice with a login and a first check."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from practiceos.health.models import HealthRun, SeatFlag
from practiceos.org.models import Person
from practiceos.tenancy.models import Membership, Practice


def test_demo_builds_the_practice_a_login_and_a_first_health_check(db):
    out = io.StringIO()
    call_command("demo", people="40", seed=3, slug="demo-test", no_progress=True, stdout=out)
    practice = Practice.objects.get(slug="demo-test")
    assert Person.objects.filter(practice=practice).count() == 40
    assert Membership.objects.get(practice=practice).role == "owner"
    run = HealthRun.objects.get(practice=practice)
    assert run.findings and SeatFlag.objects.filter(run=run).exists()
    text = out.getvalue()
    assert "owner login: owner@demo-test / " in text and "health check: score" in text


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ({"people": "4"}, "--people: 4 is out of range; use 5 to 100,000"),
        ({"people": "lots"}, "--people: 'lots' is not a whole number"),
        ({"people": "10", "locations": 0}, "--locations: 0 is out of range"),
        ({"people": "10", "specialty": "astrology"}, "--specialty:"),
    ],
)
def test_demo_refuses_bad_options_naming_them(db, args, message):
    with pytest.raises(CommandError, match=message.replace("(", r"\(").replace(")", r"\)")):
        call_command("demo", no_progress=True, **args)
    assert not Practice.objects.exists()


def test_bootstrap_creates_the_demo_once_and_prints_the_login_each_time(db, settings, tmp_path):
    settings.DATA_DIR = tmp_path
    first, second = io.StringIO(), io.StringIO()
    call_command("bootstrap", people="20", stdout=first)
    call_command("bootstrap", people="20", stdout=second)
    assert Practice.objects.count() == 1
    username, password = (tmp_path / "demo-login.txt").read_text().split()
    for out in (first, second):
        assert f"username {username}   password {password}" in out.getvalue()
    from django.contrib.auth import authenticate

    assert authenticate(username=username, password=password) is not None
