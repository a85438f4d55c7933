"""The events' demo: six events, a waiting list on the full one, attendance on a past one;
run twice, nothing doubles."""

import io

import pytest

from network.events import demo
from network.models import Event, Registration
from tests.factories import MembershipFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _on_commit(monkeypatch):
    from django.db import transaction

    monkeypatch.setattr(transaction, "on_commit", lambda func, using=None, robust=False: func())


def test_demo_is_safe_to_run_twice():
    MembershipFactory.create_batch(16)
    demo.seed(password="x", stdout=io.StringIO())
    counts = (Event.objects.count(), Registration.objects.count())
    demo.seed(password="x", stdout=io.StringIO())
    assert (Event.objects.count(), Registration.objects.count()) == counts
    assert counts[0] == 6
    full = Event.objects.get(slug="atelier-cartographier-ses-outils")
    assert full.registrations.filter(status="waiting").exists()
    held = Event.objects.get(slug="intervision-reseau-outils-collaboratifs")
    assert held.registrations.filter(attendance="present").exists()
    assert Event.objects.past().count() == 2
