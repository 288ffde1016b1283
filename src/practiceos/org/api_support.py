"""Service functions the API and its token page need that the core services lack.

Kept apart so the lead can move them into ``tenancy.services`` (where token writes
belong) without touching the API code's call sites beyond one import.
"""

from __future__ import annotations

from django.db import transaction

from practiceos.audit.models import AuditAction
from practiceos.audit.services import record
from practiceos.tenancy.access import require
from practiceos.tenancy.models import ApiToken, Membership
from practiceos.tenancy.permissions import Action


def revoke_token(*, actor: Membership, token: ApiToken) -> None:
    """Delete ``token`` (audited): the holder's own token, or any in the practice for an admin.

    The caller must have found ``token`` inside the actor's practice; a token of another
    practice is refused as a programming error.
    """
    if token.practice_id != actor.practice_id:
        raise ValueError("token of another practice")
    if token.membership_id != actor.pk:
        require(actor, Action.MANAGE_PRACTICE)
    with transaction.atomic():
        record(
            actor=actor.user,
            practice_id=actor.practice_id,
            action=AuditAction.DELETED,
            obj=token,
            before={"name": token.name, "prefix": token.prefix, "membership": token.membership_id},
            after=None,
        )
        token.delete()
