"""The two places people accountability reads other areas: core values and numbers.

Each is one function so that wiring a new source changes one place:

- :func:`core_values_for` reads the practice's core values from the vision (the
  ``leadership`` area's ``reads.core_values``). Before the owner writes the vision there
  are none and the manager names the values rated. The names are stored with the review
  either way, so history keeps the values as they were when the conversation was held.
- :func:`seat_numbers_for` and :func:`measurables_for` read the scorecard (the
  ``scorecards`` area): how many active measurables each seat owns, which recent weeks
  were red (any weekly measurable of the seat missing its goal, judged by the database
  with the scorecard's own ``RED`` condition), and the measurables a plan's expectations
  may link to.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable

from practiceos.core.reviews import SeatNumbers
from practiceos.tenancy.models import Practice


def core_values_for(practice: Practice) -> tuple[str, ...]:
    """The practice's core values from its vision, in order (one query; none until the
    owner writes the vision)."""
    from practiceos.leadership.reads import core_values

    return tuple(value.name for value in core_values(practice))


def seat_numbers_for(
    practice: Practice, weeks: int, as_of: dt.date | None = None
) -> tuple[SeatNumbers, ...]:
    """Each seat's active measurable count and its last ``weeks`` complete weeks, newest
    first, each true when red. Two queries whatever the practice's size."""
    from practiceos.core.scorecard import week_start
    from practiceos.scorecards.models import Measurable, MeasurableValue
    from practiceos.scorecards.snapshot import RED

    counts: dict[int, int] = defaultdict(int)
    for seat_id in Measurable.objects.filter(
        practice_id=practice.pk, active=True, seat__isnull=False
    ).values_list("seat_id", flat=True):
        counts[seat_id] += 1
    last = week_start(as_of or dt.date.today()) - dt.timedelta(weeks=1)
    first = last - dt.timedelta(weeks=weeks - 1)
    red: dict[int, set[dt.date]] = defaultdict(set)
    for seat_id, period in (
        MeasurableValue.objects.filter(
            practice_id=practice.pk,
            period__gte=first,
            period__lte=last,
            measurable__active=True,
            measurable__cadence="weekly",
            measurable__seat__isnull=False,
        )
        .filter(RED)
        .values_list("measurable__seat_id", "period")
    ):
        red[seat_id].add(period)
    newest_first = [last - dt.timedelta(weeks=n) for n in range(weeks)]
    return tuple(
        SeatNumbers(str(seat), count, tuple(week in red[seat] for week in newest_first))
        for seat, count in sorted(counts.items())
    )


def measurables_for(practice: Practice, seat_ids: Iterable[int]) -> dict[int, str]:
    """Active measurables owned by the given seats, ``{id: name}``, for linking a plan's
    expectations (one query)."""
    from practiceos.scorecards.models import Measurable

    ids = list(seat_ids)
    if not ids:
        return {}
    return dict(
        Measurable.objects.filter(
            practice_id=practice.pk, active=True, seat_id__in=ids
        ).values_list("pk", "name")
    )
