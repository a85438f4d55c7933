"""Calls' pages: the public list and page, the agency's list, form, criteria, publication
and overview; forms show the services' refusals and change nothing."""

import datetime
from decimal import Decimal

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone

from digitalees.money import euros
from grants import services
from grants.models import Call, Criterion, Status
from tests.conftest import agency_with_mfa
from tests.factories import AgencyStaffFactory, MembershipFactory, OrganisationFactory
from tests.grants.calls_factories import (
    call_form_data,
    closed_call,
    criteria_form_data,
    draft_call,
    upcoming_call,
)
from tests.grants.factories import make_application, make_call, reviewer

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


@pytest.fixture(autouse=True)
def _pages_in_english(client, settings):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"


@pytest.fixture
def staff(client):
    user = agency_with_mfa()
    client.force_login(user)
    return user


# --- Public pages -----------------------------------------------------------------------


def test_the_list_shows_open_upcoming_and_closed_calls_and_not_drafts(client):
    open_call, upcoming, closed = make_call(), upcoming_call(), closed_call()
    draft = draft_call()
    page = client.get(reverse("grants:call_list")).content.decode()
    open_at, upcoming_at, closed_at = (
        page.index("Open calls"),
        page.index("Upcoming calls"),
        page.index("Closed calls"),
    )
    assert open_at < page.index(open_call.title_en) < upcoming_at
    assert upcoming_at < page.index(upcoming.title_en) < closed_at
    assert closed_at < page.index(closed.title_en)
    assert draft.title_en not in page
    assert "Closes in" in page
    # Nobody logged in: no "Apply" button.
    assert reverse("grants:application_start", kwargs={"slug": open_call.slug}) not in page


def test_members_of_an_organisation_may_apply_to_open_calls_only(client):
    open_call, upcoming = make_call(), upcoming_call()
    client.force_login(MembershipFactory().user)
    page = client.get(reverse("grants:call_list")).content.decode()
    assert reverse("grants:application_start", kwargs={"slug": open_call.slug}) in page
    assert reverse("grants:application_start", kwargs={"slug": upcoming.slug}) not in page


def test_someone_of_no_organisation_is_not_offered_to_apply(client, user):
    call = make_call()
    client.force_login(user)
    for url in (reverse("grants:call_list"), reverse("grants:call_detail", args=[call.slug])):
        page = client.get(url).content.decode()
        assert reverse("grants:application_start", kwargs={"slug": call.slug}) not in page


def test_the_call_page_tells_the_terms_with_an_example(client):
    call = make_call(cofinancing_rate=Decimal("80"), max_grant=Decimal("15000.00"))
    response = client.get(reverse("grants:call_detail", args=[call.slug]))
    page = response.content.decode()
    assert "Closes in" in page
    assert "For example, for €10,000.00 of eligible costs the grant pays €8,000.00." in page
    for criterion in call.criteria.all():
        assert criterion.title_en in page
    assert "3 / 6" in page  # Relevance's weight out of the total
    for category in call.categories.all():
        assert category.name_en in page


def test_a_closed_call_says_when_it_closed(client):
    call = closed_call()
    page = client.get(reverse("grants:call_detail", args=[call.slug])).content.decode()
    assert "Closed on" in page
    assert "Closes in" not in page


def test_a_draft_is_404_to_all_but_agency_staff(client, user, settings):
    settings.STAFF_REQUIRE_MFA = True
    call = draft_call()
    url = reverse("grants:call_detail", args=[call.slug])
    assert client.get(url).status_code == 404
    client.force_login(MembershipFactory().user)
    assert client.get(url).status_code == 404
    client.force_login(AgencyStaffFactory())  # no second factor: no agency right
    assert client.get(url).status_code == 404
    client.force_login(agency_with_mfa())
    response = client.get(url)
    assert response.status_code == 200
    assert "Draft: this call is not published" in response.content.decode()


# --- The agency's form ------------------------------------------------------------------


def test_staff_create_a_draft_call(client, staff):
    response = client.post(reverse("grants:call_create"), call_form_data())
    call = Call.objects.get()
    assert response.url == reverse("grants:call_criteria", args=[call.pk])
    assert call.published_at is None
    assert call.envelope == Decimal("200000.00")
    assert call.created_by == staff
    assert call.categories.count() > 0
    # The date-times are read in Brussels time.
    assert timezone.localtime(call.deadline).tzinfo.key == "Europe/Brussels"


