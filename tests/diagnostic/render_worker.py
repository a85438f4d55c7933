"""A Celery worker in a process of its own, for the test that kills one mid-render:
`python -m tests.diagnostic.render_worker [--slow]`. With --slow each render first waits a
minute, time for the test to kill the worker. Settings come from the environment (the test
gives its database, Redis, media and mail directories, and a short visibility timeout)."""

import os
import sys
import time

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "digitalees.settings")
django.setup()

from diagnostic.reports import services as reports  # noqa: E402
from digitalees.celery import app  # noqa: E402

if "--slow" in sys.argv:
    real_pdf = reports.report_pdf

    def slow_pdf(report):
        time.sleep(60)
        return real_pdf(report)

    reports.report_pdf = slow_pdf

# Look for messages left unacknowledged every second, not every 100 (the test is short).
app.conf.broker_transport_options = {
    **app.conf.broker_transport_options,
    "unacked_restore_interval": 1,
    "unacked_restore_throttle": 1,
}
app.worker_main(
    ["worker", "--pool=solo", "--without-mingle", "--without-gossip", "--loglevel=INFO"]
)
