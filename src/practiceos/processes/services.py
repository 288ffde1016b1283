"""Every write to core processes and checklist runs goes through here.

Each service is ``verb_noun(*, actor, ...)``: it checks the actor's permission, validates
with messages naming the field and the value, writes inside one transaction with an
audit record, and returns the object. Views, the API and the CLI call these.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any

from django.db import transaction
from django.db.models import Model
from django.utils import timezone

from practiceos.audit.models import AuditAction
from practiceos.audit.services import record, snapshot_fields
from practiceos.core.problems import InputError, Problem
from practiceos.core.processes import (
    MAX_MEASURABLES,
    MAX_NAME,
    MAX_NOTE,
    MAX_PURPOSE,
    MAX_SUBJECT,
    ProcessTemplate,
    Step,
    clean_steps,
    find_template,
    steps_from_json,
)
from practiceos.org.models import Seat
from practiceos.processes.models import ChecklistRun, Process, ProcessVersion, StatusChoices
from practiceos.tenancy.access import require
from practiceos.tenancy.models import Membership
from practiceos.tenancy.permissions import Action


def _audit(actor: Membership, obj: Model, before: dict[str, Any] | None, note: str = "") -> None:
    record(
        actor=actor.user,
        practice_id=actor.practice_id,
        action=AuditAction.CREATED if before is None else AuditAction.UPDATED,
        obj=obj,
        before=before,
        after=snapshot_fields(obj),
        note=note,
    )


def _text(
    data: Mapping[str, Any],
    key: str,
    limit: int,
    problems: list[Problem],
    *,
    required: bool = False,
) -> str | None:
    """``data[key]`` cleaned, or None when absent; problems name the field and the limit."""
    if key not in data:
        if required:
            problems.append(Problem(key, "is required"))
        return None
    value = data[key]
    if value is None:
        value = ""
    if not isinstance(value, str):
        problems.append(Problem(key, f"must be text, got {value!r}"[:200]))
        return None
    value = value.strip()
    if "\x00" in value:
        problems.append(Problem(key, "must not contain NUL characters"))
        return None
    if required and not value:
        problems.append(Problem(key, "must not be blank"))
    elif len(value) > limit:
        problems.append(Problem(key, f"at most {limit} characters, got {len(value)}"))
    return value


def _seat(
    actor: Membership, value: object, problems: list[Problem], key: str = "owner_seat"
) -> Seat | None:
    """The seat ``value`` of the actor's practice (a problem naming ``key`` otherwise)."""
    if value in (None, ""):
        problems.append(Problem(key, "a process needs exactly one owning seat"))
        return None
    try:
        pk = int(str(value))
    except ValueError:
        problems.append(Problem(key, f"must be a seat id, got {value!r}"[:200]))
        return None
    seat = Seat.objects.filter(practice_id=actor.practice_id, pk=pk).first()
    if seat is None:
        problems.append(Problem(key, f"no seat {pk} in this practice"))
    return seat


def _seat_ids(actor: Membership) -> list[str]:
    return [
        str(pk)
        for pk in Seat.objects.filter(practice_id=actor.practice_id).values_list("pk", flat=True)
    ]


def _measurables(actor: Membership, value: object, problems: list[Problem]) -> list[int]:
    """Measurable ids of the actor's practice that show the process works."""
    if value in (None, ""):
        return []
    if not isinstance(value, list | tuple) or len(value) > MAX_MEASURABLES:
        problems.append(
            Problem("measurables", f"must be a list of at most {MAX_MEASURABLES} measurable ids")
        )
        return []
    try:
        ids = sorted({int(str(v)) for v in value})
    except ValueError:
        problems.append(Problem("measurables", f"must be measurable ids, got {value!r}"[:200]))
        return []
    from practiceos.scorecards.models import Measurable

    found = set(
        Measurable.objects.filter(practice_id=actor.practice_id, pk__in=ids).values_list(
            "pk", flat=True
        )
    )
    missing = [i for i in ids if i not in found]
    if missing:
        problems.append(Problem("measurables", f"no measurable {missing[0]} in this practice"))
    return ids


def _steps(actor: Membership, raw: object) -> list[Step]:
    return clean_steps(raw, _seat_ids(actor))


