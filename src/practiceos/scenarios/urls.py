from django.urls import path

from practiceos.scenarios import views

app_name = "scenarios"
urlpatterns = [
    path("", views.scenario_list, name="list"),
    path("new/", views.scenario_create, name="create"),
    path("try/", views.try_fixes, name="try"),
    path("<int:pk>/", views.scenario_detail, name="detail"),
    path("<int:pk>/edit/", views.scenario_edit, name="edit"),
    path("<int:pk>/changes/<int:index>/remove/", views.scenario_undo, name="undo"),
    path("<int:pk>/settings/", views.scenario_settings, name="settings"),
    path("<int:pk>/discard/", views.scenario_discard, name="discard"),
    path("<int:pk>/rebase/", views.scenario_rebase, name="rebase"),
    path("<int:pk>/publish/", views.scenario_publish, name="publish"),
    path("<int:pk>/more-fixes/", views.scenario_more_fixes, name="more-fixes"),
    path("<int:pk>/org.yaml", views.scenario_export, name="export"),
]
