"""The REST API (django-ninja): OpenAPI at /api/openapi.json, docs at /api/docs.

Errors have one shape: ``{"detail": "message"}`` for 401, 403 and 404, and
``{"detail": [{"field": ..., "message": ...}]}`` for 422, whether the problem was found
by the request schema (wrong type, unknown field, malformed JSON) or by ``org.services``
(duplicate name, reporting cycle, link to another practice). See docs/api.md.
"""

from __future__ import annotations

import json
import mimetypes
from pathlib import Path
from typing import Any

import ninja
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.template import Context, Template
from django.urls import reverse
from ninja import NinjaAPI, Router
from ninja.errors import AuthenticationError, HttpError, ValidationError, ValidationErrorContext
from ninja.openapi.docs import DocsBase

from practiceos import __version__
from practiceos.core.problems import InputError
from practiceos.health.api import router as health_router
from practiceos.hiring.api import router as hiring_router
from practiceos.leadership.api import router as leadership_router
from practiceos.meetings.api import router as meetings_router
from practiceos.org.api import router as org_router
from practiceos.org.lifecycle_api import router as lifecycle_router
from practiceos.people.api import router as people_router
from practiceos.processes.api import router as processes_router
from practiceos.rolecards.api import router as rolecards_router
from practiceos.roster.api import router as roster_router
from practiceos.scenarios.api import router as scenarios_router
from practiceos.scorecards.api import router as scorecards_router
from practiceos.tenancy.api import BearerToken, SessionMembership
from practiceos.tenancy.api import router as me_router

# ---- validation errors: field + message naming the value ------------------------------------


def _show(value: Any) -> str:
    """A value as it appears in a message: strings quoted, long ones cut."""
    text = f'"{value}"' if isinstance(value, str) else json.dumps(value, default=str)
    return text if len(text) <= 80 else text[:77] + "…"


def _field_name(loc: tuple[Any, ...]) -> str:
    """``("serves", 0)`` → ``serves[0]``; the whole body → ``body``."""
    name = ""
    for part in loc:
        name += f"[{part}]" if isinstance(part, int) else (f".{part}" if name else str(part))
    return name or "body"


def _accepted_fields(model: Any, loc: tuple[Any, ...]) -> list[str]:
    """The field names the schema at ``loc`` (minus its last part) accepts."""
    for part in loc[:-1]:
        field = getattr(model, "model_fields", {}).get(part)
        if field is None:
            return []
        model = field.annotation
    return sorted(getattr(model, "model_fields", {}))


def _problem(error: dict[str, Any], model: Any) -> dict[str, str]:
    """One pydantic error as ``{"field", "message"}``, the message naming the bad value."""
    loc = tuple(error["loc"])
    source = getattr(model, "__ninja_param_source__", "")
    # Ninja groups parameters in models the client never sees: a JSON body sits under the
    # handler's parameter name, query schemas under theirs. Report the client's own names.
    field_loc = getattr(model, "__ninja_flatten_map_reverse__", {}).get(loc, loc)
    if source == "body" and loc and field_loc == loc:
        field_loc = loc[1:]
    field = _field_name(field_loc)
    kind = error["type"]
    if kind == "missing":
        return {"field": field, "message": "is required"}
    if kind == "extra_forbidden":
        accepted = ", ".join(_accepted_fields(model, loc))
        return {
            "field": field,
            "message": f"is not a field here (sent {_show(error.get('input'))}); "
            f"accepted fields are {accepted}",
        }
    reason = str(error["msg"])
    reason = reason[:1].lower() + reason[1:]
    return {"field": field, "message": f"{_show(error.get('input'))} is not accepted: {reason}"}


class PracticeAPI(NinjaAPI):
    """NinjaAPI whose validation errors keep the offending value for the message."""

    def validation_error_from_error_contexts(
        self, error_contexts: list[ValidationErrorContext]
    ) -> ValidationError:
        """Turn pydantic errors into ``{"field", "message"}`` problems (ninja drops the input)."""
        problems = []
        for context in error_contexts:
            for error in context.pydantic_validation_error.errors(include_url=False):
                problems.append(_problem(dict(error), context.model))
        return ValidationError(problems)


# ---- docs served from django-ninja's own files (no CDN) -----------------------------------

NINJA_STATIC = Path(ninja.__file__).parent / "static" / "ninja"
DOCS_ASSETS = frozenset({"swagger-ui.css", "swagger-ui-bundle.js", "swagger-ui-init.js"})
DOCS_PAGE = Template(
    """<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>{{ title }}</title>
  <link rel="stylesheet" href="{{ assets }}swagger-ui.css">
</head>
<body data-csrf-token="{{ csrf_token }}" data-api-csrf="true">
  <script type="application/json" id="swagger-settings">{{ settings|safe }}</script>
  <div id="swagger-ui"></div>
  <script src="{{ assets }}swagger-ui-bundle.js"></script>
  <script src="{{ assets }}swagger-ui-init.js"></script>
</body>
</html>
"""
)


