"""Previewed numbers files waiting for their confirmation (:class:`PendingUpload`).

The preview keeps the file under a random token; the confirmation and the job that saves
the numbers read it back by that token and the uploader's login, so nobody else's token
reaches it; the job deletes it once the numbers are saved.
"""

from __future__ import annotations

import datetime as dt
import secrets

from django.db import transaction
from django.utils import timezone

from practiceos.audit.models import AuditAction
from practiceos.audit.services import record
from practiceos.scorecards.models import PendingUpload
from practiceos.tenancy.models import Membership


def keep(membership: Membership, data: bytes, filename: str) -> str:
    """Keep a previewed file for ``membership``'s login (audited); returns its token. The
    caller has checked the permission to enter numbers and every cell of the file."""
    token = secrets.token_hex(16)
    with transaction.atomic():
        upload = PendingUpload.objects.create(
            practice_id=membership.practice_id,
            user_id=membership.user_id,
            token=token,
            filename=filename[:200],
            data=data,
        )
        record(
            actor=membership.user,
            practice_id=membership.practice_id,
            action=AuditAction.CREATED,
            obj=upload,
            after={"filename": upload.filename, "bytes": len(data)},
            note="previewed, waiting for confirmation",
        )
    return token


def _mine(practice_id: int, user_id: int | None, token: str) -> PendingUpload | None:
    if not (token.isalnum() and 16 <= len(token) <= 64) or user_id is None:
        return None
    return PendingUpload.objects.filter(
        practice_id=practice_id, user_id=user_id, token=token
    ).first()


def read(practice_id: int, user_id: int | None, token: str) -> bytes | None:
    """The kept file of that login and token, or None (expired, or not theirs)."""
    upload = _mine(practice_id, user_id, token)
    return None if upload is None else bytes(upload.data)


def drop(actor: Membership, token: str) -> None:
    """Forget ``actor``'s kept file once its numbers are saved (audited)."""
    upload = _mine(actor.practice_id, actor.user_id, token)
    if upload is None:
        return
    with transaction.atomic():
        record(
            actor=actor.user,
            practice_id=actor.practice_id,
            action=AuditAction.DELETED,
            obj=upload,
            before={"filename": upload.filename},
            note="numbers saved",
        )
        upload.delete()


def purge(*, older_than: dt.timedelta, now: dt.datetime | None = None) -> int:
    """Delete files previewed more than ``older_than`` ago and never confirmed (or whose
    save failed and was not run again); returns how many. Periodic work, like the job
    files' purge."""
    cutoff = (now or timezone.now()) - older_than
    deleted, _ = PendingUpload.objects.filter(created_at__lt=cutoff).delete()
    return deleted
