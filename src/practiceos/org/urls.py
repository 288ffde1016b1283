from django.urls import path

from practiceos.org import views

app_name = "org"
urlpatterns = [
    path("chart/", views.chart, name="chart"),
    path("people/", views.people, name="people"),
    path("people/<int:pk>/", views.person, name="person"),
    path("locations/", views.locations, name="locations"),
    path("locations/<int:pk>/", views.location, name="location"),
    path("seats/<int:pk>/", views.seat, name="seat"),
]
