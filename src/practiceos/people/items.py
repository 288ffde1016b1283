"""What people accountability asks of someone today: "plans and reviews needing you".

:func:`people_items_for` is what the home page shows; :func:`recognition_for` lists the
people to recognise. Both cost a fixed number of queries whatever the practice's size.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import Max
from django.urls import reverse

from practiceos.core.health.policy import Policy
from practiceos.core.reviews import (
    Rating,
    Recognition,
    RecognitionInput,
    days_left,
    is_overdue,
    to_recognise,
)
from practiceos.org.models import Assignment, Person
from practiceos.people.access import Viewer, current_q
from practiceos.people.models import Plan, PlanStatusChoices, Review
from practiceos.tenancy.models import Membership, Practice

#: How many days before its end date an open plan shows as "ending soon".
ENDING_SOON_DAYS = 14
#: Most items of each kind listed (the rest are counted).
LIMIT = 20


@dataclass(frozen=True, slots=True)
class PeopleItem:
    """One thing needing the viewer: what, about whom, by when, and where to act."""

    kind: str  # plan-overdue | plan-ending | review-due | own-plan
    person: str
    text: str
    url: str
    due: dt.date | None = None
    urgent: bool = False


def _policy(practice: Practice) -> Policy:
    return Policy.from_stored(practice.policy or {})


def people_items_for(
    user: Any, practice: Practice, *, today: dt.date | None = None
) -> list[PeopleItem]:
    """Plans and reviews needing ``user`` in ``practice``, most urgent first.

    - open plans past their end date, for the person's manager chain (so the manager and
      their manager both see it) and for owners and admins;
    - open plans ending within two weeks, for the same people;
    - people below the user in the chart due a quarterly conversation (none in the
      practice's review period, and in their seat longer than that);
    - the user's own open plan.

    Returns ``[]`` for a user who does not belong to the practice.
    """
    membership = (
        Membership.objects.filter(user_id=getattr(user, "pk", None), practice=practice)
        .select_related("practice")
        .first()
    )
    if membership is None:
        return []
    return items_for_viewer(Viewer.of(membership), today=today)


def items_for_viewer(viewer: Viewer, *, today: dt.date | None = None) -> list[PeopleItem]:
    """:func:`people_items_for` for a viewer already loaded (the pages have one)."""
    today = today or dt.date.today()
    pid = viewer.membership.practice_id
    items: list[PeopleItem] = []
    open_plans = Plan.objects.filter(practice_id=pid, status=PlanStatusChoices.OPEN)
    if not viewer.is_admin:
        open_plans = open_plans.filter(person_id__in=viewer.person_ids | viewer.below())
    for plan in open_plans.select_related("person").order_by("end_date", "pk")[: LIMIT * 2]:
        url = reverse("people:plan", args=[plan.pk])
        left = days_left(plan.end_date, today)
        if plan.person_id in viewer.person_ids:
            items.append(
                PeopleItem(
                    "own-plan",
                    plan.person.name,
                    f"Your plan ends on {plan.end_date}" if plan.end_date else "Your plan",
                    url,
                    plan.end_date,
                )
            )
        elif is_overdue(plan.status_enum, plan.end_date, today):
            items.append(
                PeopleItem(
                    "plan-overdue",
                    plan.person.name,
                    f"{plan.person.name}'s plan ended {-(left or 0)} days ago: record the outcome",
                    url,
                    plan.end_date,
                    urgent=True,
                )
            )
        elif left is not None and left <= ENDING_SOON_DAYS:
            items.append(
                PeopleItem(
                    "plan-ending",
                    plan.person.name,
                    f"{plan.person.name}'s plan ends in {left} days",
                    url,
                    plan.end_date,
                )
            )
    items.extend(_reviews_due(viewer, today))
    order = {"plan-overdue": 0, "own-plan": 1, "plan-ending": 2, "review-due": 3}
    items.sort(key=lambda i: (order[i.kind], i.due or dt.date.max, i.person))
    return items


def _reviews_due(viewer: Viewer, today: dt.date) -> list[PeopleItem]:
    """People below the viewer with no conversation in the period (two queries)."""
    seats = viewer.below_seats()
    if not seats:
        return []
    period = _policy(viewer.membership.practice).review_period_days
    rows = list(
        Assignment.objects.filter(
            current_q(today), practice_id=viewer.membership.practice_id, seat_id__in=seats
        )
        .exclude(person_id__in=viewer.person_ids)
        .values_list("person_id", "person__name", "start")
    )
    latest = dict(
        Review.objects.filter(person_id__in={r[0] for r in rows})
        .values_list("person_id")
        .annotate(last=Max("held_on"))
        .values_list("person_id", "last")
    )
    due: dict[int, PeopleItem] = {}
    for person_id, name, start in rows:
        if person_id in due or (start is not None and (today - start).days < period):
            continue
        last = latest.get(person_id)
        if last is not None and (today - last).days <= period:
            continue
        when = f"last one {last}" if last else "none recorded yet"
        due[person_id] = PeopleItem(
            "review-due",
            name,
            f"Quarterly conversation due with {name} ({when})",
            reverse("people:review-new", args=[person_id]),
            last,
        )
    return sorted(due.values(), key=lambda i: (i.due or dt.date.min, i.person))[:LIMIT]


def need_items(membership: Membership) -> list[Any]:
    """:func:`items_for_viewer` as the home page's "needs you" items (web.needs)."""
    from practiceos.web.needs import NeedItem

    kinds = {
        "plan-overdue": "plan",
        "plan-ending": "plan",
        "own-plan": "plan",
        "review-due": "review",
    }
    return [
        NeedItem(kinds[item.kind], item.text, item.url, item.due)
        for item in items_for_viewer(Viewer.of(membership))
    ]


def recognition_for(viewer: Viewer, *, today: dt.date | None = None) -> tuple[Recognition, ...]:
    """People to recognise, for their manager chain and for owners and admins.

    Above the bar in a conversation within the review period, no open plan (and numbers
    on track once the scorecard provides them). Three queries.
    """
    today = today or dt.date.today()
    period = _policy(viewer.membership.practice).review_period_days
    since = today - dt.timedelta(days=period)
    reviews = Review.objects.filter(practice_id=viewer.membership.practice_id, held_on__gte=since)
    if not viewer.is_admin:
        reviews = reviews.filter(person_id__in=viewer.below())
    latest: dict[int, Review] = {}
    for review in reviews.select_related("person").order_by("person_id", "-held_on", "-pk"):
        latest.setdefault(review.person_id, review)
    with_plans = set(
        Plan.objects.filter(person_id__in=list(latest), status=PlanStatusChoices.OPEN).values_list(
            "person_id", flat=True
        )
    )
    inputs = [
        RecognitionInput(
            person_id=str(pid),
            name=r.person.name,
            latest_review=r.held_on,
            above_bar=r.above_bar,
            plus_values=tuple(
                str(v.get("value"))
                for v in r.ratings
                if isinstance(v, dict) and v.get("rating") == Rating.PLUS.value
            ),
            open_plan=pid in with_plans,
            numbers_on_track=None,
        )
        for pid, r in latest.items()
        if pid not in viewer.person_ids
    ]
    return to_recognise(inputs, today=today, period_days=period)


def people_below(viewer: Viewer) -> list[Person]:
    """The people below the viewer in the chart, by name (one query after ``below``)."""
    ids = viewer.below()
    if not ids:
        return []
    return list(Person.objects.filter(pk__in=ids).order_by("name", "pk"))
