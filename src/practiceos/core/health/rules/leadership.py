"""Leadership rules: the vision, decision rights, the owner's load and time (DESIGN §1
principles 1 and 9).

They read the snapshot's leadership section (``vision``, ``decision_areas``,
``ask_load``, ``owner_time``; see :mod:`practiceos.core.leadership`). A practice that has
not adopted decision areas gets no decision-rights findings (only ``vision-missing`` can
fire); asks and time are judged only with enough of them to mean something
(:data:`MIN_ASKS`, :data:`MIN_MINUTES`).
"""

from __future__ import annotations

from collections.abc import Iterator

from practiceos.core.decisions import (
    areas_on_owner,
    candidate_for,
    concentrated,
    deciding_seat,
    owner_seat,
)
from practiceos.core.health.engine import RuleContext, rule
from practiceos.core.health.facts import Facts
from practiceos.core.health.findings import Area, Finding, Severity, Subject, SubjectType
from practiceos.core.health.fixes import Change, CreateSeat, PlainStep, SetDecider
from practiceos.core.leadership import DecisionArea, WorkKind
from practiceos.core.model import Seat, SeatKind

#: Fewer asks than this over four weeks say nothing about the owner's load.
MIN_ASKS = 8
#: Fewer recorded minutes than this (five hours) say nothing about the owner's time.
MIN_MINUTES = 5 * 60
#: Below this many areas with a deciding seat, "most" is not a pattern.
MIN_AREAS_FOR_CONCENTRATION = 3


def _owner(facts: Facts) -> Seat | None:
    return facts.primary_leadership or owner_seat(facts.snapshot)


def _owner_subjects(facts: Facts) -> list[Subject]:
    seat = _owner(facts)
    return [facts.subject(seat)] if seat is not None else []


def _handover_changes(facts: Facts, location_id: str | None = None) -> list[Change]:
    """Hand every non-leadership area that lands on the owner to the seat that could take it
    (only the overrides of ``location_id`` when given)."""
    changes: list[Change] = []
    for handover in areas_on_owner(facts.snapshot):
        if location_id is not None and handover.location_id != location_id:
            continue
        if handover.candidate_id is not None:
            changes.append(
                SetDecider(
                    handover.area_id,
                    handover.area_name,
                    handover.candidate_id,
                    handover.location_id,
                )
            )
    return changes


# ---- vision -----------------------------------------------------------------------------


@rule(
    "vision-missing",
    area=Area.LEADERSHIP,
    severity=Severity.MEDIUM,
    principles=1,
    checks=lambda facts: 1 if _staffed_locations(facts) or _has_staff(facts) else 0,
    summary="The practice has no direction, core values or 'what good looks like' written down.",
)
def vision_missing(ctx: RuleContext) -> Iterator[Finding]:
    """One finding naming the parts of the vision that are missing.

    Direction is a 3-year picture *or* 1-year goals; core values need their behaviours
    (the form refuses values without); the core focus is worth having but not required.
    A practice with nobody but its owner(s) in seats has nobody to lead yet: no finding.
    """
    if not _has_staff(ctx.facts):
        return
    vision = ctx.snapshot.vision
    missing = []
    if not vision.has_direction:
        missing.append("where the practice is going (a 3-year picture or 1-year goals)")
    if not vision.core_values:
        missing.append("3 to 7 core values with the behaviour each means")
    if not vision.what_good_looks_like.strip():
        missing.append('"what good looks like"')
    if not missing:
        return
    steps = [PlainStep(f"write down {part} on the Vision page") for part in missing]
    # About the practice as a whole, not a seat: the chart shows no marker for it.
    yield ctx.finding(
        [],
        "The owner's job is to set direction, but the practice has not written down "
        + "; ".join(missing)
        + ". Without it every seat decides by asking the owner.",
        fix=steps,
    )


# ---- decision areas ---------------------------------------------------------------------


def _has_staff(facts: Facts) -> bool:
    """True when someone holds a seat that is not a leadership seat."""
    by_id = facts.snapshot.seats_by_id
    return any(
        (seat := by_id.get(a.seat_id)) is not None and seat.kind is not SeatKind.LEADERSHIP
        for a in facts.snapshot.current_assignments
    )


def _staffed_locations(facts: Facts) -> list[str]:
    """Locations with at least one staffed seat other than leadership seats."""

    def compute() -> list[str]:
        snapshot = facts.snapshot
        out = []
        for location in sorted(snapshot.locations, key=lambda loc: (loc.name, loc.id)):
            if any(
                s.kind is not SeatKind.LEADERSHIP and snapshot.holders_of.get(s.id)
                for s in facts.seats_at.get(location.id, ())
            ):
                out.append(location.id)
        return out

    return facts.cached("leadership-staffed-locations", compute)


