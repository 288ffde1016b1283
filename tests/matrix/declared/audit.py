"""Audit history pages."""

from practiceos.tenancy.permissions import Action
from tests.matrix.declare import page

PAGES = [
    page("audit:recent"),
    page(
        "audit:history",
        args=lambda w: {"object_type": "org.seat", "object_id": str(w.chart.tech_seat.pk)},
    ),
]

_ = Action
