"""Writes to practices (their health-check policy), memberships and API tokens; each audited."""

from __future__ import annotations

import datetime as dt
import re
import secrets
from collections.abc import Mapping
from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from practiceos.audit.models import AuditAction
from practiceos.audit.services import record
from practiceos.core.health.policy import Policy
from practiceos.core.problems import InputError, Problem
from practiceos.tenancy.access import require
from practiceos.tenancy.models import (
    ApiToken,
    Invitation,
    InvitationStatus,
    MemberRole,
    Membership,
    Practice,
    hash_token,
)
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
    username = _check_username(username)
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


INVITATION_DAYS = 14


def _check_username(username: object) -> str:
    """``username`` if it follows the web's rule; an :class:`InputError` naming it otherwise."""
    text = username if isinstance(username, str) else ""
    if not USERNAME_RE.match(text):
        raise InputError(
            [
                Problem(
                    "username",
                    f"{_shown(text)} is not a usable username; "
                    "use 1-150 letters, digits and @ . + - _",
                )
            ]
        )
    return text


def invite_member(*, actor: Membership, username: str, role: str) -> tuple[Invitation, str]:
    """Invite ``username`` to ``actor``'s practice with ``role`` (owners and admins).

    Nobody joins a practice unasked: the invitation takes effect only when the invitee
    accepts it after logging in, or, with no login yet, sets a password through the
    one-time sign-up link whose secret is returned here (shown once). The answer is the
    same whether or not the username has a login anywhere, so the page and the API reveal
    nothing about other practices' users. Refused: a username already in this practice,
    one with a waiting invitation here, and (for a non-owner) the owner role.
    """
    require(actor, Action.MANAGE_PRACTICE)
    problems = []
    try:
        username = _check_username(username)
    except InputError as exc:
        problems.extend(exc.problems)
    try:
        checked_role = _check_role(role)
    except InputError as exc:
        problems.extend(exc.problems)
    if problems:
        raise InputError(problems)
    _check_owner_rule(actor, checked_role)
    secret = Invitation.new_secret()
    now = timezone.now()
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
        pending = Invitation.objects.filter(
            practice_id=actor.practice_id, username=username, status=InvitationStatus.PENDING
        ).first()
        if pending is not None and pending.expires_at > now:
            raise InputError(
                [
                    Problem(
                        "username",
                        f"{_shown(username)} already has a waiting invitation to this "
                        "practice; withdraw it first to send a new one",
                    )
                ]
            )
        if pending is not None:  # expired: it makes way for the new one
            pending.status = InvitationStatus.REVOKED
            pending.answered_at = now
            pending.save(update_fields=["status", "answered_at"])
        invitation = Invitation.objects.create(
            practice_id=actor.practice_id,
            username=username,
            role=checked_role,
            invited_by=actor.user,
            digest=hash_token(secret),
            expires_at=now + dt.timedelta(days=INVITATION_DAYS),
        )
        record(
            actor=actor.user,
            practice_id=actor.practice_id,
            action=AuditAction.CREATED,
            obj=invitation,
            after={"username": username, "role": checked_role},
        )
    return invitation, secret


def _answerable(invitation: Invitation | None, username: str) -> Invitation:
    """The invitation if ``username`` may answer it now; one message for every refusal.

    The same words for a missing, someone else's, answered, withdrawn or expired
    invitation, so a guessed id or link reveals nothing.
    """
    if (
        invitation is None
        or invitation.username != username
        or invitation.status != InvitationStatus.PENDING
        or invitation.expires_at <= timezone.now()
    ):
        raise InputError(
            [
                Problem(
                    "invitation",
                    "this invitation is not waiting for you (already answered, withdrawn "
                    "or expired); ask the practice for a new one",
                )
            ]
        )
    return invitation


def _lock_invitation(pk: int) -> Invitation | None:
    return Invitation.objects.select_for_update().select_related("practice").filter(pk=pk).first()


def accept_invitation(*, user: Any, invitation_id: int) -> Membership:
    """``user`` accepts their waiting invitation: they become a member with its role.

    Audited in the inviting practice (the membership created, the invitation answered).
    A reused, expired, withdrawn or someone else's invitation is refused with one message.
    """
    with transaction.atomic():
        invitation = _answerable(_lock_invitation(invitation_id), user.get_username())
        membership, created = Membership.objects.get_or_create(
            practice_id=invitation.practice_id, user=user, defaults={"role": invitation.role}
        )
        invitation.status = InvitationStatus.ACCEPTED
        invitation.answered_at = timezone.now()
        invitation.save(update_fields=["status", "answered_at"])
        record(
            actor=user,
            practice_id=invitation.practice_id,
            action=AuditAction.UPDATED,
            obj=invitation,
            before={"status": InvitationStatus.PENDING},
            after={"status": InvitationStatus.ACCEPTED},
        )
        if created:
            record(
                actor=user,
                practice_id=invitation.practice_id,
                action=AuditAction.CREATED,
                obj=membership,
                after={"user": user.get_username(), "role": membership.role},
                note="invitation accepted",
            )
    return membership


