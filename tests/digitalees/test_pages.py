import pytest
from django.urls import include, path, reverse

from tests.factories import MembershipFactory

pytestmark = pytest.mark.django_db


def test_home_is_french_by_default_and_english_at_a_click(client):
    response = client.get("/")
    assert response.status_code == 200
    assert '<html lang="fr"' in response.content.decode()
    response = client.post(reverse("set_language"), {"language": "en", "next": "/"})
    assert response.status_code == 302
    response = client.get("/")
    assert '<html lang="en"' in response.content.decode()


def test_browser_language_does_not_override_french_default(client):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert '<html lang="fr"' in response.content.decode()


@pytest.mark.parametrize(
    "name",
    [
        "account_login",
        "account_signup",
        "account_reset_password",
        "account_email_verification_sent",
    ],
)
def test_allauth_pages_use_the_site_layout(client, name):
    response = client.get(reverse(name))
    assert response.status_code == 200
    content = response.content.decode()
    # The skip link leads to the layout's main landmark.
    assert '<a class="skip-link visually-hidden-focusable" href="#main">' in content
    assert '<main id="main"' in content
    assert "/static/vendor/bootstrap-" in content


@pytest.mark.parametrize("name", ["account_email", "account_change_password", "mfa_index"])
def test_account_management_pages_render(client, user, name):
    client.force_login(user)
    response = client.get(reverse(name))
    assert response.status_code == 200
    assert "/static/vendor/bootstrap-" in response.content.decode()


def test_custom_404_page(client):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    content = response.content.decode()
    # The site's own page, in French, inside the layout, with a way back.
    assert "<title>Page introuvable" in content
    assert "Cette page n'existe pas, ou vous n'avez pas le droit de la consulter." in content
    assert '<a class="btn btn-primary" href="/">' in content
    assert '<main id="main"' in content


def test_custom_404_page_in_english_offers_the_dashboard_to_a_member(client, user):
    client.force_login(user)
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    content = client.get("/no-such-page/").content.decode()
    assert "This page does not exist, or you may not see it." in content
    assert f'href="{reverse("dashboard")}">Go to your dashboard</a>' in content


def test_custom_403_page(client):
    member = MembershipFactory(role="member")
    client.force_login(member.user)
    slug = member.organisation.slug
    response = client.get(reverse("network:organisation_edit", kwargs={"slug": slug}))
    assert response.status_code == 403
    content = response.content.decode()
    assert "<title>Accès refusé" in content
    assert "Vous ne pouvez pas effectuer cette action" in content
    assert f'<a class="btn btn-primary" href="{reverse("dashboard")}">' in content


def _boom(request):
    raise RuntimeError("a fault in a view")


# The project's URLs and error handlers, plus a view that fails.
urlpatterns = [path("boom/", _boom), path("", include("digitalees.urls"))]
handler500 = "digitalees.views.error_500"


def test_custom_500_page(client, settings):
    settings.ROOT_URLCONF = __name__
    client.raise_request_exception = False
    response = client.get("/boom/")
    assert response.status_code == 500
    content = response.content.decode()
    assert "<title>Erreur du serveur · DigitalEES</title>" in content
    assert '<a class="btn btn-primary" href="/">' in content
    assert "a fault in a view" not in content


def test_dashboard_shows_next_steps_without_n_plus_one(client, django_assert_max_num_queries):
    membership = MembershipFactory(role="admin")
    for _ in range(5):
        MembershipFactory(user=membership.user, role="admin")
    client.force_login(membership.user)
    with django_assert_max_num_queries(12):
        response = client.get(reverse("dashboard"))
    content = response.content.decode()
    assert membership.organisation.name in content
    assert (
        reverse("network:invitation_create", kwargs={"slug": membership.organisation.slug})
        in content
    )


def test_dashboard_offers_the_diagnostic_and_shows_the_latest_result(client):
    from diagnostic.services import assessment_start, assessment_submit
    from tests.diagnostic.conftest import answer_everything

    membership = MembershipFactory(role="admin")
    client.force_login(membership.user)
    content = client.get(reverse("dashboard")).content.decode()
    assert reverse("diagnostic:start") in content
    draft = assessment_start(respondent=membership.user, organisation=membership.organisation)
    answer_everything(draft)
    content = client.get(reverse("dashboard")).content.decode()
    # Every question answered: the draft is offered for review and submission.
    assert reverse("diagnostic:review", kwargs={"uuid": draft.uuid}) in content
    submitted = assessment_submit(assessment=draft)
    content = client.get(reverse("dashboard")).content.decode()
    result = submitted.result
    assert (
        reverse(
            "diagnostic:organisation_result",
            kwargs={"slug": membership.organisation.slug, "pk": result.pk},
        )
        in content
    )
