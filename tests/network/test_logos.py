"""Uploaded logos: bounded in pixels (read from the header), re-encoded by the service,
served in production under /media/."""

from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from PIL import Image, ImageFile

from network.models import Organisation
from tests.factories import MembershipFactory, UserFactory
from tests.network.test_views import FORM

pytestmark = pytest.mark.django_db


def _image(size, *, format="PNG", mode="1", **save) -> bytes:
    out = BytesIO()
    Image.new(mode, size).save(out, format=format, **save)
    return out.getvalue()


@pytest.fixture(scope="module")
def huge_png() -> bytes:
    """12,000 × 12,000 pixels in a few kilobytes: every browser would decode all of them."""
    return _image((12000, 12000), optimize=True)


def _create(client, logo: SimpleUploadedFile):
    client.force_login(UserFactory())
    client.cookies["django_language"] = "en"
    return client.post(reverse("network:organisation_create"), {**FORM, "logo": logo})


@pytest.mark.filterwarnings("ignore::PIL.Image.DecompressionBombWarning")
def test_a_small_file_of_too_many_pixels_is_refused(client, huge_png):
    assert len(huge_png) < 1024 * 1024
    response = _create(client, SimpleUploadedFile("bomb.png", huge_png, "image/png"))
    assert response.status_code == 200
    assert (
        "The logo must measure 4,000 × 4,000 pixels at most; this one measures 12,000 × 12,000."
        in response.content.decode()
    )
    assert not Organisation.objects.exists()


def test_an_image_whose_pixels_cannot_be_read_gets_a_message(client, monkeypatch):
    """The header passes Django's check; decoding the pixels fails: a message, not a 500.
    (WeasyPrint, once imported, lets Pillow fill truncated images in: not here.)"""
    monkeypatch.setattr(ImageFile, "LOAD_TRUNCATED_IMAGES", False)
    photo = _image((800, 600), format="JPEG", mode="RGB")
    truncated = photo[: len(photo) // 2]
    response = _create(client, SimpleUploadedFile("cut.jpg", truncated, "image/jpeg"))
    assert response.status_code == 200
    assert "This image cannot be read: save it again as PNG, JPEG or WebP." in (
        response.content.decode()
    )
    assert not Organisation.objects.exists()


def test_the_help_text_says_the_limit(client):
    client.force_login(UserFactory())
    client.cookies["django_language"] = "en"
    page = client.get(reverse("network:organisation_create")).content.decode()
    assert "4,000 × 4,000 pixels at most" in page


def test_a_logo_is_stored_re_encoded_small_and_without_metadata(client):
    exif = Image.Exif()
    exif[0x010F] = "Appareil de Marie"  # Make
    exif[0x0132] = "2026:11:30 10:00:00"  # DateTime
    photo = _image((3000, 2000), format="JPEG", mode="RGB", exif=exif.tobytes())
    response = _create(client, SimpleUploadedFile("photo.jpg", photo, "image/jpeg"))
    assert response.status_code == 302
    logo = Organisation.objects.get().logo
    assert logo.name.startswith("logos/photo") and logo.name.endswith(".webp")
    with logo.open("rb") as stored, Image.open(stored) as image:
        assert image.format == "WEBP"
        assert max(image.size) == 512 and image.size == (512, 341)
        assert not image.getexif() and "exif" not in image.info


def test_an_edited_logo_is_re_encoded_and_an_unchanged_one_kept(client):
    membership = MembershipFactory(role="admin")
    organisation = membership.organisation
    client.force_login(membership.user)
    url = reverse("network:organisation_edit", kwargs={"slug": organisation.slug})
    form = {**FORM, "enterprise_number": organisation.enterprise_number}
    png = _image((800, 800), mode="RGBA")
    assert client.post(url, {**form, "logo": SimpleUploadedFile("l.png", png)}).status_code == 302
    organisation.refresh_from_db()
    assert organisation.logo.name.endswith(".webp")
    stored = organisation.logo.name
    assert client.post(url, form).status_code == 302
    organisation.refresh_from_db()
    assert organisation.logo.name == stored


def test_logos_are_served_with_debug_off(client, settings):
    settings.DEBUG = False
    png = _image((100, 100), mode="RGB")
    assert _create(client, SimpleUploadedFile("logo.png", png)).status_code == 302
    logo = Organisation.objects.get().logo
    response = Client().get(logo.url)
    assert response.status_code == 200
    assert response["Content-Type"] == "image/webp"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "max-age=2592000" in response["Cache-Control"]
    assert b"".join(response.streaming_content).startswith(b"RIFF")
