"""``practiceos check --practice SLUG``: the same exit codes and JSON, from the database."""

from __future__ import annotations

import json

import pytest

from practiceos import cli
from practiceos.health.models import HealthRun

from .test_file_command import assert_documented_shape


@pytest.mark.django_db(transaction=True)
def test_practice_with_a_high_finding_exits_1_and_stores_the_run(broken_chart, capsys):
    assert cli.main(["check", "--practice", "acme"]) == 1
    out = " ".join(capsys.readouterr().out.split())
    assert "[HIGH] support-reports-to-provider" in out and '"Scrub Tech 2" (Carla Scrub)' in out
    assert HealthRun.objects.filter(practice__slug="acme").count() == 1


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize(("fail_on", "expected"), [("never", 0), ("high", 1), ("info", 1)])
def test_fail_on_for_a_practice(broken_chart, capsys, fail_on, expected):
    assert cli.main(["check", "--practice", "acme", "--fail-on", fail_on, "--no-save"]) == expected
    assert not HealthRun.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_sound_practice_exits_0(chart, capsys):
    # The standard chart's only findings are its vacant manager seat (medium).
    assert cli.main(["check", "--practice", "acme", "--no-save"]) == 0
    assert cli.main(["check", "--practice", "acme", "--no-save", "--fail-on", "medium"]) == 1


@pytest.mark.django_db(transaction=True)
def test_json_for_a_practice_has_the_documented_shape(broken_chart, capsys):
    assert cli.main(["check", "--practice", "acme", "--format", "json"]) == 1
    data = json.loads(capsys.readouterr().out)
    assert_documented_shape(data)
    assert data["practice"]["slug"] == "acme"
    assert data["run"]["id"] == HealthRun.objects.get().pk


@pytest.mark.django_db(transaction=True)
def test_unknown_practice_exits_2(personas, capsys):
    assert cli.main(["check", "--practice", "nope"]) == 2
    assert "nope" in capsys.readouterr().err


@pytest.mark.django_db(transaction=True)
def test_bad_fail_on_for_a_practice_exits_2_naming_option_and_value(personas, capsys):
    assert cli.main(["check", "--practice", "acme", "--fail-on", "urgent"]) == 2
    err = capsys.readouterr().err
    assert "--fail-on" in err and "'urgent'" in err
