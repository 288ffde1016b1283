"""Every write to people accountability: conversations, plans, checkpoints, one-on-ones.

Each service runs in one transaction, checks the actor's permission
(``Action.REVIEW_PEOPLE``) and that the person is in the actor's manager chain (owners and
admins may act for anyone but themselves), validates every field with a message naming it
and the value, and writes one audit record. The audit record holds dates, statuses and
ids only, never notes or ratings: the audit log is read more widely than the records are.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from django.db import models, transaction
from django.utils import timezone

from practiceos.audit.models import AuditAction
from practiceos.audit.services import record
from practiceos.core.health.policy import Policy
from practiceos.core.problems import InputError, Problem
from practiceos.core.reviews import (
    PLAN_REASONS,
    Bar,
    PlanStatus,
    SeatFit,
    check_extension,
    check_new_plan,
    check_outcome,
    judge,
    parse_values,
)
from practiceos.core.style import Commitment, Competence, Situation
from practiceos.org.models import Assignment, Person
from practiceos.people.access import Relation, Viewer, current_q
from practiceos.people.adapters import measurables_for
from practiceos.people.models import Checkpoint, OneOnOne, Plan, Review
from practiceos.tenancy.access import require
from practiceos.tenancy.models import Membership
from practiceos.tenancy.permissions import Action

MAX_NOTES = 4000
MAX_TEXT = 1000
MAX_EXPECTATIONS = 10
MAX_EXPECTATION = 300
EARLIEST = dt.date(2000, 1, 1)

# Fields that say what was said: never copied into the audit log.
_CONFIDENTIAL = frozenset(
    {
        "ratings",
        "manager_notes",
        "person_notes",
        "expectations",
        "support",
        "extension_reason",
        "outcome_note",
        "note",
        "shared_notes",
        "private_notes",
        "topics",
        "competence",
        "commitment",
        "confident",
        "gets_it",
        "wants_it",
        "capacity",
    }
)


def today() -> dt.date:
    """The practice's current date (the server's local date)."""
    return timezone.localdate()


def audit_fields(obj: models.Model) -> dict[str, Any]:
    """The object's fields for the audit log, without anything confidential."""
    from practiceos.audit.services import snapshot_fields

    return {k: v for k, v in snapshot_fields(obj).items() if k not in _CONFIDENTIAL}


def _audit(
    actor: Membership, obj: models.Model, before: dict[str, Any] | None, action: AuditAction
) -> None:
    record(
        actor=actor.user,
        practice_id=actor.practice_id,
        action=action,
        obj=obj,
        before=before,
        after=audit_fields(obj),
    )


# ---- shared checks ---------------------------------------------------------------------------


def _require_manager_of(actor: Membership, person: Person) -> Relation:
    """The actor's relation to ``person`` if the actor may hold their conversations.

    403 for a role that may not review anyone; a person outside the practice or the
    actor's chain is refused as bad input naming ``person`` (the API's body names them).
    """
    require(actor, Action.REVIEW_PEOPLE)
    if person.practice_id != actor.practice_id:
        raise InputError([Problem("person", f"{person.pk} is not a person in this practice")])
    relation = Viewer.of(actor).relation(person.pk)
    if relation is Relation.SELF:
        raise InputError(
            [
                Problem(
                    "person",
                    f"{person.name} is you; your own conversations and plans are held by "
                    "your manager",
                )
            ]
        )
    if not relation.manages:
        raise InputError(
            [
                Problem(
                    "person",
                    f"{person.name} is not in your reporting line; only their manager chain, "
                    "owners and admins hold their conversations",
                )
            ]
        )
    return relation


def _text(value: object, field: str, limit: int, problems: list[Problem]) -> str:
    if value is None:
        return ""
    if not isinstance(value, str):
        problems.append(Problem(field, f"{value!r} is not text"))
        return ""
    text = value.strip()
    if "\x00" in text:
        problems.append(Problem(field, "contains a NUL character; remove it"))
        return ""
    if len(text) > limit:
        problems.append(Problem(field, f"is {len(text)} characters long; at most {limit}"))
    return text


