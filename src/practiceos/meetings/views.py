"""Meeting pages (thin views: access helper, a read from ``queries``, a service, render).

The live page polls :func:`live` every 1.5 seconds with the version it shows; while the
run is unchanged the answer is an empty 204 after one query of its own. Buttons on the
live page post with htmx and get a 204 with an ``HX-Trigger: meeting-changed`` header,
which makes the page fetch the fragment at once; without JavaScript every form posts
normally and redirects back. Refused input comes back as 422 with the problems named.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.text import slugify
from django.views.decorators.http import require_GET, require_POST

from practiceos.core import meetings as core
from practiceos.core.problems import InputError
from practiceos.meetings import queries, scorecard, services
from practiceos.meetings.access import (
    get_issue_for,
    get_meeting_for,
    get_run_for,
    get_team_for,
    get_todo_for,
    may_facilitate,
    may_take_part,
)
from practiceos.meetings.models import (
    Headline,
    HeadlineKind,
    IssueSource,
    IssueStatus,
    Meeting,
    MeetingRun,
    Rating,
    Weekday,
)
from practiceos.org.models import Team
from practiceos.tenancy.access import require
from practiceos.tenancy.current import current_membership
from practiceos.tenancy.models import Membership
from practiceos.tenancy.permissions import Action, allows
from practiceos.web.htmx import is_htmx

POLL_MS = 1500


def _done(request: HttpRequest, fallback: str, note: str = "") -> HttpResponse:
    """After a write: 204 + meeting-changed for htmx, else back to ``next`` (or fallback)."""
    if is_htmx(request):
        response = HttpResponse(status=204)
        response["HX-Trigger"] = "meeting-changed"
        return response
    if note:
        messages.success(request, note)
    target = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        target = fallback
    return redirect(target or fallback)


def _refused(request: HttpRequest, exc: InputError, fallback: str) -> HttpResponse:
    """Refused input: 422 naming each problem (htmx shows it), or a message and back."""
    text = "; ".join(str(p) for p in exc.problems)
    if is_htmx(request):
        return HttpResponse(text, status=422, content_type="text/plain; charset=utf-8")
    messages.error(request, text)
    target = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        target = fallback
    return redirect(target or fallback)


def _membership(request: HttpRequest) -> Membership:
    return require(current_membership(request), Action.VIEW)


# --- overview and team pages -------------------------------------------------------------


@login_required
@require_GET
def overview(request: HttpRequest) -> HttpResponse:
    """Every team with its meeting (when set up), the open runs, and the caller's to-dos."""
    membership = _membership(request)
    pid = membership.practice_id
    teams = list(Team.objects.filter(practice_id=pid).order_by("name", "id"))
    meetings = {m.team_id: m for m in Meeting.objects.filter(practice_id=pid, active=True)}
    open_runs = {
        r.team_id: r for r in MeetingRun.objects.filter(practice_id=pid, ended_at__isnull=True)
    }
    rows = [(team, meetings.get(team.pk), open_runs.get(team.pk)) for team in teams]
    return render(
        request,
        "meetings/overview.html",
        {
            "rows": rows,
            "my_todos": queries.open_todos_for(request.user, membership.practice_id),
            "today": timezone.localdate(),
            "can_lead": allows(membership.role, Action.LEAD_MEETINGS),
            "weekdays": Weekday.choices,
        },
    )


