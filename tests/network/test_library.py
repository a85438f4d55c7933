"""The resource library's version: what caches built from the library key on."""

import pytest

from network.models import Resource, Topic
from network.selectors import library_version

pytestmark = pytest.mark.django_db


def test_every_kind_of_library_edit_changes_its_version_once_committed(
    django_capture_on_commit_callbacks,
):
    versions = [library_version()]
    assert library_version() == versions[0]  # stable while nothing changes

    def edit(change):
        with django_capture_on_commit_callbacks(execute=True):
            change()
            assert library_version() == versions[-1]  # not before the edit commits
        versions.append(library_version())

    topic = Topic(code="test-topic", name_fr="Thème", name_en="Topic")
    edit(topic.save)
    resource = Resource(
        slug="test-guide",
        title_fr="Guide",
        title_en="Guide",
        summary_fr="Un guide.",
        summary_en="A guide.",
        kind=Resource.Kind.GUIDE,
        language="fr",
    )
    edit(resource.save)
    edit(lambda: resource.topics.add(topic))
    edit(lambda: resource.topics.remove(topic))
    edit(resource.delete)
    edit(topic.delete)

    assert len(set(versions)) == len(versions)
