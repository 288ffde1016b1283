"""Template charts: a sound starting structure for a new practice of a given specialty.

Built from the demo generator without its planted problems, with the practice's own name
and locations, and every seat vacant (no people): the owner fills the seats, or imports
the roster, from there.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Sequence

from practiceos.core.demo import SPECIALTIES, generate_demo
from practiceos.core.model import PracticeInfo, Snapshot

#: Seats per location the template gives (a manager, providers, support, front desk).
PEOPLE_PER_LOCATION = 7
CENTRAL = 12


def template_chart(
    specialty: str,
    *,
    name: str,
    slug: str,
    locations: Sequence[str],
    today: dt.date | None = None,
) -> Snapshot:
    """The template chart of ``specialty`` (one of :data:`SPECIALTIES`) for a practice named
    ``name``/``slug`` with ``locations`` (their names, in order; at least one).

    Raises ``ValueError`` naming an unknown specialty or an empty location list.
    """
    if specialty not in SPECIALTIES:
        raise ValueError(
            f'"{specialty}" is not a specialty with a template; use one of {", ".join(SPECIALTIES)}'
        )
    if not locations:
        raise ValueError("a template chart needs at least one location")
    count = len(locations)
    demo = generate_demo(
        CENTRAL + PEOPLE_PER_LOCATION * count,
        seed=1,
        locations=count,
        specialty=specialty,
        today=today,
        planted=False,
    )
    renamed = tuple(
        dataclasses.replace(loc, name=locations[i] if i < count else loc.name, address="")
        for i, loc in enumerate(demo.locations)
    )
    return dataclasses.replace(
        demo,
        practice=PracticeInfo(name=name, slug=slug),
        locations=renamed,
        people=(),
        assignments=(),
    )
