"""Every write to the accountability chart goes through these functions.

Each runs in one transaction, checks the actor's permission, validates with messages that
name the field and the value, writes exactly one audit record per object changed and
returns the object. Views, the API and the CLI all call them; nothing else saves org rows.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, TypeVar

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, models, transaction

from practiceos.audit.models import AuditAction
from practiceos.audit.services import record, snapshot_fields
from practiceos.core.limits import LISTS, TEXT
from practiceos.core.model import LEVELS, SEAT_KINDS
from practiceos.core.problems import InputError, Problem
from practiceos.org.cleaning import Field, clean_fields
from practiceos.org.models import Assignment, Location, Person, Role, Seat, ServiceLink, Team
from practiceos.tenancy.access import require
from practiceos.tenancy.models import Membership
from practiceos.tenancy.permissions import Action

M = TypeVar("M", bound=models.Model)

FIELDS: dict[type[models.Model], list[Field]] = {
    Location: [
        Field("name", required=True, max_length=TEXT["location.name"]),
        Field("address", max_length=TEXT["location.address"]),
    ],
    Team: [
        Field("name", required=True, max_length=TEXT["team.name"]),
        Field("goal", max_length=TEXT["team.goal"]),
        Field("manager_seat", kind="ref", model=Seat),
    ],
    Role: [
        Field("title", required=True, max_length=TEXT["role.title"]),
        Field("kind", kind="choice", required=True, choices=SEAT_KINDS),
        Field("purpose", max_length=TEXT["role.purpose"]),
        Field(
            "responsibilities",
            kind="strings",
            max_length=TEXT["role.responsibilities[]"],
            max_items=LISTS["role.responsibilities"],
        ),
        Field(
            "decision_rights",
            kind="strings",
            max_length=TEXT["role.decision_rights[]"],
            max_items=LISTS["role.decision_rights"],
        ),
        Field("provider_lead", kind="bool"),
    ],
    Seat: [
        Field("name", required=True, max_length=TEXT["seat.name"]),
        Field("kind", kind="choice", required=True, choices=SEAT_KINDS),
        Field("role", kind="ref", model=Role),
        Field("location", kind="ref", model=Location),
        Field("team", kind="ref", model=Team),
        Field("reports_to", kind="ref", model=Seat),
        Field("serves", kind="refs", model=Seat, max_items=LISTS["seat.serves"]),
        Field("note", max_length=TEXT["seat.note"]),
    ],
    Person: [
        Field("name", required=True, max_length=TEXT["person.name"]),
        Field("preferred_name", max_length=TEXT["person.preferred_name"]),
        Field("email", max_length=TEXT["person.email"]),
        Field("employee_id", max_length=TEXT["person.employee_id"]),
    ],
    Assignment: [
        Field("person", kind="ref", required=True, model=Person),
        Field("seat", kind="ref", required=True, model=Seat),
        Field("start", kind="date"),
        Field("end", kind="date"),
        Field("fte", kind="fte"),
        Field("level", kind="choice", choices=LEVELS),
        Field("accountable", kind="bool"),
    ],
}

# Which permission each type's writes need.
ACTIONS: dict[type[models.Model], Action] = {
    Location: Action.EDIT_STRUCTURE,
    Team: Action.EDIT_STRUCTURE,
    Role: Action.EDIT_STRUCTURE,
    Seat: Action.EDIT_STRUCTURE,
    Person: Action.EDIT_PEOPLE,
    Assignment: Action.EDIT_PEOPLE,
}

# The field that must be unique in the practice, per type, and how to name it.
UNIQUE: dict[type[models.Model], str] = {
    Location: "name",
    Team: "name",
    Role: "title",
    Seat: "name",
}

Checker = Callable[[Membership, models.Model | None, dict[str, Any]], list[Problem]]


def create(actor: Membership, model: type[M], data: Mapping[str, Any]) -> M:
    """Create a ``model`` object in the actor's practice from ``data`` (API field names)."""
    return _write(actor, model, None, data)


def update(actor: Membership, obj: M, data: Mapping[str, Any]) -> M:
    """Change the fields of ``obj`` named in ``data`` (a partial update)."""
    return _write(actor, type(obj), obj, data)


def _write(actor: Membership, model: type[M], obj: M | None, data: Mapping[str, Any]) -> M:
    require(actor, ACTIONS[model])
    if not isinstance(data, Mapping):
        raise InputError([Problem("body", "must be an object of field names and values")])
    if obj is not None and obj.practice_id != actor.practice_id:  # type: ignore[attr-defined]
        # Access helpers already 404 such objects; this guards a programming error.
        raise InputError([Problem("id", "no such object in this practice")])
    values = clean_fields(
        FIELDS[model], data, practice_id=actor.practice_id, partial=obj is not None
    )
    problems = CHECKS.get(model, _no_checks)(actor, obj, values)
    if problems:
        raise InputError(problems)
    try:
        with transaction.atomic():
            before = snapshot_fields(obj) if obj is not None else None
            target = obj if obj is not None else model(practice_id=actor.practice_id)
            serves = values.pop("serves", None)
            for key, value in values.items():
                setattr(target, key, value)
            target.save()
            if serves is not None:
                _set_serves(actor, target, serves)  # type: ignore[arg-type]
            after = snapshot_fields(target)
            if before != after:
                record(
                    actor=actor.user,
                    practice_id=actor.practice_id,
                    action=AuditAction.CREATED if obj is None else AuditAction.UPDATED,
                    obj=target,
                    before=before,
                    after=after,
                )
    except IntegrityError as exc:
        # A concurrent write slipped past the checks above; say which rule it broke.
        raise InputError([_constraint_problem(model, exc)]) from None
    return target


