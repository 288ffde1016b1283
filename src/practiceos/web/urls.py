from django.contrib.auth import views as auth_views
from django.urls import path

from practiceos.tenancy import views as tenancy_views
from practiceos.web import views

urlpatterns = [
    path("", views.home, name="home"),
    path("login/", auth_views.LoginView.as_view(redirect_authenticated_user=True), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    # Forgot password: Django's reset flow, mail through the email framework (console by
    # default, SMTP with PRACTICEOS_EMAIL_HOST).
    path("password-reset/", auth_views.PasswordResetView.as_view(), name="password_reset"),
    path(
        "password-reset/sent/",
        auth_views.PasswordResetDoneView.as_view(),
        name="password_reset_done",
    ),
    path(
        "password-reset/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "password-reset/done/",
        auth_views.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
    path("practice/switch/", views.switch_practice, name="switch-practice"),
    path("join/<str:secret>/", tenancy_views.join, name="join"),
    path("practice/new/", views.practice_new, name="practice-new"),
    path("help/", views.help_index, name="help"),
    path("help/<str:name>/", views.help_page, name="help-page"),
    path("favicon.ico", views.favicon, name="favicon"),
    path("practice/start/", views.practice_start, name="practice-start"),
]
