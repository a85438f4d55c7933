"""Logging filters named in settings.LOGGING."""

import logging


class ForbiddenWithoutTraceback(logging.Filter):
    """A 403 is a refusal the rules decided, not a fault: Django logs it with the traceback
    of the PermissionDenied that the view raised, a screenful for each refused request.
    One line says all there is (the path, from the message)."""

    def filter(self, record: logging.LogRecord) -> bool:
        if getattr(record, "status_code", None) == 403:
            record.exc_info = None
            record.exc_text = None
        return True
