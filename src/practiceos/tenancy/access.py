"""Finding the caller's membership and checking what it may do.

Every object lookup goes through ``get_object_for`` (via one thin helper per object type
in each app's ``access.py``): the query itself is filtered by the practice, so an object
of another practice is indistinguishable from a missing one (404), and a refused write is
a 403 only for someone who can see the object.
"""

from __future__ import annotations

from typing import Any, TypeVar

from django.core.exceptions import PermissionDenied
from django.db import models
from django.http import Http404

from practiceos.tenancy.models import Membership
from practiceos.tenancy.permissions import Action, allows

M = TypeVar("M", bound=models.Model)


def require(membership: Membership | None, action: Action) -> Membership:
    """Return the membership if it may perform ``action``; 404 without one, 403 otherwise."""
    if membership is None:
        raise Http404("No practice")
    if not allows(membership.role, action):
        raise PermissionDenied(
            f"Your role ({membership.role}) may not {action.value.replace('_', ' ')}."
        )
    return membership


def get_object_for(
    membership: Membership | None,
    model: type[M],
    pk: Any,
    *,
    action: Action = Action.VIEW,
    queryset: models.QuerySet[M] | None = None,
) -> M:
    """The object ``pk`` of ``model`` in the membership's practice, or 404; 403 if not allowed."""
    if membership is None:
        raise Http404("No practice")
    try:
        pk = int(pk)
    except (TypeError, ValueError):
        raise Http404(f"No {model._meta.verbose_name} {pk!r}") from None
    qs = queryset if queryset is not None else model._default_manager.all()
    obj = qs.filter(practice_id=membership.practice_id, pk=pk).first()
    if obj is None:
        raise Http404(f"No {model._meta.verbose_name} {pk}")
    require(membership, action)
    return obj


def memberships_of(user: Any) -> models.QuerySet[Membership]:
    """The user's memberships with their practices, in one query."""
    if not getattr(user, "is_authenticated", False):
        return Membership.objects.none()
    return (
        Membership.objects.filter(user=user).select_related("practice").order_by("practice__name")
    )


def get_membership_for(
    membership: Membership | None, pk: Any, *, write: bool = False
) -> Membership:
    """The membership ``pk`` of the caller's practice (with its user), or 404.

    ``write`` asks for ``manage_practice`` (owners and admins): 403 for the other roles.
    """
    return get_object_for(
        membership,
        Membership,
        pk,
        action=Action.MANAGE_PRACTICE if write else Action.VIEW,
        queryset=Membership.objects.select_related("user"),
    )
