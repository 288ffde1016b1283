"""Roles rules: every role is defined (DESIGN §1 principle 5; also 2, 3 and 4).

Which rule reports which situation, so one situation is reported once:

- A role that seats use and that lacks a purpose, responsibilities or any measurable
  expectation is ``role-undefined``; the other role rules skip it (its fix adopts the
  whole card, schedule and levels included).
- ``provider-role-without-schedule`` is a defined provider role with no weekly time and
  no case types; ``levels-not-differentiated`` is a defined role whose people sit at
  different levels that expect the same.
- ``provider-manager-without-focus`` is a management seat (or a provider-lead role) with
  provider reports whose role names no management focus.
- ``seat-without-role`` is a seat with no role at all (a dangling role reference is the
  structure area's ``dangling-reference``).
- ``informal-supervisor`` is a support or administrative seat with direct reports whose
  role card defines no supervision.

A practice that has no roles at all has not started on this area: the rules stay quiet
(the report shows the area as not started) rather than flag every seat at once.

Fixes adopt parts of the matching role-library card (:class:`AdoptCard`), give a seat a
library role (:class:`GiveSeatRole`) or move reports to a manager; each finding names the
role so the report links to its card editor.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from practiceos.core.health.engine import RuleContext, rule
from practiceos.core.health.facts import AUTHORITY_KINDS, Facts
from practiceos.core.health.findings import Area, Finding, Severity, Subject, SubjectType
from practiceos.core.health.fixes import (
    AdoptCard,
    Change,
    GiveSeatRole,
    MoveReportingLine,
    SetField,
)
from practiceos.core.model import Level, Role, Seat, SeatKind, Snapshot
from practiceos.core.rolecards import levels_differ
from practiceos.core.rolelibrary import library, suggested_card

_WORKER_KINDS = frozenset({SeatKind.SUPPORT, SeatKind.ADMINISTRATIVE})
_LEAD_DUTIES = (
    "Leads the seats that report to it day to day: assigns the work, trains, checks "
    "standards and is the first point for questions; hiring, reviews and plans stay "
    "with a manager."
)


def _role_subject(role: Role) -> Subject:
    return Subject(SubjectType.ROLE, role.id, role.title)


def _seats_by_role(snapshot: Snapshot) -> Mapping[str, list[Seat]]:
    out: dict[str, list[Seat]] = {}
    for seat in snapshot.seats:
        if seat.role_id is not None:
            out.setdefault(seat.role_id, []).append(seat)
    return out


def _started(snapshot: Snapshot) -> bool:
    return bool(snapshot.roles)


def _undefined_parts(role: Role) -> list[str]:
    parts = []
    if not role.purpose.strip():
        parts.append("purpose")
    if not role.responsibilities:
        parts.append("responsibilities")
    if not role.expectations:
        parts.append("expectations")
    return parts


def _is_undefined(role: Role) -> bool:
    return bool(_undefined_parts(role))


def _used_roles(facts: Facts) -> list[Role]:
    """Roles at least one seat uses (computed once per run)."""

    def compute() -> list[Role]:
        used = _seats_by_role(facts.snapshot)
        return [r for r in facts.snapshot.roles if r.id in used]

    return facts.cached("roles.used", compute)


def _seat_count(facts: Facts, role: Role) -> str:
    by_role = facts.cached("roles.seats_by_role", lambda: _seats_by_role(facts.snapshot))
    n = len(by_role.get(role.id, ()))
    return "1 seat" if n == 1 else f"{n} seats"


_WORDS = {
    "purpose": "no purpose",
    "responsibilities": "no responsibilities",
    "expectations": "no measurable expectation",
}


@rule(
    "role-undefined",
    area=Area.ROLES,
    severity=Severity.MEDIUM,
    principles=5,
    checks=lambda facts: len(_used_roles(facts)),
    summary="A role in use with no purpose, responsibilities or measurable expectation.",
)
def role_undefined(ctx: RuleContext) -> Iterator[Finding]:
    """A role seats use that is not defined well enough to say what good looks like."""
    for role in _used_roles(ctx.facts):
        missing = _undefined_parts(role)
        if not missing:
            continue
        card = suggested_card(role.title, role.kind, role.template)
        parts = [
            p
            for p, empty in (
                ("purpose", not role.purpose.strip()),
                ("responsibilities", not role.responsibilities),
                ("decides", not role.decision_rights),
                ("proposes", not role.proposes),
                ("what_good_looks_like", not role.what_good_looks_like.strip()),
                ("expectations", not role.expectations),
                ("schedule", role.kind is SeatKind.PROVIDER and role.schedule is None),
                ("management_focus", role.provider_lead and role.management_focus is None),
            )
            if empty and getattr(card, p)
        ]
        said = ", ".join(_WORDS[m] for m in missing)
        yield ctx.finding(
            [_role_subject(role)],
            f'The role "{role.title}" ({_seat_count(ctx.facts, role)}) has {said}: its '
            "holders, their manager and their peers cannot agree on what it is for or "
            "what good looks like.",
            fix=[AdoptCard(role.id, role.title, card.title, tuple(parts))],
        )


@rule(
    "provider-role-without-schedule",
    area=Area.ROLES,
    severity=Severity.MEDIUM,
    principles=(5, 2),
    checks=lambda facts: sum(1 for r in _used_roles(facts) if r.kind is SeatKind.PROVIDER),
    summary="A provider role with no schedule or case mix.",
)
def provider_role_without_schedule(ctx: RuleContext) -> Iterator[Finding]:
    """A defined provider role that says nothing about the provider's week or cases."""
    for role in _used_roles(ctx.facts):
        if role.kind is not SeatKind.PROVIDER or _is_undefined(role):
            continue
        if role.schedule is not None and role.schedule.is_defined():
            continue
        card = suggested_card(role.title, role.kind, role.template)
        yield ctx.finding(
            [_role_subject(role)],
            f'The provider role "{role.title}" ({_seat_count(ctx.facts, role)}) has no '
            "schedule or case mix: how many sessions in clinic, theatre or procedures, "
            "which cases and how fast notes are done is left to each provider.",
            fix=[AdoptCard(role.id, role.title, card.title, ("schedule",))],
        )


