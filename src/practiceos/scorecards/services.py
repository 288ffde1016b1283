"""Every write to scorecards, priorities, dependencies and the pulse goes through here.

Each service is ``verb_noun(*, actor, ...)``: it checks the actor's permission, validates
with messages naming the field (or cell) and the value, writes inside one transaction
with an audit record per object changed, and returns the object. Views, the API and the
CLI call these; nothing else saves scorecard rows.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db import IntegrityError, connection, models, transaction
from django.utils import timezone

from practiceos.audit.models import AuditAction
from practiceos.audit.services import AuditRow, record, record_many, snapshot_fields
from practiceos.core import scorecard as sc
from practiceos.core.measurable_library import NORMALISE, library_entry
from practiceos.core.problems import InputError, Problem
from practiceos.core.scorecard_entry import CleanEntry, MeasurableRef, RawEntry, check_entries
from practiceos.org.cleaning import Field, clean_fields
from practiceos.org.models import Assignment, Person, Seat, Team
from practiceos.scorecards.models import (
    AlignmentConversation,
    Dependency,
    GoalLink,
    GoalOverride,
    Measurable,
    MeasurableValue,
    Milestone,
    Priority,
    PulseAnswer,
    TeamGoal,
)
from practiceos.tenancy.access import require
from practiceos.tenancy.models import MemberRole, Membership
from practiceos.tenancy.permissions import Action

MAX_LEVEL_TARGETS = 3
LEVELS = ("junior", "senior", "lead")

MEASURABLE_FIELDS = [
    Field("name", required=True, max_length=160),
    Field("key", max_length=60),
    Field("team", kind="ref", model=Team),
    Field("seat", kind="ref", model=Seat),
    Field("unit", kind="choice", choices=sc.UNITS),
    Field("operator", kind="choice", choices=sc.OPERATORS),
    Field("cadence", kind="choice", choices=sc.CADENCES),
    Field("formula", max_length=sc.MAX_FORMULA),
    Field("normalise", kind="choice", choices=NORMALISE),
    Field("visibility", kind="choice", choices=("team", "private")),
    Field("team_goals", kind="refs", model=TeamGoal),
    Field("active", kind="bool"),
    Field("library_id", max_length=80),
]
_NUMBER_FIELDS = ("goal_low", "goal_high", "position", "level_targets")


def _write_audit(actor: Membership, obj: models.Model, before: dict[str, Any] | None) -> None:
    """One audit record for ``obj`` when it changed (created when ``before`` is None)."""
    after = snapshot_fields(obj)
    if before != after:
        record(
            actor=actor.user,
            practice_id=actor.practice_id,
            action=AuditAction.CREATED if before is None else AuditAction.UPDATED,
            obj=obj,
            before=before,
            after=after,
        )


def _decimal_field(data: Mapping[str, Any], name: str, problems: list[Problem]) -> Any:
    """A goal bound: a number, or None when blank; ``...`` when not given."""
    if name not in data:
        return ...
    value = data[name]
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    try:
        return sc.parse_number(value, sc.Unit.NUMBER)
    except ValueError as exc:
        problems.append(Problem(name, str(exc)))
        return ...


def _level_targets(value: Any, problems: list[Problem]) -> dict[str, dict[str, str]]:
    """Per-level goals ``{"junior": {"low": "8", "high": ""}}``: optional, checked."""
    if value in (None, ""):
        return {}
    if not isinstance(value, Mapping) or len(value) > MAX_LEVEL_TARGETS:
        problems.append(
            Problem("level_targets", "must map junior, senior or lead to {low, high} numbers")
        )
        return {}
    out: dict[str, dict[str, str]] = {}
    for level, target in value.items():
        if level not in LEVELS:
            problems.append(
                Problem(f"level_targets.{level}"[:80], f"is not a level; use {', '.join(LEVELS)}")
            )
            continue
        if not isinstance(target, Mapping):
            problems.append(Problem(f"level_targets.{level}", "must be {low, high}"))
            continue
        clean: dict[str, str] = {}
        for bound in ("low", "high"):
            raw = target.get(bound)
            if raw in (None, ""):
                continue
            try:
                clean[bound] = str(sc.parse_number(raw, sc.Unit.NUMBER))
            except ValueError as exc:
                problems.append(Problem(f"level_targets.{level}.{bound}", str(exc)))
        if clean:
            out[level] = clean
    return out


def _slug(text: str) -> str:
    out = "".join(ch if ch.isalnum() else "-" for ch in text.lower()).strip("-")
    while "--" in out:
        out = out.replace("--", "-")
    return out[:60] or "measurable"


def _check_formula(actor: Membership, key: str, formula: str, exclude: int | None) -> list[Problem]:
    """Refs to missing measurables, self-references and cycles the formula would make."""
    if not formula:
        return []
    others = Measurable.objects.filter(practice_id=actor.practice_id)
    if exclude is not None:
        others = others.exclude(pk=exclude)
    rows = list(others.values_list("key", "formula"))
    formulas = {k: f for k, f in rows if f}
    formulas[key] = formula
    problems = sc.formula_problems(formulas, [k for k, _ in rows] + [key])
    # Only report problems this formula causes: its own, or a cycle passing through it.
    return [
        Problem("formula", p.message)
        for p in problems
        if p.where == f"formula[{key}]" or f"{key} →" in p.message or f"→ {key}" in p.message
    ]


def _clean_measurable(
    actor: Membership, obj: Measurable | None, data: Mapping[str, Any]
) -> tuple[dict[str, Any], list[TeamGoal] | None]:
    if not isinstance(data, Mapping):
        raise InputError([Problem("body", "must be an object of field names and values")])
    problems: list[Problem] = []
    plain = {k: v for k, v in data.items() if k not in _NUMBER_FIELDS}
    try:
        values = clean_fields(
            MEASURABLE_FIELDS, plain, practice_id=actor.practice_id, partial=obj is not None
        )
    except InputError as exc:
        problems.extend(exc.problems)
        values = {}
    for name in ("goal_low", "goal_high"):
        got = _decimal_field(data, name, problems)
        if got is not ...:
            values[name] = got
    if "position" in data:
        pos = data["position"]
        if isinstance(pos, bool) or not isinstance(pos, int) or not 0 <= pos <= 10_000:
            problems.append(Problem("position", f"{pos!r} is not a whole number from 0 to 10000"))
        else:
            values["position"] = pos
    if "level_targets" in data:
        values["level_targets"] = _level_targets(data["level_targets"], problems)
    current = obj or Measurable()
    unit = sc.Unit(values.get("unit", current.unit or "number"))
    operator = sc.Operator(values.get("operator", current.operator or "gte"))
    low = values.get("goal_low", current.goal_low)
    high = values.get("goal_high", current.goal_high)
    problems.extend(sc.goal_problems(unit, operator, low, high, where="goal"))
    if "key" in values or obj is None:
        key = values.get("key") or _slug(values.get("name", ""))
        if key != _slug(key):
            problems.append(
                Problem("key", f'"{key}" may hold only lower-case letters, digits and dashes')
            )
        clash = Measurable.objects.filter(practice_id=actor.practice_id, key=key)
        if obj is not None:
            clash = clash.exclude(pk=obj.pk)
        if clash.exists():
            problems.append(
                Problem("key", f'"{key}" is the key of another measurable; choose another key')
            )
        values["key"] = key
    if "formula" in values:
        try:
            if values["formula"]:
                sc.parse_formula(values["formula"])
        except ValueError as exc:
            problems.append(Problem("formula", f'"{values["formula"][:60]}": {exc}'))
        else:
            problems.extend(
                _check_formula(
                    actor,
                    values.get("key", current.key),
                    values["formula"],
                    obj.pk if obj else None,
                )
            )
    team_goals = values.pop("team_goals", None)
    team = values.get("team", current.team if obj else None)
    if team_goals and any(g.team_id != getattr(team, "pk", None) for g in team_goals):
        problems.append(Problem("team_goals", "a measurable serves goals of its own team only"))
    if problems:
        raise InputError(problems)
    return values, team_goals


def create_measurable(*, actor: Membership, data: Mapping[str, Any]) -> Measurable:
    """Create a measurable from API-style ``data`` (name, key, team, seat, unit, goal ...)."""
    require(actor, Action.EDIT_SCORECARD)
    values, team_goals = _clean_measurable(actor, None, data)
    return _save_measurable(
        actor, Measurable(practice_id=actor.practice_id), None, values, team_goals
    )


def update_measurable(
    *, actor: Membership, measurable: Measurable, data: Mapping[str, Any]
) -> Measurable:
    """Change the fields of ``measurable`` named in ``data`` (a partial update)."""
    require(actor, Action.EDIT_SCORECARD)
    _same_practice(actor, measurable)
    values, team_goals = _clean_measurable(actor, measurable, data)
    return _save_measurable(actor, measurable, snapshot_fields(measurable), values, team_goals)


def _save_measurable(
    actor: Membership,
    target: Measurable,
    before: dict[str, Any] | None,
    values: dict[str, Any],
    team_goals: list[TeamGoal] | None,
) -> Measurable:
    try:
        with transaction.atomic():
            for key, value in values.items():
                setattr(target, key, value)
            target.save()
            if team_goals is not None:
                GoalLink.objects.filter(measurable=target).exclude(
                    team_goal__in=team_goals
                ).delete()
                have = set(
                    GoalLink.objects.filter(measurable=target).values_list(
                        "team_goal_id", flat=True
                    )
                )
                GoalLink.objects.bulk_create(
                    GoalLink(practice_id=actor.practice_id, measurable=target, team_goal=g)
                    for g in team_goals
                    if g.pk not in have
                )
            _write_audit(actor, target, before)
    except IntegrityError:
        raise InputError(
            [Problem("key", "another measurable took this key at the same moment; choose another")]
        ) from None
    return target


def add_from_library(
    *, actor: Membership, team: Team, entry_id: str, seat: Seat | None = None
) -> Measurable:
    """Put a library measurable on ``team``'s scorecard (owned by ``seat``, or the manager's)."""
    entry = library_entry(entry_id) if isinstance(entry_id, str) else None
    if entry is None:
        raise InputError([Problem("library_id", f"{str(entry_id)[:80]!r} is not in the library")])
    key = entry.key
    taken = set(
        Measurable.objects.filter(
            practice_id=actor.practice_id, key__startswith=key[:50]
        ).values_list("key", flat=True)
    )
    n = 2
    while key in taken:
        key = f"{entry.key[:55]}-{n}"
        n += 1
    owner = seat or team.manager_seat
    return create_measurable(
        actor=actor,
        data={
            "name": entry.name,
            "key": key,
            "team": team.pk,
            "seat": owner.pk if owner else None,
            "unit": entry.unit.value,
            "operator": entry.operator.value,
            "goal_low": entry.goal,
            "goal_high": entry.goal_high,
            "cadence": entry.cadence.value,
            "normalise": entry.normalise,
            "library_id": entry.id,
        },
    )


def set_goal_override(
    *,
    actor: Membership,
    measurable: Measurable,
    period: str,
    operator: str,
    goal_low: Any,
    goal_high: Any = None,
    reason: str,
) -> GoalOverride:
    """A different goal for one period of ``measurable`` (a holiday week), with a reason."""
    require(actor, Action.EDIT_SCORECARD)
    _same_practice(actor, measurable)
    problems: list[Problem] = []
    try:
        start = sc.parse_period(period, sc.Cadence(measurable.cadence))
    except ValueError as exc:
        problems.append(Problem("period", str(exc)))
    if operator not in sc.OPERATORS:
        problems.append(
            Problem("operator", f"{operator!r} is not one of {', '.join(sc.OPERATORS)}")
        )
    bounds = {"goal_low": goal_low, "goal_high": goal_high}
    low = _decimal_field(bounds, "goal_low", problems)
    high = _decimal_field(bounds, "goal_high", problems)
    reason = (reason or "").strip() if isinstance(reason, str) else ""
    if not reason or len(reason) > 300:
        problems.append(Problem("reason", "is required (at most 300 characters): say why"))
    if low is None:
        problems.append(Problem("goal_low", "is required for an override"))
    if not problems:
        problems.extend(
            sc.goal_problems(sc.Unit(measurable.unit), sc.Operator(operator), low, high)
        )
    if problems:
        raise InputError(problems)
    with transaction.atomic():
        obj = GoalOverride.objects.filter(measurable=measurable, period=start).first()
        before = snapshot_fields(obj) if obj else None
        obj = obj or GoalOverride(
            practice_id=actor.practice_id, measurable=measurable, period=start
        )
        obj.operator, obj.goal_low, obj.goal_high, obj.reason = operator, low, high, reason
        obj.save()
        _write_audit(actor, obj, before)
    return obj


# --- numbers ----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class SaveResult:
    """What a save of numbers did: counts of rows created, changed, cleared and unchanged."""

    created: int
    updated: int
    cleared: int
    unchanged: int

    @property
    def changed(self) -> int:
        """Rows written."""
        return self.created + self.updated + self.cleared


def measurable_refs(practice_id: int) -> list[MeasurableRef]:
    """Every active measurable of the practice as the entry checker needs it (1 query)."""
    return [
        MeasurableRef(pk, key, name, sc.Unit(unit), sc.Cadence(cadence), bool(formula))
        for pk, key, name, unit, cadence, formula in Measurable.objects.filter(
            practice_id=practice_id, active=True
        ).values_list("pk", "key", "name", "unit", "cadence", "formula")
    ]


def check_numbers(actor: Membership, raw: Sequence[RawEntry]) -> list[CleanEntry]:
    """Clean entries for the actor's practice, or :class:`InputError` with every problem."""
    clean, problems = check_entries(raw, measurable_refs(actor.practice_id))
    if problems:
        raise InputError(problems)
    return clean


