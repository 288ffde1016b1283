"""Every write of the leadership area goes through these functions.

Each is ``verb_noun(*, actor, ...)``: it checks the actor's permission, validates with
messages that name the field and the value (nothing written on a refusal), writes inside
``transaction.atomic`` with one audit record per object changed, and returns the object.
Views, the API and the CLI call them; nothing else saves leadership rows.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import models, transaction
from django.utils import timezone

from practiceos.audit.models import AuditAction
from practiceos.audit.services import record, snapshot_fields
from practiceos.core.decision_library import library
from practiceos.core.decisions import escalation_route, route_ask, seat_location, suggest_area
from practiceos.core.leadership import WORK_KINDS, WorkKind
from practiceos.core.model import SeatKind
from practiceos.core.problems import InputError, Problem
from practiceos.core.vision import vision_from_mapping
from practiceos.leadership.access import seats_held_by
from practiceos.leadership.models import (
    AreaOverride,
    AreaSeat,
    Ask,
    AskStatus,
    CoreValue,
    DecisionArea,
    Involvement,
    TimeEntry,
    Vision,
)
from practiceos.org.models import Location, Seat
from practiceos.tenancy.access import require
from practiceos.tenancy.models import Membership
from practiceos.tenancy.permissions import Action, allows


def _audit(
    actor: Membership,
    obj: models.Model,
    before: dict[str, Any] | None,
    *,
    deleted: bool = False,
    note: str = "",
) -> None:
    """The one audit helper: records ``obj``'s change unless nothing changed."""
    after = None if deleted else snapshot_fields(obj)
    if before == after:
        return
    if deleted:
        action = AuditAction.DELETED
    else:
        action = AuditAction.CREATED if before is None else AuditAction.UPDATED
    record(
        actor=actor.user,
        practice_id=actor.practice_id,
        action=action,
        obj=obj,
        before=before,
        after=after,
        note=note,
    )


def update_vision(*, actor: Membership, data: Mapping[str, object]) -> Vision:
    """Replace the practice's vision with ``data`` (see ``core.vision.vision_from_mapping``).

    Owners and admins only. Core values are matched by name (case-insensitive) so a
    value whose behaviour is reworded keeps its id; values no longer named are deleted.
    """
    require(actor, Action.LEAD)
    vision = vision_from_mapping(data)
    pid = actor.practice_id
    with transaction.atomic():
        row = Vision.objects.select_for_update().filter(practice_id=pid).first()
        before = snapshot_fields(row) if row is not None else None
        if row is None:
            row = Vision(practice_id=pid)
        row.three_year_picture = vision.three_year_picture
        row.one_year_goals = list(vision.one_year_goals)
        row.core_focus = vision.core_focus
        row.what_good_looks_like = vision.what_good_looks_like
        row.save()
        _audit(actor, row, before)
        _sync_values(actor, [(v.name, v.behaviour) for v in vision.core_values])
    return row


def _sync_values(actor: Membership, wanted: list[tuple[str, str]]) -> None:
    """Make the practice's core values the ``wanted`` (name, behaviour) list, in order."""
    existing = {
        v.name.casefold(): v for v in CoreValue.objects.filter(practice_id=actor.practice_id)
    }
    keep = {name.casefold() for name, _ in wanted}
    for folded, value in existing.items():
        if folded not in keep:
            before, pk = snapshot_fields(value), value.pk
            value.delete()
            value.pk = pk  # the audit record names the deleted row's id
            _audit(actor, value, before, deleted=True)
    for position, (name, behaviour) in enumerate(wanted):
        value = existing.get(name.casefold())
        before = snapshot_fields(value) if value is not None else None
        if value is None:
            value = CoreValue(practice_id=actor.practice_id)
        value.name, value.behaviour, value.position = name, behaviour, position
        value.save()
        _audit(actor, value, before)


# ---- decision areas -------------------------------------------------------------------------

AREA_NAME_MAX = 120
AREA_DESCRIPTION_MAX = 500
MAX_KEYWORDS = 40
MAX_INVOLVED = 50


