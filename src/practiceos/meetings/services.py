"""Every write of the weekly team meeting goes through these functions.

Each is ``verb_noun(*, actor, ...)``: it checks the actor's permission (``meetings.access``),
validates its input with messages naming the field, the value and what is accepted (all
problems at once, nothing written), writes inside ``transaction.atomic`` with one audit
record per object changed, and returns the object. Views, the API and the commands call
them; nothing else saves meeting rows.

Every change to what a running meeting's live page shows bumps the open run's
``version`` (an ``F()`` update, so two attendees writing at once both count), which is
how every attendee's page learns, within its next poll, that something changed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, models, transaction
from django.db.models import F
from django.utils import timezone

from practiceos.audit.models import AuditAction
from practiceos.audit.services import record, snapshot_fields
from practiceos.core import meetings as core
from practiceos.core.problems import InputError, Problem
from practiceos.meetings.access import may_facilitate, person_of, require_part
from practiceos.meetings.models import (
    TEXT_CHARS,
    TITLE_CHARS,
    AgendaSection,
    Headline,
    HeadlineKind,
    IssueSource,
    IssueStatus,
    Meeting,
    MeetingRun,
    Rating,
    TeamIssue,
    ToDo,
)
from practiceos.org.models import Assignment, Person, Team
from practiceos.tenancy.access import require
from practiceos.tenancy.models import Membership
from practiceos.tenancy.permissions import Action

#: Most to-dos one solved issue may create at once.
MAX_TODOS_PER_DECISION = 10


def _fields(obj: models.Model) -> dict[str, Any]:
    """The object's fields for its audit record (times as text: the JSON column needs it)."""
    return {
        key: value.isoformat() if isinstance(value, dt.time) else value
        for key, value in snapshot_fields(obj).items()
    }


def _audit(actor: Membership, action: AuditAction, obj: models.Model, before: Any = None) -> None:
    """The one audit record of a write (``before`` None for a creation)."""
    record(
        actor=actor.user,
        practice_id=obj.practice_id,  # type: ignore[attr-defined]
        action=action,
        obj=obj,
        before=before,
        after=_fields(obj),
    )


def _text(value: object, where: str, limit: int, *, required: bool, problems: list[Problem]) -> str:
    """Clean text: stripped, within ``limit`` characters; adds a problem when not."""
    if value is None:
        value = ""
    if not isinstance(value, str):
        problems.append(Problem(where, f"must be text, got {value!r}"))
        return ""
    text = value.strip()
    if required and not text:
        problems.append(Problem(where, "is required"))
    elif len(text) > limit:
        problems.append(
            Problem(where, f"is {len(text)} characters long; at most {limit} are accepted")
        )
    return text


def _bump(team_id: int) -> None:
    """Tell every attendee of the team's open run (if any) that something changed."""
    MeetingRun.objects.filter(team_id=team_id, ended_at__isnull=True).update(
        version=F("version") + 1
    )


def _open_run(team_id: int) -> MeetingRun | None:
    return MeetingRun.objects.filter(team_id=team_id, ended_at__isnull=True).first()


# --- meetings and agendas ----------------------------------------------------------------


def create_meeting(
    *, actor: Membership, team: Team, name: str = "", weekday: object = 1, start_time: object = None
) -> Meeting:
    """Set up ``team``'s recurring weekly meeting with the standard agenda.

    Owners, admins and managers only. ``weekday`` is 0 (Monday) to 6; ``start_time`` a
    ``datetime.time`` or ``HH:MM``. One active meeting per team.
    """
    require(actor, Action.LEAD_MEETINGS)
    if team.practice_id != actor.practice_id:
        raise PermissionDenied("That team belongs to another practice.")
    problems: list[Problem] = []
    name = _text(name, "name", 120, required=False, problems=problems) or f"{team.name} weekly"
    day = _weekday(weekday, problems)
    at = _time(start_time, problems)
    if Meeting.objects.filter(team=team, active=True).exists():
        problems.append(Problem("team", f"{team.name!r} already has a recurring meeting"))
    if problems:
        raise InputError(problems)
    with transaction.atomic():
        meeting = Meeting.objects.create(
            practice_id=team.practice_id, team=team, name=name, weekday=day, start_time=at
        )
        AgendaSection.objects.bulk_create(
            AgendaSection(
                practice_id=team.practice_id,
                meeting=meeting,
                position=i,
                key=item.key,
                title=item.title,
                minutes=item.minutes,
            )
            for i, item in enumerate(core.standard_agenda())
        )
        _audit(actor, AuditAction.CREATED, meeting)
    return meeting


