"""The practice as an org file (YAML), made on a task worker and downloaded from its job.

Writing 100,000 people out takes seconds, so the web page queues it; ``practiceos
export`` (its own process) writes the same file directly. The file holds everyone's names
and the whole structure, so starting and downloading it need ``MANAGE_PRACTICE``, as
loading one does.
"""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from practiceos.core.orgfile import dump_org
from practiceos.jobs.models import Job, JobKind
from practiceos.jobs.progress import Progress
from practiceos.jobs.registry import JobHandler
from practiceos.tenancy.access import require
from practiceos.tenancy.models import Membership
from practiceos.tenancy.permissions import Action


def org_file_name(slug: str) -> str:
    """The export's file name: ``<slug>.org.yaml``."""
    return f"{slug or 'practice'}.org.yaml"


def run_export_job(job: Job, progress: Progress) -> dict[str, Any]:
    """Read the practice (a fixed number of queries) and keep its org file with the job."""
    from practiceos.jobs.services import store_file
    from practiceos.org.snapshot import build_snapshot

    require(job.requested_by, Action.MANAGE_PRACTICE)  # the role may have changed meanwhile
    progress.stage("Reading the practice")
    snapshot = build_snapshot(job.practice)
    progress.stage(f"Writing {len(snapshot.people):,} people")
    data = dump_org(snapshot).encode("utf-8")
    name = org_file_name(job.practice.slug)
    store_file(job, filename=name, content_type="application/yaml; charset=utf-8", data=data)
    return {
        "filename": name,
        "size": len(data),
        "summary": f"{len(snapshot.seats):,} seats and {len(snapshot.people):,} people.",
    }


def _may_download(membership: Membership, job: Job) -> object:
    return require(membership, Action.MANAGE_PRACTICE)


def _result_url(job: Job) -> str | None:
    return reverse("jobs:download", args=[job.pk]) if job.result else None


HANDLER = JobHandler(
    kind=JobKind.EXPORT,
    run=run_export_job,
    authorize=lambda membership: require(membership, Action.MANAGE_PRACTICE),
    result_url=_result_url,
    authorize_download=_may_download,
)
