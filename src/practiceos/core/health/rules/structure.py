"""Structure rules: reporting lines, spans, seats and assignments (DESIGN §1 principles 1-4, 9).

Each rule is one function below, registered with :func:`~..engine.rule`. Which rule
reports which situation is chosen so one situation is reported once:

- A provider seat with support or administrative reports is ``support-reports-to-provider``
  (principle 3), whatever the provider's role. ``provider-manages-people`` (principle 2)
  covers the other reports of a provider seat (providers, managers), and never fires for
  a provider seat whose role is a provider lead (a medical director): leading providers is
  that role's job. Management seats, provider lead or not, are never flagged for whom they
  manage.
- Seats whose manager reference dangles, is unresolved, or sits in a reporting cycle are
  reported by ``dangling-reference`` / ``reporting-cycle`` only; the chain rules
  (``provider-without-manager``, ``support-chain-without-manager``) skip them.
"""

from __future__ import annotations

import datetime as dt
import math
from collections import Counter
from collections.abc import Iterator, Mapping, Sequence

from practiceos.core.health.engine import RuleContext, rule
from practiceos.core.health.facts import (
    AUTHORITY_KINDS,
    SUPPORT_KINDS,
    ChainState,
    ChainWalker,
    Facts,
    is_unresolved,
)
from practiceos.core.health.findings import Area, Finding, Severity, Subject, SubjectType
from practiceos.core.health.fixes import (
    AddServiceLink,
    Change,
    CreateSeat,
    EndAssignment,
    MoveReportingLine,
    SetField,
)
from practiceos.core.model import Assignment, Person, Seat, SeatKind, Snapshot

_KIND_RANK: dict[SeatKind, int] = {
    SeatKind.LEADERSHIP: 0,
    SeatKind.MANAGEMENT: 1,
    SeatKind.PROVIDER: 2,
    SeatKind.SUPPORT: 3,
    SeatKind.ADMINISTRATIVE: 4,
}
_NOT_SUPPORT = frozenset(SeatKind) - SUPPORT_KINDS
_FTE_SLACK = 1e-9  # 0.6 + 0.4 must not count as more than 1.0


def _by_name(seats: Sequence[Seat]) -> list[Seat]:
    return sorted(seats, key=lambda s: (s.name, s.id))


def _others(facts: Facts, seat: Seat) -> list[Seat]:
    """Direct reports other than the seat itself (a self-report is a cycle, reported there)."""
    return [r for r in facts.reports(seat) if r.id != seat.id]


def _valid_location(facts: Facts, location_id: str | None) -> str | None:
    return location_id if location_id in facts.snapshot.locations_by_id else None


def _at(facts: Facts, location_id: str | None, seat_name: str = "") -> str:
    """`` at <location>``, or nothing when the seat's own name already says where it is."""
    name = facts.location_name(location_id)
    return f" at {name}" if name and name not in seat_name else ""


def _new_seat(
    facts: Facts,
    prefix: str,
    key: str,
    title: str,
    location_id: str | None,
    boss: Seat | None,
    *,
    provider_lead: bool = False,
) -> CreateSeat:
    """A management seat to create; its temp_ref is stable so fixes of several findings
    that need the same new seat share it (see :mod:`..fixes`)."""
    location_name = facts.location_name(location_id)
    return CreateSeat(
        temp_ref=f"new:{prefix}:{key}",
        name=f"{title}, {location_name}" if location_name else title,
        role_title=title,
        kind=SeatKind.MANAGEMENT,
        location_id=_valid_location(facts, location_id),
        reports_to=boss.id if boss is not None else None,
        provider_lead=provider_lead,
    )


def _support_manager(
    facts: Facts, location_id: str | None, moved: Sequence[str]
) -> tuple[str, list[Change], str]:
    """Where support staff at a location should report: an existing support-services
    manager there, or a new one reporting to the location's manager (or the owner).

    Returns the manager's id or temp_ref, the changes needed to create it, and a phrase
    describing it for the message.
    """
    existing = facts.support_manager_at(location_id, moved)
    if existing is not None:
        return existing.id, [], facts.label(existing)
    boss = facts.safe_target(
        [*facts.managers_at(location_id, provider_lead=False), facts.primary_leadership], moved
    )
    if location_id is not None and not facts.managers_at(location_id, provider_lead=None):
        # A site with no manager at all needs one manager, not two: propose the same
        # "Location Manager" seat location-without-manager proposes (same temp_ref), so
        # applying both fixes creates it once.
        create = _new_seat(
            facts, "location-manager", location_id, "Location Manager", location_id, boss
        )
    else:
        create = _new_seat(
            facts,
            "support-services-manager",
            location_id or "-",
            "Support Services Manager",
            location_id,
            boss,
        )
    return create.temp_ref, [create], f'a new "{create.name}" seat'


def _new_provider_lead(
    facts: Facts, location_id: str | None, boss: Seat | None
) -> tuple[str, list[Change], str]:
    """A new provider-lead seat at a location for providers with no manager to report to.

    Returns its temp_ref, the change that creates it, and a phrase naming it for the message
    (as :func:`_support_manager` does).
    """
    create = _new_seat(
        facts,
        "provider-lead",
        location_id or "-",
        "Provider Lead",
        location_id,
        boss,
        provider_lead=True,
    )
    return create.temp_ref, [create], f'a new "{create.name}" seat'


def _same_holder(facts: Facts, a: Seat, b: Seat) -> bool:
    """True when one person is accountable for both seats."""
    person = facts.snapshot.accountable_person(a)
    return person is not None and person is facts.snapshot.accountable_person(b)


