"""The one task on the queue: run a job by id (its handler does the work)."""

from __future__ import annotations

from django_tasks import task


@task()
def run_job(job_id: int) -> None:
    """Run the job ``job_id`` (see :func:`practiceos.jobs.services.execute_job`)."""
    from practiceos.jobs.services import execute_job

    execute_job(job_id)
