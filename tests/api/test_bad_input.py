"""Bad input is refused with 422 naming the field and the offending value; nothing is written.

Covers both layers: the request schemas (wrong JSON types, unknown fields, malformed JSON,
out-of-range numbers, unknown choices) and ``org.services`` (blank names, duplicates,
links to another practice, reporting cycles, dates, a second accountable person).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest

from tests.api.resources import RESOURCES, fields_of, table_counts


@dataclass(frozen=True)
class Case:
    """A request that must be refused, and what the refusal must name."""

    resource: str
    body: Any  # chart -> JSON body, or a raw string
    field: str
    value: Any = None  # chart -> text that must appear in the message (None: no value)
    patch: bool = False  # PATCH the resource's sample object instead of POST


def _c(**kw: Any) -> Any:
    return lambda c: kw


CASES = {
    # wrong JSON types
    "location name is a number": Case("locations", _c(name=5), "name", "5"),
    "team manager_seat is text": Case(
        "teams", _c(name="T", manager_seat="abc"), "manager_seat", '"abc"'
    ),
    "role provider_lead is not a bool": Case(
        "roles", _c(title="R", kind="support", provider_lead="maybe"), "provider_lead", '"maybe"'
    ),
    "role responsibilities is not a list": Case(
        "roles", _c(title="R", kind="support", responsibilities="lots"), "responsibilities", "lots"
    ),
    "seat serves is not a list": Case(
        "seats", _c(name="S", kind="support", serves="abc"), "serves", '"abc"'
    ),
    "seat serves item is not an id": Case(
        "seats", _c(name="S", kind="support", serves=[1, "x"]), "serves[1]", '"x"'
    ),
    "person name is a list": Case("people", _c(name=["Ann"]), "name", '["Ann"]'),
    "assignment person is text": Case(
        "assignments", lambda c: {"person": "bob", "seat": c.tech_seat.pk}, "person", '"bob"'
    ),
    "assignment start is not a date": Case(
        "assignments",
        lambda c: {"person": c.alice.pk, "seat": c.tech_seat.pk, "start": "next tuesday"},
        "start",
        "next tuesday",
    ),
    "patch name null": Case("locations", _c(name=None), "name", "null", patch=True),
    "body is a list": Case("people", lambda c: [1, 2], "body", "[1, 2]"),
    "malformed JSON": Case("people", lambda c: '{"name": "Ann",', "body", "JSON"),
    "huge id": Case("seats", _c(name="S", kind="support", reports_to=10**30), "reports_to", "1000"),
    # unknown fields
    **{
        f"{name} unknown field": Case(name, _c(bogus=1), "bogus", "1", patch=True)
        for name in RESOURCES
    },
    # blank and missing required names
    "location blank name": Case("locations", _c(name="   "), "name"),
    "team blank name": Case("teams", _c(name=""), "name"),
    "role blank title": Case("roles", _c(title=" ", kind="support"), "title"),
    "seat blank name": Case("seats", _c(name="", kind="support"), "name"),
    "person blank name": Case("people", _c(name="\t"), "name"),
    "seat missing kind": Case("seats", _c(name="Seat"), "kind"),
    "assignment missing seat": Case("assignments", lambda c: {"person": c.alice.pk}, "seat"),
    # duplicates (case-insensitive)
    "duplicate location": Case("locations", _c(name="downtown"), "name", "downtown"),
    "duplicate team": Case("teams", _c(name="Surgical Services"), "name", "Surgical Services"),
    "duplicate role": Case("roles", _c(title="Owner", kind="leadership"), "title", "Owner"),
    "duplicate seat": Case("seats", _c(name="Owner", kind="leadership"), "name", "Owner"),
    "duplicate seat by rename": Case("seats", _c(name="Owner"), "name", "Owner", patch=True),
    "duplicate email": Case("people", _c(name="Al", email="ALICE@acme.example"), "email", "ALICE"),
    "duplicate employee id": Case("people", _c(employee_id="E1"), "employee_id", "E1", patch=True),
    # too long
    "location name too long": Case("locations", _c(name="L" * 121), "name", "LLLLLLLL"),
    "seat note too long": Case("seats", _c(note="n" * 301), "note", "nnnnnnn", patch=True),
    "person email too long": Case("people", _c(name="P", email="e" * 255), "email", "eeeeee"),
    # unknown choices
    "role kind unknown": Case("roles", _c(title="R", kind="boss"), "kind", "boss"),
    "seat kind unknown": Case("seats", _c(kind="Support"), "kind", "Support", patch=True),
    "assignment level unknown": Case("assignments", _c(level="guru"), "level", "guru", patch=True),
    # links to another practice read like missing ids
    "seat reports_to other practice": Case(
        "seats",
        lambda c: {"name": "S", "kind": "support", "reports_to": c.other_seat.pk},
        "reports_to",
        lambda c: str(c.other_seat.pk),
    ),
    "seat patch reports_to other practice": Case(
        "seats",
        lambda c: {"reports_to": c.other_seat.pk},
        "reports_to",
        lambda c: str(c.other_seat.pk),
        patch=True,
    ),
    "seat serves other practice": Case(
        "seats",
        lambda c: {"serves": [c.surgeon_seat.pk, c.other_seat.pk]},
        "serves",
        lambda c: str(c.other_seat.pk),
        patch=True,
    ),
    "team manager in other practice": Case(
        "teams", lambda c: {"manager_seat": c.other_seat.pk}, "manager_seat", None, patch=True
    ),
    "assignment person in other practice": Case(
        "assignments",
        lambda c: {"person": c.other_person.pk, "seat": c.tech_seat.pk},
        "person",
        lambda c: str(c.other_person.pk),
    ),
    # the chart's own rules
    "seat serves itself": Case(
        "seats", lambda c: {"serves": [c.tech_seat.pk]}, "serves", "Surgical Technologist 1", True
    ),
    # fte, dates, accountable
    "fte zero": Case("assignments", _c(fte=0), "fte", "0", patch=True),
    "fte above one": Case("assignments", _c(fte=1.5), "fte", "1.5", patch=True),
    "fte text": Case("assignments", _c(fte="abc"), "fte", "abc", patch=True),
    "end before start": Case(
        "assignments", _c(start="2024-05-01", end="2024-04-30"), "end", "2024-04-30", patch=True
    ),
    "second accountable person": Case(
        "assignments",
        lambda c: {"person": c.alice.pk, "seat": c.surgeon_seat.pk},
        "seat",
        "Bob Surgeon",
    ),
}


def _value(case: Case, chart: Any) -> str | None:
    return case.value(chart) if callable(case.value) else case.value


@pytest.mark.parametrize("name", list(CASES))
def test_bad_input_is_refused_naming_field_and_value(name, chart, api_as):
    case = CASES[name]
    res = RESOURCES[case.resource]
    caller = api_as("owner")
    obj = res.sample(chart)
    counts = table_counts()
    before = fields_of(obj)
    body = case.body(chart)
    if case.patch:
        response = caller.patch(f"{res.path}/{obj.pk}", body)
    else:
        response = caller.post(res.path, body)

    assert response.status_code == 422, response.content
    problems = response.json()["detail"]
    messages = {p["field"]: p["message"] for p in problems}
    assert case.field in messages, problems
    value = _value(case, chart)
    if value is not None:
        assert value in messages[case.field], messages[case.field]
    assert table_counts() == counts
    assert fields_of(obj) == before


def test_unknown_field_message_lists_the_accepted_fields(chart, api_as):
    response = api_as("owner").post("locations", {"name": "X", "adress": "typo"})
    assert response.status_code == 422
    [problem] = response.json()["detail"]
    assert problem["field"] == "adress"
    assert "accepted fields are address, name" in problem["message"]


def test_reporting_cycle_names_the_seats_and_writes_nothing(chart, api_as):
    caller = api_as("owner")
    counts = table_counts()
    response = caller.patch(f"seats/{chart.owner_seat.pk}", {"reports_to": chart.tech_seat.pk})
    assert response.status_code == 422
    [problem] = response.json()["detail"]
    assert problem["field"] == "reports_to"
    # The whole loop is spelled out: Owner → Surgical Technologist 1 → Practice Manager → Owner.
    for seat in ("Owner", "Surgical Technologist 1", "Practice Manager"):
        assert seat in problem["message"]
    assert "cycle" in problem["message"]
    chart.owner_seat.refresh_from_db()
    assert chart.owner_seat.reports_to_id is None
    assert table_counts() == counts


def test_seat_reporting_to_itself_is_a_cycle(chart, api_as):
    response = api_as("owner").patch(
        f"seats/{chart.tech_seat.pk}", {"reports_to": chart.tech_seat.pk}
    )
    assert response.status_code == 422
    assert response.json()["detail"][0]["field"] == "reports_to"


def test_several_problems_are_reported_together(chart, api_as):
    response = api_as("owner").post("seats", {"name": 1, "kind": "boss", "note": [1]})
    assert response.status_code == 422
    assert {p["field"] for p in response.json()["detail"]} == {"name", "kind", "note"}


def test_service_and_schema_problems_share_one_shape(chart, api_as):
    schema = api_as("owner").post("locations", {"name": 5}).json()
    service = api_as("owner").post("locations", {"name": "Downtown"}).json()
    for body in (schema, service):
        assert set(body) == {"detail"}
        assert all(set(p) == {"field", "message"} for p in body["detail"])


@pytest.mark.parametrize(
    ("path", "params", "field"),
    [
        ("seats", {"limit": 501}, "limit"),
        ("seats", {"limit": 0}, "limit"),
        ("seats", {"offset": -1}, "offset"),
        ("seats", {"offset": 10**20}, "offset"),
        ("seats", {"kind": "boss"}, "kind"),
        ("seats", {"location": "abc"}, "location"),
        ("assignments", {"current": "maybe"}, "current"),
        ("assignments", {"person": 10**25}, "person"),
        ("people", {"q": "x" * 201}, "q"),
        ("seats/abc", {}, "id"),
        ("seats/0", {}, "id"),
        ("seats/99999999999999999999999999", {}, "id"),
    ],
)
def test_bad_query_and_path_parameters_are_422(path, params, field, chart, api_as):
    response = api_as("member").get(path, params)
    assert response.status_code == 422, response.content
    problems = response.json()["detail"]
    assert [p["field"] for p in problems] == [field]


def test_missing_id_and_other_practice_id_read_the_same(chart, api_as):
    caller = api_as("owner")
    missing = caller.get("seats/987654")
    foreign = caller.get(f"seats/{chart.other_seat.pk}")
    assert missing.status_code == foreign.status_code == 404
    assert missing.content == foreign.content
    patch = caller.patch(f"seats/{chart.other_seat.pk}", {"note": "x"})
    assert patch.status_code == 404
    assert patch.content == missing.content


def test_fte_with_more_than_two_decimals_is_refused_not_rounded_to_zero(chart, api_as):
    caller = api_as("owner")
    before = fields_of(chart.bob_surgeon)
    response = caller.patch(f"assignments/{chart.bob_surgeon.pk}", {"fte": 0.001})
    assert response.status_code == 422
    [problem] = response.json()["detail"]
    assert problem["field"] == "fte"
    assert "0.001" in problem["message"] and "decimal places" in problem["message"]
    assert fields_of(chart.bob_surgeon) == before
    assert (
        caller.patch(f"assignments/{chart.bob_surgeon.pk}", {"fte": "0.25"}).json()["fte"] == 0.25
    )


def test_nul_characters_are_refused_not_a_database_error(chart, api_as):
    # PostgreSQL cannot store NUL in text or JSON; found by the schemathesis suite.
    caller = api_as("owner")
    response = caller.post(
        "roles", {"title": "R", "kind": "support", "responsibilities": ["ok", "bad\x00"]}
    )
    assert response.status_code == 422
    assert response.json()["detail"][0]["field"] == "responsibilities[1]"
    assert "NUL" in response.json()["detail"][0]["message"]
    assert caller.post("locations", {"name": "a\x00b"}).status_code == 422
    search = caller.get("people", {"q": "a\x00"})
    assert search.status_code == 422
    assert search.json()["detail"][0]["field"] == "q"