def save_numbers(*, actor: Membership, entries: Sequence[RawEntry], note: str = "") -> SaveResult:
    """Write numbers (create, change or clear), idempotent per measurable and period.

    All entries are checked first; one bad cell refuses the whole save with every problem
    listed (nothing half-written). Saving the same number again changes nothing and writes
    no audit record; each number created, changed or cleared gets one. Queries: the check
    (1), the stored numbers (1), one batched insert, update and delete, the new rows' ids
    (1) and the audit records (COPY on PostgreSQL). Rows are written as plain tuples: a
    year of numbers for 1,000 measurables would otherwise build 100,000 model objects.
    """
    require(actor, Action.EDIT_NUMBERS)
    clean = check_numbers(actor, entries)
    if not clean:
        return SaveResult(0, 0, 0, 0)
    pid = actor.practice_id
    ids = {e.measurable_id for e in clean}
    periods = {e.period for e in clean}
    user_id = actor.user_id  # None from the command line
    with transaction.atomic():
        existing = {
            (mid, period): (pk, value)
            for pk, mid, period, value in MeasurableValue.objects.select_for_update()
            .filter(
                practice_id=pid,
                measurable_id__in=ids,
                period__gte=min(periods),
                period__lte=max(periods),
            )
            .values_list("pk", "measurable_id", "period", "value")
        }
        create: list[CleanEntry] = []
        update: list[tuple[int, CleanEntry, Decimal]] = []
        clear: list[tuple[int, CleanEntry, Decimal]] = []
        unchanged = 0
        for e in clean:
            have = existing.get((e.measurable_id, e.period))
            if e.value is None:
                if have is None:
                    unchanged += 1
                else:
                    clear.append((have[0], e, have[1]))
            elif have is None:
                create.append(e)
            elif have[1] != e.value:
                update.append((have[0], e, have[1]))
            else:
                unchanged += 1
        created_ids = _write_numbers(pid, user_id, create, update, [pk for pk, _, _ in clear])
        rows: list[AuditRow] = [
            ("deleted", _LABEL, str(pk), _name(e), _v(e, old), None) for pk, e, old in clear
        ]
        rows += [
            ("updated", _LABEL, str(pk), _name(e), _v(e, old), _v(e, e.value))
            for pk, e, old in update
        ]
        rows += [
            (
                "created",
                _LABEL,
                str(created_ids.get((e.measurable_id, e.period), "")),
                _name(e),
                None,
                _v(e, e.value),
            )
            for e in create
        ]
        if rows:
            record_many(practice_id=pid, actor_id=user_id, note=note or "numbers", rows=rows)
    return SaveResult(len(create), len(update), len(clear), unchanged)


