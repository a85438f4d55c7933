from django.urls import path

from network import views
from network.planned import placeholder

urlpatterns = [
    path("resources/", placeholder, name="resource_list"),
    path("resources/<slug:slug>/", views.resource_detail, name="resource_detail"),
    path("staff/resources/", placeholder, name="staff_resource_list"),
]
