"""Fixtures for the health app: a chart with a support seat reporting to a provider."""

from __future__ import annotations

from typing import Any

import pytest

from tests.api.conftest import api_as, make_token  # noqa: F401  (re-exported fixtures)


@pytest.fixture
def broken_chart(chart: Any, personas: Any) -> Any:
    """The standard chart plus a scrub tech who reports to the surgeon (a high finding)."""
    from practiceos.org.models import Assignment, Person, Seat

    p = personas.acme
    chart.stray_seat = Seat.objects.create(
        practice=p,
        name="Scrub Tech 2",
        kind="support",
        role=chart.tech_role,
        location=chart.downtown,
        reports_to=chart.surgeon_seat,
    )
    carla = Person.objects.create(practice=p, name="Carla Scrub", employee_id="E3")
    Assignment.objects.create(practice=p, person=carla, seat=chart.stray_seat, fte=1)
    return chart
