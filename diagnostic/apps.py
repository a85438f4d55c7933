from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DiagnosticConfig(AppConfig):
    name = "diagnostic"
    verbose_name = _("Self-diagnostic")

    def ready(self):
        from . import (
            receivers,  # noqa: F401  (connects them)
            tasks,  # noqa: F401  (registers the tasks that services enqueue by name)
        )