@login_required
@require_GET
def team_page(request: HttpRequest, pk: int) -> HttpResponse:
    """A team's meeting: schedule and agenda, open or past runs, issues list, to-dos and
    completion rates."""
    membership = _membership(request)
    team = get_team_for(membership, pk)
    meeting = Meeting.objects.filter(team=team, active=True).prefetch_related("sections").first()
    rate, people = queries.completion(team.pk)
    runs = list(MeetingRun.objects.filter(team=team).order_by("-started_at", "-id")[:10])
    return render(
        request,
        "meetings/team.html",
        {
            "team": team,
            "meeting": meeting,
            "sections": list(meeting.sections.all()) if meeting else [],
            "runs": runs,
            "open_run": next((r for r in runs if r.ended_at is None), None),
            "issues": queries.open_issues(team.pk),
            "long_term": queries.long_term_issues(team.pk),
            "todos": _team_todos(team),
            "rate": rate,
            "people_rates": people,
            "goal": 90,
            "can_part": may_take_part(membership, team.pk),
            "can_lead": allows(membership.role, Action.LEAD_MEETINGS),
            "attendees": queries.attendees(team),
            "teams": Team.objects.filter(practice_id=team.practice_id).exclude(pk=team.pk),
            "weekdays": Weekday.choices,
            "today": timezone.localdate(),
            "next_on": core.next_meeting_on(meeting.weekday, timezone.localdate())
            if meeting
            else None,
            "messages_in": list(
                Headline.objects.filter(to_team=team, kind=HeadlineKind.MESSAGE)
                .select_related("run__team")
                .order_by("-created_at", "-id")[:10]
            ),
        },
    )


def _team_todos(team: Team) -> list[Any]:
    from practiceos.meetings.models import ToDo

    return list(
        ToDo.objects.filter(team=team, done_on__isnull=True)
        .select_related("owner")
        .order_by("due", "id")[: queries.LIVE_LIMIT]
    )


@login_required
@require_POST
def setup(request: HttpRequest, pk: int) -> HttpResponse:
    """Set up the team's recurring meeting (owners, admins, managers)."""
    membership = _membership(request)
    team = get_team_for(membership, pk)
    back = reverse("meetings:team", args=[team.pk])
    try:
        services.create_meeting(
            actor=membership,
            team=team,
            name=request.POST.get("name", ""),
            weekday=request.POST.get("weekday", "1"),
            start_time=request.POST.get("start_time", ""),
        )
    except InputError as exc:
        return _refused(request, exc, back)
    return _done(request, back, "Meeting set up with the standard agenda.")


@login_required
@require_POST
def schedule(request: HttpRequest, pk: int) -> HttpResponse:
    """Change the meeting's name, weekday and time, or end it (``end=1``)."""
    membership = _membership(request)
    meeting = get_meeting_for(membership, pk)
    back = reverse("meetings:team", args=[meeting.team_id])
    try:
        services.update_meeting(
            actor=membership,
            meeting=meeting,
            name=request.POST.get("name"),
            weekday=request.POST.get("weekday"),
            start_time=request.POST.get("start_time"),
            active=False if request.POST.get("end") == "1" else None,
        )
    except InputError as exc:
        return _refused(request, exc, back)
    return _done(request, back, "Meeting saved.")


@login_required
@require_POST
def agenda(request: HttpRequest, pk: int) -> HttpResponse:
    """Adjust the minutes of the meeting's sections."""
    membership = _membership(request)
    meeting = get_meeting_for(membership, pk)
    back = reverse("meetings:team", args=[meeting.team_id])
    minutes = {
        key.removeprefix("minutes_"): value
        for key, value in request.POST.items()
        if key.startswith("minutes_")
    }
    try:
        services.update_agenda(actor=membership, meeting=meeting, minutes=minutes)
    except InputError as exc:
        return _refused(request, exc, back)
    return _done(request, back, "Agenda saved.")


@login_required
@require_POST
def start(request: HttpRequest, pk: int) -> HttpResponse:
    """Start a run of the meeting and open its live page."""
    membership = _membership(request)
    meeting = get_meeting_for(membership, pk)
    try:
        run = services.start_run(actor=membership, meeting=meeting)
    except InputError as exc:
        return _refused(request, exc, reverse("meetings:team", args=[meeting.team_id]))
    return redirect("meetings:run", pk=run.pk)


# --- the live page -----------------------------------------------------------------------


@login_required
@require_GET
def run_page(request: HttpRequest, pk: int) -> HttpResponse:
    """The live meeting page: the section that is on, its timer, and what it reviews."""
    membership = _membership(request)
    run = get_run_for(membership, pk)
    context = _live_context(request, membership, run)
    context["teams"] = Team.objects.filter(practice_id=run.practice_id).exclude(pk=run.team_id)
    context["headline_kinds"] = HeadlineKind.choices
    return render(request, "meetings/run.html", context)


