"""The two places people accountability reads other areas: core values and numbers.

Each is one function so that wiring a new source changes one place:

- :func:`core_values_for` reads the practice's core values from the vision (the
  ``leadership`` area's ``reads.core_values``). Before the owner writes the vision there
  are none and the manager names the values rated. The names are stored with the review
  either way, so history keeps the values as they were when the conversation was held.
- :func:`seat_numbers_for` and :func:`measurables_for` read the scorecard (the
  ``scorecards`` area): how many measurables each seat owns, which weeks were red, and
  the measurables a plan's expectations may link to. Until that area is merged they return
  nothing, so ``off-track-without-plan`` has nothing to report and
  ``provider-unaccountable`` treats every provider seat as having no measurable.
"""

from __future__ import annotations

from collections.abc import Iterable

from practiceos.core.reviews import SeatNumbers
from practiceos.tenancy.models import Practice


def core_values_for(practice: Practice) -> tuple[str, ...]:
    """The practice's core values from its vision, in order (one query; none until the
    owner writes the vision)."""
    from practiceos.leadership.reads import core_values

    return tuple(value.name for value in core_values(practice))


def seat_numbers_for(practice: Practice, weeks: int) -> tuple[SeatNumbers, ...]:
    """Each seat's measurable count and red weeks (newest first, up to ``weeks``).

    A fixed number of queries. Returns nothing until the scorecard area is merged.
    """
    return ()


def measurables_for(practice: Practice, seat_ids: Iterable[int]) -> dict[int, str]:
    """Measurables owned by the given seats, ``{id: name}``, for linking a plan's
    expectations. Empty until the scorecard area is merged."""
    return {}
