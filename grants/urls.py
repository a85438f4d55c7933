"""grants' URLs, one namespace; each part keeps its patterns in its folder."""

from django.urls import path

from . import views
from .apply import urls as apply_urls
from .calls import urls as calls_urls
from .decisions import urls as decisions_urls
from .payments import urls as payments_urls
from .pipeline import urls as pipeline_urls
from .review import urls as review_urls

app_name = "grants"

urlpatterns = [
    path("grants/applications/<int:pk>/", views.application_detail, name="application_detail"),
    *calls_urls.urlpatterns,
    *pipeline_urls.urlpatterns,
    *apply_urls.urlpatterns,
    *decisions_urls.urlpatterns,
    *review_urls.urlpatterns,
    *payments_urls.urlpatterns,
]
