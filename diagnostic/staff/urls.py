from django.urls import path

from . import views as staff_views

app_name = "diagnostic_staff"

urlpatterns = [
    path("staff/diagnostics/", staff_views.assessment_list, name="assessment_list"),
    path("staff/diagnostics/export.csv", staff_views.assessment_export, name="assessment_export"),
    path(
        "staff/diagnostics/export.xlsx",
        staff_views.assessment_export_xlsx,
        name="assessment_export_xlsx",
    ),
    path(
        "staff/diagnostics/<uuid:uuid>/",
        staff_views.assessment_result,
        name="assessment_result",
    ),
]
