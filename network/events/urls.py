from django.urls import path

from network.planned import placeholder

urlpatterns = [
    path("events/", placeholder, name="event_list"),
    path("events/<slug:slug>/", placeholder, name="event_detail"),
    path("staff/events/", placeholder, name="staff_event_list"),
]
