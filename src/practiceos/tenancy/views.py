"""Account pages: API tokens, and the practice's members (logins).

The API tokens page: list your tokens, make one (its secret shown once), revoke.

Any member may make tokens for their own membership: a token acts with exactly the
membership's role, so it never grants more than the web session already has. Owners
and admins (``manage_practice``) also see and may revoke everyone's tokens in the
practice, e.g. when someone leaves.

The members page: everyone in the practice sees who has a login and with what role;
owners and admins add logins (a new user's password shown once), change roles, remove
members and reset passwords, all through ``tenancy.services``.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.db.models import OuterRef, Subquery
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from practiceos.core.problems import InputError
from practiceos.org.models import Person
from practiceos.tenancy.access import get_membership_for, get_object_for, require
from practiceos.tenancy.current import SESSION_KEY, current_membership, mark_used
from practiceos.tenancy.models import (
    ApiToken,
    Invitation,
    InvitationStatus,
    MemberRole,
    Membership,
)
from practiceos.tenancy.permissions import Action, allows
from practiceos.tenancy.services import (
    accept_invitation,
    change_role,
    claim_invitation,
    create_token,
    decline_invitation,
    invitation_for_secret,
    invite_member,
    pending_invitations,
    remove_member,
    reset_password,
    revoke_invitation,
    revoke_token,
)


@never_cache  # the page may show a new secret: no browser or proxy may keep a copy
@login_required
@require_http_methods(["GET", "POST"])
def tokens(request: HttpRequest) -> HttpResponse:
    """GET: the caller's tokens (and, for admins, everyone's). POST: make a token."""
    membership = require(current_membership(request), Action.VIEW)
    context: dict[str, object] = {"name": "", "error": "", "secret": None}
    status = 200
    if request.method == "POST":
        name = request.POST.get("name", "")
        try:
            token, secret = create_token(actor=membership, name=name)
        except InputError as exc:
            context.update(name=name, error="; ".join(p.message for p in exc.problems))
            status = 422
        else:
            # Rendered, not redirected: the secret must not be stored anywhere to survive a
            # redirect, and this is the only time it is shown.
            context.update(secret=secret, created=token)
            status = 201
    rows = ApiToken.objects.filter(practice_id=membership.practice_id).select_related(
        "membership__user"
    )
    manage = allows(membership.role, Action.MANAGE_PRACTICE)
    if not manage:
        rows = rows.filter(membership=membership)
    context.update(rows=list(rows), manage=manage)
    return render(request, "tenancy/tokens.html", context, status=status)


@login_required
@require_POST
def revoke(request: HttpRequest, pk: int) -> HttpResponse:
    """Delete a token: your own, or (owner/admin) any token of the practice."""
    membership = require(current_membership(request), Action.VIEW)
    rows = ApiToken.objects.filter(practice_id=membership.practice_id, pk=pk)
    if not allows(membership.role, Action.MANAGE_PRACTICE):
        rows = rows.filter(membership=membership)
    token = rows.first()
    if token is None:
        raise Http404("No such token")
    revoke_token(actor=membership, token=token)
    messages.success(request, f'Token "{token.name}" revoked; requests using it now get 401.')
    return redirect("tenancy:tokens")


def _member_rows(membership: Membership) -> list[Membership]:
    """The practice's memberships with user and linked person, in one query.

    ``Person.user`` is a plain foreign key (a login may be linked to several people, in
    several practices), so the person is picked by a subquery limited to this practice
    rather than prefetched: one query whatever the size.
    """
    people = Person.objects.filter(
        practice_id=membership.practice_id, user_id=OuterRef("user_id")
    ).order_by("name", "id")
    return list(
        Membership.objects.filter(practice_id=membership.practice_id)
        .select_related("user")
        .annotate(
            person_id=Subquery(people.values("pk")[:1]),
            person_name=Subquery(people.values("name")[:1]),
        )
        .order_by("user__username")
    )


def _members_page(
    request: HttpRequest, membership: Membership, status: int = 200, **extra: object
) -> HttpResponse:
    """The members list; ``row_errors`` ({membership id: {field: message}}) are shown in
    their rows, ``add`` is the add form's values and errors."""
    manage = allows(membership.role, Action.MANAGE_PRACTICE)
    is_owner = membership.role == MemberRole.OWNER
    row_errors: dict[int, dict[str, str]] = extra.pop("row_errors", {})  # type: ignore[assignment]
    rows = _member_rows(membership)
    for row in rows:
        # Mirrors the service rules so no button is offered that would be refused.
        row.editable = (  # type: ignore[attr-defined]
            manage and row.pk != membership.pk and (is_owner or row.role != MemberRole.OWNER)
        )
        row.errors = row_errors.get(row.pk, {})  # type: ignore[attr-defined]
    roles = [(v, label) for v, label in MemberRole.choices if is_owner or v != MemberRole.OWNER]
    invitations = (
        list(
            Invitation.objects.filter(
                practice_id=membership.practice_id, status=InvitationStatus.PENDING
            ).order_by("username")
        )
        if manage
        else []
    )
    context: dict[str, object] = {
        "invitations": invitations,
        "now": timezone.now(),
        "rows": rows,
        "manage": manage,
        "roles": roles,
        "add": {"username": "", "role": MemberRole.MEMBER, "errors": {}},
    }
    context.update(extra)
    return render(request, "tenancy/members.html", context, status=status)