def _not_held_by_same_person(
    facts: Facts, seat: Seat, candidates: Sequence[Seat | None]
) -> list[Seat | None]:
    """Candidate managers for ``seat``, with any seat its own holder also holds replaced by
    that seat's manager: a lead dentist's own clinical seat reports to whoever the lead
    seat reports to, never to the lead seat (that would be the person managing themself)."""
    out: list[Seat | None] = []
    for candidate in candidates:
        if candidate is not None and _same_holder(facts, seat, candidate):
            above = facts.snapshot.manager_of(candidate)
            candidate = above if above is not None and above.kind in AUTHORITY_KINDS else None
        out.append(candidate)
    return out


def _person_subject(person: Person) -> Subject:
    return Subject(SubjectType.PERSON, person.id, person.name)


# --- principle 3: support staff report to a manager of their own ------------------------


@rule(
    "support-reports-to-provider",
    area=Area.STRUCTURE,
    severity=Severity.HIGH,
    principles=(3, 2),
    checks=lambda facts: len(facts.seats_by_kind[SeatKind.PROVIDER]),
    summary="A provider seat is the reporting manager of support or administrative seats.",
)
def support_reports_to_provider(ctx: RuleContext) -> Iterator[Finding]:
    """One finding per provider seat that has support/administrative direct reports."""
    facts = ctx.facts
    reports_of = facts.snapshot.reports_of
    for provider in facts.seats_by_kind[SeatKind.PROVIDER]:
        if provider.id not in reports_of:
            continue  # most providers manage nobody: skip without building lists
        support = _by_name([r for r in facts.reports(provider) if r.kind in SUPPORT_KINDS])
        if not support:
            continue
        moved = [s.id for s in support]
        manager, changes, manager_text = _support_manager(facts, provider.location_id, moved)
        changes += [MoveReportingLine(s.id, manager) for s in support]
        changes += [
            AddServiceLink(s.id, provider.id) for s in support if provider.id not in s.serves
        ]
        who = facts.person_name(provider) or "this provider"
        count = (
            "1 support seat reports"
            if len(support) == 1
            else f"{len(support)} support seats report"
        )
        message = (
            f"{count} to {facts.label(provider)}, a provider seat: {facts.labels(support)}. "
            f"They should keep working with {who} every day, but report to a manager whose job "
            f"is coaching them and fixing process with the other managers. The fix moves their "
            f"reporting line to {manager_text} and keeps a service line to the provider."
        )
        yield ctx.finding([facts.subject(provider), *map(facts.subject, support)], message, changes)


@rule(
    "support-chain-without-manager",
    area=Area.STRUCTURE,
    severity=Severity.MEDIUM,
    principles=3,
    checks=lambda facts: sum(len(facts.seats_by_kind[k]) for k in SUPPORT_KINDS),
    summary="Support or administrative seats whose reporting line reaches no manager.",
)
def support_chain_without_manager(ctx: RuleContext) -> Iterator[Finding]:
    """One finding per top-most seat of a support/administrative line that ends at nobody."""
    facts = ctx.facts
    support = [
        s for k in (SeatKind.SUPPORT, SeatKind.ADMINISTRATIVE) for s in facts.seats_by_kind[k]
    ]
    by_id = facts.snapshot.seats_by_id
    walker = ChainWalker(by_id, _NOT_SUPPORT)
    groups: dict[str, list[Seat]] = {}
    for seat in support:
        boss = by_id.get(seat.reports_to) if seat.reports_to is not None else None
        if boss is not None and boss.kind not in SUPPORT_KINDS:
            continue  # reports straight to a non-support seat: the common case
        end = walker.end(seat)
        if end.state is ChainState.NONE:
            groups.setdefault(end.top, []).append(seat)
    for top_id, members in groups.items():
        top = by_id[top_id]
        others = _by_name([m for m in members if m.id != top_id])
        target = facts.safe_target(
            [
                facts.support_manager_at(top.location_id, [top.id]),
                *facts.managers_at(top.location_id, provider_lead=False),
                facts.primary_leadership,
            ],
            [top.id],
        )
        changes: list[Change]
        if target is not None:
            manager, changes, manager_text = target.id, [], facts.label(target)
        else:
            manager, changes, manager_text = _support_manager(facts, top.location_id, [top.id])
        changes.append(MoveReportingLine(top.id, manager))
        if others:
            message = (
                f"{facts.labels(others)} report up only through support and administrative "
                f"seats to {facts.label(top)}, which reports to nobody."
            )
        else:
            message = f"{facts.label(top)} reports to nobody."
        message += (
            " No manager in this line can coach them or fix process with the other managers. "
            f"The fix makes {facts.label(top)} report to {manager_text}."
        )
        yield ctx.finding([facts.subject(top), *map(facts.subject, others)], message, changes)


# --- principle 2 and 4: providers -------------------------------------------------------


@rule(
    "provider-manages-people",
    area=Area.STRUCTURE,
    severity=Severity.MEDIUM,
    principles=2,
    checks=lambda facts: len(facts.seats_by_kind[SeatKind.PROVIDER]),
    summary="A provider seat (not a provider lead) manages providers or managers.",
)
def provider_manages_people(ctx: RuleContext) -> Iterator[Finding]:
    """Provider seats with non-support reports, unless the role is a provider lead."""
    facts = ctx.facts
    by_id = facts.snapshot.seats_by_id
    reports_of = facts.snapshot.reports_of
    for provider in facts.seats_by_kind[SeatKind.PROVIDER]:
        if provider.id not in reports_of or facts.is_provider_lead(provider):
            continue
        managed = _by_name([r for r in _others(facts, provider) if r.kind not in SUPPORT_KINDS])
        if not managed:
            continue
        moved = [m.id for m in managed]
        end = facts.authority(provider)
        above = by_id.get(end.found) if end.found is not None else None
        target = facts.safe_target([above], moved)
        changes: list[Change]
        if target is not None:
            manager, changes, manager_text = target.id, [], facts.label(target)
        else:
            boss = facts.safe_target([facts.primary_leadership], moved)
            manager, changes, manager_text = _new_provider_lead(facts, provider.location_id, boss)
        changes += [MoveReportingLine(m.id, manager) for m in managed]
        message = (
            f"{facts.label(provider)} is a provider seat and manages {facts.labels(managed)}. "
            "A provider's value is their own clinical work; managing people should not come "
            f"with it by default. The fix moves them to {manager_text}. If this seat is meant "
            "to lead providers, define its role as a provider lead instead."
        )
        yield ctx.finding([facts.subject(provider), *map(facts.subject, managed)], message, changes)


