"""/media/ serves the public storage only: what is not a public image, or lies outside
it, answers 404; reports live in the private storage and have no public address."""

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import storages
from django.test import Client

from diagnostic.models import Report
from tests.diagnostic.test_reports import _org_result

pytestmark = pytest.mark.django_db


def test_a_report_file_does_not_open_under_media(settings):
    settings.DEBUG = False
    _admin, result = _org_result()
    report = Report.objects.create(result=result, language="fr")
    report.file.save("rapport.pdf", ContentFile(b"%PDF-1.7 secret"), save=True)
    assert (settings.PRIVATE_MEDIA_ROOT / report.file.name).exists()
    assert not (settings.MEDIA_ROOT / report.file.name).exists()
    assert Client().get(f"/media/{report.file.name}").status_code == 404
    with pytest.raises(ValueError, match="no public address"):
        report.file.url  # noqa: B018


@pytest.mark.parametrize(
    "name", ["notes.pdf", "page.html", "logos/../../private/reports/r.pdf", "missing.png"]
)
def test_only_public_images_are_served(settings, name):
    settings.DEBUG = False
    storages["default"].save("notes.pdf", ContentFile(b"%PDF"))
    storages["default"].save("page.html", ContentFile(b"<script>alert(1)</script>"))
    assert Client().get(f"/media/{name}").status_code == 404
