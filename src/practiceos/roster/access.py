"""The access helper for roster imports: scoped to the caller's practice inside the query."""

from __future__ import annotations

from practiceos.roster.models import RosterImport
from practiceos.tenancy.access import get_object_for
from practiceos.tenancy.models import Membership
from practiceos.tenancy.permissions import Action


def get_import_for(
    membership: Membership | None, pk: object, action: Action = Action.MANAGE_PRACTICE
) -> RosterImport:
    """The import ``pk`` of the caller's practice (404 otherwise; 403 without the right).

    Imports hold a whole roster (names, emails): even reading one needs the right to
    manage the practice.
    """
    qs = RosterImport.objects.select_related("uploaded_by")
    return get_object_for(membership, RosterImport, pk, action=action, queryset=qs)
