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


def _export(w):
    """A finished org file export of acme with its file: downloading it needs
    MANAGE_PRACTICE, as making it does."""
    from practiceos.jobs.models import Job, JobFile, JobKind, JobStatus

    def build():
        job = Job.objects.create(
            practice=w.personas.acme,
            kind=JobKind.EXPORT,
            status=JobStatus.DONE,
            requested_by=w.personas.owner,
            result={"filename": "acme.org.yaml"},
        )
        JobFile.objects.create(
            practice=w.personas.acme,
            job=job,
            filename="acme.org.yaml",
            content_type="application/yaml",
            size=5,
            data=b"x: 1\n",
        )
        return job

    return {"pk": w.cached("jobs.export", build).pk}


PAGES = [
    page("jobs:download", args=_export, get=Action.MANAGE_PRACTICE),
    page("jobs:job", args=_failed_check),
    page(
        "jobs:retry",
        args=_failed_check,
        get=None,
        post=Rule(Action.RUN_CHECK, ok=frozenset({302})),
    ),
]
