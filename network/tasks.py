"""Background jobs of the network, one module per part, imported here for the workers'
autodiscovery (app.autodiscover_tasks looks for <app>.tasks)."""

from .events.tasks import (  # noqa: F401
    render_certificate,
    requeue_stale_certificates,
    send_event_reminders,
)
