"""The bar, ratings, the plan state machine, overdue and recognition (pure core)."""

from __future__ import annotations

import datetime as dt

import pytest

from practiceos.core.problems import Problem
from practiceos.core.reviews import (
    Bar,
    PlanStatus,
    Rating,
    RecognitionInput,
    SeatFit,
    check_extension,
    check_new_plan,
    check_outcome,
    is_overdue,
    judge,
    parse_rating,
    parse_values,
    to_recognise,
)

TODAY = dt.date(2026, 3, 1)
YES = SeatFit(True, True, True)


def test_default_bar_allows_one_mixed_and_no_minus() -> None:
    bar = Bar()
    one_mixed = {"Patients first": Rating.PLUS, "Own it": Rating.MIXED}
    assert judge(one_mixed, YES, bar).above
    two_mixed = {**one_mixed, "Team": Rating.MIXED}
    result = judge(two_mixed, YES, bar)
    assert not result.above and not result.values_ok and result.seat_ok
    assert "+/− on Own it, Team" in result.reasons[0]
    minus = {"Patients first": Rating.MINUS}
    assert not judge(minus, YES, bar).values_ok


def test_a_no_on_the_seat_is_below_the_bar_even_with_perfect_values() -> None:
    result = judge({"Patients first": Rating.PLUS}, SeatFit(True, False, True), Bar())
    assert not result.above and result.values_ok and not result.seat_ok
    assert result.reasons == ("no to wants it",)


def test_a_practice_can_set_a_stricter_bar() -> None:
    assert not judge({"A": Rating.MIXED}, YES, Bar(max_mixed=0)).above
    assert "no −, no +/−" in Bar(max_mixed=0).describe()


@pytest.mark.parametrize(
    ("text", "rating"),
    [
        ("+", Rating.PLUS),
        ("+/-", Rating.MIXED),
        ("+/−", Rating.MIXED),
        ("±", Rating.MIXED),
        ("−", Rating.MINUS),
        (" - ", Rating.MINUS),
        ("Plus", Rating.PLUS),
    ],
)
def test_ratings_accept_the_ways_people_type_them(text: str, rating: Rating) -> None:
    assert parse_rating(text, "r") is rating


@pytest.mark.parametrize("bad", ["++", "5", "", None, 3, "good"])
def test_a_rating_outside_the_scale_is_refused_naming_the_item(bad: object) -> None:
    ratings, problems = parse_values([{"value": "Own it", "rating": bad}])
    assert ratings == {}
    assert problems[0].where == "values[0].rating"
    assert "+, +/− or −" in problems[0].message


def test_values_problems_name_each_item_and_duplicates() -> None:
    _, problems = parse_values(
        [{"value": "A", "rating": "+"}, {"value": "A", "rating": "-"}, {"rating": "+"}, "x"]
    )
    assert [p.where for p in problems] == ["values[1].value", "values[2].value", "values[3]"]
    _, problems = parse_values([{"value": "v", "rating": "+"}] * 13)
    assert problems[0].where == "values" and "at most 12" in problems[0].message


def test_a_plan_needs_a_future_end_date_within_a_year() -> None:
    assert check_new_plan(start=TODAY, end=TODAY + dt.timedelta(days=60), today=TODAY) == []
    [missing] = check_new_plan(start=TODAY, end=None, today=TODAY)
    assert missing.where == "end_date" and "required" in missing.message
    [past] = check_new_plan(start=TODAY, end=TODAY - dt.timedelta(days=1), today=TODAY)
    assert past.where == "end_date" and "2026-02-28" in past.message
    [same_day] = check_new_plan(start=TODAY, end=TODAY, today=TODAY)
    assert "not in the future" in same_day.message
    [far] = check_new_plan(start=TODAY, end=TODAY + dt.timedelta(days=400), today=TODAY)
    assert "at most 366 days" in far.message


def test_a_plan_is_extended_once_with_a_reason_and_a_later_date() -> None:
    end = TODAY + dt.timedelta(days=5)
    ok = check_extension(
        status=PlanStatus.OPEN,
        extensions=0,
        end=end,
        new_end=end + dt.timedelta(days=30),
        reason="Training slipped a month",
        today=TODAY,
    )
    assert ok == []
    [twice] = check_extension(
        status=PlanStatus.OPEN,
        extensions=1,
        end=end,
        new_end=end + dt.timedelta(days=30),
        reason="again",
        today=TODAY,
    )
    assert twice.where == "new_end_date" and "already extended once" in twice.message
    problems = check_extension(
        status=PlanStatus.OPEN, extensions=0, end=end, new_end=end, reason=" ", today=TODAY
    )
    assert {p.where for p in problems} == {"reason", "new_end_date"}
    [closed] = check_extension(
        status=PlanStatus.MET,
        extensions=0,
        end=end,
        new_end=end + dt.timedelta(days=9),
        reason="r",
        today=TODAY,
    )
    assert closed.where == "status"


def test_outcomes_close_an_open_plan_once() -> None:
    assert check_outcome(status=PlanStatus.OPEN, outcome="met") == (PlanStatus.MET, [])
    _, [again] = check_outcome(status=PlanStatus.SEPARATED, outcome="met")
    assert again.where == "outcome" and "already closed (separated)" in again.message
    _, [ext] = check_outcome(status=PlanStatus.OPEN, outcome="extended")
    assert "its own step" in ext.message
    _, [bad] = check_outcome(status=PlanStatus.OPEN, outcome="fired")
    assert bad == Problem(
        "outcome", "'fired' is not an outcome; use one of met, separated, withdrawn"
    )


def test_overdue_is_an_open_plan_past_its_end_date() -> None:
    yesterday = TODAY - dt.timedelta(days=1)
    assert is_overdue(PlanStatus.OPEN, yesterday, TODAY)
    assert not is_overdue(PlanStatus.OPEN, TODAY, TODAY)  # ends today: not late yet
    assert not is_overdue(PlanStatus.MET, yesterday, TODAY)
    assert not is_overdue(PlanStatus.OPEN, None, TODAY)


def test_recognition_lists_people_above_the_bar_without_a_plan() -> None:
    def person(name: str, **kw: object) -> RecognitionInput:
        base: dict[str, object] = {
            "person_id": name,
            "name": name,
            "latest_review": TODAY - dt.timedelta(days=10),
            "above_bar": True,
            "plus_values": ("Patients first",),
            "open_plan": False,
            "numbers_on_track": None,
        }
        base.update(kw)
        return RecognitionInput(**base)  # type: ignore[arg-type]

    found = to_recognise(
        [
            person("Ana"),
            person("Ben", above_bar=False),
            person("Cy", open_plan=True),
            person("Di", numbers_on_track=False),
            person("Ed", latest_review=TODAY - dt.timedelta(days=200)),
            person("Flo", numbers_on_track=True),
        ],
        today=TODAY,
    )
    assert [r.name for r in found] == ["Ana", "Flo"]
    assert "living Patients first" in found[0].what
    assert "numbers on track" in found[1].what
