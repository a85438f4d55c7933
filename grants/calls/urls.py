"""Calls: the public list and page, the agency's call pages."""

from django.urls import path

from . import views

urlpatterns = [
    path("grants/", views.call_list, name="call_list"),
    path("grants/calls/<slug:slug>/", views.call_detail, name="call_detail"),
    path("grants/staff/calls/", views.staff_calls, name="staff_calls"),
    path("grants/staff/calls/new/", views.call_create, name="call_create"),
    path("grants/staff/calls/<int:pk>/", views.call_overview, name="call_overview"),
    path("grants/staff/calls/<int:pk>/edit/", views.call_edit, name="call_edit"),
    path("grants/staff/calls/<int:pk>/criteria/", views.call_criteria, name="call_criteria"),
    path("grants/staff/calls/<int:pk>/publish/", views.call_publish, name="call_publish"),
]
