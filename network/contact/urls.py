from django.urls import path

from . import views

urlpatterns = [
    path("directory/<slug:slug>/contact/", views.contact_create, name="contact_create"),
    path(
        "directory/<slug:slug>/contact/send/",
        views.contact_create_send,
        name="contact_create_send",
    ),
    path("conversations/", views.contact_threads, name="contact_threads"),
    path("conversations/<int:pk>/", views.contact_thread, name="contact_thread"),
    path("conversations/<int:pk>/reply/", views.contact_reply, name="contact_reply"),
]
