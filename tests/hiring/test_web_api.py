"""Hiring pages and API: the flow from a vacant seat to a hire, bad scores refused with
the field and the accepted values named, confidentiality (404 outside the chain), and
pinned query counts at two sizes."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from practiceos.hiring import services
from practiceos.hiring.models import Candidate, HiringPlan, InterviewScore
from practiceos.org.models import Assignment

from .conftest import score


def _score_form(**kw: str) -> dict[str, str]:
    data = {"mark_1": "+", "mark_2": "+/-", "gets_it": "yes", "wants_it": "yes", "capacity": "no"}
    data.update(kw)
    return data


def test_manager_opens_a_plan_from_the_seat_scores_two_candidates_and_hires(
    login: Any, hiring: Any, chart: Any
) -> None:
    client = login("manager")
    seat_page = client.get(reverse("org:seat", args=[hiring.seat.pk])).content.decode()
    open_url = reverse("hiring:open", args=[hiring.seat.pk])
    assert "Open a hiring plan" in seat_page and open_url in seat_page
    filled = client.get(reverse("org:seat", args=[chart.surgeon_seat.pk])).content.decode()
    assert "Open a hiring plan" not in filled
    response = client.post(open_url, {"level": "junior"})
    plan = HiringPlan.objects.get()
    assert response["Location"] == reverse("hiring:plan", args=[plan.pk])
    # Going to "open" again lands on the open plan rather than a second one.
    assert client.get(open_url)["Location"] == reverse("hiring:plan", args=[plan.pk])
    page = client.get(reverse("hiring:plan", args=[plan.pk])).content.decode()
    assert "Room turnover at most 10 minutes" in page and "Patients first" in page
    assert "Strong:" in page and "Weak:" in page
    for name in ("Ann Assistant", "Ben Assistant"):
        assert (
            client.post(reverse("hiring:candidate-add", args=[plan.pk]), {"name": name}).status_code
            == 302
        )
    ann, ben = Candidate.objects.order_by("id")
    assert client.post(reverse("hiring:score", args=[ann.pk]), _score_form()).status_code == 302
    assert (
        client.post(reverse("hiring:score", args=[ben.pk]), _score_form(mark_1="-")).status_code
        == 302
    )
    grid = client.get(reverse("hiring:compare", args=[plan.pk])).content.decode()
    assert "Ann Assistant" in grid and "Ben Assistant" in grid and "<svg" in grid
    assert "1 of 1 yes" in grid and "0 of 1 yes" in grid
    response = client.post(reverse("hiring:hire", args=[ann.pk]))
    assert response.status_code == 302
    plan.refresh_from_db()
    assert plan.status == "filled"
    assert Assignment.objects.get(seat=hiring.seat).person.name == "Ann Assistant"
    page = client.get(reverse("hiring:plan", args=[plan.pk])).content.decode()
    assert "the practice has no hiring and onboarding process" in page
    # Each hiring page carries its own "About this page" help (core/data/page_help.yaml).
    for name, args in (("plan", [plan.pk]), ("compare", [plan.pk]), ("candidate", [ann.pk])):
        html = client.get(reverse(f"hiring:{name}", args=args)).content.decode()
        assert f'data-help-key="hiring:{name}"' in html, name


def test_a_score_outside_the_scale_is_a_form_error_naming_the_field(
    login: Any, hiring: Any, personas: Any
) -> None:
    plan = services.open_plan(actor=personas.manager, seat=hiring.seat)
    ann = services.add_candidate(actor=personas.manager, plan=plan, data={"name": "Ann"})
    response = login("manager").post(
        reverse("hiring:score", args=[ann.pk]), _score_form(mark_1="++")
    )
    body = response.content.decode()
    assert response.status_code == 422
    assert "marks[1].mark: must be +, +/- or -" in body and "&#x27;++&#x27;" in body
    assert InterviewScore.objects.count() == 0


def test_candidates_are_404_outside_the_seats_chain(
    client: Any, hiring: Any, personas: Any
) -> None:
    plan = services.open_plan(actor=personas.manager, seat=hiring.seat)
    ann = services.add_candidate(actor=personas.manager, plan=plan, data={"name": "Ann"})
    urls = [
        reverse("hiring:plan", args=[plan.pk]),
        reverse("hiring:candidate", args=[ann.pk]),
        reverse("hiring:compare", args=[plan.pk]),
    ]
    for who in (hiring.manager_other, personas.member, personas.outsider):
        client.force_login(who.user)
        assert [client.get(u).status_code for u in urls] == [404, 404, 404]
        assert "Dental Assistant 1" not in client.get(reverse("hiring:index")).content.decode()
        assert client.post(reverse("hiring:erase", args=[ann.pk])).status_code == 404
    client.force_login(personas.admin.user)
    assert [client.get(u).status_code for u in urls] == [200, 200, 200]
    ann.refresh_from_db()
    assert ann.erased_at is None


def test_closing_a_plan_from_its_page_names_a_missing_reason_then_says_why_it_closed(
    login: Any, hiring: Any, personas: Any
) -> None:
    plan = services.open_plan(actor=personas.manager, seat=hiring.seat)
    client = login("manager")
    page = client.get(reverse("hiring:plan", args=[plan.pk])).content.decode()
    assert 'id="close-plan"' in page and "Close the plan" in page
    refused = client.post(reverse("hiring:close", args=[plan.pk]), {"reason": "   "})
    assert refused.status_code == 422
    body = refused.content.decode()
    assert "reason: is required" in body and '<details class="card" id="close-plan" open>' in body
    plan.refresh_from_db()
    assert plan.status == "open"
    done = client.post(reverse("hiring:close", args=[plan.pk]), {"reason": "Filled from within"})
    assert done.status_code == 302
    page = client.get(reverse("hiring:plan", args=[plan.pk])).content.decode()
    assert "Closed without a hire" in page and "Filled from within" in page
    assert 'id="close-plan"' not in page and "Add a candidate" not in page
    assert reverse("hiring:open", args=[hiring.seat.pk]) in page
    # Outside the chain the plan does not exist.
    client.force_login(hiring.manager_other.user)
    assert client.post(reverse("hiring:close", args=[plan.pk]), {"reason": "x"}).status_code == 404


def test_api_closes_a_plan_and_refuses_a_closed_or_reasonless_close(
    api_as: Any, hiring: Any, personas: Any
) -> None:
    plan = services.open_plan(actor=personas.manager, seat=hiring.seat)
    api = api_as("manager")
    missing = api.post(f"hiring/plans/{plan.pk}/close", {})
    assert missing.status_code == 422 and "reason" in missing.text
    empty = api.post(f"hiring/plans/{plan.pk}/close", {"reason": ""})
    assert empty.status_code == 422 and "reason" in empty.text
    closed = api.post(f"hiring/plans/{plan.pk}/close", {"reason": "Budget cut"})
    assert closed.status_code == 200, closed.content
    assert closed.json()["status"] == "closed" and closed.json()["closed_reason"] == "Budget cut"
    again = api.post(f"hiring/plans/{plan.pk}/close", {"reason": "Twice"})
    assert again.status_code == 422
    assert again.json()["detail"][0] == {
        "field": "plan",
        "message": "the hiring plan for Dental Assistant 1 is closed, not open",
    }
    listed = api.get("hiring/plans").json()["items"]
    assert [(p["status"], p["closed_reason"]) for p in listed] == [("closed", "Budget cut")]
    assert (
        api_as("member").post(f"hiring/plans/{plan.pk}/close", {"reason": "x"}).status_code == 404
    )


def test_api_flow_bad_scores_and_erasure(api_as: Any, hiring: Any, chart: Any) -> None:
    api = api_as("manager")
    response = api.post("hiring/plans", {"seat": hiring.seat.pk, "level": "junior"})
    assert response.status_code == 201, response.content
    plan = response.json()
    assert [q["section"] for q in plan["kit"]][:2] == ["value", "value"]
    again = api.post("hiring/plans", {"seat": hiring.seat.pk})
    assert again.status_code == 422 and again.json()["detail"][0]["field"] == "seat"
    filled = api_as("owner").post("hiring/plans", {"seat": chart.surgeon_seat.pk})
    assert filled.status_code == 422 and "is filled by Bob Surgeon" in filled.text
    cid = api.post(f"hiring/plans/{plan['id']}/candidates", {"name": "Ann"}).json()["id"]
    bad = api.post(
        f"hiring/candidates/{cid}/scores", score(marks=[{"value": "Patients first", "mark": "0"}])
    )
    assert bad.status_code == 422
    assert bad.json()["detail"][0] == {
        "field": "marks[1].mark",
        "message": "must be +, +/- or - (also written +/− and −), got '0'",
    }
    assert api.post(f"hiring/candidates/{cid}/scores", score()).status_code == 201
    grid = api.get(f"hiring/plans/{plan['id']}/side-by-side").json()
    assert grid["values"] == ["Patients first", "Own it"]
    assert (
        grid["candidates"][0]["marks"] == ["+", "+/−"]
        and grid["candidates"][0]["interviewers"] == 1
    )
    erased = api.post(f"hiring/candidates/{cid}/erase", {}).json()
    assert erased["name"] == "Erased candidate" and erased["email"] == ""
    assert api.get(f"hiring/candidates/{cid}/scores").json()[0]["notes"] == ""
    assert api_as("member").get(f"hiring/candidates/{cid}").status_code == 404
    assert api_as("outsider").get(f"hiring/plans/{plan['id']}").status_code == 404
    cid2 = api.post(f"hiring/plans/{plan['id']}/candidates", {"name": "Ben"}).json()["id"]
    hired = api.post(f"hiring/candidates/{cid2}/hire", {})
    assert hired.status_code == 200 and hired.json()["status"] == "filled"
    assert api.get("hiring/plans").json()["items"][0]["candidates"] == 2


def grow(personas: Any, hiring: Any, size: int) -> tuple[HiringPlan, Candidate]:
    """A plan with ``size`` candidates, each scored twice, and ``size`` closed plans."""
    plan = services.open_plan(actor=personas.manager, seat=hiring.seat)
    Candidate.objects.bulk_create(
        Candidate(practice=personas.acme, plan=plan, name=f"C{n}") for n in range(size)
    )
    marks = [{"value": "Patients first", "mark": "+"}, {"value": "Own it", "mark": "-"}]
    InterviewScore.objects.bulk_create(
        InterviewScore(
            practice=personas.acme,
            candidate=c,
            marks=marks,
            gets_it=True,
            wants_it=bool(n % 2),
            capacity=True,
            interviewer_name="I",
        )
        for c in Candidate.objects.filter(plan=plan)
        for n in range(2)
    )
    HiringPlan.objects.bulk_create(
        HiringPlan(
            practice=personas.acme,
            seat=hiring.seat,
            seat_name="Old",
            level="senior",
            status="closed",
        )
        for _ in range(size)
    )
    return plan, Candidate.objects.filter(plan=plan).first()  # type: ignore[return-value]


# As the manager persona (the chain is worked out: its person, seats and the reporting
# pairs); candidate pages add the audited read.
PAGES = {"index": 8, "plan": 10, "candidate": 10, "compare": 11}
API = {"plans": 8, "candidates": 9, "side-by-side": 10}


@pytest.mark.parametrize("size", [2, 30])
def test_page_and_api_queries_are_fixed(
    size: int, login: Any, api_as: Any, hiring: Any, personas: Any, django_assert_num_queries: Any
) -> None:
    plan, candidate = grow(personas, hiring, size)
    client = login("manager")
    urls = {
        "index": reverse("hiring:index"),
        "plan": reverse("hiring:plan", args=[plan.pk]),
        "candidate": reverse("hiring:candidate", args=[candidate.pk]),
        "compare": reverse("hiring:compare", args=[plan.pk]),
    }
    for name, url in urls.items():
        with django_assert_num_queries(PAGES[name]):
            assert client.get(url).status_code == 200
    api = api_as("manager")
    with django_assert_num_queries(API["plans"]):
        assert api.get("hiring/plans", {"limit": 200}).json()["count"] == size + 1
    with django_assert_num_queries(API["candidates"]):
        assert len(api.get(f"hiring/plans/{plan.pk}/candidates").json()) == size
    with django_assert_num_queries(API["side-by-side"]):
        assert len(api.get(f"hiring/plans/{plan.pk}/side-by-side").json()["candidates"]) == size


def test_plans_are_paged_by_the_database_open_ones_first(
    login: Any, api_as: Any, hiring: Any, personas: Any
) -> None:
    from practiceos.hiring.views import PLANS_PER_PAGE

    plan, _candidate = grow(personas, hiring, PLANS_PER_PAGE + 5)  # one open, 105 closed
    api = api_as("manager")
    first = api.get("hiring/plans", {"limit": 10}).json()
    assert first["count"] == PLANS_PER_PAGE + 6 and len(first["items"]) == 10
    assert first["items"][0]["id"] == plan.pk and first["items"][0]["status"] == "open"
    assert first["items"][0]["candidates"] == PLANS_PER_PAGE + 5
    tail = api.get("hiring/plans", {"limit": 10, "offset": PLANS_PER_PAGE}).json()
    assert len(tail["items"]) == 6 and tail["count"] == PLANS_PER_PAGE + 6
    everyone = {p["id"] for p in api.get("hiring/plans", {"limit": 200}).json()["items"]}
    assert len(everyone) == PLANS_PER_PAGE + 6
    client = login("manager")
    page_one = client.get(reverse("hiring:index")).content.decode()
    assert page_one.count('<tr id="plan-') == PLANS_PER_PAGE and f"plan-{plan.pk}" in page_one
    assert "Page 1 of 2 (106 plans)" in page_one and "?page=2" in page_one
    page_two = client.get(reverse("hiring:index"), {"page": "2"}).content.decode()
    assert page_two.count('<tr id="plan-') == 6 and f"plan-{plan.pk}" not in page_two
    for odd in ("0", "999", "two", "-3", "9" * 40):
        response = client.get(reverse("hiring:index"), {"page": odd})
        assert response.status_code == 200
