from django.urls import path

from . import views

urlpatterns: list = [
    path("coaching/reminders/", views.reminder_settings, name="reminder_settings"),
    path(
        "coaching/reminders/off/<str:token>/",
        views.reminders_unsubscribe,
        name="reminders_unsubscribe",
    ),
]
