"""A Celery worker in a process of its own, for the tests that kill one mid-render:
`python -m tests.diagnostic.render_worker [--prefork] [--slow-once=PATH]`.

With --slow-once, the first render (while PATH does not exist) writes its process id to PATH
and then waits a minute, time for the test to kill it; later renders run at once. Settings
come from the environment (the test gives its database, Redis, media and mail directories and
a short visibility timeout)."""

import os
import sys
import time

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "digitalees.settings")
django.setup()

from diagnostic.reports import services as reports  # noqa: E402
from digitalees.celery import app  # noqa: E402

options = dict(arg.lstrip("-").partition("=")[::2] for arg in sys.argv[1:])
if marker := options.get("slow-once"):
    real_pdf = reports.report_pdf

    def slow_pdf(report):
        if not os.path.exists(marker):
            with open(marker, "w") as file:
                file.write(str(os.getpid()))
            time.sleep(60)
        return real_pdf(report)

    reports.report_pdf = slow_pdf

# Look for messages left unacknowledged every second, not every 100 (the test is short).
app.conf.broker_transport_options = {
    **app.conf.broker_transport_options,
    "unacked_restore_interval": 1,
    "unacked_restore_throttle": 1,
}
pool = ["--pool=prefork", "--concurrency=1"] if "prefork" in options else ["--pool=solo"]
app.worker_main(["worker", *pool, "--without-mingle", "--without-gossip", "--loglevel=INFO"])
