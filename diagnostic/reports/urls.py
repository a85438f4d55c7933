from django.urls import path

from . import views as report_views

app_name = "diagnostic_reports"

urlpatterns = [
    path(
        "diagnostic/<uuid:uuid>/report/",
        report_views.assessment_request,
        name="assessment_request",
    ),
    path(
        "organisations/<slug:slug>/diagnostic/results/<int:pk>/report/",
        report_views.result_request,
        name="result_request",
    ),
    path("diagnostic/reports/<int:pk>/status/", report_views.status, name="status"),
    path("diagnostic/reports/<int:pk>/download/", report_views.download, name="download"),
]
