from django.urls import path

from practiceos.processes import views

app_name = "processes"
urlpatterns = [
    path("", views.index, name="index"),
    path("new/", views.new, name="new"),
    path("adopt/", views.adopt, name="adopt"),
    path("<int:pk>/", views.process, name="process"),
    path("<int:pk>/edit/", views.edit, name="edit"),
    path("<int:pk>/review/", views.review, name="review"),
    path("<int:pk>/runs/new/", views.run_start, name="run-start"),
    path("runs/<int:pk>/", views.run, name="run"),
    path("runs/<int:pk>/tick/", views.tick, name="tick"),
]
