from django.urls import path

from practiceos.audit import views

app_name = "audit"
urlpatterns = [
    path("", views.recent, name="recent"),
    path("<str:object_type>/<str:object_id>/", views.history, name="history"),
]
