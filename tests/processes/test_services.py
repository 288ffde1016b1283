"""Core processes through their services: versions and diff, adoption from the library,
checklist runs, reviews, the snapshot facts, permission, audit and bad input."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils import timezone

from practiceos.audit.models import AuditRecord
from practiceos.core.health import run_check
from practiceos.core.problems import InputError
from practiceos.org.snapshot import build_snapshot
from practiceos.processes import services
from practiceos.processes.access import get_process_for, get_run_for
from practiceos.processes.models import ChecklistRun, Process
from practiceos.processes.reads import version_diff

from .conftest import steps


def test_create_writes_the_first_version_and_audits(turnover: Any, chart: Any) -> None:
    version = turnover.versions.get()
    assert version.number == 1 and len(version.steps) == 3
    assert version.steps[0] == {"text": "Clear the room", "seat": str(chart.tech_seat.pk)}
    assert AuditRecord.objects.filter(object_type="processes.process").count() == 1


def test_editing_steps_makes_a_version_with_a_readable_diff(
    personas: Any, chart: Any, turnover: Any
) -> None:
    new = steps(chart)
    new[1]["text"] = "Disinfect every touched surface"
    new.append({"text": "Restock gloves", "seat": chart.tech_seat.pk})
    services.update_process(actor=personas.manager, process=turnover, data={"steps": new})
    turnover.refresh_from_db()
    assert turnover.current == 2 and turnover.versions.count() == 2
    lines = version_diff(turnover, 1, 2)
    words = [line.words for line in lines if line.change != "same"]
    assert words == [
        '"Disinfect surfaces" became "Disinfect every touched surface"',
        'added "Restock gloves" (Surgical Technologist 1)',
    ]
    # The same steps again make no new version.
    services.update_process(actor=personas.manager, process=turnover, data={"steps": new})
    assert turnover.versions.count() == 2


def test_a_step_without_an_owning_seat_is_refused_and_nothing_is_written(
    personas: Any, chart: Any, turnover: Any
) -> None:
    bad = steps(chart)
    bad[2]["seat"] = ""
    with pytest.raises(InputError) as err:
        services.update_process(
            actor=personas.manager, process=turnover, data={"steps": bad, "name": "Renamed"}
        )
    assert [p.where for p in err.value.problems] == ["steps[3].seat"]
    turnover.refresh_from_db()
    assert turnover.name == "Room turnover" and turnover.versions.count() == 1
    with pytest.raises(InputError) as err:
        services.create_process(
            actor=personas.owner,
            data={"name": "X", "owner_seat": chart.other_seat.pk, "steps": steps(chart)},
        )
    assert [p.where for p in err.value.problems] == ["owner_seat"]
    assert Process.objects.count() == 1


def test_adopting_a_template_fills_steps_from_the_chart(personas: Any, chart: Any) -> None:
    process = services.adopt_template(
        actor=personas.manager,
        template_id="dental-room-turnover",
        owner_seat=chart.manager_seat.pk,
    )
    version = process.versions.get()
    assert process.template_id == "dental-room-turnover" and process.field == "dental"
    # Template steps for a support seat go to the chart's support seat.
    assert {s["seat"] for s in version.steps} == {str(chart.tech_seat.pk)}
    with pytest.raises(InputError, match="template"):
        services.adopt_template(actor=personas.manager, template_id="nope", owner_seat=1)


def test_checklist_run_records_who_did_each_step(personas: Any, turnover: Any) -> None:
    run = services.start_run(actor=personas.member, process=turnover, subject="Room 2")
    assert run.total == 3 and run.ticks == [None, None, None]
    for n in (1, 2, 3):
        services.tick_step(actor=personas.member, run=run, step=n)
    run.refresh_from_db()
    assert run.complete and run.finished_at is not None
    assert run.ticks[0]["name"] == "member"
    services.tick_step(actor=personas.member, run=run, step=2, done=False)
    run.refresh_from_db()
    assert run.done == 2 and run.finished_at is None
    with pytest.raises(InputError, match="step"):
        services.tick_step(actor=personas.member, run=run, step=9)


def test_an_archived_process_cannot_be_run(personas: Any, turnover: Any) -> None:
    services.update_process(actor=personas.owner, process=turnover, data={"status": "archived"})
    with pytest.raises(InputError) as err:
        services.start_run(actor=personas.member, process=turnover)
    assert [p.where for p in err.value.problems] == ["process"]
    assert ChecklistRun.objects.count() == 0


def test_members_run_but_do_not_edit_and_outsiders_get_404(personas: Any, turnover: Any) -> None:
    with pytest.raises(PermissionDenied):
        services.update_process(actor=personas.member, process=turnover, data={"name": "X"})
    with pytest.raises(PermissionDenied):
        services.record_review(actor=personas.member, process=turnover, data={"followed": True})
    with pytest.raises(Http404):
        get_process_for(personas.outsider, turnover.pk)
    run = services.start_run(actor=personas.member, process=turnover)
    with pytest.raises(Http404):
        get_run_for(personas.outsider, run.pk)


def test_review_and_the_snapshot_rules(personas: Any, chart: Any, turnover: Any) -> None:
    snapshot = build_snapshot(personas.acme)
    assert snapshot.processes_recorded and len(snapshot.processes) == 1
    fact = snapshot.processes[0]
    assert fact.owner_seat_id == str(chart.manager_seat.pk)
    assert set(fact.step_seat_ids) == {str(chart.tech_seat.pk), str(chart.manager_seat.pk)}
    assert fact.created == dt.date.today()
    report = run_check(snapshot)
    # Documented today: not yet overdue its first review; a year on, it is.
    assert not report.findings_for("process-not-reviewed")
    Process.objects.update(created_at=timezone.now() - dt.timedelta(days=400))
    report = run_check(build_snapshot(personas.acme))
    assert report.findings_for("process-not-reviewed")
    assert not report.findings_for("seat-without-process")  # the one manager owns it
    services.record_review(
        actor=personas.manager,
        process=turnover,
        data={"reviewed_on": dt.date.today().isoformat(), "followed": "yes", "note": "All good"},
    )
    assert not run_check(build_snapshot(personas.acme)).findings_for("process-not-reviewed")
    with pytest.raises(InputError) as err:
        services.record_review(actor=personas.manager, process=turnover, data={"followed": "x"})
    assert [p.where for p in err.value.problems] == ["followed"]
    # The owner seat is cleared (a seat removed from the chart does the same).
    Process.objects.update(owner_seat=None)
    assert run_check(build_snapshot(personas.acme)).findings_for("process-without-owner")


def test_a_process_finding_links_to_the_process_on_the_report(
    login: Any, personas: Any, turnover: Any
) -> None:
    from practiceos.health.services import run_health_check

    Process.objects.update(created_at=timezone.now() - dt.timedelta(days=400))
    run_health_check(personas.owner, personas.acme)
    page = login("owner").get("/health/").content.decode()
    assert "process-not-reviewed" in page
    assert f'href="/processes/{turnover.pk}/"' in page


def test_command_lists_templates_adopts_and_lists(personas: Any, chart: Any) -> None:
    from io import StringIO

    from django.core.management import CommandError, call_command

    out = StringIO()
    call_command("processes", "--templates", stdout=out)
    assert "general-patient-check-in\tgeneral\tPatient intake and check-in" in out.getvalue()
    out = StringIO()
    call_command(
        "processes",
        "--practice=acme",
        "--adopt=dental-sterilisation",
        f"--owner-seat={chart.manager_seat.pk}",
        stdout=out,
    )
    assert "started Instrument sterilisation" in out.getvalue()
    out = StringIO()
    call_command("processes", "--practice=acme", stdout=out)
    assert "Instrument sterilisation\tPractice Manager\tactive\tnever reviewed" in out.getvalue()
    with pytest.raises(CommandError, match="--owner-seat"):
        call_command("processes", "--practice=acme", "--adopt=dental-sterilisation")
    with pytest.raises(CommandError, match="--adopt"):
        call_command("processes", "--practice=acme", "--adopt=nope", "--owner-seat=1")
    assert Process.objects.count() == 1
