from django.urls import path

from network.planned import placeholder

urlpatterns = [
    path("experiences/", placeholder, name="experience_list"),
    path("experiences/feed/", placeholder, name="experience_feed"),
    path("experiences/<slug:slug>/", placeholder, name="experience_detail"),
    path("organisations/<slug:slug>/experiences/", placeholder, name="organisation_experiences"),
    path("organisations/<slug:slug>/experiences/new/", placeholder, name="experience_create"),
    path("staff/experiences/", placeholder, name="moderation_queue"),
]