def update_meeting(
    *,
    actor: Membership,
    meeting: Meeting,
    name: object = None,
    weekday: object = None,
    start_time: object = None,
    active: bool | None = None,
) -> Meeting:
    """Change the meeting's name, weekday or time, or end it (``active=False``).

    Owners, admins and managers. Values left ``None`` stay as they are.
    """
    require(actor, Action.LEAD_MEETINGS)
    problems: list[Problem] = []
    new_name = (
        _text(name, "name", 120, required=True, problems=problems) if name is not None else None
    )
    day = _weekday(weekday, problems) if weekday is not None else None
    at = _time(start_time, problems) if start_time not in (None, "") else None
    if (
        active
        and not meeting.active
        and Meeting.objects.filter(team_id=meeting.team_id, active=True).exists()
    ):
        problems.append(Problem("active", "the team already has another recurring meeting"))
    if problems:
        raise InputError(problems)
    with transaction.atomic():
        before = _fields(meeting)
        if new_name is not None:
            meeting.name = new_name
        if day is not None:
            meeting.weekday = day
        if at is not None:
            meeting.start_time = at
        if active is not None:
            meeting.active = active
        meeting.save()
        _audit(actor, AuditAction.UPDATED, meeting, before)
    return meeting


def _weekday(value: object, problems: list[Problem]) -> int:
    try:
        day = int(str(value))
    except ValueError:
        day = -1
    if not 0 <= day <= 6:
        problems.append(Problem("weekday", f"must be 0 (Monday) to 6 (Sunday), got {value!r}"))
    return day


def _time(value: object, problems: list[Problem]) -> dt.time:
    if isinstance(value, dt.time):
        return value
    if value in (None, ""):
        return dt.time(9, 0)
    try:
        return dt.time.fromisoformat(str(value).strip())
    except ValueError:
        problems.append(Problem("start_time", f"must be a time like 08:30, got {value!r}"))
        return dt.time(9, 0)


def update_agenda(*, actor: Membership, meeting: Meeting, minutes: Mapping[str, object]) -> Meeting:
    """Set the minutes of the meeting's sections (``{section key: minutes}``; 0 turns a
    section off). Owners, admins, managers and people on the team."""
    require_part(actor, meeting.team_id)
    sections = {s.key: s for s in meeting.sections.all()}
    problems: list[Problem] = []
    changes: dict[str, int] = {}
    for key, raw in minutes.items():
        if key not in sections:
            problems.append(
                Problem(f"minutes.{key}", f"is not a section; sections are {', '.join(sections)}")
            )
            continue
        value: object = raw
        if isinstance(raw, str) and raw.strip().isdigit():
            value = int(raw.strip())
        found = core.minutes_problems(value, f"minutes.{key}")
        problems.extend(found)
        if not found:
            assert isinstance(value, int)
            changes[key] = value
    if not problems and not any(changes.get(k, s.minutes) for k, s in sections.items()):
        problems.append(Problem("minutes", "at least one section needs some minutes"))
    if problems:
        raise InputError(problems)
    with transaction.atomic():
        for key, value in changes.items():
            section = sections[key]
            if section.minutes != value:
                before = _fields(section)
                section.minutes = value
                section.save(update_fields=["minutes"])
                _audit(actor, AuditAction.UPDATED, section, before)
    return meeting


# --- runs --------------------------------------------------------------------------------


def start_run(*, actor: Membership, meeting: Meeting) -> MeetingRun:
    """Start a run of ``meeting`` with the actor facilitating.

    Refused while the team has a run open (resume or close that one first); the database
    constraint ``meetingrun_one_open_per_team`` settles two people pressing Start at once.
    """
    require_part(actor, meeting.team_id)
    if not meeting.active:
        raise InputError([Problem("meeting", f"{meeting.name!r} is no longer held")])
    agenda = [
        {"key": s.key, "title": s.title, "minutes": s.minutes}
        for s in meeting.sections.all()
        if s.minutes > 0
    ]
    now = timezone.now()
    open_run = _open_run(meeting.team_id)
    if open_run is not None:
        raise InputError([_already_running(open_run)])
    try:
        with transaction.atomic():
            run = MeetingRun.objects.create(
                practice_id=meeting.practice_id,
                meeting=meeting,
                team_id=meeting.team_id,
                facilitator=actor.user,
                started_at=now,
                section_started_at=now,
                agenda=agenda,
            )
            _audit(actor, AuditAction.CREATED, run)
    except IntegrityError:
        open_run = _open_run(meeting.team_id)
        raise InputError(
            [_already_running(open_run) if open_run else Problem("meeting", "could not start")]
        ) from None
    return run


