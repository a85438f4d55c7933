"""The project's URLs and `bare/`, the bench's reference page (never in production URLs)."""

from django.urls import path

from digitalees.urls import handler403, handler404, handler500
from digitalees.urls import urlpatterns as project

from . import views

urlpatterns = [path("bare/", views.bare, name="bare"), *project]

__all__ = ["handler403", "handler404", "handler500", "urlpatterns"]
