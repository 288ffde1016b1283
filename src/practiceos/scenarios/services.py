"""Every write to scenarios: create, rename, add and remove changes, try fixes, rebase,
discard and publish. Each checks permission, runs in one transaction and is audited.

A scenario's chart is today's snapshot with its changes applied (:func:`scenario_state`);
nothing here copies the chart. Publishing hands the result to the all-or-nothing
``org.loading.load_snapshot`` (one audit record per object it changes), then re-runs the
health check, in the same transaction.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils import timezone

from practiceos.audit.models import AuditAction
from practiceos.audit.services import record
from practiceos.core.health import AssignPerson, ChangeError, SetField, run_check
from practiceos.core.model import Snapshot
from practiceos.core.problems import InputError, Problem
from practiceos.core.scenario import (
    MergeResult,
    ScenarioChange,
    Skipped,
    changes_from_dicts,
    chart_fingerprint,
    check_scenario,
    finding_ref,
    merge_changes,
    scenario_change_from_dict,
    seat_fingerprints,
    stale_seats,
    touched_seats,
)
from practiceos.core.scenario_diff import compare
from practiceos.health.models import HealthRun
from practiceos.org.loading import LoadSummary, check_loadable, load_snapshot
from practiceos.org.snapshot import build_snapshot
from practiceos.scenarios.access import EDIT, PUBLISH
from practiceos.scenarios.models import Scenario, ScenarioStatus
from practiceos.tenancy.access import require
from practiceos.tenancy.models import Membership, Practice

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
    """Apply the scenario to today's chart (built here unless given: 7 queries).

    ``stale`` lists the seats its changes touch that changed in the live chart since the
    scenario touched them; ``moved_on`` is true when anything in the chart changed.
    """
    today = today if today is not None else build_snapshot(scenario.practice, sections=False)
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
    accountable people in one seat, an FTE out of range), said in scenario words. Only
    changes to assignments can cause these, so without one nothing is checked."""
    if not any(
        isinstance(c, AssignPerson) or (isinstance(c, SetField) and c.object_type == "assignment")
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
    thing; fixes never apply twice or in conflict: see ``core.scenario.merge_changes``).

    Refused with an :class:`InputError` naming the change and the seats when a change
    names something missing, makes a reporting cycle or gives two seats one name.
    """
    require(actor, EDIT)
    _require_draft(scenario, "edited")
    parsed = _parse(changes)
    with transaction.atomic():
        locked = Scenario.objects.select_for_update().get(pk=scenario.pk)
        _require_draft(locked, "edited")
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


# --- fixes from the health report ------------------------------------------------------------


def fixes_from_run(
    run: HealthRun, *, finding: str | None = None, rule: str | None = None
) -> list[list[dict[str, Any]]]:
    """The fixes (each a list of stored changes) of one finding (by its
    :func:`~practiceos.core.scenario.finding_ref`), of every finding of one rule, or of
    every finding of a stored run. An unknown finding or rule is an :class:`InputError`."""
    found: list[list[dict[str, Any]]] = []
    for item in run.findings:
        if finding is not None:
            ref = finding_ref(item["rule"], [str(s["id"]) for s in item["subjects"]])
            if ref != finding:
                continue
        elif rule is not None and item["rule"] != rule:
            continue
        if item.get("fix"):
            found.append(list(item["fix"]))
    if finding is not None and not found:
        raise InputError(
            [
                Problem(
                    "finding",
                    f"{_shown(finding)} is not a finding with a fix in the health report of {run.created_at:%Y-%m-%d %H:%M}",
                )
            ]
        )
    if rule is not None and not found:
        raise InputError(
            [Problem("rule", f"{_shown(rule)} has no findings with a fix in that report")]
        )
    if not found:
        raise InputError([Problem("all", "the health report has no findings with a fix")])
    return found


def _default_name(practice_id: int) -> str:
    base = f"Fixes from the health check, {timezone.localdate():%d %b %Y}"
    taken = set(
        Scenario.objects.filter(practice_id=practice_id, name__startswith=base).values_list(
            "name", flat=True
        )
    )
    name, n = base, 1
    while name in taken:
        n += 1
        name = f"{base} ({n})"
    return name


def try_fixes(
    *,
    actor: Membership,
    run: HealthRun,
    scenario: Scenario | None = None,
    finding: str | None = None,
    rule: str | None = None,
) -> AddResult:
    """Add the fixes of one finding, one rule or the whole report to ``scenario`` (a new
    draft when ``None``). Overlapping fixes are merged; a fix that no longer applies to
    today's chart (the report is older than a change) is skipped with its reason."""
    require(actor, EDIT)
    if run.practice_id != actor.practice_id:
        raise InputError([Problem("run", "is not a health report of this practice")])
    groups = fixes_from_run(run, finding=finding, rule=rule)
    if scenario is None:
        scenario = create_scenario(actor=actor, name=_default_name(actor.practice_id))
    _require_draft(scenario, "edited")
    parsed = [changes_from_dicts(group) for group in groups]
    with transaction.atomic():
        locked = Scenario.objects.select_for_update().get(pk=scenario.pk)
        today = build_snapshot(scenario.practice, sections=False)
        existing = changes_from_dicts(locked.changes or [])
        merged = merge_changes(existing, [c for group in parsed for c in group])
        if not check_scenario(today, merged.changes).ok:
            merged = _merge_one_by_one(today, existing, parsed)
        if merged.added:
            what = f"finding {finding}" if finding else f"rule {rule}" if rule else "every finding"
            _store(actor, locked, today, merged, f"fixes of {what} tried in the scenario")
    scenario.refresh_from_db()
    return AddResult(scenario, merged)


