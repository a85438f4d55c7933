from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DigitaleesConfig(AppConfig):
    name = "digitalees"
    verbose_name = _("DigitalEES platform")

    def ready(self):
        from django.db.backends.signals import connection_created

        from . import tasks  # noqa: F401  (registers the tasks that mail.py enqueues by name)
        from .db import register_sqlite_functions

        connection_created.connect(register_sqlite_functions)
