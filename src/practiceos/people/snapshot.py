"""The people-accountability part of a snapshot (registered in ``PeopleConfig.ready``).

Four queries whatever the practice's size: reviews, plans, and the scorecard adapter's
two (measurables per seat, red weeks).
The missing-conversation rules (``no-review-in-period``, ``provider-unaccountable``) run
once the practice has recorded its first conversation or plan: before that it keeps them
elsewhere, and the report says the area is not checked yet rather than flagging everyone.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from practiceos.core.reviews import PlanFact, PlanStatus, ReviewFact
from practiceos.people.adapters import seat_numbers_for
from practiceos.people.models import Plan, Review
from practiceos.tenancy.models import Practice

#: Weeks of numbers the snapshot carries (the largest window a policy may look at).
NUMBER_WEEKS = 26


def people_section(practice: Practice, as_of: dt.date) -> dict[str, Any]:
    """Reviews and plans as core facts (no notes, no ratings: the rules need neither)."""
    pid = practice.pk
    reviews = tuple(
        ReviewFact(str(pk), str(person), None if seat is None else str(seat), held, vok, sok)
        for pk, person, seat, held, vok, sok in Review.objects.filter(
            practice_id=pid, held_on__lte=as_of
        ).values_list("pk", "person_id", "seat_id", "held_on", "values_ok", "seat_ok")
    )
    plans = tuple(
        PlanFact(str(pk), str(person), PlanStatus(status), opened, end, extensions)
        for pk, person, status, opened, end, extensions in Plan.objects.filter(
            practice_id=pid
        ).values_list("pk", "person_id", "status", "opened_on", "end_date", "extensions")
    )
    return {
        "reviews": reviews,
        "plans": plans,
        "seat_numbers": seat_numbers_for(practice, NUMBER_WEEKS, as_of),
        # A practice that has not recorded a single conversation or plan keeps them
        # elsewhere (or not yet): "no conversation" findings start with its first one.
        "reviews_recorded": bool(reviews or plans),
    }
