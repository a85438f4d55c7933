from django.urls import path

from . import views

app_name = "diagnostic"

urlpatterns = [
    path("diagnostic/", views.start, name="start"),
    path("diagnostic/<uuid:uuid>/part/<int:position>/", views.dimension, name="dimension"),
    path("diagnostic/<uuid:uuid>/answer/<str:code>/", views.answer, name="answer"),
    path("diagnostic/<uuid:uuid>/review/", views.review, name="review"),
    path("diagnostic/<uuid:uuid>/results/", views.results, name="results"),
    path("diagnostic/<uuid:uuid>/resume-link/", views.resume_link, name="resume_link"),
    path("diagnostic/<uuid:uuid>/claim/", views.claim, name="claim"),
    path("diagnostic/<uuid:uuid>/attach/", views.attach, name="attach"),
    path("diagnostic/<uuid:uuid>/welcome/", views.welcome, name="welcome"),
    path("diagnostic/<uuid:uuid>/delete/", views.draft_delete_confirm, name="draft_delete_confirm"),
    path("diagnostic/<uuid:uuid>/delete/confirmed/", views.draft_delete, name="draft_delete"),
    path("diagnostic/link/<str:token>/", views.access, name="access"),
    path(
        "organisations/<slug:slug>/diagnostic/campaigns/new/",
        views.campaign_open,
        name="campaign_open",
    ),
    path(
        "organisations/<slug:slug>/diagnostic/campaigns/<int:pk>/",
        views.campaign_detail,
        name="campaign_detail",
    ),
    path(
        "organisations/<slug:slug>/diagnostic/campaigns/<int:pk>/invite/",
        views.campaign_invite,
        name="campaign_invite",
    ),
    path(
        "organisations/<slug:slug>/diagnostic/campaigns/<int:pk>/close/",
        views.campaign_close,
        name="campaign_close",
    ),
    path(
        "organisations/<slug:slug>/diagnostic/campaigns/<int:pk>/close/confirm/",
        views.campaign_close_confirm,
        name="campaign_close_confirm",
    ),
    path(
        "organisations/<slug:slug>/diagnostic/",
        views.organisation_history,
        name="organisation_history",
    ),
    path(
        "organisations/<slug:slug>/diagnostic/results/<int:pk>/",
        views.organisation_result,
        name="organisation_result",
    ),
]
