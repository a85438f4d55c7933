from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NetworkConfig(AppConfig):
    name = "network"
    verbose_name = _("EES network")

    def ready(self):
        from . import (
            receivers,  # noqa: F401  (connects them)
            tasks,  # noqa: F401  (registers the tasks that beat runs by name)
        )