def _by_field(exc: InputError) -> dict[str, str]:
    errors: dict[str, list[str]] = {}
    for problem in exc.problems:
        errors.setdefault(problem.where, []).append(problem.message)
    return {field: "; ".join(messages) for field, messages in errors.items()}


@never_cache  # the page may show a new password: no browser or proxy may keep a copy
@login_required
@require_http_methods(["GET", "POST"])
def members(request: HttpRequest) -> HttpResponse:
    """GET: the practice's members (any member). POST (owners, admins): invite a username."""
    membership = require(current_membership(request), Action.VIEW)
    if request.method == "GET":
        return _members_page(request, membership)
    require(membership, Action.MANAGE_PRACTICE)
    username = request.POST.get("username", "")
    role = request.POST.get("role", "")
    try:
        invited, secret = invite_member(actor=membership, username=username, role=role)
    except InputError as exc:
        add = {"username": username, "role": role, "errors": _by_field(exc)}
        return _members_page(request, membership, status=422, add=add)
    # Rendered, not redirected: the sign-up link must not be stored anywhere to survive a
    # redirect, and this is the only time it is shown. The same page whether or not the
    # username has a login somewhere.
    link = request.build_absolute_uri(reverse("join", args=[secret]))
    return _members_page(request, membership, status=201, invited=invited, link=link)


@login_required
@require_POST
def invitation_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    """Withdraw a waiting invitation of the practice (owners and admins)."""
    membership = current_membership(request)
    invitation = get_object_for(membership, Invitation, pk, action=Action.MANAGE_PRACTICE)
    assert membership is not None
    try:
        revoke_invitation(actor=membership, invitation=invitation)
    except InputError as exc:
        messages.error(request, "; ".join(p.message for p in exc.problems))
        return redirect("tenancy:members")
    messages.success(request, f"The invitation of {invitation.username} was withdrawn.")
    return redirect("tenancy:members")


@never_cache
@login_required
def invitations(request: HttpRequest) -> HttpResponse:
    """The invitations waiting for the logged-in user's answer (any login)."""
    return render(
        request, "tenancy/invitations.html", {"invitations": pending_invitations(request.user)}
    )


