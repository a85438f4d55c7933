"""The newsletter's and the contact relay's demo data, through network's demo: safe twice."""

import io

import pytest

from network import demo
from network.models import ContactThread, Subscriber

pytestmark = pytest.mark.django_db


def test_the_demo_adds_subscribers_in_each_state_and_an_answered_conversation():
    for _ in range(2):
        demo.seed(password="demo-password-1", stdout=io.StringIO())
    assert Subscriber.objects.count() == 5
    assert Subscriber.objects.receiving().count() == 3
    assert Subscriber.objects.filter(confirmed_at__isnull=True).count() == 1
    assert Subscriber.objects.filter(unsubscribed_at__isnull=False).count() == 1
    thread = ContactThread.objects.get()
    assert thread.replied_at is not None
    assert thread.messages.count() == 2
    assert thread.from_organisation.name == "Ressourcerie du Pays de Herve"
    assert thread.to_organisation.is_public and thread.to_organisation.accepts_contact
