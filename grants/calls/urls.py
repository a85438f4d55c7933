"""Calls: the public list and page, the agency's call pages."""

from django.urls import path

from ..planned import placeholder

urlpatterns = [
    path("grants/", placeholder, name="call_list"),
    path("grants/calls/<slug:slug>/", placeholder, name="call_detail"),
    path("grants/staff/calls/", placeholder, name="staff_calls"),
    path("grants/staff/calls/new/", placeholder, name="call_create"),
    path("grants/staff/calls/<int:pk>/", placeholder, name="call_overview"),
    path("grants/staff/calls/<int:pk>/edit/", placeholder, name="call_edit"),
    path("grants/staff/calls/<int:pk>/criteria/", placeholder, name="call_criteria"),
    path("grants/staff/calls/<int:pk>/publish/", placeholder, name="call_publish"),
]
