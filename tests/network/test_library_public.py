"""The public resource library: searched with accents and case ignored, filtered by theme
(the diagnostic's dimensions), kind and language, paged; unpublished resources are not
listed and have no page; the list's queries do not grow with its rows."""

import re

import pytest
from django.urls import reverse

from network.library import services
from network.models import Resource, Topic

pytestmark = pytest.mark.django_db

LIST = reverse("network:resource_list")


def _resource(title_fr="Un guide", **fields) -> Resource:
    n = Resource.objects.count()
    defaults = {
        "title_en": "A guide",
        "summary_fr": "Un résumé.",
        "summary_en": "A summary.",
        "body_fr": "Le contenu.",
        "body_en": "The content.",
        "kind": Resource.Kind.GUIDE,
        "language": "fr",
    }
    resource = Resource.objects.create(
        slug=f"test-{n}", title_fr=title_fr, **{**defaults, **fields}
    )
    return resource


@pytest.fixture
def empty_library(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        Resource.objects.all().delete()


def _titles(response) -> list[str]:
    html = response.content.decode()
    return [
        re.sub(r"<[^>]+>", "", title).strip()
        for title in re.findall(r'<h3 class="h5 card-title"[^>]*>\s*<a [^>]*>(.*?)</a>', html, re.S)
    ]


def test_the_list_shows_the_starter_library_in_pages_of_24(client):
    count = Resource.objects.published().openable().count()
    assert count > 24  # the data migration's 32
    first = client.get(LIST)
    assert first.status_code == 200
    assert len(_titles(first)) == 24
    assert f"{count} ressources" in first.content.decode()
    second = client.get(LIST, {"page": 2})
    assert len(_titles(second)) == count - 24
    assert not set(_titles(first)) & set(_titles(second))


@pytest.mark.parametrize(
    "q", ["numerique", "NUMÉRIQUE", "Numérique", "  numÉrique  ", "numerique strategie"]
)
def test_search_ignores_accents_and_case(client, empty_library, q):
    _resource("Stratégie numérique pour une ASBL")
    _resource("Un autre guide", summary_fr="Rien à voir.")
    assert _titles(client.get(LIST, {"q": q})) == ["Stratégie numérique pour une ASBL"]


def test_search_reads_both_languages_and_the_summaries(client, empty_library):
    _resource("Guide A", title_en="Cybersecurity basics")
    _resource("Guide B", summary_en="How to choose a CRM.")
    _resource("Guide C", summary_fr="Protéger ses données personnelles.")
    assert _titles(client.get(LIST, {"q": "cybersecurity"})) == ["Guide A"]
    assert _titles(client.get(LIST, {"q": "crm"})) == ["Guide B"]
    assert _titles(client.get(LIST, {"q": "donnees PERSONNELLES"})) == ["Guide C"]
    assert _titles(client.get(LIST, {"q": "introuvable"})) == []
    assert (
        "Aucune ressource ne correspond" in client.get(LIST, {"q": "introuvable"}).content.decode()
    )


def test_a_resource_is_found_by_its_new_title_once_staff_change_it(
    client, empty_library, django_capture_on_commit_callbacks
):
    resource = _resource("Ancien titre")
    assert _titles(client.get(LIST, {"q": "ancien"})) == ["Ancien titre"]
    assert _titles(client.get(LIST, {"q": "nouveau"})) == []  # the index is in the cache now
    with django_capture_on_commit_callbacks(execute=True):
        services.resource_update(resource=resource, title_fr="Nouveau titre")
    assert _titles(client.get(LIST, {"q": "nouveau"})) == ["Nouveau titre"]
    assert _titles(client.get(LIST, {"q": "ancien"})) == []


def test_filter_by_theme_is_the_link_the_diagnostic_gives(client, empty_library):
    data = Topic.objects.get(code="data")
    security = Topic.objects.get(code="security")
    _resource("Sur les données").topics.set([data])
    _resource("Sur la sécurité").topics.set([security])
    _resource("Sur les deux").topics.set([data, security])
    response = client.get(LIST, {"topic": "data"})
    assert _titles(response) == ["Sur les deux", "Sur les données"]
    assert f"2 ressources sur le thème « {data.name_fr} »" in response.content.decode()


def test_an_unknown_theme_is_said_and_left_out(client, empty_library):
    _resource("Un guide")
    response = client.get(LIST, {"topic": "nope"})
    assert response.status_code == 200
    assert "Sélectionnez un choix valide" in response.content.decode()
    assert _titles(response) == ["Un guide"]


def test_filter_by_kind_and_language(client, empty_library):
    _resource("Guide français")
    _resource("Outil anglais", kind=Resource.Kind.TOOL, language="en")
    _resource("Outil français", kind=Resource.Kind.TOOL)
    assert _titles(client.get(LIST, {"kind": "tool"})) == ["Outil anglais", "Outil français"]
    assert _titles(client.get(LIST, {"language": "en"})) == ["Outil anglais"]
    assert _titles(client.get(LIST, {"kind": "tool", "language": "fr"})) == ["Outil français"]


def test_unpublished_resources_and_those_that_open_nothing_are_not_listed(client, empty_library):
    _resource("Visible")
    hidden = _resource("Retirée", is_published=False)
    _resource("Vide", body_fr="", body_en="")
    assert _titles(client.get(LIST)) == ["Visible"]
    assert _titles(client.get(LIST, {"q": "retiree"})) == []
    detail = reverse("network:resource_detail", kwargs={"slug": hidden.slug})
    assert client.get(detail).status_code == 404


def test_agency_staff_preview_an_unpublished_resource(client_for, roles, empty_library, settings):
    settings.STAFF_REQUIRE_MFA = True
    hidden = _resource("Retirée", is_published=False)
    detail = reverse("network:resource_detail", kwargs={"slug": hidden.slug})
    response = client_for(roles["agency"]).get(detail)
    assert response.status_code == 200
    assert "Aperçu : cette ressource n'est pas dans la bibliothèque publique" in (
        response.content.decode()
    )
    assert client_for(roles["member"]).get(detail).status_code == 404
    assert client_for(roles["agency_without_mfa"]).get(detail).status_code == 404


def test_a_card_says_kind_language_themes_and_marks_an_external_link(client, empty_library):
    external = _resource(
        "Outil externe", url="https://www.example.be/outil", kind=Resource.Kind.TOOL, body_fr=""
    )
    external.topics.set([Topic.objects.get(code="data")])
    own = _resource("Guide maison")
    html = client.get(LIST).content.decode()
    assert '<a href="https://www.example.be/outil" rel="noopener">Outil externe</a>' in html
    assert html.count("Site externe") == 1
    assert f'<a href="{own.get_absolute_url()}">Guide maison</a>' in html
    assert "Outil · Français" in html and "Outil · Anglais" not in html
    assert f'href="{LIST}?topic=data"' in html


def test_titles_and_summaries_are_text_not_markup(client, empty_library):
    _resource("<script>alert(1)</script>", summary_fr="<img src=x onerror=alert(1)>")
    html = client.get(LIST).content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "<img src=x" not in html
    assert "&lt;script&gt;" in html


def test_english_readers_get_english_titles_in_their_order(client, empty_library):
    _resource("Zèbre", title_en="Apple")
    _resource("Abricot", title_en="Zebra")
    client.cookies["django_language"] = "en"
    assert _titles(client.get(LIST)) == ["Apple", "Zebra"]


@pytest.mark.parametrize("size", [1, 30])
def test_the_list_costs_the_same_queries_with_1_or_30_resources(
    client, empty_library, size, django_assert_max_num_queries
):
    topics = list(Topic.objects.all())
    for n in range(size):
        _resource(f"Guide {n}").topics.set(topics[: 1 + n % 3])
    # The topics of the filter, the count, the page, its topics; the search index once.
    with django_assert_max_num_queries(4):
        response = client.get(LIST)
    assert len(_titles(response)) == min(size, 24)
    with django_assert_max_num_queries(5):
        response = client.get(LIST, {"q": "guide", "topic": topics[0].code, "page": 1})
    assert response.status_code == 200
