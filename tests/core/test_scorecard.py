"""Scorecard arithmetic without a database: goals, periods, alerts, formulas, roll-ups."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

import pytest
from hypothesis import given
from hypothesis import strategies as st

from practiceos.core import scorecard as sc
from practiceos.core.scorecard import Cadence, Goal, Operator, Status, Unit


@pytest.mark.parametrize(
    ("goal", "value", "status"),
    [
        (Goal(Operator.AT_LEAST, D(10)), D(10), Status.GREEN),
        (Goal(Operator.AT_LEAST, D(10)), D("9.99"), Status.RED),
        (Goal(Operator.AT_MOST, D(5)), D(5), Status.GREEN),
        (Goal(Operator.AT_MOST, D(5)), D(6), Status.RED),
        (Goal(Operator.EQUAL, D(1)), D(1), Status.GREEN),
        (Goal(Operator.EQUAL, D(1)), D(0), Status.RED),
        (Goal(Operator.BETWEEN, D(2), D(4)), D(2), Status.GREEN),
        (Goal(Operator.BETWEEN, D(2), D(4)), D("4.1"), Status.RED),
        (Goal(Operator.OUTSIDE, D(2), D(4)), D(3), Status.RED),
        (Goal(Operator.OUTSIDE, D(2), D(4)), D(5), Status.GREEN),
        (Goal(Operator.AT_LEAST, D(10)), None, Status.MISSING),
        (Goal(Operator.AT_LEAST, None), D(1), Status.NO_GOAL),
    ],
)
def test_goal_status_per_operator(goal: Goal, value: D | None, status: Status) -> None:
    assert goal.status(value) is status


def test_goal_text() -> None:
    assert Goal(Operator.AT_LEAST, D("95.00")).text() == "≥ 95"
    assert Goal(Operator.BETWEEN, D(2), D("4.5")).text() == "between 2 and 4.5"


def test_operator_that_does_not_fit_the_unit_is_refused_with_the_field() -> None:
    [p] = sc.goal_problems(Unit.YES_NO, Operator.AT_LEAST, D(1), None)
    assert p.where == "goal.operator" and "yes/no" in p.message
    assert sc.goal_problems(Unit.YES_NO, Operator.EQUAL, D(1), None) == []
    [p] = sc.goal_problems(Unit.NUMBER, Operator.BETWEEN, D(5), D(2))
    assert p.where == "goal.high"
    [p] = sc.goal_problems(Unit.PERCENT, Operator.AT_LEAST, D(120), None)
    assert "0 to 100" in p.message


def test_parse_number_accepts_what_people_type_and_names_what_is_accepted() -> None:
    assert sc.parse_number("1,234.5", Unit.CURRENCY) == D("1234.5")
    assert sc.parse_number("95%", Unit.PERCENT) == D(95)
    assert sc.parse_number("yes", Unit.YES_NO) == D(1)
    with pytest.raises(ValueError, match="is not a number"):
        sc.parse_number("twelve", Unit.NUMBER)
    with pytest.raises(ValueError, match="yes or no"):
        sc.parse_number("maybe", Unit.YES_NO)
    with pytest.raises(ValueError, match="negative"):
        sc.parse_number("-3", Unit.DAYS)
    with pytest.raises(ValueError, match="out of range"):
        sc.parse_number("1e20", Unit.NUMBER)
    with pytest.raises(ValueError):
        sc.parse_number("NaN", Unit.NUMBER)


def test_periods_weeks_and_months() -> None:
    assert sc.parse_period("2026-W05", Cadence.WEEKLY) == dt.date(2026, 1, 26)
    assert sc.parse_period("2026-01-29", Cadence.WEEKLY) == dt.date(2026, 1, 26)
    assert sc.parse_period("2026-03", Cadence.MONTHLY) == dt.date(2026, 3, 1)
    assert sc.parse_period("2026-W53", Cadence.WEEKLY) == dt.date(2026, 12, 28)  # 2026 has 53
    with pytest.raises(ValueError, match="week 53 does not exist in 2025"):
        sc.parse_period("2025-W53", Cadence.WEEKLY)
    with pytest.raises(ValueError, match="is not a period"):
        sc.parse_period("2026-02-30", Cadence.WEEKLY)
    assert sc.week_label(dt.date(2026, 1, 26)) == "2026-W05"
    weeks = sc.trailing_periods(dt.date(2026, 1, 28), 4, Cadence.WEEKLY)
    assert weeks == tuple(dt.date(2026, 1, 26) - dt.timedelta(weeks=i) for i in (3, 2, 1, 0))
    months = sc.trailing_periods(dt.date(2026, 2, 10), 3, Cadence.MONTHLY)
    assert months == (dt.date(2025, 12, 1), dt.date(2026, 1, 1), dt.date(2026, 2, 1))


def _series(values: list[int | None], goal: Goal) -> tuple[sc.Cell, ...]:
    periods = sc.trailing_periods(dt.date(2026, 6, 1), len(values), Cadence.WEEKLY)
    data = {p: D(v) for p, v in zip(periods, values, strict=True) if v is not None}
    return sc.cells(periods, data, goal)


def test_red_streak_and_falling_alerts() -> None:
    goal = Goal(Operator.AT_LEAST, D(10))
    series = _series([20, 18, 16, 14, 9, 8, 7], goal)
    assert sc.red_streak(series) == 3
    texts = [a.text for a in sc.alerts(series, Cadence.WEEKLY, goal.higher_is_better)]
    assert texts == ["red 3 weeks running", "falling 7 weeks"]


def test_a_gap_ends_a_red_streak_and_a_rise_is_not_a_warning_when_higher_is_better() -> None:
    goal = Goal(Operator.AT_LEAST, D(100))
    series = _series([1, 2, None, 3, 4, 5, 6, 7, 8], goal)
    assert sc.red_streak(series) == 6
    kinds = [a.kind for a in sc.alerts(series, Cadence.WEEKLY, True)]
    assert "rising" not in kinds and "falling" not in kinds
    assert sc.red_streak(_series([1, 2, None], goal)) == 0
    assert [
        a.kind for a in sc.alerts(_series([50, None, None, None], goal), Cadence.WEEKLY, True)
    ] == ["missing-streak"]


def test_override_applies_to_its_period_only() -> None:
    goal = Goal(Operator.AT_LEAST, D(10))
    periods = sc.trailing_periods(dt.date(2026, 6, 1), 2, Cadence.WEEKLY)
    values = {p: D(6) for p in periods}
    cells = sc.cells(periods, values, goal, {periods[0]: Goal(Operator.AT_LEAST, D(5))})
    assert [c.status for c in cells] == [Status.GREEN, Status.RED]
    assert cells[0].overridden and not cells[1].overridden


def test_summary_counts_missing_as_missing_not_zero() -> None:
    summary = sc.summarise(_series([10, None, 20], Goal(Operator.AT_LEAST, D(15))))
    assert summary.total == D(30) and summary.average == D("15.00")
    assert (summary.present, summary.missing, summary.green, summary.red) == (2, 1, 1, 1)


def test_sparkline_breaks_at_gaps() -> None:
    runs = sc.sparkline([D(1), D(2), None, D(3), D(4)])
    assert len(runs) == 2 and all(len(r.split()) == 2 for r in runs)
    assert sc.sparkline([None, None]) == ()


def test_formulas_evaluate_and_missing_input_is_missing() -> None:
    f = sc.parse_formula("(production - refunds) / hours * 100")
    assert f.refs == {"production", "refunds", "hours"}
    vals = {"production": D(1000), "refunds": D(100), "hours": D(9)}
    assert sc.evaluate(f, vals) == D("10000.0000")
    assert sc.evaluate(f, vals | {"hours": None}) is None
    assert sc.evaluate(f, vals | {"hours": D(0)}) is None


@pytest.mark.parametrize("text", ["a +", "(a", "a)", "a b", "a % b", "", "* a"])
def test_malformed_formulas_are_refused(text: str) -> None:
    with pytest.raises(ValueError):
        sc.parse_formula(text)


def test_formula_problems_find_self_reference_missing_and_cycles_all_at_once() -> None:
    problems = sc.formula_problems(
        {"a": "a + 1", "b": "c * 2", "c": "b / 2", "d": "ghost + 1"}, known={"a", "b", "c", "d"}
    )
    messages = [p.message for p in problems]
    assert "'a' refers to itself" in messages
    assert "'ghost' is not a measurable of this practice" in messages
    assert any("refer to each other: b → c → b" in m for m in messages)


def test_evaluation_order_puts_inputs_first() -> None:
    parsed = {"x": sc.parse_formula("y + 1"), "y": sc.parse_formula("z * 2")}
    assert sc.evaluation_order(parsed) == ("y", "x")


def test_roll_up_shows_spread_worst_first_and_missing_sites_by_name() -> None:
    goal = Goal(Operator.AT_LEAST, D(90))
    r = sc.roll_up({"A": D(95), "B": D(70), "C": None, "D": D(92), "E": D(60)}, goal, worst=2)
    assert r.count == 5 and r.present == 4
    assert r.missing == ("C",)
    assert r.worst == (("E", D(60)), ("B", D(70)))
    assert r.red == ("B", "E")
    assert (r.minimum, r.maximum) == (D(60), D(95))
    assert r.mean == D("79.25")  # the missing site is not a zero


def test_roll_up_lower_is_better_ranks_highest_first() -> None:
    r = sc.roll_up({"A": D(3), "B": D(9)}, Goal(Operator.AT_MOST, D(5)))
    assert r.worst[0] == ("B", D(9))


def test_roll_up_with_nothing_entered_is_all_missing() -> None:
    r = sc.roll_up({"A": None, "B": None}, Goal(Operator.AT_LEAST, D(1)))
    assert r.present == 0 and r.mean is None and r.missing == ("A", "B")


@given(st.dictionaries(st.text(min_size=1, max_size=4), st.none() | st.integers(-1000, 1000)))
def test_roll_up_never_loses_a_site(values: dict[str, int | None]) -> None:
    data = {k: (D(v) if v is not None else None) for k, v in values.items()}
    r = sc.roll_up(data, Goal(Operator.AT_LEAST, D(0)), worst=len(data) or 1)
    assert r.present + len(r.missing) == len(data)
    assert {k for k, _ in r.worst} | set(r.missing) == set(data)


def test_pulse_is_withheld_below_three_answers_per_part() -> None:
    assert sc.pulse_aggregate([(5, None, 4), (3, None, 2)]).peers is None
    agg = sc.pulse_aggregate([(5, 4, 4), (3, None, 2), (4, None, 3)])
    assert agg.shown and agg.peers == D("4.0") and agg.manager == D("3.0")
    assert agg.reports is None  # one manager's answer about their reports is never shown
