from django.urls import path

from practiceos.leadership import owner_views, views

app_name = "leadership"
urlpatterns = [
    path("", views.home, name="home"),
    path("vision/", views.vision, name="vision"),
    path("decisions/", views.areas, name="areas"),
    path("decisions/seed/", views.seed_areas, name="seed"),
    path("decisions/new/", views.create_area, name="area-new"),
    path("decisions/<int:pk>/", views.area, name="area"),
    path("decisions/<int:pk>/decider/", views.hand_over, name="hand-over"),
    path("decisions/<int:pk>/overrides/", views.add_override, name="override-add"),
    path("decisions/<int:pk>/delete/", views.delete_area, name="area-delete"),
    path("overrides/<int:pk>/delete/", views.remove_override, name="override-delete"),
    path("asks/", views.asks, name="asks"),
    path("asks/suggest/", views.suggest, name="suggest"),
    path("asks/seen/", views.seen, name="seen"),
    path("asks/<int:pk>/", views.ask, name="ask"),
    path("asks/<int:pk>/decide/", views.decide, name="decide"),
    path("asks/<int:pk>/escalate/", views.escalate, name="escalate"),
    path("load/", owner_views.owner_load, name="load"),
    path("time/", owner_views.owner_time, name="time"),
    path("time/record/", owner_views.record_time, name="time-record"),
    path("time/<int:pk>/delete/", owner_views.delete_time, name="time-delete"),
    path("locations/", owner_views.locations, name="locations"),
]
