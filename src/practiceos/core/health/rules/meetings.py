"""Weekly team meeting rules, in the Accountability area (DESIGN §1 principles 6, 3, 7).

Each reads the teams' meeting records (:attr:`Snapshot.team_meetings`, filled by the
meetings app; empty for an org file, so nothing fires there) and the practice's policy:

- ``meeting-not-held``: a team with a recurring meeting has not met for
  ``meeting_gap_weeks`` weeks (a series younger than that has had no chance yet);
- ``todo-completion-low``: a team finished fewer than ``todo_completion_min`` percent of
  the to-dos that fell due over the last 4 weeks (no to-dos due: nothing to judge);
- ``issue-stale``: an issue in a team's top three has been open for
  ``issue_stale_weeks`` weeks (issues off the top three wait their turn legitimately);
- ``support-voice-missing``: a meeting team with support seats heard no issue raised by
  support staff in ``support_voice_weeks`` weeks (teams without support seats, or whose
  meeting is younger than that, are left alone).

Their fixes are plain steps for people to take (hold the meeting, review the to-dos...),
not changes to the chart.
"""

from __future__ import annotations

from collections.abc import Iterator

from practiceos.core import meetings as m
from practiceos.core.health.engine import RuleContext, rule
from practiceos.core.health.facts import Facts
from practiceos.core.health.findings import Area, Finding, Severity, Subject, SubjectType
from practiceos.core.health.fixes import PlainStep
from practiceos.core.model import SeatKind, Snapshot

#: The weeks todo-completion-low looks back over (the issue's definition).
TODO_RULE_WEEKS = 4


def _recurring(facts: Facts) -> list[m.TeamMeetings]:
    return [r for r in facts.snapshot.team_meetings if r.recurring]


def _team(snapshot: Snapshot, record: m.TeamMeetings) -> Subject:
    team = snapshot.teams_by_id.get(record.team_id)
    return Subject(SubjectType.TEAM, record.team_id, team.name if team else record.meeting_name)


@rule(
    "meeting-not-held",
    area=Area.ACCOUNTABILITY,
    severity=Severity.MEDIUM,
    principles=(6, 7),
    checks=lambda facts: len(_recurring(facts)),
    summary="A team with a recurring meeting that has stopped meeting.",
)
def meeting_not_held(ctx: RuleContext) -> Iterator[Finding]:
    """Recurring meetings not held for ``meeting_gap_weeks`` weeks."""
    today, weeks = ctx.snapshot.as_of, ctx.policy.meeting_gap_weeks
    for record in _recurring(ctx.facts):
        if not m.meeting_overdue(record, today, weeks):
            continue
        last = f"last met on {record.last_held:%d %b %Y}" if record.last_held else "never met"
        subject = _team(ctx.snapshot, record)
        yield ctx.finding(
            [subject],
            f'{subject.name} has a weekly meeting ("{record.meeting_name}") but {last}: '
            f"more than {weeks} weeks without one. Numbers, issues and to-dos go unreviewed.",
            fix=[
                PlainStep(
                    f"Hold {record.meeting_name} this week: Meetings → {subject.name} → Start."
                ),
                PlainStep(
                    "If the team no longer meets, change the day or time so it can, "
                    "or end the recurring meeting."
                ),
            ],
        )


@rule(
    "todo-completion-low",
    area=Area.ACCOUNTABILITY,
    severity=Severity.MEDIUM,
    principles=6,
    checks=lambda facts: len(_recurring(facts)),
    summary="A team finishing too few of its to-dos on time.",
)
def todo_completion_low(ctx: RuleContext) -> Iterator[Finding]:
    """Teams below ``todo_completion_min`` percent over the last 4 weeks."""
    today, goal = ctx.snapshot.as_of, ctx.policy.todo_completion_min
    for record in _recurring(ctx.facts):
        rate = m.completion_rate(record.todos, today, TODO_RULE_WEEKS)
        if not rate.below(goal):
            continue
        subject = _team(ctx.snapshot, record)
        yield ctx.finding(
            [subject],
            f"{subject.name} finished {rate.done} of {rate.due} to-dos on time over the last "
            f"{TODO_RULE_WEEKS} weeks ({rate.percent}%, below {goal}%).",
            fix=[
                PlainStep(
                    "At the next meeting, review each open to-do with its owner: done, "
                    "not done, or dropped onto the issues list if it is stuck."
                ),
                PlainStep("Keep new to-dos to what one person can finish in seven days."),
            ],
        )


@rule(
    "issue-stale",
    area=Area.ACCOUNTABILITY,
    severity=Severity.LOW,
    principles=6,
    checks=lambda facts: sum(1 for r in _recurring(facts) for i in r.open_issues if i.top),
    summary="An issue in a team's top three left open for weeks.",
)
def issue_stale(ctx: RuleContext) -> Iterator[Finding]:
    """Top-three issues open for ``issue_stale_weeks`` weeks or more."""
    today, weeks = ctx.snapshot.as_of, ctx.policy.issue_stale_weeks
    for record in _recurring(ctx.facts):
        for issue in m.stale_issues(record, today, weeks):
            subject = _team(ctx.snapshot, record)
            yield ctx.finding(
                [subject],
                f'"{issue.title}" has been in {subject.name}\'s top three since '
                f"{issue.raised_on:%d %b %Y}, more than {weeks} weeks without a decision.",
                fix=[
                    PlainStep(
                        f'Work "{issue.title}" first at the next meeting and record a '
                        "decision with owned to-dos."
                    ),
                    PlainStep(
                        "If it cannot be solved now, move it to the long-term list or to the "
                        "team that owns it."
                    ),
                ],
            )


def _support_teams(snapshot: Snapshot) -> frozenset[str]:
    return frozenset(s.team_id for s in snapshot.seats if s.kind is SeatKind.SUPPORT and s.team_id)


@rule(
    "support-voice-missing",
    area=Area.ACCOUNTABILITY,
    severity=Severity.LOW,
    principles=(3, 7),
    checks=lambda facts: sum(
        1 for r in _recurring(facts) if r.team_id in _support_teams(facts.snapshot)
    ),
    summary="A meeting team whose support staff never raise an issue.",
)
def support_voice_missing(ctx: RuleContext) -> Iterator[Finding]:
    """Teams with support seats and no issue from support staff in ``support_voice_weeks``."""
    today, weeks = ctx.snapshot.as_of, ctx.policy.support_voice_weeks
    with_support = _support_teams(ctx.snapshot)
    for record in _recurring(ctx.facts):
        if record.team_id not in with_support:
            continue
        if not m.support_voice_missing(record, today, weeks):
            continue
        subject = _team(ctx.snapshot, record)
        yield ctx.finding(
            [subject],
            f"{subject.name} has support staff, but none of them raised an issue in the last "
            f"{weeks} weeks. The people closest to the work see process problems first.",
            fix=[
                PlainStep(
                    "Ask the support staff on the team what slows them down, and put each "
                    "answer on the issues list in their name."
                ),
                PlainStep(
                    "Remind the team that anyone can raise an issue at any time, from the "
                    "meeting page or the API."
                ),
            ],
        )
