from django.urls import path

from . import views

urlpatterns: list = [
    path("coaching/calendar/", views.calendar_settings, name="calendar_settings"),
    path("coaching/calendar/renew/", views.calendar_renew, name="calendar_renew"),
    path("coaching/calendar/<str:token>.ics", views.calendar_feed, name="calendar_feed"),
]