class LocalSwagger(DocsBase):
    """Swagger UI from the files django-ninja ships, served by this API.

    Ninja's own Swagger class falls back to a CDN unless ``ninja`` is an installed app;
    the product must work without network, so the page and its three files come from
    the installed package (see ``docs_asset``).
    """

    def render_page(self, request: HttpRequest, api: NinjaAPI, **kwargs: Any) -> HttpResponse:
        """The Swagger UI page pointing at this API's OpenAPI document."""
        from django.middleware.csrf import get_token

        settings = {
            "url": self.get_openapi_url(api, kwargs),
            "layout": "BaseLayout",
            "deepLinking": True,
        }
        html = DOCS_PAGE.render(
            Context(
                {
                    "title": api.title,
                    "settings": json.dumps(settings).replace("<", "\\u003c"),
                    "assets": reverse("api:docs-asset", kwargs={"name": "x"})[:-1],
                    "csrf_token": get_token(request),
                }
            )
        )
        return HttpResponse(html)


api = PracticeAPI(
    title="PracticeOS API",
    version=__version__,
    description=(
        "The accountability chart of a practice: locations, teams, roles, seats, people and "
        "assignments. Authenticate with `Authorization: Bearer <token>` (make a token on "
        "the Account → API tokens page) or, from the web app, with the session and its CSRF "
        "token. Errors: `{detail: message}`, or for 422 `{detail: [{field, message}]}`."
    ),
    auth=[BearerToken(), SessionMembership()],
    docs=LocalSwagger(),
    docs_url="/docs",
    openapi_url="/openapi.json",
    urls_namespace="api",
)


@api.get("/docs/assets/{name}", auth=None, include_in_schema=False, url_name="docs-asset")
def docs_asset(request: HttpRequest, name: str) -> HttpResponse:
    """One of Swagger UI's files from the installed django-ninja package."""
    if name not in DOCS_ASSETS:
        raise Http404("No such file")
    response = FileResponse((NINJA_STATIC / name).open("rb"), content_type=_content_type(name))
    response["Cache-Control"] = "public, max-age=86400"
    return response


def _content_type(name: str) -> str:
    kind, _ = mimetypes.guess_type(name)
    return f"{kind or 'application/octet-stream'}; charset=utf-8"


api.add_router("/", me_router)
api.add_router("/", org_router)
api.add_router("/", lifecycle_router)
api.add_router("/", roster_router)
api.add_router("/", health_router)
api.add_router("/", rolecards_router)
api.add_router("/", leadership_router)
api.add_router("/", people_router)
api.add_router("/", processes_router)
api.add_router("/", hiring_router)
api.add_router("/", scorecards_router)
api.add_router("/", meetings_router)
api.add_router("/", scenarios_router)

# Last: any other path under /api/ answers in JSON like the rest of the API, not with the
# site's HTML 404 page.
fallback = Router()


@fallback.api_operation(
    ["GET", "POST", "PUT", "PATCH", "DELETE"], "/{path:rest}", auth=None, include_in_schema=False
)
def unknown_path(request: HttpRequest, rest: str) -> HttpResponse:
    """No such endpoint."""
    raise Http404("No such endpoint")


api.add_router("/", fallback)


# ---- one error shape ------------------------------------------------------------------------


@api.exception_handler(ValidationError)
def _validation_error(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    # Errors from our ``validation_error_from_error_contexts`` are ready; any other source
    # (ninja's own dicts with ``loc`` and ``msg``) is reshaped the same way.
    problems = [
        e
        if set(e) == {"field", "message"}
        else {"field": _field_name(tuple(e.get("loc", ()))[1:]), "message": str(e.get("msg", e))}
        for e in exc.errors
    ]
    return api.create_response(request, {"detail": problems}, status=422)


@api.exception_handler(InputError)
def _input_error(request: HttpRequest, exc: InputError) -> HttpResponse:
    problems = [{"field": p.where, "message": p.message} for p in exc.problems]
    return api.create_response(request, {"detail": problems}, status=422)


@api.exception_handler(PermissionDenied)
def _forbidden(request: HttpRequest, exc: PermissionDenied) -> HttpResponse:
    message = str(exc) or "You may not do this."
    return api.create_response(request, {"detail": message}, status=403)


@api.exception_handler(Http404)
def _not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
    # One fixed message: an object of another practice must read exactly like a missing one.
    return api.create_response(request, {"detail": "Not found."}, status=404)


@api.exception_handler(AuthenticationError)
def _unauthenticated(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
    message = exc.message
    if message == "Unauthorized":
        message = (
            "Authentication required: send `Authorization: Bearer <token>` "
            "(tokens are made on the API tokens page) or log in."
        )
    response = api.create_response(request, {"detail": message}, status=exc.status_code)
    response["WWW-Authenticate"] = 'Bearer realm="PracticeOS"'
    return response


@api.exception_handler(HttpError)
def _http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    if exc.status_code == 400 and isinstance(exc.__cause__, ValueError):
        # Ninja reports a body that is not JSON as a bare 400; say what is wrong instead.
        reason = str(exc.__cause__).splitlines()[0][:200]
        problem = {"field": "body", "message": f"is not valid JSON ({reason})"}
        return api.create_response(request, {"detail": [problem]}, status=422)
    return api.create_response(request, {"detail": exc.message}, status=exc.status_code)
