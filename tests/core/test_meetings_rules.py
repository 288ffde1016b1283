"""The meeting rules of the Accountability area: each fires, doing its fix clears it, and
a legitimate look-alike does not fire."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from practiceos.core.health import Area, Policy, run_check
from practiceos.core.health.fixes import PlainStep
from practiceos.core.meetings import OpenIssue, TeamMeetings, TodoOutcome
from practiceos.core.model import Snapshot, Team

from .builders import AS_OF, Org, only

DAY = dt.timedelta(days=1)
WEEK = dt.timedelta(weeks=1)


def surgical(*, support: bool = True) -> Org:
    """A surgical team: its manager, a surgeon and (by default) a scrub tech."""
    org = Org()
    org.teams.append(Team("t1", "Surgical Services", manager_seat_id="pm"))
    org.seat("owner", "leadership", name="Owner", person="Dr. Ana Patel")
    org.seat("pm", "management", name="Practice Manager", reports_to="owner", team="t1")
    org.seat("surg", "provider", name="Surgeon", reports_to="owner", team="t1")
    if support:
        org.seat("tech", "support", name="Scrub Tech", reports_to="pm", serves=("surg",), team="t1")
    return org


def record(**changes: object) -> TeamMeetings:
    """A healthy weekly meeting: set up half a year ago, held 3 days ago, to-dos done,
    support staff heard last month."""
    base = TeamMeetings(
        team_id="t1",
        meeting_name="Surgical weekly",
        recurring=True,
        since=AS_OF - 26 * WEEK,
        last_held=AS_OF - 3 * DAY,
        todos=tuple(TodoOutcome("p1", AS_OF - i * WEEK, AS_OF - i * WEEK) for i in range(1, 4)),
        open_issues=(OpenIssue("i1", "Trays late", AS_OF - WEEK, top=True),),
        last_support_issue=AS_OF - 4 * WEEK,
    )
    return replace(base, **changes)  # type: ignore[arg-type]


def check(snapshot: Snapshot, *records: TeamMeetings, policy: Policy | None = None):
    return run_check(replace(snapshot, team_meetings=records), policy)


RULES = ("meeting-not-held", "todo-completion-low", "issue-stale", "support-voice-missing")


def test_a_team_that_meets_well_has_no_meeting_findings():
    report = check(surgical().build(), record())
    assert not [f for f in report.findings if f.rule in RULES]
    assert report.score.areas[Area.ACCOUNTABILITY].score == 100


def test_an_org_file_without_meetings_fires_nothing_and_is_not_scored():
    report = run_check(surgical().build())
    assert not [f for f in report.findings if f.rule in RULES]


def _steps(finding) -> list[str]:
    assert finding.fix and all(isinstance(c, PlainStep) for c in finding.fix)
    return [c.text for c in finding.fix]


# --- meeting-not-held ---------------------------------------------------------------------


def test_meeting_not_held_fires_after_two_weeks_and_holding_it_clears():
    stale = record(last_held=AS_OF - 15 * DAY)
    finding = only(check(surgical().build(), stale), "meeting-not-held")
    assert finding.area is Area.ACCOUNTABILITY and finding.subjects[0].name == "Surgical Services"
    assert "more than 2 weeks" in finding.message
    assert "Start" in _steps(finding)[0]
    held = replace(stale, last_held=AS_OF)  # the fix: hold it this week
    assert not check(surgical().build(), held).findings_for("meeting-not-held")


def test_meeting_not_held_look_alikes_new_series_and_ended_series():
    new = record(since=AS_OF - 10 * DAY, last_held=None)
    ended = record(recurring=False, last_held=AS_OF - 30 * WEEK)
    assert not check(surgical().build(), new, ended).findings_for("meeting-not-held")
    # The policy's gap applies.
    gap = Policy(meeting_gap_weeks=3)
    assert not check(
        surgical().build(), record(last_held=AS_OF - 15 * DAY), policy=gap
    ).findings_for("meeting-not-held")


# --- todo-completion-low ------------------------------------------------------------------


def _todos(done: int, missed: int) -> tuple[TodoOutcome, ...]:
    due = AS_OF - 2 * DAY
    return tuple(TodoOutcome("p1", due, due) for _ in range(done)) + tuple(
        TodoOutcome("p1", due, None) for _ in range(missed)
    )


def test_todo_completion_low_fires_below_the_policy_and_finishing_them_clears():
    low = record(todos=_todos(6, 4))
    finding = only(check(surgical().build(), low), "todo-completion-low")
    assert "6 of 10 to-dos" in finding.message and "60%, below 80%" in finding.message
    assert len(_steps(finding)) == 2
    fixed = record(todos=_todos(9, 1))  # the fix: the open ones get done at the review
    assert not check(surgical().build(), fixed).findings_for("todo-completion-low")


def test_todo_completion_look_alikes_no_todos_due_and_old_misses():
    none_due = record(todos=())
    old_misses = record(
        todos=_todos(5, 0) + tuple(TodoOutcome("p1", AS_OF - 8 * WEEK, None) for _ in range(9))
    )
    assert not check(surgical().build(), none_due).findings_for("todo-completion-low")
    assert not check(surgical().build(), old_misses).findings_for("todo-completion-low")


# --- issue-stale --------------------------------------------------------------------------


def test_issue_stale_fires_for_an_old_top_issue_and_deciding_it_clears():
    old = OpenIssue("i9", "Instrument trays arrive late", AS_OF - 5 * WEEK, top=True)
    finding = only(check(surgical().build(), record(open_issues=(old,))), "issue-stale")
    assert "Instrument trays arrive late" in finding.message
    assert "decision" in _steps(finding)[0]
    assert not check(surgical().build(), record(open_issues=())).findings_for("issue-stale")


def test_issue_stale_look_alike_old_issue_not_in_the_top_three():
    waiting = OpenIssue("i9", "New autoclave someday", AS_OF - 20 * WEEK, top=False)
    assert not check(surgical().build(), record(open_issues=(waiting,))).findings_for("issue-stale")


# --- support-voice-missing ----------------------------------------------------------------


def test_support_voice_missing_fires_and_an_issue_from_support_clears():
    quiet = record(last_support_issue=AS_OF - 20 * WEEK)
    finding = only(check(surgical().build(), quiet), "support-voice-missing")
    assert "support staff" in finding.message and "13 weeks" in finding.message
    spoke = replace(quiet, last_support_issue=AS_OF - DAY)
    assert not check(surgical().build(), spoke).findings_for("support-voice-missing")


def test_support_voice_look_alikes_no_support_seats_and_a_young_meeting():
    quiet = record(last_support_issue=None)
    assert not check(surgical(support=False).build(), quiet).findings_for("support-voice-missing")
    young = record(last_support_issue=None, since=AS_OF - 5 * WEEK)
    assert not check(surgical().build(), young).findings_for("support-voice-missing")


def test_policy_validates_the_new_thresholds():
    import pytest

    from practiceos.core.problems import InputError

    with pytest.raises(InputError) as caught:
        Policy.from_mapping({"todo_completion_min": 120, "issue_stale_weeks": 0})
    text = str(caught.value)
    assert "policy.todo_completion_min: must be a percentage up to 100, got 120" in text
    assert "policy.issue_stale_weeks: must be a whole number of at least 1, got 0" in text
