"""What network does when its own models change outside its services (the admin)."""

from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver

from .library.services import library_edit_in_progress
from .models import Resource, Topic
from .selectors import library_changed


@receiver(post_save, sender=Resource, dispatch_uid="network.library.resource_saved")
@receiver(post_delete, sender=Resource, dispatch_uid="network.library.resource_deleted")
@receiver(post_save, sender=Topic, dispatch_uid="network.library.topic_saved")
@receiver(post_delete, sender=Topic, dispatch_uid="network.library.topic_deleted")
@receiver(m2m_changed, sender=Resource.topics.through, dispatch_uid="network.library.links")
def library_edited(sender, **kwargs):
    """The library changed: what was built from it is out of date once this commits."""
    if library_edit_in_progress():
        return  # network.library.services renews the version itself, once per edit
    if kwargs.get("action", "post_").startswith("post_"):  # m2m_changed also sends pre_*
        transaction.on_commit(library_changed)