def _date(
    value: object, field: str, problems: list[Problem], *, required: bool = True
) -> dt.date | None:
    if value in (None, ""):
        if required:
            problems.append(Problem(field, "is required: a date like 2026-03-31"))
        return None
    if isinstance(value, dt.date):
        parsed = value
    elif isinstance(value, str):
        try:
            parsed = dt.date.fromisoformat(value.strip())
        except ValueError:
            problems.append(Problem(field, f'"{value}" is not a date; use YYYY-MM-DD'))
            return None
    else:
        problems.append(Problem(field, f"{value!r} is not a date; use YYYY-MM-DD"))
        return None
    if parsed < EARLIEST:
        problems.append(Problem(field, f'"{parsed.isoformat()}" is before {EARLIEST.isoformat()}'))
        return None
    return parsed


def _bool(value: object, field: str, problems: list[Problem]) -> bool:
    if isinstance(value, bool):
        return value
    if value in ("yes", "true", "on", "1"):
        return True
    if value in ("no", "false", "off", "0"):
        return False
    problems.append(Problem(field, f"{value!r} is not accepted; answer yes or no"))
    return False


def _current_seat(person: Person) -> tuple[int | None, str]:
    """The person's current accountable seat (the first by name), for the record."""
    assignment = (
        Assignment.objects.filter(current_q(), person=person)
        .select_related("seat")
        .order_by("-accountable", "seat__name")
        .first()
    )
    if assignment is None:
        return None, ""
    return assignment.seat_id, assignment.seat.name


def practice_bar(actor: Membership) -> Bar:
    """The practice's bar, from its policy (the membership's practice row: no query)."""
    policy = Policy.from_stored(actor.practice.policy or {})
    return Bar(max_minus=policy.bar_max_minus, max_mixed=policy.bar_max_mixed)


def _fail(problems: list[Problem]) -> None:
    if problems:
        raise InputError(problems)


# ---- quarterly conversations ------------------------------------------------------------------


def record_review(*, actor: Membership, person: Person, data: Mapping[str, Any]) -> Review:
    """Record a quarterly conversation with ``person`` and judge it against the bar.

    ``data``: ``held_on`` (date, not in the future), ``values`` (``[{value, rating}]``,
    ratings +, +/− or −), ``gets_it``/``wants_it``/``capacity`` (yes/no), optional
    ``manager_notes`` and ``person_notes``.
    """
    _require_manager_of(actor, person)
    problems: list[Problem] = []
    held_on = _date(data.get("held_on"), "held_on", problems)
    if held_on is not None and held_on > today():
        problems.append(
            Problem("held_on", f'"{held_on.isoformat()}" is in the future; record it once held')
        )
    ratings, rating_problems = parse_values(data.get("values", []))
    problems.extend(rating_problems)
    fit = SeatFit(
        gets_it=_bool(data.get("gets_it"), "gets_it", problems),
        wants_it=_bool(data.get("wants_it"), "wants_it", problems),
        capacity=_bool(data.get("capacity"), "capacity", problems),
    )
    manager_notes = _text(data.get("manager_notes"), "manager_notes", MAX_NOTES, problems)
    person_notes = _text(data.get("person_notes"), "person_notes", MAX_NOTES, problems)
    _fail(problems)
    assert held_on is not None
    bar = practice_bar(actor)
    verdict = judge(ratings, fit, bar)
    seat_id, seat_name = _current_seat(person)
    with transaction.atomic():
        review = Review.objects.create(
            practice_id=actor.practice_id,
            person=person,
            seat_id=seat_id,
            seat_name=seat_name,
            reviewer=actor.user,
            held_on=held_on,
            ratings=[{"value": name, "rating": r.value} for name, r in ratings.items()],
            gets_it=fit.gets_it,
            wants_it=fit.wants_it,
            capacity=fit.capacity,
            manager_notes=manager_notes,
            person_notes=person_notes,
            values_ok=verdict.values_ok,
            seat_ok=verdict.seat_ok,
            bar=bar.describe()[:200],
        )
        _audit(actor, review, None, AuditAction.CREATED)
    return review


def add_person_notes(*, actor: Membership, review: Review, notes: object) -> Review:
    """The person's own notes on their quarterly conversation (only the person writes them)."""
    require(actor, Action.VIEW)
    if Viewer.of(actor).relation(review.person_id) is not Relation.SELF:
        raise InputError(
            [Problem("person_notes", "only the person the conversation was with writes these")]
        )
    problems: list[Problem] = []
    text = _text(notes, "person_notes", MAX_NOTES, problems)
    _fail(problems)
    with transaction.atomic():
        before = audit_fields(review)
        review.person_notes = text
        review.save(update_fields=["person_notes"])
        _audit(actor, review, before, AuditAction.UPDATED)
    return review


