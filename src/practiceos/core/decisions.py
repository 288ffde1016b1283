"""Decision rights as logic: routing an ask, suggesting its area, and the owner's load.

Pure functions over a :class:`~practiceos.core.model.Snapshot` (its seats, assignments
and ``decision_areas``), so the web app, the API and the health check route the same way.

Routing (:func:`route_ask`), in order:

1. the area's override for the asker's location, if any;
2. the area's deciding seat when it is at the asker's location or practice-wide (no
   location); otherwise the seat *with the same role* at the asker's location (the office
   manager of the asker's own site), falling back to the deciding seat itself;
3. no area (or an area nobody decides yet): the asker's own manager, and the route says so;
4. a vacant seat passes the ask up its reporting line to the first seat with a person.

An ask reaches the owner when the seat it lands on is a leadership seat.
"""

from __future__ import annotations

import datetime as dt
import re
import statistics
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from practiceos.core.leadership import DecisionArea, TimeSplit, WorkKind
from practiceos.core.model import Seat, SeatKind, Snapshot

# ---- routing ------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Route:
    """Where an ask goes and why, in words the asker reads.

    ``seat_id`` is ``None`` only when the practice has no seat to send it to at all.
    ``how`` is ``override``, ``decider``, ``location-seat``, ``manager`` or ``none``.
    """

    seat_id: str | None
    how: str
    reason: str
    reaches_owner: bool
    area_id: str | None = None


def seat_location(snapshot: Snapshot, seat_id: str | None) -> str | None:
    """The location of a seat (``None`` for a practice-wide or unknown seat)."""
    seat = snapshot.seats_by_id.get(seat_id) if seat_id else None
    return seat.location_id if seat is not None else None


def is_held(snapshot: Snapshot, seat: Seat) -> bool:
    """True when someone currently fills the seat."""
    return bool(snapshot.holders_of.get(seat.id))


def first_held(snapshot: Snapshot, seat: Seat) -> tuple[Seat, list[Seat]]:
    """The seat itself if filled, else the first filled seat up its reporting line.

    Returns that seat and the vacant seats passed on the way (empty when the seat is
    filled). When no seat up the line is filled the seat itself is returned: the ask
    waits for its next holder.
    """
    passed: list[Seat] = []
    seen = {seat.id}
    current = seat
    while not is_held(snapshot, current):
        manager = snapshot.manager_of(current)
        if manager is None or manager.id in seen:
            return seat, []
        passed.append(current)
        seen.add(manager.id)
        current = manager
    return current, passed


_ROLE_INDEX: list[tuple[Snapshot, dict[tuple[str | None, str | None, SeatKind], list[Seat]]]] = []


def _same_role_at(snapshot: Snapshot, location_id: str, role_id: str, kind: SeatKind) -> list[Seat]:
    """Seats of a role and kind at a location, through an index built once per snapshot
    (routing every location of a 5,000-location group must not scan all seats each time)."""
    if not _ROLE_INDEX or _ROLE_INDEX[0][0] is not snapshot:
        index: dict[tuple[str | None, str | None, SeatKind], list[Seat]] = {}
        for seat in snapshot.seats:
            index.setdefault((seat.location_id, seat.role_id, seat.kind), []).append(seat)
        _ROLE_INDEX[:] = [(snapshot, index)]
    return _ROLE_INDEX[0][1].get((location_id, role_id, kind), [])


def deciding_seat(
    snapshot: Snapshot, area: DecisionArea, location_id: str | None
) -> tuple[Seat | None, str]:
    """The seat that decides ``area`` for someone at ``location_id``, and how it was found.

    ``how`` is ``override``, ``decider``, ``location-seat`` or ``none`` (nobody decides).
    """
    seats = snapshot.seats_by_id
    if location_id is not None:
        for override in area.overrides:
            if override.location_id == location_id and override.seat_id in seats:
                return seats[override.seat_id], "override"
    decider = seats.get(area.decider_seat_id) if area.decider_seat_id else None
    if decider is None:
        return None, "none"
    if location_id is None or decider.location_id in (None, location_id):
        return decider, "decider"
    if decider.role_id is not None:
        same_role = list(_same_role_at(snapshot, location_id, decider.role_id, decider.kind))
        if same_role:
            same_role.sort(key=lambda s: (not is_held(snapshot, s), s.name, s.id))
            return same_role[0], "location-seat"
    return decider, "decider"


