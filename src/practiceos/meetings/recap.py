"""A run's recap: what it decided and created, as data, as an email, as a page and PDF.

:func:`build_recap` reads a run's new to-dos, decisions, headlines, messages for other
teams and ratings in a fixed number of queries (five) and returns plain JSON-safe data;
``end_run`` freezes it on the run, :func:`send_recap` emails it to the attendees through
Django's email framework (console backend unless SMTP is configured).
"""

from __future__ import annotations

import logging
import smtplib
from typing import Any

from django.core.mail import EmailMessage
from django.template.loader import render_to_string

from practiceos.core.meetings import average_rating
from practiceos.meetings.models import Headline, HeadlineKind, MeetingRun, Rating, TeamIssue, ToDo
from practiceos.meetings.queries import attendees

log = logging.getLogger(__name__)


def build_recap(run: MeetingRun) -> dict[str, Any]:
    """The run's recap as JSON-safe data (five queries)."""
    todos = [
        {
            "title": t.title,
            "owner": t.owner.name,
            "due": t.due.isoformat(),
            "issue_id": t.issue_id,
        }
        for t in ToDo.objects.filter(created_in=run).select_related("owner").order_by("id")
    ]
    decisions = [
        {
            "issue_id": i.pk,
            "title": i.title,
            "decision": i.decision,
            "decided_by": i.decided_by.name if i.decided_by else "",
            "todos": [t["title"] for t in todos if t["issue_id"] == i.pk],
        }
        for i in TeamIssue.objects.filter(solved_in=run)
        .select_related("decided_by")
        .order_by("solved_at", "id")
    ]
    headlines: list[dict[str, Any]] = []
    messages: list[dict[str, Any]] = []
    for h in Headline.objects.filter(run=run).select_related("author", "to_team"):
        item = {
            "kind": HeadlineKind(h.kind).label,
            "text": h.text,
            "author": h.author.username if h.author else "",
        }
        if h.kind == HeadlineKind.MESSAGE:
            item["to_team"] = h.to_team.name if h.to_team else ""
            messages.append(item)
        else:
            headlines.append(item)
    ratings = [
        {"user": r.user.username, "score": r.score}
        for r in Rating.objects.filter(run=run).select_related("user").order_by("user__username")
    ]
    people = attendees(run.team)
    return {
        "meeting": run.meeting.name,
        "team": run.team.name,
        "started_at": run.started_at.isoformat(),
        "ended_at": run.ended_at.isoformat() if run.ended_at else None,
        "todos": todos,
        "decisions": decisions,
        "headlines": headlines,
        "messages": messages,
        "ratings": ratings,
        "average": average_rating(r["score"] for r in ratings),
        "attendees": [p.name for p in people],
        "emails": sorted({p.email for p in people if p.email}),
    }


def send_recap(run: MeetingRun) -> int:
    """Email the run's frozen recap to the attendees who have an email address; returns
    how many it was sent to (0 when nobody has one)."""
    recap = run.recap
    emails = list(recap.get("emails", []))
    if not emails:
        return 0
    body = render_to_string("meetings/recap_email.txt", {"recap": recap, "run": run})
    subject = f"Recap: {recap['meeting']} ({run.started_at:%d %b %Y})"
    try:
        EmailMessage(subject=subject, body=body, to=emails).send(fail_silently=False)
    except (OSError, smtplib.SMTPException):
        # The meeting is concluded and its recap kept either way; an unreachable mail
        # server must not turn "End the meeting" into an error page.
        log.exception("Could not email the recap of run %s", run.pk)
        return 0
    MeetingRun.objects.filter(pk=run.pk).update(recap_sent_to=len(emails))
    return len(emails)
