"""REST endpoints of the weekly team meeting: issues lists, solving, to-dos, run state.

``router`` is mounted by ``practiceos.api``. Any member of the practice reads; taking part
(raising, solving, to-dos) is for people on the team and for owners, admins and managers
(``meetings.access``). Every write is the same service the web pages call; refusals are
422 with one problem per field.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import HttpRequest
from ninja import Router, Schema, Status

from practiceos.meetings import services
from practiceos.meetings.access import get_issue_for, get_run_for, get_team_for, get_todo_for
from practiceos.meetings.models import IssueStatus, TeamIssue, ToDo
from practiceos.org.schemas import Message, Problems
from practiceos.tenancy.access import require
from practiceos.tenancy.api import membership_of
from practiceos.tenancy.permissions import Action

router = Router(tags=["meetings"])
# Every operation may refuse a malformed path or query value with 422 naming it.
ERRORS: dict[int, Any] = {401: Message, 403: Message, 404: Message, 422: Problems}
LIST_LIMIT = 200


class MeetingIssueIn(Schema):
    """A new issue: a title (required, at most 200 characters) and optional detail."""

    title: str = ""
    detail: str = ""


class MeetingIssueOut(Schema):
    """An issue on a team's list."""

    id: int
    team: int
    title: str
    detail: str
    status: str
    top: bool
    source: str
    raised_at: dt.datetime
    raised_by: str | None
    raiser_kind: str
    decision: str
    decided_by: str | None
    solved_at: dt.datetime | None


class MeetingTodoIn(Schema):
    """A to-do: its title, the id of the one person who owns it, an optional due date."""

    title: str = ""
    owner: int | None = None
    due: dt.date | None = None


class MeetingSolveIn(Schema):
    """Solving an issue: the decision text, who decided (default: you) and its to-dos."""

    decision: str = ""
    decided_by: int | None = None
    todos: list[MeetingTodoIn] = []


class MeetingTodoOut(Schema):
    """A to-do and whether it is done."""

    id: int
    team: int
    title: str
    owner: int
    owner_name: str
    due: dt.date
    done_on: dt.date | None
    issue: int | None


class MeetingDoneIn(Schema):
    """Done (true) or not done (false)."""

    done: bool


class MeetingRunOut(Schema):
    """A meeting run's state: the agenda, the section that is on, and its version."""

    id: int
    meeting: int
    team: int
    started_at: dt.datetime
    ended_at: dt.datetime | None
    agenda: list[dict[str, Any]]
    section: int
    section_started_at: dt.datetime
    version: int


def _issue(i: TeamIssue) -> dict[str, Any]:
    return {
        "id": i.pk,
        "team": i.team_id,
        "title": i.title,
        "detail": i.detail,
        "status": i.status,
        "top": i.top,
        "source": i.source,
        "raised_at": i.raised_at,
        "raised_by": i.raiser.name if i.raiser else None,
        "raiser_kind": i.raiser_kind,
        "decision": i.decision,
        "decided_by": i.decided_by.name if i.decided_by else None,
        "solved_at": i.solved_at,
    }


def _todo(t: ToDo) -> dict[str, Any]:
    return {
        "id": t.pk,
        "team": t.team_id,
        "title": t.title,
        "owner": t.owner_id,
        "owner_name": t.owner.name,
        "due": t.due,
        "done_on": t.done_on,
        "issue": t.issue_id,
    }


@router.get("/meetings/teams/{team_id}/issues", response={200: list[MeetingIssueOut], **ERRORS})
def list_issues(request: HttpRequest, team_id: int, status: str = "open") -> list[dict[str, Any]]:
    """The team's issues with ``status`` (open, solved, long_term or moved), top three
    first then oldest first; at most 200."""
    membership = membership_of(request)
    team = get_team_for(membership, team_id)
    if status not in IssueStatus.values:
        status = IssueStatus.OPEN
    qs = (
        TeamIssue.objects.filter(team=team, status=status)
        .select_related("raiser", "decided_by")
        .order_by("-top", "raised_at", "id")[:LIST_LIMIT]
    )
    return [_issue(i) for i in qs]


@router.post("/meetings/teams/{team_id}/issues", response={201: MeetingIssueOut, **ERRORS})
def raise_issue(
    request: HttpRequest, team_id: int, payload: MeetingIssueIn
) -> Status[dict[str, Any]]:
    """Put an issue on the team's list (anyone on the team, support staff included)."""
    membership = membership_of(request)
    team = get_team_for(membership, team_id)
    issue = services.raise_issue(
        actor=membership, team=team, title=payload.title, detail=payload.detail
    )
    return Status(201, _issue(issue))


@router.post("/meetings/issues/{issue_id}/solve", response={200: MeetingIssueOut, **ERRORS})
def solve_issue(request: HttpRequest, issue_id: int, payload: MeetingSolveIn) -> dict[str, Any]:
    """Solve an open issue with a decision and up to 10 owned to-dos."""
    membership = membership_of(request)
    issue = get_issue_for(membership, issue_id)
    solved = services.solve_issue(
        actor=membership,
        issue=issue,
        decision=payload.decision,
        decided_by_id=payload.decided_by,
        todos=[services.NewTodo(t.title, t.owner, t.due) for t in payload.todos],
    )
    return _issue(get_issue_for(membership, solved.pk))


@router.get("/meetings/todos", response={200: list[MeetingTodoOut], **ERRORS})
def my_todos(request: HttpRequest) -> list[dict[str, Any]]:
    """Your open to-dos (as the person linked to your login), soonest due first."""
    membership = require(membership_of(request), Action.VIEW)
    todos = ToDo.objects.filter(
        practice_id=membership.practice_id, owner__user_id=membership.user_id, done_on__isnull=True
    ).select_related("owner")
    return [_todo(t) for t in todos.order_by("due", "id")[:LIST_LIMIT]]


@router.post("/meetings/teams/{team_id}/todos", response={201: MeetingTodoOut, **ERRORS})
def add_todo(request: HttpRequest, team_id: int, payload: MeetingTodoIn) -> Status[dict[str, Any]]:
    """A to-do for the team owned by one person, due in 7 days unless ``due`` says."""
    membership = membership_of(request)
    team = get_team_for(membership, team_id)
    todo = services.add_todo(
        actor=membership, team=team, title=payload.title, owner_id=payload.owner, due=payload.due
    )
    return Status(201, _todo(get_todo_for(membership, todo.pk)))


@router.post("/meetings/todos/{todo_id}/done", response={200: MeetingTodoOut, **ERRORS})
def set_done(request: HttpRequest, todo_id: int, payload: MeetingDoneIn) -> dict[str, Any]:
    """Mark a to-do done or not done (its owner, or anyone on its team)."""
    membership = membership_of(request)
    todo = get_todo_for(membership, todo_id)
    services.set_todo_done(actor=membership, todo=todo, done=payload.done)
    return _todo(get_todo_for(membership, todo_id))


@router.get("/meetings/runs/{run_id}", response={200: MeetingRunOut, **ERRORS})
def run_state(request: HttpRequest, run_id: int) -> dict[str, Any]:
    """A run's state: agenda, current section and version (changes with every edit)."""
    run = get_run_for(membership_of(request), run_id)
    return {
        "id": run.pk,
        "meeting": run.meeting_id,
        "team": run.team_id,
        "started_at": run.started_at,
        "ended_at": run.ended_at,
        "agenda": run.agenda,
        "section": run.section,
        "section_started_at": run.section_started_at,
        "version": run.version,
    }
