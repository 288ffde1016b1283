"""The leadership API: a declared permission suite (every persona × every operation, codes
derived from the permission matrix), bad input naming the field, and pinned query counts."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest

from practiceos.leadership import services
from practiceos.leadership.models import (
    AreaOverride,
    AreaSeat,
    Ask,
    CoreValue,
    DecisionArea,
    TimeEntry,
    Vision,
)
from tests.conftest import PERSONA_NAMES

ASK_QUERIES = 13
VALUES = [{"name": n, "behaviour": f"We {n.lower()}."} for n in ("Care", "Own", "Learn")]


@dataclass
class World:
    """Objects the operations act on."""

    sites: Any
    area: Any
    ask: Any


@pytest.fixture
def world(personas, sites):
    services.seed_decision_areas(actor=personas.owner)
    area = DecisionArea.objects.get(practice=personas.acme, name="Time off")
    services.set_decider(actor=personas.owner, area=area, seat=sites.downtown_manager)
    ask = services.raise_ask(actor=personas.member, text="Friday off?", area=area)
    return World(sites, area, ask)


@dataclass(frozen=True)
class Op:
    """One operation: method, path and body from the world, and who may do it."""

    method: str
    path: Callable[[World], str]
    body: Callable[[World], Any]
    who: str  # view | lead | ask | answer | owner-time
    on_acme_object: bool = False  # the path names an acme object: outsiders get 404
    success: int = 200


OPS = {
    "vision-read": Op("GET", lambda w: "vision", lambda w: None, "view"),
    "vision-write": Op("PUT", lambda w: "vision", lambda w: {"core_values": VALUES}, "lead"),
    "areas-list": Op("GET", lambda w: "decision-areas", lambda w: None, "view"),
    "area-read": Op("GET", lambda w: f"decision-areas/{w.area.pk}", lambda w: None, "view", True),
    "area-create": Op(
        "POST", lambda w: "decision-areas", lambda w: {"name": "Rotas"}, "lead", success=201
    ),
    "area-update": Op(
        "PATCH",
        lambda w: f"decision-areas/{w.area.pk}",
        lambda w: {"decider": w.sites.riverside_manager.pk},
        "lead",
        True,
    ),
    "override-put": Op(
        "PUT",
        lambda w: f"decision-areas/{w.area.pk}/overrides/{w.sites.riverside.pk}",
        lambda w: {"seat": w.sites.riverside_manager.pk},
        "lead",
        True,
    ),
    "asks-inbox": Op("GET", lambda w: "asks", lambda w: None, "view"),
    "ask-read": Op("GET", lambda w: f"asks/{w.ask.pk}", lambda w: None, "view", True),
    "ask-raise": Op(
        "POST", lambda w: "asks", lambda w: {"text": "Where are the gloves?"}, "ask", success=201
    ),
    "ask-decide": Op(
        "POST", lambda w: f"asks/{w.ask.pk}/decision", lambda w: {"decision": "Yes"}, "answer", True
    ),
    "owner-time": Op(
        "POST",
        lambda w: "owner-time",
        lambda w: {"day": dt.date.today().isoformat(), "kind": "leadership", "minutes": 30},
        "owner-time",
        success=201,
    ),
    "owner-load": Op("GET", lambda w: "owner-load", lambda w: None, "view"),
    "locations": Op("GET", lambda w: "leadership/locations", lambda w: None, "view"),
}


def expected(persona: str, op: Op) -> int:
    """The status the permission matrix (and the seat-holder rules) promise."""
    from practiceos.tenancy.permissions import Action, allows

    if persona == "outsider":
        if op.on_acme_object:
            return 404
        # In its own practice the outsider is an owner without a seat.
        return 403 if op.who == "owner-time" else op.success
    role = persona
    if op.who == "view":
        return op.success if allows(role, Action.VIEW) else 403
    if op.who == "lead":
        return op.success if allows(role, Action.LEAD) else 403
    if op.who == "ask":
        return op.success if allows(role, Action.ASK) else 403
    if op.who == "answer":
        # The holder of the seat it waits at (the manager persona), owners and admins.
        return op.success if persona == "manager" or allows(role, Action.LEAD) else 403
    # Owner time: the holder of a leadership seat (only the owner persona holds one).
    return op.success if persona == "owner" else 403


def counts() -> tuple[int, ...]:
    from practiceos.audit.models import AuditRecord

    return tuple(
        m.objects.count()
        for m in (
            Vision,
            CoreValue,
            DecisionArea,
            AreaSeat,
            AreaOverride,
            Ask,
            TimeEntry,
            AuditRecord,
        )
    )


def call(api_as, persona: str, method: str, path: str, body: Any) -> Any:
    caller = api_as(persona)
    headers = {"Authorization": f"Bearer {caller.token}"}
    if method == "GET":
        return caller.client.get(f"/api/{path}", headers=headers)
    return caller.client.generic(
        method, f"/api/{path}", json.dumps(body), content_type="application/json", headers=headers
    )


@pytest.mark.parametrize("op_name", list(OPS))
@pytest.mark.parametrize("persona", PERSONA_NAMES)
def test_permission_matrix(persona, op_name, world, api_as):
    from practiceos.audit.models import AuditRecord

    op = OPS[op_name]
    want = expected(persona, op)
    api_as(persona)  # making the token writes its own audit record: before counting
    before = counts()
    last_audit = AuditRecord.objects.order_by("-pk").values_list("pk", flat=True).first()
    response = call(api_as, persona, op.method, op.path(world), op.body(world))
    assert response.status_code == want, response.content
    if op.method == "GET":
        return
    if want >= 400:
        assert counts() == before  # nothing written on a refusal
        world.ask.refresh_from_db()
        assert world.ask.status == "open"
    else:
        new = AuditRecord.objects.filter(pk__gt=last_audit or 0)
        assert new.exists() and set(new.values_list("actor__username", flat=True)) == {persona}


def test_matrix_reads_as_the_product_promises():
    assert expected("manager", OPS["ask-decide"]) == 200
    assert expected("member", OPS["ask-decide"]) == 403
    assert expected("member", OPS["ask-raise"]) == 201
    assert expected("admin", OPS["owner-time"]) == 403
    assert expected("manager", OPS["area-update"]) == 403
    assert expected("outsider", OPS["area-read"]) == 404


def test_two_deciders_refused_naming_both_seats(world, api_as):
    s = world.sites
    response = call(
        api_as,
        "owner",
        "PATCH",
        f"decision-areas/{world.area.pk}",
        {"decider": [s.downtown_manager.pk, s.riverside_manager.pk]},
    )
    assert response.status_code == 422
    (problem,) = response.json()["detail"]
    assert problem["field"] == "decider"
    assert '"Office Manager Downtown" and "Office Manager Riverside"' in problem["message"]


def test_override_for_a_location_without_that_seat_is_refused_naming_it(world, api_as):
    s = world.sites
    response = call(
        api_as,
        "owner",
        "PUT",
        f"decision-areas/{world.area.pk}/overrides/{s.lakeside.pk}",
        {"seat": s.riverside_manager.pk},
    )
    assert response.status_code == 422
    assert 'location "Lakeside" has no seat' in response.json()["detail"][0]["message"]


def test_ask_with_no_area_routes_to_the_manager_and_says_so(world, api_as):
    response = call(api_as, "member", "POST", "asks", {"text": "Who restocks gloves?"})
    assert response.status_code == 201
    body = response.json()
    assert body["to_seat"] == world.sites.downtown_manager.pk
    assert body["routing"].startswith("No area was chosen, so it went to your manager")


def test_suggestion_and_bad_bodies(world, api_as):
    caller = api_as("member")
    found = caller.get("asks/suggestion", {"text": "Can I take a day off next week?"}).json()
    assert found["area"] == world.area.pk and "day off" in found["matched"]
    bad = call(api_as, "member", "POST", "asks", {"text": "", "colour": "red"})
    assert bad.status_code == 422
    fields = {p["field"] for p in bad.json()["detail"]}
    assert fields == {"text", "colour"}
    long = call(api_as, "owner", "PUT", "vision", {"core_values": VALUES[:2]})
    assert long.status_code == 422 and "between 3 and 7" in long.json()["detail"][0]["message"]


def test_vision_round_trips_with_stable_value_ids(world, api_as):
    put = call(
        api_as,
        "owner",
        "PUT",
        "vision",
        {"three_year_picture": "Three sites", "core_values": VALUES},
    )
    assert put.status_code == 200
    ids = [v["id"] for v in put.json()["core_values"]]
    again = call(api_as, "admin", "PUT", "vision", {"core_values": list(reversed(VALUES))})
    assert [v["id"] for v in again.json()["core_values"]] == list(reversed(ids))


def _grow(personas, n):
    """``n`` more locations, each with a manager seat and an ask."""
    from practiceos.org.models import Location, Seat

    locs = Location.objects.bulk_create(
        Location(practice=personas.acme, name=f"Site {i}") for i in range(n)
    )
    Seat.objects.bulk_create(
        Seat(practice=personas.acme, name=f"Manager {i}", kind="management", location=loc)
        for i, loc in enumerate(locs)
    )
    Ask.objects.bulk_create(
        Ask(practice=personas.acme, text=f"Ask {i}", location=loc, reached_owner=bool(i % 2))
        for i, loc in enumerate(locs)
    )


@pytest.mark.parametrize("n", [0, 40])
def test_api_query_counts_are_pinned(world, api_as, personas, django_assert_num_queries, n):
    _grow(personas, n)
    caller = api_as("owner")
    # token + locations, managers, open asks, recent asks, seats, health flags
    with django_assert_num_queries(7):
        assert caller.get("leadership/locations", {"sort": "-share"}).status_code == 200
    # token + areas + seats + overrides
    with django_assert_num_queries(4):
        assert caller.get("decision-areas").status_code == 200
    # token + held seats + page + count
    with django_assert_num_queries(4):
        assert caller.get("asks").status_code == 200
    # token + weekly counts + decision times
    with django_assert_num_queries(3):
        assert caller.get("owner-load").status_code == 200
    # Raising an ask: token, the area, held seats, seats, assignments, the areas (3), the
    # named holders, then the savepoint, insert and audit record.
    member = api_as("member")
    with django_assert_num_queries(ASK_QUERIES):
        response = member.post("asks", {"text": "Friday off?", "area": world.area.pk})
    assert response.status_code == 201
