"""The meeting's pure arithmetic: the agenda file, section clocks, completion rates and
the rule maths (no database)."""

from __future__ import annotations

import datetime as dt

import pytest

from practiceos.core import meetings as m
from practiceos.core.problems import InputError

TODAY = dt.date(2026, 3, 18)  # a Wednesday


def test_standard_agenda_is_the_seven_timed_sections_in_order() -> None:
    agenda = m.standard_agenda()
    assert [(s.key, s.minutes) for s in agenda] == [
        ("checkin", 5),
        ("scorecard", 5),
        ("priorities", 5),
        ("headlines", 5),
        ("todos", 5),
        ("issues", 60),
        ("conclude", 5),
    ]
    assert m.agenda_minutes(agenda) == 90


def test_bad_agenda_reports_every_problem_with_place_and_value() -> None:
    with pytest.raises(InputError) as caught:
        m.parse_agenda(
            {
                "sections": [
                    {"key": "checkin", "title": "Check-in", "minutes": 5},
                    {"key": "checkin", "title": "Again", "minutes": 5},
                    {"key": "gossip", "title": "", "minutes": 999},
                ]
            }
        )
    text = str(caught.value)
    assert "sections[1].key: 'checkin' appears twice" in text
    assert "sections[2].key: 'gossip' is not one of" in text
    assert "sections[2].title" in text
    assert "sections[2].minutes: must be whole minutes from 0 to 180, got 999" in text


@pytest.mark.parametrize("value", [-1, 181, 2.5, "5", True, None])
def test_minutes_outside_range_or_not_whole_are_refused(value: object) -> None:
    assert m.minutes_problems(value, "minutes.issues")


def test_section_clock_counts_down_then_over() -> None:
    start = dt.datetime(2026, 3, 18, 9, 0, tzinfo=dt.UTC)
    clock = m.section_clock(start, 5, start + dt.timedelta(seconds=90))
    assert (clock.elapsed, clock.remaining, clock.overrun) == (90, 210, 0)
    assert clock.label == "3:30 left"
    over = m.section_clock(start, 5, start + dt.timedelta(minutes=7, seconds=5))
    assert over.remaining == 0 and over.overrun == 125 and over.label == "2:05 over"


def test_default_due_is_seven_days_and_week_starts_monday() -> None:
    assert m.default_due(TODAY) == dt.date(2026, 3, 25)
    assert m.week_start(TODAY) == dt.date(2026, 3, 16)
    assert m.next_meeting_on(1, TODAY) == dt.date(2026, 3, 24)
    assert m.next_meeting_on(2, TODAY) == TODAY


def _todo(owner: str, days_ago: int, done_after: int | None) -> m.TodoOutcome:
    due = TODAY - dt.timedelta(days=days_ago)
    done = None if done_after is None else due + dt.timedelta(days=done_after)
    return m.TodoOutcome(owner, due, done)


def test_completion_rate_counts_done_on_time_within_thirteen_weeks() -> None:
    todos = [
        _todo("ana", 3, -1),  # done early
        _todo("ana", 10, 0),  # done on the day
        _todo("ana", 17, 2),  # done late: not done at its meeting
        _todo("ben", 24, None),  # never done
        _todo("ben", 200, 0),  # outside 13 weeks
        _todo("ben", 0, None),  # due today: not counted yet
    ]
    rate = m.completion_rate(todos, TODAY)
    assert (rate.done, rate.due, rate.percent) == (2, 4, 50)
    by_owner = m.completion_by_owner(todos, TODAY)
    assert by_owner["ana"].percent == 67 and by_owner["ben"].percent == 0
    assert m.Rate(0, 0).percent is None and not m.Rate(0, 0).below(90)
    assert m.Rate(9, 10).below(91) and not m.Rate(9, 10).below(90)


def test_weekly_rates_bucket_by_monday() -> None:
    weeks = m.weekly_rates([_todo("ana", 2, 0), _todo("ana", 8, None)], TODAY)
    assert len(weeks) == 13 and weeks[-1][0] == dt.date(2026, 3, 16)
    assert weeks[-1][1] == m.Rate(1, 1) and weeks[-2][1] == m.Rate(0, 1)


@pytest.mark.parametrize("value", [0, 11, "eleven", 5.5, True, None, "-3"])
def test_ratings_outside_one_to_ten_are_refused(value: object) -> None:
    problems = m.rating_problems(value)
    assert problems and "from 1 to 10" in problems[0].message


def test_ratings_in_range_and_average() -> None:
    assert m.rating_problems(1) == [] and m.rating_problems("10") == []
    assert m.average_rating([8, 9, 10]) == 9.0 and m.average_rating([]) is None


def _record(**kw: object) -> m.TeamMeetings:
    base: dict[str, object] = {
        "team_id": "t",
        "meeting_name": "Weekly",
        "recurring": True,
        "since": TODAY - dt.timedelta(weeks=30),
    }
    base.update(kw)
    return m.TeamMeetings(**base)  # type: ignore[arg-type]


def test_meeting_overdue_after_gap_but_not_for_new_or_paused_series() -> None:
    assert m.meeting_overdue(_record(last_held=TODAY - dt.timedelta(days=15)), TODAY, 2)
    assert not m.meeting_overdue(_record(last_held=TODAY - dt.timedelta(days=6)), TODAY, 2)
    assert not m.meeting_overdue(_record(since=TODAY - dt.timedelta(days=5)), TODAY, 2)
    assert not m.meeting_overdue(_record(recurring=False), TODAY, 2)


def test_stale_issues_are_old_top_issues_only() -> None:
    old = m.OpenIssue("1", "Old top", TODAY - dt.timedelta(weeks=6), top=True)
    old_not_top = m.OpenIssue("2", "Old", TODAY - dt.timedelta(weeks=9), top=False)
    fresh = m.OpenIssue("3", "New top", TODAY - dt.timedelta(weeks=1), top=True)
    record = _record(open_issues=(old, old_not_top, fresh))
    assert m.stale_issues(record, TODAY, 4) == [old]


def test_support_voice_missing_needs_a_quarter_of_meetings() -> None:
    assert m.support_voice_missing(_record(), TODAY, 13)
    heard = _record(last_support_issue=TODAY - dt.timedelta(weeks=2))
    assert not m.support_voice_missing(heard, TODAY, 13)
    assert not m.support_voice_missing(_record(since=TODAY - dt.timedelta(weeks=4)), TODAY, 13)
