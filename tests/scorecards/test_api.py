"""Scorecard API: declared permission suite, idempotent feeds, bad input, 404 for outsiders."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from practiceos.audit.models import AuditRecord
from practiceos.scorecards.models import Measurable, MeasurableValue, Priority, TeamGoal
from practiceos.tenancy.permissions import Action, allows
from tests.conftest import PERSONA_NAMES

WEEK = "2026-W48"


def _counts() -> dict[str, int]:
    return {
        m.__name__: m.objects.count()
        for m in (Measurable, MeasurableValue, Priority, TeamGoal, AuditRecord)
    }


# Each write: (method, path builder, body builder, permission needed, success code).
WRITES = {
    "create-measurable": (
        "post",
        lambda b: "scorecards/measurables",
        lambda b: {"name": "Recalls booked", "team": b.cases.team_id, "goal_low": 20},
        Action.EDIT_SCORECARD,
        201,
    ),
    "update-measurable": (
        "patch",
        lambda b: f"scorecards/measurables/{b.cases.pk}",
        lambda b: {"goal_low": "11"},
        Action.EDIT_SCORECARD,
        200,
    ),
    "put-numbers": (
        "put",
        lambda b: "scorecards/numbers",
        lambda b: {"entries": [{"measurable": "cases", "period": WEEK, "value": 12}]},
        Action.EDIT_NUMBERS,
        200,
    ),
    "create-priority": (
        "post",
        lambda b: "scorecards/priorities",
        lambda b: {"title": "Hire a scrub tech", "team": b.cases.team_id, "due": "2027-02-01"},
        Action.EDIT_SCORECARD,
        201,
    ),
    "create-team-goal": (
        "post",
        lambda b: "scorecards/team-goals",
        lambda b: {"team": b.cases.team_id, "name": "Zero cancelled cases"},
        Action.EDIT_SCORECARD,
        201,
    ),
}


def _call(caller: Any, method: str, path: str, body: Any) -> Any:
    import json

    return getattr(caller.client, method)(
        f"/api/{path}",
        json.dumps(body),
        content_type="application/json",
        headers=caller._headers(),
    )


@pytest.mark.parametrize("write", list(WRITES))
@pytest.mark.parametrize("persona", PERSONA_NAMES)
def test_permission_matrix(
    persona: str, write: str, board: Any, personas: Any, api_as: Any
) -> None:
    method, path, body, action, success = WRITES[write]
    caller = api_as(persona)  # making the token writes its own audit record: before counting
    before = _counts()
    response = _call(caller, method, path(board), body(board))
    role = personas.membership(persona).role
    if persona == "outsider":
        # Acting in its own practice: acme's objects and keys do not exist there.
        assert response.status_code in (404, 422), response.content
        assert _counts() == before
        return
    if allows(role, action):
        assert response.status_code == success, response.content
        assert AuditRecord.objects.count() == before["AuditRecord"] + 1
        assert AuditRecord.objects.latest("id").actor == personas.membership(persona).user
    else:
        assert response.status_code == 403, response.content
        assert _counts() == before


def test_numbers_feed_is_idempotent_and_reports_what_it_did(board: Any, api_as: Any) -> None:
    caller = api_as("manager")
    body = {
        "entries": [
            {"measurable": "cases", "period": WEEK, "value": 12},
            {"measurable": board.on_time.pk, "period": "2026-11-25", "value": "96.5"},
        ]
    }
    first = _call(caller, "put", "scorecards/numbers", body).json()
    assert first == {"created": 2, "updated": 0, "cleared": 0, "unchanged": 0}
    audits = AuditRecord.objects.count()
    again = _call(caller, "put", "scorecards/numbers", body).json()
    assert again == {"created": 0, "updated": 0, "cleared": 0, "unchanged": 2}
    assert AuditRecord.objects.count() == audits
    clear = {"entries": [{"measurable": "cases", "period": WEEK, "value": None}]}
    assert _call(caller, "put", "scorecards/numbers", clear).json()["cleared"] == 1


def test_bad_feed_names_every_entry_and_writes_nothing(board: Any, api_as: Any) -> None:
    body = {
        "entries": [
            {"measurable": "cases", "period": WEEK, "value": 1},
            {"measurable": "cases", "period": "2026-W60", "value": 1},
            {"measurable": "nope", "period": WEEK, "value": 1},
            {"measurable": "on-time", "period": WEEK, "value": "ninety"},
            {"measurable": "cases", "period": WEEK, "value": 2},
        ]
    }
    response = _call(api_as("manager"), "put", "scorecards/numbers", body)
    assert response.status_code == 422
    fields = {p["field"]: p["message"] for p in response.json()["detail"]}
    assert "week 60 does not exist in 2026" in fields["entries[1]"]
    assert "not a measurable" in fields["entries[2]"]
    assert "is not a number" in fields["entries[3]"]
    assert "also given at entries[0]" in fields["entries[4]"]
    assert not MeasurableValue.objects.exists()


def test_bad_measurable_body_lists_every_problem(board: Any, api_as: Any) -> None:
    body = {
        "name": "Done",
        "unit": "yes_no",
        "operator": "between",
        "goal_low": 1,
        "formula": "x +",
    }
    response = _call(api_as("owner"), "post", "scorecards/measurables", body)
    assert response.status_code == 422
    fields = {p["field"] for p in response.json()["detail"]}
    assert {"goal.operator", "goal.high", "formula"} <= fields


def test_outsider_reads_404(board: Any, api_as: Any) -> None:
    caller = api_as("outsider")
    assert caller.get(f"scorecards/measurables/{board.cases.pk}").status_code == 404
    assert caller.get(f"scorecards/teams/{board.cases.team_id}/scorecard").status_code == 404
    assert caller.get("scorecards/measurables").json()["count"] == 0


def test_private_measurable_is_404_outside_the_manager_chain(
    board: Any, api_as: Any, chart: Any, personas: Any
) -> None:
    board.cases.visibility = "private"
    board.cases.save()
    assert api_as("member").get(f"scorecards/measurables/{board.cases.pk}").status_code == 404
    assert api_as("owner").get(f"scorecards/measurables/{board.cases.pk}").status_code == 200
    listed = api_as("member").get("scorecards/measurables").json()["items"]
    assert [m["key"] for m in listed] == ["on-time"]
    # Bob fills the surgeon seat that owns it: he sees it.
    chart.bob.user = personas.member.user
    chart.bob.save()
    assert api_as("member").get(f"scorecards/measurables/{board.cases.pk}").status_code == 200


def test_scorecard_endpoint_and_pulse(board: Any, api_as: Any, chart: Any, personas: Any) -> None:
    MeasurableValue.objects.create(
        practice=board.cases.practice, measurable=board.cases, period=dt.date(2026, 11, 23), value=4
    )
    card = api_as("member").get(
        f"scorecards/teams/{board.cases.team_id}/scorecard", {"week": "2026-11-25", "weeks": 4}
    )
    rows = {r["key"]: r for r in card.json()["rows"]}
    assert rows["cases"]["status"] == "red" and rows["on-time"]["status"] == "missing"
    assert (
        api_as("member")
        .get(f"scorecards/teams/{board.cases.team_id}/scorecard", {"weeks": 7})
        .status_code
        == 422
    )
    chart.bob.user = personas.member.user
    chart.bob.save()
    answer = _call(api_as("member"), "put", "scorecards/pulse", {"month": "2026-11-05", "peers": 4})
    assert answer.status_code == 200 and answer.json()["month"] == "2026-11-01"
    refused = _call(
        api_as("member"), "put", "scorecards/pulse", {"month": "2026-11-05", "peers": 7}
    )
    assert refused.status_code == 422
