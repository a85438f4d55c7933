"""Reviews: assigning reviewers, the conflict-of-interest declaration, the review form,
the scores side by side."""

from django.urls import path

from . import views

urlpatterns = [
    path("grants/applications/<int:pk>/reviewers/", views.reviewer_assign, name="reviewer_assign"),
    path(
        "grants/applications/<int:pk>/reviewers/<int:assignment_pk>/remove/",
        views.reviewer_unassign,
        name="reviewer_unassign",
    ),
    path(
        "grants/applications/<int:pk>/reviews/",
        views.application_reviews,
        name="application_reviews",
    ),
    path("grants/reviews/", views.review_home, name="review_home"),
    path("grants/reviews/<int:pk>/", views.review_form, name="review_form"),
    path("grants/reviews/<int:pk>/declaration/", views.review_declare, name="review_declare"),
]
