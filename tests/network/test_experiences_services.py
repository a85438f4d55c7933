from io import BytesIO

import pytest
from django.contrib.postgres.search import SearchQuery
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from PIL import Image

from network.experiences import services
from network.experiences.services import clean_story
from network.models import Experience, ExperienceItem, ExperienceModeration
from tests.factories import AgencyStaffFactory, MembershipFactory
from tests.network.experiences_helpers import ITEMS, draft, image_upload

pytestmark = pytest.mark.django_db

Kind = ExperienceItem.Kind


@pytest.fixture
def member(organisation):
    return MembershipFactory(organisation=organisation, role="member").user


def test_story_is_cleaned():
    story = clean_story(
        '<p onclick="steal()">Bonjour <script>alert(1)</script><strong>gras</strong></p>'
        '<a href="javascript:alert(1)">piège</a> <a href="https://example.be">lien</a>'
        '<img src=x onerror="alert(1)"><iframe src="https://evil"></iframe>'
        '<h3 style="color:red">Titre</h3>'
    )
    assert "<script" not in story and "alert(1)" not in story
    assert "onclick" not in story and "onerror" not in story
    assert "javascript:" not in story
    assert "<img" not in story and "<iframe" not in story and "style" not in story
    assert "<strong>gras</strong>" in story
    assert '<a href="https://example.be" rel="noopener nofollow">lien</a>' in story
    assert "<h3>Titre</h3>" in story


def test_plain_story_becomes_paragraphs():
    assert clean_story("Premier.\n\nSecond & 2 < 3") == (
        "<p>Premier.</p>\n\n<p>Second &amp; 2 &lt; 3</p>"
    )


def test_create_folds_search_text_and_keys(organisation, member):
    experience = draft(
        organisation,
        member,
        title="Numérique À L'ÉCOLE",
        story="<p>Un <em>récit</em></p>",
        items={Kind.TOOL: ["  Canva  ", "", "Nextcloud"]},
    )
    assert experience.slug == "numerique-a-lecole"
    assert "numerique a l'ecole" in experience.search_text
    assert "un recit" in experience.search_text and "<em>" not in experience.search_text
    tools = list(experience.items.filter(kind=Kind.TOOL).values_list("position", "text", "key"))
    assert tools == [(1, "Canva", "canva"), (3, "Nextcloud", "nextcloud")]


def test_slugs_are_unique_and_never_feed(organisation, member):
    first = draft(organisation, member, title="Feed")
    second = draft(organisation, member, title="Feed")
    assert first.slug != "feed" and second.slug != "feed" and first.slug != second.slug


def test_update_rewrites_items_and_search_text(organisation, member):
    experience = draft(organisation, member)
    services.experience_update(
        experience=experience,
        title="Nouveau titre",
        why="Parce que.",
        items={Kind.KEYWORD: ["Confiance"]},
    )
    experience.refresh_from_db()
    assert experience.title == "Nouveau titre"
    assert list(experience.items.values_list("key", flat=True)) == ["confiance"]
    assert "confiance" in experience.search_text and "nextcloud" not in experience.search_text


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the stored French tsvector")
def test_the_stored_search_vector_follows_each_write(organisation, member):
    """The search reads the stored vector: an edit's new words are found at once, the old
    ones no longer; the bulk variant stores its rows' vectors too."""
    experience = draft(organisation, member)
    services.experience_update(
        experience=experience, title="Nouveau titre", why="Parce que la confiance compte."
    )
    matching = Experience.objects.filter(search_vector=SearchQuery("confiance", config="french"))
    assert list(matching) == [experience]
    assert not Experience.objects.filter(search_vector=SearchQuery("nextcloud", config="french"))
    [bulk] = services.experiences_create_bulk(
        experiences=[{"organisation": organisation, "title": "Les paniers", "why": "Vendre."}]
    )
    bulk_matching = Experience.objects.filter(search_vector=SearchQuery("panier", config="french"))
    assert list(bulk_matching) == [bulk]


def test_submit_requires_everything(organisation, member, mailoutbox, english):
    experience = draft(organisation, member, why="", items={Kind.TOOL: ["Canva"]})
    with pytest.raises(ValidationError) as error:
        services.experience_submit(experience=experience, by=member)
    text = " ".join(error.value.messages)
    assert "why digitalise" in text and "Especially useful tool" in text
    experience.refresh_from_db()
    assert experience.status == Experience.Status.DRAFT
    assert not mailoutbox