@rule(
    "provider-without-manager",
    area=Area.STRUCTURE,
    severity=Severity.HIGH,
    principles=4,
    checks=lambda facts: len(facts.seats_by_kind[SeatKind.PROVIDER]),
    summary="A provider seat with no management or leadership seat anywhere above it.",
)
def provider_without_manager(ctx: RuleContext) -> Iterator[Finding]:
    """Providers at the top of the chart, or under other providers only.

    A provider has a manager when some seat above it is a management or leadership seat
    (whether that manager really has authority over providers is a roles question).
    """
    facts = ctx.facts
    by_id = facts.snapshot.seats_by_id
    for provider in facts.seats_by_kind[SeatKind.PROVIDER]:
        end = facts.authority(provider)
        if end.state is not ChainState.NONE or provider.id in facts.in_cycle:
            continue
        target = facts.safe_target(
            _not_held_by_same_person(
                facts,
                provider,
                [
                    *facts.managers_at(provider.location_id, provider_lead=True),
                    facts.primary_leadership,
                ],
            ),
            [provider.id],
        )
        changes: list[Change]
        if target is not None:
            manager, changes, manager_text = target.id, [], facts.label(target)
        else:
            manager, changes, manager_text = _new_provider_lead(facts, provider.location_id, None)
        changes.append(MoveReportingLine(provider.id, manager))
        if provider.reports_to is None:
            situation = f"{facts.label(provider)} reports to nobody"
        else:
            situation = (
                f"{facts.label(provider)} reports only to other providers, up to "
                f"{facts.label(by_id[end.top])}"
            )
        message = (
            f'{situation}: no manager or leader has the authority to say "this is not OK" '
            f"and open a plan with them. The fix makes them report to {manager_text}."
        )
        yield ctx.finding([facts.subject(provider)], message, changes)


# --- principle 1: leading is not managing ----------------------------------------------


@rule(
    "owner-span",
    area=Area.STRUCTURE,
    severity=Severity.MEDIUM,
    principles=1,
    checks=lambda facts: len(facts.seats_by_kind[SeatKind.LEADERSHIP]),
    summary="A leadership seat with more direct reports than the policy allows.",
)
def owner_span(ctx: RuleContext) -> Iterator[Finding]:
    """Leadership seats with more than ``policy.owner_max_reports`` direct reports."""
    facts = ctx.facts
    limit = ctx.policy.owner_max_reports
    for lead in facts.seats_by_kind[SeatKind.LEADERSHIP]:
        reports = _others(facts, lead)
        if len(reports) <= limit:
            continue
        # Managers stay with the owner; individual contributors move first.
        ordered = sorted(
            reports,
            key=lambda s: (s.kind is not SeatKind.MANAGEMENT, _KIND_RANK[s.kind], s.name, s.id),
        )
        keep, move = ordered[: limit - 1], _by_name(ordered[limit - 1 :])
        changes: list[Change] = []
        if not any(facts.would_cycle(m.id, lead.id) for m in move):
            create = _new_seat(
                facts, "operations-manager", lead.id, "Operations Manager", lead.location_id, lead
            )
            changes = [create, *(MoveReportingLine(m.id, create.temp_ref) for m in move)]
        message = (
            f"{facts.label(lead)} has {len(reports)} direct reports, more than {limit}. An owner "
            "with this many people reporting in ends up managing the day to day instead of "
            "setting direction."
        )
        if changes:
            message += (
                f" The fix adds an Operations Manager seat under the owner and moves "
                f"{len(move)} of the reports to it, leaving {len(keep) + 1} direct reports."
            )
        yield ctx.finding(
            [facts.subject(lead), *map(facts.subject, _by_name(reports))], message, changes
        )


def _leadership_holders(facts: Facts) -> dict[str, list[Assignment]]:
    """Current assignments to leadership seats, keyed by person id."""

    def compute() -> dict[str, list[Assignment]]:
        out: dict[str, list[Assignment]] = {}
        for seat in facts.seats_by_kind[SeatKind.LEADERSHIP]:
            for assignment in facts.snapshot.holders_of.get(seat.id, ()):
                out.setdefault(assignment.person_id, []).append(assignment)
        return out

    return facts.cached("leadership-holders", compute)


@rule(
    "owner-in-management-seat",
    area=Area.STRUCTURE,
    severity=Severity.MEDIUM,
    principles=1,
    checks=lambda facts: len(_leadership_holders(facts)),
    summary="A person in a leadership seat also holds a management seat.",
)
def owner_in_management_seat(ctx: RuleContext) -> Iterator[Finding]:
    """People who hold a leadership seat and a management seat at the same time."""
    facts = ctx.facts
    snapshot = facts.snapshot
    for person_id, lead_assignments in sorted(_leadership_holders(facts).items()):
        managing = [
            a
            for a in snapshot.seats_of.get(person_id, ())
            if (seat := snapshot.seats_by_id.get(a.seat_id)) is not None
            and seat.kind is SeatKind.MANAGEMENT
        ]
        if not managing:
            continue
        person = snapshot.people_by_id.get(person_id)
        name = person.name if person is not None else person_id
        lead_seats = _by_name([snapshot.seats_by_id[a.seat_id] for a in lead_assignments])
        mgmt_seats = _by_name([snapshot.seats_by_id[a.seat_id] for a in managing])
        message = (
            f"{name} holds the leadership seat {_names(lead_seats)} and also manages day "
            f"to day from {_names(mgmt_seats)}. While the owner is the manager too, "
            "questions and decisions keep landing on the owner and the leading does not get "
            f"done. The fix ends {name}'s assignment to the management seat so someone else "
            "can be hired or promoted into it."
        )
        subjects = [
            Subject(SubjectType.PERSON, person_id, name),
            *map(facts.subject, lead_seats),
            *map(facts.subject, mgmt_seats),
        ]
        yield ctx.finding(subjects, message, [EndAssignment(a.id) for a in managing])


