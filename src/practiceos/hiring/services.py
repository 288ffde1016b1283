"""Every write to hiring goes through here.

Each service is ``verb_noun(*, actor, ...)``: it checks the actor's permission (``HIRE``
and the hiring seat in the actor's chain, unless owner or admin), validates with
messages naming the field, the value and what is accepted, writes inside one
transaction with an audit record, and returns the object.

Audit records of candidates and scores hold no personal data (no name, contact or
notes; a candidate's ``str`` is its number), so erasing a candidate on request leaves
nothing personal behind in the log either.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.db.models import Model
from django.utils import timezone

from practiceos.audit.models import AuditAction
from practiceos.audit.services import record, snapshot_fields
from practiceos.core.hiring import (
    ERASED_NAME,
    GWC,
    MAX_CLOSE_REASON,
    MAX_CONTACT,
    MAX_NAME,
    MAX_NOTES,
    MAX_VALUES,
    Mark,
    PlanCard,
    build_kit,
    parse_mark,
    parse_yes_no,
)
from practiceos.core.model import LEVELS
from practiceos.core.problems import InputError, Problem
from practiceos.hiring.access import sees_seat
from practiceos.hiring.models import Candidate, HiringPlan, InterviewScore, PlanStatusChoices
from practiceos.org import services as org_services
from practiceos.org.models import Assignment, Person, Seat
from practiceos.people.access import Viewer, current_q
from practiceos.tenancy.access import require
from practiceos.tenancy.models import Membership
from practiceos.tenancy.permissions import Action

#: Fields of a candidate or score that are personal data: never in an audit record.
PERSONAL = frozenset({"name", "email", "phone", "notes", "interviewer_name"})
#: The library template and the words that mark a practice's hiring/onboarding process.
ONBOARDING_TEMPLATE = "general-hiring-onboarding"


def _fields(obj: Model) -> dict[str, Any]:
    return {k: v for k, v in snapshot_fields(obj).items() if k not in PERSONAL}


def _audit(actor: Membership, obj: Model, before: dict[str, Any] | None, note: str = "") -> None:
    record(
        actor=actor.user,
        practice_id=actor.practice_id,
        action=AuditAction.CREATED if before is None else AuditAction.UPDATED,
        obj=obj,
        before=before,
        after=_fields(obj),
        note=note,
    )


def _require_chain(actor: Membership, seat_id: int | None) -> None:
    """HIRE, and the seat below the actor's (owners and admins: any seat)."""
    require(actor, Action.HIRE)
    if not sees_seat(Viewer.of(actor), seat_id):
        raise PermissionDenied("You may hire only into seats below your own.")


def _text(
    data: Mapping[str, Any],
    key: str,
    limit: int,
    problems: list[Problem],
    *,
    required: bool = False,
) -> str:
    value = data.get(key)
    if value is None:
        value = ""
    if not isinstance(value, str):
        problems.append(Problem(key, f"must be text, got {value!r}"[:200]))
        return ""
    value = value.strip()
    if "\x00" in value:
        problems.append(Problem(key, "must not contain NUL characters"))
    elif required and not value:
        problems.append(Problem(key, "is required"))
    elif len(value) > limit:
        problems.append(Problem(key, f"at most {limit} characters, got {len(value)}"))
    return value


def holder_of(seat: Seat) -> Person | None:
    """The seat's current accountable person, if any (one query)."""
    assignment = (
        Assignment.objects.filter(
            current_q(), practice_id=seat.practice_id, seat=seat, accountable=True
        )
        .select_related("person")
        .first()
    )
    return assignment.person if assignment else None


def plan_card(seat: Seat, level: str) -> PlanCard:
    """The seat's role card at ``level`` and the practice's core values, as a plan copies
    them (two queries: the role is loaded with the seat, the values are one)."""
    from practiceos.leadership.reads import core_values

    values = tuple((v.name, v.behaviour) for v in core_values(seat.practice_id))[:MAX_VALUES]
    role = seat.role
    if role is None:
        return PlanCard(seat.name, level, "", (), (), values)
    card = role.card()
    expectations = tuple(e.describe() for e in card.expectations if e.level.value == level)
    return PlanCard(
        card.title, level, card.purpose, tuple(card.responsibilities), expectations, values
    )