def _constraint_problem(model: type[models.Model], exc: IntegrityError) -> Problem:
    """The declared message of the database constraint ``exc`` names, else a generic one."""
    text = str(exc)
    for constraint in model._meta.constraints:
        if constraint.name in text:
            fields = getattr(constraint, "fields", ()) or ("body",)
            return Problem(fields[-1], str(constraint.violation_error_message))
    field = UNIQUE.get(model, "body")
    return Problem(field, "conflicts with a change saved at the same moment; reload and try again")


def _set_serves(actor: Membership, seat: Seat, providers: list[Seat]) -> None:
    wanted = {p.pk for p in providers}
    current = set(
        ServiceLink.objects.filter(support_seat=seat).values_list("provider_seat_id", flat=True)
    )
    ServiceLink.objects.filter(support_seat=seat, provider_seat_id__in=current - wanted).delete()
    ServiceLink.objects.bulk_create(
        ServiceLink(practice_id=actor.practice_id, support_seat=seat, provider_seat_id=pk)
        for pk in sorted(wanted - current)
    )


def _no_checks(
    actor: Membership, obj: models.Model | None, values: dict[str, Any]
) -> list[Problem]:
    return []


def _unique(
    model: type[models.Model], actor: Membership, obj: models.Model | None, values: dict[str, Any]
) -> list[Problem]:
    field = UNIQUE[model]
    if field not in values:
        return []
    clash = model._default_manager.filter(
        practice_id=actor.practice_id, **{f"{field}__iexact": values[field]}
    )
    if obj is not None:
        clash = clash.exclude(pk=obj.pk)
    if clash.exists():
        noun = model._meta.verbose_name
        return [
            Problem(
                field, f'a {noun} named "{values[field]}" already exists; choose another {field}'
            )
        ]
    return []


def _check_named(model: type[models.Model]) -> Checker:
    return lambda actor, obj, values: _unique(model, actor, obj, values)


def _check_seat(
    actor: Membership, obj: models.Model | None, values: dict[str, Any]
) -> list[Problem]:
    problems = _unique(Seat, actor, obj, values)
    manager = values.get("reports_to")
    if manager is not None and obj is not None:
        chain = reporting_chain(actor.practice_id, manager.pk, stop_at=obj.pk)
        if chain and chain[-1] == obj.pk:
            names = dict(Seat.objects.filter(pk__in=chain).values_list("pk", "name"))
            path = " → ".join([obj.name, *(names[pk] for pk in chain)])  # type: ignore[attr-defined]
            problems.append(
                Problem(
                    "reports_to",
                    f'"{manager.name}" would close a reporting cycle: {path}; choose a seat outside {obj}\'s own line',
                )
            )
    if obj is not None:
        for provider in values.get("serves", []):
            if provider.pk == obj.pk:
                problems.append(
                    Problem(
                        "serves",
                        f'"{provider.name}" is this seat itself; a seat cannot serve itself',
                    )
                )
    return problems


def reporting_chain(practice_id: int, start: int, *, stop_at: int | None = None) -> list[int]:
    """Seat ids from ``start`` up the reporting line to the top (or to ``stop_at``).

    One query: the practice's whole (id, reports_to) list, so the walk costs no more
    queries however deep the chart is.
    """
    parent = dict(Seat.objects.filter(practice_id=practice_id).values_list("pk", "reports_to_id"))
    chain: list[int] = []
    seen: set[int] = set()
    node: int | None = start
    while node is not None and node not in seen:
        chain.append(node)
        seen.add(node)
        if node == stop_at:
            break
        node = parent.get(node)
    return chain


def _check_person(
    actor: Membership, obj: models.Model | None, values: dict[str, Any]
) -> list[Problem]:
    problems = []
    for field in ("email", "employee_id"):
        value = values.get(field)
        if not value:
            continue
        if field == "email" and not _is_email(value):
            problems.append(
                Problem(
                    field, f'"{value}" is not an email address; use a form like name@example.com'
                )
            )
            continue
        clash = Person.objects.filter(practice_id=actor.practice_id, **{f"{field}__iexact": value})
        if obj is not None:
            clash = clash.exclude(pk=obj.pk)
        other = clash.first()
        if other is not None:
            problems.append(
                Problem(
                    field, f'"{value}" already belongs to {other.name}; each person needs their own'
                )
            )
    return problems


def _is_email(value: str) -> bool:
    try:
        validate_email(value)
    except ValidationError:
        return False
    return True


def _check_assignment(
    actor: Membership, obj: models.Model | None, values: dict[str, Any]
) -> list[Problem]:
    problems = []
    current = obj if obj is not None else Assignment()
    start = values.get("start", current.start)
    end = values.get("end", current.end)
    if start and end and end < start:
        problems.append(
            Problem(
                "end", f'"{end}" is before the start "{start}"; use a date on or after the start'
            )
        )
    seat = values.get("seat") or (current.seat if obj is not None else None)
    accountable = values.get("accountable", current.accountable if obj is not None else True)
    if seat is not None and accountable and end is None:
        clash = Assignment.objects.filter(
            seat=seat, end__isnull=True, accountable=True
        ).select_related("person")
        if obj is not None:
            clash = clash.exclude(pk=obj.pk)
        other = clash.first()
        if other is not None:
            problems.append(
                Problem(
                    "seat",
                    f'"{seat.name}" already has {other.person.name} as its accountable person; '
                    "end that assignment first or make this one not accountable",
                )
            )
    return problems


CHECKS: dict[type[models.Model], Checker] = {
    Location: _check_named(Location),
    Team: _check_named(Team),
    Role: _check_named(Role),
    Seat: _check_seat,
    Person: _check_person,
    Assignment: _check_assignment,
}