def _levels_held(facts: Facts) -> dict[str, set[Level]]:
    """Levels of the current holders of each role's seats (computed once per run)."""

    def compute() -> dict[str, set[Level]]:
        seats = facts.snapshot.seats_by_id
        out: dict[str, set[Level]] = {}
        for a in facts.snapshot.current_assignments:
            seat = seats.get(a.seat_id)
            if seat is not None and seat.role_id is not None:
                level = a.level
                # Already a Level from a snapshot; Level(...) on each of 100,000 holders
                # was a visible share of a large check.
                out.setdefault(seat.role_id, set()).add(
                    level if type(level) is Level else Level(level)
                )
        return out

    return facts.cached("roles.levels_held", compute)


@rule(
    "levels-not-differentiated",
    area=Area.ROLES,
    severity=Severity.LOW,
    principles=(5, 2),
    checks=lambda facts: sum(1 for levels in _levels_held(facts).values() if len(levels) > 1),
    summary="People at different levels of a role whose expectations are the same.",
)
def levels_not_differentiated(ctx: RuleContext) -> Iterator[Finding]:
    """A role held at two or more levels whose card expects the same at some of them."""
    held = _levels_held(ctx.facts)
    for role in ctx.snapshot.roles:
        levels = sorted(held.get(role.id, ()), key=list(Level).index)
        if len(levels) < 2 or _is_undefined(role):
            continue
        same = [
            (a, b)
            for i, a in enumerate(levels)
            for b in levels[i + 1 :]
            if not levels_differ(role.expectations, a, b)
        ]
        if not same:
            continue
        pairs = ", ".join(f"{a.value} and {b.value}" for a, b in same)
        card = suggested_card(role.title, role.kind, role.template)
        yield ctx.finding(
            [_role_subject(role)],
            f'People hold the role "{role.title}" at different levels, but its card expects '
            f"the same at {pairs}: a step up has nothing to show for it.",
            fix=[AdoptCard(role.id, role.title, card.title, ("expectations",))],
        )


def _manages_providers(facts: Facts, seat: Seat) -> bool:
    return any(r.kind is SeatKind.PROVIDER and r.id != seat.id for r in facts.reports(seat))


def _provider_managers(facts: Facts) -> list[tuple[Seat, Role]]:
    """Seats that manage providers, with their roles (computed once per run: the rule and
    its ``checks`` count both walk every seat)."""

    def compute() -> list[tuple[Seat, Role]]:
        roles = facts.snapshot.roles_by_id
        out = []
        for seat in facts.seats:
            role = roles.get(seat.role_id) if seat.role_id else None
            if role is None:
                continue
            if seat.kind is not SeatKind.MANAGEMENT and not role.provider_lead:
                continue
            if _manages_providers(facts, seat):
                out.append((seat, role))
        return out

    return facts.cached("roles.provider_managers", compute)


