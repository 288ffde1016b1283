"""The API tokens page: list your tokens, make one (its secret shown once), revoke.

Any member may make tokens for their own membership: a token acts with exactly the
membership's role, so it never grants more than the web session already has. Owners
and admins (``manage_practice``) also see and may revoke everyone's tokens in the
practice, e.g. when someone leaves.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from practiceos.core.problems import InputError
from practiceos.tenancy.access import require
from practiceos.tenancy.current import current_membership
from practiceos.tenancy.models import ApiToken
from practiceos.tenancy.permissions import Action, allows
from practiceos.tenancy.services import create_token, revoke_token


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
