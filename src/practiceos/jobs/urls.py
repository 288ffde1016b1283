"""Job pages: /jobs/<id>/ (page or progress fragment), /jobs/<id>/retry/ and
/jobs/<id>/download/ (the file a finished job made)."""

from django.urls import path

from practiceos.jobs import views

app_name = "jobs"

urlpatterns = [
    path("<int:pk>/", views.job, name="job"),
    path("<int:pk>/retry/", views.retry, name="retry"),
    path("<int:pk>/download/", views.download, name="download"),
]
