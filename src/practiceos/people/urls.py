from django.urls import path

from practiceos.people import views

app_name = "people"
urlpatterns = [
    path("", views.home, name="home"),
    path("style/", views.style, name="style"),
    path("person/<int:pk>/", views.person, name="person"),
    path("person/<int:pk>/reviews/new/", views.review_new, name="review-new"),
    path("person/<int:pk>/plans/new/", views.plan_new, name="plan-new"),
    path("person/<int:pk>/one-on-ones/new/", views.one_on_one_new, name="one-on-one-new"),
    path("reviews/<int:pk>/", views.review, name="review"),
    path("plans/<int:pk>/", views.plan, name="plan"),
    path("plans/<int:pk>/<str:action>/", views.plan_action, name="plan-action"),
    path("one-on-ones/<int:pk>/", views.one_on_one, name="one-on-one"),
]