def open_plan(*, actor: Membership, seat: Seat, level: object = "senior") -> HiringPlan:
    """Open a hiring plan for a vacant seat: its role card at ``level`` and the core values
    are copied, and the interview kit is built from them. Refused for a filled seat or a
    seat that already has an open plan."""
    _require_chain(actor, seat.pk)
    problems: list[Problem] = []
    if level not in LEVELS:
        problems.append(
            Problem("level", f"must be one of {', '.join(LEVELS)}, got {str(level)[:40]!r}")
        )
    if seat.practice_id != actor.practice_id or seat.archived_at is not None:
        problems.append(Problem("seat", f"no seat {seat.pk} on this practice's chart"))
    holder = holder_of(seat)
    if holder is not None:
        problems.append(
            Problem(
                "seat",
                f'"{seat.name}" is filled by {holder.name}; a hiring plan is for a vacant seat',
            )
        )
    existing = HiringPlan.objects.filter(
        practice_id=actor.practice_id, seat=seat, status=PlanStatusChoices.OPEN
    ).first()
    if existing is not None:
        problems.append(
            Problem("seat", f'"{seat.name}" already has an open hiring plan (#{existing.pk})')
        )
    if problems:
        raise InputError(problems)
    card = plan_card(seat, str(level))
    try:
        with transaction.atomic():
            plan = HiringPlan.objects.create(
                practice_id=actor.practice_id,
                seat=seat,
                seat_name=seat.name,
                level=str(level),
                card=card.to_dict(),
                kit=[q.to_dict() for q in build_kit(card)],
                opened_by=actor.user,
            )
            _audit(actor, plan, None, note="opened")
    except IntegrityError:
        # Another request opened one between the check above and this write.
        raise InputError(
            [Problem("seat", f'"{seat.name}" already has an open hiring plan')]
        ) from None
    return plan


def _open(plan: HiringPlan, problems: list[Problem]) -> None:
    if plan.status != PlanStatusChoices.OPEN:
        problems.append(
            Problem("plan", f"the hiring plan for {plan.seat_name} is {plan.status}, not open")
        )


def add_candidate(*, actor: Membership, plan: HiringPlan, data: Mapping[str, Any]) -> Candidate:
    """Add a candidate (``name``, ``email``, ``phone``, ``notes``) to an open plan."""
    _require_chain(actor, plan.seat_id)
    problems: list[Problem] = []
    name = _text(data, "name", MAX_NAME, problems, required=True)
    email = _text(data, "email", MAX_CONTACT, problems)
    phone = _text(data, "phone", MAX_CONTACT, problems)
    notes = _text(data, "notes", MAX_NOTES, problems)
    _open(plan, problems)
    if problems:
        raise InputError(problems)
    with transaction.atomic():
        candidate = Candidate.objects.create(
            practice_id=actor.practice_id,
            plan=plan,
            name=name,
            email=email,
            phone=phone,
            notes=notes,
        )
        _audit(actor, candidate, None, note="added")
    return candidate


def _marks(plan: HiringPlan, raw: object, problems: list[Problem]) -> list[dict[str, str]]:
    """One mark per value of the plan, from ``[{"value", "mark"}]`` or ``{value: mark}``."""
    values = plan.values
    if isinstance(raw, Mapping):
        raw = [{"value": k, "mark": v} for k, v in raw.items()]
    if not isinstance(raw, list | tuple):
        problems.append(Problem("marks", "must be a list of {value, mark}"))
        return []
    given: dict[str, Mark] = {}
    for i, item in enumerate(raw[: MAX_VALUES + 1]):
        where = f"marks[{i + 1}]"
        if not isinstance(item, Mapping):
            problems.append(Problem(where, "must be {value, mark}"))
            continue
        value = item.get("value")
        if value not in values:
            accepted = ", ".join(values) or "none (the plan has no core values)"
            problems.append(
                Problem(
                    f"{where}.value",
                    f"{str(value)[:80]!r} is not a value of this plan; accepted: {accepted}",
                )
            )
            continue
        try:
            given[str(value)] = parse_mark(item.get("mark"), f"{where}.mark")
        except InputError as exc:
            problems.extend(exc.problems)
    for value in values:
        if value not in given and not any(p.where.startswith("marks[") for p in problems):
            problems.append(Problem("marks", f'no mark for "{value}"; every value is scored'))
    return [{"value": v, "mark": given[v].value} for v in values if v in given]


def score_candidate(
    *, actor: Membership, candidate: Candidate, data: Mapping[str, Any]
) -> InterviewScore:
    """Record the actor's interview scores of a candidate: a mark (+, +/−, −) per core
    value of the plan, yes/no for gets it, wants it and capacity to do it, and notes."""
    plan = candidate.plan
    _require_chain(actor, plan.seat_id)
    problems: list[Problem] = []
    marks = _marks(plan, data.get("marks"), problems)
    gwc: dict[str, bool] = {}
    for key, _label in GWC:
        try:
            gwc[key] = parse_yes_no(data.get(key), key)
        except InputError as exc:
            problems.extend(exc.problems)
    notes = _text(data, "notes", MAX_NOTES, problems)
    _open(plan, problems)
    if candidate.erased_at is not None:
        problems.append(Problem("candidate", "this candidate's data was erased"))
    if problems:
        raise InputError(problems)
    user = actor.user
    with transaction.atomic():
        score = InterviewScore.objects.create(
            practice_id=actor.practice_id,
            candidate=candidate,
            interviewer=user,
            interviewer_name=(user.get_full_name() or user.get_username()) if user else "",
            marks=marks,
            notes=notes,
            **gwc,
        )
        _audit(actor, score, None, note="scored")
    return score


