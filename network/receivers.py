"""What network does when its own models change outside its services (the admin)."""

from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver

from digitalees.figures import figures_changed

from .library.services import library_edit_in_progress
from .models import Event, Experience, Organisation, Registration, Resource, Topic
from .selectors import ACTIVITY_DATA, ORGANISATIONS_DATA, library_changed


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


@receiver(post_delete, sender=Organisation, dispatch_uid="network.figures.organisation_deleted")
def organisation_deleted(sender, **kwargs):
    """An organisation deleted (the admin: no service deletes one) takes its results,
    enrolments and applications with it: every public figure is out of date."""
    figures_changed(ORGANISATIONS_DATA)


@receiver(post_save, sender=Experience, dispatch_uid="network.figures.experience_saved")
@receiver(post_delete, sender=Experience, dispatch_uid="network.figures.experience_deleted")
@receiver(post_save, sender=Event, dispatch_uid="network.figures.event_saved")
@receiver(post_delete, sender=Event, dispatch_uid="network.figures.event_deleted")
@receiver(post_save, sender=Registration, dispatch_uid="network.figures.registration_saved")
@receiver(post_delete, sender=Registration, dispatch_uid="network.figures.registration_deleted")
def activity_edited(sender, **kwargs):
    """An experience, an event or a registration saved, by a service or the admin: the
    public figures drawn from them are computed again once this commits. A service that
    writes them with update() or bulk_create() renews ACTIVITY_DATA itself."""
    figures_changed(ACTIVITY_DATA)
