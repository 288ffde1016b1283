"""Scorecard pages: render whole, green/red/missing, grid saves, uploads, CSV, alignment, pulse."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal
from typing import Any

from practiceos.core import scorecard as sc
from practiceos.jobs.models import Job, JobKind
from practiceos.scorecards.models import MeasurableValue, PulseAnswer
from tests.worker import run_worker

WEEK = sc.week_start(dt.date.today())
LABEL = sc.week_label(WEEK)


def _value(m: Any, weeks_ago: int, value: int) -> None:
    MeasurableValue.objects.create(
        practice=m.practice, measurable=m, period=WEEK - dt.timedelta(weeks=weeks_ago), value=value
    )


def test_scorecard_page_shows_red_streak_and_missing_as_a_dash(login: Any, board: Any) -> None:
    for ago, v in [(2, 8), (1, 7), (0, 6)]:
        _value(board.cases, ago, v)
    client = login("member")
    html = client.get(f"/scorecards/teams/{board.cases.team_id}/").content.decode()
    assert "red 3 weeks running" in html
    assert 'class="num cell-red' in html
    assert 'aria-label="missing"' in html  # on-time has no numbers: a dash, not 0
    assert "Start on time" in html and "Second theatre staffed" in html
    assert "Enter numbers" not in html  # a member cannot enter numbers


def test_scorecard_fragment_for_htmx(login: Any, board: Any) -> None:
    client = login("member")
    response = client.get(
        f"/scorecards/teams/{board.cases.team_id}/?weeks=4", headers={"HX-Request": "true"}
    )
    html = response.content.decode()
    assert response.status_code == 200 and "<html" not in html and "<table" in html


def test_outsider_gets_404_on_every_team_page(login: Any, board: Any) -> None:
    client = login("outsider")
    team = board.cases.team_id
    for url in ["", "export.csv", "enter/", "alignment/", "setup/"]:
        assert client.get(f"/scorecards/teams/{team}/{url}").status_code == 404, url


def test_grid_cell_saves_and_marks_status(login: Any, board: Any) -> None:
    client = login("manager")
    team = board.cases.team_id
    assert client.get(f"/scorecards/teams/{team}/enter/").status_code == 200
    key = f"cell:{board.cases.pk}:{WEEK.isoformat()}"
    response = client.post(
        f"/scorecards/teams/{team}/enter/cell/",
        {"measurable": board.cases.pk, "period": WEEK.isoformat(), key: "12"},
        headers={"HX-Request": "true"},
    )
    assert response.status_code == 200 and "cell-green" in response.content.decode()
    assert MeasurableValue.objects.get().value == Decimal(12)
    bad = client.post(
        f"/scorecards/teams/{team}/enter/cell/",
        {"measurable": board.cases.pk, "period": WEEK.isoformat(), key: "twelve"},
        headers={"HX-Request": "true"},
    )
    html = bad.content.decode()
    assert "is not a number" in html and 'aria-invalid="true"' in html
    assert MeasurableValue.objects.get().value == Decimal(12)  # unchanged


def test_grid_save_all_is_all_or_nothing(login: Any, board: Any) -> None:
    client = login("manager")
    team = board.cases.team_id
    good = f"cell:{board.cases.pk}:{WEEK.isoformat()}"
    bad = f"cell:{board.on_time.pk}:{WEEK.isoformat()}"
    response = client.post(
        f"/scorecards/teams/{team}/enter/", {"week": LABEL, good: "11", bad: "lots"}
    )
    assert response.status_code == 422
    assert "Nothing was saved" in response.content.decode()
    assert not MeasurableValue.objects.exists()
    response = client.post(
        f"/scorecards/teams/{team}/enter/", {"week": LABEL, good: "11", bad: "97"}
    )
    assert response.status_code == 302
    assert MeasurableValue.objects.count() == 2


def test_member_may_not_enter_numbers(login: Any, board: Any) -> None:
    client = login("member")
    team = board.cases.team_id
    assert client.get(f"/scorecards/teams/{team}/enter/").status_code == 403
    key = f"cell:{board.cases.pk}:{WEEK.isoformat()}"
    response = client.post(
        f"/scorecards/teams/{team}/enter/cell/",
        {"measurable": board.cases.pk, "period": WEEK.isoformat(), key: "5"},
    )
    assert response.status_code == 403 and not MeasurableValue.objects.exists()


def test_csv_export_leaves_missing_cells_empty(login: Any, board: Any) -> None:
    _value(board.cases, 0, 12)
    client = login("member")
    body = client.get(
        f"/scorecards/teams/{board.cases.team_id}/export.csv?weeks=4"
    ).content.decode()
    lines = body.strip().splitlines()
    assert lines[0].startswith("measurable,key,owner,goal,")
    cases = next(line for line in lines if line.startswith("Cases,"))
    assert cases.endswith(",,,12,green,12,12")
    on_time = next(line for line in lines if line.startswith("First case on time"))
    assert ",0," not in on_time and on_time.endswith(",missing,,")


def _upload(client: Any, text: str, name: str = "numbers.csv") -> Any:
    f = io.BytesIO(text.encode())
    f.name = name
    return client.post("/scorecards/upload/", {"file": f})


def test_upload_previews_then_saves(login: Any, board: Any) -> None:
    client = login("manager")
    response = _upload(client, f"measurable,period,value\ncases,{LABEL},14\non-time,{LABEL},93%\n")
    html = response.content.decode()
    assert response.status_code == 200 and "2</strong> new" in html
    assert not MeasurableValue.objects.exists()  # only a preview
    token = html.split('name="token" value="')[1].split('"')[0]
    done = client.post("/scorecards/upload/confirm/", {"token": token, "filename": "numbers.csv"})
    job = Job.objects.get(kind=JobKind.SCORECARD_UPLOAD)
    assert done.status_code == 302 and done["Location"] == f"/jobs/{job.pk}/"
    assert not MeasurableValue.objects.exists()  # queued: a worker writes them
    run_worker()
    assert MeasurableValue.objects.count() == 2
    page = client.get(done["Location"]).content.decode()
    assert "Saved 2 new, 0 changed and 0 cleared number(s)" in page


def test_upload_wide_layout_and_bad_cells_listed(login: Any, board: Any) -> None:
    client = login("manager")
    text = f"measurable,{LABEL},2025-W53\ncases,12,3\nghost,1,\non-time,abc,\n"
    response = _upload(client, text)
    html = response.content.decode()
    assert response.status_code == 422
    assert "cell C2" in html and "week 53 does not exist in 2025" in html
    assert "cell B3" in html and "ghost" in html
    assert "cell B4" in html and "is not a number" in html
    assert not MeasurableValue.objects.exists()


def test_upload_xlsx(login: Any, board: Any) -> None:
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["measurable", WEEK])
    ws.append(["cases", 9])
    data = io.BytesIO()
    wb.save(data)
    data.seek(0)
    data.name = "numbers.xlsx"
    client = login("manager")
    response = client.post("/scorecards/upload/", {"file": data})
    assert response.status_code == 200, response.content.decode()[:2000]
    assert "1</strong> new" in response.content.decode()


def test_alignment_page_answers_what_peers_work_toward(login: Any, board: Any, chart: Any) -> None:
    from practiceos.scorecards.models import Dependency

    Dependency.objects.create(
        practice=board.cases.practice, from_measurable=board.cases, to_measurable=board.on_time
    )
    client = login("member")
    html = client.get(f"/scorecards/teams/{chart.team.pk}/alignment/").content.decode()
    assert "Members against team goals" in html
    assert "depends on" in html and "not acknowledged" in html
    assert "Agenda for a peer alignment conversation" in html
    assert "Which team goal does “Cases”" in html


def test_record_conversation_and_refusal(login: Any, board: Any, chart: Any) -> None:
    client = login("manager")
    url = f"/scorecards/teams/{chart.team.pk}/alignment/conversations/"
    bad = client.post(url, {"held_on": "2026-13-01", "notes": ""})
    assert bad.status_code == 422 and "held_on" in bad.content.decode()
    ok = client.post(url, {"held_on": "2026-11-20", "notes": "Ana covers Tuesdays"})
    assert ok.status_code == 302
    assert "Ana covers Tuesdays" in client.get(url.replace("conversations/", "")).content.decode()


def test_pulse_shows_only_own_answers_and_aggregates_of_three(
    login: Any, personas: Any, chart: Any
) -> None:
    from practiceos.org.models import Person

    month = sc.month_start(dt.date.today())
    people = [Person.objects.create(practice=personas.acme, name=f"P{i}") for i in range(3)]
    for i, person in enumerate(people[:2]):
        PulseAnswer.objects.create(
            practice=personas.acme,
            person=person,
            month=month,
            team=chart.team,
            peers=1 + i,
            comment=f"secret {i}",
        )
    chart.bob.user = personas.member.user
    chart.bob.save()
    chart.surgeon_seat.team = chart.team  # Bob's answer counts for the team
    chart.surgeon_seat.save()
    client = login("member")
    html = client.get("/scorecards/pulse/").content.decode()
    assert "secret" not in html
    assert "fewer than 3 answers" in html  # two answers: withheld
    response = client.post("/scorecards/pulse/", {"peers": "4", "comment": "mine"})
    assert response.status_code == 302
    html = client.get("/scorecards/pulse/").content.decode()
    assert "mine" in html and "secret" not in html
    assert "pulse-chart" in html  # three answers now: the trend is drawn


def test_setup_adds_from_library_and_refuses_bad_goal(login: Any, chart: Any) -> None:
    client = login("manager")
    url = f"/scorecards/teams/{chart.team.pk}/setup/"
    assert client.get(url).status_code == 200
    assert client.post(url + "library/", {"entry": "medical-no-show"}).status_code == 302
    bad = client.post(
        url + "measurables/", {"name": "Done", "unit": "yes_no", "operator": "gte", "goal_low": "1"}
    )
    assert bad.status_code == 422 and "yes/no" in bad.content.decode()
    assert client.get(url).content.decode().count("No-show %") >= 1


def test_rollup_names_missing_sites_and_ranks_weakest_first(
    login: Any, personas: Any, chart: Any
) -> None:
    from practiceos.org.models import Location, Seat
    from practiceos.scorecards.models import Measurable

    p = personas.acme
    for i, value in enumerate([95, 70, None]):
        loc = Location.objects.create(practice=p, name=f"Site {i}")
        seat = Seat.objects.create(
            practice=p, name=f"Front {i}", kind="administrative", location=loc
        )
        m = Measurable.objects.create(
            practice=p,
            seat=seat,
            name="Answered %",
            key=f"ans-{i}",
            unit="percent",
            operator="gte",
            goal_low=90,
            library_id="general-phone-answer-rate",
        )
        if value is not None:
            MeasurableValue.objects.create(practice=p, measurable=m, period=WEEK, value=value)
    client = login("member")
    html = client.get("/scorecards/rollup/").content.decode()
    assert "2 of 3 locations entered a number" in html
    assert "1 missing" in html and "Site 2" in html
    weakest = html.split("Weakest first")[1]
    assert weakest.index("Site 1") < weakest.index("Site 0")
    assert "not tracked" in html.lower()  # Downtown tracks nothing: listed, not dropped


def test_index_and_library_pages(login: Any, board: Any) -> None:
    client = login("member")
    assert "Surgical Services" in client.get("/scorecards/").content.decode()
    assert "Hygiene reappointment %" in client.get("/scorecards/library/").content.decode()


def test_setup_edits_archives_and_overrides_a_goal(login: Any, board: Any, chart: Any) -> None:
    from practiceos.scorecards.models import GoalOverride, Measurable

    client = login("manager")
    base = f"/scorecards/teams/{chart.team.pk}/setup/measurables/{board.cases.pk}/"
    response = client.post(
        base, {"name": "Cases done", "seat": chart.tech_seat.pk, "operator": "gte", "goal_low": "9"}
    )
    assert response.status_code == 302
    m = Measurable.objects.get(pk=board.cases.pk)
    assert (m.name, m.seat_id, m.goal_low, m.active) == ("Cases done", chart.tech_seat.pk, 9, False)
    bad = client.post(
        base + "override/", {"period": "2026-W53", "operator": "gte", "goal_low": "4", "reason": ""}
    )
    assert bad.status_code == 422 and "reason" in bad.content.decode()
    ok = client.post(
        base + "override/",
        {"period": "2026-W52", "operator": "gte", "goal_low": "4", "reason": "Christmas"},
    )
    assert ok.status_code == 302 and GoalOverride.objects.get().reason == "Christmas"
    member = login("member")
    assert member.post(base, {"name": "x"}).status_code == 403


def test_rollup_leaves_private_measurables_to_owners(login: Any, personas: Any) -> None:
    from practiceos.org.models import Location, Seat
    from practiceos.scorecards.models import Measurable

    p = personas.acme
    loc = Location.objects.create(practice=p, name="Hidden Site")
    seat = Seat.objects.create(practice=p, name="Front", kind="administrative", location=loc)
    m = Measurable.objects.create(
        practice=p, seat=seat, name="Secret %", key="secret", visibility="private", goal_low=1
    )
    MeasurableValue.objects.create(practice=p, measurable=m, period=WEEK, value=42)
    assert "Secret %" not in login("member").get("/scorecards/rollup/").content.decode()
    assert "Secret %" in login("owner").get("/scorecards/rollup/").content.decode()


def test_grid_cell_of_a_private_measurable_outside_the_chain_is_404(login: Any, board: Any) -> None:
    board.cases.visibility = "private"
    board.cases.save()
    key = f"cell:{board.cases.pk}:{WEEK.isoformat()}"
    response = login("manager").post(
        f"/scorecards/teams/{board.cases.team_id}/enter/cell/",
        {"measurable": board.cases.pk, "period": WEEK.isoformat(), key: "3"},
    )
    assert response.status_code == 404 and not MeasurableValue.objects.exists()


def test_milestone_is_ticked_done_and_back(login: Any, board: Any, chart: Any) -> None:
    from practiceos.scorecards.models import Milestone

    ms = Milestone.objects.create(practice=chart.team.practice, priority=board.priority, title="Ad")
    client = login("manager")
    url = f"/scorecards/teams/{chart.team.pk}/setup/milestones/{ms.pk}/done/"
    assert client.post(url, {"done": "on"}).status_code == 302
    assert Milestone.objects.get().done
    assert client.post(url, {}).status_code == 302
    assert not Milestone.objects.get().done
    page = client.get(f"/scorecards/teams/{chart.team.pk}/setup/").content.decode()
    assert "Mark “Ad” done" in page
    assert login("member").post(url, {"done": "on"}).status_code == 403
    assert login("outsider").post(url, {"done": "on"}).status_code == 404