def onboarding_process(practice_id: int) -> Any:
    """The practice's active hiring/onboarding process, if it documented one: the one
    started from the library's template, else one whose name says onboarding."""
    from practiceos.processes.models import Process, StatusChoices

    active = Process.objects.filter(practice_id=practice_id, status=StatusChoices.ACTIVE)
    return (
        active.filter(template_id=ONBOARDING_TEMPLATE).order_by("pk").first()
        or active.filter(name__icontains="onboarding").order_by("pk").first()
    )


def hire_candidate(
    *, actor: Membership, candidate: Candidate, start: dt.date | None = None
) -> HiringPlan:
    """Hire a candidate: a person is created from them and assigned to the plan's seat
    (through ``org.services``), the plan is closed as filled, and the practice's
    onboarding process (if any) starts as a checklist for them. All or nothing; refused
    when the seat is filled meanwhile."""
    plan = candidate.plan
    _require_chain(actor, plan.seat_id)
    problems: list[Problem] = []
    _open(plan, problems)
    if candidate.erased_at is not None:
        problems.append(Problem("candidate", "this candidate's data was erased; cannot hire"))
    seat = plan.seat
    if seat is None or seat.archived_at is not None:
        problems.append(Problem("seat", f'"{plan.seat_name}" is no longer on the chart'))
    else:
        holder = holder_of(seat)
        if holder is not None:
            problems.append(
                Problem(
                    "seat",
                    f'"{seat.name}" is already filled by {holder.name}; '
                    "end that assignment before hiring into it",
                )
            )
    if problems or seat is None:
        raise InputError(problems)
    day = start or timezone.localdate()
    with transaction.atomic():
        person = org_services.create(
            actor, Person, {"name": candidate.name, "email": candidate.email}
        )
        org_services.create(
            actor,
            Assignment,
            {"person": person.pk, "seat": seat.pk, "start": day.isoformat(), "level": plan.level},
        )
        before_candidate = _fields(candidate)
        candidate.person = person
        candidate.save(update_fields=["person"])
        _audit(actor, candidate, before_candidate, note="hired")
        process = onboarding_process(actor.practice_id)
        run = None
        if process is not None:
            from practiceos.processes.services import start_run

            run = start_run(actor=actor, process=process, subject=f"{person.name}, {seat.name}")
        before = _fields(plan)
        plan.status = PlanStatusChoices.FILLED
        plan.hired = candidate
        plan.closed_at = timezone.now()
        plan.onboarding_run = run
        plan.save(update_fields=["status", "hired", "closed_at", "onboarding_run"])
        _audit(actor, plan, before, note="filled")
    return plan


def close_plan(*, actor: Membership, plan: HiringPlan, reason: object) -> HiringPlan:
    """Close an open plan without a hire, saying why (the seat was withdrawn, filled from
    within, put on hold ...). Its candidates and scores stay, readable as before; a new
    plan can be opened for the seat later."""
    _require_chain(actor, plan.seat_id)
    problems: list[Problem] = []
    _open(plan, problems)
    text = _text({"reason": reason}, "reason", MAX_CLOSE_REASON, problems, required=True)
    if problems:
        raise InputError(problems)
    with transaction.atomic():
        before = _fields(plan)
        now = timezone.now()
        # Only while it is still open: a second close (or a hire) that got there first
        # wins, and this one is refused as it would have been a moment later.
        closed = HiringPlan.objects.filter(
            pk=plan.pk, practice_id=actor.practice_id, status=PlanStatusChoices.OPEN
        ).update(status=PlanStatusChoices.CLOSED, closed_at=now, closed_reason=text)
        if not closed:
            plan.refresh_from_db()
            _open(plan, problems)
            raise InputError(problems)
        plan.status, plan.closed_at, plan.closed_reason = PlanStatusChoices.CLOSED, now, text
        _audit(actor, plan, before, note="closed without a hire")
    return plan


def erase_candidate(*, actor: Membership, candidate: Candidate) -> Candidate:
    """Wipe a candidate's personal data on request: the name becomes "Erased candidate";
    contact, notes, interview notes and interviewers' names are blanked. The marks and
    seat-fit answers stay, anonymous, so the plan's side-by-side still adds up. The audit
    record says that an erasure happened, and nothing erased."""
    _require_chain(actor, candidate.plan.seat_id)
    if candidate.erased_at is not None:
        return candidate
    with transaction.atomic():
        before = _fields(candidate)
        candidate.name = ERASED_NAME
        candidate.email = candidate.phone = candidate.notes = ""
        candidate.erased_at = timezone.now()
        candidate.save(update_fields=["name", "email", "phone", "notes", "erased_at"])
        scores = InterviewScore.objects.filter(
            practice_id=actor.practice_id, candidate=candidate
        ).update(notes="", interviewer_name="", interviewer=None)
        _audit(
            actor, candidate, before, note=f"personal data erased on request; {scores} scores kept"
        )
    return candidate