_LABEL = "scorecards.measurablevalue"


def _write_numbers(
    pid: int,
    user_id: int | None,
    create: list[CleanEntry],
    update: list[tuple[int, CleanEntry, Decimal]],
    clear: list[int],
) -> dict[tuple[int, dt.date], int]:
    """Insert, update and delete number rows with batched SQL; the new rows' ids back."""
    ops = connection.ops
    table = connection.ops.quote_name(MeasurableValue._meta.db_table)
    now = ops.adapt_datetimefield_value(timezone.now())

    def dec(value: Decimal | None) -> object:
        return ops.adapt_decimalfield_value(value, 18, 4)

    with connection.cursor() as cursor:
        if clear:
            for start in range(0, len(clear), 2000):
                MeasurableValue.objects.filter(pk__in=clear[start : start + 2000]).delete()
        if update and connection.vendor == "postgresql":
            cursor.execute(
                f"UPDATE {table} AS t SET value = u.v, entered_by_id = %s, updated_at = %s "
                "FROM unnest(%s::bigint[], %s::numeric[]) AS u(id, v) WHERE t.id = u.id",
                [user_id, now, [pk for pk, _, _ in update], [e.value for _, e, _ in update]],
            )
        elif update:
            cursor.executemany(
                f"UPDATE {table} SET value = %s, entered_by_id = %s, updated_at = %s WHERE id = %s",
                [(dec(e.value), user_id, now, pk) for pk, e, _ in update],
            )
        if create and connection.vendor == "postgresql":
            # One statement for all rows, their ids back: executemany would send 52,000
            # INSERTs for a year of 1,000 measurables.
            cursor.execute(
                f"INSERT INTO {table} (practice_id, measurable_id, period, value, note, "
                "entered_by_id, updated_at) SELECT %s, m, p, v, '', %s, %s FROM "
                "unnest(%s::bigint[], %s::date[], %s::numeric[]) AS t(m, p, v) "
                "RETURNING id, measurable_id, period",
                [
                    pid,
                    user_id,
                    now,
                    [e.measurable_id for e in create],
                    [e.period for e in create],
                    [e.value for e in create],
                ],
            )
            return {(mid, period): pk for pk, mid, period in cursor.fetchall()}
        if create:
            cursor.executemany(
                f"INSERT INTO {table} (practice_id, measurable_id, period, value, note, "
                "entered_by_id, updated_at) VALUES (%s, %s, %s, %s, %s, %s, %s)",
                [
                    (
                        pid,
                        e.measurable_id,
                        ops.adapt_datefield_value(e.period),
                        dec(e.value),
                        "",
                        user_id,
                        now,
                    )
                    for e in create
                ],
            )
    if not create:
        return {}
    wanted = {(e.measurable_id, e.period) for e in create}
    return {
        (mid, period): pk
        for pk, mid, period in MeasurableValue.objects.filter(
            practice_id=pid,
            measurable_id__in={m for m, _ in wanted},
            period__gte=min(p for _, p in wanted),
            period__lte=max(p for _, p in wanted),
        ).values_list("pk", "measurable_id", "period")
        if (mid, period) in wanted
    }


