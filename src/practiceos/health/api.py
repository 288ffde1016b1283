"""REST endpoints of the health check: the latest report, running a new one, thresholds.

``router`` is mounted by ``practiceos.api``. Reading needs any membership of the practice;
running needs a manager, admin or owner (``health.access``). The report body is the JSON
documented in ``docs/health-check.md`` plus a ``run`` object.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import Http404, HttpRequest
from ninja import Body, Router, Schema, Status

from practiceos.core.health import Policy
from practiceos.health.access import latest_run
from practiceos.health.freshness import freshness_of
from practiceos.health.models import HealthRun
from practiceos.health.services import report_dict, run_health_check
from practiceos.org.schemas import Message, Problems
from practiceos.tenancy.api import membership_of
from practiceos.tenancy.services import update_policy

router = Router(tags=["health"])


class SubjectOut(Schema):
    """What a finding is about: a seat (with its holder), person, location, team or role."""

    type: str
    id: str
    name: str
    person: str | None


class FindingOut(Schema):
    """One finding: rule, area, severity, subjects, message and the fix as changes."""

    rule: str
    area: str
    severity: str
    subjects: list[SubjectOut]
    message: str
    fix: list[dict[str, Any]]


class AreaScoreOut(Schema):
    """One area's score, how many rules it ran and how many findings they made."""

    score: int
    rules: int
    findings: int


class ScoreOut(Schema):
    """The overall score (0-100) and one score per area."""

    overall: int
    areas: dict[str, AreaScoreOut]


class CheckedPracticeOut(Schema):
    """The practice checked."""

    name: str
    slug: str


class RunOut(Schema):
    """When the run was made, the findings per severity and the size checked."""

    id: int
    created_at: dt.datetime
    counts: dict[str, int]
    seats: int
    people: int


class FreshnessOut(Schema):
    """Whether the report still describes the chart: changes to the chart recorded since
    the run (``stale`` when any), and the re-check queued or running, if one is (follow
    it at ``/jobs/<id>/``; changes queue one automatically)."""

    changes_since: int
    stale: bool
    recheck_job: int | None
    recheck_status: str | None


class ReportOut(Schema):
    """A stored health report, and whether it is still up to date."""

    practice: CheckedPracticeOut
    score: ScoreOut
    findings: list[FindingOut]
    run: RunOut
    freshness: FreshnessOut


ERRORS: dict[int, Any] = {401: Message, 403: Message, 404: Message}


def _dict(run: HealthRun) -> dict[str, Any]:
    """The report JSON and its freshness (two queries: changes since, checks under way)."""
    fresh = freshness_of(run)
    recheck = fresh.recheck
    return report_dict(run) | {
        "freshness": {
            "changes_since": fresh.changes,
            "stale": fresh.stale,
            "recheck_job": recheck.pk if recheck else None,
            "recheck_status": recheck.status if recheck else None,
        }
    }


@router.get("/health/report", response={200: ReportOut, **ERRORS})
def latest_report(request: HttpRequest) -> dict[str, Any]:
    """The practice's latest health report (404 until a check has been run)."""
    membership = membership_of(request)
    run = latest_run(membership)
    if run is None:
        raise Http404("No health check has been run yet.")
    run.practice = membership.practice
    return _dict(run)


@router.post("/health/runs", response={201: ReportOut, **ERRORS})
def run_check_now(request: HttpRequest) -> Status[dict[str, Any]]:
    """Run the health check now (managers, admins and owners) and return the new report."""
    membership = membership_of(request)
    run = run_health_check(membership, membership.practice)
    return Status(201, _dict(run))


class PolicyOut(Schema):
    """The practice's health-check thresholds: in force, overridden and the defaults."""

    values: dict[str, Any]
    overrides: dict[str, Any]
    defaults: dict[str, Any]


def _policy_out(stored: dict[str, Any]) -> dict[str, Any]:
    return {
        "values": Policy.from_stored(stored).to_dict(),
        "overrides": dict(stored),
        "defaults": Policy().to_dict(),
    }


@router.get("/health/policy", response={200: PolicyOut, **ERRORS})
def get_policy(request: HttpRequest) -> dict[str, Any]:
    """The thresholds the health check uses for this practice (any member may read)."""
    membership = membership_of(request)
    return _policy_out(membership.practice.policy or {})


@router.put("/health/policy", response={200: PolicyOut, **ERRORS, 422: Problems})
def put_policy(request: HttpRequest, payload: dict[str, Any] = Body(...)) -> dict[str, Any]:
    """Replace the thresholds (owners and admins): keys left out take their defaults.

    Each bad key or value is a 422 naming it (``policy.max_span``); nothing is written.
    """
    membership = membership_of(request)
    practice = update_policy(actor=membership, values=payload)
    return _policy_out(practice.policy or {})
