from django.urls import path

from . import views

urlpatterns = [
    path("newsletter/", views.newsletter_subscribe, name="newsletter_subscribe"),
    path(
        "newsletter/subscribe/", views.newsletter_subscribe_send, name="newsletter_subscribe_send"
    ),
    path("newsletter/confirm/<str:token>/", views.newsletter_confirm, name="newsletter_confirm"),
    path(
        "newsletter/confirm/<str:token>/send/",
        views.newsletter_confirm_send,
        name="newsletter_confirm_send",
    ),
    path(
        "newsletter/unsubscribe/<str:token>/",
        views.newsletter_unsubscribe,
        name="newsletter_unsubscribe",
    ),
    path(
        "newsletter/unsubscribe/<str:token>/send/",
        views.newsletter_unsubscribe_send,
        name="newsletter_unsubscribe_send",
    ),
    path(
        "newsletter/unsubscribe/<str:token>/one-click/",
        views.newsletter_unsubscribe_one_click,
        name="newsletter_unsubscribe_one_click",
    ),
]
