from django.urls import path

from . import views

urlpatterns = [
    path("resources/", views.resource_list, name="resource_list"),
    path("resources/<slug:slug>/", views.resource_detail, name="resource_detail"),
    path("staff/resources/", views.staff_resource_list, name="staff_resource_list"),
    path("staff/resources/new/", views.staff_resource_create, name="staff_resource_create"),
    path("staff/resources/<int:pk>/edit/", views.staff_resource_edit, name="staff_resource_edit"),
    path(
        "staff/resources/<int:pk>/publish/",
        views.staff_resource_publish,
        name="staff_resource_publish",
    ),
    path(
        "staff/resources/<int:pk>/unpublish/",
        views.staff_resource_unpublish,
        name="staff_resource_unpublish",
    ),
    path(
        "staff/resources/<int:pk>/delete/confirm/",
        views.staff_resource_delete_confirm,
        name="staff_resource_delete_confirm",
    ),
    path(
        "staff/resources/<int:pk>/delete/",
        views.staff_resource_delete,
        name="staff_resource_delete",
    ),
]
