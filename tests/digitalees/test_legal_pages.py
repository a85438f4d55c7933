"""The pages every public site owes its users, linked from the footer of every page."""

import re

import pytest
from django.test import RequestFactory
from django.urls import reverse

from digitalees.views import error_500
from tests.factories import MembershipFactory

LEGAL = ("privacy", "legal_notice", "accessibility", "contact")


@pytest.fixture
def agency_contact(settings):
    settings.CONTACT_EMAIL = "bonjour@digitalees.example"
    settings.DPO_EMAIL = "dpo@digitalees.example"
    settings.PUBLISHER_ADDRESS = ["Rue Exemple 1", "5000 Namur"]
    settings.CONTACT_PHONE = "+32 81 00 00 00"


def _get(client, name, language):
    client.cookies["django_language"] = language
    response = client.get(reverse(name))
    assert response.status_code == 200
    return response.content.decode()


def _footer_links(content: str) -> set[str]:
    [footer] = re.findall(r'<nav class="footer-links.*?</nav>', content, re.S)
    return set(re.findall(r'href="([^"]+)"', footer))


EXPECTED = {
    ("privacy", "fr"): [
        "Politique de confidentialité",
        "dpo@digitalees.example",
        "art. 6.1.e",
        "Combien de temps",
        "60 jours",
        "Autorité de protection des données",
        "Rue de la Presse 35, 1000 Bruxelles",
        "(art. 17)",
    ],
    ("privacy", "en"): [
        "Privacy policy",
        "dpo@digitalees.example",
        "Art. 6(1)(e)",
        "How long",
        "Data Protection Authority",
        "(Art. 20)",
    ],
    ("legal_notice", "fr"): ["Mentions légales", "Éditeur", "Hébergement", "droit belge"],
    ("legal_notice", "en"): ["Legal notice", "Publisher", "Hosting", "Belgian law"],
    ("accessibility", "fr"): [
        "Déclaration d'accessibilité",
        "partiellement conforme",
        "WCAG",
        "2.1, niveau AA",
        "Contenus non accessibles",
        "Médiateur de la Wallonie",
        "bonjour@digitalees.example",
    ],
    ("accessibility", "en"): [
        "Accessibility statement",
        "partially compliant",
        "Enforcement procedure",
        "Médiateur de la Wallonie",
    ],
    ("contact", "fr"): [
        "Rue Exemple 1",
        "5000 Namur",
        'href="mailto:bonjour@digitalees.example"',
        'href="tel:+3281000000"',
    ],
    ("contact", "en"): ["Rue Exemple 1", 'href="mailto:bonjour@digitalees.example"'],
}


@pytest.mark.django_db
@pytest.mark.usefixtures("agency_contact")
@pytest.mark.parametrize(("name", "language"), sorted(EXPECTED))
def test_each_legal_page_says_what_it_must_in_both_languages(client, name, language):
    content = _get(client, name, language)
    for text in EXPECTED[(name, language)]:
        assert text in content, text
    assert f'<html lang="{language}"' in content
    assert '<meta name="description" content="' in content


@pytest.mark.django_db
def test_legal_pages_are_public_and_link_each_other(client):
    for name in LEGAL:
        content = _get(client, name, "fr")
        assert 'aria-current="page"' in content
        assert _footer_links(content) == {reverse(other) for other in LEGAL}


@pytest.mark.django_db
def test_every_layout_has_the_legal_links_in_its_footer(client):
    expected = {reverse(name) for name in LEGAL}
    assert _footer_links(client.get(reverse("home")).content.decode()) == expected
    assert _footer_links(client.get(reverse("account_login")).content.decode()) == expected
    assert _footer_links(client.get("/no-such-page/").content.decode()) == expected
    member = MembershipFactory(role="member")
    client.force_login(member.user)
    forbidden = client.post(
        reverse("network:invitation_create", kwargs={"slug": member.organisation.slug}),
        {"email": "a@example.be", "role": "member"},
    )
    assert forbidden.status_code == 403
    assert _footer_links(forbidden.content.decode()) == expected
    assert _footer_links(client.get(reverse("dashboard")).content.decode()) == expected
    server_error = error_500(RequestFactory().get("/"))
    assert _footer_links(server_error.content.decode()) == expected


@pytest.mark.django_db
@pytest.mark.usefixtures("agency_contact")
def test_the_verification_page_says_how_to_contact_us(client):
    response = client.post(
        reverse("account_signup"),
        {
            "email": "nouvelle@example.be",
            "first_name": "Nadia",
            "last_name": "Nouvelle",
            "password1": "un-mot-de-passe-solide-2026",
            "password2": "un-mot-de-passe-solide-2026",
        },
        follow=True,
    )
    content = response.content.decode()
    assert "Toujours pas d'e-mail après quelques minutes" in content
    assert 'href="mailto:bonjour@digitalees.example"' in content
    assert f'href="{reverse("contact")}"' in content
    assert "contactez-nous" not in content.lower()


@pytest.mark.django_db
@pytest.mark.usefixtures("agency_contact")
def test_the_password_reset_pages_say_how_to_contact_us(client):
    client.cookies["django_language"] = "en"
    content = client.get(reverse("account_reset_password")).content.decode()
    assert "Trouble resetting your password? Write to us at" in content
    assert 'href="mailto:bonjour@digitalees.example"' in content
    content = client.get(reverse("account_reset_password_done")).content.decode()
    assert "Still no e-mail after a few minutes?" in content
    assert "contact us" not in content.lower()
