"""Bad input to people accountability: refused with a message naming the field (and the
value), nothing else changed, never a 500; through the services, the API and the pages."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from tests.people.conftest import plan_data, review_data

TODAY = dt.date.today()


def _counts() -> dict[str, int]:
    from practiceos.audit.models import AuditRecord
    from practiceos.people.models import Checkpoint, OneOnOne, Plan, Review

    return {
        m.__name__: m.objects.count() for m in (Review, Plan, Checkpoint, OneOnOne, AuditRecord)
    }


def _refused(call: Any) -> list[Any]:
    from practiceos.core.problems import InputError

    before = _counts()
    with pytest.raises(InputError) as err:
        call()
    assert _counts() == before
    return err.value.problems


@pytest.mark.parametrize(
    ("change", "field", "words"),
    [
        (
            {"values": [{"value": "Own it", "rating": "++"}]},
            "values[0].rating",
            "'++' is not a rating",
        ),
        ({"values": [{"value": "Own it", "rating": "5"}]}, "values[0].rating", "+, +/− or −"),
        ({"held_on": (TODAY + dt.timedelta(days=3)).isoformat()}, "held_on", "in the future"),
        ({"held_on": "31/12/2025"}, "held_on", "is not a date"),
        ({"gets_it": "maybe"}, "gets_it", "'maybe' is not accepted"),
        ({"manager_notes": "x" * 4001}, "manager_notes", "at most 4000"),
    ],
)
def test_review_bad_input_names_the_field(cast, personas, change, field, words):
    from practiceos.people import services

    problems = _refused(
        lambda: services.record_review(
            actor=personas.manager, person=cast.tom, data=review_data(**change)
        )
    )
    assert problems[0].where == field
    assert words in problems[0].message


def test_a_review_of_someone_outside_the_reviewers_chain_is_refused(cast, personas):
    from practiceos.people import services

    problems = _refused(
        lambda: services.record_review(actor=personas.manager, person=cast.bob, data=review_data())
    )
    assert problems[0].where == "person"
    assert "Bob Surgeon is not in your reporting line" in problems[0].message


def test_nobody_reviews_themselves(cast, personas):
    from practiceos.people import services

    problems = _refused(
        lambda: services.record_review(actor=personas.manager, person=cast.mia, data=review_data())
    )
    assert problems[0].where == "person" and "is you" in problems[0].message


@pytest.mark.parametrize(
    ("change", "field", "words"),
    [
        ({"end_date": None}, "end_date", "required: a plan needs a committed end date"),
        ({"end_date": (TODAY - dt.timedelta(days=1)).isoformat()}, "end_date", "not in the future"),
        ({"end_date": (TODAY + dt.timedelta(days=500)).isoformat()}, "end_date", "at most 366"),
        ({"reason": "attitude"}, "reason", "'attitude' is not accepted"),
        ({"expectations": []}, "expectations", "at least one"),
        (
            {"expectations": [{"text": "Be on time", "measurable": 99}]},
            "expectations[0].measurable",
            "not a measurable",
        ),
    ],
)
def test_plan_bad_input_names_the_field(cast, personas, change, field, words):
    from practiceos.people import services
    from practiceos.people.models import Plan

    Plan.objects.filter(pk=cast.tom_plan.pk).update(status="withdrawn", closed_on=TODAY)
    problems = _refused(
        lambda: services.open_plan(
            actor=personas.manager, person=cast.tom, data=plan_data(**change)
        )
    )
    assert problems[0].where == field, problems
    assert words in problems[0].message


def test_a_second_open_plan_is_refused(cast, personas):
    from practiceos.people import services

    problems = _refused(
        lambda: services.open_plan(actor=personas.manager, person=cast.tom, data=plan_data())
    )
    assert problems[0].where == "person" and "already has an open plan" in problems[0].message


def test_a_second_extension_is_refused_and_the_date_kept(cast, personas):
    from practiceos.people import services

    plan = cast.tom_plan
    first = {"new_end_date": (TODAY + dt.timedelta(days=90)).isoformat(), "reason": "Leave"}
    services.extend_plan(actor=personas.manager, plan=plan, data=first)
    second = {"new_end_date": (TODAY + dt.timedelta(days=120)).isoformat(), "reason": "Again"}
    problems = _refused(
        lambda: services.extend_plan(actor=personas.manager, plan=plan, data=second)
    )
    assert problems[0].where == "new_end_date" and "already extended once" in problems[0].message
    plan.refresh_from_db()
    assert plan.end_date == TODAY + dt.timedelta(days=90) and plan.extensions == 1


def test_an_outcome_on_a_closed_plan_is_refused(cast, personas):
    from practiceos.people import services

    plan = cast.tom_plan
    services.record_outcome(actor=personas.manager, plan=plan, data={"outcome": "met"})
    problems = _refused(
        lambda: services.record_outcome(
            actor=personas.manager, plan=plan, data={"outcome": "separated"}
        )
    )
    assert problems[0].where == "outcome" and "already closed (met)" in problems[0].message
    checkpoint = {"held_on": TODAY.isoformat(), "on_track": True}
    problems = _refused(
        lambda: services.add_checkpoint(actor=personas.manager, plan=plan, data=checkpoint)
    )
    assert problems[0].where == "plan"


def test_api_bad_input_is_a_422_naming_the_field(cast, api_as):
    from practiceos.people.models import Plan

    Plan.objects.filter(pk=cast.tom_plan.pk).update(status="withdrawn", closed_on=TODAY)
    caller = api_as("manager")
    before = _counts()
    body = review_data(person=cast.tom.pk, values=[{"value": "Own it", "rating": "excellent"}])
    response = caller.post("reviews", body)
    assert response.status_code == 422
    assert response.json()["detail"][0]["field"] == "values[0].rating"
    response = caller.post(
        "plans",
        {
            "person": cast.tom.pk,
            "reason": "numbers",
            "expectations": [{"text": "x"}],
            "end_date": "2001-01-01",
        },
    )
    assert response.status_code == 422
    assert {p["field"] for p in response.json()["detail"]} == {"end_date"}
    response = caller.post(
        "plans", {"person": cast.tom.pk, "reason": "numbers", "expectations": [{"text": "x"}]}
    )
    assert response.status_code == 422 and response.json()["detail"][0]["field"] == "end_date"
    response = caller.post(f"plans/{cast.tom_plan.pk}/outcome", {"outcome": "extended"})
    assert response.status_code == 422 and response.json()["detail"][0]["field"] == "outcome"
    response = caller.post(
        "style/advice", {"situation": "party", "competence": "low", "commitment": "high"}
    )
    assert response.status_code == 422 and response.json()["detail"][0]["field"] == "situation"
    assert _counts() == before


def test_page_bad_input_shows_the_problem_and_keeps_the_form(cast, login):
    client = login("manager")
    before = _counts()
    response = client.post(
        f"/people/person/{cast.tom.pk}/reviews/new/",
        {
            "held_on": TODAY.isoformat(),
            "value_0": "Own it",
            "rating_0": "??",
            "gets_it": "yes",
            "wants_it": "yes",
            "capacity": "yes",
        },
    )
    assert response.status_code == 422
    assert "values[0].rating" in response.content.decode()
    assert 'value="Own it"' in response.content.decode()
    response = client.post(
        f"/people/plans/{cast.tom_plan.pk}/extend/", {"new_end_date": "2001-01-01", "reason": ""}
    )
    assert response.status_code == 422
    text = response.content.decode()
    assert "reason: is required" in text
    response = client.get("/people/style/?situation=crisis&competence=expert&commitment=high")
    assert response.status_code == 422 and "competence" in response.content.decode()
    assert {k: v for k, v in _counts().items() if k != "AuditRecord"} == {
        k: v for k, v in before.items() if k != "AuditRecord"
    }
