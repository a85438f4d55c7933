from django.urls import path

from . import views

urlpatterns = [
    path("coaching/plans/<int:pk>/pdf/", views.plan_pdf, name="plan_pdf"),
    path("coaching/plans/<int:pk>/pdf/request/", views.plan_pdf_request, name="plan_pdf_request"),
    path("coaching/plan-pdfs/<int:pk>/status/", views.plan_pdf_status, name="plan_pdf_status"),
    path(
        "coaching/plan-pdfs/<int:pk>/download/", views.plan_pdf_download, name="plan_pdf_download"
    ),
    path(
        "coaching/cohorts/<slug:slug>/actions.<str:format>",
        views.cohort_actions_export,
        name="cohort_actions_export",
    ),
]