@require_GET
def live(request: HttpRequest, pk: int) -> HttpResponse:
    """The live fragment. ``?v=N`` is the version the page shows: while the run is still
    at that version the answer is an empty 204 (one query besides the request's own).

    A poll whose session has ended sends the whole page to the login form (``HX-Redirect``)
    instead of swapping the login form into the meeting.
    """
    if not request.user.is_authenticated:
        login = f"{reverse('login')}?next={reverse('meetings:run', args=[pk])}"
        if is_htmx(request):
            response = HttpResponse(status=204)
            response["HX-Redirect"] = login
            return response
        return redirect(login)
    membership = _membership(request)
    shown = request.GET.get("v", "")
    version = (
        MeetingRun.objects.filter(practice_id=membership.practice_id, pk=pk)
        .values_list("version", flat=True)
        .first()
    )
    if version is None:
        return render(request, "web/404.html", status=404)
    etag = core.live_etag(pk, version)
    if shown == str(version) or request.headers.get("If-None-Match") == etag:
        response = HttpResponse(status=204)
        response["ETag"] = etag
        return response
    run = get_run_for(membership, pk)
    response = render(request, "meetings/htmx/live.html", _live_context(request, membership, run))
    response["ETag"] = core.live_etag(pk, run.version)
    response["Cache-Control"] = "no-cache"
    return response


def _live_context(request: HttpRequest, membership: Membership, run: MeetingRun) -> dict[str, Any]:
    """What the live fragment shows: the agenda with the current section, its clock, and
    only the current section's panel (a fixed number of queries per section)."""
    now = timezone.now()
    current = run.current
    key = str(current["key"])
    context: dict[str, Any] = {
        "run": run,
        "key": key,
        "current": current,
        "now_ms": int(now.timestamp() * 1000),
        "started_ms": int(run.section_started_at.timestamp() * 1000),
        "clock": core.section_clock(run.section_started_at, int(str(current["minutes"])), now),
        "can_facilitate": run.is_open and may_facilitate(membership, run),
        "can_part": may_take_part(membership, run.team_id),
        "poll_ms": POLL_MS,
        "last": len(run.agenda) - 1,
        "planned": sum(int(s["minutes"]) for s in run.agenda),
    }
    if key == "checkin":
        context["attendees"] = queries.attendees(run.team)
    elif key == "scorecard":
        context["numbers"] = scorecard.numbers_for(
            run.team, core.week_start(now.date()), viewer=membership
        )
        context["scorecard_ready"] = scorecard.available()
    elif key == "priorities":
        context["priorities"] = scorecard.priorities_for(run.team)
        context["scorecard_ready"] = scorecard.available()
    elif key == "headlines":
        context["headlines"] = list(
            Headline.objects.filter(run=run).select_related("author", "to_team")
        )
    elif key == "todos":
        context["todos"] = queries.todos_for_review(run)
        context["rate"], context["people_rates"] = queries.completion(run.team_id)
    elif key == "issues":
        context["issues"] = queries.open_issues(run.team_id)
        context["solved"] = list(run.solved.select_related("decided_by").order_by("solved_at"))
    else:
        from practiceos.meetings.recap import build_recap

        context["recap"] = build_recap(run)
        context["my_rating"] = (
            Rating.objects.filter(run=run, user=request.user)
            .values_list("score", flat=True)
            .first()
        )
        context["scores"] = range(core.RATING_MIN, core.RATING_MAX + 1)
    return context


@login_required
@require_POST
def section(request: HttpRequest, pk: int) -> HttpResponse:
    """Move the run to a section (the facilitator)."""
    membership = _membership(request)
    run = get_run_for(membership, pk)
    back = reverse("meetings:run", args=[run.pk])
    try:
        services.go_to_section(actor=membership, run=run, section=request.POST.get("section"))
    except InputError as exc:
        return _refused(request, exc, back)
    return _done(request, back)


@login_required
@require_POST
def end(request: HttpRequest, pk: int) -> HttpResponse:
    """Conclude the run (or close one left open): recap frozen and emailed."""
    membership = _membership(request)
    run = get_run_for(membership, pk)
    back = reverse("meetings:run", args=[run.pk])
    try:
        services.end_run(actor=membership, run=run)
    except InputError as exc:
        return _refused(request, exc, back)
    if is_htmx(request):
        return _done(request, back)
    messages.success(request, "Meeting concluded; the recap was sent to the attendees.")
    return redirect("meetings:recap", pk=run.pk)


