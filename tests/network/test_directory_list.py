"""The public directory's list: who is listed, the search, the filters, the pages, the map
and its table, and the queries a page costs."""

import re

import pytest
from django.core.cache import cache
from django.urls import reverse

from network.models import Experience, Topic
from tests.factories import OrganisationFactory
from tests.network.factories import ExperienceFactory

pytestmark = pytest.mark.django_db

URL = reverse("network:directory")


def _public(**fields):
    return OrganisationFactory(is_public=True, **fields)


def _names(response) -> list[str]:
    return [o.name for o in response.context["page"].object_list]


def test_only_public_organisations_are_listed(client):
    shown = _public(name="Atelier Visible")
    OrganisationFactory(name="Atelier Caché")  # is_public is off by default
    response = client.get(URL)
    assert response.status_code == 200
    assert _names(response) == [shown.name]
    content = response.content.decode()
    assert "Atelier Visible" in content
    assert "Atelier Caché" not in content
    assert "1 entreprise" in content


def test_the_search_ignores_accents_and_case(client):
    _public(name="Coopérative Numérique Namuroise", social_purpose="Former.")
    _public(name="Jardins partagés", social_purpose="Cultiver ensemble.")
    for query in ("numerique", "NUMÉRIQUE", "Numérique", "  numériQUE "):
        assert _names(client.get(URL, {"q": query})) == ["Coopérative Numérique Namuroise"]


def test_every_word_of_the_search_must_match(client):
    _public(name="Repair Café de Wavre", municipality="Wavre")
    _public(name="Repair Café de Mons", municipality="Mons")
    assert _names(client.get(URL, {"q": "repair wavre"})) == ["Repair Café de Wavre"]
    assert _names(client.get(URL, {"q": "repair"})) == [
        "Repair Café de Mons",
        "Repair Café de Wavre",
    ]
    assert _names(client.get(URL, {"q": "repair charleroi"})) == []


def test_the_search_reads_the_social_purpose(client):
    _public(name="Les Jardins", social_purpose="Maraîchage biologique et insertion.")
    assert _names(client.get(URL, {"q": "maraichage"})) == ["Les Jardins"]


def test_a_hidden_social_purpose_or_municipality_is_not_searched(client):
    _public(name="Discrète", social_purpose="Maraîchage secret.", public_social_purpose=False)
    _public(name="Ailleurs", municipality="Bastogne", public_municipality=False)
    assert _names(client.get(URL, {"q": "maraichage"})) == []
    assert _names(client.get(URL, {"q": "bastogne"})) == []
    # Their names, and what they still show, are searched.
    assert _names(client.get(URL, {"q": "discrete"})) == ["Discrète"]
    assert _names(client.get(URL, {"q": "namur"})) == ["Discrète"]  # its municipality


@pytest.mark.parametrize(
    "name,value,other",
    [
        ("sector", "food", "education"),
        ("province", "LX", "NA"),
        ("legal_form", "scees", "asbl"),
    ],
)
def test_each_filter(client, name, value, other):
    _public(name="Choisie", **{name: value})
    _public(name="Autre", **{name: other})
    assert _names(client.get(URL, {name: value})) == ["Choisie"]


def test_the_theme_filter_reads_chosen_themes_and_published_experiences(client):
    data = Topic.objects.get(code="data")
    chose = _public(name="Thème choisi")
    chose.themes.add(data)
    shared = _public(name="Retour publié")
    ExperienceFactory(organisation=shared, topics=["data"])
    drafted = _public(name="Brouillon seulement")
    ExperienceFactory(
        organisation=drafted, topics=["data"], status=Experience.Status.DRAFT, published_at=None
    )
    _public(name="Sans thème")
    assert _names(client.get(URL, {"theme": "data"})) == ["Retour publié", "Thème choisi"]


def test_filters_combine_with_the_search(client):
    _public(name="Vélo Namur", province="NA")
    _public(name="Vélo Liège", province="LG")
    assert _names(client.get(URL, {"q": "velo", "province": "LG"})) == ["Vélo Liège"]