@pytest.mark.parametrize(
    "overrides,field,message",
    [
        ({"max_grant": "300000.00"}, "max_grant", "The maximum grant cannot exceed the envelope."),
        ({"envelope": "-5"}, "envelope", "Ensure this value is greater than or equal to 0.01."),
        ({"cofinancing_rate": "120"}, "cofinancing_rate", "less than or equal to 100"),
        ({"envelope": "900000000"}, "envelope", "less than or equal to 100000000"),
        ({"deadline": "2020-01-01T10:00"}, "deadline", "The deadline must come after the opening."),
        ({"opens_at": "demain"}, "opens_at", "Enter a valid date/time."),
    ],
)
def test_the_form_shows_each_refusal_and_creates_nothing(client, staff, overrides, field, message):
    response = client.post(reverse("grants:call_create"), call_form_data(**overrides))
    assert response.status_code == 200
    errors = " ".join(response.context["form"].errors[field])
    assert message in errors
    assert message in response.content.decode().replace("&#x27;", "'")
    assert not Call.objects.exists()


def test_the_envelope_cannot_drop_below_what_is_committed(client, staff):
    call = make_call(envelope=Decimal("50000.00"))
    make_application(OrganisationFactory(), Status.APPROVED, call=call)
    data = call_form_data(envelope="5000.00", max_grant="5000.00", title_en="Renamed")
    response = client.post(reverse("grants:call_edit", args=[call.pk]), data)
    assert response.status_code == 200
    assert "cannot be less than what is already committed" in response.content.decode()
    call.refresh_from_db()
    assert call.envelope == Decimal("50000.00")
    assert call.title_en != "Renamed"


def test_staff_edit_a_call(client, staff):
    call = draft_call()
    response = client.post(
        reverse("grants:call_edit", args=[call.pk]), call_form_data(title_en="Renamed")
    )
    assert response.url == reverse("grants:call_overview", args=[call.pk])
    call.refresh_from_db()
    assert call.title_en == "Renamed"
    # The form shows the call's values, in Brussels time.
    page = client.get(reverse("grants:call_edit", args=[call.pk])).content.decode()
    assert timezone.localtime(call.deadline).strftime("%Y-%m-%dT%H:%M") in page


# --- Criteria ---------------------------------------------------------------------------


def _rows(call):
    return [
        {
            "id": c.pk,
            "title_fr": c.title_fr,
            "title_en": c.title_en,
            "weight": c.weight,
            "ORDER": n,
        }
        for n, c in enumerate(call.criteria.order_by("position"), 1)
    ]


def test_staff_edit_remove_add_and_reorder_criteria(client, staff):
    call = draft_call()
    rows = _rows(call)
    rows[0]["weight"] = 10
    rows[0]["ORDER"] = 3
    rows[1]["DELETE"] = True
    rows[2]["ORDER"] = 1
    rows.append({"title_fr": "Durabilité", "title_en": "Sustainability", "weight": 4, "ORDER": 4})
    response = client.post(
        reverse("grants:call_criteria", args=[call.pk]), criteria_form_data(rows, initial=3)
    )
    assert response.status_code == 302
    assert list(call.criteria.order_by("position").values_list("title_en", "weight")) == [
        ("Social impact", 1),
        ("Relevance", 10),
        ("Sustainability", 4),
    ]


def test_a_weight_out_of_range_is_shown_and_nothing_changes(client, staff):
    call = draft_call()
    before = list(call.criteria.values_list("pk", "weight", "position"))
    rows = _rows(call)
    rows[0]["weight"] = 0
    response = client.post(
        reverse("grants:call_criteria", args=[call.pk]), criteria_form_data(rows, initial=3)
    )
    assert response.status_code == 200
    assert "Ensure this value is greater than or equal to 1." in response.content.decode()
    assert list(call.criteria.values_list("pk", "weight", "position")) == before


def test_criteria_are_locked_once_a_review_was_submitted(client, staff):
    call = make_call()
    application = make_application(OrganisationFactory(), Status.IN_REVIEW, call=call)
    assignment = services.reviewer_assign(application, reviewer=reviewer(), by=staff)
    services.conflict_declare(assignment, conflict=False)
    assignment.refresh_from_db()
    services.review_save(
        assignment,
        scores={c.pk: 4 for c in call.criteria.all()},
        recommendation="approve",
        comment="Bien.",
    )
    url = reverse("grants:call_criteria", args=[call.pk])
    assert "can no longer change" in client.get(url).content.decode()
    before = list(Criterion.objects.filter(call=call).values_list("pk", "weight"))
    rows = _rows(call)
    rows[0]["weight"] = 50
    response = client.post(url, criteria_form_data(rows, initial=3))
    assert response.status_code == 200
    assert "A review has been submitted on this call" in response.content.decode()
    assert list(Criterion.objects.filter(call=call).values_list("pk", "weight")) == before


