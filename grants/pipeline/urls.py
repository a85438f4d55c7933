"""The agency's pipeline of applications, its exports and the de minimis register."""

from django.urls import path

from . import views

urlpatterns = [
    path("grants/staff/applications/", views.pipeline, name="pipeline"),
    path("grants/staff/applications/export.xlsx", views.export_xlsx, name="export_xlsx"),
    path("grants/staff/applications/export.csv", views.export_csv, name="export_csv"),
    path("grants/staff/de-minimis/", views.de_minimis_register, name="de_minimis_register"),
    path("grants/staff/de-minimis/register.csv", views.de_minimis_csv, name="de_minimis_csv"),
    path("grants/staff/de-minimis/register.xlsx", views.de_minimis_xlsx, name="de_minimis_xlsx"),
]
