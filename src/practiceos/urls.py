"""The site's URL map: web shell, chart pages, audit history and the REST API."""

from django.urls import include, path

from practiceos.api import api

urlpatterns = [
    path("", include("practiceos.web.urls")),
    path("org/", include("practiceos.org.urls")),
    path("audit/", include("practiceos.audit.urls")),
    path("account/", include("practiceos.tenancy.urls")),
    path("roster/", include("practiceos.roster.urls")),
    path("health/", include("practiceos.health.urls")),
    path("jobs/", include("practiceos.jobs.urls")),
    path("people/", include("practiceos.people.urls")),
    path("processes/", include("practiceos.processes.urls")),
    path("hiring/", include("practiceos.hiring.urls")),
    path("leadership/", include("practiceos.leadership.urls")),
    path("scorecards/", include("practiceos.scorecards.urls")),
    path("role-cards/", include("practiceos.rolecards.urls")),
    path("meetings/", include("practiceos.meetings.urls")),
    path("scenarios/", include("practiceos.scenarios.urls")),
    path("api/", api.urls),
]

handler404 = "practiceos.web.views.not_found"
handler403 = "practiceos.web.views.forbidden"
handler500 = "practiceos.web.views.server_error"