# --- Publishing ------------------------------------------------------------------------


def test_publishing_without_criteria_shows_why(client, staff):
    call = draft_call(criteria=[])
    response = client.post(reverse("grants:call_publish", args=[call.pk]), follow=True)
    assert "Add the review criteria before you publish the call." in response.content.decode()
    call.refresh_from_db()
    assert call.published_at is None


def test_staff_publish_a_call(client, staff):
    call = draft_call()
    response = client.post(reverse("grants:call_publish", args=[call.pk]), follow=True)
    assert "is published" in response.content.decode()
    call.refresh_from_db()
    assert call.published_at is not None
    assert client.logout() is None
    assert client.get(reverse("grants:call_detail", args=[call.slug])).status_code == 200


# --- The overview ------------------------------------------------------------------------


def test_the_overview_shows_the_figures_and_counts_by_status(client, staff):
    call = make_call(envelope=Decimal("50000.00"))
    make_application(OrganisationFactory(), Status.SIGNED, call=call)  # 9,680 approved, half paid
    make_application(OrganisationFactory(), Status.SUBMITTED, call=call)
    make_application(OrganisationFactory(), Status.SUBMITTED, call=call)
    response = client.get(reverse("grants:call_overview", args=[call.pk]))
    page = response.content.decode()
    figures = response.context["overview"].figures
    assert (figures.committed, figures.paid, figures.remaining) == (
        Decimal("9680.00"),
        Decimal("4840.00"),
        Decimal("40320.00"),
    )
    for amount in ("50000.00", "9680.00", "4840.00", "40320.00"):
        assert f'<td class="text-end text-nowrap">{euros(Decimal(amount))}</td>' in page
    pipeline = reverse("grants:pipeline")
    assert f"{pipeline}?call={call.pk}&amp;status=submitted" in page
    counts = {row.status: row.count for row in response.context["overview"].statuses}
    assert counts[Status.SUBMITTED] == 2
    assert counts[Status.SIGNED] == 1
    assert '<svg viewBox="0 0 100 8"' in page
    assert "<caption>The envelope" in page


def test_the_staff_list_shows_each_call_with_its_state_and_figures(client, staff):
    open_call = make_call(envelope=Decimal("50000.00"))
    make_application(OrganisationFactory(), Status.APPROVED, call=open_call)
    draft = draft_call()
    response = client.get(reverse("grants:staff_calls"))
    rows = {row.call.pk: row for row in response.context["rows"]}
    assert rows[draft.pk].state == "draft"
    assert rows[open_call.pk].state == "open"
    assert rows[open_call.pk].figures.committed == Decimal("9680.00")
    assert rows[open_call.pk].figures.remaining == Decimal("40320.00")
    assert rows[open_call.pk].figures.applications == 1


# --- Query counts ---------------------------------------------------------------------


def _calls_with_applications(size):
    calls = [make_call(envelope=Decimal("500000.00")) for _ in range(size)]
    calls.append(upcoming_call())
    calls.append(closed_call())
    calls.append(draft_call())
    for n in range(size):
        make_application(
            OrganisationFactory(), [Status.SUBMITTED, Status.SIGNED][n % 2], call=calls[0]
        )
    return calls


@pytest.mark.parametrize("size", [1, 5])
def test_pages_cost_the_same_queries_with_one_call_or_several(
    client, size, django_assert_max_num_queries
):
    calls = _calls_with_applications(size)
    member = MembershipFactory().user
    client.force_login(member)
    cache.clear()
    # Measured: 4, 7, 5 and 7 queries with 1 and with 5 calls and applications (+3).
    with django_assert_max_num_queries(7):
        assert client.get(reverse("grants:call_list")).status_code == 200
    with django_assert_max_num_queries(10):
        assert client.get(reverse("grants:call_detail", args=[calls[0].slug])).status_code == 200
    client.force_login(agency_with_mfa())
    cache.clear()
    with django_assert_max_num_queries(8):
        assert client.get(reverse("grants:staff_calls")).status_code == 200
    with django_assert_max_num_queries(10):
        assert client.get(reverse("grants:call_overview", args=[calls[0].pk])).status_code == 200


def test_the_deadline_closes_the_call_by_the_clock(client):
    call = make_call(deadline=timezone.now() + datetime.timedelta(seconds=1))
    Call.objects.filter(pk=call.pk).update(deadline=timezone.now() - datetime.timedelta(seconds=1))
    page = client.get(reverse("grants:call_list")).content.decode()
    assert page.index("Closed calls") < page.index(call.title_en)