# --- spans ------------------------------------------------------------------------------


@rule(
    "span-too-wide",
    area=Area.STRUCTURE,
    severity=Severity.MEDIUM,
    principles=(3, 4),
    checks=lambda facts: len(facts.seats_by_kind[SeatKind.MANAGEMENT]),
    summary="A management seat with more direct reports than the policy's max_span.",
)
def span_too_wide(ctx: RuleContext) -> Iterator[Finding]:
    """Management seats with more than ``policy.max_span`` direct reports.

    Leadership seats have their own, lower limit (``owner-span``) and provider seats are
    covered by the provider rules, so only management seats are checked here.
    """
    facts = ctx.facts
    limit = ctx.policy.max_span
    for seat in facts.seats_by_kind[SeatKind.MANAGEMENT]:
        if len(facts.reports(seat)) <= limit:
            continue
        reports = _others(facts, seat)
        count = len(reports)
        if count <= limit:
            continue
        # Add g team leads under the seat: it keeps count - moved + g <= limit reports and
        # each lead takes at most `limit`; g is the smallest number for which that works.
        leads = math.ceil((count - limit) / (limit - 1))
        moved_count = count + leads - limit
        ordered = sorted(
            reports, key=lambda s: (s.kind is not SeatKind.MANAGEMENT, s.kind.value, s.name, s.id)
        )
        move = ordered[count - moved_count :]
        changes: list[Change] = []
        if not any(facts.would_cycle(m.id, seat.id) for m in move):
            for index in range(leads):
                chunk = move[index::leads]
                create = CreateSeat(
                    temp_ref=f"new:team-lead:{seat.id}:{index + 1}",
                    name=f"{seat.name} Team Lead {index + 1}",
                    role_title="Team Lead",
                    kind=SeatKind.MANAGEMENT,
                    location_id=_valid_location(facts, seat.location_id),
                    reports_to=seat.id,
                )
                changes.append(create)
                changes += [MoveReportingLine(m.id, create.temp_ref) for m in chunk]
        message = (
            f"{facts.label(seat)} has {count} direct reports, more than {limit}: too many to "
            "coach each one and to notice when something is off."
        )
        if changes:
            plural = "s" if leads > 1 else ""
            message += (
                f" The fix adds {leads} team lead seat{plural} under it and moves {moved_count} "
                "of the reports to them."
            )
        yield ctx.finding([facts.subject(seat)], message, changes)


def _narrow_checked(facts: Facts) -> int:
    policy = facts.policy
    if policy.narrow_span == 0 or len(facts.seats) < policy.narrow_span_min_seats:
        return 0
    return len(facts.seats_by_kind[SeatKind.MANAGEMENT])


def _only_manager_at_location(facts: Facts, seat: Seat) -> bool:
    """True when ``seat`` is the only management seat at its location."""
    if seat.location_id is None:
        return False

    def compute() -> Counter[str]:
        return Counter(
            s.location_id
            for s in facts.seats_by_kind[SeatKind.MANAGEMENT]
            if s.location_id is not None
        )

    return facts.cached("managers-per-location", compute)[seat.location_id] <= 1


@rule(
    "span-too-narrow",
    area=Area.STRUCTURE,
    severity=Severity.LOW,
    principles=3,
    checks=_narrow_checked,
    summary="A management seat with very few direct reports: a layer worth questioning.",
)
def span_too_narrow(ctx: RuleContext) -> Iterator[Finding]:
    """Management seats with 1..``policy.narrow_span`` direct reports.

    Not checked in practices smaller than ``policy.narrow_span_min_seats`` seats, and
    never for leadership seats: an owner with a single manager under them (one person
    running operations) is the shape principle 1 asks for, at any size.
    """
    facts = ctx.facts
    if not _narrow_checked(facts):
        return
    limit = ctx.policy.narrow_span
    by_id = facts.snapshot.seats_by_id
    for seat in facts.seats_by_kind[SeatKind.MANAGEMENT]:
        if not 1 <= len(facts.reports(seat)) <= limit + 1:
            continue  # cheap pre-check (a self-report may be among them)
        reports = _by_name(_others(facts, seat))
        if not 1 <= len(reports) <= limit:
            continue
        if _only_manager_at_location(facts, seat):
            # A small site's on-site manager is principle 9 at work, whatever the count of
            # direct reports: removing the layer would leave the site without a manager.
            continue
        above = by_id.get(seat.reports_to) if seat.reports_to else None
        changes: list[Change] = []
        if above is not None and above.kind in AUTHORITY_KINDS:
            target = facts.safe_target([above], [r.id for r in reports])
            if target is not None:
                changes = [MoveReportingLine(r.id, target.id) for r in reports]
        people = "1 person" if len(reports) == 1 else f"{len(reports)} people"
        message = (
            f"{facts.label(seat)} manages only {people} ({facts.labels(reports)}). A management "
            "layer this thin adds a step between them and the next manager without adding "
            "coaching capacity: give the seat a real team, or remove the layer."
        )
        if changes and above is not None:
            message += f" The fix moves them to report to {facts.label(above)}."
        yield ctx.finding([facts.subject(seat), *map(facts.subject, reports)], message, changes)


# --- principle 9: each location runs without the owner ---------------------------------


