"""Trying the health check's fixes in a scenario: one finding, one rule, a whole stored
report ("try in a scenario" on the health report), or the fixes the check proposes for
the scenario's own chart (the next round). Fixes are merged, never applied twice or in
conflict; a fix that no longer applies to today's chart is left out with its reason.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.db import transaction
from django.utils import timezone

from practiceos.core.health import run_check
from practiceos.core.model import Snapshot
from practiceos.core.problems import InputError, Problem
from practiceos.core.scenario import (
    ScenarioChange,
    changes_from_dicts,
    check_scenario,
    finding_ref,
)
from practiceos.core.scenario_merge import MergeResult, Skipped, merge_fixes
from practiceos.health.models import HealthRun
from practiceos.org.snapshot import build_snapshot
from practiceos.scenarios.access import EDIT
from practiceos.scenarios.models import Scenario
from practiceos.scenarios.services import (
    AddResult,
    _require_draft,
    _shown,
    _store,
    create_scenario,
    scenario_state,
)
from practiceos.tenancy.access import require
from practiceos.tenancy.models import Membership


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
        # The chart alone: changes are checked against (and versions taken of) the chart.
        today = build_snapshot(scenario.practice, sections=False)
        existing = changes_from_dicts(locked.changes or [])
        merged = merge_fixes(today, existing, parsed)
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
        merged = merge_fixes(state.today, state.changes, groups)
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
    only when the merged fixes failed a check other than cycles, which the merge itself
    keeps out: a report older than a change naming a seat since removed, two new seats
    with one name)."""
    current = tuple(existing)
    added = 0
    skipped: list[Skipped] = []
    for group in groups:
        merged = merge_fixes(today, current, [group])
        checked = check_scenario(today, merged.changes)
        if not checked.ok:
            reason = checked.problems[0].message
            skipped.extend(Skipped(c, f"does not apply to today's chart: {reason}") for c in group)
            continue
        current, added = merged.changes, added + merged.added
        skipped.extend(merged.skipped)
    return MergeResult(current, added, tuple(skipped))
