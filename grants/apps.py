from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GrantsConfig(AppConfig):
    name = "grants"
    verbose_name = _("Digitalisation grants")

    def ready(self):
        from . import tasks  # noqa: F401  (registers the tasks that services enqueue by name)