def decline_invitation(*, user: Any, invitation_id: int) -> Invitation:
    """``user`` declines their waiting invitation; nothing else changes (audited)."""
    with transaction.atomic():
        invitation = _answerable(_lock_invitation(invitation_id), user.get_username())
        invitation.status = InvitationStatus.DECLINED
        invitation.answered_at = timezone.now()
        invitation.save(update_fields=["status", "answered_at"])
        record(
            actor=user,
            practice_id=invitation.practice_id,
            action=AuditAction.UPDATED,
            obj=invitation,
            before={"status": InvitationStatus.PENDING},
            after={"status": InvitationStatus.DECLINED},
        )
    return invitation


def revoke_invitation(*, actor: Membership, invitation: Invitation) -> Invitation:
    """Withdraw a waiting invitation of ``actor``'s practice (owners and admins)."""
    require(actor, Action.MANAGE_PRACTICE)
    if invitation.practice_id != actor.practice_id:
        raise ValueError("invitation of another practice")
    _check_owner_rule(actor, invitation.role)
    with transaction.atomic():
        locked = _lock_invitation(invitation.pk)
        if locked is None or locked.status != InvitationStatus.PENDING:
            raise InputError([Problem("invitation", "this invitation was already answered")])
        locked.status = InvitationStatus.REVOKED
        locked.answered_at = timezone.now()
        locked.save(update_fields=["status", "answered_at"])
        record(
            actor=actor.user,
            practice_id=actor.practice_id,
            action=AuditAction.UPDATED,
            obj=locked,
            before={"status": InvitationStatus.PENDING},
            after={"status": InvitationStatus.REVOKED},
        )
    return locked


def invitation_for_secret(secret: str) -> Invitation | None:
    """The waiting, unexpired invitation of a sign-up link, or None (one query)."""
    if not isinstance(secret, str) or not 8 <= len(secret) <= 100:
        return None
    return (
        Invitation.objects.select_related("practice")
        .filter(
            digest=hash_token(secret),
            status=InvitationStatus.PENDING,
            expires_at__gt=timezone.now(),
        )
        .first()
    )


def claim_invitation(*, secret: str, password: str, email: str = "") -> Membership:
    """Sign up through an invitation's one-time link: a new login with ``password``
    (Django's password validators apply), member of the practice with the invited role.

    The link works once and only while the invitation waits. A username that already
    has a login is refused: its owner logs in and accepts instead. Only the holder of
    the link learns that, never the page the invitation was made on. ``email`` (optional)
    is where a forgotten-password link can be sent.
    """
    from django.contrib.auth.password_validation import validate_password
    from django.core.validators import validate_email

    email = (email or "").strip()
    if email:
        try:
            if len(email) > 254:
                raise ValidationError("too long")
            validate_email(email)
        except ValidationError:
            raise InputError(
                [
                    Problem(
                        "email",
                        f"{_shown(email)} is not an email address; leave it empty or fix it",
                    )
                ]
            ) from None

    User = get_user_model()
    with transaction.atomic():
        found = invitation_for_secret(secret)
        if found is None:
            _answerable(None, "")
        assert found is not None
        if User.objects.filter(username=found.username).exists():
            raise InputError(
                [
                    Problem(
                        "password",
                        f"{_shown(found.username)} already has a login: log in with it and "
                        "accept the invitation on your home page",
                    )
                ]
            )
        candidate = User(username=found.username)
        try:
            validate_password(password or "", candidate)
        except ValidationError as exc:
            raise InputError(
                [Problem("password", f"the password was refused: {m}") for m in exc.messages]
            ) from None
        user = User.objects.create_user(username=found.username, password=password, email=email)
        return accept_invitation(user=user, invitation_id=found.pk)


def pending_invitations(user: Any) -> list[Invitation]:
    """The invitations waiting for ``user``'s answer, with their practices (one query)."""
    if not getattr(user, "is_authenticated", False):
        return []
    return list(
        Invitation.objects.filter(
            username=user.get_username(),
            status=InvitationStatus.PENDING,
            expires_at__gt=timezone.now(),
        )
        .select_related("practice", "invited_by")
        .order_by("created_at")
    )


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
