"""Writes to practices (their health-check policy), memberships and API tokens; each audited."""

from __future__ import annotations

import secrets
from collections.abc import Mapping

from django.contrib.auth import get_user_model
from django.db import transaction

from practiceos.audit.models import AuditAction
from practiceos.audit.services import record
from practiceos.core.health.policy import Policy
from practiceos.core.problems import InputError, Problem
from practiceos.tenancy.access import require
from practiceos.tenancy.models import ApiToken, MemberRole, Membership, Practice, hash_token
from practiceos.tenancy.permissions import Action


def grant_login(
    practice: Practice,
    *,
    username: str,
    role: MemberRole,
    actor: Membership | None = None,
    password: str | None = None,
) -> tuple[Membership, str | None]:
    """Give ``username`` (created if new) a membership in ``practice``.

    Returns the membership and the new password when one was set (a new user, or an
    explicit ``password``). ``actor`` None means the command line.
    """
    if actor is not None:
        require(actor, Action.MANAGE_PRACTICE)
    if not username or len(username) > 150:
        raise InputError(
            [Problem("username", f'"{username}" is not a usable username; use 1-150 characters')]
        )
    User = get_user_model()
    with transaction.atomic():
        user = User.objects.filter(username=username).first()
        new_password = None
        if user is None:
            new_password = password or secrets.token_urlsafe(9)
            user = User.objects.create_user(username=username, password=new_password)
        elif password:
            user.set_password(password)
            user.save(update_fields=["password"])
            new_password = password
        membership, created = Membership.objects.get_or_create(
            practice=practice, user=user, defaults={"role": role}
        )
        if not created and membership.role != role:
            before = {"role": membership.role}
            membership.role = role
            membership.save(update_fields=["role"])
            record(
                actor=actor.user if actor else None,
                practice_id=practice.pk,
                action=AuditAction.UPDATED,
                obj=membership,
                before=before,
                after={"role": role},
            )
        elif created:
            record(
                actor=actor.user if actor else None,
                practice_id=practice.pk,
                action=AuditAction.CREATED,
                obj=membership,
                before=None,
                after={"user": username, "role": role},
            )
    return membership, new_password


def create_token(*, actor: Membership, name: str) -> tuple[ApiToken, str]:
    """A new API token acting as ``actor``'s membership; the secret is returned once.

    Any member may create tokens for their own membership: a token can never do more
    than its holder's login, so it needs no permission beyond belonging to the practice.
    """
    name = (name or "").strip()
    if not name or len(name) > 100:
        raise InputError(
            [Problem("name", f'"{name}" is not a usable token name; use 1-100 characters')]
        )
    secret = ApiToken.new_secret()
    with transaction.atomic():
        token = ApiToken.objects.create(
            membership=actor,
            practice_id=actor.practice_id,
            name=name,
            digest=hash_token(secret),
            prefix=secret[4:12],
        )
        record(
            actor=actor.user,
            practice_id=actor.practice_id,
            action=AuditAction.CREATED,
            obj=token,
            before=None,
            after={"name": name, "prefix": token.prefix},
        )
    return token, secret


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


def update_policy(*, actor: Membership, values: Mapping[str, object]) -> Practice:
    """Set the health-check thresholds of ``actor``'s practice (owners and admins).

    ``values`` is the whole policy: keys left out take their defaults. It is validated by
    ``Policy.from_mapping`` (an :class:`InputError` naming each bad key and its value, and
    nothing is written); only values that differ from the defaults are stored, with one
    audit record of the stored policy before and after. Saving the policy already stored
    writes nothing.
    """
    require(actor, Action.MANAGE_PRACTICE)
    overrides = Policy.from_mapping(values).overrides()
    with transaction.atomic():
        # Locked so two concurrent edits each audit what they really replaced.
        practice = Practice.objects.select_for_update().get(pk=actor.practice_id)
        before = practice.policy or {}
        if before != overrides:
            practice.policy = overrides
            practice.save(update_fields=["policy"])
            record(
                actor=actor.user,
                practice_id=practice.pk,
                action=AuditAction.UPDATED,
                obj=practice,
                before={"policy": before},
                after={"policy": overrides},
            )
    return practice
