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
        _private_mail_attachments()


def _private_mail_attachments():
    """Queued e-mails' attachments (a decision letter's PDF) in the private storage.
    POST_OFFICE["FILE_STORAGE"] names it, but post_office resolves it once, when its model
    is imported; the private storage's lazy handle follows STORAGES wherever it is changed
    (a deployment's bucket, a test's own directory)."""
    from post_office.models import Attachment

    from .storage import private_storage

    Attachment._meta.get_field("file").storage = private_storage()