def _already_running(run: MeetingRun) -> Problem:
    return Problem(
        "meeting",
        f"this team's meeting started {run.started_at:%Y-%m-%d %H:%M} is still open; "
        "resume it or close it before starting another",
    )


def go_to_section(*, actor: Membership, run: MeetingRun, section: object) -> MeetingRun:
    """Move the run to agenda section number ``section`` (0-based).

    The facilitator (or an owner, admin or manager) only. Going to the section already on
    changes nothing, so two clicks on "Next" from two screens move once.
    """
    require_part(actor, run.team_id)
    if not may_facilitate(actor, run):
        raise PermissionDenied("Only the facilitator moves the meeting through its sections.")
    try:
        index = int(str(section))
    except ValueError:
        index = -1
    count = len(run.agenda)
    if not 0 <= index < count:
        raise InputError(
            [Problem("section", f"must be a section number from 0 to {count - 1}, got {section!r}")]
        )
    _require_open(run)
    with transaction.atomic():
        locked = MeetingRun.objects.select_for_update().get(pk=run.pk)
        if locked.section == index:
            return locked
        before = _fields(locked)
        locked.section = index
        locked.section_started_at = timezone.now()
        locked.version = F("version") + 1
        locked.save(update_fields=["section", "section_started_at", "version"])
        locked.refresh_from_db(fields=["version"])
        _audit(actor, AuditAction.UPDATED, locked, before)
    return locked


def _require_open(run: MeetingRun) -> None:
    if run.ended_at is not None:
        raise InputError([Problem("run", f"this meeting ended {run.ended_at:%Y-%m-%d %H:%M}")])


def end_run(*, actor: Membership, run: MeetingRun, send: bool = True) -> MeetingRun:
    """Conclude (or close a run left open): freeze the recap and email it to attendees.

    The recap holds the run's new to-dos, decisions, headlines, messages for other teams
    and ratings. The email is sent after the transaction commits (Django's email
    framework; the console unless SMTP is configured).
    """
    from practiceos.meetings.recap import build_recap, send_recap

    require_part(actor, run.team_id)
    if not may_facilitate(actor, run):
        raise PermissionDenied("Only the facilitator concludes the meeting.")
    _require_open(run)
    with transaction.atomic():
        locked = (
            MeetingRun.objects.select_for_update().select_related("meeting", "team").get(pk=run.pk)
        )
        _require_open(locked)
        before = _fields(locked)
        locked.ended_at = timezone.now()
        locked.recap = build_recap(locked)
        locked.version = F("version") + 1
        locked.save(update_fields=["ended_at", "recap", "version"])
        locked.refresh_from_db(fields=["version"])
        _audit(actor, AuditAction.UPDATED, locked, before)
        if send:
            transaction.on_commit(lambda: send_recap(locked))
    return locked


def close_stale_run(run: MeetingRun, *, send: bool = True) -> MeetingRun:
    """Conclude a run left open, as the command line does (trusted: no actor, audited with
    no user). The recap is frozen and emailed like any concluded run."""
    from practiceos.meetings.recap import build_recap, send_recap

    with transaction.atomic():
        locked = (
            MeetingRun.objects.select_for_update().select_related("meeting", "team").get(pk=run.pk)
        )
        if locked.ended_at is not None:
            return locked
        before = _fields(locked)
        locked.ended_at = timezone.now()
        locked.recap = build_recap(locked)
        locked.version = F("version") + 1
        locked.save(update_fields=["ended_at", "recap", "version"])
        locked.refresh_from_db(fields=["version"])
        record(
            actor=None,
            practice_id=locked.practice_id,
            action=AuditAction.UPDATED,
            obj=locked,
            before=before,
            after=_fields(locked),
            note="closed by close_open_meetings: left open",
        )
        if send:
            transaction.on_commit(lambda: send_recap(locked))
    return locked


# --- issues ------------------------------------------------------------------------------