@login_required
@require_POST
def invitation_answer(request: HttpRequest, pk: int, answer: str) -> HttpResponse:
    """Accept or decline one of your own invitations; accepting switches to its practice."""
    try:
        if answer == "accept":
            joined = accept_invitation(user=request.user, invitation_id=pk)
            request.session[SESSION_KEY] = joined.practice_id
            mark_used(joined)
            messages.success(request, f"You joined {joined.practice.name}.")
            return redirect("home")
        decline_invitation(user=request.user, invitation_id=pk)
    except InputError as exc:
        return render(
            request,
            "tenancy/invitations.html",
            {
                "invitations": pending_invitations(request.user),
                "error": "; ".join(p.message for p in exc.problems),
            },
            status=422,
        )
    messages.success(request, "Invitation declined.")
    return redirect("tenancy:invitations")


@never_cache
@require_http_methods(["GET", "POST"])
def join(request: HttpRequest, secret: str) -> HttpResponse:
    """The one-time sign-up link of an invitation: choose a password and join.

    Someone already logged in is sent to their invitations instead; a used, withdrawn
    or expired link says so in the same words as a made-up one.
    """
    if request.user.is_authenticated:
        return redirect("tenancy:invitations")
    invitation = invitation_for_secret(secret)
    context: dict[str, object] = {
        "invitation": invitation,
        "error": "",
        "email": request.POST.get("email", "")[:300],
    }
    if invitation is None:
        return render(request, "tenancy/join.html", context, status=404)
    if request.method == "GET":
        return render(request, "tenancy/join.html", context)
    password = request.POST.get("password", "")
    if password != request.POST.get("password2", ""):
        context["error"] = "the two passwords differ; type the same password twice"
        return render(request, "tenancy/join.html", context, status=422)
    try:
        joined = claim_invitation(
            secret=secret, password=password, email=request.POST.get("email", "")[:300]
        )
    except InputError as exc:
        context["error"] = "; ".join(p.message for p in exc.problems)
        return render(request, "tenancy/join.html", context, status=422)
    login(request, joined.user, backend="django.contrib.auth.backends.ModelBackend")
    request.session[SESSION_KEY] = joined.practice_id
    messages.success(request, f"Welcome: you joined {joined.practice.name}.")
    return redirect("home")


@login_required
@require_POST
def member_role(request: HttpRequest, pk: int) -> HttpResponse:
    """Change one member's role (owners and admins; only owners touch the owner role)."""
    membership = current_membership(request)
    target = get_membership_for(membership, pk, write=True)
    assert membership is not None  # get_membership_for raised 404 otherwise
    try:
        changed = change_role(
            actor=membership, membership=target, role=request.POST.get("role", "")
        )
    except InputError as exc:
        return _members_page(
            request, membership, status=422, row_errors={target.pk: _by_field(exc)}
        )
    messages.success(request, f"{target.user.username} is now {changed.get_role_display()}.")
    return redirect("tenancy:members")


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def member_remove(request: HttpRequest, pk: int) -> HttpResponse:
    """GET: ask to confirm. POST: take the member out of the practice (and their tokens)."""
    membership = current_membership(request)
    target = get_membership_for(membership, pk, write=True)
    assert membership is not None
    if request.method == "GET":
        return render(request, "tenancy/members_confirm.html", {"target": target, "kind": "remove"})
    try:
        remove_member(actor=membership, membership=target)
    except InputError as exc:
        return _members_page(
            request, membership, status=422, row_errors={target.pk: _by_field(exc)}
        )
    messages.success(
        request, f"{target.user.username} no longer belongs to {membership.practice.name}."
    )
    return redirect("tenancy:members")


@never_cache  # the POST shows the new password
@login_required
@require_http_methods(["GET", "POST"])
def member_reset(request: HttpRequest, pk: int) -> HttpResponse:
    """GET: ask to confirm. POST: a new random password for the member, shown once."""
    membership = current_membership(request)
    target = get_membership_for(membership, pk, write=True)
    assert membership is not None
    if request.method == "GET":
        return render(request, "tenancy/members_confirm.html", {"target": target, "kind": "reset"})
    try:
        password = reset_password(actor=membership, membership=target)
    except InputError as exc:
        return _members_page(
            request, membership, status=422, row_errors={target.pk: _by_field(exc)}
        )
    return _members_page(request, membership, reset=target, password=password)
