"""Core-process fixtures: the standard chart with one documented process."""

from __future__ import annotations

from typing import Any

import pytest

from tests.api.conftest import api_as, make_token  # noqa: F401  (re-exported fixtures)


def steps(chart: Any) -> list[dict[str, Any]]:
    """Three steps of a turnover: two for the tech, one for the manager."""
    return [
        {"text": "Clear the room", "seat": chart.tech_seat.pk},
        {"text": "Disinfect surfaces", "seat": chart.tech_seat.pk},
        {"text": "Check the room is ready", "seat": chart.manager_seat.pk},
    ]


@pytest.fixture
def turnover(personas: Any, chart: Any) -> Any:
    """Room turnover, owned by the Practice Manager seat."""
    from practiceos.processes.services import create_process

    return create_process(
        actor=personas.owner,
        data={
            "name": "Room turnover",
            "owner_seat": chart.manager_seat.pk,
            "purpose": "A room ready for the next patient.",
            "steps": steps(chart),
        },
    )