def try_remaining_fixes(*, actor: Membership, scenario: Scenario) -> AddResult:
    """Run the health check on the scenario's own chart and add every fix it proposes
    (merged like any fixes): the next round of improvements, without publishing."""
    require(actor, EDIT)
    _require_draft(scenario, "edited")
    with transaction.atomic():
        locked = Scenario.objects.select_for_update().get(pk=scenario.pk)
        _require_draft(locked, "edited")
        state = scenario_state(locked)
        if state.result is None or state.problems:
            raise InputError(list(state.problems))
        groups = [f.fix for f in run_check(state.result).findings if f.fix]
        if not groups:
            raise InputError([Problem("all", "the scenario's chart has no findings with a fix")])
        merged = merge_changes(state.changes, [c for group in groups for c in group])
        if not check_scenario(state.today, merged.changes).ok:
            merged = _merge_one_by_one(state.today, state.changes, groups)
        if merged.added:
            _store(actor, locked, state.today, merged, "the scenario's remaining fixes tried")
    scenario.refresh_from_db()
    return AddResult(scenario, merged)


def _merge_one_by_one(
    today: Snapshot, existing: Sequence[ScenarioChange], groups: Sequence[Sequence[ScenarioChange]]
) -> MergeResult:
    """Add fix groups one at a time, skipping a group that would not apply (slow path,
    only when applying them all at once failed)."""
    current = tuple(existing)
    added = 0
    skipped: list[Skipped] = []
    for group in groups:
        merged = merge_changes(current, group)
        checked = check_scenario(today, merged.changes)
        if not checked.ok:
            reason = checked.problems[0].message
            skipped.extend(Skipped(c, f"does not apply to today's chart: {reason}") for c in group)
            continue
        current, added = merged.changes, added + merged.added
        skipped.extend(merged.skipped)
    return MergeResult(current, added, tuple(skipped))


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