def _name(e: CleanEntry) -> str:
    return f"{e.measurable_id} {e.period}"


def _v(e: CleanEntry, value: Decimal | None) -> dict[str, Any]:
    return {
        "measurable": e.measurable_id,
        "period": e.period.isoformat(),
        "value": None if value is None else str(value),
    }


# --- team goals, priorities, milestones -------------------------------------------------

GOAL_FIELDS = [
    Field("team", kind="ref", model=Team, required=True),
    Field("name", required=True, max_length=160),
    Field("target", max_length=300),
    Field("due", kind="date"),
]
PRIORITY_FIELDS = [
    Field("title", required=True, max_length=200),
    Field("description", max_length=4000),
    Field("seat", kind="ref", model=Seat),
    Field("team", kind="ref", model=Team),
    Field("team_goal", kind="ref", model=TeamGoal),
    Field("due", kind="date", required=True),
    Field("status", kind="choice", choices=tuple(s.value for s in sc.PriorityStatus)),
    Field("visibility", kind="choice", choices=("team", "private")),
]
MILESTONE_FIELDS = [
    Field("title", required=True, max_length=200),
    Field("due", kind="date"),
    Field("done", kind="bool"),
]


def _same_practice(actor: Membership, obj: models.Model) -> None:
    if getattr(obj, "practice_id", None) != actor.practice_id:
        # Access helpers already 404 such objects; this guards a programming error.
        raise InputError([Problem("id", "no such object in this practice")])