def _seat_refs(
    actor: Membership, where: str, raw: object, problems: list[Problem], limit: int
) -> list[Seat]:
    """Seats of the actor's practice named by id in ``raw`` (a list); problems name each."""
    if raw is None or raw == "":
        return []
    if not isinstance(raw, list | tuple):
        raw = [raw]
    if len(raw) > limit:
        problems.append(Problem(where, f"lists {len(raw)} seats; at most {limit}"))
        return []
    ids: list[int] = []
    for i, value in enumerate(raw):
        try:
            ids.append(int(str(value)))
        except ValueError:
            problems.append(Problem(f"{where}[{i}]", f"{value!r} is not a seat id"))
    found = {s.pk: s for s in Seat.objects.filter(practice_id=actor.practice_id, pk__in=ids)}
    for i, pk in enumerate(ids):
        if pk not in found:
            problems.append(Problem(f"{where}[{i}]", f"no seat with id {pk} in this practice"))
    return [found[pk] for pk in ids if pk in found]


def _clean_area(
    actor: Membership, data: Mapping[str, Any], area: DecisionArea | None
) -> dict[str, Any]:
    """Validated area fields from ``data`` (partial for an update); refuses two deciders."""
    problems: list[Problem] = []
    out: dict[str, Any] = {}
    known = {"name", "kind", "description", "keywords", "decider", "consulted", "informed"}
    for key in data:
        if key not in known:
            problems.append(
                Problem(key, f"is not a field here; accepted fields are {', '.join(sorted(known))}")
            )
    if "name" in data or area is None:
        name = str(data.get("name") or "").strip()
        if not name:
            problems.append(Problem("name", "is required: the kind of decision, e.g. Time off"))
        elif len(name) > AREA_NAME_MAX:
            problems.append(Problem("name", f"is {len(name)} characters; at most {AREA_NAME_MAX}"))
        elif (
            DecisionArea.objects.filter(practice_id=actor.practice_id, name__iexact=name)
            .exclude(pk=area.pk if area else None)
            .exists()
        ):
            problems.append(Problem("name", f'"{name}" is already a decision area'))
        out["name"] = name
    if "kind" in data or area is None:
        kind = str(data.get("kind") or WorkKind.MANAGEMENT.value)
        if kind not in WORK_KINDS:
            problems.append(Problem("kind", f"{kind!r} is not one of {', '.join(WORK_KINDS)}"))
        out["kind"] = kind
    if "description" in data:
        text = str(data.get("description") or "").strip()
        if len(text) > AREA_DESCRIPTION_MAX:
            problems.append(
                Problem("description", f"is {len(text)} characters; at most {AREA_DESCRIPTION_MAX}")
            )
        out["description"] = text
    if "keywords" in data:
        raw = data.get("keywords") or []
        if isinstance(raw, str):
            raw = raw.split(",")
        words = (
            [str(w).strip().lower() for w in raw if str(w).strip()]
            if isinstance(raw, list | tuple)
            else None
        )
        if words is None or len(words) > MAX_KEYWORDS or any(len(w) > 60 for w in words):
            problems.append(
                Problem("keywords", f"must be up to {MAX_KEYWORDS} words of at most 60 characters")
            )
        out["keywords"] = words or []
    if "decider" in data:
        deciders = _seat_refs(actor, "decider", data.get("decider"), problems, 10)
        if len(deciders) > 1:
            names = " and ".join(f'"{s.name}"' for s in deciders[:2])
            problems.append(
                Problem("decider", f"names two seats ({names}); exactly one seat decides an area")
            )
        out["decider"] = deciders[0] if deciders else None
    for involvement in ("consulted", "informed"):
        if involvement in data:
            out[involvement] = _seat_refs(
                actor, involvement, data.get(involvement), problems, MAX_INVOLVED
            )
    if problems:
        raise InputError(problems)
    return out


def _set_involved(actor: Membership, area: DecisionArea, values: dict[str, Any]) -> None:
    for involvement in (Involvement.CONSULTED, Involvement.INFORMED):
        if involvement.value not in values:
            continue
        wanted = {s.pk for s in values[involvement.value]}
        rows = AreaSeat.objects.filter(area=area, involvement=involvement.value)
        for row in rows:
            if row.seat_id not in wanted:
                before, pk = snapshot_fields(row), row.pk
                row.delete()
                row.pk = pk
                _audit(actor, row, before, deleted=True)
        have = {row.seat_id for row in rows}
        for seat_id in sorted(wanted - have):
            row = AreaSeat.objects.create(
                practice_id=actor.practice_id, area=area, seat_id=seat_id, involvement=involvement
            )
            _audit(actor, row, None)