def _locations_to_check(facts: Facts) -> list[tuple[str, list[Seat]]]:
    """(location id, staffed non-leadership seats) for locations at the policy's threshold."""

    def compute() -> list[tuple[str, list[Seat]]]:
        holders = facts.snapshot.holders_of
        out = []
        for location_id in facts.snapshot.locations_by_id:
            staffed = [
                s
                for s in facts.seats_at.get(location_id, ())
                if s.kind is not SeatKind.LEADERSHIP and holders.get(s.id)
            ]
            if len(staffed) >= facts.policy.location_min_staff:
                out.append((location_id, staffed))
        return out

    return facts.cached("locations-to-check", compute)


@rule(
    "location-without-manager",
    area=Area.STRUCTURE,
    severity=Severity.MEDIUM,
    principles=(9, 1),
    checks=lambda facts: len(_locations_to_check(facts)),
    summary="A location with staff and no management seat on site.",
)
def location_without_manager(ctx: RuleContext) -> Iterator[Finding]:
    """Locations with staffed seats and no management seat (filled or vacant) there.

    A leadership seat at the location does not count: principle 9 is precisely that a
    location should run without the owner. A vacant management seat does count (it is
    reported by ``seat-vacant``).
    """
    facts = ctx.facts
    by_id = facts.snapshot.seats_by_id
    for location_id, staffed in _locations_to_check(facts):
        seats = facts.seats_at.get(location_id, ())
        if any(s.kind is SeatKind.MANAGEMENT for s in seats):
            continue
        location = facts.snapshot.locations_by_id[location_id]
        # Support and admin staff managed from off site (or not at all) move to the new
        # manager; reporting lines to providers on site are support-reports-to-provider's.
        move = []
        outside: Counter[str] = Counter()
        for seat in _by_name(seats):
            if (
                seat.kind not in SUPPORT_KINDS
                or facts.manager_is_broken(seat)
                or seat.id in facts.in_cycle
            ):
                continue
            manager = by_id.get(seat.reports_to) if seat.reports_to else None
            if (
                manager is None
                or manager.location_id != location_id
                or manager.kind is SeatKind.LEADERSHIP
            ):
                move.append(seat)
                if manager is not None and manager.kind in AUTHORITY_KINDS:
                    outside[manager.id] += 1
        moved = [m.id for m in move]
        candidates = [by_id[m] for m, _ in sorted(outside.items(), key=lambda kv: (-kv[1], kv[0]))]
        boss = facts.safe_target([*candidates, facts.primary_leadership], moved)
        create = _new_seat(
            facts, "location-manager", location_id, "Location Manager", location_id, boss
        )
        changes: list[Change] = [create, *(MoveReportingLine(m.id, create.temp_ref) for m in move)]
        message = (
            f"{location.name} has {len(staffed)} staffed seats and no manager on site, so every "
            "question there travels to someone elsewhere, usually the owner. The fix adds a "
            f"Location Manager seat at {location.name}"
        )
        if move:
            what = (
                "the support or front-office seat"
                if len(move) == 1
                else (f"the {len(move)} support and front-office seats")
            )
            message += f" and moves {what} managed from elsewhere (or by nobody) to it."
        else:
            message += "."
        subjects = [
            Subject(SubjectType.LOCATION, location.id, location.name),
            *map(facts.subject, _by_name(staffed)),
        ]
        yield ctx.finding(subjects, message, changes)


# --- seats and people -----------------------------------------------------------------


def _has_accountable(holders: Sequence[Assignment], people: Mapping[str, Person]) -> bool:
    if len(holders) == 1:  # the common case, without a generator
        return holders[0].accountable and holders[0].person_id in people
    return any(a.accountable and a.person_id in people for a in holders)


def _accountable_elsewhere(snapshot: Snapshot, assignment: Assignment) -> bool:
    """True when the assignment's person is accountable for some other current seat."""
    return any(
        other.accountable and other.seat_id != assignment.seat_id
        for other in snapshot.seats_of.get(assignment.person_id, ())
    )


@rule(
    "seat-vacant",
    area=Area.STRUCTURE,
    severity=Severity.LOW,
    principles=(1, 6),
    checks=lambda facts: len(facts.seats),
    summary="A seat with no accountable person (medium for management and leadership seats).",
)
def seat_vacant(ctx: RuleContext) -> Iterator[Finding]:
    """Seats with no current accountable holder; the work falls back on the manager above."""
    facts = ctx.facts
    snapshot = facts.snapshot
    people, holders_of, by_id = snapshot.people_by_id, snapshot.holders_of, snapshot.seats_by_id
    # Seats nobody holds come from a set difference (done in C); seats with holders are
    # checked one by one. Findings are sorted later, so the visiting order does not matter.
    suspects = list(by_id.keys() - holders_of.keys())
    suspects += [
        seat_id
        for seat_id, current in holders_of.items()
        if seat_id in by_id and not _has_accountable(current, people)
    ]
    for seat_id in suspects:
        seat = by_id[seat_id]
        holders = [a for a in holders_of.get(seat_id, ()) if a.person_id in people]
        severity = Severity.MEDIUM if seat.kind in AUTHORITY_KINDS else Severity.LOW
        reports = _others(facts, seat)
        message = (
            f'The seat "{seat.name}"{_at(facts, seat.location_id, seat.name)} has nobody '
            "accountable for it"
        )
        if len(reports) == 1:
            message += ", and the seat that reports to it has nobody to go to"
        elif reports:
            message += f", and the {len(reports)} seats that report to it have nobody to go to"
        changes: list[Change] = []
        # Someone covering the seat while accountable for another seat of their own is
        # cover, not the seat's holder: making them accountable would give them two seats.
        candidates = [a for a in holders if not _accountable_elsewhere(snapshot, a)]
        if candidates:
            best = sorted(candidates, key=lambda a: (-a.fte, a.start or dt.date.min, a.id))[0]
            name = snapshot.people_by_id[best.person_id].name
            message += (
                f". {name} works in it but is not marked accountable; the fix makes {name} "
                "accountable for it."
            )
            changes = [SetField("assignment", best.id, "accountable", True)]
        elif holders:
            cover = sorted(holders, key=lambda a: (-a.fte, a.start or dt.date.min, a.id))[0]
            name = snapshot.people_by_id[cover.person_id].name
            message += (
                f". {name} covers it ({cover.fte:g} FTE) but is accountable for another seat. "
                "Hire or promote someone into it, or remove the seat if it is not needed."
            )
        else:
            message += ". Hire or promote someone into it, or remove the seat if it is not needed."
        yield ctx.finding([facts.subject(seat)], message, changes, severity=severity)


