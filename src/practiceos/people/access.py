"""Who may see people-accountability records, and one access helper per object type.

Quarterly conversations, plans and one-on-ones are confidential. They are visible only to

- the person themselves (``Relation.SELF``),
- anyone whose current seat is above one of the person's current seats in the reporting
  line (``Relation.CHAIN``: their manager, their manager's manager ...),
- owners and admins of the practice (``Relation.ADMIN``).

Anyone else, a peer or a manager of another line included, gets a 404 exactly like an
outsider from another practice: they cannot even learn that a plan exists. Every helper
that returns one record records the read in the audit log
(:func:`practiceos.audit.services.record_confidential_read`).

The chain is read in a fixed number of queries whatever the chart's size: the viewer's
people and seats, the practice's (seat, reports_to) pairs, and the subject's seats.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import StrEnum
from typing import TypeVar

from django.db.models import Model, Q, QuerySet
from django.http import Http404

from practiceos.audit.services import record_confidential_read
from practiceos.org.models import Assignment, Person, Seat
from practiceos.people.models import OneOnOne, Plan, Review
from practiceos.tenancy.access import require
from practiceos.tenancy.models import MemberRole, Membership
from practiceos.tenancy.permissions import Action

M = TypeVar("M", bound=Model)

ADMIN_ROLES = frozenset({MemberRole.OWNER, MemberRole.ADMIN})


class Relation(StrEnum):
    """How the viewer stands to a person whose records they ask for."""

    SELF = "self"
    CHAIN = "chain"  # the viewer manages the person, directly or further up
    ADMIN = "admin"  # an owner or admin of the practice
    NONE = "none"

    @property
    def sees(self) -> bool:
        """True when the viewer may read the person's confidential records."""
        return self is not Relation.NONE

    @property
    def manages(self) -> bool:
        """True when the viewer may hold conversations and open plans for the person."""
        return self in (Relation.CHAIN, Relation.ADMIN)


def current_q(today: dt.date | None = None, prefix: str = "") -> Q:
    """Assignments current on ``today`` (started or no start; not ended)."""
    today = today or dt.date.today()
    return (Q(**{f"{prefix}start__isnull": True}) | Q(**{f"{prefix}start__lte": today})) & (
        Q(**{f"{prefix}end__isnull": True}) | Q(**{f"{prefix}end__gt": today})
    )


@dataclass
class Viewer:
    """The membership asking, with the people it is and the seats they hold (2 queries).

    ``below()`` adds the people below those seats (2 more queries, once).
    """

    membership: Membership
    person_ids: frozenset[int]
    seat_ids: frozenset[int]
    _parents: dict[int, int | None] | None = field(default=None, repr=False)
    _below: frozenset[int] | None = field(default=None, repr=False)

    @classmethod
    def of(cls, membership: Membership | None) -> Viewer:
        """The viewer for ``membership`` (404 without one)."""
        membership = require(membership, Action.VIEW)
        pid = membership.practice_id
        people = frozenset(
            Person.objects.filter(practice_id=pid, user_id=membership.user_id).values_list(
                "pk", flat=True
            )
        )
        seats = frozenset(
            Assignment.objects.filter(
                current_q(), practice_id=pid, person_id__in=people
            ).values_list("seat_id", flat=True)
            if people
            else ()
        )
        return cls(membership, people, seats)

    @property
    def is_admin(self) -> bool:
        """Owners and admins see every record of the practice."""
        return self.membership.role in ADMIN_ROLES

    def parents(self) -> dict[int, int | None]:
        """Every seat's manager seat in the practice (one query, cached)."""
        if self._parents is None:
            self._parents = dict(
                Seat.objects.filter(practice_id=self.membership.practice_id).values_list(
                    "pk", "reports_to_id"
                )
            )
        return self._parents

    def manages_seats(self, seat_ids: Iterable[int]) -> bool:
        """True when one of the viewer's seats is above one of ``seat_ids``."""
        if not self.seat_ids:
            return False
        parents = self.parents()
        for start in seat_ids:
            seen: set[int] = set()
            node = parents.get(start)
            while node is not None and node not in seen:
                if node in self.seat_ids:
                    return True
                seen.add(node)
                node = parents.get(node)
        return False

    def relation(self, person_id: int) -> Relation:
        """How the viewer stands to person ``person_id`` (one query for their seats)."""
        if person_id in self.person_ids:
            return Relation.SELF
        if self.is_admin:
            return Relation.ADMIN
        if not self.seat_ids:
            return Relation.NONE
        seats = Assignment.objects.filter(
            current_q(), practice_id=self.membership.practice_id, person_id=person_id
        ).values_list("seat_id", flat=True)
        return Relation.CHAIN if self.manages_seats(seats) else Relation.NONE

    def below_seats(self) -> frozenset[int]:
        """Ids of every seat below the viewer's seats (from the cached parent map)."""
        if not self.seat_ids:
            return frozenset()
        children: dict[int, list[int]] = {}
        for seat, parent in self.parents().items():
            if parent is not None:
                children.setdefault(parent, []).append(seat)
        seats: set[int] = set()
        stack = list(self.seat_ids)
        while stack:
            for child in children.get(stack.pop(), ()):
                if child not in seats:
                    seats.add(child)
                    stack.append(child)
        return frozenset(seats)

    def below(self) -> frozenset[int]:
        """Ids of the people currently in seats below the viewer's seats (one query)."""
        if self._below is None:
            seats = self.below_seats()
            people = (
                frozenset(
                    Assignment.objects.filter(
                        current_q(), practice_id=self.membership.practice_id, seat_id__in=seats
                    ).values_list("person_id", flat=True)
                )
                if seats
                else frozenset()
            )
            self._below = people - self.person_ids
        return self._below

    def visible(self, qs: QuerySet[M], person_field: str = "person_id") -> QuerySet[M]:
        """``qs`` narrowed to the practice and to the people the viewer may see."""
        qs = qs.filter(practice_id=self.membership.practice_id)
        if self.is_admin:
            return qs
        return qs.filter(**{f"{person_field}__in": self.person_ids | self.below()})


