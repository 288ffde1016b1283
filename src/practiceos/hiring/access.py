"""Who may see hiring records, and one access helper per object type.

Plans, candidates and scores are confidential to the hiring seat's manager chain (people
in seats above the seat in the reporting line), owners and admins. Anyone else, a peer
manager or a member included, gets a 404 exactly like an outsider from another practice.
Writes also need ``Action.HIRE`` (a 403 for someone who sees the record but may not
hire). Reads of a candidate are recorded in the audit log.

The chain is read with :class:`practiceos.people.access.Viewer` (a fixed number of
queries: the viewer's people and seats, then the practice's reporting pairs once).
"""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import Http404

from practiceos.audit.services import record_confidential_read
from practiceos.hiring.models import Candidate, HiringPlan
from practiceos.org.models import Seat
from practiceos.people.access import Viewer
from practiceos.tenancy.access import require
from practiceos.tenancy.models import Membership
from practiceos.tenancy.permissions import Action


def _key(pk: object, what: str) -> int:
    try:
        return int(str(pk))
    except ValueError:
        raise Http404(f"No {what} {pk!r}") from None


def sees_seat(viewer: Viewer, seat_id: int | None) -> bool:
    """True when the viewer may see hiring for ``seat_id`` (owners, admins, its chain)."""
    if viewer.is_admin:
        return True
    return seat_id is not None and viewer.manages_seats([seat_id])


def visible_plans(viewer: Viewer) -> QuerySet[HiringPlan]:
    """The plans of the viewer's practice that the viewer may see."""
    qs = HiringPlan.objects.filter(practice_id=viewer.membership.practice_id)
    if viewer.is_admin:
        return qs
    return qs.filter(seat_id__in=viewer.below_seats())


def get_plan_for(
    membership: Membership | None, pk: object, action: Action = Action.VIEW
) -> tuple[HiringPlan, Viewer]:
    """The plan ``pk`` if the caller sees it (404 otherwise), with the viewer; 403 when
    ``action`` is not the caller's to take."""
    viewer = Viewer.of(membership)
    plan = (
        HiringPlan.objects.select_related("seat", "onboarding_run", "hired")
        .filter(practice_id=viewer.membership.practice_id, pk=_key(pk, "hiring plan"))
        .first()
    )
    if plan is None or not sees_seat(viewer, plan.seat_id):
        raise Http404(f"No hiring plan {pk}")
    require(viewer.membership, action)
    return plan, viewer


def get_candidate_for(
    membership: Membership | None, pk: object, action: Action = Action.VIEW, *, read: bool = True
) -> Candidate:
    """The candidate ``pk`` with their plan if the caller sees it (404 otherwise); with
    ``read`` (the candidate is about to be shown) the read is audited."""
    viewer = Viewer.of(membership)
    candidate = (
        Candidate.objects.select_related("plan", "plan__seat")
        .filter(practice_id=viewer.membership.practice_id, pk=_key(pk, "candidate"))
        .first()
    )
    if candidate is None or not sees_seat(viewer, candidate.plan.seat_id):
        raise Http404(f"No candidate {pk}")
    require(viewer.membership, action)
    if read:
        record_confidential_read(viewer.membership.user, candidate)
    return candidate


def get_seat_to_hire_for(membership: Membership | None, pk: object) -> tuple[Seat, Viewer]:
    """The seat ``pk`` of the caller's practice for opening a plan: 404 when missing or
    another practice's; 403 when the caller may not hire or the seat is not below theirs."""
    viewer = Viewer.of(membership)
    seat = (
        Seat.objects.select_related("role")
        .filter(practice_id=viewer.membership.practice_id, pk=_key(pk, "seat"), archived_at=None)
        .first()
    )
    if seat is None:
        raise Http404(f"No seat {pk}")
    require(viewer.membership, Action.HIRE)
    if not sees_seat(viewer, seat.pk):
        from django.core.exceptions import PermissionDenied

        raise PermissionDenied("You may open hiring plans only for seats below your own.")
    return seat, viewer
