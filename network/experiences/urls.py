from django.urls import path

from . import views

urlpatterns = [
    path("experiences/", views.experience_list, name="experience_list"),
    path("experiences/feed/", views.experience_feed, name="experience_feed"),
    path("experiences/<slug:slug>/", views.experience_detail, name="experience_detail"),
    path("experiences/photos/<int:pk>/", views.experience_photo, name="experience_photo"),
    path(
        "organisations/<slug:slug>/experiences/",
        views.organisation_experiences,
        name="organisation_experiences",
    ),
    path(
        "organisations/<slug:slug>/experiences/new/",
        views.experience_create,
        name="experience_create",
    ),
    path("my-experiences/<int:pk>/edit/", views.experience_edit, name="experience_edit"),
    path("my-experiences/<int:pk>/save/", views.experience_save, name="experience_save"),
    path("my-experiences/<int:pk>/preview/", views.experience_preview, name="experience_preview"),
    path("my-experiences/<int:pk>/submit/", views.experience_submit, name="experience_submit"),
    path("my-experiences/<int:pk>/photos/", views.photo_add, name="experience_photo_add"),
    path(
        "my-experiences/photos/<int:pk>/remove/",
        views.photo_remove,
        name="experience_photo_remove",
    ),
    path("staff/experiences/", views.moderation_queue, name="moderation_queue"),
    path("staff/experiences/<int:pk>/", views.experience_moderate, name="experience_moderate"),
    path(
        "staff/experiences/<int:pk>/publish/",
        views.experience_publish,
        name="experience_publish",
    ),
    path("staff/experiences/<int:pk>/return/", views.experience_return, name="experience_return"),
    path("staff/experiences/<int:pk>/refuse/", views.experience_refuse, name="experience_refuse"),
    path(
        "staff/experiences/<int:pk>/unpublish/",
        views.experience_unpublish,
        name="experience_unpublish",
    ),
]
