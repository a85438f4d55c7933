import pytest

from network.signals import organisation_changed


@pytest.fixture
def changes():
    """The organisation_changed signals sent during a test, as (organisation, changed)."""
    sent = []

    def collect(sender, organisation, changed, **kwargs):
        sent.append((organisation.pk, changed))

    organisation_changed.connect(collect, dispatch_uid="tests.changes")
    yield sent
    organisation_changed.disconnect(dispatch_uid="tests.changes")