def create_process(*, actor: Membership, data: Mapping[str, Any]) -> Process:
    """Document a new process with its first version of steps.

    ``data``: ``name``, ``owner_seat`` (a seat id), ``purpose``, ``steps`` (a list of
    ``{"text", "seat"}``), ``measurables`` (ids), ``field``, ``template_id``.
    """
    require(actor, Action.EDIT_PROCESSES)
    problems: list[Problem] = []
    name = _text(data, "name", MAX_NAME, problems, required=True)
    purpose = _text(data, "purpose", MAX_PURPOSE, problems) or ""
    owner = _seat(actor, data.get("owner_seat"), problems)
    measurables = _measurables(actor, data.get("measurables"), problems)
    steps: list[Step] = []
    try:
        steps = _steps(actor, data.get("steps"))
    except InputError as exc:
        problems.extend(exc.problems)
    if name and Process.objects.filter(practice_id=actor.practice_id, name__iexact=name).exists():
        problems.append(Problem("name", f"a process called {name!r} already exists"))
    if problems:
        raise InputError(problems)
    with transaction.atomic():
        process = Process.objects.create(
            practice_id=actor.practice_id,
            name=name or "",
            owner_seat=owner,
            purpose=purpose,
            field=str(data.get("field") or "")[:40],
            template_id=str(data.get("template_id") or "")[:80],
            current=1,
        )
        version = ProcessVersion.objects.create(
            practice_id=actor.practice_id,
            process=process,
            number=1,
            steps=[s.to_dict() for s in steps],
            measurables=measurables,
            note="first version",
            created_by=actor.user,
        )
        _audit(actor, process, None)
        _audit(actor, version, None)
    return process


def template_steps(
    template: ProcessTemplate, owner_seat_id: int, seats: Sequence[Seat]
) -> list[dict[str, str]]:
    """A template's steps for one practice: each step goes to the first seat of the kind
    the template names, or to the process's owning seat when the chart has none."""
    by_kind: dict[str, str] = {}
    for seat in seats:
        by_kind.setdefault(seat.kind, str(seat.pk))
    return [
        {"text": s.text, "seat": by_kind.get(s.owner_kind, str(owner_seat_id))}
        for s in template.steps
    ]


def adopt_template(
    *, actor: Membership, template_id: str, owner_seat: object, name: str | None = None
) -> Process:
    """Start a process from a library template, owned by ``owner_seat``."""
    require(actor, Action.EDIT_PROCESSES)
    template = find_template(str(template_id))
    if template is None:
        raise InputError(
            [Problem("template", f"no template {str(template_id)[:80]!r} in the library")]
        )
    problems: list[Problem] = []
    seat = _seat(actor, owner_seat, problems)
    if problems or seat is None:
        raise InputError(problems)
    seats = list(Seat.objects.filter(practice_id=actor.practice_id).order_by("pk"))
    return create_process(
        actor=actor,
        data={
            "name": name or template.name,
            "owner_seat": seat.pk,
            "purpose": template.purpose,
            "steps": template_steps(template, seat.pk, seats),
            "field": template.field,
            "template_id": template.id,
        },
    )


def update_process(*, actor: Membership, process: Process, data: Mapping[str, Any]) -> Process:
    """Change a process's name, purpose, owner or status; new ``steps`` or ``measurables``
    make a new version (the old one is kept for the history and the diff)."""
    require(actor, Action.EDIT_PROCESSES)
    problems: list[Problem] = []
    before = snapshot_fields(process)
    name = _text(data, "name", MAX_NAME, problems, required=False)
    if name is not None and not name and "name" in data:
        problems.append(Problem("name", "must not be blank"))
    purpose = _text(data, "purpose", MAX_PURPOSE, problems)
    note = _text(data, "note", MAX_NOTE, problems) or ""
    owner = _seat(actor, data.get("owner_seat"), problems) if "owner_seat" in data else None
    status = data.get("status") or None  # a blank form field keeps the status
    if status is not None and status not in StatusChoices.values:
        problems.append(
            Problem(
                "status", f"must be one of {', '.join(StatusChoices.values)}, got {status!r}"[:200]
            )
        )
    current = process.versions.filter(number=process.current).first()
    steps: list[Step] | None = None
    if "steps" in data:
        try:
            steps = _steps(actor, data["steps"])
        except InputError as exc:
            problems.extend(exc.problems)
    measurables = (
        _measurables(actor, data["measurables"], problems) if "measurables" in data else None
    )
    if (
        name
        and Process.objects.filter(practice_id=actor.practice_id, name__iexact=name)
        .exclude(pk=process.pk)
        .exists()
    ):
        problems.append(Problem("name", f"a process called {name!r} already exists"))
    if problems:
        raise InputError(problems)
    old_steps = steps_from_json(current.steps) if current else []
    old_measurables = list(current.measurables) if current else []
    new_version = (steps is not None and steps != old_steps) or (
        measurables is not None and measurables != old_measurables
    )
    with transaction.atomic():
        if name:
            process.name = name
        if purpose is not None:
            process.purpose = purpose
        if owner is not None:
            process.owner_seat = owner
        if status is not None:
            process.status = status
        if new_version:
            process.current += 1
            version = ProcessVersion.objects.create(
                practice_id=actor.practice_id,
                process=process,
                number=process.current,
                steps=[s.to_dict() for s in (steps if steps is not None else old_steps)],
                measurables=measurables if measurables is not None else old_measurables,
                note=note,
                created_by=actor.user,
            )
            _audit(actor, version, None)
        process.save()
        if snapshot_fields(process) != before:
            _audit(actor, process, before)
    return process


