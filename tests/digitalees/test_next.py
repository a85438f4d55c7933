"""Every `next` a view takes: odd values never answer 500 and never lead off the site."""

from urllib.parse import urljoin, urlsplit

import pytest
from django.test import RequestFactory
from django.urls import reverse

from diagnostic.models import Assessment, Questionnaire
from digitalees.redirects import safe_next
from tests.factories import UserFactory

ODD_VALUES = [
    "x",
    "//evil.example",
    "https://evil.example/",
    "javascript:alert(1)",
    "",
    "/" + "a" * 5000,
    "%00",
    "\x00",
    "/\x00",
    "/\\evil.example",
    "///evil.example",
    " /dashboard/",
]


@pytest.fixture
def questionnaire(db):
    return Questionnaire.current()


def _stays_on_site(response):
    assert response.status_code != 500
    if response.status_code in (301, 302, 303):
        # Where a browser goes from this page: a relative value resolves on this site.
        location = urlsplit(urljoin("http://testserver/accounts/login/", response["Location"]))
        assert location.scheme == "http" and location.netloc == "testserver", response["Location"]


@pytest.mark.parametrize("value", ODD_VALUES)
def test_safe_next_falls_back_to_the_default(value):
    request = RequestFactory().post("/", {"next": value})
    assert safe_next(request, "/fallback/") == "/fallback/"


def test_safe_next_keeps_a_path_of_this_site():
    request = RequestFactory().post("/", {"next": "/diagnostic/?page=2"})
    assert safe_next(request, "/fallback/") == "/diagnostic/?page=2"
    request = RequestFactory().get("/", {"next": "/dashboard/"})
    assert safe_next(request, "/fallback/") == "/dashboard/"


@pytest.mark.parametrize("value", ODD_VALUES)
def test_resume_link_with_an_odd_next_goes_back_to_the_diagnostic(client, questionnaire, value):
    client.post(reverse("diagnostic:start"))
    assessment = Assessment.objects.get()
    response = client.post(
        reverse("diagnostic:resume_link", kwargs={"uuid": assessment.uuid}),
        {"email": "visiteur@example.be", "next": value},
    )
    assert response.status_code == 302
    assert response.url == reverse(
        "diagnostic:dimension", kwargs={"uuid": assessment.uuid, "position": 1}
    )


def test_resume_link_form_follows_a_path_of_this_site(client, questionnaire):
    client.post(reverse("diagnostic:start"))
    assessment = Assessment.objects.get()
    back = reverse("diagnostic:dimension", kwargs={"uuid": assessment.uuid, "position": 3})
    response = client.post(
        reverse("diagnostic:resume_link", kwargs={"uuid": assessment.uuid}),
        {"email": "visiteur@example.be", "next": back},
    )
    assert response.status_code == 302 and response.url == back


@pytest.mark.django_db
@pytest.mark.parametrize("value", ODD_VALUES)
def test_language_switch_with_an_odd_next_stays_on_the_site(client, value):
    _stays_on_site(client.post(reverse("set_language"), {"language": "en", "next": value}))


@pytest.mark.django_db
@pytest.mark.parametrize("value", ODD_VALUES)
def test_login_and_signup_pages_with_an_odd_next(client, value):
    assert client.get(reverse("account_login"), {"next": value}).status_code == 200
    assert client.get(reverse("account_signup"), {"next": value}).status_code == 200
    UserFactory(email="membre@example.be", password="correct-horse-battery")
    response = client.post(
        reverse("account_login"),
        {"login": "membre@example.be", "password": "correct-horse-battery", "next": value},
    )
    _stays_on_site(response)
    _stays_on_site(client.post(reverse("account_logout"), {"next": value}))
