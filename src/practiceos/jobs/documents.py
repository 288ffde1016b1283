"""PDFs made on a task worker: each app registers the documents it prints.

A document is a name (``health_report``), a rule for who may read it (the same as the page
it prints) and a function that renders it as PDF bytes outside any web request. The one
``pdf`` job kind looks the document up by the name in its params, checks the rule again
when it runs (the requester may have lost access while it waited), renders it and keeps the
file with the job (:class:`practiceos.jobs.models.JobFile`); downloading it checks the rule
once more for whoever asks.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.http import Http404
from django.urls import reverse

from practiceos.core.problems import InputError, Problem
from practiceos.jobs.models import Job, JobKind
from practiceos.jobs.registry import JobHandler

if TYPE_CHECKING:
    from practiceos.jobs.progress import Progress
    from practiceos.tenancy.models import Membership

Params = dict[str, Any]


@dataclass(frozen=True)
class Document:
    """A kind of PDF: who may read it, and how it is rendered from the job's params."""

    name: str
    label: str
    authorize: Callable[[Membership | None, Params], object]
    """Raises PermissionDenied / Http404 (as its page does) when the membership may not read it."""
    render: Callable[[Membership, Params], tuple[str, bytes]]
    """Returns (file name, PDF bytes); raises InputError when what it prints is gone."""


_DOCUMENTS: dict[str, Document] = {}


def register_document(document: Document) -> Document:
    """Register one kind of document (from its app's ``ready``)."""
    if _DOCUMENTS.get(document.name, document) is not document:
        raise ValueError(f"a document named {document.name!r} is already registered")
    _DOCUMENTS[document.name] = document
    return document


def document_for(name: object) -> Document:
    """The document called ``name``, or InputError naming the ones there are."""
    found = _DOCUMENTS.get(str(name))
    if found is None:
        raise InputError(
            [
                Problem(
                    "document",
                    f'"{name}" is not a document; use one of {", ".join(sorted(_DOCUMENTS))}',
                )
            ]
        )
    return found


def pdf_html(html: str) -> bytes:
    """Render self-contained HTML (styles inline, no external files) as PDF bytes."""
    # Imported here: WeasyPrint loads Pango at import, which only PDF work needs.
    from weasyprint import HTML

    return bytes(HTML(string=html).write_pdf())


def run_pdf_job(job: Job, progress: Progress) -> dict[str, Any]:
    """Render the job's document and keep it with the job."""
    from practiceos.jobs.services import store_file

    document = document_for(job.params.get("document"))
    actor = job.requested_by
    if actor is None:
        raise InputError([Problem("requested_by", "the member who asked for it has left")])
    try:  # access may have changed while it waited, or what it prints may be gone
        document.authorize(actor, job.params)
    except Http404:
        raise InputError([Problem("document", f"the {document.label} to print is gone")]) from None
    progress.stage(f"Rendering the {document.label}")
    filename, data = document.render(actor, job.params)
    progress.stage("Storing the PDF")
    store_file(job, filename=filename, content_type="application/pdf", data=data)
    return {"filename": filename, "size": len(data), "document": document.name}


def _authorize_start(membership: Membership) -> object:
    from practiceos.tenancy.access import require
    from practiceos.tenancy.permissions import Action

    return require(membership, Action.VIEW)


def _authorize_download(membership: Membership, job: Job) -> object:
    return document_for(job.params.get("document")).authorize(membership, job.params)


def _result_url(job: Job) -> str | None:
    return reverse("jobs:download", args=[job.pk]) if job.result else None


HANDLER = JobHandler(
    kind=JobKind.PDF,
    run=run_pdf_job,
    authorize=_authorize_start,
    result_url=_result_url,
    authorize_download=_authorize_download,
)


def start_pdf(*, actor: Membership, document: str, params: Params | None = None) -> Job:
    """Queue the PDF of ``document`` for ``actor`` (who must be allowed to read it)."""
    from practiceos.jobs.services import queue_job

    found = document_for(document)
    values = {**(params or {}), "document": found.name}
    found.authorize(actor, values)
    return queue_job(practice_id=actor.practice_id, kind=JobKind.PDF, actor=actor, params=values)
