from django.urls import path

from . import views
from .contact import urls as contact_urls
from .directory import urls as directory_urls
from .events import urls as events_urls
from .experiences import urls as experiences_urls
from .library import urls as library_urls
from .newsletter import urls as newsletter_urls

app_name = "network"

urlpatterns = [
    path("organisations/new/", views.organisation_create, name="organisation_create"),
    # "organisations/<slug>/" (organisation_detail), the page that composes several apps, is
    # registered in this namespace by digitalees/urls.py.
    path("organisations/<slug:slug>/edit/", views.organisation_edit, name="organisation_edit"),
    path(
        "organisations/<slug:slug>/invitations/new/",
        views.invitation_create,
        name="invitation_create",
    ),
    path(
        "organisations/<slug:slug>/invitations/<int:pk>/revoke/",
        views.invitation_revoke,
        name="invitation_revoke",
    ),
    path(
        "organisations/<slug:slug>/invitations/<int:pk>/revoke/confirm/",
        views.invitation_revoke_confirm,
        name="invitation_revoke_confirm",
    ),
    path(
        "organisations/<slug:slug>/members/<int:pk>/remove/",
        views.membership_remove,
        name="membership_remove",
    ),
    path(
        "organisations/<slug:slug>/members/<int:pk>/remove/confirm/",
        views.membership_remove_confirm,
        name="membership_remove_confirm",
    ),
    path(
        "organisations/<slug:slug>/members/<int:pk>/role/",
        views.membership_role,
        name="membership_role",
    ),
    path("organisations/<slug:slug>/coaches/", views.coach_assign, name="coach_assign"),
    path(
        "organisations/<slug:slug>/coaches/<int:pk>/remove/",
        views.coach_unassign,
        name="coach_unassign",
    ),
    path("invitations/<str:token>/", views.invitation_accept, name="invitation_accept"),
    path("invitations/<str:token>/join/", views.invitation_join, name="invitation_join"),
    path("staff/organisations/", views.staff_organisation_list, name="staff_organisation_list"),
    # The public network, one folder per part.
    *directory_urls.urlpatterns,
    *contact_urls.urlpatterns,
    *experiences_urls.urlpatterns,
    *events_urls.urlpatterns,
    *library_urls.urlpatterns,
    *newsletter_urls.urlpatterns,
]