def _simple_write(
    actor: Membership,
    fields: list[Field],
    obj: models.Model,
    data: Mapping[str, Any],
    *,
    partial: bool,
    extra_checks: Any = None,
) -> Any:
    if not isinstance(data, Mapping):
        raise InputError([Problem("body", "must be an object of field names and values")])
    values = clean_fields(fields, data, practice_id=actor.practice_id, partial=partial)
    if extra_checks is not None:
        problems = extra_checks(values)
        if problems:
            raise InputError(problems)
    before = snapshot_fields(obj) if partial else None
    try:
        with transaction.atomic():
            for key, value in values.items():
                setattr(obj, key, value)
            obj.save()
            _write_audit(actor, obj, before)
    except IntegrityError as exc:
        for constraint in obj._meta.constraints:
            if constraint.name in str(exc):
                raise InputError(
                    [Problem("name", str(getattr(constraint, "violation_error_message", "")))]
                ) from None
        raise InputError([Problem("body", "conflicts with a saved change; reload")]) from None
    return obj


def create_team_goal(*, actor: Membership, data: Mapping[str, Any]) -> TeamGoal:
    """Create a team goal (a collective target)."""
    require(actor, Action.EDIT_SCORECARD)
    return _simple_write(  # type: ignore[no-any-return]
        actor,
        GOAL_FIELDS,
        TeamGoal(practice_id=actor.practice_id),
        data,
        partial=False,
        extra_checks=lambda v: _unique_goal(actor, None, v),
    )