def record_review(*, actor: Membership, process: Process, data: Mapping[str, Any]) -> Process:
    """Record a review of the process with the people who run it: the date, whether they
    follow it (``followed``: true/false) and a note."""
    require(actor, Action.EDIT_PROCESSES)
    problems: list[Problem] = []
    raw_day = data.get("reviewed_on") or timezone.localdate()
    day: dt.date | None = None
    if isinstance(raw_day, dt.date):
        day = raw_day
    else:
        try:
            day = dt.date.fromisoformat(str(raw_day))
        except ValueError:
            problems.append(
                Problem("reviewed_on", f"must be a date like 2025-01-31, got {str(raw_day)[:40]!r}")
            )
    if day is not None and day > timezone.localdate():
        problems.append(Problem("reviewed_on", f"cannot be in the future, got {day.isoformat()}"))
    followed = data.get("followed")
    if isinstance(followed, str):
        followed = {"yes": True, "true": True, "no": False, "false": False}.get(
            followed.lower(), followed
        )
    if not isinstance(followed, bool):
        problems.append(Problem("followed", f"must be yes or no, got {followed!r}"[:200]))
    note = _text(data, "note", MAX_NOTE, problems) or ""
    if problems:
        raise InputError(problems)
    with transaction.atomic():
        before = snapshot_fields(process)
        process.last_reviewed_on = day
        process.followed = bool(followed)
        process.follow_note = note
        process.save(update_fields=["last_reviewed_on", "followed", "follow_note"])
        _audit(actor, process, before, note="reviewed")
    return process


def start_run(*, actor: Membership, process: Process, subject: object = "") -> ChecklistRun:
    """Start a checklist run of the process's current version (``subject``: for whom or
    what, such as a new hire's name or a room). An archived process cannot be run."""
    require(actor, Action.RUN_CHECKLISTS)
    problems: list[Problem] = []
    text = _text({"subject": subject}, "subject", MAX_SUBJECT, problems) or ""
    if process.status != StatusChoices.ACTIVE:
        problems.append(
            Problem("process", f'"{process.name}" is archived; restore it before running it')
        )
    version = process.versions.filter(number=process.current).first()
    if version is None:
        problems.append(Problem("process", f'"{process.name}" has no steps to run'))
    if problems or version is None:
        raise InputError(problems)
    total = len(steps_from_json(version.steps))
    with transaction.atomic():
        run = ChecklistRun.objects.create(
            practice_id=actor.practice_id,
            process=process,
            version=version,
            subject=text,
            started_by=actor.user,
            ticks=[None] * total,
            total=total,
        )
        _audit(actor, run, None)
    return run


def tick_step(
    *, actor: Membership, run: ChecklistRun, step: object, done: bool = True
) -> ChecklistRun:
    """Mark step ``step`` (1-based) of a run done by the actor now, or undo it."""
    require(actor, Action.RUN_CHECKLISTS)
    try:
        index = int(str(step)) - 1
    except ValueError:
        index = -1
    if not 0 <= index < run.total:
        raise InputError(
            [
                Problem(
                    "step", f"must be a step number from 1 to {run.total}, got {str(step)[:20]!r}"
                )
            ]
        )
    with transaction.atomic():
        locked = ChecklistRun.objects.select_for_update().get(
            pk=run.pk, practice_id=actor.practice_id
        )
        before = snapshot_fields(locked)
        ticks = list(locked.ticks) + [None] * (locked.total - len(locked.ticks))
        user = actor.user
        name = (user.get_full_name() or user.get_username()) if user is not None else ""
        ticks[index] = (
            {"by": getattr(user, "pk", None), "name": name, "at": timezone.now().isoformat()}
            if done
            else None
        )
        locked.ticks = ticks
        locked.done = sum(1 for t in ticks if t)
        locked.finished_at = timezone.now() if locked.done >= locked.total else None
        locked.save(update_fields=["ticks", "done", "finished_at"])
        _audit(actor, locked, before, note=f"step {index + 1} {'done' if done else 'undone'}")
    # Keep the caller's object in step with what was saved.
    run.ticks, run.done, run.finished_at = locked.ticks, locked.done, locked.finished_at
    return run
