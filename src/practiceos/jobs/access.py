"""Finding jobs for a member: scoped to their practice inside the query (others 404)."""

from __future__ import annotations

from practiceos.jobs.models import Job
from practiceos.tenancy.access import get_object_for
from practiceos.tenancy.models import Membership


def get_job_for(membership: Membership | None, pk: object) -> Job:
    """The job ``pk`` of the caller's practice; 404 for another practice's or none."""
    return get_object_for(
        membership, Job, pk, queryset=Job.objects.select_related("requested_by__user")
    )
