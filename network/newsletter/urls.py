from django.urls import path

from network.planned import placeholder

urlpatterns = [
    path("newsletter/", placeholder, name="newsletter_subscribe"),
]