def _covered_everywhere(facts: Facts, area: DecisionArea) -> bool:
    """True when a location override names a seat at every staffed location."""
    seats = facts.snapshot.seats_by_id
    overridden = {o.location_id for o in area.overrides if o.seat_id in seats}
    staffed = _staffed_locations(facts)
    return bool(staffed) and all(loc in overridden for loc in staffed)


@rule(
    "decision-area-without-decider",
    area=Area.LEADERSHIP,
    severity=Severity.HIGH,
    principles=(1, 9),
    checks=lambda facts: len(facts.snapshot.decision_areas),
    summary="A decision area with no deciding seat: its asks fall back to managers or the owner.",
)
def decision_area_without_decider(ctx: RuleContext) -> Iterator[Finding]:
    """Areas whose deciding seat is missing or no longer exists.

    An area decided location by location (an override at every staffed location) has a
    decider everywhere it matters and is not reported.
    """
    facts = ctx.facts
    seats = facts.snapshot.seats_by_id
    for area in sorted(facts.snapshot.decision_areas, key=lambda a: (a.name, a.id)):
        if area.decider_seat_id in seats or _covered_everywhere(facts, area):
            continue
        owner = _owner(facts)
        near = owner.location_id if owner is not None else None
        candidate = candidate_for(facts.snapshot, area, None, near=near) or owner
        fix: list[Change] = []
        if candidate is not None:
            fix.append(SetDecider(area.id, area.name, candidate.id))
        gone = (
            f' (its seat "{area.decider_seat_id}" no longer exists)' if area.decider_seat_id else ""
        )
        yield ctx.finding(
            [facts.subject(candidate)] if candidate is not None else [],
            f'Nobody decides "{area.name}"{gone}: every ask about it goes to the asker\'s '
            "manager and often on to the owner. Give it exactly one deciding seat.",
            fix=fix,
        )


@rule(
    "decision-rights-concentrated",
    area=Area.LEADERSHIP,
    severity=Severity.MEDIUM,
    principles=(1, 9),
    checks=lambda facts: 1 if facts.snapshot.decision_areas else 0,
    summary="Most decision areas are decided by the owner's seat.",
)
def decision_rights_concentrated(ctx: RuleContext) -> Iterator[Finding]:
    """Fires when more than half of the areas with a deciding seat are decided by a
    leadership seat (and at least three areas have one). The fix hands each management
    and clinical area to the seat that could take it, creating a practice manager seat
    when there is none."""
    facts = ctx.facts
    on_owner, decided = concentrated(facts.snapshot.decision_areas, facts.snapshot)
    if decided < MIN_AREAS_FOR_CONCENTRATION or on_owner * 2 <= decided:
        return
    owner = _owner(facts)
    fix: list[Change] = []
    create: CreateSeat | None = None
    names = []
    for handover in areas_on_owner(facts.snapshot):
        if handover.location_id is not None:
            continue
        names.append(handover.area_name)
        target = handover.candidate_id
        if target is None:
            if create is None:
                create = CreateSeat(
                    temp_ref="new:practice-manager",
                    name="Practice Manager",
                    role_title="Practice Manager",
                    kind=SeatKind.MANAGEMENT,
                    location_id=None,
                    reports_to=owner.id if owner is not None else None,
                )
                fix.append(create)
            target = create.temp_ref
        fix.append(SetDecider(handover.area_id, handover.area_name, target))
    listed = ", ".join(f'"{n}"' for n in names[:6]) + (
        f" and {len(names) - 6} more" if len(names) > 6 else ""
    )
    yield ctx.finding(
        _owner_subjects(facts),
        f"The owner's seat decides {on_owner} of {decided} decision areas: the practice "
        f"waits on one person. Hand the management areas to managers: {listed or 'none left'}.",
        fix=fix,
    )


def _location_route_to_owner(facts: Facts, location_id: str) -> list[DecisionArea]:
    """Management areas that someone at ``location_id`` would send to a leadership seat."""
    out = []
    for area in facts.snapshot.decision_areas:
        if area.kind is not WorkKind.MANAGEMENT:
            continue
        seat, _ = deciding_seat(facts.snapshot, area, location_id)
        if seat is not None and seat.kind is SeatKind.LEADERSHIP:
            out.append(area)
    return sorted(out, key=lambda a: (a.name, a.id))


