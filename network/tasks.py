"""Network's background jobs, one module per part, imported here for the workers'
autodiscovery (celery looks for `<app>.tasks`)."""

from .events.tasks import (  # noqa: F401
    render_certificate,
    requeue_stale_certificates,
    send_event_reminders,
)
from .newsletter.tasks import send_monthly_digest  # noqa: F401