def rebase_scenario(*, actor: Membership, scenario: Scenario) -> Scenario:
    """Accept today's chart as the scenario's new base (after reading what changed under
    it): refused when its changes no longer apply to today's chart."""
    require(actor, EDIT)
    with transaction.atomic():
        locked = Scenario.objects.select_for_update().get(pk=scenario.pk)
        _require_draft(locked, "rebased")
        state = scenario_state(locked)
        if state.problems:
            raise InputError(list(state.problems))
        before = {"base_version": locked.base_version, "stale": list(state.stale)}
        locked.base_version = chart_fingerprint(state.today)
        locked.base_seats = seat_fingerprints(
            state.today, touched_seats(state.today, state.changes)
        )
        locked.save(update_fields=["base_version", "base_seats", "updated_at"])
        _audit(
            actor,
            locked,
            AuditAction.UPDATED,
            before,
            {"base_version": locked.base_version},
            "scenario rebased on today's chart",
        )
    scenario.refresh_from_db()
    return scenario


@dataclass(frozen=True)
class Published:
    """What publishing did: the load's summary, whether the base had moved on (and was
    applied to today's chart), and the new health run's overall score."""

    scenario: Scenario
    summary: LoadSummary
    rebased: bool
    score: int


def publish_scenario(*, actor: Membership, scenario: Scenario) -> Published:
    """Make the live chart match the scenario, all or nothing (owners and admins).

    Refused (nothing written) when the scenario is not a draft, when a seat it changes
    was changed in the live chart since (naming the seats: rebase after reading them),
    or when its changes no longer apply. When the live chart changed only elsewhere, the
    scenario is applied to today's chart and ``rebased`` says so. Two people publishing
    at once are serialised on the practice row: the second sees the first's result.
    """
    require(actor, PUBLISH)
    from practiceos.health.services import run_health_check

    with transaction.atomic():
        # Lock order: the practice (serialises publishes and loads), then the scenario.
        practice = Practice.objects.select_for_update().get(pk=actor.practice_id)
        locked = (
            Scenario.objects.select_for_update()
            .filter(pk=scenario.pk, practice_id=practice.pk)
            .first()
        )
        if locked is None:
            raise InputError([Problem("scenario", "is not a scenario of this practice")])
        _require_draft(locked, "published")
        state = scenario_state(locked, build_snapshot(practice))
        if state.stale:
            raise InputError([_stale_problem(state)])
        if state.problems or state.result is None:
            raise InputError(list(state.problems))
        if not state.changes:
            raise InputError([Problem("changes", "the scenario has no changes to publish")])
        comparison = compare(state.today, state.result, state.changes)
        summary = load_snapshot(
            state.result, actor=actor, note=f'published scenario "{locked.name}"'[:300]
        )
        locked.status = ScenarioStatus.PUBLISHED
        locked.published_at = timezone.now()
        locked.published_by = actor.user
        locked.published_summary = {
            "created": summary.created,
            "updated": summary.updated,
            "deleted": summary.deleted,
            "lines": summary.lines(),
            "rebased": state.moved_on,
            "score": {
                "before": comparison.before.score.overall,
                "after": comparison.after.score.overall,
            },
            "resolved": len(comparison.resolved),
            "introduced": len(comparison.introduced),
            "changes": list(comparison.change_lines[:HISTORY_LINES]),
            "changes_total": len(comparison.change_lines),
        }
        locked.save(
            update_fields=[
                "status",
                "published_at",
                "published_by",
                "published_summary",
                "updated_at",
            ]
        )
        _audit(
            actor,
            locked,
            AuditAction.UPDATED,
            {"status": "draft"},
            {"status": "published", "changes": len(state.changes)},
            "scenario published",
        )
        run = run_health_check(actor, practice)
    scenario.refresh_from_db()
    return Published(scenario, summary, state.moved_on, run.overall)


def _stale_problem(state: ScenarioState) -> Problem:
    names = []
    for seat_id in state.stale[:10]:
        seat = state.today.seats_by_id.get(seat_id)
        names.append(f'"{seat.name}"' if seat else f"seat {seat_id} (since deleted)")
    more = f" and {len(state.stale) - 10} more" if len(state.stale) > 10 else ""
    return Problem(
        "base",
        "the live chart changed under this scenario: "
        + ", ".join(names)
        + more
        + " changed since the scenario edited them; compare again, then rebase the scenario "
        "on today's chart to accept them",
    )