@rule(
    "location-routes-to-owner",
    area=Area.LEADERSHIP,
    severity=Severity.MEDIUM,
    principles=(9, 1),
    checks=lambda facts: len(_staffed_locations(facts)) if facts.snapshot.decision_areas else 0,
    summary="A location whose management decisions are mostly decided by the owner.",
)
def location_routes_to_owner(ctx: RuleContext) -> Iterator[Finding]:
    """Staffed locations where most management areas are decided by a leadership seat.

    The fix lets the location's manager decide them there (a per-location override),
    creating the "Location Manager" seat location-without-manager proposes (same
    temp_ref) when the location has none.
    """
    facts = ctx.facts
    snapshot = facts.snapshot
    management = [a for a in snapshot.decision_areas if a.kind is WorkKind.MANAGEMENT]
    if not management:
        return
    for location_id in _staffed_locations(facts):
        to_owner = _location_route_to_owner(facts, location_id)
        if len(to_owner) * 2 <= len(management):
            continue
        location = snapshot.locations_by_id[location_id]
        managers = facts.managers_at(location_id, provider_lead=False)
        fix: list[Change] = []
        if managers:
            target = managers[0].id
        else:
            owner = _owner(facts)
            create = CreateSeat(
                temp_ref=f"new:location-manager:{location_id}",
                name=f"Location Manager, {location.name}",
                role_title="Location Manager",
                kind=SeatKind.MANAGEMENT,
                location_id=location_id,
                reports_to=owner.id if owner is not None else None,
            )
            fix.append(create)
            target = create.temp_ref
        fix.extend(SetDecider(a.id, a.name, target, location_id) for a in to_owner)
        yield ctx.finding(
            [Subject(SubjectType.LOCATION, location.id, location.name)],
            f"At {location.name}, {len(to_owner)} of {len(management)} management decision "
            "areas are decided by the owner: the location cannot run without them.",
            fix=fix,
        )


# ---- asks and time ----------------------------------------------------------------------


def _owner_asks(facts: Facts) -> tuple[int, int, list[str]]:
    """``(asks, asks that reached the owner and still would, names of those areas)``.

    Asks about leadership areas (fees) are the owner's to answer and do not count as
    load; nor do asks in areas since handed to another seat for that location.
    """
    snapshot = facts.snapshot
    areas = {a.id: a for a in snapshot.decision_areas}
    total = landing = 0
    names: set[str] = set()
    for row in snapshot.ask_load:
        total += row.asks
        if not row.to_owner:
            continue
        area = areas.get(row.area_id) if row.area_id else None
        if area is not None:
            if area.kind is WorkKind.LEADERSHIP:
                continue
            seat, _ = deciding_seat(snapshot, area, row.location_id)
            if seat is not None and seat.kind is not SeatKind.LEADERSHIP:
                continue
            names.add(area.name)
        else:
            names.add("asks with no area")
        landing += row.to_owner
    return total, landing, sorted(names)


@rule(
    "owner-decision-load",
    area=Area.LEADERSHIP,
    severity=Severity.HIGH,
    principles=(1, 9),
    checks=lambda facts: 1 if sum(r.asks for r in facts.snapshot.ask_load) >= MIN_ASKS else 0,
    summary="Too large a share of the last four weeks' asks reached the owner.",
)
def owner_decision_load(ctx: RuleContext) -> Iterator[Finding]:
    """The share of asks (last four weeks, routed or escalated) that reached the owner,
    against ``policy.owner_ask_share``; at least :data:`MIN_ASKS` asks."""
    facts = ctx.facts
    total, landing, names = _owner_asks(facts)
    if total < MIN_ASKS or landing / total <= ctx.policy.owner_ask_share:
        return
    fix: list[Change] = list(_handover_changes(facts))
    if "asks with no area" in names:
        fix.append(PlainStep("ask people to choose an area when they raise an ask"))
    yield ctx.finding(
        _owner_subjects(facts),
        f"{landing} of {total} asks in the last four weeks ({landing / total:.0%}) reached the "
        f"owner, above the practice's {ctx.policy.owner_ask_share:.0%}; they were about "
        + ", ".join(names)
        + ". Hand those areas to the seats that could decide them.",
        fix=fix,
    )


@rule(
    "owner-time-in-management",
    area=Area.LEADERSHIP,
    severity=Severity.MEDIUM,
    principles=1,
    checks=lambda facts: 1 if facts.snapshot.owner_time.total >= MIN_MINUTES else 0,
    summary="The owner spends too large a share of their recorded time on management work.",
)
def owner_time_in_management(ctx: RuleContext) -> Iterator[Finding]:
    """Management minutes over all recorded minutes (last four weeks) against
    ``policy.owner_management_share``; at least :data:`MIN_MINUTES` recorded."""
    facts = ctx.facts
    split = facts.snapshot.owner_time
    if (
        split.total < MIN_MINUTES
        or split.management / split.total <= ctx.policy.owner_management_share
    ):
        return
    fix: list[Change] = list(_handover_changes(facts))
    fix.append(
        PlainStep(
            "book your leadership time first each week and record the next four weeks on the "
            "Owner time page"
        )
    )
    hours = split.management / 60
    yield ctx.finding(
        _owner_subjects(facts),
        f"The owner recorded {hours:.1f} hours of management work in the last four weeks, "
        f"{split.management / split.total:.0%} of their time (the practice's limit is "
        f"{ctx.policy.owner_management_share:.0%}).",
        fix=fix,
    )
