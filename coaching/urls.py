"""coaching's URLs, one namespace; each part keeps its patterns in its folder."""

from django.urls import path  # noqa: F401

from . import planned
from .calendar import urls as calendar_urls
from .dashboards import urls as dashboards_urls
from .evaluation import urls as evaluation_urls
from .exports import urls as exports_urls
from .reminders import urls as reminders_urls
from .selection import urls as selection_urls
from .sessions import urls as sessions_urls
from .staff import urls as staff_urls

app_name = "coaching"

urlpatterns = [
    # Plans and their actions (coaching/views.py).
    *staff_urls.urlpatterns,
    *selection_urls.urlpatterns,
    *sessions_urls.urlpatterns,
    *dashboards_urls.urlpatterns,
    *evaluation_urls.urlpatterns,
    *reminders_urls.urlpatterns,
    *calendar_urls.urlpatterns,
    *exports_urls.urlpatterns,
    # Last: names whose part has not landed yet (a real pattern above wins the path).
    *planned.urlpatterns,
]
