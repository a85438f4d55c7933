"""Network's background jobs, one module per part, imported here for the workers'
autodiscovery (celery looks for `<app>.tasks`)."""

from .newsletter.tasks import send_monthly_digest  # noqa: F401
