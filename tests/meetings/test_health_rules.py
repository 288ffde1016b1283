"""The meeting rules on a practice in the database: the snapshot's meetings section feeds
them (built in a fixed number of queries)."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from practiceos.core.health import run_check
from practiceos.meetings import services
from practiceos.meetings.models import Meeting, TeamIssue
from practiceos.org.snapshot import build_snapshot


def rules(practice) -> set[str]:
    return {f.rule for f in run_check(build_snapshot(practice)).findings}


def test_snapshot_carries_each_teams_meeting_record(personas, crew):
    run = services.start_run(actor=personas.manager, meeting=crew.meeting)
    services.raise_issue(actor=personas.member, team=crew.team, title="Trays late")
    services.add_todo(
        actor=personas.member, team=crew.team, title="Call SPD", owner_id=crew.tess.pk
    )
    snapshot = build_snapshot(personas.acme)
    (record,) = snapshot.team_meetings
    assert record.team_id == str(crew.team.pk) and record.recurring
    assert record.last_held == run.started_at.date()
    assert record.last_support_issue == timezone.localdate()
    assert [i.title for i in record.open_issues] == ["Trays late"]


def test_meeting_not_held_and_support_voice_fire_then_clear(personas, crew):
    long_ago = timezone.now() - dt.timedelta(weeks=20)
    Meeting.objects.filter(pk=crew.meeting.pk).update(created_at=long_ago)
    fired = rules(personas.acme)
    assert {"meeting-not-held", "support-voice-missing"} <= fired
    # Hold the meeting and let the scrub tech raise an issue: both clear.
    services.start_run(actor=personas.manager, meeting=crew.meeting)
    services.raise_issue(actor=personas.member, team=crew.team, title="Trays late")
    assert TeamIssue.objects.get().raiser_kind == "support"
    cleared = rules(personas.acme)
    assert "meeting-not-held" not in cleared and "support-voice-missing" not in cleared
