"""Undo a confirmed roster import as one step, while nothing newer touched its objects.

The import's audit records (one per row it created or changed, noted ``roster import
#<id>: <file>``) say exactly what it did, with the values before. Undoing reverses them
inside the practice's writer lock: changed rows get their earlier values back, rows it
created are deleted (assignments, then people and seats, then teams, roles and
locations), people and seats it brought back from the archive are archived again. It is
refused, naming what changed, when any of those objects has a newer audit record, or
when something created later stands on a row the import created (an assignment to one of
its seats, a seat reporting to one). Every reversal is audited.
"""

from __future__ import annotations

import datetime as dt
import decimal
from collections import defaultdict
from typing import Any

from django.db import models
from django.utils import timezone

from practiceos.audit.models import AuditAction, AuditRecord
from practiceos.audit.services import AuditRow, record, record_many
from practiceos.core.problems import InputError, Problem
from practiceos.org.models import Assignment, Location, Person, Role, Seat, Team
from practiceos.roster.models import ImportStatus, RosterImport
from practiceos.tenancy.access import require
from practiceos.tenancy.locking import practice_writer
from practiceos.tenancy.models import Membership
from practiceos.tenancy.permissions import Action

MODELS: dict[str, type[models.Model]] = {
    "org.location": Location,
    "org.role": Role,
    "org.team": Team,
    "org.seat": Seat,
    "org.person": Person,
    "org.assignment": Assignment,
}
#: Deleted in this order: dependants first.
DELETE_ORDER = ("org.assignment", "org.person", "org.seat", "org.team", "org.role", "org.location")
SHOWN = 10


def import_note(job: RosterImport) -> str:
    """The prefix of the audit notes the import wrote (``roster import #12:``)."""
    return f"roster import #{job.pk}:"


def _value(kind: str, field: str, value: Any, team_pk: dict[str, int]) -> tuple[str, Any]:
    """The model field and Python value an audit ``before`` value stands for."""
    if kind == "org.seat" and field == "reports_to":
        return "reports_to_id", value
    if kind == "org.seat" and field == "team":
        return "team_id", team_pk.get(" ".join(str(value).casefold().split())) if value else None
    if kind == "org.team" and field == "manager_seat":
        return "manager_seat_id", value
    if field in ("end", "start"):
        return field, dt.date.fromisoformat(value) if value else None
    if field == "fte":
        return field, decimal.Decimal(str(value))
    if field == "archived_at":
        return field, dt.datetime.fromisoformat(value) if value else None
    return field, value


def _refusal(records: list[AuditRecord], job: RosterImport) -> list[Problem]:
    """Why the import cannot be undone (newer changes), empty when it can."""
    last = max(r.pk for r in records)
    touched = {(r.object_type, r.object_id) for r in records}
    newer = [
        r
        for r in AuditRecord.objects.filter(
            practice_id=job.practice_id,
            pk__gt=last,
            object_type__in={t for t, _ in touched},
            object_id__in={i for _, i in touched},
        ).select_related("actor")
        if (r.object_type, r.object_id) in touched
    ]
    problems = [
        Problem(
            "undo",
            f"{r.object_repr} ({r.object_type.split('.')[-1]}) was {r.get_action_display().lower()}"
            f" at {timezone.localtime(r.at):%Y-%m-%d %H:%M}"
            f"{' by ' + r.actor.get_username() if r.actor else ''} after this import",
        )
        for r in newer[:SHOWN]
    ]
    if len(newer) > SHOWN:
        problems.append(Problem("undo", f"and {len(newer) - SHOWN} more changes since"))
    created = defaultdict(set)
    for r in records:
        if r.action == AuditAction.CREATED:
            created[r.object_type].add(int(r.object_id))
    standing = (
        Assignment.objects.filter(
            models.Q(seat_id__in=created["org.seat"])
            | models.Q(person_id__in=created["org.person"])
        )
        .exclude(pk__in=created["org.assignment"])
        .count()
    )
    standing += (
        Seat.objects.filter(reports_to_id__in=created["org.seat"])
        .exclude(pk__in=created["org.seat"])
        .count()
    )
    if standing:
        problems.append(
            Problem(
                "undo",
                f"{standing} newer assignment(s) or seat(s) depend on seats or people this "
                "import created",
            )
        )
    return problems


def undo_import(*, actor: Membership, job: RosterImport) -> RosterImport:
    """Reverse a finished import as one step (audited); ``InputError`` when it cannot be."""
    require(actor, Action.MANAGE_PRACTICE)
    if job.practice_id != actor.practice_id:
        raise InputError([Problem("import", "no such import in this practice")])
    with practice_writer(actor.practice, actor, f"undo of roster import #{job.pk}"):
        job = RosterImport.objects.select_for_update().get(pk=job.pk)
        if job.status != ImportStatus.DONE:
            raise InputError(
                [
                    Problem(
                        "status",
                        f'this import is "{job.status}"; only a finished one can be undone',
                    )
                ]
            )
        records = list(
            AuditRecord.objects.filter(
                practice_id=job.practice_id, note__startswith=import_note(job)
            ).order_by("pk")
        )
        if not records:
            raise InputError([Problem("undo", "this import changed nothing; nothing to undo")])
        problems = _refusal(records, job)
        if problems:
            raise InputError(problems)
        audit = _reverse(records, job.practice_id)
        record_many(
            practice_id=job.practice_id,
            actor_id=actor.user_id,
            note=f"undo of roster import #{job.pk}: {job.filename}",
            rows=audit,
        )
        before = {"status": job.status}
        job.status = ImportStatus.UNDONE
        job.save(update_fields=["status", "updated_at"])
        record(
            actor=actor.user,
            practice_id=actor.practice_id,
            action=AuditAction.UPDATED,
            obj=job,
            before=before,
            after={"status": job.status},
        )
    return job


def _reverse(records: list[AuditRecord], practice_id: int) -> list[AuditRow]:
    audit: list[AuditRow] = []
    team_pk = {
        " ".join(name.casefold().split()): pk
        for pk, name in Team.objects.filter(practice_id=practice_id).values_list("pk", "name")
    }
    changes = [r for r in records if r.action != AuditAction.CREATED and r.before is not None]
    # Unique emails and employee ids may have moved between people: blank them first.
    clearing = [r for r in changes if r.object_type == "org.person"]
    for r in clearing:
        blank = {f: "" for f in ("email", "employee_id") if f in r.before}
        if blank:
            Person.objects.filter(pk=int(r.object_id)).update(**blank)
    for r in reversed(changes):
        model = MODELS.get(r.object_type)
        if model is None:
            continue
        values = dict(_value(r.object_type, f, v, team_pk) for f, v in r.before.items())
        model._default_manager.filter(pk=int(r.object_id), practice_id=practice_id).update(**values)
        audit.append(
            (AuditAction.UPDATED, r.object_type, r.object_id, r.object_repr, r.after, r.before)
        )
    created: dict[str, list[AuditRecord]] = defaultdict(list)
    for r in records:
        if r.action == AuditAction.CREATED and r.object_type in MODELS:
            created[r.object_type].append(r)
    for kind in DELETE_ORDER:
        rows = created.get(kind, [])
        if not rows:
            continue
        pks = [int(r.object_id) for r in rows]
        if kind == "org.seat":
            # Lines among the import's own new seats go first (PROTECT).
            Seat.objects.filter(pk__in=pks).update(reports_to=None)
        MODELS[kind]._default_manager.filter(pk__in=pks, practice_id=practice_id).delete()
        audit.extend(
            (AuditAction.DELETED, kind, r.object_id, r.object_repr, r.after, None) for r in rows
        )
    return audit
