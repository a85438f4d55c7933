from django.urls import path

from network.planned import placeholder

urlpatterns = [
    path("directory/<slug:slug>/contact/", placeholder, name="contact_create"),
]
