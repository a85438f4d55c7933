"""An organisation's place reads as postcode, municipality and province: "4650, Liège" was
read as the city of Liège for an organisation in Herve."""

import pytest
from django.urls import reverse
from django.utils import translation

from network.models import Organisation
from tests.factories import MembershipFactory, OrganisationFactory
from tests.network.test_views import FORM

pytestmark = pytest.mark.django_db


def test_the_location_names_the_municipality_and_the_province_as_one():
    organisation = OrganisationFactory(province="LG", postcode="4650", municipality="Herve")
    with translation.override("fr"):
        assert organisation.location_display == "4650 Herve, province de Liège"
    with translation.override("en"):
        assert organisation.location_display == "4650 Herve, province of Liège"


def test_french_gives_each_province_its_article():
    with translation.override("fr"):
        walloon_brabant = OrganisationFactory(province="BW", postcode="1300", municipality="Wavre")
        assert walloon_brabant.location_display == "1300 Wavre, province du Brabant wallon"


def test_an_organisation_registered_before_the_municipality_was_asked_shows_its_postcode():
    organisation = OrganisationFactory(province="NA", postcode="5000", municipality="")
    with translation.override("fr"):
        assert organisation.location_display == "5000, province de Namur"


def test_the_profile_page_shows_the_municipality(client):
    membership = MembershipFactory(
        organisation=OrganisationFactory(province="LG", postcode="4650", municipality="Herve")
    )
    client.force_login(membership.user)
    page = client.get(membership.organisation.get_absolute_url()).content.decode()
    assert "4650 Herve, province de Liège" in page
    assert "4650, Liège" not in page


def test_the_form_stores_the_municipality_with_single_spaces(client, user):
    client.force_login(user)
    client.post(reverse("network:organisation_create"), {**FORM, "municipality": " La  Bruyère "})
    assert Organisation.objects.get().municipality == "La Bruyère"


def test_the_staff_list_shows_the_location(client, roles, organisation):
    client.force_login(roles["agency"])
    page = client.get(reverse("network:staff_organisation_list")).content.decode()
    assert organisation.location_display in page


def test_the_agency_finds_an_organisation_by_municipality_or_postcode(client, roles):
    herve = OrganisationFactory(
        name="Ressourcerie", province="LG", postcode="4650", municipality="Herve"
    )
    client.force_login(roles["agency"])
    url = reverse("network:staff_organisation_list")
    for query in ("herve", "4650"):
        listed = client.get(url, {"q": query}).context["page"].object_list
        assert list(listed) == [herve]


def test_an_admin_is_asked_for_a_missing_municipality(client):
    admin = MembershipFactory(role="admin", organisation=OrganisationFactory(municipality=""))
    member = MembershipFactory(organisation=admin.organisation)
    url = admin.organisation.get_absolute_url()
    client.force_login(admin.user)
    assert "Ajouter la commune au profil" in client.get(url).content.decode()
    client.force_login(member.user)
    assert "Ajouter la commune au profil" not in client.get(url).content.decode()