def update_team_goal(*, actor: Membership, goal: TeamGoal, data: Mapping[str, Any]) -> TeamGoal:
    """Change a team goal's fields."""
    require(actor, Action.EDIT_SCORECARD)
    _same_practice(actor, goal)
    return _simple_write(  # type: ignore[no-any-return]
        actor,
        GOAL_FIELDS,
        goal,
        data,
        partial=True,
        extra_checks=lambda v: _unique_goal(actor, goal, v),
    )


def _unique_goal(actor: Membership, goal: TeamGoal | None, values: dict[str, Any]) -> list[Problem]:
    name = values.get("name", goal.name if goal else "")
    team = values.get("team", goal.team if goal else None)
    clash = TeamGoal.objects.filter(team=team, name__iexact=name)
    if goal is not None:
        clash = clash.exclude(pk=goal.pk)
    if team is not None and clash.exists():
        return [Problem("name", f'"{name}" is already a goal of this team; choose another name')]
    return []


def _priority_checks(values: dict[str, Any], current: Priority | None) -> list[Problem]:
    goal = values.get("team_goal", current.team_goal if current else None)
    team = values.get("team", current.team if current else None)
    if goal is not None and team is not None and goal.team_id != team.pk:
        return [Problem("team_goal", f'"{goal.name}" is a goal of another team')]
    return []


def create_priority(*, actor: Membership, data: Mapping[str, Any]) -> Priority:
    """Create a 90-day priority (title, seat, team, due, status ...)."""
    require(actor, Action.EDIT_SCORECARD)
    return _simple_write(  # type: ignore[no-any-return]
        actor,
        PRIORITY_FIELDS,
        Priority(practice_id=actor.practice_id),
        data,
        partial=False,
        extra_checks=lambda v: _priority_checks(v, None),
    )


