"""Home, practice switcher and error pages."""

from __future__ import annotations

from pathlib import Path

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from practiceos.core.problems import InputError
from practiceos.tenancy.access import require
from practiceos.tenancy.current import SESSION_KEY, current_membership, mark_used
from practiceos.tenancy.permissions import Action
from practiceos.tenancy.services import pending_invitations
from practiceos.web import help as help_docs
from practiceos.web import home as home_data
from practiceos.web import onboarding
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


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def practice_new(request: HttpRequest) -> HttpResponse:
    """Create a practice of your own (any login): name, specialty, locations; then start."""
    form = {"name": "", "slug": "", "specialty": "", "locations": "", "errors": {}}
    status = 200
    if request.method == "POST":
        form.update(
            {
                k: request.POST.get(k, "")[:20_000]
                for k in ("name", "slug", "specialty", "locations")
            }
        )
        try:
            created = onboarding.create_practice(
                actor=request.user,
                name=form["name"],
                slug=form["slug"],
                specialty=form["specialty"],
                locations=form["locations"],
            )
        except InputError as exc:
            form["errors"] = {p.where: p.message for p in exc.problems}
            status = 422
        else:
            request.session[SESSION_KEY] = created.practice_id
            mark_used(created)
            messages.success(request, f"{created.practice.name} is ready. Now give it its chart.")
            return redirect("practice-start")
    context = {"form": form, "specialties": list(onboarding.SPECIALTY_LABELS.items())}
    return render(request, "web/practice_new.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def practice_start(request: HttpRequest) -> HttpResponse:
    """GET: import your roster, or start from your specialty's template chart.
    POST (owners and admins): load the template into the empty chart."""
    membership = require(current_membership(request), Action.MANAGE_PRACTICE)
    error = ""
    if request.method == "POST":
        try:
            onboarding.start_from_template(actor=membership)
        except InputError as exc:
            error = "; ".join(p.message for p in exc.problems)
        else:
            messages.success(
                request, "Your template chart is in place: every seat is vacant until you fill it."
            )
            return redirect("org:chart")
    context = {
        "error": error,
        "label": onboarding.SPECIALTY_LABELS.get(membership.practice.specialty, ""),
    }
    return render(request, "web/practice_start.html", context, status=422 if error else 200)


@login_required
@require_GET
def help_index(request: HttpRequest) -> HttpResponse:
    """The documentation's table of contents."""
    return render(request, "web/help.html", {"pages": help_docs.index(), "page": None})


@login_required
@require_GET
def help_page(request: HttpRequest, name: str) -> HttpResponse:
    """One document rendered (404 for an unknown name)."""
    found = help_docs.page(name)
    if found is None:
        raise Http404("No such help page")
    return render(request, "web/help.html", {"pages": help_docs.index(), "page": found})


@require_GET
def favicon(request: HttpRequest) -> HttpResponse:
    """``/favicon.ico``: the SVG icon (browsers that ask for the .ico accept it)."""
    path = Path(__file__).resolve().parent / "static" / "favicon.svg"
    response = HttpResponse(path.read_bytes(), content_type="image/svg+xml")
    response["Cache-Control"] = "public, max-age=86400"
    return response


def not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """404 page (also used for objects of other practices: indistinguishable by design)."""
    return render(request, "web/404.html", {"message": "Not found."}, status=404)


def forbidden(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """403 page with the reason (the caller can see the object but not change it)."""
    return render(request, "web/403.html", {"message": str(exception or "")}, status=403)


def server_error(request: HttpRequest) -> HttpResponse:
    """500 page without the template context machinery (it must not fail itself)."""
    return render(request, "web/500.html", status=500)
