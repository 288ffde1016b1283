"""The tenant (practice), who belongs to it and in what capacity, and API tokens."""

from __future__ import annotations

import hashlib
import secrets

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models

slug_validator = RegexValidator(
    r"^[a-z0-9](?:[a-z0-9-]{0,58}[a-z0-9])?$",
    "use 1-60 lowercase letters, digits and hyphens, not starting or ending with a hyphen",
)


class Practice(models.Model):
    """The tenant: one business with one or more locations; every tenant row points here.

    ``policy`` holds the health-check thresholds the practice sets differently from the
    defaults (``Policy.overrides()``: e.g. ``{"max_span": 12}``); it is written only by
    ``tenancy.services.update_policy`` and by loading an org file, both of which validate it.
    """

    name = models.CharField(max_length=200)
    slug = models.CharField(max_length=60, unique=True, validators=[slug_validator])
    policy = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    # What kind of practice it is (a ``core.demo.SPECIALTIES`` value, or blank): picks the
    # template chart and, later, role and measurable libraries.
    specialty = models.CharField(max_length=40, blank=True)
    # The generated demo: shown with a banner, so real data does not land there by accident.
    is_demo = models.BooleanField(default=False)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class MemberRole(models.TextChoices):
    """What a user may do in a practice (see ``tenancy.permissions``)."""

    OWNER = "owner", "Owner"
    ADMIN = "admin", "Admin"
    MANAGER = "manager", "Manager"
    MEMBER = "member", "Member"


class Membership(models.Model):
    """A user's place in a practice; a user may belong to several practices."""

    practice = models.ForeignKey(Practice, on_delete=models.CASCADE, related_name="memberships")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(max_length=16, choices=MemberRole.choices, default=MemberRole.MEMBER)
    created_at = models.DateTimeField(auto_now_add=True)
    # When the user last chose this practice: after login they land in the practice they
    # used last, never in whichever sorts first (a practice they were added to unasked).
    last_used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["practice", "user"],
                name="membership_unique_user_per_practice",
                violation_error_message="This user already belongs to the practice.",
            )
        ]
        ordering = ["practice__name"]

    def __str__(self) -> str:
        return f"{self.user} in {self.practice} ({self.role})"


def hash_token(raw: str) -> str:
    """The stored form of an API token: only its SHA-256 is kept."""
    return hashlib.sha256(raw.encode()).hexdigest()


class ApiToken(models.Model):
    """A bearer token for the REST API, bound to one membership (so to one practice)."""

    membership = models.ForeignKey(Membership, on_delete=models.CASCADE, related_name="tokens")
    practice = models.ForeignKey(Practice, on_delete=models.CASCADE, related_name="+")
    name = models.CharField(max_length=100)
    digest = models.CharField(max_length=64, unique=True)
    prefix = models.CharField(max_length=8)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @staticmethod
    def new_secret() -> str:
        """A fresh random token string, shown to the user once."""
        return "pos_" + secrets.token_urlsafe(32)


class InvitationStatus(models.TextChoices):
    """Where an invitation stands; only ``pending`` ones can be answered."""

    PENDING = "pending", "Waiting for an answer"
    ACCEPTED = "accepted", "Accepted"
    DECLINED = "declined", "Declined"
    REVOKED = "revoked", "Withdrawn"


class Invitation(models.Model):
    """An offer of a role in a practice to a username; it takes effect only when accepted.

    Keyed by the username string, not a user: the practice inviting learns nothing about
    whether that username already has a login. Someone with a login answers it after
    logging in; someone without one sets a password through the one-time sign-up link
    (only the SHA-256 of its secret is stored) and the invitation is accepted with it.
    """

    practice = models.ForeignKey(Practice, on_delete=models.CASCADE, related_name="invitations")
    username = models.CharField(max_length=150, db_index=True)
    role = models.CharField(max_length=16, choices=MemberRole.choices, default=MemberRole.MEMBER)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    digest = models.CharField(max_length=64, unique=True)
    status = models.CharField(
        max_length=16, choices=InvitationStatus.choices, default=InvitationStatus.PENDING
    )
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    answered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["practice", "username"],
                condition=models.Q(status="pending"),
                name="invitation_one_pending_per_username",
                violation_error_message="This username already has a waiting invitation.",
            )
        ]

    def __str__(self) -> str:
        return f"invitation of {self.username} to {self.practice} ({self.role})"

    @staticmethod
    def new_secret() -> str:
        """A fresh random secret for the sign-up link, shown once."""
        return secrets.token_urlsafe(24)
