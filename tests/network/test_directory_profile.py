"""A public profile, its preview, and the form of what is public (its rights, its saving)."""

import pytest
from django.urls import reverse

from network.directory import services
from network.models import Experience, Topic
from tests.conftest import agency_with_mfa
from tests.factories import MembershipFactory, OrganisationFactory
from tests.network.factories import ExperienceFactory

pytestmark = pytest.mark.django_db


def _profile(organisation):
    return reverse("network:profile", kwargs={"slug": organisation.slug})


def _edit(organisation):
    return reverse("network:public_profile_edit", kwargs={"slug": organisation.slug})


def _save(organisation):
    return reverse("network:public_profile_save", kwargs={"slug": organisation.slug})


def test_a_private_profile_is_not_found_whoever_asks(client_for):
    organisation = OrganisationFactory(is_public=False)
    admin = MembershipFactory(organisation=organisation, role="admin").user
    for user in (None, admin, agency_with_mfa()):
        assert client_for(user).get(_profile(organisation)).status_code == 404


def test_the_profile_shows_what_its_admins_chose(client):
    organisation = OrganisationFactory(
        is_public=True,
        name="Atelier Public",
        municipality="Herve",
        website="https://atelier.example.be",
        social_purpose="Réparer plutôt que jeter.",
        enterprise_number="0403170701",
    )
    MembershipFactory(organisation=organisation, role="admin", user__email="chef@example.be")
    content = client.get(_profile(organisation)).content.decode()
    for shown in ("Atelier Public", "Herve", "https://atelier.example.be", "Réparer plutôt"):
        assert shown in content
    assert "province de Namur" in content
    # Private fields never show.
    assert "0403" not in content
    assert "chef@example.be" not in content
    assert "5000" not in content  # the postcode


def test_hidden_fields_are_hidden(client):
    organisation = OrganisationFactory(
        is_public=True,
        municipality="Herve",
        website="https://atelier.example.be",
        social_purpose="Réparer plutôt que jeter.",
        public_municipality=False,
        public_website=False,
        public_social_purpose=False,
    )
    content = client.get(_profile(organisation)).content.decode()
    assert "Herve" not in content
    assert "atelier.example.be" not in content
    assert "Réparer plutôt" not in content


def test_html_in_a_social_purpose_is_escaped(client):
    organisation = OrganisationFactory(
        is_public=True, social_purpose='<img src=x onerror="alert(1)">Bonjour'
    )
    content = client.get(_profile(organisation)).content.decode()
    assert "<img src=x" not in content
    assert "&lt;img src=x onerror=&quot;alert(1)&quot;&gt;Bonjour" in content


def test_themes_and_published_experiences_only(client):
    organisation = OrganisationFactory(is_public=True)
    organisation.themes.add(Topic.objects.get(code="security"))
    ExperienceFactory(organisation=organisation, title="Notre passage au cloud", topics=["data"])
    ExperienceFactory(
        organisation=organisation,
        title="Brouillon privé",
        topics=["skills"],
        status=Experience.Status.DRAFT,
        published_at=None,
    )
    response = client.get(_profile(organisation))
    content = response.content.decode()
    assert {t.code for t in response.context["themes"]} == {"security", "data"}
    assert "Notre passage au cloud" in content
    assert "Brouillon privé" not in content
    published = organisation.experiences.get(title="Notre passage au cloud")
    assert reverse("network:experience_detail", kwargs={"slug": published.slug}) in content


def test_the_contact_link_for_members_of_other_organisations(client_for):
    organisation = OrganisationFactory(is_public=True, accepts_contact=True)
    contact = reverse("network:contact_create", kwargs={"slug": organisation.slug})
    other = MembershipFactory().user
    own = MembershipFactory(organisation=organisation).user
    assert contact in client_for(other).get(_profile(organisation)).content.decode()
    assert contact not in client_for(own).get(_profile(organisation)).content.decode()
    assert contact not in client_for(None).get(_profile(organisation)).content.decode()
    organisation.accepts_contact = False
    organisation.save()
    assert contact not in client_for(other).get(_profile(organisation)).content.decode()


def test_the_edit_link_for_admins_and_agency_only(client_for):
    organisation = OrganisationFactory(is_public=True)
    admin = MembershipFactory(organisation=organisation, role="admin").user
    member = MembershipFactory(organisation=organisation, role="member").user
    for user, shown in ((admin, True), (agency_with_mfa(), True), (member, False), (None, False)):
        content = client_for(user).get(_profile(organisation)).content.decode()
        assert (_edit(organisation) in content) is shown
    content = client_for(member).get(_profile(organisation)).content.decode()
    assert "Les administrateurs de votre organisation choisissent" in content


