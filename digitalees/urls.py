from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from . import health, views

admin.site.site_header = _("DigitalEES administration")
admin.site.site_title = _("DigitalEES")

urlpatterns = [
    path("", views.home, name="home"),
    path("dashboard/", views.dashboard, name="dashboard"),
    path("healthz", health.healthz, name="healthz"),
    path("accounts/", include("allauth.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("", include("network.urls")),
    path("", include("diagnostic.urls")),
    path("", include("diagnostic.reports.urls")),
    path("", include("diagnostic.staff.urls")),
]

if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

handler403 = "digitalees.views.error_403"
handler404 = "digitalees.views.error_404"
handler500 = "digitalees.views.error_500"