# ---- plans ------------------------------------------------------------------------------------


def _expectations(
    value: object, seat_ids: list[int], practice: Any, problems: list[Problem]
) -> list[dict[str, Any]]:
    if not isinstance(value, list | tuple) or not value:
        problems.append(Problem("expectations", "list at least one expectation to meet"))
        return []
    if len(value) > MAX_EXPECTATIONS:
        problems.append(
            Problem("expectations", f"has {len(value)} items; at most {MAX_EXPECTATIONS}")
        )
        return []
    measurables = measurables_for(practice, seat_ids)
    out: list[dict[str, Any]] = []
    for index, item in enumerate(value):
        here = f"expectations[{index}]"
        if isinstance(item, str):
            item = {"text": item}
        if not isinstance(item, Mapping):
            problems.append(Problem(here, "must be text or {text, measurable}"))
            continue
        text = _text(item.get("text"), f"{here}.text", MAX_EXPECTATION, problems)
        if not text:
            problems.append(Problem(f"{here}.text", "is required: what must be met"))
            continue
        measurable = item.get("measurable")
        if measurable is not None and measurable not in measurables:
            problems.append(
                Problem(
                    f"{here}.measurable",
                    f"{measurable!r} is not a measurable of the person's seat",
                )
            )
            continue
        out.append({"text": text, "measurable": measurable})
    return out


def open_plan(*, actor: Membership, person: Person, data: Mapping[str, Any]) -> Plan:
    """Open a performance plan for ``person`` with a committed end date.

    ``data``: ``reason`` (numbers, values, behaviour, skills), ``expectations`` (text, or
    ``{text, measurable}``), ``support``, ``end_date`` (after today, within a year).
    One open plan per person at a time.
    """
    _require_manager_of(actor, person)
    problems: list[Problem] = []
    reason = data.get("reason")
    if reason not in PLAN_REASONS:
        problems.append(
            Problem("reason", f"{reason!r} is not accepted; use one of {', '.join(PLAN_REASONS)}")
        )
    seat_id, seat_name = _current_seat(person)
    expectations = _expectations(
        data.get("expectations"), [seat_id] if seat_id else [], actor.practice, problems
    )
    support = _text(data.get("support"), "support", MAX_TEXT, problems)
    end_date = _date(data.get("end_date"), "end_date", problems, required=False)
    if not any(p.where == "end_date" for p in problems):
        problems.extend(check_new_plan(start=today(), end=end_date, today=today()))
    if Plan.objects.filter(person=person, status=PlanStatus.OPEN).exists():
        problems.append(
            Problem("person", f"{person.name} already has an open plan; record its outcome first")
        )
    _fail(problems)
    with transaction.atomic():
        plan = Plan.objects.create(
            practice_id=actor.practice_id,
            person=person,
            seat_id=seat_id,
            seat_name=seat_name,
            opened_by=actor.user,
            reason=str(reason),
            expectations=expectations,
            support=support,
            opened_on=today(),
            end_date=end_date,
            original_end_date=end_date,
        )
        _audit(actor, plan, None, AuditAction.CREATED)
    return plan


def _require_plan_manager(actor: Membership, plan: Plan) -> None:
    _require_manager_of(actor, plan.person)


def add_checkpoint(*, actor: Membership, plan: Plan, data: Mapping[str, Any]) -> Checkpoint:
    """A dated checkpoint on an open plan: on track or not, with notes."""
    _require_plan_manager(actor, plan)
    problems: list[Problem] = []
    if plan.status_enum.closed:
        problems.append(
            Problem("plan", f"the plan is closed ({plan.status}); it takes no checkpoints")
        )
    held_on = _date(data.get("held_on"), "held_on", problems)
    if held_on is not None and held_on > today():
        problems.append(Problem("held_on", f'"{held_on.isoformat()}" is in the future'))
    if held_on is not None and held_on < plan.opened_on:
        problems.append(
            Problem(
                "held_on",
                f'"{held_on.isoformat()}" is before the plan opened ({plan.opened_on.isoformat()})',
            )
        )
    on_track = _bool(data.get("on_track"), "on_track", problems)
    note = _text(data.get("note"), "note", MAX_NOTES, problems)
    _fail(problems)
    assert held_on is not None
    with transaction.atomic():
        checkpoint = Checkpoint.objects.create(
            practice_id=actor.practice_id,
            plan=plan,
            held_on=held_on,
            on_track=on_track,
            note=note,
            author=actor.user,
        )
        _audit(actor, checkpoint, None, AuditAction.CREATED)
    return checkpoint