def create_decision_area(*, actor: Membership, data: Mapping[str, Any]) -> DecisionArea:
    """A new decision area of the actor's practice (owners and admins)."""
    require(actor, Action.LEAD)
    values = _clean_area(actor, data, None)
    with transaction.atomic():
        area = DecisionArea(practice_id=actor.practice_id)
        for key in ("name", "kind", "description", "keywords", "decider"):
            if key in values:
                setattr(area, key, values[key])
        area.save()
        _audit(actor, area, None)
        _set_involved(actor, area, values)
    return area


def update_decision_area(
    *, actor: Membership, area: DecisionArea, data: Mapping[str, Any]
) -> DecisionArea:
    """Change the fields of ``area`` named in ``data`` (a partial update)."""
    require(actor, Action.LEAD)
    values = _clean_area(actor, data, area)
    with transaction.atomic():
        before = snapshot_fields(area)
        for key in ("name", "kind", "description", "keywords", "decider"):
            if key in values:
                setattr(area, key, values[key])
        area.save()
        _audit(actor, area, before)
        _set_involved(actor, area, values)
    return area


def set_decider(*, actor: Membership, area: DecisionArea, seat: Seat | None) -> DecisionArea:
    """Make ``seat`` the one deciding seat of ``area`` (the "hand it over" button)."""
    require(actor, Action.LEAD)
    if seat is not None and seat.practice_id != actor.practice_id:
        raise InputError([Problem("decider", "no such seat in this practice")])
    with transaction.atomic():
        before = snapshot_fields(area)
        area.decider = seat
        area.save(update_fields=["decider"])
        _audit(actor, area, before)
    return area


def delete_decision_area(*, actor: Membership, area: DecisionArea) -> None:
    """Delete an area (its asks keep their text and decisions, without an area)."""
    require(actor, Action.LEAD)
    with transaction.atomic():
        before, pk = snapshot_fields(area), area.pk
        area.delete()
        area.pk = pk
        _audit(actor, area, before, deleted=True)


def seed_decision_areas(*, actor: Membership) -> list[DecisionArea]:
    """Add the library's areas the practice does not have yet (matched by key or name).

    Each starts decided by the owner's seat, because that is where these decisions land
    today; the Decisions page then shows them as ones to hand over. Returns the new areas.
    """
    require(actor, Action.LEAD)
    pid = actor.practice_id
    have = DecisionArea.objects.filter(practice_id=pid).values_list("key", "name")
    keys = {k for k, _ in have if k}
    names = {n.casefold() for _, n in have}
    owner = (
        Seat.objects.filter(practice_id=pid, kind=SeatKind.LEADERSHIP.value)
        .order_by(models.F("reports_to").asc(nulls_first=True), "name", "pk")
        .first()
    )
    made = []
    with transaction.atomic():
        for item in library():
            if item.key in keys or item.name.casefold() in names:
                continue
            area = DecisionArea.objects.create(
                practice_id=pid,
                name=item.name,
                key=item.key,
                kind=item.kind.value,
                description=item.description,
                keywords=list(item.keywords),
                decider=owner,
            )
            _audit(actor, area, None, note="from the decision-area library")
            made.append(area)
    return made


def set_override(
    *, actor: Membership, area: DecisionArea, location: Location, seat: Seat
) -> AreaOverride:
    """At ``location``, ``area`` is decided by ``seat`` (replacing an earlier override).

    The seat must be at that location or practice-wide (no location); otherwise refused
    naming the location and the seat.
    """
    require(actor, Action.LEAD)
    pid = actor.practice_id
    if location.practice_id != pid or seat.practice_id != pid or area.practice_id != pid:
        raise InputError([Problem("seat", "no such seat, location or area in this practice")])
    if seat.location_id not in (None, location.pk):
        raise InputError(
            [
                Problem(
                    "seat",
                    f'location "{location.name}" has no seat "{seat.name}" (it is at another '
                    f"location); choose a seat at {location.name} or a practice-wide seat",
                )
            ]
        )
    with transaction.atomic():
        row = AreaOverride.objects.select_for_update().filter(area=area, location=location).first()
        before = snapshot_fields(row) if row is not None else None
        if row is None:
            row = AreaOverride(practice_id=pid, area=area, location=location)
        row.seat = seat
        row.save()
        _audit(actor, row, before)
    return row


