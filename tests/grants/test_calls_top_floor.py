"""The top floor's links into grants: the menus, the home page, the dashboard."""

import pytest
from django.core.cache import cache
from django.urls import reverse

from grants import services
from grants.models import Status
from tests.conftest import agency_with_mfa
from tests.factories import MembershipFactory, OrganisationFactory, UserFactory
from tests.grants.calls_factories import closed_call
from tests.grants.factories import make_application, make_call, reviewer

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _pages_in_english(client, settings):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"


def _page(client, name="dashboard"):
    response = client.get(reverse(name))
    assert response.status_code == 200
    return response.content.decode()


def test_the_agency_menu_links_calls_and_applications(client, settings):
    settings.STAFF_REQUIRE_MFA = True
    client.force_login(agency_with_mfa())
    page = _page(client)
    assert f'href="{reverse("grants:staff_calls")}"' in page
    assert f'href="{reverse("grants:pipeline")}"' in page
    client.force_login(MembershipFactory().user)
    page = _page(client)
    assert f'href="{reverse("grants:staff_calls")}"' not in page
    assert f'href="{reverse("grants:pipeline")}"' not in page


def test_the_account_menu_links_applications_for_members_and_reviews_for_reviewers(client):
    applications, reviews = reverse("grants:application_list"), reverse("grants:review_home")
    client.force_login(MembershipFactory().user)
    page = _page(client, "home")
    assert f'href="{applications}"' in page
    assert f'href="{reviews}"' not in page
    client.force_login(reviewer())
    page = _page(client, "home")
    assert f'href="{reviews}"' in page
    assert f'href="{applications}"' not in page
    client.force_login(UserFactory())
    page = _page(client, "home")
    assert f'href="{applications}"' not in page
    assert f'href="{reviews}"' not in page


def test_the_home_page_links_the_grants_calls(client):
    assert f'href="{reverse("grants:call_list")}"' in _page(client, "home")


def test_the_dashboard_shows_open_grant_calls_to_an_ees_people(client):
    open_call, closed = make_call(), closed_call()
    client.force_login(MembershipFactory().user)
    page = _page(client)
    assert "Digitalisation grants: calls open" in page
    assert reverse("grants:call_detail", args=[open_call.slug]) in page
    assert reverse("grants:call_detail", args=[closed.slug]) not in page
    client.force_login(UserFactory())  # of no organisation: nothing to apply for
    assert "Digitalisation grants: calls open" not in _page(client)


def test_a_reviewer_sees_how_many_reviews_wait(client):
    expert = reviewer()
    call = make_call()
    staff = agency_with_mfa()
    for _ in range(2):
        application = make_application(OrganisationFactory(), Status.IN_REVIEW, call=call)
        services.reviewer_assign(application, reviewer=expert, by=staff)
    client.force_login(expert)
    page = _page(client)
    assert "2 reviews wait for you." in page
    # An outside expert is not asked to register an organisation.
    assert "You do not belong to an organisation yet" not in page
    assignment = expert.grant_review_assignments.first()
    services.conflict_declare(assignment, conflict=True, details="Ancien employeur.")
    assert "1 review waits for you." in _page(client)


@pytest.mark.parametrize("size", [1, 4])
def test_the_dashboard_costs_the_same_queries_with_one_call_or_several(
    client, size, django_assert_max_num_queries
):
    for _ in range(size):
        make_call()
    member = MembershipFactory().user
    client.force_login(member)
    client.get(reverse("dashboard"))
    cache.clear()
    with django_assert_max_num_queries(25) as captured:
        _page(client)
    counts = len(captured)
    cache.clear()
    for _ in range(size):
        make_call()
    with django_assert_max_num_queries(counts):
        _page(client)
