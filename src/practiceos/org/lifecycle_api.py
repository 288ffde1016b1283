"""REST endpoints to archive and restore chart objects, and to export or erase a person.

``POST /{locations|teams|roles|seats|people}/{id}/archive`` and ``.../restore`` answer the
object's id and ``archived_at``; a refusal (still in use) is a 422 naming what to change
first. ``GET /people/{id}/data`` exports a person's data; ``POST /people/{id}/erase``
erases it (owners and admins).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from django.http import HttpRequest
from ninja import Path, Router, Schema

from practiceos.org.access import (
    get_location_for,
    get_person_for,
    get_role_for,
    get_seat_for,
    get_team_for,
)
from practiceos.org.archiving import archive_object, restore_object
from practiceos.org.privacy import erase_person, export_person
from practiceos.org.schemas import MAX_ID, Message, Problems
from practiceos.tenancy.api import membership_of

router = Router(tags=["archive"])
ERRORS: dict[int, Any] = {401: Message, 403: Message, 404: Message, 422: Problems}
LOADERS: dict[str, Callable[..., Any]] = {
    "locations": get_location_for,
    "teams": get_team_for,
    "roles": get_role_for,
    "seats": get_seat_for,
    "people": get_person_for,
}


class ArchiveOut(Schema):
    """An object's archive state."""

    id: int
    archived_at: dt.datetime | None


def _id() -> Any:
    return Path(..., ge=1, le=MAX_ID, description="The object's id.")


def _state(obj: Any) -> dict[str, Any]:
    return {"id": obj.pk, "archived_at": obj.archived_at}


def _endpoints(kind: str) -> None:
    load = LOADERS[kind]

    @router.post(
        f"/{kind}/{{id}}/archive",
        response={200: ArchiveOut, **ERRORS},
        summary=f"Archive one of the {kind}",
        operation_id=f"archive_{kind}",
    )
    def archive(request: HttpRequest, id: int = _id()) -> dict[str, Any]:
        """Take it off the chart and out of the checks; its history stays."""
        membership = membership_of(request)
        return _state(archive_object(actor=membership, obj=load(membership, id)))

    @router.post(
        f"/{kind}/{{id}}/restore",
        response={200: ArchiveOut, **ERRORS},
        summary=f"Restore one of the archived {kind}",
        operation_id=f"restore_{kind}",
    )
    def restore(request: HttpRequest, id: int = _id()) -> dict[str, Any]:
        """Bring it back onto the chart and into the checks."""
        membership = membership_of(request)
        return _state(restore_object(actor=membership, obj=load(membership, id)))


for _kind in LOADERS:
    _endpoints(_kind)


@router.get(
    "/people/{id}/data",
    response={200: dict[str, Any], **ERRORS},
    summary="Export everything kept about a person",
    tags=["people"],
)
def person_data(request: HttpRequest, id: int = _id()) -> dict[str, Any]:
    """The person's details, assignments and history as JSON (owners and admins)."""
    membership = membership_of(request)
    return export_person(actor=membership, person=get_person_for(membership, id))


@router.post(
    "/people/{id}/erase",
    response={200: ArchiveOut, **ERRORS},
    summary="Erase a person's personal data",
    tags=["people"],
)
def erase(request: HttpRequest, id: int = _id()) -> dict[str, Any]:
    """Remove their name and contact details everywhere; history kept, name replaced."""
    membership = membership_of(request)
    return _state(erase_person(actor=membership, person=get_person_for(membership, id)))
