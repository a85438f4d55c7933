"""Every recommended resource opens something: an address elsewhere, its own page (its
content in the reader's language) or its document. A resource that opens nothing is not
shown; the platform's own guides and templates have their content in both languages."""

import io
import re
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from diagnostic import services
from diagnostic.models import Report
from diagnostic.reports import services as reports
from digitalees.models import User
from network.models import Resource, Topic
from network.validators import validate_resource_file
from tests.diagnostic.conftest import answer_everything
from tests.factories import MembershipFactory

pytestmark = pytest.mark.django_db


def _resource(slug="guide-test", **fields):
    defaults = {
        "title_fr": "Un guide de test",
        "title_en": "A test guide",
        "summary_fr": "Le résumé.",
        "summary_en": "The summary.",
        "kind": Resource.Kind.GUIDE,
        "language": "fr",
    }
    return Resource.objects.create(slug=slug, **{**defaults, **fields})


def _page(client, resource):
    return client.get(reverse("network:resource_detail", kwargs={"slug": resource.slug}))


def _text(response) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", response.content.decode()).split())


# --- the platform's own library ------------------------------------------------------------


def test_each_of_the_platforms_own_guides_has_its_content_in_both_languages():
    own = Resource.objects.published().filter(url="")
    assert own.count() == 16
    for resource in own:
        assert len(resource.body_fr.split("\n\n")) >= 3, resource.slug
        assert len(resource.body_en.split("\n\n")) >= 3, resource.slug
    # Every resource of the starter library opens something.
    assert Resource.objects.published().count() == Resource.objects.published().openable().count()


@pytest.mark.parametrize(
    ("language", "title", "sentence"),
    [
        ("fr", "Modèle de registre des traitements pour une ASBL", "Une ligne par traitement"),
        ("en", "Record of processing activities template for a non-profit", "One row per"),
    ],
)
def test_a_guide_opens_its_page_in_the_readers_language(client, language, title, sentence):
    resource = Resource.objects.get(slug="modele-registre-traitements")
    client.cookies["django_language"] = language
    response = _page(client, resource)
    assert response.status_code == 200
    text = _text(response)
    assert title in text
    assert sentence in text
    other = "One row per" if language == "fr" else "Une ligne par traitement"
    assert other not in text


def test_a_content_written_in_french_only_says_so_to_an_english_reader(client):
    resource = _resource(body_fr="Premier paragraphe.\n\nSecond paragraphe.")
    client.cookies["django_language"] = "en"
    text = _text(_page(client, resource))
    assert "This content is available in French only." in text
    assert "Premier paragraphe." in text and "Second paragraphe." in text


def test_the_content_is_text_not_markup(client):
    resource = _resource(body_fr="<script>alert(1)</script>", body_en="<b>bold</b>")
    html = _page(client, resource).content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;" in html


def test_an_unpublished_resource_or_one_that_opens_nothing_has_no_page(client):
    hidden = _resource("hidden", body_fr="Contenu.", body_en="Content.", is_published=False)
    empty = _resource("empty")
    assert _page(client, hidden).status_code == 404
    assert _page(client, empty).status_code == 404
    assert _page(client, _resource("external", url="https://www.example.be/")).status_code == 200


# --- documents ---------------------------------------------------------------------------------


def _zip(entries: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, content in entries.items():
            archive.writestr(name, content)
    return buffer.getvalue()


ODT = _zip({"mimetype": b"application/vnd.oasis.opendocument.text", "content.xml": b"<x/>"})
DOCX = _zip({"[Content_Types].xml": b"<x/>", "word/document.xml": b"<x/>"})
XLSX = _zip({"[Content_Types].xml": b"<x/>", "xl/workbook.xml": b"<x/>"})


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("modele.pdf", b"%PDF-1.7\n..."),
        ("modele.odt", ODT),
        ("modele.docx", DOCX),
        ("registre.xlsx", XLSX),
    ],
)
def test_a_template_document_is_accepted(name, content):
    validate_resource_file(SimpleUploadedFile(name, content))


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("page.pdf", b"<html><script>alert(1)</script></html>"),  # not a PDF
        ("programme.exe", b"MZ\x90\x00"),
        ("modele.docx", XLSX),  # a workbook named as a text
        ("modele.odt", _zip({"content.xml": b"<x/>"})),  # no mimetype entry
        ("modele.xlsx", b"PK\x03\x04 broken"),
        ("page.html", b"<html></html>"),
    ],
)
def test_anything_else_is_refused_with_a_clear_message(name, content):
    with pytest.raises(ValidationError) as error:
        validate_resource_file(SimpleUploadedFile(name, content))
    # In the reader's language (French by default).
    assert error.value.messages == [
        "Envoyez un document PDF, OpenDocument (ODT, ODS), Word (DOCX) ou Excel (XLSX)."
    ]