def _confidential(
    membership: Membership | None, model: type[M], pk: object, qs: QuerySet[M], *, read: bool
) -> tuple[M, Relation, Viewer]:
    """The record ``pk`` if the viewer may see it (404 otherwise); with ``read`` (the
    record is about to be shown) the read is recorded. A write's lookup passes False: it
    shows nothing unless the write succeeds, and the write is audited itself."""
    viewer = Viewer.of(membership)
    try:
        key = int(str(pk))
    except ValueError:
        raise Http404(f"No {model._meta.verbose_name} {pk!r}") from None
    obj = qs.filter(practice_id=viewer.membership.practice_id, pk=key).first()
    if obj is None:
        raise Http404(f"No {model._meta.verbose_name} {pk}")
    relation = viewer.relation(obj.person_id)  # type: ignore[attr-defined]
    if not relation.sees:
        # A peer or another line's manager: exactly like a missing record.
        raise Http404(f"No {model._meta.verbose_name} {pk}")
    if read:
        record_confidential_read(viewer.membership, obj)
    return obj, relation, viewer


def get_review_for(
    membership: Membership | None, pk: object, *, read: bool = True
) -> tuple[Review, Relation, Viewer]:
    """The quarterly conversation ``pk`` with its person, if the caller may see it."""
    qs = Review.objects.select_related("person", "reviewer")
    return _confidential(membership, Review, pk, qs, read=read)


def get_plan_for(
    membership: Membership | None, pk: object, *, read: bool = True
) -> tuple[Plan, Relation, Viewer]:
    """The plan ``pk`` with its person, if the caller may see it."""
    qs = Plan.objects.select_related("person", "opened_by")
    return _confidential(membership, Plan, pk, qs, read=read)


def get_one_on_one_for(
    membership: Membership | None, pk: object
) -> tuple[OneOnOne, Relation, Viewer]:
    """The one-on-one ``pk`` with its person, if the caller may see it."""
    qs = OneOnOne.objects.select_related("person", "manager")
    return _confidential(membership, OneOnOne, pk, qs, read=True)


def get_subject_for(
    membership: Membership | None, pk: object, *, manage: bool = False
) -> tuple[Person, Relation, Viewer]:
    """The person ``pk`` whose accountability records the caller asks for.

    404 when the person is not in the practice or the caller may not see their records;
    with ``manage`` also 404 unless the caller may hold their conversations (their
    manager chain, owners and admins), and 403 for a role that may not review at all.
    """
    viewer = Viewer.of(membership)
    try:
        key = int(str(pk))
    except ValueError:
        raise Http404(f"No person {pk!r}") from None
    person = Person.objects.filter(practice_id=viewer.membership.practice_id, pk=key).first()
    if person is None:
        raise Http404(f"No person {pk}")
    relation = viewer.relation(person.pk)
    if not relation.sees or (manage and not relation.manages):
        raise Http404(f"No person {pk}")
    if manage:
        require(viewer.membership, Action.REVIEW_PEOPLE)
    return person, relation, viewer


def visible_people(viewer: Viewer) -> QuerySet[Person]:
    """The people whose records the viewer may see (everyone for owners and admins)."""
    return viewer.visible(Person.objects.all(), "pk")


def practice_people(membership: Membership) -> QuerySet[Person]:
    """Every person of the membership's practice (for pickers; no records attached)."""
    return Person.objects.filter(practice_id=membership.practice_id)


def describe(relation: Relation) -> str:
    """How the viewer stands, in words, for the pages."""
    return {
        Relation.SELF: "your own record",
        Relation.CHAIN: "you are in their manager chain",
        Relation.ADMIN: "you are an owner or admin",
        Relation.NONE: "",
    }[relation]
