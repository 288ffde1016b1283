from django.urls import path

from practiceos.org import views

app_name = "org"
urlpatterns = [
    path("chart/", views.chart, name="chart"),
    path("chart/roots/", views.chart_children, name="chart-roots"),
    path("chart/children/<int:pk>/", views.chart_children, name="chart-children"),
    path("chart/path/<int:pk>/", views.chart_path, name="chart-path"),
    path("chart/search/", views.chart_search, name="chart-search"),
    path("people/", views.people, name="people"),
    path("people/<int:pk>/", views.person, name="person"),
    path("locations/", views.locations, name="locations"),
    path("locations/<int:pk>/", views.location, name="location"),
    path("seats/<int:pk>/", views.seat, name="seat"),
]
