"""A confirmed scorecard upload as a job: a task worker writes its numbers, off the request.

A year of numbers for a large practice is tens of thousands of rows; the confirm page only
checks the file again and queues this job. The write is ``services.save_numbers``: one
transaction, so a worker killed part-way leaves no number written, and the uploaded file
is kept (in the database, so any worker finds it) until the save succeeds, so the job
can be run again.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.urls import reverse

from practiceos.core.problems import InputError, Problem
from practiceos.jobs.models import Job, JobKind
from practiceos.jobs.progress import Progress
from practiceos.jobs.registry import JobHandler
from practiceos.tenancy.access import require
from practiceos.tenancy.permissions import Action


def run_upload_job(job: Job, progress: Progress) -> dict[str, Any]:
    """Read the stored upload again and save its numbers (all or nothing)."""
    from practiceos.scorecards import services, uploads
    from practiceos.scorecards.entry_views import read_upload_entries

    actor = job.requested_by
    if actor is None:
        raise InputError([Problem("requested_by", "the member who uploaded it has left")])
    filename = str(job.params.get("filename", "upload.csv"))
    token = str(job.params.get("token", ""))
    data = uploads.read(job.practice_id, actor.user_id, token)
    if data is None:
        raise InputError([Problem("file", "the uploaded file is gone; upload it again")])
    progress.stage("Reading the file")
    raw = read_upload_entries(data, filename)
    # Checked again: a measurable may have been archived, or the uploader's role changed,
    # while the job waited; then nothing is written and the reason is stored.
    # One statement per kind of write: no count to advance, so the bar is indeterminate.
    progress.stage(f"Checking and saving {len(raw):,} numbers")
    with transaction.atomic():  # saved and forgotten together, so a retry never saves twice
        result = services.save_numbers(actor=actor, entries=raw, note=f"upload {filename}")
        uploads.drop(actor, token)
    return {
        "created": result.created,
        "updated": result.updated,
        "cleared": result.cleared,
        "unchanged": result.unchanged,
        "summary": f"Saved {result.created} new, {result.updated} changed and "
        f"{result.cleared} cleared number(s); {result.unchanged} were already there.",
    }


def _purge_previews(age: dt.timedelta) -> int:
    from practiceos.scorecards import uploads

    return uploads.purge(older_than=age)


def _result_url(job: Job) -> str | None:
    return reverse("scorecards:index") if job.result else None


HANDLER = JobHandler(
    kind=JobKind.SCORECARD_UPLOAD,
    run=run_upload_job,
    authorize=lambda membership: require(membership, Action.EDIT_NUMBERS),
    result_url=_result_url,
    purge_inputs=_purge_previews,
    inputs_name="unconfirmed scorecard upload(s)",
)
