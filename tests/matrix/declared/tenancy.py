"""Account pages: API tokens, members, invitations; and ``GET /api/me``."""

from practiceos.tenancy.permissions import Action
from tests.matrix.declare import LOGIN, Rule, op, page

MANAGE = Action.MANAGE_PRACTICE

PAGES = [
    page("tenancy:tokens", post=Rule(Action.VIEW, data=lambda w: {"name": "matrix"})),
    # Someone else's token is invisible (404) unless you manage the practice; the
    # holder (the member) may revoke their own.
    page(
        "tenancy:revoke-token",
        args=lambda w: {"pk": w.member_token.pk},
        get=None,
        post=Rule(MANAGE, refused=404, also=("member",)),
    ),
    page("tenancy:members", post=Rule(MANAGE, data=lambda w: {"username": "x", "role": "member"})),
    page(
        "tenancy:member-role",
        args=lambda w: {"pk": w.personas.member.pk},
        get=None,
        post=Rule(MANAGE, data=lambda w: {"role": "manager"}),
    ),
    page(
        "tenancy:member-remove",
        args=lambda w: {"pk": w.personas.member.pk},
        get=MANAGE,
        post=MANAGE,
    ),
    page(
        "tenancy:member-reset", args=lambda w: {"pk": w.personas.member.pk}, get=MANAGE, post=MANAGE
    ),
    page(
        "tenancy:invitation-revoke",
        args=lambda w: {"pk": w.invitation.pk},
        get=None,
        post=MANAGE,
    ),
    page("tenancy:invitations", get=LOGIN),
    # Nobody in the cast is "newcomer": every answer, the other practice's included, is
    # refused alike (422) and changes nothing.
    page(
        "tenancy:invitation-accept",
        args=lambda w: {"pk": w.invitation.pk},
        get=None,
        post=Rule(LOGIN, ok=frozenset({422}), outsider=422),
    ),
    page(
        "tenancy:invitation-decline",
        args=lambda w: {"pk": w.invitation.pk},
        get=None,
        post=Rule(LOGIN, ok=frozenset({422}), outsider=422),
    ),
]

OPERATIONS = [op("GET /api/me", Action.VIEW)]