@login_required
@require_POST
def headline(request: HttpRequest, pk: int) -> HttpResponse:
    """Share a headline (or a message for another team) in the run."""
    membership = _membership(request)
    run = get_run_for(membership, pk)
    back = reverse("meetings:run", args=[run.pk])
    to_team = None
    if request.POST.get("to_team"):
        to_team = get_team_for(membership, request.POST["to_team"])
    try:
        services.add_headline(
            actor=membership,
            run=run,
            kind=request.POST.get("kind", ""),
            text=request.POST.get("text", ""),
            to_team=to_team,
        )
    except InputError as exc:
        return _refused(request, exc, back)
    return _done(request, back)


@login_required
@require_POST
def rate(request: HttpRequest, pk: int) -> HttpResponse:
    """The caller's 1-10 rating of the run."""
    membership = _membership(request)
    run = get_run_for(membership, pk)
    back = reverse("meetings:run", args=[run.pk])
    try:
        services.rate_run(actor=membership, run=run, score=request.POST.get("score", ""))
    except InputError as exc:
        return _refused(request, exc, back)
    return _done(request, back)


@login_required
@require_GET
def recap(request: HttpRequest, pk: int) -> HttpResponse:
    """The run's recap page: new to-dos, decisions, headlines, messages and ratings."""
    from practiceos.meetings.recap import build_recap

    membership = _membership(request)
    run = get_run_for(membership, pk)
    return render(request, "meetings/recap.html", {"run": run, "recap": build_recap(run)})


@login_required
@require_GET
def recap_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    """The recap as a PDF (WeasyPrint, system fonts)."""
    from practiceos.meetings.recap import build_recap

    membership = _membership(request)
    run = get_run_for(membership, pk)
    html = render_to_string(
        "meetings/recap_pdf.html", {"run": run, "recap": build_recap(run)}, request=request
    )
    from weasyprint import HTML  # loads Pango: only this view needs it

    pdf = HTML(string=html, base_url=request.build_absolute_uri("/")).write_pdf()
    response = HttpResponse(pdf, content_type="application/pdf")
    name = slugify(run.meeting.name) or "meeting"
    response["Content-Disposition"] = (
        f'inline; filename="recap-{name}-{run.started_at:%Y-%m-%d}.pdf"'
    )
    return response


# --- issues and to-dos -------------------------------------------------------------------


@login_required
@require_POST
def raise_issue(request: HttpRequest, pk: int) -> HttpResponse:
    """Put an issue on the team's list (anyone on the team); also the one-click drop of a
    red number or off-track priority (``source`` and ``source_ref``)."""
    membership = _membership(request)
    team = get_team_for(membership, pk)
    back = reverse("meetings:team", args=[team.pk])
    source = request.POST.get("source", IssueSource.RAISED)
    try:
        services.raise_issue(
            actor=membership,
            team=team,
            title=request.POST.get("title", ""),
            detail=request.POST.get("detail", ""),
            source=source,
            source_ref=request.POST.get("source_ref", "")[:60],
        )
    except InputError as exc:
        return _refused(request, exc, back)
    return _done(request, back, "Issue added to the list.")


@login_required
@require_GET
def issue_page(request: HttpRequest, pk: int) -> HttpResponse:
    """One issue: what it is, and the form that solves it with a decision and to-dos."""
    membership = _membership(request)
    issue = get_issue_for(membership, pk)
    return render(
        request,
        "meetings/issue.html",
        {
            "issue": issue,
            "todos": list(issue.todos.select_related("owner")),
            "attendees": queries.attendees(issue.team),
            "can_part": may_take_part(membership, issue.team_id),
            "teams": Team.objects.filter(practice_id=issue.practice_id).exclude(pk=issue.team_id),
            "todo_rows": range(3),
            "default_due": core.default_due(timezone.localdate()),
            "next": request.GET.get("next", ""),
            "is_open": issue.status == IssueStatus.OPEN,
        },
    )


