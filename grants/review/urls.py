"""Reviews: assigning reviewers, the conflict-of-interest declaration, the review form,
the scores side by side."""

from django.urls import path

from ..planned import placeholder

urlpatterns = [
    path("grants/applications/<int:pk>/reviewers/", placeholder, name="reviewer_assign"),
    path(
        "grants/applications/<int:pk>/reviewers/<int:assignment_pk>/remove/",
        placeholder,
        name="reviewer_unassign",
    ),
    path("grants/applications/<int:pk>/reviews/", placeholder, name="application_reviews"),
    path("grants/reviews/", placeholder, name="review_home"),
    path("grants/reviews/<int:pk>/", placeholder, name="review_form"),
    path("grants/reviews/<int:pk>/declaration/", placeholder, name="review_declare"),
]
