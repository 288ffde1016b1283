from django.urls import path

from practiceos.hiring import views

app_name = "hiring"
urlpatterns = [
    path("", views.index, name="index"),
    path("open/<int:seat>/", views.open_plan, name="open"),
    path("plans/<int:pk>/", views.plan, name="plan"),
    path("plans/<int:pk>/candidates/", views.add_candidate, name="candidate-add"),
    path("plans/<int:pk>/side-by-side/", views.compare, name="compare"),
    path("plans/<int:pk>/close/", views.close, name="close"),
    path("candidates/<int:pk>/", views.candidate, name="candidate"),
    path("candidates/<int:pk>/score/", views.score, name="score"),
    path("candidates/<int:pk>/hire/", views.hire, name="hire"),
    path("candidates/<int:pk>/erase/", views.erase, name="erase"),
]
