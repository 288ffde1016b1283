from django.urls import path

from practiceos.org import archive_views, edit_views, export_views, orgfile_export_views, views

app_name = "org"
urlpatterns = [
    path("chart/", views.chart, name="chart"),
    path("chart/roots/", views.chart_children, name="chart-roots"),
    path("chart/children/<int:pk>/", views.chart_children, name="chart-children"),
    path("chart/path/<int:pk>/", views.chart_path, name="chart-path"),
    path("chart/search/", views.chart_search, name="chart-search"),
    path("chart/lines/<int:pk>/", views.chart_lines, name="chart-lines"),
    path("chart/export.svg", export_views.chart_svg, name="chart-export-svg"),
    path("chart/export.pdf", export_views.chart_pdf, name="chart-export-pdf"),
    path("people/", views.people, name="people"),
    path("people/<int:pk>/", views.person, name="person"),
    path("locations/", views.locations, name="locations"),
    path("locations/<int:pk>/", views.location, name="location"),
    path("seats/<int:pk>/", views.seat, name="seat"),
    path("<str:kind>/<int:pk>/archive/", archive_views.toggle, name="archive"),
]

# Editing (org.edit_views): create and edit forms, the picker search, role and team pages.
urlpatterns += [
    path("pick/<str:target>/", edit_views.pick, name="pick"),
    path("locations/new/", edit_views.location_new, name="location-new"),
    path("locations/<int:pk>/edit/", edit_views.location_edit, name="location-edit"),
    path("teams/", edit_views.teams, name="teams"),
    path("teams/new/", edit_views.team_new, name="team-new"),
    path("teams/<int:pk>/", edit_views.team, name="team"),
    path("teams/<int:pk>/edit/", edit_views.team_edit, name="team-edit"),
    path("roles/", edit_views.roles, name="roles"),
    path("roles/new/", edit_views.role_new, name="role-new"),
    path("roles/<int:pk>/", edit_views.role, name="role"),
    path("roles/<int:pk>/edit/", edit_views.role_edit, name="role-edit"),
    path("seats/new/", edit_views.seat_new, name="seat-new"),
    path("seats/<int:pk>/edit/", edit_views.seat_edit, name="seat-edit"),
    path("people/new/", edit_views.person_new, name="person-new"),
    path("people/<int:pk>/edit/", edit_views.person_edit, name="person-edit"),
    path("people/<int:pk>/assign/", edit_views.person_assign, name="person-assign"),
    path("assignments/<int:pk>/end/", edit_views.assignment_end, name="assignment-end"),
]

# The org file export, made on a task worker (org.jobs).
urlpatterns += [path("export/", orgfile_export_views.export, name="export")]