@rule(
    "seat-shared",
    area=Area.STRUCTURE,
    severity=Severity.MEDIUM,
    principles=6,
    checks=lambda facts: len(facts.seats),
    summary="A seat with more than one current accountable person.",
)
def seat_shared(ctx: RuleContext) -> Iterator[Finding]:
    """Seats where several people are each marked accountable: nobody really is."""
    facts = ctx.facts
    snapshot = facts.snapshot
    by_id = snapshot.seats_by_id
    for seat_id, holders in snapshot.holders_of.items():
        if len(holders) < 2 or seat_id not in by_id:
            continue  # the common case, decided without building a list
        seat = by_id[seat_id]
        accountable = [a for a in holders if a.accountable]
        if len(accountable) < 2:
            continue
        ordered = sorted(accountable, key=lambda a: (-a.fte, a.start or dt.date.min, a.id))
        primary = ordered[0]

        def name(a: Assignment) -> str:
            person = snapshot.people_by_id.get(a.person_id)
            return person.name if person is not None else a.person_id

        names = [name(a) for a in ordered]
        message = (
            f'{len(ordered)} people are each accountable for the seat "{seat.name}": '
            f"{', '.join(names)}. Sharing the work is fine, but one person must answer for "
            f"the seat. The fix keeps {names[0]} accountable and makes the others job-share "
            "partners."
        )
        subjects = [
            facts.subject(seat),
            *(Subject(SubjectType.PERSON, a.person_id, name(a)) for a in ordered),
        ]
        fix = [
            SetField("assignment", a.id, "accountable", False) for a in ordered if a is not primary
        ]
        yield ctx.finding(subjects, message, fix)


@rule(
    "person-without-seat",
    area=Area.STRUCTURE,
    severity=Severity.INFO,
    principles=5,
    checks=lambda facts: len(facts.people),
    summary="A person on the roster with no current seat.",
)
def person_without_seat(ctx: RuleContext) -> Iterator[Finding]:
    """People with no current assignment to an existing seat."""
    facts = ctx.facts
    snapshot = facts.snapshot
    seats, seats_of, people = snapshot.seats_by_id, snapshot.seats_of, snapshot.people_by_id
    # People with no current assignment at all: a set difference. People whose current
    # assignments all point at missing seats: only those with such an assignment.
    suspects = set(people.keys() - seats_of.keys())
    suspects.update(a.person_id for a in snapshot.current_assignments if a.seat_id not in seats)
    if not suspects:
        return
    # Anyone with an ended or future assignment to a real seat is history or a new
    # starter, both legitimate; only people never placed anywhere are worth a note.
    placed = {
        a.person_id for a in snapshot.assignments if a.person_id in suspects and a.seat_id in seats
    }
    for person_id in suspects:
        person = people.get(person_id)
        if person is None or person_id in placed:
            continue
        message = (
            f"{person.name} is on the roster but has never held a seat, so nothing says what "
            "they are responsible for. Give them a seat, or remove them if they are not staff."
        )
        yield ctx.finding([_person_subject(person)], message)


@rule(
    "person-overloaded",
    area=Area.STRUCTURE,
    severity=Severity.MEDIUM,
    principles=5,
    checks=lambda facts: len(facts.people),
    summary="A person holding more seats or more total FTE than the policy allows.",
)
def person_overloaded(ctx: RuleContext) -> Iterator[Finding]:
    """People over ``policy.max_fte`` total FTE or ``policy.max_seats_per_person`` seats."""
    facts = ctx.facts
    snapshot = facts.snapshot
    policy = ctx.policy
    seats_of, limit = snapshot.seats_of, policy.max_fte + _FTE_SLACK
    by_id = snapshot.seats_by_id
    leaders = _leadership_holders(facts)
    for person in facts.people:
        current = seats_of.get(person.id)
        if current is None or (len(current) == 1 and current[0].fte <= limit):
            continue  # the common case: one seat, not above the FTE limit
        # Assignments to seats that do not exist are dangling-reference's finding; they
        # can be neither kept nor freed here.
        assignments = [a for a in current if a.seat_id in by_id]
        if person.id in leaders:
            # An owner's management seats are owner-in-management-seat's finding (whose fix
            # frees them); counting them here too would report one situation twice.
            assignments = [a for a in assignments if _kind_of(by_id, a) is not SeatKind.MANAGEMENT]
        total = sum(a.fte for a in assignments)
        if len(assignments) <= policy.max_seats_per_person and total <= limit:
            continue
        # Keep leadership, accountable, larger, older assignments first; end or trim the rest.
        ordered = sorted(
            assignments,
            key=lambda a: (
                _kind_of(by_id, a) is not SeatKind.LEADERSHIP,
                not a.accountable,
                -a.fte,
                a.start or dt.date.min,
                a.id,
            ),
        )
        fix: list[Change] = []
        kept_seats: list[Seat] = []
        released: list[Seat] = []
        kept_fte = 0.0
        for a in ordered:
            seat = by_id.get(a.seat_id)
            if len(kept_seats) < policy.max_seats_per_person and kept_fte + a.fte <= limit:
                kept_fte += a.fte
            elif not kept_seats:
                kept_fte = policy.max_fte
                fix.append(SetField("assignment", a.id, "fte", policy.max_fte))
            else:
                fix.append(EndAssignment(a.id))
                if seat is not None:
                    released.append(seat)
                continue
            if seat is not None:
                kept_seats.append(seat)
        seats = _by_name([s for a in assignments if (s := by_id.get(a.seat_id)) is not None])
        names = _names(seats)
        over_fte, over_seats = total > limit, len(assignments) > policy.max_seats_per_person
        if len(assignments) == 1:
            message = (
                f"{person.name} is down for {total:g} FTE in {names}, more than the practice's "
                f"limit of {policy.max_fte:g} FTE. The fix sets it to {policy.max_fte:g} FTE."
            )
        else:
            if over_fte and over_seats:
                what = (
                    f"{person.name} holds {len(assignments)} seats adding up to {total:g} FTE "
                    f"({names}), above the practice's limits of {policy.max_seats_per_person} "
                    f"seats and {policy.max_fte:g} FTE per person."
                )
            elif over_fte:
                what = (
                    f"{person.name} works {total:g} FTE across {names}, more than the "
                    f"practice's limit of {policy.max_fte:g} FTE per person."
                )
            else:
                what = (
                    f"{person.name} holds {len(assignments)} seats ({names}), more than the "
                    f"practice's limit of {policy.max_seats_per_person} per person."
                )
            message = (
                f"{what} Spread this thin, they cannot give each seat what it needs. The fix "
                f"keeps them in {_names(_by_name(kept_seats))} and frees "
                f"{_names(_by_name(released))} for someone else."
            )
        yield ctx.finding([_person_subject(person), *map(facts.subject, seats)], message, fix)