def remove_override(*, actor: Membership, override: AreaOverride) -> None:
    """Remove a location override: the area's usual deciding seat decides there again."""
    require(actor, Action.LEAD)
    with transaction.atomic():
        before, pk = snapshot_fields(override), override.pk
        override.delete()
        override.pk = pk
        _audit(actor, override, before, deleted=True)


# ---- asks -----------------------------------------------------------------------------------

ASK_TEXT_MAX = 2000
REASON_MAX = 500


def routing_snapshot(practice: Any) -> Any:
    """The chart plus the decision areas: what routing reads (7 + 3 queries).

    Routing needs every seat, holder and reporting line (a vacant seat passes asks up),
    so this is the chart snapshot without the other areas' sections.
    """
    from dataclasses import replace

    from practiceos.leadership.snapshot import decision_areas
    from practiceos.org.snapshot import build_snapshot

    chart = build_snapshot(practice, sections=False)
    return replace(chart, decision_areas=decision_areas(practice.pk))


def _text(where: str, value: object, limit: int, what: str) -> str:
    text = str(value or "").strip()
    if not text:
        raise InputError([Problem(where, f"is required: {what}")])
    if len(text) > limit:
        raise InputError([Problem(where, f"is {len(text)} characters long; at most {limit}")])
    return text


def raise_ask(*, actor: Membership, text: str, area: DecisionArea | None = None) -> Ask:
    """Raise an ask; it goes to the deciding seat at the asker's location (see
    ``core.decisions.route_ask``). With no area it goes to the asker's manager and the
    ask's ``routing`` says so. Every member may raise asks.
    """
    require(actor, Action.ASK)
    text = _text("text", text, ASK_TEXT_MAX, "the question or decision you need")
    if area is not None and area.practice_id != actor.practice_id:
        raise InputError([Problem("area", "no such decision area in this practice")])
    snapshot = routing_snapshot(actor.practice)
    held = seats_held_by(actor.user, actor.practice_id)
    asker_seat = str(held[0]) if held else None
    route = route_ask(
        snapshot, area_id=str(area.pk) if area is not None else None, asker_seat_id=asker_seat
    )
    location = seat_location(snapshot, asker_seat)
    suggested = suggest_area(text, snapshot.decision_areas)
    with transaction.atomic():
        ask = Ask.objects.create(
            practice_id=actor.practice_id,
            asker=actor.user,
            asker_seat_id=held[0] if held else None,
            location_id=int(location) if location else None,
            area=area,
            area_suggested=area is not None
            and suggested is not None
            and suggested.area_id == str(area.pk),
            text=text,
            to_seat_id=int(route.seat_id) if route.seat_id else None,
            routing=route.reason[:400],
            reached_owner=route.reaches_owner,
        )
        _audit(actor, ask, None)
    return ask


def _may_answer(actor: Membership, ask: Ask) -> bool:
    """The holder of the seat the ask waits at answers it; owners and admins may too."""
    if allows(actor.role, Action.LEAD):
        return True
    return ask.to_seat_id is not None and ask.to_seat_id in seats_held_by(
        actor.user, actor.practice_id
    )


def decide_ask(*, actor: Membership, ask: Ask, decision: str) -> Ask:
    """Record the decision (its text and time); the asker sees it as a new answer."""
    require(actor, Action.ASK)
    if not _may_answer(actor, ask):
        raise PermissionDenied("Only the person in the seat this ask waits at can decide it.")
    decision = _text("decision", decision, ASK_TEXT_MAX, "what you decided")
    if ask.status == AskStatus.DECIDED:
        raise InputError([Problem("decision", "this ask is already decided")])
    with transaction.atomic():
        before = snapshot_fields(ask)
        ask.status = AskStatus.DECIDED
        ask.decision = decision
        ask.decided_at = timezone.now()
        ask.decided_by = actor.user
        ask.save()
        _audit(actor, ask, before)
    return ask


