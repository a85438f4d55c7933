"""Where uploaded and generated files live: STORAGES["default"] holds public files (logos),
served to anyone under MEDIA_URL (digitalees.media); STORAGES["private"] holds files that
only a view checking access may serve (PDF reports), and has no URL at all."""

from django.core.files.storage import FileSystemStorage, storages
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.utils.functional import LazyObject, empty


class PrivateFileSystemStorage(FileSystemStorage):
    def url(self, name):
        raise ValueError(
            "A private file has no public address: serve it through a view that checks access."
        )


class _PrivateStorage(LazyObject):
    def _setup(self):
        self._wrapped = storages["private"]


_private = _PrivateStorage()


def private_storage():
    """The private storage, for a model field's `storage=`: a callable, so that migrations
    name this function rather than freeze a location, and resolved at use, so that the
    deployment's (or a test's) STORAGES apply."""
    return _private


@receiver(setting_changed)
def _storages_changed(*, setting, **kwargs):
    # As Django does for default_storage when a test overrides STORAGES.
    if setting == "STORAGES":
        _private._wrapped = empty
