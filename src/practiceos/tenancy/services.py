"""Writes to practices (their health-check policy), memberships and API tokens; each audited."""

from __future__ import annotations

import re
import secrets
from collections.abc import Mapping

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
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


# Django's own rule for usernames (``UnicodeUsernameValidator``), checked before any query
# so a NUL or a 10 MB value never reaches the database.
USERNAME_RE = re.compile(r"^[\w.@+-]{1,150}\Z")
OWNER_ONLY = "only an owner may grant or take the owner role"
LAST_OWNER = "the practice must keep at least one owner"


def _shown(value: str) -> str:
    """``value`` quoted for a message: control characters escaped, long values cut."""
    text = "".join(c if c.isprintable() else repr(c)[1:-1] for c in value)
    if len(text) > 60:
        text = f"{text[:60]}… ({len(value)} characters)"
    return f'"{text}"'


def _check_role(role: str) -> MemberRole:
    if role not in MemberRole.values:
        choices = ", ".join(MemberRole.values)
        raise InputError(
            [Problem("role", f"{_shown(str(role))} is not a role; use one of {choices}")]
        )
    return MemberRole(role)


def _check_owner_rule(actor: Membership, *roles: str) -> None:
    """Refuse (403) a non-owner touching the owner role: an admin must not be able to make
    themselves or a friend an owner, nor demote, remove or take over an owner."""
    if MemberRole.OWNER in roles and actor.role != MemberRole.OWNER:
        raise PermissionDenied(f"Your role ({actor.role}): {OWNER_ONLY}.")


def _same_practice(actor: Membership, membership: Membership) -> None:
    if membership.practice_id != actor.practice_id:
        raise ValueError("membership of another practice")


def _lock_owners(practice_id: int) -> list[int]:
    """Ids of the practice's owner memberships, locked until the transaction ends so two
    concurrent demotions cannot both see "another owner remains" (no-op on SQLite, whose
    writes are serialised anyway)."""
    return list(
        Membership.objects.select_for_update()
        .filter(practice_id=practice_id, role=MemberRole.OWNER)
        .values_list("pk", flat=True)
    )


def add_member(*, actor: Membership, username: str, role: str) -> tuple[Membership, str | None]:
    """Give ``username`` a login in ``actor``'s practice with ``role`` (owners and admins).

    A new user gets a random password, returned once; an existing user (of another
    practice) keeps theirs and None is returned. Someone who already belongs to the
    practice is refused: their role is changed with :func:`change_role`, which applies
    the owner rules. One audit record (via :func:`grant_login`).
    """
    require(actor, Action.MANAGE_PRACTICE)
    username = username if isinstance(username, str) else ""
    problems = []
    if not USERNAME_RE.match(username):
        problems.append(
            Problem(
                "username",
                f"{_shown(username)} is not a usable username; "
                "use 1-150 letters, digits and @ . + - _",
            )
        )
    try:
        checked_role = _check_role(role)
    except InputError as exc:
        problems.extend(exc.problems)
    if problems:
        raise InputError(problems)
    _check_owner_rule(actor, checked_role)
    with transaction.atomic():
        if Membership.objects.filter(
            practice_id=actor.practice_id, user__username=username
        ).exists():
            raise InputError(
                [
                    Problem(
                        "username",
                        f"{_shown(username)} already belongs to this practice; "
                        "change their role in the list instead",
                    )
                ]
            )
        return grant_login(actor.practice, username=username, role=checked_role, actor=actor)


def change_role(*, actor: Membership, membership: Membership, role: str) -> Membership:
    """Give ``membership`` (of ``actor``'s practice) a new role (owners and admins).

    Only an owner may make someone an owner or change an owner's role, and the last
    owner cannot be demoted. Setting the role it already has writes nothing.
    """
    require(actor, Action.MANAGE_PRACTICE)
    _same_practice(actor, membership)
    new_role = _check_role(role)
    with transaction.atomic():
        owners = _lock_owners(actor.practice_id)
        membership = (
            Membership.objects.select_for_update().select_related("user").get(pk=membership.pk)
        )
        _check_owner_rule(actor, membership.role, new_role)
        if membership.role == new_role:
            return membership
        if membership.role == MemberRole.OWNER and owners == [membership.pk]:
            raise InputError([Problem("role", f"{_shown(new_role)}: {LAST_OWNER}")])
        before = {"role": membership.role}
        membership.role = new_role
        membership.save(update_fields=["role"])
        record(
            actor=actor.user,
            practice_id=actor.practice_id,
            action=AuditAction.UPDATED,
            obj=membership,
            before=before,
            after={"role": new_role},
        )
    return membership


def remove_member(*, actor: Membership, membership: Membership) -> None:
    """Take ``membership`` out of the practice, with its API tokens (owners and admins).

    The user is kept (they may belong to other practices, and audit records name them);
    they just no longer reach this practice. You cannot remove yourself, an admin cannot
    remove an owner, and the last owner stays.
    """
    require(actor, Action.MANAGE_PRACTICE)
    _same_practice(actor, membership)
    if membership.pk == actor.pk:
        raise InputError(
            [Problem("membership", "you cannot remove yourself; ask another owner or admin")]
        )
    with transaction.atomic():
        owners = _lock_owners(actor.practice_id)
        membership = (
            Membership.objects.select_for_update().select_related("user").get(pk=membership.pk)
        )
        _check_owner_rule(actor, membership.role)
        if membership.role == MemberRole.OWNER and owners == [membership.pk]:
            raise InputError([Problem("membership", LAST_OWNER)])
        tokens = list(
            ApiToken.objects.filter(membership=membership).values_list("prefix", flat=True)
        )
        record(
            actor=actor.user,
            practice_id=actor.practice_id,
            action=AuditAction.DELETED,
            obj=membership,
            before={"user": membership.user.username, "role": membership.role, "tokens": tokens},
            after=None,
        )
        ApiToken.objects.filter(membership=membership).delete()
        membership.delete()


def reset_password(*, actor: Membership, membership: Membership) -> str:
    """Give ``membership``'s user a new random password, returned once (owners and admins).

    Refused for your own login, for an owner unless you are one, for site staff, and for a
    user who also belongs to another practice: their password is theirs there too, and a
    reset here would lock them out of a practice this actor does not manage. The user's
    other sessions end (Django ties sessions to the password hash).
    """
    require(actor, Action.MANAGE_PRACTICE)
    _same_practice(actor, membership)
    _check_owner_rule(actor, membership.role)
    problems = []
    user = membership.user
    if membership.pk == actor.pk:
        problems.append(Problem("password", "this is your own login; change it yourself"))
    elif user.is_staff or user.is_superuser:
        problems.append(
            Problem("password", f'"{user.username}" is site staff; reset it from the command line')
        )
    elif Membership.objects.filter(user=user).exclude(practice_id=actor.practice_id).exists():
        problems.append(
            Problem(
                "password",
                f'"{user.username}" also belongs to another practice; resetting it here '
                "would lock them out there, so they must change it themselves",
            )
        )
    if problems:
        raise InputError(problems)
    password = secrets.token_urlsafe(12)
    with transaction.atomic():
        user.set_password(password)
        user.save(update_fields=["password"])
        record(
            actor=actor.user,
            practice_id=actor.practice_id,
            action=AuditAction.UPDATED,
            obj=membership,
            before={"password": "(old)"},
            after={"password": "(reset)"},
            note="password reset",
        )
    return password
