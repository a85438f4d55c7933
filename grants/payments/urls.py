"""Payments and the final report: tranches, expenses with their files, the check, the balance."""

from django.urls import path

from . import views

urlpatterns = [
    path("grants/applications/<int:pk>/payments/new/", views.payment_create, name="payment_create"),
    path("grants/applications/<int:pk>/report/", views.final_report, name="final_report"),
    path(
        "grants/applications/<int:pk>/report/expenses/new/", views.expense_add, name="expense_add"
    ),
    path(
        "grants/applications/<int:pk>/report/submit/",
        views.final_report_submit,
        name="final_report_submit",
    ),
    path(
        "grants/applications/<int:pk>/report/send-back/",
        views.report_send_back,
        name="report_send_back",
    ),
    path("grants/expenses/<int:pk>/delete/", views.expense_delete, name="expense_delete"),
    path("grants/expenses/<int:pk>/check/", views.expense_check, name="expense_check"),
    path("grants/expenses/<int:pk>/<slug:which>/", views.expense_file, name="expense_file"),
]