@rule(
    "provider-manager-without-focus",
    area=Area.ROLES,
    severity=Severity.MEDIUM,
    principles=(4, 5),
    checks=lambda facts: len(_provider_managers(facts)),
    summary="A seat that manages providers with no management focus on its role.",
)
def provider_manager_without_focus(ctx: RuleContext) -> Iterator[Finding]:
    """A provider manager whose card does not say what it manages to first."""
    done: set[str] = set()
    for seat, role in _provider_managers(ctx.facts):
        if role.management_focus is not None or role.id in done or _is_undefined(role):
            continue
        done.add(role.id)
        card = suggested_card(role.title, role.kind, role.template)
        if card.management_focus is None:
            card = library().cards["Medical Director"]
        yield ctx.finding(
            [_role_subject(role), ctx.facts.subject(seat)],
            f'{ctx.facts.subject(seat).label()} manages providers, but its role "{role.title}" '
            "names no management focus (productivity, patient outcomes, patient experience, "
            "craft and education, or growth): the providers cannot tell what they are "
            "managed to.",
            fix=[AdoptCard(role.id, role.title, card.title, ("management_focus",))],
        )


@rule(
    "seat-without-role",
    area=Area.ROLES,
    severity=Severity.LOW,
    principles=5,
    checks=lambda facts: len(facts.seats) if _started(facts.snapshot) else 0,
    summary="A seat with no role, so nothing says what it is for.",
)
def seat_without_role(ctx: RuleContext) -> Iterator[Finding]:
    """A seat with no role in a practice that defines roles."""
    if not _started(ctx.snapshot):
        return
    for seat in ctx.facts.seats:
        if seat.role_id is not None:
            continue
        card = suggested_card(seat.name, SeatKind(seat.kind))
        yield ctx.finding(
            [ctx.facts.subject(seat)],
            f"{ctx.facts.subject(seat).label()} has no role: no purpose, responsibilities "
            "or expectations for whoever sits in it.",
            fix=[GiveSeatRole(seat.id, card.title)],
        )


def _manager_above(facts: Facts, seat: Seat) -> Seat | None:
    """The nearest management or leadership seat above ``seat`` (cycles stop the walk)."""
    seen = {seat.id}
    current = facts.snapshot.manager_of(seat)
    while current is not None and current.id not in seen:
        if current.kind in AUTHORITY_KINDS:
            return current
        seen.add(current.id)
        current = facts.snapshot.manager_of(current)
    return None


@rule(
    "informal-supervisor",
    area=Area.ROLES,
    severity=Severity.MEDIUM,
    principles=(5, 3),
    checks=lambda facts: sum(1 for s in facts.seats if s.kind in _WORKER_KINDS),
    summary="A support or administrative seat with reports whose role defines no supervision.",
)
def informal_supervisor(ctx: RuleContext) -> Iterator[Finding]:
    """A support or administrative seat supervising others without that being its role."""
    roles = ctx.snapshot.roles_by_id
    for seat in ctx.facts.seats:
        if seat.kind not in _WORKER_KINDS:
            continue
        reports = [r for r in ctx.facts.reports(seat) if r.id != seat.id]
        if not reports:
            continue
        role = roles.get(seat.role_id) if seat.role_id else None
        if role is not None and role.supervision.strip():
            continue
        # In a reporting cycle the manager "above" can be one of the seat's own reports,
        # which cannot be moved under itself; the structure area's cycle finding breaks
        # the cycle, and here the lead duties go on the card.
        in_cycle = seat.id in ctx.facts.in_cycle
        manager = None if in_cycle else _manager_above(ctx.facts, seat)
        fix: list[Change] = []
        if manager is not None:
            fix = [
                MoveReportingLine(r.id, manager.id) for r in sorted(reports, key=lambda s: s.name)
            ]
        elif role is not None:
            # Nobody above to take the reports: the lead duties go on the card instead.
            fix = [SetField("role", role.id, "supervision", _LEAD_DUTIES)]
        count = "1 seat reports" if len(reports) == 1 else f"{len(reports)} seats report"
        subjects = [ctx.facts.subject(seat)]
        if role is not None:
            subjects.append(_role_subject(role))
        yield ctx.finding(
            subjects,
            f"{count} to {ctx.facts.subject(seat).label()}, a {seat.kind} seat whose role "
            "card defines no supervision: make the lead role explicit on the card, or move "
            "the reports to a manager who coaches them.",
            fix=fix,
        )
