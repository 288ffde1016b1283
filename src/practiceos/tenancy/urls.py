from django.urls import path

from practiceos.tenancy import views

app_name = "tenancy"
urlpatterns = [
    path("tokens/", views.tokens, name="tokens"),
    path("tokens/<int:pk>/revoke/", views.revoke, name="revoke-token"),
]