def test_the_organisation_page_links_to_the_public_choices(client_for):
    organisation = OrganisationFactory()
    admin = MembershipFactory(organisation=organisation, role="admin").user
    member = MembershipFactory(organisation=organisation, role="member").user
    page = reverse("network:organisation_detail", kwargs={"slug": organisation.slug})
    assert _edit(organisation) in client_for(admin).get(page).content.decode()
    assert _edit(organisation) not in client_for(member).get(page).content.decode()


def test_the_preview_shows_a_private_profile_to_its_members(client_for):
    organisation = OrganisationFactory(is_public=False, name="Pas encore publique")
    member = MembershipFactory(organisation=organisation).user
    preview = reverse("network:public_profile_preview", kwargs={"slug": organisation.slug})
    response = client_for(member).get(preview)
    assert response.status_code == 200
    content = response.content.decode()
    assert "Pas encore publique" in content
    assert "l'organisation n'est pas affichée dans l'annuaire public" in content
    assert client_for(MembershipFactory().user).get(preview).status_code == 404


def _choices(**overrides):
    data = {
        "is_public": "on",
        "public_social_purpose": "on",
        "public_municipality": "",
        "public_website": "on",
        "public_logo": "on",
        "accepts_contact": "",
        "themes": [Topic.objects.get(code="data").pk, Topic.objects.get(code="skills").pk],
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v != ""}


def test_an_admin_saves_the_choices(client_for, changes):
    organisation = OrganisationFactory(is_public=False)
    admin = MembershipFactory(organisation=organisation, role="admin").user
    response = client_for(admin).post(_save(organisation), _choices(), follow=True)
    assert response.redirect_chain == [(_edit(organisation), 302)]
    assert "Votre profil public est enregistré." in response.content.decode()
    organisation.refresh_from_db()
    assert organisation.is_public
    assert not organisation.public_municipality
    assert not organisation.accepts_contact
    assert set(organisation.themes.values_list("code", flat=True)) == {"data", "skills"}
    # Saved through organisation_update, which tells the other apps.
    assert changes and "is_public" in changes[-1][1]


def test_the_agency_saves_the_choices(client_for):
    organisation = OrganisationFactory(is_public=True)
    response = client_for(agency_with_mfa()).post(_save(organisation), _choices(is_public=""))
    assert response.status_code == 302
    organisation.refresh_from_db()
    assert not organisation.is_public


@pytest.mark.parametrize("role", ["member", "coach"])
def test_who_may_see_but_not_change_is_refused(client_for, roles, organisation, role):
    response = client_for(roles[role]).post(_save(organisation), _choices())
    assert response.status_code == 403
    assert client_for(roles[role]).get(_edit(organisation)).status_code == 403
    organisation.refresh_from_db()
    assert not organisation.is_public


def test_a_stranger_is_not_found(client_for, roles, organisation):
    response = client_for(roles["other_org_member"]).post(_save(organisation), _choices())
    assert response.status_code == 404
    organisation.refresh_from_db()
    assert not organisation.is_public


def test_an_unknown_theme_is_refused_and_nothing_saved(client_for):
    organisation = OrganisationFactory(is_public=False)
    admin = MembershipFactory(organisation=organisation, role="admin").user
    response = client_for(admin).post(_save(organisation), _choices(themes=[999999]))
    assert response.status_code == 400
    assert "999999" in response.content.decode()  # Django's message names the choice
    organisation.refresh_from_db()
    assert not organisation.is_public
    assert not organisation.themes.exists()


def test_the_form_lists_the_themes_in_the_readers_language(client_for):
    organisation = OrganisationFactory()
    admin = MembershipFactory(organisation=organisation, role="admin").user
    content = client_for(admin).get(_edit(organisation)).content.decode()
    topic = Topic.objects.get(code="data")
    assert topic.name_fr in content
    assert reverse("network:public_profile_preview", kwargs={"slug": organisation.slug}) in content


def test_the_service_refuses_what_is_not_a_public_choice():
    organisation = OrganisationFactory()
    with pytest.raises(TypeError):
        services.public_profile_update(organisation=organisation, themes=[], name="Autre")
    organisation.refresh_from_db()
    assert organisation.name != "Autre"


@pytest.mark.parametrize("size", [1, 8])
def test_the_profile_queries_do_not_grow_with_its_experiences(
    client, size, django_assert_max_num_queries
):
    organisation = OrganisationFactory(is_public=True)
    organisation.themes.add(*Topic.objects.all()[:size])
    for _ in range(size):
        ExperienceFactory(organisation=organisation, topics=["data", "tools"])
    # The organisation, its themes, its experiences.
    with django_assert_max_num_queries(3):
        response = client.get(_profile(organisation))
    assert len(response.context["experiences"]) == size