def update_priority(*, actor: Membership, priority: Priority, data: Mapping[str, Any]) -> Priority:
    """Change a priority (its status: on track, off track, done, dropped; its due date ...).

    The person filling the priority's seat may change its status without the
    scorecard permission: they own it.
    """
    if not (set(data) <= {"status"} and _fills(actor, priority.seat_id)):
        require(actor, Action.EDIT_SCORECARD)
    _same_practice(actor, priority)
    return _simple_write(  # type: ignore[no-any-return]
        actor,
        PRIORITY_FIELDS,
        priority,
        data,
        partial=True,
        extra_checks=lambda v: _priority_checks(v, priority),
    )


def add_milestone(*, actor: Membership, priority: Priority, data: Mapping[str, Any]) -> Milestone:
    """Add a milestone to a priority."""
    require(actor, Action.EDIT_SCORECARD)
    _same_practice(actor, priority)
    if priority.milestones.count() >= 20:
        raise InputError([Problem("title", "a priority has at most 20 milestones")])
    return _simple_write(  # type: ignore[no-any-return]
        actor,
        MILESTONE_FIELDS,
        Milestone(practice_id=actor.practice_id, priority=priority),
        data,
        partial=False,
    )


def update_milestone(
    *, actor: Membership, milestone: Milestone, data: Mapping[str, Any]
) -> Milestone:
    """Change a milestone (tick it done)."""
    require(actor, Action.EDIT_SCORECARD)
    _same_practice(actor, milestone)
    return _simple_write(  # type: ignore[no-any-return]
        actor, MILESTONE_FIELDS, milestone, data, partial=True
    )


# --- dependencies and alignment ---------------------------------------------------------


def _fills(actor: Membership, seat_id: int | None) -> bool:
    """Whether the actor's linked person currently fills ``seat_id``."""
    if seat_id is None:
        return False
    return Assignment.objects.filter(
        practice_id=actor.practice_id, seat_id=seat_id, end__isnull=True, person__user=actor.user
    ).exists()


def create_dependency(
    *,
    actor: Membership,
    from_measurable: Measurable | None = None,
    from_priority: Priority | None = None,
    to_measurable: Measurable | None = None,
    to_priority: Priority | None = None,
    note: str = "",
) -> Dependency:
    """Record that one person's work depends on a peer's (one ``from_*``, one ``to_*``).

    Anyone filling the ``from`` side's seat may record it; otherwise the scorecard
    permission is needed.
    """
    source = from_measurable or from_priority
    target = to_measurable or to_priority
    problems: list[Problem] = []
    if (from_measurable is None) == (from_priority is None):
        problems.append(Problem("from", "give one measurable or one priority that depends"))
    if (to_measurable is None) == (to_priority is None):
        problems.append(Problem("to", "give one measurable or one priority it depends on"))
    if source is not None and target is not None and source == target:
        problems.append(Problem("to", "a measurable or priority cannot depend on itself"))
    if not isinstance(note, str) or len(note) > 300:
        problems.append(Problem("note", "is at most 300 characters"))
    if problems:
        raise InputError(problems)
    if not _fills(actor, getattr(source, "seat_id", None)):
        require(actor, Action.EDIT_SCORECARD)
    for obj in (source, target):
        _same_practice(actor, obj)  # type: ignore[arg-type]
    with transaction.atomic():
        dep = Dependency.objects.create(
            practice_id=actor.practice_id,
            from_measurable=from_measurable,
            from_priority=from_priority,
            to_measurable=to_measurable,
            to_priority=to_priority,
            note=note.strip(),
        )
        _write_audit(actor, dep, None)
    return dep


def acknowledge_dependency(*, actor: Membership, dependency: Dependency) -> Dependency:
    """The peer acknowledges a dependency on their work (or a manager does for them)."""
    _same_practice(actor, dependency)
    target = dependency.to_measurable or dependency.to_priority
    if not _fills(actor, getattr(target, "seat_id", None)):
        require(actor, Action.EDIT_SCORECARD)
    if dependency.acknowledged_at is not None:
        return dependency
    with transaction.atomic():
        before = snapshot_fields(dependency)
        dependency.acknowledged_at = timezone.now()
        dependency.acknowledged_by = actor.user
        dependency.save(update_fields=["acknowledged_at", "acknowledged_by"])
        _write_audit(actor, dependency, before)
    return dependency


