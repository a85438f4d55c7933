"""Two registrations for the last seat at the same moment, each on its own connection: the
event's row lock makes the second wait for the first, then find the seat taken."""

import threading

import pytest
from django.db import connection, connections

from network.events import services
from network.models import Registration
from tests.factories import MembershipFactory
from tests.network.factories import EventFactory


@pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks need PostgreSQL")
@pytest.mark.django_db(transaction=True)
def test_two_registrations_for_the_last_seat(monkeypatch):
    event = EventFactory(capacity=1)
    people = [MembershipFactory().user, MembershipFactory().user]
    both_ready = threading.Barrier(2, timeout=20)
    real_lock = services._lock

    def lock_once_both_ready(e):
        both_ready.wait()  # both have read the event, neither holds its row yet
        return real_lock(e)

    monkeypatch.setattr(services, "_lock", lock_once_both_ready)
    done, errors = [], []

    def register(user):
        try:
            done.append(
                services.registration_create(
                    event=event,
                    user=user,
                    email=user.email,
                    first_name="Anne",
                    last_name=user.email,
                )
            )
        except Exception as exc:  # noqa: BLE001 — reported below
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=register, args=(user,)) for user in people]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not errors
    statuses = sorted(r.status for r in Registration.objects.filter(event=event))
    assert statuses == [Registration.Status.CONFIRMED, Registration.Status.WAITING]
