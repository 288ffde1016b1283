"""Job pages: /jobs/<id>/ (page or progress fragment) and /jobs/<id>/retry/."""

from django.urls import path

from practiceos.jobs import views

app_name = "jobs"

urlpatterns = [
    path("<int:pk>/", views.job, name="job"),
    path("<int:pk>/retry/", views.retry, name="retry"),
]
