"""Who may see and run the health check of a practice.

Any member may read the reports (``Action.VIEW``). Running a check writes nothing to the
structure, only a new report: ``Action.RUN_CHECK`` in ``tenancy.permissions.ALLOWED``
(owners, admins and managers); plain members only read. Runs are found by practice inside the query: another practice's run
is a 404 like a missing one.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied

from practiceos.health.models import HealthRun
from practiceos.tenancy.access import get_object_for, require
from practiceos.tenancy.models import Membership
from practiceos.tenancy.permissions import Action, allows


def may_run(membership: Membership | None) -> bool:
    """True when the membership may start a health check run."""
    return membership is not None and allows(membership.role, Action.RUN_CHECK)


def require_run(membership: Membership | None) -> Membership:
    """The membership if it may run the check; 404 without one, 403 for a member."""
    membership = require(membership, Action.VIEW)
    if not may_run(membership):
        raise PermissionDenied(
            f"Your role ({membership.role}) may read health reports but not run the check."
        )
    return membership


def get_run_for(membership: Membership | None, pk: object) -> HealthRun:
    """The health run ``pk`` of the caller's practice (404 otherwise)."""
    return get_object_for(membership, HealthRun, pk)


def latest_run(membership: Membership | None) -> HealthRun | None:
    """The caller's practice's most recent run, or ``None``. One query."""
    membership = require(membership, Action.VIEW)
    return HealthRun.objects.filter(practice_id=membership.practice_id).first()
