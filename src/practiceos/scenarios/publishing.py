"""Publishing a scenario to the live chart, and rebasing one on today's chart.

Publishing locks the practice row (two people publishing at once are serialised), applies
the scenario to today's chart and hands the result to the all-or-nothing
``org.loading.load_snapshot`` (one audit record per object it changes), then re-runs the
health check, all in one transaction. A scenario whose seats changed underneath is
refused naming them; one whose chart changed only elsewhere is applied to today's chart.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils import timezone

from practiceos.audit.models import AuditAction
from practiceos.core.problems import InputError, Problem
from practiceos.core.scenario import chart_fingerprint, seat_fingerprints, touched_seats
from practiceos.core.scenario_compare import Comparison, compare
from practiceos.org.loading import LoadSummary, load_snapshot
from practiceos.org.snapshot import build_snapshot
from practiceos.scenarios.access import EDIT, PUBLISH
from practiceos.scenarios.models import Scenario, ScenarioStatus
from practiceos.scenarios.services import ScenarioState, _audit, _require_draft, scenario_state
from practiceos.tenancy.access import require
from practiceos.tenancy.locking import practice_writer
from practiceos.tenancy.models import Membership, Practice

#: Change lines kept in a published scenario's history.
HISTORY_LINES = 2000


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

    # The practice's writer lock first and outermost (it opens the transaction): a publish
    # waits for an import or a load of the same practice, or is refused naming who holds
    # it, never a raw "database is locked".
    with practice_writer(actor.practice, actor, f'publishing scenario "{scenario.name}"'[:200]):
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
        locked.published_summary = _history(summary, comparison, rebased=state.moved_on)
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


def _history(summary: LoadSummary, comparison: Comparison, *, rebased: bool) -> dict[str, Any]:
    """What a published scenario keeps: the load's counts and lines, the score before and
    after, findings resolved and introduced, and its changes as sentences."""
    return {
        "created": summary.created,
        "updated": summary.updated,
        "deleted": summary.deleted,
        "lines": summary.lines(),
        "rebased": rebased,
        "score": {
            "before": comparison.before.score.overall,
            "after": comparison.after.score.overall,
        },
        "resolved": len(comparison.resolved),
        "introduced": len(comparison.introduced),
        "changes": list(comparison.change_lines[:HISTORY_LINES]),
        "changes_total": len(comparison.change_lines),
    }