def owner_seat(snapshot: Snapshot) -> Seat | None:
    """The practice's main leadership seat (the first filled one at the top, by name)."""
    leaders = sorted(
        (s for s in snapshot.seats if s.kind is SeatKind.LEADERSHIP),
        key=lambda s: (s.reports_to is not None, not is_held(snapshot, s), s.name, s.id),
    )
    return leaders[0] if leaders else None


def _name(snapshot: Snapshot, seat: Seat) -> str:
    person = snapshot.accountable_person(seat)
    return f"{seat.name} ({person.name})" if person is not None else seat.name


def route_ask(
    snapshot: Snapshot,
    *,
    area_id: str | None,
    asker_seat_id: str | None,
    location_id: str | None = None,
) -> Route:
    """Where an ask about ``area_id`` raised by the holder of ``asker_seat_id`` goes.

    ``location_id`` is the asker's location when given, else their seat's location.
    """
    location = location_id if location_id is not None else seat_location(snapshot, asker_seat_id)
    area = next((a for a in snapshot.decision_areas if a.id == area_id), None) if area_id else None
    if area is not None:
        seat, how = deciding_seat(snapshot, area, location)
        if seat is not None:
            return _landed(snapshot, seat, how, f'"{area.name}" is decided by', area.id)
        lead = f'Nobody decides "{area.name}" yet, so it went to your manager'
    else:
        lead = "No area was chosen, so it went to your manager"
    asker = snapshot.seats_by_id.get(asker_seat_id) if asker_seat_id else None
    manager = snapshot.manager_of(asker) if asker is not None else None
    target = manager or owner_seat(snapshot)
    if target is None:
        return Route(None, "none", "The practice has no seat to send it to.", False, area_id)
    if manager is None:
        lead = lead.replace("your manager", "the owner (you have no manager in the chart)")
    return _landed(snapshot, target, "manager", lead, area.id if area else None)


def _landed(snapshot: Snapshot, seat: Seat, how: str, lead: str, area_id: str | None) -> Route:
    target, passed = first_held(snapshot, seat)
    reason = f"{lead} {_name(snapshot, seat)}."
    if passed:
        reason += f" That seat is vacant, so it went up to {_name(snapshot, target)}."
    return Route(target.id, how, reason, target.kind is SeatKind.LEADERSHIP, area_id)


def escalation_route(snapshot: Snapshot, seat_id: str) -> Route | None:
    """Where an ask escalated from ``seat_id`` goes: the first filled seat above it.

    ``None`` when the seat is at the top of the chart (nobody to escalate to).
    """
    seat = snapshot.seats_by_id.get(seat_id)
    manager = snapshot.manager_of(seat) if seat is not None else None
    if manager is None:
        return None
    return _landed(snapshot, manager, "manager", "Escalated to", None)


# ---- suggesting an area from the ask's text -------------------------------------------------

_WORD = re.compile(r"[^a-z0-9]+")


def _normal(text: str) -> str:
    return " " + _WORD.sub(" ", text.casefold()).strip() + " "


@dataclass(frozen=True, slots=True)
class Suggestion:
    """The area an ask's text points to: its score and the keywords that matched."""

    area_id: str
    score: int
    matched: tuple[str, ...]


def score_area(text: str, area: DecisionArea) -> Suggestion:
    """How strongly ``text`` points at ``area``.

    Each keyword (or the area's name) found as whole words scores its number of words;
    longer phrases are tried first and the words they matched are used up, so "time off"
    scores 2 once rather than 2 plus 1 more for "off".
    """
    padded = _normal(text)
    phrases: dict[str, str] = {}
    for keyword in (*area.keywords, area.name):
        phrases.setdefault(_normal(keyword), keyword)
    matched: list[str] = []
    score = 0
    for phrase in sorted(phrases, key=lambda p: (-len(p.split()), p)):
        if phrase.strip() and phrase in padded:
            matched.append(phrases[phrase])
            score += len(phrase.split())
            padded = padded.replace(phrase, " | ")
    return Suggestion(area.id, score, tuple(matched))


def suggest_area(text: str, areas: Iterable[DecisionArea]) -> Suggestion | None:
    """The best-scoring area for an ask's text, or ``None`` when no keyword matches.

    Ties go to the area with more matched keywords, then to the first by name, so the
    same text always suggests the same area.
    """
    named = sorted(areas, key=lambda a: (a.name.casefold(), a.id))
    best: Suggestion | None = None
    for area in named:
        found = score_area(text, area)
        if found.score and (
            best is None or (found.score, len(found.matched)) > (best.score, len(best.matched))
        ):
            best = found
    return best


# ---- owner load -----------------------------------------------------------------------------


