"""The hiring part of a snapshot (registered in ``HiringConfig.ready``): since when each
seat that may be vacant has been without a person, and whether it has an open hiring plan.

Three queries whatever the practice's size, each limited to the seats that may be vacant
(no current accountable assignment of a person on the chart; a superset of what the rule
calls vacant, which it checks again on the snapshot): the latest end of each such seat's
ended assignments, the day each was created (its first audit record), and the seats with
an open plan. A seat that never had anyone counts from its creation; a seat whose creation
was never audited (made before audit records existed) has no known start and is never
flagged. Filled seats, most of a large practice, cost the queries nothing: their facts
could never make a finding.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import CharField, Exists, Max, Min, OuterRef, Q
from django.db.models.functions import Cast

from practiceos.audit.models import AuditAction, AuditRecord
from practiceos.core.hiring import VacancyFact
from practiceos.hiring.models import HiringPlan, PlanStatusChoices
from practiceos.org.models import Assignment, Seat, live
from practiceos.tenancy.models import Practice


def maybe_vacant(practice_id: int, as_of: dt.date) -> Any:
    """Seats of the practice with no accountable assignment current on ``as_of`` held by
    a person who is not archived (a queryset, used as a subquery)."""
    # One uncorrelated subquery (the database builds the set of held seats once); a
    # correlated EXISTS per seat took several times longer on 100,000 seats.
    held = Assignment.objects.filter(
        live("person__"),
        Q(start__isnull=True) | Q(start__lte=as_of),
        Q(end__isnull=True) | Q(end__gt=as_of),
        practice_id=practice_id,
        accountable=True,
    ).values("seat_id")
    return Seat.objects.filter(practice_id=practice_id).exclude(pk__in=held).order_by()


def hiring_section(practice: Practice, as_of: dt.date) -> dict[str, Any]:
    """Vacancy facts for every seat that may be vacant."""
    pid = practice.pk
    vacant = maybe_vacant(pid, as_of)
    ended = dict(
        Assignment.objects.filter(
            practice_id=pid, end__isnull=False, end__lte=as_of, seat_id__in=vacant.values("pk")
        )
        .values("seat_id")
        .annotate(last=Max("end"))
        .values_list("seat_id", "last")
    )
    # The first record's time as text (its UTC date is the first ten characters): cheaper
    # than converting datetimes through the ORM, and every seat has one.
    created = {
        int(object_id): dt.date.fromisoformat(first[:10])
        for object_id, first in AuditRecord.objects.filter(
            practice_id=pid,
            object_type="org.seat",
            action=AuditAction.CREATED,
            object_id__in=vacant.annotate(text=Cast("pk", CharField())).values("text"),
        )
        .values("object_id")
        .annotate(first=Cast(Min("at"), output_field=CharField()))
        .values_list("object_id", "first")
        if object_id.isdigit() and first
    }
    planned = set(
        vacant.filter(
            Exists(
                HiringPlan.objects.filter(
                    practice_id=pid, status=PlanStatusChoices.OPEN, seat_id=OuterRef("pk")
                )
            )
        ).values_list("pk", flat=True)
    )
    facts = tuple(
        VacancyFact(str(seat), ended.get(seat) or created.get(seat), seat in planned)
        for seat in sorted(set(ended) | set(created) | planned)
    )
    return {"vacancies": facts}
