"""Payments and the final report: tranches, expenses with their files, the check, the balance."""

from django.urls import path

from ..planned import placeholder

urlpatterns = [
    path("grants/applications/<int:pk>/payments/new/", placeholder, name="payment_create"),
    path("grants/applications/<int:pk>/report/", placeholder, name="final_report"),
    path("grants/applications/<int:pk>/report/expenses/new/", placeholder, name="expense_add"),
    path("grants/applications/<int:pk>/report/submit/", placeholder, name="final_report_submit"),
    path("grants/applications/<int:pk>/report/send-back/", placeholder, name="report_send_back"),
    path("grants/expenses/<int:pk>/delete/", placeholder, name="expense_delete"),
    path("grants/expenses/<int:pk>/check/", placeholder, name="expense_check"),
    path("grants/expenses/<int:pk>/<slug:which>/", placeholder, name="expense_file"),
]
