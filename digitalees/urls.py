from django.conf import settings
from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from network import urls as network_urls

from . import health, legal, media, views

admin.site.site_header = _("DigitalEES administration")
admin.site.site_title = _("DigitalEES")

urlpatterns = [
    path("", views.home, name="home"),
    path("dashboard/", views.dashboard, name="dashboard"),
    path("healthz", health.healthz, name="healthz"),
    # The 500 page cannot reverse URLs: it links to these paths as they are written here.
    path("privacy/", legal.page, {"name": "privacy"}, name="privacy"),
    path("legal-notice/", legal.page, {"name": "legal_notice"}, name="legal_notice"),
    path("accessibility/", legal.page, {"name": "accessibility"}, name="accessibility"),
    path("contact/", legal.page, {"name": "contact"}, name="contact"),
    # The programme's public figures (they compose several apps: the top floor).
    path("statistics/", views.statistics, name="statistics"),
    path("statistics/figures.csv", views.statistics_csv, name="statistics_csv"),
    path("accounts/", include("allauth.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    # An organisation's page composes several apps, so it lives here at the top floor (a
    # lower app never imports it), under network's URL name all the same. After network's
    # own patterns: "organisations/new/" is not an organisation's page.
    path(
        "",
        include(
            (
                [
                    *network_urls.urlpatterns,
                    path(
                        "organisations/<slug:slug>/",
                        views.organisation_detail,
                        name="organisation_detail",
                    ),
                ],
                network_urls.app_name,
            )
        ),
    ),
    path("", include("diagnostic.urls")),
    path("", include("diagnostic.reports.urls")),
    path("", include("diagnostic.staff.urls")),
    path("", include("coaching.urls")),
    path("", include("grants.urls")),
]

# Public uploads, DEBUG or not; a MEDIA_URL on another host (object storage) serves itself.
if settings.MEDIA_URL.startswith("/"):
    urlpatterns.append(
        path(
            f"{settings.MEDIA_URL.lstrip('/')}<path:path>", media.public_media, name="public_media"
        )
    )

handler403 = "digitalees.views.error_403"
handler404 = "digitalees.views.error_404"
handler500 = "digitalees.views.error_500"
