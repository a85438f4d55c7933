"""The agency's pipeline of applications, its exports and the de minimis register."""

from django.urls import path

from ..planned import placeholder

urlpatterns = [
    path("grants/staff/applications/", placeholder, name="pipeline"),
    path("grants/staff/applications/export.xlsx", placeholder, name="export_xlsx"),
    path("grants/staff/applications/export.csv", placeholder, name="export_csv"),
    path("grants/staff/de-minimis/", placeholder, name="de_minimis_register"),
    path("grants/staff/de-minimis/register.csv", placeholder, name="de_minimis_csv"),
    path("grants/staff/de-minimis/register.xlsx", placeholder, name="de_minimis_xlsx"),
]
