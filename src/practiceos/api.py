"""The REST API (django-ninja): OpenAPI at /api/openapi.json, docs at /api/docs."""

from __future__ import annotations

from ninja import NinjaAPI

from practiceos import __version__

api = NinjaAPI(
    title="PracticeOS API",
    version=__version__,
    description="The accountability chart of a practice. Authenticate with `Authorization: Bearer <token>`.",
)
