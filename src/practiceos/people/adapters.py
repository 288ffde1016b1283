"""The two places people accountability reads other areas: core values and numbers.

Each is one function so that wiring a new source changes one place:

- :func:`core_values_for` reads the practice's core values from the vision (the
  ``leadership`` area). Until that area is merged it returns none, and a quarterly
  conversation names the values it rates; the names are stored with the review either way,
  so history keeps the values as they were when the conversation was held.
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

#: Core values offered when the practice has not written its own yet (the form lets the
#: manager change them; they are only a starting point).
STARTER_VALUES: tuple[str, ...] = ()


def core_values_for(practice: Practice) -> tuple[str, ...]:
    """The practice's core values, in order (none until the vision area provides them)."""
    return STARTER_VALUES


def seat_numbers_for(practice: Practice, weeks: int) -> tuple[SeatNumbers, ...]:
    """Each seat's measurable count and red weeks (newest first, up to ``weeks``).

    A fixed number of queries. Returns nothing until the scorecard area is merged.
    """
    return ()


def measurables_for(practice: Practice, seat_ids: Iterable[int]) -> dict[int, str]:
    """Measurables owned by the given seats, ``{id: name}``, for linking a plan's
    expectations. Empty until the scorecard area is merged."""
    return {}
