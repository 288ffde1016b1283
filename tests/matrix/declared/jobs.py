"""Job pages: a job's progress page and its retry."""

from practiceos.tenancy.permissions import Action
from tests.matrix.declare import Rule, page


def _failed_check(w):
    """A failed health-check job of acme: any member follows it; retrying it is running a
    check again (RUN_CHECK), which an allowed persona does (redirect to the job)."""
    from practiceos.jobs.models import Job, JobKind, JobStatus

    def build():
        return Job.objects.create(
            practice=w.personas.acme,
            kind=JobKind.HEALTH_CHECK,
            status=JobStatus.FAILED,
            requested_by=w.personas.owner,
            error="the worker stopped",
        )

    return {"pk": w.cached("jobs.failed_check", build).pk}


PAGES = [
    page("jobs:job", args=_failed_check),
    page(
        "jobs:retry",
        args=_failed_check,
        get=None,
        post=Rule(Action.RUN_CHECK, ok=frozenset({302})),
    ),
]
