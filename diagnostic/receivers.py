"""What diagnostic does when other apps tell it something changed."""

from types import SimpleNamespace

from django.db import transaction
from django.dispatch import receiver

from network.signals import organisation_changed

from .selectors import benchmarks_forget

PEER_GROUP_FIELDS = ("sector", "size_band", "province")


@receiver(organisation_changed, dispatch_uid="diagnostic.peer_groups")
def refresh_peer_groups(sender, organisation, changed, **kwargs):
    """An organisation that changes sector, size band or province leaves one peer group for
    another (its past results keep the group recorded with them): the cached benchmarks
    of both groups are forgotten once the edit commits."""
    if not changed.keys() & set(PEER_GROUP_FIELDS):
        return
    before = SimpleNamespace(
        **{name: changed.get(name, getattr(organisation, name)) for name in PEER_GROUP_FIELDS}
    )
    transaction.on_commit(lambda: benchmarks_forget([before, organisation]))
