"""Home, practice switcher and error pages."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET, require_POST

from practiceos.tenancy.current import SESSION_KEY, current_membership, mark_used
from practiceos.tenancy.services import pending_invitations
from practiceos.web import home as home_data
from practiceos.web.needs import needs_for


@login_required
@require_GET
def home(request: HttpRequest) -> HttpResponse:
    """The member's home page: score and trend, the top findings with their fix, what
    needs them, recent changes and, while a practice is new, the "start here" steps.
    Users without a practice see their invitations and how to start one."""
    membership = current_membership(request)
    if membership is None:
        return render(
            request,
            "web/no_practice.html",
            {"invitations": pending_invitations(request.user)},
            status=200,
        )
    steps = home_data.checklist(membership)
    context = {
        **home_data.health_summary(membership.practice_id),
        "steps": steps,
        "steps_done": sum(s.done for s in steps),
        "needs": needs_for(membership),
        "changes": home_data.recent_changes(membership.practice_id),
    }
    return render(request, "web/home.html", context)


@login_required
@require_POST
def switch_practice(request: HttpRequest) -> HttpResponse:
    """Act in another of the user's practices from now on (a 404 for any other practice)."""
    membership = current_membership(request)
    wanted = request.POST.get("practice", "")
    target = None
    if membership is not None and wanted.isdigit():
        target = next((m for m in membership.all_memberships if m.practice_id == int(wanted)), None)
    if target is None:
        return render(request, "web/404.html", {"message": "No such practice."}, status=404)
    request.session[SESSION_KEY] = target.practice_id
    mark_used(target)
    nxt = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(nxt, allowed_hosts={request.get_host()}) and nxt.startswith(
        "/org/chart"
    ):
        return HttpResponseRedirect(nxt)
    return redirect("org:chart")


def not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """404 page (also used for objects of other practices: indistinguishable by design)."""
    return render(request, "web/404.html", {"message": "Not found."}, status=404)


def forbidden(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """403 page with the reason (the caller can see the object but not change it)."""
    return render(request, "web/403.html", {"message": str(exception or "")}, status=403)


def server_error(request: HttpRequest) -> HttpResponse:
    """500 page without the template context machinery (it must not fail itself)."""
    return render(request, "web/500.html", status=500)