def raise_issue(
    *,
    actor: Membership,
    team: Team,
    title: object,
    detail: object = "",
    source: str = IssueSource.RAISED,
    source_ref: str = "",
) -> TeamIssue:
    """Put an issue on ``team``'s list. Anyone on the team, support staff included.

    Records the raiser's person and the kind of seat they hold on the team now, so the
    support-voice rule reads who spoke up at the time.
    """
    require_part(actor, team.pk)
    problems: list[Problem] = []
    title = _text(title, "title", TITLE_CHARS, required=True, problems=problems)
    detail = _text(detail, "detail", TEXT_CHARS, required=False, problems=problems)
    if source not in IssueSource.values:
        problems.append(
            Problem("source", f"{source!r} is not one of {', '.join(IssueSource.values)}")
        )
    if problems:
        raise InputError(problems)
    person = person_of(actor)
    with transaction.atomic():
        issue = TeamIssue.objects.create(
            practice_id=team.practice_id,
            team=team,
            title=title,
            detail=detail,
            source=source,
            source_ref=source_ref[:60],
            raised_by=actor.user,
            raiser=person,
            raiser_kind=_kind_on_team(person, team),
            raised_at=timezone.now(),
        )
        _audit(actor, AuditAction.CREATED, issue)
        _bump(team.pk)
    return issue


def _kind_on_team(person: Person | None, team: Team) -> str:
    """The kind of the person's current seat on the team (support first), or ''."""
    if person is None:
        return ""
    from practiceos.meetings.access import current_filter

    kinds = set(
        Assignment.objects.filter(current_filter(), person_id=person.pk)
        .filter(models.Q(seat__team_id=team.pk) | models.Q(seat__managed_teams=team.pk))
        .values_list("seat__kind", flat=True)
    )
    for kind in ("support", "administrative", "provider", "management", "leadership"):
        if kind in kinds:
            return kind
    return ""


def set_top(*, actor: Membership, issue: TeamIssue, top: bool) -> TeamIssue:
    """Put an open issue in (or take it out of) the team's top three."""
    require_part(actor, issue.team_id)
    with transaction.atomic():
        # Lock the team row: two attendees picking the third and fourth issue at once
        # must not both get in.
        Team.objects.select_for_update().filter(pk=issue.team_id).first()
        locked = TeamIssue.objects.select_for_update().get(pk=issue.pk)
        if locked.top == top:
            return locked
        if top:
            if locked.status != IssueStatus.OPEN:
                raise InputError([Problem("top", "only an open issue can be in the top three")])
            count = TeamIssue.objects.filter(team_id=locked.team_id, top=True).count()
            if count >= core.TOP_ISSUES:
                raise InputError(
                    [
                        Problem(
                            "top",
                            f"the team already works {count} top issues; solve or take one "
                            f"out first (at most {core.TOP_ISSUES})",
                        )
                    ]
                )
        before = _fields(locked)
        locked.top = top
        locked.save(update_fields=["top"])
        _audit(actor, AuditAction.UPDATED, locked, before)
        _bump(locked.team_id)
    return locked


@dataclass(frozen=True)
class NewTodo:
    """A to-do to create: its title, the id of the person who owns it, an optional due date."""

    title: object
    owner_id: object
    due: object = None


def solve_issue(
    *,
    actor: Membership,
    issue: TeamIssue,
    decision: object,
    todos: Sequence[NewTodo] = (),
    decided_by_id: object = None,
) -> TeamIssue:
    """Solve an open issue: record the decision, who decided (default: the actor's
    person) and the to-dos it creates, in the team's open run if there is one."""
    require_part(actor, issue.team_id)
    problems: list[Problem] = []
    decision = _text(decision, "decision", TEXT_CHARS, required=True, problems=problems)
    if issue.status != IssueStatus.OPEN:
        problems.append(Problem("issue", f"is {issue.get_status_display().lower()}, not open"))
    decider = person_of(actor)
    if decided_by_id not in (None, ""):
        decider = _person(issue.practice_id, decided_by_id, "decided_by", problems)
    if len(todos) > MAX_TODOS_PER_DECISION:
        problems.append(
            Problem("todos", f"{len(todos)} to-dos; at most {MAX_TODOS_PER_DECISION} per decision")
        )
    cleaned = [
        _clean_todo(issue.practice_id, todo, f"todos[{i}]", problems)
        for i, todo in enumerate(todos[:MAX_TODOS_PER_DECISION])
    ]
    if problems:
        raise InputError(problems)
    now = timezone.now()
    with transaction.atomic():
        locked = TeamIssue.objects.select_for_update().get(pk=issue.pk)
        if locked.status != IssueStatus.OPEN:
            raise InputError([Problem("issue", "was just solved or moved by someone else")])
        run = _open_run(locked.team_id)
        before = _fields(locked)
        locked.status = IssueStatus.SOLVED
        locked.top = False
        locked.decision = decision
        locked.decided_by = decider
        locked.solved_at = now
        locked.solved_in = run
        locked.save()
        _audit(actor, AuditAction.UPDATED, locked, before)
        for title, owner, due in cleaned:
            _create_todo(actor, locked.team_id, title, owner, due, issue=locked, run=run)
        _bump(locked.team_id)
    return locked