def record_conversation(
    *, actor: Membership, team: Team, held_on: Any, notes: Any
) -> AlignmentConversation:
    """Keep the record of a team's peer alignment conversation."""
    require(actor, Action.EDIT_SCORECARD)
    _same_practice(actor, team)
    values = clean_fields(
        [
            Field("held_on", kind="date", required=True),
            Field("notes", required=True, max_length=8000),
        ],
        {"held_on": held_on, "notes": notes},
        practice_id=actor.practice_id,
        partial=False,
    )
    with transaction.atomic():
        obj = AlignmentConversation.objects.create(
            practice_id=actor.practice_id, team=team, recorded_by=actor.user, **values
        )
        _write_audit(actor, obj, None)
    return obj


# --- pulse ------------------------------------------------------------------------------


def person_of(actor: Membership) -> Person | None:
    """The person linked to the actor's login in their practice (1 query)."""
    return Person.objects.filter(practice_id=actor.practice_id, user=actor.user).first()


def answer_pulse(*, actor: Membership, month: dt.date, data: Mapping[str, Any]) -> PulseAnswer:
    """Record (or change) the actor's own pulse for ``month``: peers, reports, manager 1–5.

    Only the person can answer for themselves; the answer is confidential (the audit
    record keeps that an answer was given, not the scores).
    """
    require(actor, Action.VIEW)
    person = person_of(actor)
    if person is None:
        raise InputError(
            [Problem("person", "your login is not linked to a person in this practice")]
        )
    if not isinstance(data, Mapping):
        raise InputError([Problem("body", "must be an object of peers, reports, manager, comment")])
    problems: list[Problem] = []
    scores: dict[str, int | None] = {}
    for name, required in (("peers", True), ("reports", False), ("manager", False)):
        raw = data.get(name)
        if raw in (None, ""):
            if required:
                problems.append(Problem(name, "is required: a score from 1 to 5"))
            scores[name] = None
            continue
        text = str(raw).strip()
        if isinstance(raw, bool) or text not in {"1", "2", "3", "4", "5"}:
            problems.append(Problem(name, f"{text[:20]!r} is not a score from 1 to 5"))
            continue
        scores[name] = int(text)
    comment = data.get("comment") or ""
    if not isinstance(comment, str) or len(comment) > 500:
        problems.append(Problem("comment", "is at most 500 characters of text"))
    if problems:
        raise InputError(problems)
    seat = (
        Assignment.objects.filter(person=person, end__isnull=True)
        .order_by("-accountable", "id")
        .select_related("seat")
        .first()
    )
    team_id = seat.seat.team_id if seat else None
    location_id = seat.seat.location_id if seat else None
    start = month.replace(day=1)
    with transaction.atomic():
        obj, created = PulseAnswer.objects.update_or_create(
            person=person,
            month=start,
            defaults={
                "practice_id": actor.practice_id,
                "team_id": team_id,
                "location_id": location_id,
                "comment": comment.strip(),
                **scores,
            },
        )
        record(
            actor=actor.user,
            practice_id=actor.practice_id,
            action=AuditAction.CREATED if created else AuditAction.UPDATED,
            obj=obj,
            note="pulse answered (scores are confidential)",
        )
    return obj


def is_manager_or_above(actor: Membership) -> bool:
    """Owners, admins and managers (who may see aggregates, never individual answers)."""
    return actor.role in (MemberRole.OWNER, MemberRole.ADMIN, MemberRole.MANAGER)


__all__ = [
    "SaveResult",
    "acknowledge_dependency",
    "add_from_library",
    "add_milestone",
    "answer_pulse",
    "create_dependency",
    "create_measurable",
    "create_priority",
    "create_team_goal",
    "record_conversation",
    "save_numbers",
    "set_goal_override",
    "update_measurable",
    "update_milestone",
    "update_priority",
    "update_team_goal",
]
