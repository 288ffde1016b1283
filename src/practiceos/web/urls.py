from django.contrib.auth import views as auth_views
from django.urls import path

from practiceos.tenancy import views as tenancy_views
from practiceos.web import views

urlpatterns = [
    path("", views.home, name="home"),
    path("login/", auth_views.LoginView.as_view(redirect_authenticated_user=True), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("practice/switch/", views.switch_practice, name="switch-practice"),
    path("join/<str:secret>/", tenancy_views.join, name="join"),
    path("practice/new/", views.practice_new, name="practice-new"),
    path("practice/start/", views.practice_start, name="practice-start"),
]
