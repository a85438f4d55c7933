from django.urls import path

from . import views

urlpatterns = [
    path("coaching/cohorts/<slug:slug>/evaluation/", views.evaluation_form, name="evaluation_form"),
    path(
        "coaching/cohorts/<slug:slug>/evaluation/results/",
        views.evaluation_results,
        name="evaluation_results",
    ),
    path("coaching/evaluation/themes/", views.evaluation_themes, name="evaluation_themes"),
    path(
        "coaching/evaluation/themes/<int:pk>/",
        views.evaluation_theme_edit,
        name="evaluation_theme_edit",
    ),
    path("coaching/cohorts/<slug:slug>/close/", views.cohort_close, name="cohort_close"),
    path(
        "coaching/cohorts/<slug:slug>/close/confirm/",
        views.cohort_close_confirm,
        name="cohort_close_confirm",
    ),
]