@login_required
@require_POST
def solve(request: HttpRequest, pk: int) -> HttpResponse:
    """Solve the issue: decision, who decided, and up to three to-dos from the form."""
    membership = _membership(request)
    issue = get_issue_for(membership, pk)
    back = reverse("meetings:issue", args=[issue.pk])
    todos = [
        services.NewTodo(
            request.POST.get(f"todo_{i}_title", ""),
            request.POST.get(f"todo_{i}_owner", ""),
            request.POST.get(f"todo_{i}_due", ""),
        )
        for i in range(services.MAX_TODOS_PER_DECISION)
        if request.POST.get(f"todo_{i}_title", "").strip()
    ]
    try:
        services.solve_issue(
            actor=membership,
            issue=issue,
            decision=request.POST.get("decision", ""),
            todos=todos,
            decided_by_id=request.POST.get("decided_by", ""),
        )
    except InputError as exc:
        return _refused(request, exc, back)
    return _done(request, reverse("meetings:team", args=[issue.team_id]), "Issue solved.")


@login_required
@require_POST
def top(request: HttpRequest, pk: int) -> HttpResponse:
    """Put an issue in or out of the top three."""
    membership = _membership(request)
    issue = get_issue_for(membership, pk)
    back = reverse("meetings:team", args=[issue.team_id])
    try:
        services.set_top(actor=membership, issue=issue, top=request.POST.get("top") == "1")
    except InputError as exc:
        return _refused(request, exc, back)
    return _done(request, back)


@login_required
@require_POST
def move(request: HttpRequest, pk: int) -> HttpResponse:
    """Move an issue to another team or to the long-term list (``to=long_term``)."""
    membership = _membership(request)
    issue = get_issue_for(membership, pk)
    back = reverse("meetings:team", args=[issue.team_id])
    target = request.POST.get("to", "")
    try:
        if target == "open":
            services.reopen_issue(actor=membership, issue=issue)
        elif target == "long_term":
            services.move_issue(actor=membership, issue=issue, long_term=True)
        else:
            to_team = get_team_for(membership, target) if target else None
            services.move_issue(actor=membership, issue=issue, to_team=to_team)
    except InputError as exc:
        return _refused(request, exc, back)
    return _done(request, back, "Issue moved.")


@login_required
@require_POST
def add_todo(request: HttpRequest, pk: int) -> HttpResponse:
    """A to-do for the team owned by one person."""
    membership = _membership(request)
    team = get_team_for(membership, pk)
    back = reverse("meetings:team", args=[team.pk])
    try:
        services.add_todo(
            actor=membership,
            team=team,
            title=request.POST.get("title", ""),
            owner_id=request.POST.get("owner", ""),
            due=request.POST.get("due", ""),
        )
    except InputError as exc:
        return _refused(request, exc, back)
    return _done(request, back, "To-do added.")


@login_required
@require_POST
def todo_done(request: HttpRequest, pk: int) -> HttpResponse:
    """Mark a to-do done (``done=1``) or not done."""
    membership = _membership(request)
    todo = get_todo_for(membership, pk)
    services.set_todo_done(actor=membership, todo=todo, done=request.POST.get("done") == "1")
    return _done(request, reverse("meetings:team", args=[todo.team_id]))


@login_required
@require_GET
def decisions(request: HttpRequest, pk: int) -> HttpResponse:
    """The team's decision log, newest first, searchable (``?q=``)."""
    membership = _membership(request)
    team = get_team_for(membership, pk)
    q = request.GET.get("q", "")[:100]
    offset_text = request.GET.get("offset", "0")
    offset = int(offset_text) if offset_text.isdigit() and len(offset_text) < 9 else 0
    total, page = queries.decision_log(team.pk, q, offset)
    context = {
        "team": team,
        "q": q,
        "total": total,
        "page": page,
        "offset": offset,
        "next_offset": offset + queries.DECISIONS_PAGE
        if offset + queries.DECISIONS_PAGE < total
        else None,
    }
    template = "meetings/htmx/decisions.html" if is_htmx(request) else "meetings/decisions.html"
    return render(request, template, context)
