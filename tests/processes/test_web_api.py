"""Core-process pages and API: the flow a practice manager follows, htmx ticking, bad
input refused with the field named, outsiders 404, and pinned query counts at two sizes."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from practiceos.processes.models import ChecklistRun, Process, ProcessVersion

from .conftest import steps


def test_manager_adopts_a_template_edits_it_runs_it_and_sees_the_diff(
    login: Any, chart: Any
) -> None:
    client = login("manager")
    page = client.get(reverse("processes:index"))
    assert page.status_code == 200 and "No processes documented yet" in page.content.decode()
    response = client.post(
        reverse("processes:adopt"),
        {"template": "general-patient-check-in", "owner_seat": chart.manager_seat.pk},
    )
    process = Process.objects.get()
    assert response.status_code == 302 and process.name == "Patient intake and check-in"
    version = process.versions.get()
    rows = {"rows": len(version.steps) + 1, "name": process.name}
    rows["owner_seat"] = chart.manager_seat.pk
    for n, step in enumerate(version.steps, start=1):
        rows[f"step_text_{n}"] = step["text"]
        rows[f"step_seat_{n}"] = step["seat"]
    n = len(version.steps) + 1
    rows[f"step_text_{n}"] = "Offer a seat and say how long the wait is"
    rows[f"step_seat_{n}"] = chart.tech_seat.pk
    assert client.post(reverse("processes:edit", args=[process.pk]), rows).status_code == 302
    detail = client.get(reverse("processes:process", args=[process.pk])).content.decode()
    assert "From version 1 to 2: 1 added" in detail
    assert "added &quot;Offer a seat and say how long the wait is&quot;" in detail
    # Run it as a checklist and tick a step through htmx.
    response = client.post(reverse("processes:run-start", args=[process.pk]), {"subject": "Mrs K"})
    run = ChecklistRun.objects.get()
    assert response["Location"] == reverse("processes:run", args=[run.pk])
    fragment = client.post(
        reverse("processes:tick", args=[run.pk]), {"step": 1}, headers={"HX-Request": "true"}
    )
    body = fragment.content.decode()
    assert fragment.status_code == 200 and body.startswith('<div id="checklist">')
    assert "1 of 6 steps done" in body and "done by manager" in body
    # The nav links the page.
    assert reverse("processes:index") in client.get(reverse("home")).content.decode()


def test_a_step_without_a_seat_is_refused_naming_the_step(
    login: Any, chart: Any, turnover: Any
) -> None:
    client = login("manager")
    response = client.post(
        reverse("processes:edit", args=[turnover.pk]),
        {
            "rows": 1,
            "name": "Room turnover",
            "owner_seat": chart.manager_seat.pk,
            "step_text_1": "Only step",
            "step_seat_1": "",
        },
    )
    assert response.status_code == 422
    assert "steps[1].seat: every step needs an owning seat" in response.content.decode()
    assert ProcessVersion.objects.count() == 1


def test_outsiders_get_404_and_members_may_not_edit(
    login: Any, turnover: Any, personas: Any
) -> None:
    assert (
        login("outsider").get(reverse("processes:process", args=[turnover.pk])).status_code == 404
    )
    member = login("member")
    assert member.get(reverse("processes:process", args=[turnover.pk])).status_code == 200
    assert member.get(reverse("processes:edit", args=[turnover.pk])).status_code == 403


def test_api_create_read_update_run_and_bad_input(api_as: Any, chart: Any, personas: Any) -> None:
    api = api_as("manager")
    body = {"name": "Turnover", "owner_seat": chart.manager_seat.pk, "steps": steps(chart)}
    created = api.post("processes", body)
    assert created.status_code == 201, created.content
    pid = created.json()["id"]
    assert created.json()["steps"][0]["text"] == "Clear the room"
    new = [*steps(chart), {"text": "Restock", "seat": chart.tech_seat.pk}]
    assert api.patch(f"processes/{pid}", {"steps": new}).json()["current"] == 2
    diff = api.get(f"processes/{pid}/diff", {"a": 1, "b": 2}).json()
    assert [d["change"] for d in diff if d["change"] != "same"] == ["added"]
    bad = api.patch(f"processes/{pid}", {"steps": [{"text": "x", "seat": None}]})
    assert bad.status_code == 422 and "steps[1].seat" in bad.content.decode()
    run = api.post(f"processes/{pid}/runs", {"subject": "Room 3"})
    assert run.status_code == 201 and run.json()["total"] == 4
    ticked = api.post(f"checklist-runs/{run.json()['id']}/ticks", {"step": 2})
    assert ticked.json()["done"] == 1 and ticked.json()["ticks"][1]["name"] == "manager"
    for step in (1, 3, 4):
        api.post(f"checklist-runs/{run.json()['id']}/ticks", {"step": step})
    api.post(f"processes/{pid}/runs", {"subject": "Room 4"})
    month = api.get(f"processes/{pid}").json()["completion"][-1]
    assert (month["runs"], month["completed"], month["percent"]) == (2, 1, 50)
    assert api.patch(f"processes/{pid}", {"status": "archived"}).status_code == 200
    refused = api.post(f"processes/{pid}/runs", {})
    assert refused.status_code == 422 and "process" in refused.content.decode()
    assert ChecklistRun.objects.count() == 2
    assert api_as("outsider").get(f"processes/{pid}").status_code == 404
    assert api_as("member").patch(f"processes/{pid}", {"purpose": "x"}).status_code == 403


# --- pinned query counts -----------------------------------------------------------------


def grow(personas: Any, chart: Any, count: int) -> tuple[Process, ChecklistRun]:
    """``count`` processes of 5 steps, each with 2 versions and ``count`` runs of the first."""
    import datetime as dt

    from django.utils import timezone

    p = personas.acme
    step_list = [{"text": f"Step {n}", "seat": str(chart.tech_seat.pk)} for n in range(5)]
    processes = Process.objects.bulk_create(
        Process(practice=p, name=f"Process {n:03}", owner_seat=chart.manager_seat, current=2)
        for n in range(count)
    )
    from practiceos.scorecards.models import Measurable

    measurables = Measurable.objects.bulk_create(
        Measurable(practice=p, name=f"Rooms ready {n}", key=f"rr{n}", seat=chart.manager_seat)
        for n in range(count)
    )
    ids = [m.pk for m in measurables]
    ProcessVersion.objects.bulk_create(
        ProcessVersion(
            practice=p, process=proc, number=v, steps=step_list[: 3 + v], measurables=ids
        )
        for proc in processes
        for v in (1, 2)
    )
    first = processes[0]
    version = ProcessVersion.objects.get(process=first, number=2)
    now = timezone.now()
    ChecklistRun.objects.bulk_create(
        ChecklistRun(
            practice=p,
            process=first,
            version=version,
            ticks=[None] * 5,
            total=5,
            done=n % 6,
            started_by=personas.owner.user,
        )
        for n in range(count)
    )
    ChecklistRun.objects.filter(process=first).update(started_at=now - dt.timedelta(days=40))
    return first, ChecklistRun.objects.filter(process=first).first()  # type: ignore[return-value]


PAGES = {"index": 6, "process": 9, "edit": 7, "run": 5}
API = {"processes": 5, "runs": 6}


@pytest.mark.parametrize("size", [2, 30])
def test_page_and_api_queries_are_fixed(
    size: int, login: Any, api_as: Any, chart: Any, personas: Any, django_assert_num_queries: Any
) -> None:
    first, run = grow(personas, chart, size)
    client = login("owner")
    urls = {
        "index": reverse("processes:index"),
        "process": reverse("processes:process", args=[first.pk]),
        "edit": reverse("processes:edit", args=[first.pk]),
        "run": reverse("processes:run", args=[run.pk]),
    }
    for name, url in urls.items():
        with django_assert_num_queries(PAGES[name]):
            assert client.get(url).status_code == 200
    api = api_as("owner")
    with django_assert_num_queries(API["processes"]):
        assert api.get("processes", {"limit": 200}).json()["count"] == size
    with django_assert_num_queries(API["runs"]):
        assert api.get(f"processes/{first.pk}/runs", {"limit": 200}).json()["count"] == size


def test_role_card_lists_the_processes_and_steps_its_seats_own(
    login: Any, chart: Any, turnover: Any
) -> None:
    tech = login("owner").get(f"/role-cards/{chart.tech_role.pk}/").content.decode()
    assert "Processes this role runs" in tech and "Room turnover" in tech
    assert "Clear the room" in tech and "owns the process" not in tech
    manager = login("owner").get(f"/role-cards/{chart.manager_role.pk}/").content.decode()
    assert "owns the process" in manager and "Check the room is ready" in manager
    surgeon = login("owner").get(f"/role-cards/{chart.surgeon_role.pk}/").content.decode()
    assert "No core process names this role" in surgeon


def test_measurables_are_linked_by_id_and_named_on_the_page(
    login: Any, api_as: Any, chart: Any, turnover: Any, personas: Any
) -> None:
    from practiceos.scorecards.models import Measurable

    ready = Measurable.objects.create(practice=personas.acme, name="Rooms ready on time", key="rr")
    secret = Measurable.objects.create(
        practice=personas.acme, name="Secret number", key="sn", visibility="private"
    )
    elsewhere = Measurable.objects.create(practice=personas.other, name="Theirs", key="th")
    api = api_as("manager")
    bad = api.patch(f"processes/{turnover.pk}", {"measurables": [ready.pk, elsewhere.pk]})
    assert bad.status_code == 422 and "measurables" in bad.content.decode()
    assert turnover.versions.count() == 1  # nothing half-written
    ok = api.patch(f"processes/{turnover.pk}", {"measurables": [ready.pk, secret.pk]})
    assert ok.status_code == 200 and ok.json()["measurables"] == sorted([ready.pk, secret.pk])
    page = login("member").get(reverse("processes:process", args=[turnover.pk])).content.decode()
    assert "Rooms ready on time" in page and "a private measurable" in page
    assert "Secret number" not in page


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"name": "", "owner_seat": 1, "steps": [{"text": "x", "seat": 1}]}, "name"),
        ({"name": "x" * 161, "owner_seat": 1, "steps": [{"text": "x", "seat": 1}]}, "name"),
        ({"name": "X", "owner_seat": 1, "steps": []}, "steps"),
        ({"name": "X", "owner_seat": 1, "steps": [{"text": "x", "seat": 1}] * 61}, "steps"),
        ({"name": "X", "owner_seat": 1, "steps": [{"text": "x", "seat": 1}], "extra": 1}, "extra"),
        ({"name": "X", "steps": [{"text": "x", "seat": 1}]}, "owner_seat"),
    ],
)
def test_api_bad_input_names_the_field(api_as: Any, chart: Any, body: Any, field: str) -> None:
    response = api_as("owner").post("processes", body)
    assert response.status_code == 422 and field in response.content.decode()
    assert Process.objects.count() == 0


def test_api_duplicate_name_and_foreign_seat_are_refused(
    api_as: Any, chart: Any, turnover: Any
) -> None:
    api = api_as("owner")
    dup = api.post(
        "processes",
        {"name": "room turnover", "owner_seat": chart.manager_seat.pk, "steps": steps(chart)},
    )
    assert dup.status_code == 422 and "already exists" in dup.content.decode()
    foreign = api.post(
        "processes",
        {
            "name": "Other",
            "owner_seat": chart.manager_seat.pk,
            "steps": [{"text": "x", "seat": chart.other_seat.pk}],
        },
    )
    assert foreign.status_code == 422 and "steps[1].seat" in foreign.content.decode()
    assert Process.objects.count() == 1
