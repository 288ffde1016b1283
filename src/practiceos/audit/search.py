"""Searching a practice's audit log: by person, kind of object, action, dates and text.

Every filter value is checked and bounded before it reaches a query; a bad one comes
back as a problem naming the filter, the value and what is accepted.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass

from django.db.models import QuerySet

from practiceos.audit.models import AuditAction, AuditRecord
from practiceos.core.problems import Problem

MAX_TEXT = 100
PAGE_SIZE = 50


@dataclass(frozen=True)
class AuditFilter:
    """The filters of one search; empty strings and None mean "any"."""

    actor: str = ""
    object_type: str = ""
    action: str = ""
    since: dt.date | None = None
    until: dt.date | None = None
    text: str = ""

    @property
    def active(self) -> bool:
        """True when any filter is set."""
        return any([self.actor, self.object_type, self.action, self.since, self.until, self.text])


def _shown(value: str) -> str:
    text = "".join(c if c.isprintable() else "?" for c in value)
    return f'"{text[:40]}…"' if len(text) > 40 else f'"{text}"'


def _date(name: str, value: str, problems: list[Problem]) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value[:20])
    except ValueError:
        problems.append(Problem(name, f"{_shown(value)} is not a date; use YYYY-MM-DD"))
        return None


def parse_filter(
    params: Mapping[str, str], object_types: list[str]
) -> tuple[AuditFilter, list[Problem]]:
    """The filter from query parameters, and the problems with them (bad ones are dropped)."""
    problems: list[Problem] = []
    actor = params.get("who", "").strip()[:150]
    object_type = params.get("type", "").strip()
    if object_type and object_type not in object_types:
        problems.append(
            Problem("type", f"{_shown(object_type)} is not a kind of object the log records")
        )
        object_type = ""
    action = params.get("action", "").strip()
    if action and action not in AuditAction.values:
        accepted = ", ".join(AuditAction.values)
        problems.append(
            Problem("action", f"{_shown(action)} is not an action; use one of {accepted}")
        )
        action = ""
    text = params.get("q", "").strip()
    if len(text) > MAX_TEXT:
        problems.append(
            Problem("q", f"the search text has {len(text)} characters; use at most {MAX_TEXT}")
        )
        text = ""
    since = _date("since", params.get("since", "").strip(), problems)
    until = _date("until", params.get("until", "").strip(), problems)
    if since and until and since > until:
        problems.append(Problem("until", f"{until} is before {since}; the range is empty"))
    return AuditFilter(actor, object_type, action, since, until, text), problems


def search(practice_id: int, filters: AuditFilter, *, include_reads: bool) -> QuerySet[AuditRecord]:
    """The practice's records matching ``filters``, newest first (a lazy queryset).

    Confidential reads are left out unless ``include_reads`` (owners and admins).
    """
    rows = AuditRecord.objects.filter(practice_id=practice_id).select_related("actor")
    if not include_reads:
        rows = rows.exclude(action=AuditAction.READ)
    if filters.actor:
        rows = rows.filter(actor__username=filters.actor)
    if filters.object_type:
        rows = rows.filter(object_type=filters.object_type)
    if filters.action:
        rows = rows.filter(action=filters.action)
    if filters.since:
        rows = rows.filter(at__date__gte=filters.since)
    if filters.until:
        rows = rows.filter(at__date__lte=filters.until)
    if filters.text:
        rows = rows.filter(object_repr__icontains=filters.text)
    return rows.order_by("-at", "-id")
