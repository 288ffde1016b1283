"""One access helper per object type: scoped to the caller's practice inside the query.

A process, version or checklist run of another practice is a 404 exactly like a missing
one; a role that may not do ``action`` gets a 403 only once the object is known to be
the caller's practice's.
"""

from __future__ import annotations

from practiceos.processes.models import ChecklistRun, Process
from practiceos.tenancy.access import get_object_for
from practiceos.tenancy.models import Membership
from practiceos.tenancy.permissions import Action


def get_process_for(
    membership: Membership | None, pk: object, action: Action = Action.VIEW
) -> Process:
    """The process ``pk`` in the caller's practice, with its owner seat."""
    qs = Process.objects.select_related("owner_seat")
    return get_object_for(membership, Process, pk, action=action, queryset=qs)


def get_run_for(
    membership: Membership | None, pk: object, action: Action = Action.VIEW
) -> ChecklistRun:
    """The checklist run ``pk`` in the caller's practice, with its process and version."""
    qs = ChecklistRun.objects.select_related("process", "version", "started_by")
    return get_object_for(membership, ChecklistRun, pk, action=action, queryset=qs)