def week_of(day: dt.date) -> dt.date:
    """The Monday of ``day``'s week."""
    return day - dt.timedelta(days=day.weekday())


def share(part: int, whole: int) -> float | None:
    """``part / whole``, or ``None`` when there is nothing to divide."""
    return part / whole if whole else None


def median_hours(durations: Iterable[dt.timedelta]) -> float | None:
    """The median of the durations in hours (``None`` for none), rounded to 0.1."""
    hours = [d.total_seconds() / 3600 for d in durations]
    return round(statistics.median(hours), 1) if hours else None


@dataclass(frozen=True, slots=True)
class Handover:
    """A decision area that still lands on the owner, and the seat that could take it.

    ``location_id`` is set when only that location's override lands on the owner.
    ``candidate_id`` is ``None`` when no seat could take it (the practice has no manager).
    """

    area_id: str
    area_name: str
    kind: WorkKind
    location_id: str | None
    candidate_id: str | None


def candidate_for(
    snapshot: Snapshot, area: DecisionArea, location_id: str | None, near: str | None = None
) -> Seat | None:
    """The seat that could decide ``area`` instead of the owner.

    Clinical areas go to a provider-lead seat (a medical director); others to a
    management seat: at ``location_id`` when given; else a filled seat, preferably at
    ``near`` (the owner's own location), with the most direct reports, then by name.
    """
    lead_roles = {r.id for r in snapshot.roles if r.provider_lead}
    managers = [s for s in snapshot.seats if s.kind is SeatKind.MANAGEMENT]
    if area.kind is WorkKind.CLINICAL:
        leads = [s for s in managers if s.role_id in lead_roles]
        managers = leads or managers
    else:
        managers = [s for s in managers if s.role_id not in lead_roles] or managers
    if location_id is not None:
        managers = [s for s in managers if s.location_id == location_id] or managers
    if not managers:
        return None
    return min(
        managers,
        key=lambda s: (
            not is_held(snapshot, s),
            s.location_id != location_id if location_id is not None else s.location_id != near,
            -len(snapshot.reports_of.get(s.id, ())),
            s.name,
            s.id,
        ),
    )


def areas_on_owner(snapshot: Snapshot, *, include_leadership: bool = False) -> list[Handover]:
    """Areas whose deciding seat (or a location's override) is a leadership seat.

    Leadership-kind areas (fees) are the owner's to keep and left out unless
    ``include_leadership``. Sorted by area name, practice-wide before per-location.
    """
    seats = snapshot.seats_by_id
    out: list[Handover] = []
    for area in snapshot.decision_areas:
        if area.kind is WorkKind.LEADERSHIP and not include_leadership:
            continue
        decider = seats.get(area.decider_seat_id) if area.decider_seat_id else None
        if decider is not None and decider.kind is SeatKind.LEADERSHIP:
            candidate = candidate_for(snapshot, area, None, near=decider.location_id)
            out.append(
                Handover(area.id, area.name, area.kind, None, candidate.id if candidate else None)
            )
        for override in area.overrides:
            seat = seats.get(override.seat_id)
            if seat is not None and seat.kind is SeatKind.LEADERSHIP:
                candidate = candidate_for(snapshot, area, override.location_id)
                out.append(
                    Handover(
                        area.id,
                        area.name,
                        area.kind,
                        override.location_id,
                        candidate.id if candidate else None,
                    )
                )
    return sorted(out, key=lambda h: (h.area_name.casefold(), h.location_id or ""))


def time_shares(split: TimeSplit) -> dict[str, float]:
    """Each kind's share of the recorded minutes (all zero when nothing is recorded)."""
    total = split.total
    return {kind.value: (getattr(split, kind.value) / total if total else 0.0) for kind in WorkKind}


def decided_by(snapshot: Snapshot, seat_id: str) -> list[DecisionArea]:
    """The areas ``seat_id`` decides: as the deciding seat or through a location's override."""
    return sorted(
        (
            a
            for a in snapshot.decision_areas
            if a.decider_seat_id == seat_id or any(o.seat_id == seat_id for o in a.overrides)
        ),
        key=lambda a: a.name.casefold(),
    )


def concentrated(areas: Sequence[DecisionArea], snapshot: Snapshot) -> tuple[int, int]:
    """``(areas decided by a leadership seat, areas with a deciding seat)``."""
    seats = snapshot.seats_by_id
    decided = [
        seats[a.decider_seat_id]
        for a in areas
        if a.decider_seat_id is not None and a.decider_seat_id in seats
    ]
    return sum(1 for s in decided if s.kind is SeatKind.LEADERSHIP), len(decided)