def extend_plan(*, actor: Membership, plan: Plan, data: Mapping[str, Any]) -> Plan:
    """Extend an open plan once, with a reason and a new end date."""
    _require_plan_manager(actor, plan)
    problems: list[Problem] = []
    new_end = _date(data.get("new_end_date"), "new_end_date", problems, required=False)
    reason = _text(data.get("reason"), "reason", MAX_TEXT, problems)
    if not problems:
        problems.extend(
            check_extension(
                status=plan.status_enum,
                extensions=plan.extensions,
                end=plan.end_date,
                new_end=new_end,
                reason=reason,
                today=today(),
            )
        )
    _fail(problems)
    with transaction.atomic():
        before = audit_fields(plan)
        plan.end_date = new_end
        plan.extensions += 1
        plan.extension_reason = reason
        plan.save(update_fields=["end_date", "extensions", "extension_reason"])
        _audit(actor, plan, before, AuditAction.UPDATED)
    return plan


def record_outcome(*, actor: Membership, plan: Plan, data: Mapping[str, Any]) -> Plan:
    """Close an open plan: met, separated or withdrawn, with a note."""
    _require_plan_manager(actor, plan)
    problems: list[Problem] = []
    outcome, outcome_problems = check_outcome(status=plan.status_enum, outcome=data.get("outcome"))
    problems.extend(outcome_problems)
    note = _text(data.get("note"), "note", MAX_TEXT, problems)
    _fail(problems)
    assert outcome is not None
    with transaction.atomic():
        before = audit_fields(plan)
        plan.status = outcome.value
        plan.outcome_note = note
        plan.closed_on = today()
        plan.save(update_fields=["status", "outcome_note", "closed_on"])
        _audit(actor, plan, before, AuditAction.UPDATED)
    return plan


# ---- one-on-ones -------------------------------------------------------------------------------

SITUATIONS: tuple[str, ...] = tuple(s.value for s in Situation)


def record_one_on_one(*, actor: Membership, person: Person, data: Mapping[str, Any]) -> OneOnOne:
    """Record a one-on-one: topics, the manager's read of readiness, shared and private
    notes, and the next meeting's date."""
    _require_manager_of(actor, person)
    problems: list[Problem] = []
    held_on = _date(data.get("held_on"), "held_on", problems)
    next_on = _date(data.get("next_on"), "next_on", problems, required=False)
    if held_on is not None and next_on is not None and next_on <= held_on:
        problems.append(
            Problem("next_on", f'"{next_on.isoformat()}" must be after the meeting ({held_on})')
        )
    topics = data.get("topics", [])
    if not isinstance(topics, list | tuple) or len(topics) > len(SITUATIONS):
        problems.append(Problem("topics", f"must be a list of up to {len(SITUATIONS)} topics"))
        topics = []
    for index, topic in enumerate(topics):
        if topic not in SITUATIONS:
            problems.append(
                Problem(
                    f"topics[{index}]",
                    f"{topic!r} is not accepted; use one of {', '.join(SITUATIONS)}",
                )
            )
    competence = data.get("competence", Competence.SOME.value)
    if competence not in {c.value for c in Competence}:
        problems.append(
            Problem("competence", f"{competence!r} is not accepted; use low, some or high")
        )
    commitment = data.get("commitment", Commitment.HIGH.value)
    if commitment not in {c.value for c in Commitment}:
        problems.append(
            Problem("commitment", f"{commitment!r} is not accepted; use low, variable or high")
        )
    confident = _bool(data.get("confident", True), "confident", problems)
    shared = _text(data.get("shared_notes"), "shared_notes", MAX_NOTES, problems)
    private = _text(data.get("private_notes"), "private_notes", MAX_NOTES, problems)
    _fail(problems)
    assert held_on is not None
    with transaction.atomic():
        meeting = OneOnOne.objects.create(
            practice_id=actor.practice_id,
            person=person,
            manager=actor.user,
            held_on=held_on,
            next_on=next_on,
            topics=sorted(set(topics), key=SITUATIONS.index),
            competence=str(competence),
            commitment=str(commitment),
            confident=confident,
            shared_notes=shared,
            private_notes=private,
        )
        _audit(actor, meeting, None, AuditAction.CREATED)
    return meeting