def _person(practice_id: int, value: object, where: str, problems: list[Problem]) -> Person | None:
    try:
        pk = int(str(value))
    except ValueError:
        pk = None
    person = Person.objects.filter(practice_id=practice_id, pk=pk).first() if pk else None
    if person is None:
        problems.append(Problem(where, f"{value!r} is not a person in this practice"))
    return person


def _due(value: object, where: str, problems: list[Problem]) -> dt.date:
    today = timezone.localdate()
    if value in (None, ""):
        return core.default_due(today)
    if isinstance(value, dt.date):
        day = value
    else:
        try:
            day = dt.date.fromisoformat(str(value).strip())
        except ValueError:
            problems.append(Problem(where, f"must be a date like 2026-03-14, got {value!r}"))
            return today
    if not today - dt.timedelta(days=1) <= day <= today + dt.timedelta(days=366):
        problems.append(Problem(where, f"must be from today to a year ahead, got {day}"))
    return day


def _clean_todo(
    practice_id: int, todo: NewTodo, where: str, problems: list[Problem]
) -> tuple[str, Person | None, dt.date]:
    title = _text(todo.title, f"{where}.title", TITLE_CHARS, required=True, problems=problems)
    if todo.owner_id in (None, ""):
        problems.append(Problem(f"{where}.owner", "is required: every to-do has one owner"))
        owner = None
    else:
        owner = _person(practice_id, todo.owner_id, f"{where}.owner", problems)
    return title, owner, _due(todo.due, f"{where}.due", problems)


def move_issue(
    *, actor: Membership, issue: TeamIssue, to_team: Team | None = None, long_term: bool = False
) -> TeamIssue:
    """Hand an open issue to another team (a new issue on its list, this one marked moved)
    or park it on the long-term list. Returns the issue as it now stands (the new one
    when moved)."""
    require_part(actor, issue.team_id)
    problems: list[Problem] = []
    if issue.status not in (IssueStatus.OPEN, IssueStatus.LONG_TERM):
        problems.append(Problem("issue", f"is {issue.get_status_display().lower()}"))
    if to_team is None and not long_term:
        problems.append(Problem("to_team", "choose a team or the long-term list"))
    if to_team is not None and (
        to_team.pk == issue.team_id or to_team.practice_id != issue.practice_id
    ):
        problems.append(
            Problem("to_team", f"{to_team.name!r} is not another team of this practice")
        )
    if problems:
        raise InputError(problems)
    with transaction.atomic():
        locked = TeamIssue.objects.select_for_update().get(pk=issue.pk)
        before = _fields(locked)
        locked.top = False
        if to_team is None:
            locked.status = IssueStatus.LONG_TERM
            locked.save(update_fields=["status", "top"])
            _audit(actor, AuditAction.UPDATED, locked, before)
            _bump(locked.team_id)
            return locked
        locked.status = IssueStatus.MOVED
        locked.save(update_fields=["status", "top"])
        _audit(actor, AuditAction.UPDATED, locked, before)
        moved = TeamIssue.objects.create(
            practice_id=locked.practice_id,
            team=to_team,
            title=locked.title,
            detail=locked.detail,
            source=locked.source,
            source_ref=locked.source_ref,
            raised_by=locked.raised_by,
            raiser=locked.raiser,
            raiser_kind=locked.raiser_kind,
            raised_at=timezone.now(),
            moved_from_id=locked.team_id,
        )
        _audit(actor, AuditAction.CREATED, moved)
        _bump(locked.team_id)
        _bump(to_team.pk)
    return moved


def reopen_issue(*, actor: Membership, issue: TeamIssue) -> TeamIssue:
    """Bring an issue back from the long-term list onto the team's open list."""
    require_part(actor, issue.team_id)
    if issue.status != IssueStatus.LONG_TERM:
        raise InputError([Problem("issue", "only an issue on the long-term list can come back")])
    with transaction.atomic():
        before = _fields(issue)
        issue.status = IssueStatus.OPEN
        issue.save(update_fields=["status"])
        _audit(actor, AuditAction.UPDATED, issue, before)
        _bump(issue.team_id)
    return issue


