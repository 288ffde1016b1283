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


def test_bootstrap_fills_every_area_of_the_demo_as_its_owner_once(db, settings, tmp_path):
    from practiceos.audit.models import AuditRecord
    from practiceos.hiring.models import Candidate, HiringPlan, InterviewScore
    from practiceos.leadership.models import CoreValue, DecisionArea, Vision
    from practiceos.meetings.models import Meeting
    from practiceos.processes.models import ChecklistRun, Process
    from practiceos.scorecards.models import Measurable

    settings.DATA_DIR = tmp_path
    call_command("bootstrap", people="40", stdout=io.StringIO())
    practice = Practice.objects.get(slug="demo")
    assert practice.is_demo and practice.specialty == "dental"  # the seed bootstrap uses
    mine = {"practice": practice}
    assert Vision.objects.filter(**mine).exists()
    assert CoreValue.objects.filter(**mine).count() == 3
    assert DecisionArea.objects.filter(**mine).count() >= 5
    assert Measurable.objects.filter(**mine).exists() and Meeting.objects.filter(**mine).exists()
    assert sorted(Process.objects.filter(**mine).values_list("template_id", flat=True)) == [
        "dental-sterilisation",
        "general-hiring-onboarding",
        "general-patient-check-in",
    ]
    run = ChecklistRun.objects.get(**mine)
    assert run.done == 2 and run.subject == "New patient, Monday 9:00"
    plan = HiringPlan.objects.get(**mine)
    assert plan.values == ["Patients first", "Own it", "Better every week"]
    assert Candidate.objects.filter(plan=plan).count() == 2
    assert InterviewScore.objects.filter(candidate__plan=plan).count() == 2
    # Written as the owner through the services: each of those writes is audited.
    owner = Membership.objects.get(practice=practice, role="owner").user
    for kind in ("leadership.vision", "processes.process", "hiring.hiringplan"):
        assert AuditRecord.objects.filter(actor=owner, object_type=kind).exists(), kind
    # The report covers the filled areas: a second check after the showcase.
    assert HealthRun.objects.filter(practice=practice).count() == 2
    # Run again: every area has content, nothing is added twice.
    out = io.StringIO()
    call_command("showcase", practice="demo", stdout=out)
    assert "nothing added" in out.getvalue()
    assert (
        HiringPlan.objects.filter(**mine).count() == 1
        and Process.objects.filter(**mine).count() == 3
    )


def test_showcase_refuses_a_practice_without_an_owner_and_bad_weeks(db):
    Practice.objects.create(name="Ownerless", slug="ownerless")
    with pytest.raises(CommandError, match="ownerless has no owner login"):
        call_command("showcase", practice="ownerless", stdout=io.StringIO())
    with pytest.raises(CommandError, match="--weeks: must be 1 to 260, got 0"):
        call_command("showcase", practice="ownerless", weeks=0, stdout=io.StringIO())
    with pytest.raises(CommandError, match='--practice: no practice "nowhere"'):
        call_command("showcase", practice="nowhere", stdout=io.StringIO())


def test_bootstrap_still_starts_the_demo_when_its_sample_areas_fail(
    db, settings, tmp_path, monkeypatch
):
    # `make run` must start whatever happens to the sample content.
    from practiceos.web.management.commands import showcase

    def broken(practice, *, weeks):
        raise RuntimeError("sample content unavailable")

    monkeypatch.setattr(showcase, "fill", broken)
    settings.DATA_DIR = tmp_path
    out, err = io.StringIO(), io.StringIO()
    call_command("bootstrap", people="20", stdout=out, stderr=err)
    assert Practice.objects.filter(slug="demo").exists()
    assert "Log in as the demo practice's owner" in out.getvalue()
    assert "not all filled: sample content unavailable" in err.getvalue()
