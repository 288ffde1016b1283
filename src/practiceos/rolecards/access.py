"""Who may read a role card: the seat holder, their manager chain, owners and admins.

A role card is scoped to the caller's practice inside the query (an outsider gets 404);
inside the practice, owners and admins read every card, and anyone else reads the cards
of roles they hold or that sit below them in the reporting line (403 otherwise). Writes
need ``edit_structure`` (owners and admins).
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied
from django.db.models import Q

from practiceos.org.models import Assignment, Role, Seat
from practiceos.rolecards.models import RoleVersion
from practiceos.tenancy.access import get_object_for
from practiceos.tenancy.models import MemberRole, Membership
from practiceos.tenancy.permissions import Action

READ_ALL = frozenset({MemberRole.OWNER, MemberRole.ADMIN})


def own_seat_ids(membership: Membership, today: dt.date | None = None) -> set[int]:
    """Seats the membership's person holds today (one query; empty without a linked person)."""
    today = today or dt.date.today()
    return set(
        Assignment.objects.filter(
            practice_id=membership.practice_id, person__user_id=membership.user_id
        )
        .filter(Q(end__isnull=True) | Q(end__gt=today))
        .filter(Q(start__isnull=True) | Q(start__lte=today))
        .values_list("seat_id", flat=True)
    )


def may_read_card(membership: Membership, role: Role) -> bool:
    """True when the membership may read ``role``'s card (at most three queries, any size:
    the caller's seats, the role's seats and the practice's reporting lines)."""
    if membership.role in READ_ALL:
        return True
    mine = own_seat_ids(membership)
    if not mine:
        return False
    role_seats = list(Seat.objects.filter(role=role).values_list("pk", flat=True))
    if mine & set(role_seats):
        return True
    parent = dict(
        Seat.objects.filter(practice_id=membership.practice_id).values_list("pk", "reports_to_id")
    )
    for start in role_seats:
        seen: set[int] = set()
        node = parent.get(start)
        while node is not None and node not in seen:
            if node in mine:
                return True
            seen.add(node)
            node = parent.get(node)
    return False


def get_role_card_for(membership: Membership | None, pk: object, *, write: bool = False) -> Role:
    """The role ``pk`` whose card the caller may read (or edit, with ``write``).

    404 for another practice's role; 403 inside the practice for someone who is neither
    an owner or admin, nor holds the role, nor manages a seat that holds it.
    """
    role = get_object_for(
        membership, Role, pk, action=Action.EDIT_STRUCTURE if write else Action.VIEW
    )
    assert membership is not None  # get_object_for raised 404 otherwise
    if not write and not may_read_card(membership, role):
        raise PermissionDenied(
            "Role cards are read by the people who hold the role, their managers, "
            "owners and admins."
        )
    return role


def get_version_for(role: Role, number: object) -> RoleVersion:
    """Version ``number`` of ``role`` (404 when it has none by that number)."""
    from django.http import Http404

    try:
        wanted = int(str(number))
    except ValueError:
        raise Http404(f"No version {number!r}") from None
    version = RoleVersion.objects.filter(role=role, number=wanted).select_related("actor").first()
    if version is None:
        raise Http404(f"No version {wanted}")
    return version
