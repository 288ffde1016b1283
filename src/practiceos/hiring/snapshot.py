"""The hiring part of a snapshot (registered in ``HiringConfig.ready``): since when each
seat has been without a person, and whether it has an open hiring plan.

Three queries whatever the practice's size: the latest end of each seat's ended
assignments, the day each seat was created (its first audit record), and the seats with
an open plan. A seat that never had anyone counts from its creation; a seat whose
creation was never audited (made before audit records existed) has no known start and
is never flagged.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import CharField, Max, Min
from django.db.models.functions import Cast

from practiceos.audit.models import AuditAction, AuditRecord
from practiceos.core.hiring import VacancyFact
from practiceos.hiring.models import HiringPlan, PlanStatusChoices
from practiceos.org.models import Assignment
from practiceos.tenancy.models import Practice


def hiring_section(practice: Practice, as_of: dt.date) -> dict[str, Any]:
    """Vacancy facts for every seat with a known start or an open plan."""
    pid = practice.pk
    ended = dict(
        Assignment.objects.filter(practice_id=pid, end__isnull=False, end__lte=as_of)
        .values("seat_id")
        .annotate(last=Max("end"))
        .values_list("seat_id", "last")
    )
    # The first record's time as text (its UTC date is the first ten characters): every
    # seat has one, and converting 100,000 datetimes through the ORM cost half a second.
    created = {
        int(object_id): dt.date.fromisoformat(first[:10])
        for object_id, first in AuditRecord.objects.filter(
            practice_id=pid, object_type="org.seat", action=AuditAction.CREATED
        )
        .values("object_id")
        .annotate(first=Cast(Min("at"), output_field=CharField()))
        .values_list("object_id", "first")
        if object_id.isdigit() and first
    }
    planned = set(
        HiringPlan.objects.filter(
            practice_id=pid, status=PlanStatusChoices.OPEN, seat__isnull=False
        ).values_list("seat_id", flat=True)
    )
    facts = tuple(
        VacancyFact(str(seat), ended.get(seat) or created.get(seat), seat in planned)
        for seat in sorted(set(ended) | set(created) | planned)
    )
    return {"vacancies": facts}
