"""Archive and restore seats, people, locations, teams and roles.

An archived object leaves the chart, the lists and the health check (``org.snapshot``
skips it) but keeps its rows, its history and its audit trail, and can be restored.
Archiving refuses what would leave the chart inconsistent, naming what to change first:
a seat that someone holds, that others report to or that manages a team; a person who
holds a seat; a location, team or role that seats still use. Restoring a seat whose role,
location or team is archived is refused the same way.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import models, transaction
from django.utils import timezone

from practiceos.audit.models import AuditAction
from practiceos.audit.services import record
from practiceos.core.problems import InputError, Problem
from practiceos.org.models import Assignment, Location, Person, Role, Seat, Team, live
from practiceos.org.services import ACTIONS
from practiceos.tenancy.access import require
from practiceos.tenancy.models import Membership

ARCHIVABLE: tuple[type[models.Model], ...] = (Location, Team, Role, Seat, Person)
#: Names listed in a refusal before "and N more".
SHOWN = 10


def _names(rows: list[str]) -> str:
    shown = ", ".join(f'"{r}"' for r in rows[:SHOWN])
    return shown + (f" and {len(rows) - SHOWN} more" if len(rows) > SHOWN else "")


def _current(today: dt.date) -> models.Q:
    return models.Q(end__isnull=True) | models.Q(end__gte=today)


def _archive_problems(obj: Any, today: dt.date) -> list[Problem]:
    """Why ``obj`` cannot be archived now (empty: it can)."""
    problems: list[Problem] = []
    if isinstance(obj, Seat):
        holders = list(
            Assignment.objects.filter(_current(today), seat=obj).values_list(
                "person__name", flat=True
            )
        )
        if holders:
            problems.append(
                Problem("seat", f"{_names(holders)} still hold this seat; end the assignment first")
            )
        reports = list(obj.direct_reports.filter(live()).values_list("name", flat=True))
        if reports:
            problems.append(
                Problem(
                    "seat",
                    f"{_names(reports)} report to this seat; give them another manager first",
                )
            )
        teams = list(obj.managed_teams.filter(live()).values_list("name", flat=True))
        if teams:
            problems.append(
                Problem("seat", f"it manages {_names(teams)}; give the team another manager first")
            )
    elif isinstance(obj, Person):
        seats = list(
            Assignment.objects.filter(_current(today), person=obj).values_list(
                "seat__name", flat=True
            )
        )
        if seats:
            problems.append(Problem("person", f"holds {_names(seats)}; end the assignments first"))
    else:
        field = {Location: "location", Team: "team", Role: "role"}[type(obj)]
        seats = list(Seat.objects.filter(live(), **{field: obj}).values_list("name", flat=True))
        if seats:
            problems.append(
                Problem(
                    field,
                    f"{len(seats)} seat(s) still use it ({_names(seats)}); archive or change "
                    "them first",
                )
            )
    return problems


def _restore_problems(obj: Any) -> list[Problem]:
    if not isinstance(obj, Seat):
        return []
    problems = []
    for field in ("role", "location", "team"):
        target = getattr(obj, field)
        if target is not None and target.archived_at is not None:
            problems.append(Problem(field, f'"{target}" is archived; restore it first'))
    return problems


def _set(actor: Membership, obj: Any, archive: bool, today: dt.date | None) -> Any:
    if type(obj) not in ARCHIVABLE:
        raise InputError([Problem("type", f"{obj._meta.verbose_name} cannot be archived")])
    require(actor, ACTIONS[type(obj)])
    if obj.practice_id != actor.practice_id:
        raise InputError([Problem("id", "no such object in this practice")])
    with transaction.atomic():
        obj = type(obj).objects.select_for_update().get(pk=obj.pk)
        if (obj.archived_at is not None) == archive:
            state = "archived" if archive else "not archived"
            raise InputError([Problem("archived", f'"{obj}" is already {state}')])
        problems = (
            _archive_problems(obj, today or timezone.localdate())
            if archive
            else _restore_problems(obj)
        )
        if problems:
            raise InputError(problems)
        before = {"archived_at": obj.archived_at.isoformat() if obj.archived_at else None}
        obj.archived_at = timezone.now() if archive else None
        obj.save(update_fields=["archived_at"])
        record(
            actor=actor.user,
            practice_id=actor.practice_id,
            action=AuditAction.ARCHIVED if archive else AuditAction.RESTORED,
            obj=obj,
            before=before,
            after={"archived_at": obj.archived_at.isoformat() if obj.archived_at else None},
        )
    return obj


def archive_object(*, actor: Membership, obj: Any, today: dt.date | None = None) -> Any:
    """Archive ``obj`` (a location, team, role, seat or person); audited. ``InputError``
    naming what to change first when it is still in use."""
    return _set(actor, obj, True, today)


def restore_object(*, actor: Membership, obj: Any) -> Any:
    """Bring an archived ``obj`` back onto the chart and into the checks; audited."""
    return _set(actor, obj, False, None)
