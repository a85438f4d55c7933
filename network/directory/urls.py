from django.urls import path

from . import views

urlpatterns = [
    path("directory/", views.directory, name="directory"),
    path("directory/<slug:slug>/", views.profile, name="profile"),
    path(
        "organisations/<slug:slug>/public-profile/",
        views.public_profile_edit,
        name="public_profile_edit",
    ),
    path(
        "organisations/<slug:slug>/public-profile/save/",
        views.public_profile_save,
        name="public_profile_save",
    ),
    path(
        "organisations/<slug:slug>/public-profile/preview/",
        views.public_profile_preview,
        name="public_profile_preview",
    ),
]
