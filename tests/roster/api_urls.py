"""URLs for the roster API tests: the site's own API once the router is mounted there,
otherwise a test API with the same authentication and error shapes."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.urls import path
from ninja import NinjaAPI

import practiceos.api as site_api
from practiceos.core.problems import InputError
from practiceos.roster.api import router
from practiceos.tenancy.api import BearerToken, SessionMembership
from practiceos.urls import urlpatterns as site_urlpatterns

if getattr(router, "api", None) is site_api.api:
    urlpatterns = site_urlpatterns
else:
    api = NinjaAPI(auth=[BearerToken(), SessionMembership()], urls_namespace="roster-test-api")
    api.add_router("/", router)

    @api.exception_handler(InputError)
    def _input(request, exc):  # type: ignore[no-untyped-def]
        body = {"detail": [{"field": p.where, "message": p.message} for p in exc.problems]}
        return api.create_response(request, body, status=422)

    @api.exception_handler(PermissionDenied)
    def _forbidden(request, exc):  # type: ignore[no-untyped-def]
        return api.create_response(request, {"detail": str(exc)}, status=403)

    @api.exception_handler(Http404)
    def _missing(request, exc):  # type: ignore[no-untyped-def]
        return api.create_response(request, {"detail": "Not found."}, status=404)

    urlpatterns = [path("api/", api.urls), *site_urlpatterns]