def test_invalid_filters_list_nothing_and_say_why(client):
    _public()
    response = client.get(URL, {"province": "XX", "theme": "nope"})
    assert response.status_code == 400
    assert _names(response) == []
    content = response.content.decode()
    assert "Certains filtres ne sont pas valides" in content
    assert "Choisissez une province dans la liste." in content
    assert "Choisissez un thème dans la liste." in content


def test_sorted_by_name(client):
    names = ["Atelier du Fer", "Bois et Forêt", "Coopérative Commune", "Zéro Déchet"]
    for name in reversed(names):
        _public(name=name)
    assert _names(client.get(URL)) == names


def test_pages_of_24_whose_links_keep_the_filters(client):
    for n in range(30):
        _public(name=f"Ressourcerie {n:02d}", sector="environment")
    _public(name="Autre secteur", sector="culture")
    response = client.get(URL, {"sector": "environment"})
    assert len(_names(response)) == 24
    assert response.context["total"] == 30
    content = response.content.decode()
    assert "30 entreprises" in content
    assert 'href="?sector=environment&amp;page=2"' in content
    second = client.get(URL, {"sector": "environment", "page": 2})
    assert _names(second) == [f"Ressourcerie {n:02d}" for n in range(24, 30)]


def test_cards_show_public_fields_only(client):
    _public(
        name="Atelier Montré",
        municipality="Herve",
        public_municipality=False,
        social_purpose="Un but tenu secret.",
        public_social_purpose=False,
        enterprise_number="0403170701",
    )
    content = client.get(URL).content.decode()
    assert "Atelier Montré" in content
    assert "Herve" not in content
    assert "Un but tenu secret." not in content
    assert "0403" not in content


def test_html_in_a_social_purpose_is_escaped(client):
    _public(name="Sûre", social_purpose="<script>alert(1)</script> <b>gras</b>")
    content = client.get(URL).content.decode()
    assert "<script>alert(1)</script>" not in content
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in content


def _table_counts(content: str) -> dict[str, int]:
    return {code: int(n) for code, n in re.findall(r'data-province="(\w+)">(\d+)</td>', content)}


def _map_counts(content: str) -> dict[str, int]:
    names = {"Hainaut": "HT", "Namur": "NA", "Liège": "LG", "Luxembourg": "LX"}
    names["Brabant wallon"] = "BW"
    found = re.findall(r'aria-label="([^"]+?) : (\d+) organisations?"', content)
    return {names[name]: int(n) for name, n in found}


def test_the_map_counts_equal_the_table_and_ignore_the_province_filter(client):
    for province, n in (("HT", 3), ("NA", 2), ("LX", 1)):
        for i in range(n):
            _public(name=f"Vélo {province} {i}", province=province)
    _public(name="Jardin", province="HT")  # not matched by the search
    response = client.get(URL, {"q": "velo", "province": "NA"})
    content = response.content.decode()
    expected = {"HT": 3, "NA": 2, "LX": 1, "LG": 0, "BW": 0}
    assert _table_counts(content) == expected
    assert _map_counts(content) == expected
    assert _names(response) == ["Vélo NA 0", "Vélo NA 1"]
    # Each province links to the same search, filtered by it.
    assert 'href="/directory/?q=velo&amp;province=HT"' in content


def test_the_map_is_named_and_keyboard_reachable(client):
    _public(province="HT")
    content = client.get(URL).content.decode()
    assert '<title id="province-map-title">Carte de la Wallonie par province</title>' in content
    assert content.count('class="province-link"') == 5
    assert 'aria-label="Hainaut : 1 organisation"' in content


@pytest.mark.parametrize("size", [1, 30])
def test_the_queries_do_not_grow_with_the_organisations(
    client, size, django_assert_max_num_queries
):
    data = Topic.objects.get(code="data")
    for n in range(size):
        organisation = _public(name=f"EES {n}")
        organisation.themes.add(data)
        ExperienceFactory(organisation=organisation, topics=["data"])
    client.get(URL)
    cache.clear()
    # The topics of the theme filter, the counts by province, the page's rows.
    with django_assert_max_num_queries(3):
        response = client.get(URL, {"q": "ees", "theme": "data", "sector": "education"})
    assert response.context["total"] == size
