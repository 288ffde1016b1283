"""What the home page shows: score and trend, the top findings with their fix, the "start
here" checklist (ticked from real data), recent changes. Each a fixed number of queries."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Exists, Q
from django.urls import reverse

from practiceos.audit.display import readable
from practiceos.audit.models import AuditAction, AuditRecord
from practiceos.health import display
from practiceos.health.freshness import freshness_of
from practiceos.health.models import HealthRun
from practiceos.org.models import Person, Role, Seat
from practiceos.roster.models import ImportStatus, RosterImport
from practiceos.tenancy.models import Invitation, MemberRole, Membership, Practice

SEVERITY_ORDER = {"high": 0, "medium": 1, "low": 2, "info": 3}
TOP_FINDINGS = 3
RECENT_CHANGES = 6


@dataclass(frozen=True)
class Step:
    """One "start here" step: what to do, where, and whether the data says it is done."""

    key: str
    title: str
    url: str
    done: bool


def checklist(membership: Membership) -> list[Step]:
    """The new-practice steps, each ticked from the practice's data. One query."""
    pid = membership.practice_id
    managers = Q(role__in=[MemberRole.MANAGER, MemberRole.ADMIN])
    flags = (
        Practice.objects.filter(pk=pid)
        .annotate(
            imported=Exists(RosterImport.objects.filter(practice_id=pid, status=ImportStatus.DONE))
            | Exists(Person.objects.filter(practice_id=pid)),
            chart=Exists(Seat.objects.filter(practice_id=pid, reports_to__isnull=False)),
            checked=Exists(HealthRun.objects.filter(practice_id=pid)),
            any_role=Exists(Role.objects.filter(practice_id=pid)),
            undefined_role=Exists(Role.objects.filter(practice_id=pid, purpose="")),
            invited=Exists(Membership.objects.filter(managers, practice_id=pid))
            | Exists(Invitation.objects.filter(managers, practice_id=pid, status="pending")),
        )
        .values("imported", "chart", "checked", "any_role", "undefined_role", "invited")
        .first()
    ) or {}
    return [
        Step(
            "import",
            "Import your roster (the HRIS or payroll export)",
            reverse("roster:upload"),
            bool(flags.get("imported")),
        ),
        Step(
            "chart",
            "Check the chart: who reports to whom, who serves whom",
            reverse("org:chart"),
            bool(flags.get("chart")),
        ),
        Step("check", "Run the health check", reverse("health:report"), bool(flags.get("checked"))),
        Step(
            "roles",
            "Define every role (a purpose for each)",
            reverse("org:roles"),
            bool(flags.get("any_role")) and not flags.get("undefined_role"),
        ),
        Step(
            "invite", "Invite your managers", reverse("tenancy:members"), bool(flags.get("invited"))
        ),
    ]


def top_findings(run: HealthRun) -> list[dict[str, Any]]:
    """The run's most severe findings (first ``TOP_FINDINGS``), each with its fix steps."""
    pairs = list(zip(run.findings, run.steps, strict=False))
    pairs.sort(key=lambda pair: SEVERITY_ORDER.get(str(pair[0].get("severity")), 9))
    out = []
    for finding, steps in pairs[:TOP_FINDINGS]:
        out.append(
            {
                **finding,
                "subjects": [display._subject(s) for s in finding.get("subjects", [])[:6]],
                "steps": steps,
            }
        )
    return out


def health_summary(practice_id: int) -> dict[str, Any]:
    """The latest run, the trend, the top findings, the chart changes since and whether a
    re-check is under way. Four queries (one without a run)."""
    runs = list(
        HealthRun.objects.filter(practice_id=practice_id).values_list(
            "pk", "created_at", "overall"
        )[: display.TREND_RUNS]
    )
    if not runs:
        return {"run": None, "trend": None, "top": []}
    run = HealthRun.objects.filter(pk=runs[0][0]).first()
    assert run is not None
    fresh = freshness_of(run)
    return {
        "run": run,
        "trend": display.trend(runs, width=420, height=110),
        "top": top_findings(run),
        "stale": fresh.changes,
        "rechecking": fresh.recheck is not None,
    }


def recent_changes(practice_id: int) -> list[AuditRecord]:
    """The latest changes (confidential reads left out), with names. One query plus one
    per kind of object they name."""
    rows = (
        AuditRecord.objects.filter(practice_id=practice_id)
        .exclude(action=AuditAction.READ)
        .select_related("actor")
        .order_by("-at", "-id")[:RECENT_CHANGES]
    )
    return readable(rows, practice_id)
