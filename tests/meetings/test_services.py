"""Meeting services: permissions, refusals naming the field, the one-open-run rule,
concurrent edits, solving with a decision and to-dos, the recap email."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.http import Http404
from django.utils import timezone

from practiceos.audit.models import AuditRecord
from practiceos.core.problems import InputError
from practiceos.meetings import access, queries, services
from practiceos.meetings.models import IssueStatus, MeetingRun, Rating, TeamIssue, ToDo


def _problems(exc: pytest.ExceptionInfo[InputError]) -> str:
    return "; ".join(str(p) for p in exc.value.problems)


def test_setting_up_a_meeting_copies_the_standard_agenda(crew):
    sections = list(crew.meeting.sections.values_list("key", "minutes"))
    assert sections[0] == ("checkin", 5) and ("issues", 60) in sections and len(sections) == 7
    assert AuditRecord.objects.filter(object_type="meetings.meeting").count() == 1


def test_member_cannot_set_up_a_meeting_and_second_meeting_is_refused(personas, crew):
    with pytest.raises(PermissionDenied):
        services.create_meeting(actor=personas.member, team=crew.other_team)
    with pytest.raises(InputError) as caught:
        services.create_meeting(actor=personas.owner, team=crew.team, weekday=9)
    text = _problems(caught)
    assert "weekday: must be 0 (Monday) to 6 (Sunday), got 9" in text
    assert "already has a recurring meeting" in text


def test_agenda_minutes_are_adjustable_and_bad_values_named(personas, crew):
    services.update_agenda(actor=personas.manager, meeting=crew.meeting, minutes={"issues": "45"})
    assert crew.meeting.sections.get(key="issues").minutes == 45
    with pytest.raises(InputError) as caught:
        services.update_agenda(
            actor=personas.manager, meeting=crew.meeting, minutes={"issues": "-5", "lunch": 3}
        )
    text = _problems(caught)
    assert "minutes.issues: must be whole minutes from 0 to 180, got '-5'" in text
    assert "minutes.lunch: is not a section" in text
    assert crew.meeting.sections.get(key="issues").minutes == 45


def test_two_runs_of_one_team_are_refused_by_service_and_database(personas, crew):
    run = services.start_run(actor=personas.manager, meeting=crew.meeting)
    with pytest.raises(InputError) as caught:
        services.start_run(actor=personas.member, meeting=crew.meeting)
    assert "meeting: this team's meeting started" in _problems(caught)
    with pytest.raises(IntegrityError), transaction.atomic():
        now = timezone.now()
        MeetingRun.objects.create(
            practice=personas.acme,
            meeting=crew.meeting,
            team=crew.team,
            started_at=now,
            section_started_at=now,
        )
    assert MeetingRun.objects.filter(team=crew.team, ended_at__isnull=True).count() == 1
    # A run left open (the browser closed) can be closed later, then a new one started.
    services.end_run(actor=personas.manager, run=run, send=False)
    assert services.start_run(actor=personas.manager, meeting=crew.meeting).pk != run.pk


def test_only_the_facilitator_or_a_lead_moves_sections(personas, crew):
    run = services.start_run(actor=personas.member, meeting=crew.meeting)
    assert run.facilitator_id == personas.member.user_id
    version = run.version
    moved = services.go_to_section(actor=personas.member, run=run, section="1")
    assert moved.section == 1 and moved.version == version + 1
    # Two screens pressing "Next" to the same section move once.
    again = services.go_to_section(actor=personas.member, run=run, section=1)
    assert again.version == moved.version
    with pytest.raises(InputError) as caught:
        services.go_to_section(actor=personas.member, run=run, section=7)
    assert "section: must be a section number from 0 to 6, got 7" in _problems(caught)


def test_person_not_on_the_team_may_read_but_not_take_part(personas, crew, chart):
    from practiceos.org.models import Person

    Person.objects.filter(pk=crew.tess.pk).update(user=None)  # the member leaves the team
    member = type(personas.member).objects.get(pk=personas.member.pk)
    assert not access.may_take_part(member, crew.team.pk)
    with pytest.raises(PermissionDenied):
        services.raise_issue(actor=member, team=crew.team, title="Not mine to raise")
    assert access.get_team_for(member, crew.team.pk) == crew.team


def test_outsider_gets_404_for_every_object(personas, crew):
    run = services.start_run(actor=personas.manager, meeting=crew.meeting)
    issue = services.raise_issue(actor=personas.member, team=crew.team, title="Late trays")
    for helper, pk in [
        (access.get_team_for, crew.team.pk),
        (access.get_meeting_for, crew.meeting.pk),
        (access.get_run_for, run.pk),
        (access.get_issue_for, issue.pk),
    ]:
        with pytest.raises(Http404):
            helper(personas.outsider, pk)


def test_support_staff_raise_issues_and_their_seat_kind_is_kept(personas, crew):
    issue = services.raise_issue(
        actor=personas.member, team=crew.team, title="  Instrument trays arrive late  "
    )
    assert issue.title == "Instrument trays arrive late"
    assert issue.raiser == crew.tess and issue.raiser_kind == "support"
    with pytest.raises(InputError) as caught:
        services.raise_issue(actor=personas.member, team=crew.team, title=" ", detail="x" * 2001)
    text = _problems(caught)
    assert "title: is required" in text and "detail: is 2001 characters long" in text


def test_top_three_is_enforced_even_when_picked_at_once(personas, crew):
    issues = [
        services.raise_issue(actor=personas.member, team=crew.team, title=f"Issue {i}")
        for i in range(4)
    ]
    for issue in issues[:3]:
        services.set_top(actor=personas.manager, issue=issue, top=True)
    with pytest.raises(InputError) as caught:
        services.set_top(actor=personas.member, issue=issues[3], top=True)
    assert "top: the team already works 3 top issues" in _problems(caught)
    assert TeamIssue.objects.filter(team=crew.team, top=True).count() == 3


def test_solving_needs_a_decision_and_owned_todos(personas, crew):
    issue = services.raise_issue(actor=personas.member, team=crew.team, title="Late trays")
    with pytest.raises(InputError) as caught:
        services.solve_issue(
            actor=personas.manager,
            issue=issue,
            decision="  ",
            todos=[services.NewTodo("Call supplier", ""), services.NewTodo("", crew.tess.pk)],
        )
    text = _problems(caught)
    assert "decision: is required" in text
    assert "todos[0].owner: is required: every to-do has one owner" in text
    assert "todos[1].title: is required" in text
    issue.refresh_from_db()
    assert issue.status == IssueStatus.OPEN and ToDo.objects.count() == 0


def test_solve_with_two_todos_due_in_seven_days(personas, crew):
    run = services.start_run(actor=personas.manager, meeting=crew.meeting)
    issue = services.raise_issue(actor=personas.member, team=crew.team, title="Late trays")
    services.set_top(actor=personas.manager, issue=issue, top=True)
    solved = services.solve_issue(
        actor=personas.manager,
        issue=issue,
        decision="Sterile processing preps the first case's trays the evening before.",
        todos=[
            services.NewTodo("Agree the evening prep with SPD", crew.mona.pk),
            services.NewTodo("Update the case cart checklist", crew.tess.pk),
        ],
    )
    assert solved.status == IssueStatus.SOLVED and not solved.top
    assert solved.decided_by == crew.mona and solved.solved_in == run
    todos = list(ToDo.objects.filter(issue=solved).order_by("id"))
    assert [t.owner for t in todos] == [crew.mona, crew.tess]
    assert all(t.due == timezone.localdate() + dt.timedelta(days=7) for t in todos)
    assert all(t.created_in == run for t in todos)
    with pytest.raises(InputError) as caught:
        services.solve_issue(actor=personas.manager, issue=solved, decision="Again")
    assert "issue: is solved, not open" in _problems(caught)


def test_due_date_beyond_a_year_is_refused(personas, crew):
    with pytest.raises(InputError) as caught:
        services.add_todo(
            actor=personas.member,
            team=crew.team,
            title="Far",
            owner_id=crew.tess.pk,
            due="2999-01-01",
        )
    assert "due: must be from today to a year ahead" in _problems(caught)
    with pytest.raises(InputError) as caught:
        services.add_todo(actor=personas.member, team=crew.team, title="Nobody's", owner_id="")
    assert "owner: is required" in _problems(caught)


def test_move_to_another_team_and_to_the_long_term_list(personas, crew):
    issue = services.raise_issue(actor=personas.member, team=crew.team, title="Phones ring out")
    moved = services.move_issue(actor=personas.manager, issue=issue, to_team=crew.other_team)
    issue.refresh_from_db()
    assert issue.status == IssueStatus.MOVED
    assert moved.team == crew.other_team and moved.moved_from == crew.team
    assert moved.raiser == crew.tess
    parked = services.raise_issue(actor=personas.member, team=crew.team, title="New autoclave")
    parked = services.move_issue(actor=personas.manager, issue=parked, long_term=True)
    assert parked.status == IssueStatus.LONG_TERM
    assert services.reopen_issue(actor=personas.manager, issue=parked).status == IssueStatus.OPEN
    with pytest.raises(InputError) as caught:
        services.move_issue(actor=personas.manager, issue=parked, to_team=crew.team)
    assert "to_team: 'Surgical Services' is not another team" in _problems(caught)


def test_ratings_one_per_attendee_and_range_refused(personas, crew):
    run = services.start_run(actor=personas.manager, meeting=crew.meeting)
    for bad in ("0", "11", "nine"):
        with pytest.raises(InputError) as caught:
            services.rate_run(actor=personas.member, run=run, score=bad)
        assert "score: must be a whole number from 1 to 10" in _problems(caught)
    services.rate_run(actor=personas.member, run=run, score="8")
    services.rate_run(actor=personas.member, run=run, score=9)
    assert list(Rating.objects.filter(run=run).values_list("score", flat=True)) == [9]


def test_conclude_emails_the_recap_and_next_meeting_reviews_the_todos(
    personas, crew, django_capture_on_commit_callbacks
):
    run = services.start_run(actor=personas.manager, meeting=crew.meeting)
    issue = services.raise_issue(actor=personas.member, team=crew.team, title="Late trays")
    services.solve_issue(
        actor=personas.manager,
        issue=issue,
        decision="Prep trays the evening before.",
        todos=[
            services.NewTodo("Agree the evening prep", crew.mona.pk),
            services.NewTodo("Update the checklist", crew.tess.pk),
        ],
    )
    services.add_headline(
        actor=personas.member, run=run, kind="patient_good", text="Thank-you card"
    )
    services.add_headline(
        actor=personas.manager,
        run=run,
        kind="message",
        text="Tray prep moves",
        to_team=crew.other_team,
    )
    services.rate_run(actor=personas.member, run=run, score=8)
    services.rate_run(actor=personas.manager, run=run, score=9)
    with django_capture_on_commit_callbacks(execute=True):
        ended = services.end_run(actor=personas.manager, run=run)
    recap = ended.recap
    assert [d["decision"] for d in recap["decisions"]] == ["Prep trays the evening before."]
    assert len(recap["todos"]) == 2 and recap["average"] == 8.5
    assert recap["messages"][0]["to_team"] == "Front Office"
    assert len(mail.outbox) == 1
    sent = mail.outbox[0]
    # Everyone on the team with an email address: the surgeon has no login but is on it.
    assert set(sent.to) == {"bob@acme.example", "mona@acme.example", "tess@acme.example"}
    assert "Prep trays the evening before." in sent.body and "Update the checklist" in sent.body
    ended.refresh_from_db()
    assert ended.recap_sent_to == 3
    # Next week's meeting shows last week's to-dos for review.
    MeetingRun.objects.filter(pk=run.pk).update(started_at=run.started_at - dt.timedelta(days=7))
    ToDo.objects.update(created_at=timezone.now() - dt.timedelta(days=7))
    following = services.start_run(actor=personas.manager, meeting=crew.meeting)
    review = queries.todos_for_review(following)
    assert [t.title for t in review] == ["Agree the evening prep", "Update the checklist"]


def test_concurrent_writes_each_bump_the_version(personas, crew):
    run = services.start_run(actor=personas.manager, meeting=crew.meeting)
    services.raise_issue(actor=personas.member, team=crew.team, title="One")
    services.raise_issue(actor=personas.manager, team=crew.team, title="Two")
    services.add_todo(actor=personas.member, team=crew.team, title="Three", owner_id=crew.tess.pk)
    run.refresh_from_db()
    assert run.version == 4
    assert TeamIssue.objects.filter(team=crew.team).count() == 2


def test_open_todos_for_lists_the_users_open_todos(personas, crew):
    done = services.add_todo(
        actor=personas.member, team=crew.team, title="Done", owner_id=crew.tess.pk
    )
    services.add_todo(actor=personas.member, team=crew.team, title="Open", owner_id=crew.tess.pk)
    services.add_todo(actor=personas.member, team=crew.team, title="Mona's", owner_id=crew.mona.pk)
    services.set_todo_done(actor=personas.member, todo=done, done=True)
    mine = queries.open_todos_for(personas.member.user, personas.acme)
    assert [t.title for t in mine] == ["Open"]
    assert queries.open_todos_for(personas.outsider.user, personas.acme) == []


def test_decision_log_is_searchable(personas, crew):
    for title, decision in [("Late trays", "Prep the evening before"), ("Phones", "Add a line")]:
        issue = services.raise_issue(actor=personas.member, team=crew.team, title=title)
        services.solve_issue(actor=personas.manager, issue=issue, decision=decision)
    total, page = queries.decision_log(crew.team.pk, "evening")
    assert total == 1 and page[0].title == "Late trays"
    assert queries.decision_log(crew.team.pk)[0] == 2


def test_close_open_meetings_command_closes_only_old_open_runs(personas, crew):
    from io import StringIO

    from django.core.management import call_command

    old = services.start_run(actor=personas.manager, meeting=crew.meeting)
    MeetingRun.objects.filter(pk=old.pk).update(started_at=timezone.now() - dt.timedelta(hours=30))
    out = StringIO()
    call_command("close_open_meetings", "--dry-run", stdout=out)
    assert "would close Surgical weekly" in out.getvalue()
    assert MeetingRun.objects.get(pk=old.pk).ended_at is None
    call_command("close_open_meetings", stdout=out)
    closed = MeetingRun.objects.get(pk=old.pk)
    assert closed.ended_at is not None and closed.recap["team"] == "Surgical Services"
    assert AuditRecord.objects.filter(object_id=str(old.pk), actor__isnull=True).count() == 1
    # A fresh open run is left alone.
    fresh = services.start_run(actor=personas.manager, meeting=crew.meeting)
    call_command("close_open_meetings", stdout=out)
    assert MeetingRun.objects.get(pk=fresh.pk).ended_at is None


def test_schedule_changes_and_ending_the_series(personas, crew):
    services.update_meeting(
        actor=personas.manager, meeting=crew.meeting, weekday="4", start_time="12:15"
    )
    crew.meeting.refresh_from_db()
    assert crew.meeting.weekday == 4 and crew.meeting.start_time == dt.time(12, 15)
    with pytest.raises(InputError) as caught:
        services.update_meeting(actor=personas.manager, meeting=crew.meeting, start_time="noon")
    assert "start_time: must be a time like 08:30, got 'noon'" in _problems(caught)
    with pytest.raises(PermissionDenied):
        services.update_meeting(actor=personas.member, meeting=crew.meeting, active=False)
    services.update_meeting(actor=personas.owner, meeting=crew.meeting, active=False)
    # A new series can be set up once the old one ended.
    assert services.create_meeting(actor=personas.owner, team=crew.team).active


def test_owner_ticks_off_own_todo_after_leaving_the_team(personas, crew):
    from practiceos.org.models import Assignment

    todo = services.add_todo(
        actor=personas.member, team=crew.team, title="Tidy", owner_id=crew.tess.pk
    )
    Assignment.objects.filter(person=crew.tess).update(end=timezone.localdate())
    member = type(personas.member).objects.get(pk=personas.member.pk)
    assert services.set_todo_done(actor=member, todo=todo, done=True).done_on is not None


def test_unreachable_mail_server_still_concludes_the_meeting(
    personas, crew, settings, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", 9, 2
    run = services.start_run(actor=personas.manager, meeting=crew.meeting)
    with django_capture_on_commit_callbacks(execute=True):
        ended = services.end_run(actor=personas.manager, run=run)
    ended.refresh_from_db()
    assert ended.ended_at is not None and ended.recap_sent_to == 0


def test_meetings_demo_command_sets_up_teams_once(personas, crew):
    from io import StringIO

    from django.core.management import call_command
    from django.core.management.base import CommandError

    from practiceos.meetings.models import Meeting

    out = StringIO()
    # The crew's team already meets; the other team has nobody on it: nothing to do.
    call_command("meetings_demo", "--practice", "acme", "--weeks", "4", stdout=out)
    assert "weekly meetings for 0 team(s)" in out.getvalue()
    Meeting.objects.filter(pk=crew.meeting.pk).update(active=False)
    call_command("meetings_demo", "--practice", "acme", "--weeks", "4", stdout=out)
    meeting = Meeting.objects.get(team=crew.team, active=True)
    assert meeting.runs.count() == 4 and ToDo.objects.filter(team=crew.team).count() == 16
    with pytest.raises(CommandError, match="--weeks: must be 0 to 260, got 999"):
        call_command("meetings_demo", "--practice", "acme", "--weeks", "999")
