"""REST endpoints of scenarios: list, create, read with the comparison, edit, try fixes,
discard and publish (``router`` is mounted by ``practiceos.api``).

Reading needs any membership; drafting needs ``edit_structure`` (owners and admins);
publishing ``manage_practice``. Bad input is a 422 naming the field
(``changes[2].seat_id``, ``finding``, ``status``); another practice's scenario is a 404.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import HttpRequest
from ninja import Field, Path, Query, Router, Schema, Status

from practiceos.core.problems import InputError, Problem
from practiceos.core.scenario_compare import compare
from practiceos.health.access import get_run_for, latest_run
from practiceos.org.api import Paging
from practiceos.org.schemas import MAX_ID, Message, Problems
from practiceos.scenarios import fixes, publishing, services
from practiceos.scenarios.access import EDIT, PUBLISH, get_scenario_for, scenarios_of
from practiceos.scenarios.models import Scenario
from practiceos.tenancy.access import require
from practiceos.tenancy.api import membership_of

router = Router(tags=["scenarios"])
#: A scenario's id in a URL (anything else is a 422 naming it).
ID: Any = Path(..., ge=1, le=MAX_ID, description="The scenario's id.")
ERRORS: dict[int, Any] = {401: Message, 403: Message, 404: Message, 422: Problems}


class ScenarioOut(Schema):
    """A scenario without its comparison."""

    id: int
    name: str
    note: str
    status: str
    owner: str | None
    changes: int
    created_at: dt.datetime
    updated_at: dt.datetime
    published_at: dt.datetime | None


class ScenarioList(Schema):
    """A page of scenarios, newest first."""

    count: int
    items: list[ScenarioOut]


class ScenarioDetail(ScenarioOut):
    """A scenario with its stored changes and, for a draft, the comparison with today
    (the JSON of ``practiceos scenario diff --format json``)."""

    change_list: list[dict[str, Any]]
    problems: list[dict[str, str]]
    stale_seats: list[str]
    comparison: dict[str, Any] | None
    published: dict[str, Any]


class ScenarioIn(Schema):
    """A new scenario: a name (1-120 characters) and an optional note."""

    model_config = {"extra": "forbid"}
    name: str = Field(..., max_length=120)
    note: str = Field("", max_length=2000)


class ScenarioPatch(Schema):
    """Rename a draft or change its note."""

    model_config = {"extra": "forbid"}
    name: str | None = Field(None, max_length=120)
    note: str | None = Field(None, max_length=2000)


class ChangesIn(Schema):
    """Changes to add, as stored (``{"action": "move_reporting_line", ...}``)."""

    model_config = {"extra": "forbid"}
    changes: list[dict[str, Any]] = Field(..., max_length=services.ADD_MAX)
    by_hand: bool = True


class FixesIn(Schema):
    """Which fixes of a stored health report to try: one ``finding`` (its id), every
    finding of a ``rule``, or every fix when both are left out."""

    model_config = {"extra": "forbid"}
    run: int | None = Field(None, ge=1, le=MAX_ID)
    finding: str | None = Field(None, max_length=40)
    rule: str | None = Field(None, max_length=60)


class AddOut(Schema):
    """How many changes were added, and those left out with the reason."""

    scenario: ScenarioOut
    added: int
    skipped: list[dict[str, Any]]


class PublishOut(Schema):
    """What publishing changed in the live chart and the new health score."""

    scenario: ScenarioOut
    lines: list[str]
    rebased: bool
    score: int


def _out(scenario: Scenario) -> dict[str, Any]:
    return {
        "id": scenario.pk,
        "name": scenario.name,
        "note": scenario.note,
        "status": scenario.status,
        "owner": scenario.owner.username if scenario.owner else None,
        "changes": len(scenario.changes or []),
        "created_at": scenario.created_at,
        "updated_at": scenario.updated_at,
        "published_at": scenario.published_at,
    }


@router.get("/scenarios", response={200: ScenarioList, **ERRORS})
def list_scenarios(request: HttpRequest, paging: Query[Paging]) -> dict[str, Any]:
    """The practice's scenarios, newest first. Two queries."""
    qs = scenarios_of(membership_of(request))
    page = qs[paging.offset : paging.offset + paging.limit]
    return {"count": qs.count(), "items": [_out(s) for s in page]}


