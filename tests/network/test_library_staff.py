"""The agency edits the library: a resource added, changed, withdrawn, published again and
deleted, through network.library.services; what a resource must open, what document it may
hold; the diagnostic's recommendations show an edit at once (the library's version)."""

import html
import io
import re
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from diagnostic import services as diagnostic
from network import receivers
from network.library import services
from network.models import Resource, Topic
from network.selectors import library_version
from tests.conftest import agency_with_mfa
from tests.diagnostic.conftest import answer_everything
from tests.factories import MembershipFactory
from tests.network.library_factories import form_data

pytestmark = pytest.mark.django_db

STAFF_LIST = reverse("network:staff_resource_list")
CREATE = reverse("network:staff_resource_create")


def _zip(entries: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, content in entries.items():
            archive.writestr(name, content)
    return buffer.getvalue()


ODT = _zip({"mimetype": b"application/vnd.oasis.opendocument.text", "content.xml": b"<x/>"})
XLSX = _zip({"[Content_Types].xml": b"<x/>", "xl/workbook.xml": b"<x/>"})


@pytest.fixture
def staff(client):
    client.force_login(agency_with_mfa())
    return client


def _text(response) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", response.content.decode())).split())


def _edit_url(resource) -> str:
    return reverse("network:staff_resource_edit", kwargs={"pk": resource.pk})


def _guide(**changes) -> dict:
    return {
        **form_data(),
        "title_fr": "Guide maison : écrire sa charte numérique",
        "url": "",
        "body_fr": "Premier paragraphe.\n\nSecond paragraphe.",
        "body_en": "First paragraph.\n\nSecond paragraph.",
        "kind": Resource.Kind.GUIDE,
        **changes,
    }


# --- adding ---------------------------------------------------------------------------------


def test_staff_add_a_guide_with_its_content_and_the_public_reads_it(
    staff, django_capture_on_commit_callbacks
):
    topics = list(Topic.objects.filter(code__in=["strategy", "skills"]))
    with django_capture_on_commit_callbacks(execute=True):
        response = staff.post(CREATE, _guide(topics=[t.pk for t in topics]), follow=True)
    assert response.redirect_chain == [(STAFF_LIST, 302)]
    assert "La ressource « Guide maison : écrire sa charte numérique » est enregistrée." in (
        _text(response)
    )
    resource = Resource.objects.get(title_fr="Guide maison : écrire sa charte numérique")
    assert resource.slug == "guide-maison-ecrire-sa-charte-numerique"
    assert set(resource.topics.all()) == set(topics)
    assert resource.is_published
    page = Client().get(resource.get_absolute_url())
    assert page.status_code == 200
    assert "Second paragraphe." in _text(page)


def test_the_slug_comes_from_the_french_title_and_stays_unique(staff):
    for _ in range(3):
        staff.post(CREATE, _guide(title_fr="Même titre"))
    assert sorted(
        Resource.objects.filter(title_fr="Même titre").values_list("slug", flat=True)
    ) == [
        "meme-titre",
        "meme-titre-2",
        "meme-titre-3",
    ]


def test_a_resource_that_opens_nothing_is_refused_and_nothing_is_saved(staff):
    before = Resource.objects.count()
    response = staff.post(CREATE, _guide(body_fr="  ", body_en=""))
    assert response.status_code == 200
    assert (
        "Une ressource doit ouvrir quelque chose : donnez son adresse, rédigez son contenu ou "
        "joignez un document."
    ) in _text(response)
    assert Resource.objects.count() == before


def test_a_file_that_is_not_a_document_is_refused_with_a_message(staff):
    before = Resource.objects.count()
    upload = SimpleUploadedFile("modele.pdf", b"<html><script>alert(1)</script></html>")
    response = staff.post(CREATE, _guide(body_fr="", body_en="", file=upload))
    assert response.status_code == 200
    assert "Envoyez un document PDF, OpenDocument (ODT, ODS), Word (DOCX) ou Excel (XLSX)." in (
        _text(response)
    )
    assert Resource.objects.count() == before
    assert not default_storage.exists("resources/modele.pdf")


def test_a_template_document_is_added_and_downloaded(staff, settings):
    settings.DEBUG = False
    response = staff.post(
        CREATE,
        _guide(
            title_fr="Modèle de budget",
            body_fr="",
            body_en="",
            kind=Resource.Kind.TEMPLATE,
            file=SimpleUploadedFile("budget.xlsx", XLSX),
        ),
    )
    assert response.status_code == 302
    resource = Resource.objects.get(title_fr="Modèle de budget")
    assert resource.file.name.startswith("resources/")
    download = Client().get(resource.file.url)
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == XLSX


def test_a_missing_english_title_is_said_at_the_field(staff):
    response = staff.post(CREATE, _guide(title_en=""))
    assert response.status_code == 200
    assert response.context["form"].errors["title_en"] == ["Ce champ est obligatoire."]


# --- changing -------------------------------------------------------------------------------


def _own_resource(**fields) -> Resource:
    return services.resource_create(
        **{
            "title_fr": "Guide à modifier",
            "title_en": "Guide to change",
            "summary_fr": "Résumé.",
            "summary_en": "Summary.",
            "body_fr": "Contenu.",
            "kind": Resource.Kind.GUIDE,
            "language": "fr",
            "topics": [Topic.objects.get(code="data")],
            **fields,
        }
    )


def test_staff_change_a_resource_and_its_slug_stays(staff):
    resource = _own_resource()
    page = staff.get(_edit_url(resource))
    assert page.status_code == 200
    assert 'value="Guide à modifier"' in page.content.decode()
    response = staff.post(
        _edit_url(resource),
        _guide(
            title_fr="Guide modifié",
            topics=[Topic.objects.get(code="security").pk],
            is_published="",
        ),
    )
    assert response.status_code == 302
    resource.refresh_from_db()
    assert resource.title_fr == "Guide modifié"
    assert resource.slug == "guide-a-modifier"
    assert [t.code for t in resource.topics.all()] == ["security"]
    assert not resource.is_published


def test_a_refused_change_changes_nothing(staff):
    resource = _own_resource()
    response = staff.post(_edit_url(resource), _guide(title_fr="Autre", body_fr="", body_en=""))
    assert response.status_code == 200
    assert "Une ressource doit ouvrir quelque chose" in _text(response)
    resource.refresh_from_db()
    assert resource.title_fr == "Guide à modifier"
    assert resource.body_fr == "Contenu."


def test_a_replaced_or_removed_document_is_no_longer_stored(
    staff, django_capture_on_commit_callbacks
):
    resource = _own_resource(body_fr="", file=SimpleUploadedFile("a.odt", ODT))
    first = resource.file.name
    assert default_storage.exists(first)
    with django_capture_on_commit_callbacks(execute=True):
        response = staff.post(
            _edit_url(resource),
            _guide(body_fr="", body_en="", file=SimpleUploadedFile("b.odt", ODT)),
        )
    assert response.status_code == 302
    resource.refresh_from_db()
    assert resource.file.name != first
    assert not default_storage.exists(first)
    assert default_storage.exists(resource.file.name)

    # Removing the only thing it opens is refused; with a content, the document goes.
    second = resource.file.name
    refused = staff.post(
        _edit_url(resource), _guide(body_fr="", body_en="", **{"file-clear": "on"})
    )
    assert "Une ressource doit ouvrir quelque chose" in _text(refused)
    with django_capture_on_commit_callbacks(execute=True):
        staff.post(_edit_url(resource), _guide(**{"file-clear": "on"}))
    resource.refresh_from_db()
    assert not resource.file
    assert not default_storage.exists(second)


# --- publishing, withdrawing, deleting ------------------------------------------------------


def test_withdrawing_hides_it_from_the_public_and_publishing_shows_it_again(staff):
    resource = _own_resource()
    public = Client()
    assert public.get(resource.get_absolute_url()).status_code == 200
    response = staff.post(
        reverse("network:staff_resource_unpublish", kwargs={"pk": resource.pk}),
        {"next_query": "status=published&page=1"},
        follow=True,
    )
    assert response.redirect_chain == [(f"{STAFF_LIST}?status=published&page=1", 302)]
    assert "« Guide à modifier » est retirée : seule l'équipe de l'agence la voit." in (
        _text(response)
    )
    resource.refresh_from_db()
    assert not resource.is_published
    assert public.get(resource.get_absolute_url()).status_code == 404
    assert "Guide à modifier" not in _text(public.get(reverse("network:resource_list")))

    response = staff.post(reverse("network:staff_resource_publish", kwargs={"pk": resource.pk}))
    assert response.url == STAFF_LIST
    resource.refresh_from_db()
    assert resource.is_published
    assert public.get(resource.get_absolute_url()).status_code == 200


def test_deleting_asks_first_then_removes_the_resource_and_its_document(
    staff, django_capture_on_commit_callbacks
):
    resource = _own_resource(file=SimpleUploadedFile("a.odt", ODT))
    name = resource.file.name
    confirm = staff.get(
        reverse("network:staff_resource_delete_confirm", kwargs={"pk": resource.pk})
    )
    assert confirm.status_code == 200
    assert "Supprimer « Guide à modifier » ?" in _text(confirm)
    assert Resource.objects.filter(pk=resource.pk).exists()  # the page changes nothing
    with django_capture_on_commit_callbacks(execute=True):
        response = staff.post(
            reverse("network:staff_resource_delete", kwargs={"pk": resource.pk}), follow=True
        )
    assert "La ressource « Guide à modifier » est supprimée." in _text(response)
    assert not Resource.objects.filter(pk=resource.pk).exists()
    assert not default_storage.exists(name)
    again = staff.post(reverse("network:staff_resource_delete", kwargs={"pk": resource.pk}))
    assert again.status_code == 404


# --- the agency's list ----------------------------------------------------------------------


def test_the_staff_list_shows_unpublished_resources_and_searches(staff):
    _own_resource(title_fr="Brouillon de guide", is_published=False)
    text = _text(staff.get(STAFF_LIST, {"q": "BROUILLON"}))
    assert "1 ressource" in text and "Brouillon de guide" in text and "Non publiée" in text
    assert "Brouillon de guide" not in _text(staff.get(STAFF_LIST, {"status": "published"}))
    assert "Brouillon de guide" in _text(staff.get(STAFF_LIST, {"status": "unpublished"}))


@pytest.mark.parametrize("size", [1, 30])
def test_the_staff_list_costs_the_same_queries_with_1_or_30_resources(
    staff, size, django_assert_max_num_queries, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        Resource.objects.all().delete()
    for n in range(size):
        _own_resource(title_fr=f"Guide {n}")
    # The session and its user, the user's groups and TOTP; the count, the page, its topics.
    with django_assert_max_num_queries(8):
        assert staff.get(STAFF_LIST, {"q": "guide"}).status_code == 200


# --- the library's version ------------------------------------------------------------------


def _weak_result():
    admin = MembershipFactory(role="admin")
    assessment = diagnostic.assessment_start(respondent=admin.user, organisation=admin.organisation)
    diagnostic.assessment_submit(assessment=answer_everything(assessment, rank=0))
    assessment.refresh_from_db()
    return admin, assessment.result


def test_a_diagnostic_result_recommends_a_resource_as_soon_as_staff_add_it(
    client, django_capture_on_commit_callbacks
):
    admin, result = _weak_result()
    url = reverse(
        "diagnostic:organisation_result",
        kwargs={"slug": result.organisation.slug, "pk": result.pk},
    )
    client.force_login(admin.user)
    before = client.get(url).content.decode()  # the recommendations' resources are cached
    assert "Nouvel outil recommandé" not in before
    assert f'href="{reverse("network:resource_list")}?topic=' in before

    version = library_version()
    staff = Client()
    staff.force_login(agency_with_mfa())
    with django_capture_on_commit_callbacks(execute=True):
        staff.post(
            CREATE,
            {
                **form_data(),
                "title_fr": "Nouvel outil recommandé",
                "topics": [t.pk for t in Topic.objects.all()],
            },
        )
    assert library_version() != version
    assert "Nouvel outil recommandé" in client.get(url).content.decode()


@pytest.fixture
def renewals(monkeypatch):
    """How many times the library's version is renewed."""
    calls = []
    monkeypatch.setattr(services, "library_changed", lambda: calls.append("service"))
    monkeypatch.setattr(receivers, "library_changed", lambda: calls.append("receiver"))
    return calls


def test_each_service_renews_the_version_once(renewals, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        resource = _own_resource()
    assert renewals == ["service"]
    for change in (
        lambda: services.resource_update(
            resource=resource, title_fr="Autre", topics=list(Topic.objects.all()[:2])
        ),
        lambda: services.resource_set_published(resource=resource, published=False),
        lambda: services.resource_delete(resource=resource),
    ):
        renewals.clear()
        with django_capture_on_commit_callbacks(execute=True):
            change()
        assert renewals == ["service"]


def test_the_admins_saves_still_renew_it(renewals, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        Resource.objects.filter(slug="modele-registre-traitements").get().save()
    assert renewals == ["receiver"]


def test_a_refused_edit_renews_nothing(renewals, django_capture_on_commit_callbacks):
    resource = _own_resource()
    renewals.clear()
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(ValidationError):
        services.resource_update(resource=resource, body_fr="")
    assert renewals == []
    resource.refresh_from_db()
    assert resource.body_fr == "Contenu."


def test_only_the_resources_fields_may_be_changed():
    with pytest.raises(TypeError):
        services.resource_update(resource=_own_resource(), slug="autre")
