"""A real Celery worker consumes a real task through Redis.

CI sets REDIS_URL; locally the default Redis of this machine is used. Redis must run:
this test fails (it does not skip) when it cannot reach it.
"""

import os
import time

import pytest
import redis
from celery.contrib.testing.worker import start_worker
from kombu import pools

from digitalees.celery import app
from network import services
from tests.factories import MembershipFactory

REDIS_URL = os.environ.get("REDIS_URL") or "redis://127.0.0.1:6379/0"


@pytest.fixture
def redis_celery():
    try:
        redis.Redis.from_url(REDIS_URL, socket_connect_timeout=2).ping()
    except redis.ConnectionError as exc:
        pytest.fail(f"Redis is not reachable at {REDIS_URL}: start it (see README). {exc}")
    saved = {k: app.conf[k] for k in ("broker_url", "task_always_eager")}
    app.conf.update(broker_url=REDIS_URL, task_always_eager=False)
    _reset_connections()
    try:
        with start_worker(app, pool="solo", perform_ping_check=False, shutdown_timeout=10):
            yield app
    finally:
        app.conf.update(saved)
        _reset_connections()


def _reset_connections():
    """Drop the app's cached broker connections so that the new broker_url is used."""
    pools.reset()
    app._pool = None
    app.amqp._producer_pool = None


@pytest.mark.celery_worker
@pytest.mark.django_db(transaction=True)
def test_invitation_mail_is_sent_by_a_worker_through_redis(redis_celery, mailoutbox):
    admin = MembershipFactory(role="admin")
    services.invitation_create(
        organisation=admin.organisation,
        email="colleague@example.be",
        role="member",
        invited_by=admin.user,
    )
    deadline = time.monotonic() + 20
    while not mailoutbox and time.monotonic() < deadline:
        time.sleep(0.1)
    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == ["colleague@example.be"]
    assert admin.organisation.name in mailoutbox[0].subject
