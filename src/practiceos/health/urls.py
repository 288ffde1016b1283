from django.urls import path

from practiceos.health import views

app_name = "health"
urlpatterns = [
    path("", views.report, name="report"),
    path("run/", views.run, name="run-now"),
    path("policy/", views.policy, name="policy"),
    path("report.pdf", views.report_pdf, name="report-pdf"),
    path("runs/<int:pk>/", views.run_detail, name="run"),
    path("runs/<int:pk>/report.pdf", views.report_pdf, name="run-pdf"),
]