# --- to-dos ------------------------------------------------------------------------------


def add_todo(
    *, actor: Membership, team: Team, title: object, owner_id: object, due: object = None
) -> ToDo:
    """A to-do for ``team`` owned by one person, due in 7 days unless ``due`` says."""
    require_part(actor, team.pk)
    problems: list[Problem] = []
    title_, owner, day = _clean_todo(
        team.practice_id, NewTodo(title, owner_id, due), "todo", problems
    )
    if problems:
        raise InputError([Problem(p.where.removeprefix("todo."), p.message) for p in problems])
    with transaction.atomic():
        todo = _create_todo(actor, team.pk, title_, owner, day, run=_open_run(team.pk))
        _bump(team.pk)
    return todo


def _create_todo(
    actor: Membership,
    team_id: int,
    title: str,
    owner: Person | None,
    due: dt.date,
    *,
    issue: TeamIssue | None = None,
    run: MeetingRun | None = None,
) -> ToDo:
    assert owner is not None
    todo = ToDo.objects.create(
        practice_id=actor.practice_id,
        team_id=team_id,
        title=title,
        owner=owner,
        due=due,
        created_at=timezone.now(),
        created_by=actor.user,
        created_in=run,
        issue=issue,
    )
    _audit(actor, AuditAction.CREATED, todo)
    return todo


def set_todo_done(*, actor: Membership, todo: ToDo, done: bool) -> ToDo:
    """Mark a to-do done (today) or not done. Its owner, or anyone on its team."""
    if todo.owner.user_id == actor.user_id:
        require(actor, Action.VIEW)  # owners tick off their own, even after leaving the team
    else:
        require_part(actor, todo.team_id)
    with transaction.atomic():
        locked = ToDo.objects.select_for_update().get(pk=todo.pk)
        if (locked.done_on is not None) == done:
            return locked
        before = _fields(locked)
        locked.done_on = timezone.localdate() if done else None
        locked.save(update_fields=["done_on"])
        _audit(actor, AuditAction.UPDATED, locked, before)
        _bump(locked.team_id)
    return locked


# --- headlines and ratings ---------------------------------------------------------------


def add_headline(
    *, actor: Membership, run: MeetingRun, kind: object, text: object, to_team: Team | None = None
) -> Headline:
    """Share a headline in an open run, or a message to pass on to ``to_team``."""
    require_part(actor, run.team_id)
    problems: list[Problem] = []
    text = _text(text, "text", TITLE_CHARS, required=True, problems=problems)
    if kind not in HeadlineKind.values:
        problems.append(Problem("kind", f"{kind!r} is not one of {', '.join(HeadlineKind.values)}"))
    if kind == HeadlineKind.MESSAGE and to_team is None:
        problems.append(Problem("to_team", "a message names the team to pass it on to"))
    if problems:
        raise InputError(problems)
    _require_open(run)
    with transaction.atomic():
        headline = Headline.objects.create(
            practice_id=run.practice_id,
            run=run,
            kind=str(kind),
            text=text,
            author=actor.user,
            to_team=to_team if kind == HeadlineKind.MESSAGE else None,
            created_at=timezone.now(),
        )
        _audit(actor, AuditAction.CREATED, headline)
        _bump(run.team_id)
    return headline


def rate_run(*, actor: Membership, run: MeetingRun, score: object) -> Rating:
    """The actor's 1-10 rating of the run (rating again replaces it). Attendees only."""
    require_part(actor, run.team_id)
    problems = core.rating_problems(score)
    if problems:
        raise InputError(problems)
    value = int(str(score).strip())
    with transaction.atomic():
        rating = Rating.objects.select_for_update().filter(run=run, user=actor.user).first()
        if rating is None:
            rating = Rating.objects.create(
                practice_id=run.practice_id, run=run, user=actor.user, score=value
            )
            _audit(actor, AuditAction.CREATED, rating)
        elif rating.score != value:
            before = _fields(rating)
            rating.score = value
            rating.save(update_fields=["score"])
            _audit(actor, AuditAction.UPDATED, rating, before)
        MeetingRun.objects.filter(pk=run.pk).update(version=F("version") + 1)
    return rating
