"""A person's data on request: export it as JSON, or erase it.

Erasing removes the person's personal fields everywhere the product keeps them (the
person row, the audit trail's copies of their name and contact details, roster import
previews) and archives them; their assignments and every audit entry stay, with the name
replaced by ``Erased person #<id>``, so the chart's history still adds up. The erasure
itself is audited without any of the erased values.
"""

from __future__ import annotations

import json
from typing import Any

from django.db import transaction
from django.utils import timezone

from practiceos.audit.models import AuditAction, AuditRecord
from practiceos.audit.services import record
from practiceos.core.problems import InputError, Problem
from practiceos.org.archiving import _archive_problems
from practiceos.org.models import Assignment, Person
from practiceos.roster.models import RosterImport
from practiceos.tenancy.access import require
from practiceos.tenancy.models import Membership
from practiceos.tenancy.permissions import Action

PERSONAL = ("name", "preferred_name", "email", "employee_id")


def _check(actor: Membership, person: Person) -> None:
    require(actor, Action.MANAGE_PRACTICE)
    if person.practice_id != actor.practice_id:
        raise InputError([Problem("id", "no such person in this practice")])


def export_person(*, actor: Membership, person: Person) -> dict[str, Any]:
    """Everything the practice holds about ``person``, as JSON-safe data (4 queries)."""
    _check(actor, person)
    assignments = [
        {
            "seat": name,
            "start": start.isoformat() if start else None,
            "end": end.isoformat() if end else None,
            "fte": str(fte),
            "level": level,
            "accountable": accountable,
        }
        for name, start, end, fte, level, accountable in Assignment.objects.filter(
            practice_id=person.practice_id, person=person
        )
        .order_by("start", "pk")
        .values_list("seat__name", "start", "end", "fte", "level", "accountable")
    ]
    history = [
        {
            "at": at.isoformat(),
            "action": action,
            "before": before,
            "after": after,
            "note": note,
        }
        for at, action, before, after, note in AuditRecord.objects.filter(
            practice_id=person.practice_id, object_type="org.person", object_id=str(person.pk)
        )
        .order_by("at", "pk")
        .values_list("at", "action", "before", "after", "note")
    ]
    return {
        "practice": actor.practice.slug,
        "exported_at": timezone.now().isoformat(),
        "person": {
            "id": person.pk,
            **{f: getattr(person, f) for f in PERSONAL},
            "login": person.user.get_username() if person.user_id else None,
            "archived_at": person.archived_at.isoformat() if person.archived_at else None,
        },
        "assignments": assignments,
        "history": history,
    }


def _scrub(value: Any, secrets: set[str], replacement: str) -> Any:
    """``value`` (JSON data) with every secret replaced: a whole text equal to one, or
    inside a longer text (a message quoting the name) when the secret is long enough not
    to match by accident (4 characters or more)."""
    if isinstance(value, str):
        if value in secrets:
            return replacement
        for secret in secrets:
            if len(secret) >= 4 and secret in value:
                value = value.replace(secret, replacement)
        return value
    if isinstance(value, list):
        return [_scrub(v, secrets, replacement) for v in value]
    if isinstance(value, dict):
        return {k: _scrub(v, secrets, replacement) for k, v in value.items()}
    return value


def erase_person(*, actor: Membership, person: Person) -> Person:
    """Remove ``person``'s personal data everywhere and archive them; audited.

    Refused while they hold a seat (end the assignments first). Hits the database once
    per audit record of theirs and per roster import that names them.
    """
    _check(actor, person)
    with transaction.atomic():
        person = Person.objects.select_for_update().get(pk=person.pk)
        if person.archived_at is None:
            problems = _archive_problems(person, timezone.localdate())
            if problems:
                raise InputError(problems)
        secrets = {v for v in (getattr(person, f) for f in PERSONAL) if v}
        label = f"Erased person #{person.pk}"
        for row in AuditRecord.objects.filter(
            practice_id=person.practice_id, object_type="org.person", object_id=str(person.pk)
        ):
            row.object_repr = label
            row.before = _scrub(row.before, secrets, "(erased)")
            row.after = _scrub(row.after, secrets, "(erased)")
            row.save(update_fields=["object_repr", "before", "after"])
        for job in RosterImport.objects.filter(practice_id=person.practice_id):
            text = json.dumps([job.summary, job.problems, job.warnings])
            if any(secret in text for secret in secrets):
                job.summary = _scrub(job.summary, secrets, label)
                job.problems = _scrub(job.problems, secrets, label)
                job.warnings = _scrub(job.warnings, secrets, label)
                job.save(update_fields=["summary", "problems", "warnings"])
        person.name = label
        person.preferred_name = person.email = person.employee_id = ""
        person.user = None
        person.archived_at = person.archived_at or timezone.now()
        person.save()
        record(
            actor=actor.user,
            practice_id=actor.practice_id,
            action=AuditAction.ERASED,
            obj=person,
            before=None,
            after={"erased": True, "archived": True},
            note="personal data erased on request",
        )
    return person