def test_lifecycle_records_steps_and_mails(
    organisation, member, mailoutbox, django_capture_on_commit_callbacks
):
    staff = AgencyStaffFactory(email="moderatrice@agence.be")
    experience = draft(organisation, member)
    with django_capture_on_commit_callbacks(execute=True):
        services.experience_submit(experience=experience, by=member)
    assert [m.to for m in mailoutbox] == [["moderatrice@agence.be"]]
    with pytest.raises(ValidationError):
        services.experience_return(experience=experience, by=staff, remarks="  ")
    with django_capture_on_commit_callbacks(execute=True):
        services.experience_return(experience=experience, by=staff, remarks="Précisez les outils.")
    experience.refresh_from_db()
    assert experience.status == Experience.Status.RETURNED
    assert "Précisez les outils." in mailoutbox[-1].body
    assert member.email in mailoutbox[-1].to
    services.experience_submit(experience=experience, by=member)
    services.experience_publish(experience=experience, by=staff)
    experience.refresh_from_db()
    assert experience.status == Experience.Status.PUBLISHED
    assert experience.published_at is not None
    actions = list(experience.moderations.values_list("action", flat=True))
    assert actions == ["submitted", "returned", "submitted", "published"]
    with pytest.raises(ValidationError):  # published: no longer a draft
        services.experience_update(experience=experience, title="Autre")
    services.experience_unpublish(experience=experience, by=staff, remarks="Retiré.")
    experience.refresh_from_db()
    assert experience.status == Experience.Status.RETURNED and experience.published_at is None
    assert experience.moderations.last().action == ExperienceModeration.Action.UNPUBLISHED


def test_refuse_needs_remarks(organisation, member):
    staff = AgencyStaffFactory()
    experience = services.experience_submit(experience=draft(organisation, member), by=member)
    with pytest.raises(ValidationError):
        services.experience_refuse(experience=experience, by=staff, remarks="")
    services.experience_refuse(experience=experience, by=staff, remarks="Hors sujet.")
    experience.refresh_from_db()
    assert experience.status == Experience.Status.REFUSED
    with pytest.raises(ValidationError):  # a refused experience is not published later
        services.experience_publish(experience=experience, by=staff)


def test_photo_is_reencoded_without_exif(organisation, member):
    experience = draft(organisation, member)
    exif = Image.Exif()
    exif[0x010F] = "SecretCam"  # Make
    exif[0x0132] = "2024:01:01 10:00:00"
    photo = services.photo_add(
        experience=experience,
        file=image_upload(size=(2400, 1200), exif=exif.tobytes()),
        alt_text="L'équipe devant l'atelier",
    )
    with photo.image.open("rb") as f:
        data = f.read()
    assert b"SecretCam" not in data
    with Image.open(BytesIO(data)) as stored:
        assert stored.format == "WEBP"
        assert not stored.getexif()
        assert stored.size == (1600, 800) == (photo.width, photo.height)


def test_pdf_renamed_jpg_refused(organisation, member, english):
    experience = draft(organisation, member)
    fake = SimpleUploadedFile("photo.jpg", b"%PDF-1.4\n1 0 obj<<>>endobj\n", "image/jpeg")
    with pytest.raises(ValidationError) as error:
        services.photo_add(experience=experience, file=fake, alt_text="Une photo")
    assert "JPEG, PNG or WebP" in " ".join(error.value.messages)
    assert not experience.photos.exists()


def test_huge_image_refused(organisation, member, english):
    experience = draft(organisation, member)
    big = image_upload("big.png", size=(8000, 6000), fmt="PNG")  # 48 million pixels
    with pytest.raises(ValidationError) as error:
        services.photo_add(experience=experience, file=big, alt_text="Grande")
    assert "million pixels" in " ".join(error.value.messages)
    assert not experience.photos.exists()


def test_photo_needs_alt_text_and_a_draft(organisation, member):
    experience = draft(organisation, member)
    with pytest.raises(ValidationError):
        services.photo_add(experience=experience, file=image_upload(), alt_text=" ")
    services.experience_submit(experience=experience, by=member)
    with pytest.raises(ValidationError):
        services.photo_add(experience=experience, file=image_upload(), alt_text="Une photo")
    assert not experience.photos.exists()


def test_bulk_matches_single(organisation, member):
    [experience] = services.experiences_create_bulk(
        experiences=[
            {
                "organisation": organisation,
                "author": member,
                "title": "En masse",
                "why": "Pourquoi pas.",
                "story": "<p>Récit</p><script>x()</script>",
                "items": ITEMS,
                "status": Experience.Status.PUBLISHED,
                "topics": ["nonexistent"],
            }
        ]
    )
    experience.refresh_from_db()
    single = draft(
        organisation, member, title="En masse", why="Pourquoi pas.", story="<p>Récit</p>"
    )
    assert experience.story == "<p>Récit</p>"
    assert experience.search_text == single.search_text
    assert experience.items.count() == 15 and experience.published_at is not None
    assert experience.slug != single.slug
