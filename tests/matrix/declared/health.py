"""The health check: report, runs, PDF, thresholds; and its API."""

from practiceos.tenancy.permissions import Action
from tests.matrix.declare import Rule, op, page

PAGES = [
    page("health:report"),
    page("health:run-now", get=None, post=Action.RUN_CHECK),
    page("health:policy", get=None, post=Action.MANAGE_PRACTICE),
    # GET offers the button; POST queues the PDF as a job (any member, as the report).
    page("health:report-pdf", post=Rule(Action.VIEW, ok=frozenset({302}))),
    page("health:run", args=lambda w: {"pk": w.run.pk}),
    page(
        "health:run-pdf",
        args=lambda w: {"pk": w.run.pk},
        post=Rule(Action.VIEW, ok=frozenset({302})),
    ),
]

OPERATIONS = [
    op("GET /api/health/report", Action.VIEW),
    op("POST /api/health/runs", Action.RUN_CHECK),
    op("GET /api/health/policy", Action.VIEW),
    op("PUT /api/health/policy", Action.MANAGE_PRACTICE, body=lambda w: {}),
]