def _kind_of(by_id: Mapping[str, Seat], assignment: Assignment) -> SeatKind | None:
    seat = by_id.get(assignment.seat_id)
    return seat.kind if seat is not None else None


def _names(seats: Sequence[Seat], limit: int = 5) -> str:
    """Seat names in quotes joined in a sentence (no holder: the sentence names them)."""
    shown = [f'"{seat.name}"' for seat in seats[:limit]]
    if len(seats) > limit:
        return ", ".join(shown) + f" and {len(seats) - limit} more"
    if len(shown) > 1:
        return ", ".join(shown[:-1]) + " and " + shown[-1]
    return shown[0] if shown else "no seat"


# --- integrity: cycles, dangling references, duplicate ids ---------------------------------


@rule(
    "reporting-cycle",
    area=Area.STRUCTURE,
    severity=Severity.HIGH,
    principles=(3, 4),
    checks=lambda facts: len(facts.seats),
    summary="Seats that report to each other in a loop.",
)
def reporting_cycle(ctx: RuleContext) -> Iterator[Finding]:
    """One finding per loop; the fix lifts its most senior seat out of the loop."""
    facts = ctx.facts
    by_id = facts.snapshot.seats_by_id
    for cycle in facts.cycles:
        seats = [by_id[seat_id] for seat_id in cycle]
        breaker = min(seats, key=lambda s: (_KIND_RANK[s.kind], s.name, s.id))
        target = (
            None
            if breaker.kind is SeatKind.LEADERSHIP
            else facts.safe_target([facts.primary_leadership], [breaker.id])
        )
        loop = " → ".join(facts.label(s) for s in [*seats, seats[0]])
        where = facts.label(target) if target is not None else "nobody (the top of the chart)"
        message = (
            f"These seats report to each other in a loop: {loop}. Nobody in the loop answers to "
            f"anyone outside it. The fix makes {facts.label(breaker)} report to {where}."
        )
        fix: list[Change] = [
            MoveReportingLine(breaker.id, target.id if target is not None else None)
        ]
        if target is None and is_unresolved(breaker):
            # At the top on purpose now: the import's "unresolved" note no longer applies.
            fix.append(SetField("seat", breaker.id, "note", ""))
        yield ctx.finding([facts.subject(s) for s in seats], message, fix)


def _manager_guess(facts: Facts, seat: Seat) -> Seat | None:
    """A plausible manager for a seat whose manager is unknown (never creates a cycle)."""
    candidates: list[Seat | None]
    if seat.kind is SeatKind.LEADERSHIP:
        candidates = []
    elif seat.kind is SeatKind.PROVIDER:
        candidates = _not_held_by_same_person(
            facts,
            seat,
            [*facts.managers_at(seat.location_id, provider_lead=True), facts.primary_leadership],
        )
    elif seat.kind in SUPPORT_KINDS:
        candidates = [
            facts.support_manager_at(seat.location_id, [seat.id]),
            *facts.managers_at(seat.location_id, provider_lead=False),
            facts.primary_leadership,
        ]
    else:
        candidates = [facts.primary_leadership]
    return facts.safe_target(candidates, [seat.id])


def _all_in(ids: tuple[str, ...], known: Mapping[str, object]) -> bool:
    if len(ids) == 1:  # the usual case, without allocating a generator per seat
        return ids[0] in known
    return all(i in known for i in ids)


def _dangling_checked(facts: Facts) -> int:
    snapshot = facts.snapshot
    return len(facts.seats) + len(snapshot.teams_by_id) + len(snapshot.current_assignments)


