from django.urls import path

from network.planned import placeholder

urlpatterns = [
    path("directory/", placeholder, name="directory"),
    path("directory/<slug:slug>/", placeholder, name="profile"),
    path("organisations/<slug:slug>/public-profile/", placeholder, name="public_profile_edit"),
]