def escalate_ask(*, actor: Membership, ask: Ask, reason: str) -> Ask:
    """Send an open ask one seat up, once, with a reason (the asker or its receiver).

    If it lands on the owner it counts as reaching the owner: against the area's routing.
    """
    require(actor, Action.ASK)
    if ask.asker_id != actor.user_id and not _may_answer(actor, ask):
        raise PermissionDenied("Only the asker or the person it waits with can escalate it.")
    reason = _text("reason", reason, REASON_MAX, "why it needs the seat above")
    if ask.status == AskStatus.DECIDED:
        raise InputError([Problem("reason", "this ask is already decided")])
    if ask.escalated_at is not None:
        raise InputError([Problem("reason", "this ask was already escalated once")])
    route = (
        escalation_route(routing_snapshot(actor.practice), str(ask.to_seat_id))
        if ask.to_seat_id
        else None
    )
    if route is None or route.seat_id is None:
        raise InputError(
            [Problem("reason", "this ask is already with the top of the chart; nobody is above")]
        )
    with transaction.atomic():
        before = snapshot_fields(ask)
        ask.to_seat_id = int(route.seat_id)
        ask.escalated_at = timezone.now()
        ask.escalation_reason = reason
        ask.reached_owner = ask.reached_owner or route.reaches_owner
        ask.routing = f"{ask.routing} {route.reason}"[:400]
        ask.save()
        _audit(actor, ask, before)
    return ask


def acknowledge_answers(*, actor: Membership) -> int:
    """Mark the actor's decided asks as seen (the "got it" button). Returns how many."""
    require(actor, Action.ASK)
    with transaction.atomic():
        return Ask.objects.filter(
            practice_id=actor.practice_id,
            asker=actor.user,
            status=AskStatus.DECIDED,
            asker_seen_at__isnull=True,
        ).update(asker_seen_at=timezone.now())


# ---- owner time -----------------------------------------------------------------------------

TIME_BACK_DAYS = 90


def record_time(*, actor: Membership, day: Any, kind: str, minutes: Any) -> TimeEntry:
    """Record ``minutes`` of one kind of work on ``day`` for the owner (a holder of a
    leadership seat). At most 1,440 minutes a day; up to 90 days back, never ahead."""
    require(actor, Action.ASK)
    problems: list[Problem] = []
    if kind not in WORK_KINDS:
        problems.append(Problem("kind", f"{kind!r} is not one of {', '.join(WORK_KINDS)}"))
    try:
        amount = int(str(minutes))
    except ValueError:
        amount = 1
        problems.append(Problem("minutes", f"{minutes!r} is not a whole number of minutes"))
    if not 1 <= amount <= 1440:
        problems.append(Problem("minutes", f"{amount} is not between 1 and 1440"))
    today = timezone.localdate()
    try:
        when = day if isinstance(day, dt.date) else dt.date.fromisoformat(str(day))
    except ValueError:
        when = today
        problems.append(Problem("day", f"{day!r} is not a date; use YYYY-MM-DD"))
    if not today - dt.timedelta(days=TIME_BACK_DAYS) <= when <= today:
        problems.append(
            Problem("day", f"{when} is not between {TIME_BACK_DAYS} days ago and today")
        )
    held = seats_held_by(actor.user, actor.practice_id)
    if not Seat.objects.filter(pk__in=held, kind=SeatKind.LEADERSHIP.value).exists():
        raise PermissionDenied("Owner time is recorded by the person in a leadership seat.")
    if problems:
        raise InputError(problems)
    with transaction.atomic():
        so_far = (
            TimeEntry.objects.filter(
                practice_id=actor.practice_id, user=actor.user, day=when
            ).aggregate(total=models.Sum("minutes"))["total"]
            or 0
        )
        if so_far + amount > 1440:
            raise InputError(
                [Problem("minutes", f"{when} already has {so_far} minutes; a day has 1440")]
            )
        entry = TimeEntry.objects.create(
            practice_id=actor.practice_id, user=actor.user, day=when, kind=kind, minutes=amount
        )
        _audit(actor, entry, None)
    return entry


def delete_time_entry(*, actor: Membership, entry: TimeEntry) -> None:
    """Delete one of the actor's own time entries (a mistaken click)."""
    require(actor, Action.ASK)
    if entry.user_id != actor.user_id:
        raise PermissionDenied("You can only remove your own time entries.")
    with transaction.atomic():
        before, pk = snapshot_fields(entry), entry.pk
        entry.delete()
        entry.pk = pk
        _audit(actor, entry, before, deleted=True)
