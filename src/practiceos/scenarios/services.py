"""Writes to scenario drafts: create, rename, add and remove changes, discard. Each checks
permission, runs in one transaction and is audited. Trying the health check's fixes is in
:mod:`.fixes`; publishing and rebasing in :mod:`.publishing`.

A scenario's chart is today's snapshot with its changes applied (:func:`scenario_state`);
nothing here copies the chart.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.db import transaction

from practiceos.audit.models import AuditAction
from practiceos.audit.services import record
from practiceos.core.gcpause import paused_gc
from practiceos.core.health import AssignPerson, ChangeError, SetField
from practiceos.core.model import Snapshot
from practiceos.core.problems import InputError, Problem
from practiceos.core.scenario import (
    ScenarioChange,
    changes_from_dicts,
    chart_fingerprint,
    check_scenario,
    scenario_change_from_dict,
    seat_fingerprints,
    stale_seats,
    touched_seats,
)
from practiceos.core.scenario_merge import MergeResult, merge_changes
from practiceos.org.loading import check_loadable
from practiceos.org.snapshot import build_snapshot
from practiceos.scenarios.access import EDIT
from practiceos.scenarios.models import Scenario, ScenarioStatus
from practiceos.tenancy.access import require
from practiceos.tenancy.models import Membership

NAME_MAX = 120
NOTE_MAX = 2000
#: Changes one request may add (a whole health report's fixes fit).
ADD_MAX = 20_000
#: Change lines kept in a published scenario's history.
HISTORY_LINES = 2000


def _shown(value: object, limit: int = 60) -> str:
    text = str(value)
    return f'"{text}"' if len(text) <= limit else f'"{text[:limit]}…" ({len(text)} characters)'


def _clean_name(name: object) -> str:
    if not isinstance(name, str) or not name.strip():
        raise InputError([Problem("name", "is required: give the scenario a short name")])
    name = name.strip()
    if len(name) > NAME_MAX or not name.isprintable():
        raise InputError(
            [
                Problem(
                    "name", f"{_shown(name)} is not accepted; use 1-{NAME_MAX} printable characters"
                )
            ]
        )
    return name


def _clean_note(note: object) -> str:
    if note is None:
        return ""
    if not isinstance(note, str) or len(note) > NOTE_MAX:
        raise InputError(
            [Problem("note", f"is too long or not text; use at most {NOTE_MAX} characters")]
        )
    return note


def _require_draft(scenario: Scenario, doing: str) -> None:
    if not scenario.is_draft:
        raise InputError(
            [
                Problem(
                    "status",
                    f'scenario "{scenario.name}" is {scenario.status}; only a draft can be {doing}',
                )
            ]
        )


def _audit(
    actor: Membership, scenario: Scenario, action: AuditAction, before: Any, after: Any, note: str
) -> None:
    record(
        actor=actor.user,
        practice_id=scenario.practice_id,
        action=action,
        obj=scenario,
        before=before,
        after=after,
        note=note,
    )


def _unique_name(practice_id: int, name: str) -> None:
    if Scenario.objects.filter(practice_id=practice_id, name=name).exists():
        raise InputError(
            [Problem("name", f'"{name}" is taken by another scenario; choose another name')]
        )


def create_scenario(*, actor: Membership, name: object, note: object = "") -> Scenario:
    """A new draft scenario of ``actor``'s practice, starting from today's chart (its
    version is recorded; no copy is made). Owners and admins."""
    require(actor, EDIT)
    clean_name, clean_note = _clean_name(name), _clean_note(note)
    # The chart alone: changes are checked against (and versions taken of) the chart.
    base = build_snapshot(actor.practice, sections=False)
    with transaction.atomic():
        _unique_name(actor.practice_id, clean_name)
        scenario = Scenario.objects.create(
            practice_id=actor.practice_id,
            name=clean_name,
            note=clean_note,
            owner=actor.user,
            base_version=chart_fingerprint(base),
        )
        _audit(
            actor,
            scenario,
            AuditAction.CREATED,
            None,
            {"name": clean_name, "note": clean_note},
            "scenario created",
        )
    return scenario


def update_scenario(
    *, actor: Membership, scenario: Scenario, name: object = None, note: object = None
) -> Scenario:
    """Rename a draft or change its note."""
    require(actor, EDIT)
    _require_draft(scenario, "changed")
    values: dict[str, str] = {}
    if name is not None:
        values["name"] = _clean_name(name)
    if note is not None:
        values["note"] = _clean_note(note)
    changed = {k: v for k, v in values.items() if getattr(scenario, k) != v}
    if not changed:
        return scenario
    with transaction.atomic():
        if "name" in changed:
            _unique_name(scenario.practice_id, changed["name"])
        before = {k: getattr(scenario, k) for k in changed}
        for key, value in changed.items():
            setattr(scenario, key, value)
        scenario.save(update_fields=[*changed, "updated_at"])
        _audit(actor, scenario, AuditAction.UPDATED, before, changed, "scenario edited")
    return scenario


# --- the scenario's chart -----------------------------------------------------------------------


@dataclass
class ScenarioState:
    """Today's chart, the scenario's changes, and the result of applying them."""

    today: Snapshot
    changes: tuple[ScenarioChange, ...]
    result: Snapshot | None
    problems: tuple[Problem, ...]
    stale: tuple[str, ...]
    moved_on: bool


def scenario_state(scenario: Scenario, today: Snapshot | None = None) -> ScenarioState:
    """Apply the scenario to today's chart (built here unless given: the chart's 7
    queries plus each registered area section's, so the comparison's health checks see
    what the health report sees).

    ``stale`` lists the seats its changes touch that changed in the live chart since the
    scenario touched them; ``moved_on`` is true when anything in the chart changed.
    """
    today = today if today is not None else build_snapshot(scenario.practice)
    # The (acyclic) snapshots and changes are many small objects: no collection midway.
    with paused_gc():
        return _state(scenario, today)


def _state(scenario: Scenario, today: Snapshot) -> ScenarioState:
    try:
        changes = changes_from_dicts(scenario.changes or [])
    except ChangeError as err:  # a stored change an older version wrote differently
        return ScenarioState(today, (), None, (Problem("changes", str(err)),), (), True)
    checked = check_scenario(today, changes)
    problems = list(checked.problems)
    if checked.result is not None:
        problems += _load_problems(today, checked.result, changes)
    return ScenarioState(
        today=today,
        changes=changes,
        result=checked.result,
        problems=tuple(problems),
        stale=stale_seats(scenario.base_seats or {}, today),
        moved_on=chart_fingerprint(today) != scenario.base_version,
    )


def _load_problems(
    today: Snapshot, result: Snapshot, changes: Sequence[ScenarioChange]
) -> list[Problem]:
    """What the database would refuse in ``result`` that it accepts in ``today`` (two
    accountable people in one seat, an FTE out of range, two people with one email or
    employee id), said in scenario words. Only changes to assignments or people can cause
    these, so without one nothing is checked."""
    if not any(
        isinstance(c, AssignPerson)
        or (isinstance(c, SetField) and c.object_type in ("assignment", "person"))
        for c in changes
    ):
        return []
    known = {p.message for p in check_loadable(today)}
    return [Problem("changes", p.message) for p in check_loadable(result) if p.message not in known]


@dataclass(frozen=True)
class AddResult:
    """What adding changes did: the merge (added, skipped) and the scenario."""

    scenario: Scenario
    merge: MergeResult


def _store(
    actor: Membership,
    scenario: Scenario,
    today: Snapshot,
    merged: MergeResult,
    note: str,
) -> None:
    """Check the merged changes on today's chart and save them, or raise naming the
    problems (nothing saved)."""
    checked = check_scenario(today, merged.changes)
    problems = list(checked.problems)
    if checked.result is not None:
        problems += _load_problems(today, checked.result, merged.changes)
    if problems:
        raise InputError(problems)
    prints = dict(scenario.base_seats or {})
    fresh = touched_seats(today, merged.changes) - set(prints)
    prints.update(seat_fingerprints(today, fresh))
    before = len(scenario.changes or [])
    scenario.changes = [c.to_dict() for c in merged.changes]
    scenario.base_seats = prints
    scenario.save(update_fields=["changes", "base_seats", "updated_at"])
    _audit(
        actor,
        scenario,
        AuditAction.UPDATED,
        {"changes": before},
        {"changes": len(merged.changes)},
        note,
    )


def add_changes(
    *,
    actor: Membership,
    scenario: Scenario,
    changes: Iterable[ScenarioChange | dict[str, Any]],
    by_hand: bool = True,
    note: str = "scenario edited by hand",
) -> AddResult:
    """Add changes to a draft (hand edits replace an earlier decision about the same
    thing; fixes never apply twice or in conflict: see ``core.scenario_merge``).

    Refused with an :class:`InputError` naming the change and the seats when a change
    names something missing, makes a reporting cycle or gives two seats one name.
    """
    require(actor, EDIT)
    _require_draft(scenario, "edited")
    parsed = _parse(changes)
    with transaction.atomic():
        locked = Scenario.objects.select_for_update().get(pk=scenario.pk)
        _require_draft(locked, "edited")
        # The chart alone: changes are checked against (and versions taken of) the chart.
        today = build_snapshot(scenario.practice, sections=False)
        existing = changes_from_dicts(locked.changes or [])
        merged = merge_changes(existing, parsed, by_hand=by_hand)
        if merged.added:
            _store(actor, locked, today, merged, note)
    scenario.refresh_from_db()
    return AddResult(scenario, merged)


def _parse(changes: Iterable[ScenarioChange | dict[str, Any]]) -> list[ScenarioChange]:
    out: list[ScenarioChange] = []
    for index, item in enumerate(changes):
        if index >= ADD_MAX:
            raise InputError([Problem("changes", f"send at most {ADD_MAX} changes at once")])
        if isinstance(item, dict):
            try:
                out.append(scenario_change_from_dict(item))
            except ChangeError as err:
                raise InputError([Problem(f"changes[{index}]", str(err))]) from None
        else:
            out.append(item)
    return out


def remove_change(*, actor: Membership, scenario: Scenario, index: int) -> Scenario:
    """Take one change out of a draft (refused when later changes need it)."""
    require(actor, EDIT)
    _require_draft(scenario, "edited")
    with transaction.atomic():
        locked = Scenario.objects.select_for_update().get(pk=scenario.pk)
        stored = list(locked.changes or [])
        if not 0 <= index < len(stored):
            raise InputError(
                [
                    Problem(
                        "index",
                        f"{index} is not a change of this scenario; use 0-{len(stored) - 1}",
                    )
                ]
            )
        del stored[index]
        # The chart alone: changes are checked against (and versions taken of) the chart.
        today = build_snapshot(scenario.practice, sections=False)
        remaining = changes_from_dicts(stored)
        merged = MergeResult(remaining, 0, ())
        checked = check_scenario(today, remaining)
        if not checked.ok:
            raise InputError(
                [
                    Problem("index", f"later changes need change {index + 1}: {p.message}")
                    for p in checked.problems
                ]
            )
        _store(actor, locked, today, merged, f"scenario change {index + 1} removed")
    scenario.refresh_from_db()
    return scenario


# --- life cycle ----------------------------------------------------------------------------------


def discard_scenario(*, actor: Membership, scenario: Scenario) -> Scenario:
    """Set a draft aside (kept, readable, no longer editable or publishable)."""
    require(actor, EDIT)
    with transaction.atomic():
        locked = Scenario.objects.select_for_update().get(pk=scenario.pk)
        _require_draft(locked, "discarded")
        locked.status = ScenarioStatus.DISCARDED
        locked.save(update_fields=["status", "updated_at"])
        _audit(
            actor,
            locked,
            AuditAction.UPDATED,
            {"status": "draft"},
            {"status": "discarded"},
            "scenario discarded",
        )
    scenario.refresh_from_db()
    return scenario
