from django.urls import path

from . import views

app_name = "diagnostic"

urlpatterns = [
    path("diagnostic/", views.start, name="start"),
    path("diagnostic/<uuid:uuid>/part/<int:position>/", views.dimension, name="dimension"),
    path("diagnostic/<uuid:uuid>/answer/<str:code>/", views.answer, name="answer"),
    path("diagnostic/<uuid:uuid>/review/", views.review, name="review"),
    path("diagnostic/<uuid:uuid>/results/", views.results, name="results"),
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