def test_a_document_over_5_mb_is_refused():
    big = SimpleUploadedFile("gros.pdf", b"%PDF-" + b"0" * (5 * 1024 * 1024))
    with pytest.raises(ValidationError, match="5 Mo au plus"):
        validate_resource_file(big)


def test_a_document_is_downloaded_from_the_public_storage(client, settings):
    settings.DEBUG = False
    resource = _resource(summary_fr="Un modèle à télécharger.")
    resource.file.save("registre.odt", SimpleUploadedFile("registre.odt", ODT), save=True)
    assert resource.file.name.startswith("resources/")
    page = _page(client, resource)
    assert page.status_code == 200
    assert resource.file.url in page.content.decode()
    download = Client().get(resource.file.url)
    assert download.status_code == 200
    assert download["Content-Type"] == "application/vnd.oasis.opendocument.text"
    assert download["Content-Disposition"].startswith("attachment")
    assert b"".join(download.streaming_content) == ODT


# --- recommendations ---------------------------------------------------------------------------


def _weak_result():
    """An organisation's result whose eight dimensions all score under 70."""
    admin = MembershipFactory(role="admin")
    assessment = services.assessment_start(respondent=admin.user, organisation=admin.organisation)
    services.assessment_submit(assessment=answer_everything(assessment, rank=0))
    assessment.refresh_from_db()
    return admin, assessment.result


def test_recommendations_link_each_resource_and_leave_out_those_that_open_nothing(
    client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        Resource.objects.all().delete()
        topics = list(Topic.objects.all())
        external = _resource("external", title_fr="Externe", url="https://www.example.be/guide")
        own = _resource("own", title_fr="Page propre", body_fr="Contenu.", body_en="Content.")
        nothing = _resource("nothing", title_fr="Sans rien")
        for resource in (external, own, nothing):
            resource.topics.set(topics)
    admin, result = _weak_result()
    client.force_login(admin.user)
    url = reverse(
        "diagnostic:organisation_result",
        kwargs={"slug": result.organisation.slug, "pk": result.pk},
    )
    html = client.get(url).content.decode()
    assert '<a href="https://www.example.be/guide" rel="noopener">Externe</a>' in html
    assert f'<a href="{own.get_absolute_url()}">Page propre</a>' in html
    assert "Sans rien" not in html

    pdf_html = reports.report_html(Report(result=result, language="fr"))
    assert '<a href="https://www.example.be/guide">Externe</a>' in pdf_html
    # The PDF's links are absolute: they open from a downloaded file.
    assert f'<a href="http://testserver{own.get_absolute_url()}">Page propre</a>' in pdf_html
    assert "Sans rien" not in pdf_html


@pytest.fixture(autouse=True)
def _site_url(settings):
    settings.SITE_URL = "http://testserver"


# --- the admin -----------------------------------------------------------------------------------


def _admin_data(**changes):
    return {
        "slug": "modele-admin",
        "kind": Resource.Kind.TEMPLATE,
        "language": "fr",
        "topics": [Topic.objects.get(code="data").pk],
        "is_published": "on",
        "title_fr": "Modèle ajouté",
        "summary_fr": "Un modèle.",
        "body_fr": "Premier paragraphe.\n\nSecond paragraphe.",
        "title_en": "Added template",
        "summary_en": "A template.",
        "body_en": "First paragraph.\n\nSecond paragraph.",
        "url": "",
        **changes,
    }


def test_the_admin_adds_a_resource_with_its_content_and_document(client, settings):
    settings.DEBUG = False
    client.force_login(User.objects.create_superuser(email="root@example.be", password="x"))
    response = client.post(
        reverse("admin:network_resource_add"),
        _admin_data(file=SimpleUploadedFile("modele.xlsx", XLSX)),
    )
    assert response.status_code == 302
    resource = Resource.objects.get(slug="modele-admin")
    assert resource.file.name.startswith("resources/")
    client.logout()
    client.cookies["django_language"] = "en"
    page = _page(client, resource)
    assert "Second paragraph." in _text(page)
    assert Client().get(resource.file.url).status_code == 200


def test_the_admin_refuses_a_document_that_is_not_one_and_saves_nothing(client):
    client.force_login(User.objects.create_superuser(email="root@example.be", password="x"))
    response = client.post(
        reverse("admin:network_resource_add"),
        _admin_data(file=SimpleUploadedFile("modele.pdf", b"<html>not a pdf</html>")),
    )
    assert response.status_code == 200
    assert "Envoyez un document PDF, OpenDocument (ODT, ODS), Word (DOCX) ou Excel (XLSX)." in (
        response.content.decode()
    )
    assert not Resource.objects.filter(slug="modele-admin").exists()


def test_a_resource_page_takes_few_queries(client, django_assert_max_num_queries):
    resource = Resource.objects.get(slug="modele-registre-traitements")
    with django_assert_max_num_queries(3):  # the resource, its topics; nothing per topic
        assert _page(client, resource).status_code == 200