@router.post("/scenarios", response={201: ScenarioOut, **ERRORS})
def create(request: HttpRequest, payload: ScenarioIn) -> Status[dict[str, Any]]:
    """Start a draft from today's chart (owners and admins)."""
    scenario = services.create_scenario(
        actor=membership_of(request), name=payload.name, note=payload.note
    )
    return Status(201, _out(scenario))


@router.get("/scenarios/{scenario_id}", response={200: ScenarioDetail, **ERRORS})
def read(request: HttpRequest, scenario_id: int = ID) -> dict[str, Any]:
    """The scenario, its changes and (for a draft that applies) the comparison."""
    membership = membership_of(request)
    scenario = get_scenario_for(membership, scenario_id)
    scenario.practice = membership.practice
    data = {
        **_out(scenario),
        "change_list": list(scenario.changes or []),
        "problems": [],
        "stale_seats": [],
        "comparison": None,
        "published": scenario.published_summary or {},
    }
    if scenario.status == "published":
        return data
    state = services.scenario_state(scenario)
    data["problems"] = [{"field": p.where, "message": p.message} for p in state.problems]
    data["stale_seats"] = list(state.stale)
    if state.result is not None:
        data["comparison"] = compare(state.today, state.result, state.changes).to_dict()
    return data


@router.patch("/scenarios/{scenario_id}", response={200: ScenarioOut, **ERRORS})
def update(request: HttpRequest, payload: ScenarioPatch, scenario_id: int = ID) -> dict[str, Any]:
    """Rename a draft or change its note."""
    membership = membership_of(request)
    scenario = get_scenario_for(membership, scenario_id, EDIT)
    services.update_scenario(
        actor=membership, scenario=scenario, name=payload.name, note=payload.note
    )
    return _out(scenario)


def _added(result: services.AddResult) -> dict[str, Any]:
    return {
        "scenario": _out(result.scenario),
        "added": result.merge.added,
        "skipped": [
            {"change": s.change.to_dict(), "reason": s.reason} for s in result.merge.skipped[:500]
        ],
    }


@router.post("/scenarios/{scenario_id}/changes", response={200: AddOut, **ERRORS})
def add(request: HttpRequest, payload: ChangesIn, scenario_id: int = ID) -> dict[str, Any]:
    """Add changes (a hand edit replaces an earlier decision about the same thing)."""
    membership = membership_of(request)
    scenario = get_scenario_for(membership, scenario_id, EDIT)
    scenario.practice = membership.practice
    result = services.add_changes(
        actor=membership, scenario=scenario, changes=payload.changes, by_hand=payload.by_hand
    )
    return _added(result)


@router.post("/scenarios/{scenario_id}/fixes", response={200: AddOut, **ERRORS})
def add_fixes(request: HttpRequest, payload: FixesIn, scenario_id: int = ID) -> dict[str, Any]:
    """Try the fixes of one finding, one rule or a whole stored health report."""
    membership = require(membership_of(request), EDIT)
    scenario = get_scenario_for(membership, scenario_id, EDIT)
    scenario.practice = membership.practice
    run = get_run_for(membership, payload.run) if payload.run else latest_run(membership)
    if run is None:
        raise InputError([Problem("run", "no health check has been run yet; run it first")])
    result = fixes.try_fixes(
        actor=membership, run=run, scenario=scenario, finding=payload.finding, rule=payload.rule
    )
    return _added(result)


@router.post("/scenarios/{scenario_id}/discard", response={200: ScenarioOut, **ERRORS})
def discard(request: HttpRequest, scenario_id: int = ID) -> dict[str, Any]:
    """Set a draft aside; the live chart is unchanged."""
    membership = membership_of(request)
    scenario = get_scenario_for(membership, scenario_id, EDIT)
    return _out(services.discard_scenario(actor=membership, scenario=scenario))


@router.post("/scenarios/{scenario_id}/publish", response={200: PublishOut, **ERRORS})
def publish(request: HttpRequest, scenario_id: int = ID) -> dict[str, Any]:
    """Apply the scenario to the live chart, all or nothing (owners and admins)."""
    membership = membership_of(request)
    scenario = get_scenario_for(membership, scenario_id, PUBLISH)
    scenario.practice = membership.practice
    published = publishing.publish_scenario(actor=membership, scenario=scenario)
    return {
        "scenario": _out(published.scenario),
        "lines": published.summary.lines(),
        "rebased": published.rebased,
        "score": published.score,
    }