@rule(
    "dangling-reference",
    area=Area.STRUCTURE,
    severity=Severity.HIGH,
    principles=(3, 4),
    checks=_dangling_checked,
    summary="A reference to a seat, role, location, team or person that does not exist.",
)
def dangling_reference(ctx: RuleContext) -> Iterator[Finding]:
    """Broken references on seats, teams and current assignments, one finding per object.

    A seat whose import note starts with "unresolved" and has no manager is reported
    too, with the note, so the name that failed to match is visible.
    """
    facts = ctx.facts
    snapshot = facts.snapshot
    seats = snapshot.seats_by_id
    roles, locations, teams = snapshot.roles_by_id, snapshot.locations_by_id, snapshot.teams_by_id
    for seat in facts.seats:
        manager = seat.reports_to
        if (
            (manager in seats if manager is not None else not (seat.note and is_unresolved(seat)))
            and (seat.role_id is None or seat.role_id in roles)
            and (seat.location_id is None or seat.location_id in locations)
            and (seat.team_id is None or seat.team_id in teams)
            and (not seat.serves or _all_in(seat.serves, seats))
        ):
            continue  # every reference resolves: the common case, checked cheaply
        problems: list[str] = []
        fix: list[Change] = []
        unresolved = is_unresolved(seat)
        if (seat.reports_to is not None and seat.reports_to not in seats) or (
            seat.reports_to is None and unresolved
        ):
            if seat.reports_to is not None:
                problems.append(f'its manager "{seat.reports_to}" is not a seat in this practice')
            else:
                problems.append("its manager could not be matched to a seat")
            guess = _manager_guess(facts, seat)
            if guess is not None:
                fix.append(MoveReportingLine(seat.id, guess.id))
                problems[-1] += f" (the fix attaches it to {facts.label(guess)}: check that)"
            else:
                if seat.reports_to is not None:
                    fix.append(MoveReportingLine(seat.id, None))
                if unresolved:
                    fix.append(SetField("seat", seat.id, "note", ""))
        missing_served = [s for s in seat.serves if s not in seats]
        if missing_served:
            problems.append(
                f"it serves {', '.join(map(repr, missing_served))}, which are not seats"
            )
            fix.append(
                SetField("seat", seat.id, "serves", tuple(s for s in seat.serves if s in seats))
            )
        for field, value, known in (
            ("role_id", seat.role_id, snapshot.roles_by_id),
            ("location_id", seat.location_id, snapshot.locations_by_id),
            ("team_id", seat.team_id, snapshot.teams_by_id),
        ):
            if value is not None and value not in known:
                what = field.removesuffix("_id")
                problems.append(f'its {what} "{value}" does not exist')
                fix.append(SetField("seat", seat.id, field, None))
        if not problems:
            continue
        message = f"{facts.label(seat)}: " + "; ".join(problems) + "."
        if seat.note:
            message += f" Import note: {seat.note}."
        yield ctx.finding([facts.subject(seat)], message, fix)

    for team in snapshot.teams_by_id.values():
        if team.manager_seat_id is not None and team.manager_seat_id not in seats:
            message = f'The team "{team.name}" is managed by "{team.manager_seat_id}", which is not a seat in this practice.'
            yield ctx.finding(
                [Subject(SubjectType.TEAM, team.id, team.name)],
                message,
                [SetField("team", team.id, "manager_seat_id", None)],
            )

    people = snapshot.people_by_id
    for assignment in snapshot.current_assignments:
        if assignment.person_id in people and assignment.seat_id in seats:
            continue
        person = people.get(assignment.person_id)
        placed = seats.get(assignment.seat_id)
        subjects: list[Subject] = []
        if person is not None:
            subjects.append(_person_subject(person))
        if placed is not None:
            subjects.append(facts.subject(placed))
        if not subjects:
            subjects.append(Subject(SubjectType.PERSON, assignment.person_id, assignment.person_id))
        who = person.name if person is not None else f'person "{assignment.person_id}"'
        where = f'"{placed.name}"' if placed is not None else f'seat "{assignment.seat_id}"'
        message = (
            f"Assignment {assignment.id!r} puts {who} in {where}, but "
            + ("the person does not exist" if person is None else "the seat does not exist")
            + ". The fix ends the assignment."
        )
        yield ctx.finding(subjects, message, [EndAssignment(assignment.id)])


def _all_entities(facts: Facts) -> int:
    snapshot = facts.snapshot
    return (
        len(snapshot.seats)
        + len(snapshot.people)
        + len(snapshot.locations)
        + len(snapshot.teams)
        + len(snapshot.roles)
    )


@rule(
    "duplicate-id",
    area=Area.STRUCTURE,
    severity=Severity.HIGH,
    principles=(3, 4),
    checks=_all_entities,
    summary="Two seats, people, locations, teams or roles with the same id.",
)
def duplicate_id(ctx: RuleContext) -> Iterator[Finding]:
    """Repeated ids make every reference to them ambiguous; only the last one is checked."""
    snapshot = ctx.snapshot
    groups: tuple[tuple[SubjectType, Sequence[Seat | Person | object]], ...] = (
        (SubjectType.SEAT, snapshot.seats),
        (SubjectType.PERSON, snapshot.people),
        (SubjectType.LOCATION, snapshot.locations),
        (SubjectType.TEAM, snapshot.teams),
        (SubjectType.ROLE, snapshot.roles),
    )
    unique = {
        SubjectType.SEAT: len(snapshot.seats_by_id),
        SubjectType.PERSON: len(snapshot.people_by_id),
        SubjectType.LOCATION: len(snapshot.locations_by_id),
        SubjectType.TEAM: len(snapshot.teams_by_id),
        SubjectType.ROLE: len(snapshot.roles_by_id),
    }
    for subject_type, items in groups:
        if unique[subject_type] == len(items):
            continue  # the common case: no repeats, no counting needed
        names: dict[str, list[str]] = {}
        for item in items:
            item_id: str = getattr(item, "id")  # noqa: B009 - entities differ, all have id
            item_name = str(getattr(item, "title", None) or getattr(item, "name", ""))
            names.setdefault(item_id, []).append(item_name)
        for item_id, item_names in sorted(names.items()):
            if len(item_names) < 2:
                continue
            listed = ", ".join(f'"{n}"' for n in item_names)
            message = (
                f'{len(item_names)} {subject_type.value}s share the id "{item_id}" ({listed}). '
                "Every reference to that id is ambiguous; only the last one is checked. Give "
                "each its own id in the source data."
            )
            yield ctx.finding([Subject(subject_type, item_id, item_names[-1])], message)
