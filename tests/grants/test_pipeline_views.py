"""The agency's pipeline of applications: drafts left out unless asked for, each filter,
a wrong filter told on the form (never a 500), overdue screening computed by the database,
the counts per status of the filtered set, the sorts, pages of 50, and a query count that
does not grow with the applications."""

import datetime
import re
from decimal import Decimal

import pytest
from django.urls import reverse

from grants.models import Application, Status
from tests.conftest import agency_with_mfa
from tests.factories import OrganisationFactory
from tests.grants.factories import make_application, make_call

from .pipeline_factories import days_ago, in_english, waited

pytestmark = pytest.mark.django_db

URL = reverse("grants:pipeline")
REFERENCE = re.compile(r'<a href="/grants/applications/\d+/">(BD-\d{4}-\d{5})</a>')


@pytest.fixture
def staff(client):
    client.force_login(agency_with_mfa())
    return in_english(client)


def _references(response) -> list[str]:
    assert response.status_code == 200
    return REFERENCE.findall(response.content.decode())


@pytest.fixture
def call():
    return make_call(screening_days=10, envelope=Decimal("1000000.00"))


def test_every_application_but_drafts_newest_submission_last(staff, call):
    older = waited(make_application(OrganisationFactory(), call=call), 3)
    newer = make_application(OrganisationFactory(), Status.IN_REVIEW, call=call)
    draft = make_application(OrganisationFactory(), Status.DRAFT, call=call)

    response = staff.get(URL)

    assert _references(response) == [older.reference, newer.reference]
    assert draft.reference not in response.content.decode()
    page = response.content.decode()
    assert "2 applications" in page
    assert "€9,680.00" in page  # the amount requested


def test_the_status_filter_shows_drafts_when_asked(staff, call):
    submitted = make_application(OrganisationFactory(), call=call)
    draft = make_application(OrganisationFactory(), Status.DRAFT, call=call)
    rejected = make_application(OrganisationFactory(), Status.REJECTED, call=call)

    assert _references(staff.get(URL, {"status": ["draft"]})) == [draft.reference]
    both = _references(staff.get(URL, {"status": ["draft", "rejected"]}))
    assert set(both) == {draft.reference, rejected.reference}
    assert submitted.reference not in both


def test_the_call_filter(staff, call):
    kept = make_application(OrganisationFactory(), call=call)
    make_application(OrganisationFactory(), call=make_call())
    assert _references(staff.get(URL, {"call": call.pk})) == [kept.reference]


def test_the_search_finds_an_organisation_whatever_its_accents_or_a_reference(staff, call):
    kept = make_application(OrganisationFactory(name="Coopérative Élan"), call=call)
    other = make_application(OrganisationFactory(name="Atelier du bois"), call=call)

    assert _references(staff.get(URL, {"search": "cooperative elan"})) == [kept.reference]
    assert _references(staff.get(URL, {"search": "ÉLAN"})) == [kept.reference]
    assert _references(staff.get(URL, {"search": other.reference[-5:]})) == [other.reference]
    response = staff.get(URL, {"search": "nowhere"})
    assert _references(response) == []
    assert "No application matches these filters." in response.content.decode()


def test_the_province_filter(staff, call):
    kept = make_application(OrganisationFactory(province="LG"), call=call)
    make_application(OrganisationFactory(province="NA"), call=call)
    assert _references(staff.get(URL, {"province": "LG"})) == [kept.reference]


def test_the_submission_dates_filter_includes_both_ends(staff, call):
    before = waited(make_application(OrganisationFactory(), call=call), 20)
    inside = waited(make_application(OrganisationFactory(), call=call), 10)
    after = make_application(OrganisationFactory(), call=call)
    start = (days_ago(10)).date().isoformat()
    end = (days_ago(5)).date().isoformat()

    references = _references(staff.get(URL, {"submitted_from": start, "submitted_until": end}))

    assert references == [inside.reference]
    assert before.reference not in references and after.reference not in references
    assert _references(staff.get(URL, {"submitted_from": start})) == [
        inside.reference,
        after.reference,
    ]


def test_the_sorts(staff, call):
    small = waited(make_application(OrganisationFactory(), call=call), 5)
    Application.objects.filter(pk=small.pk).update(requested_amount=Decimal("100.00"))
    big = waited(make_application(OrganisationFactory(), Status.IN_REVIEW, call=call), 9)
    Application.objects.filter(pk=big.pk).update(requested_amount=Decimal("14000.00"))
    closed = make_application(OrganisationFactory(), Status.CLOSED, call=call)

    assert _references(staff.get(URL, {"sort": "submitted"})) == [
        big.reference,
        small.reference,
        closed.reference,
    ]
    assert _references(staff.get(URL, {"sort": "-submitted"}))[0] == closed.reference
    assert _references(staff.get(URL, {"sort": "-amount"}))[0] == big.reference
    assert _references(staff.get(URL, {"sort": "amount"}))[0] == small.reference
    assert _references(staff.get(URL, {"sort": "status"})) == [
        small.reference,  # submitted
        big.reference,  # in review
        closed.reference,
    ]


@pytest.mark.parametrize(
    "query,message",
    [
        ({"status": "bogus"}, "Choose statuses from the list."),
        ({"call": "999999"}, "Choose a call from the list."),
        ({"province": "XX"}, "Choose a province from the list."),
        ({"submitted_from": "31/02/2026"}, "Enter a date such as 2026-03-31."),
        ({"sort": "random"}, "Choose an order from the list."),
        ({"search": "x" * 201}, "Search with at most 200 characters."),
        (
            {"submitted_from": "2026-05-02", "submitted_until": "2026-05-01"},
            "The end date must be on or after the start date.",
        ),
    ],
)
def test_a_wrong_filter_is_told_on_the_form_and_selects_nothing(staff, call, query, message):
    make_application(OrganisationFactory(), call=call)

    response = staff.get(URL, query)

    assert response.status_code == 200
    page = response.content.decode()
    assert message in page
    assert "Some filters are not valid: correct them to see the applications." in page
    assert "No application is shown while the filters are not valid." in page
    assert _references(response) == []
    assert reverse("grants:export_csv") not in page  # no export of a set not shown


def test_overdue_screening_is_counted_from_the_call_s_days(staff, call):
    """A call gives 10 days to screen: submitted 11 days ago is overdue, 9 days ago is
    not; screened, or resubmitted 11 days after a request for information, it is not —
    unless it waits again for screening longer than the call allows."""
    overdue = waited(make_application(OrganisationFactory(name="Overdue"), call=call), 11)
    recent = waited(make_application(OrganisationFactory(), call=call), 9)
    screened = waited(make_application(OrganisationFactory(), Status.SCREENING, call=call), 11)
    resubmitted = make_application(OrganisationFactory(), Status.RESUBMITTED, call=call)
    resubmitted = waited(resubmitted, 12, submitted=False)
    patient = make_call(screening_days=30)
    long_call = waited(make_application(OrganisationFactory(), call=patient), 11)

    response = staff.get(URL, {"overdue": "on"})

    assert set(_references(response)) == {overdue.reference, resubmitted.reference}
    page = response.content.decode()
    assert "2 overdue for screening" in page
    assert "(overdue)" in page
    everything = _references(staff.get(URL))
    assert {recent.reference, screened.reference, long_call.reference} <= set(everything)


def test_days_waiting_are_red_only_when_overdue(staff, call):
    overdue = waited(make_application(OrganisationFactory(), call=call), 11)
    screened = waited(make_application(OrganisationFactory(), Status.SCREENING, call=call), 11)

    page = staff.get(URL).content.decode()

    rows = {reference: row for row, reference in _rows(page)}
    assert '<span class="text-danger fw-semibold">11' in rows[overdue.reference]
    assert "11" in rows[screened.reference]
    assert "text-danger" not in rows[screened.reference]


def _rows(page: str):
    for row in re.findall(r"<tr>(.*?)</tr>", page, flags=re.S):
        found = REFERENCE.search(row)
        if found:
            yield row, found.group(1)


def test_the_summary_counts_each_status_of_the_filtered_set(staff, call):
    for status in (Status.SUBMITTED, Status.SUBMITTED, Status.IN_REVIEW, Status.APPROVED):
        make_application(OrganisationFactory(), status, call=call)
    make_application(OrganisationFactory(), Status.SUBMITTED, call=make_call())

    response = staff.get(URL, {"call": call.pk})

    summary = response.context["summary"]
    assert summary.total == 4
    assert [(item.status, item.count) for item in summary.statuses] == [
        ("submitted", 2),
        ("in_review", 1),
        ("approved", 1),
    ]
    page = response.content.decode()
    assert "4 applications" in page
    summary_html = re.search(r'<p [^>]*id="summary">(.*?)</p>', page, flags=re.S).group(1)
    assert re.search(r"Submitted</span>\s*2", summary_html)
    assert re.search(r"In review</span>\s*1", summary_html)


def test_pages_of_fifty_keep_the_filters(staff, call, monkeypatch):
    monkeypatch.setattr("grants.pipeline.views.PAGE_SIZE", 2)
    for _n in range(3):
        make_application(OrganisationFactory(province="LG"), call=call)

    first = staff.get(URL, {"province": "LG"})
    second = staff.get(URL, {"province": "LG", "page": 2})

    assert len(_references(first)) == 2 and len(_references(second)) == 1
    assert "?province=LG&amp;page=2" in first.content.decode()


def test_the_page_has_fifty_rows_a_page():
    from grants.pipeline.views import PAGE_SIZE

    assert PAGE_SIZE == 50


def _many(call, count):
    statuses = [Status.SUBMITTED, Status.IN_REVIEW, Status.APPROVED, Status.CLOSED]
    for n in range(count):
        application = make_application(OrganisationFactory(), statuses[n % 4], call=call)
        if n % 4 == 0:
            waited(application, 11)


@pytest.mark.parametrize("count", [1, 30])
def test_the_query_count_does_not_grow_with_the_applications(
    staff, call, count, django_assert_max_num_queries
):
    _many(call, count)
    staff.get(URL)  # the session and the account, read once
    with django_assert_max_num_queries(4):
        response = staff.get(URL, {"status": ["submitted", "in_review", "approved", "closed"]})
    assert len(_references(response)) == count
    with django_assert_max_num_queries(4):
        response = staff.get(URL, {"overdue": "on", "search": "EES", "sort": "status"})
    assert len(_references(response)) == (count + 3) // 4


def test_the_staff_navigation_leads_to_the_register(staff, call):
    page = staff.get(URL).content.decode()
    assert reverse("grants:de_minimis_register") in page


def test_french_page_says_it_in_french(client, call):
    client.force_login(agency_with_mfa())
    make_application(OrganisationFactory(), call=call)
    page = client.get(URL).content.decode()
    assert "Demandes de bourse" in page
    assert "Examen de recevabilité en retard uniquement" in page


def test_a_coach_or_a_member_is_refused(client, roles):
    for role in ("coach", "org_admin", "reviewer"):
        client.force_login(roles[role])
        assert client.get(URL).status_code == 403


def test_days_waiting_use_the_moment_of_the_last_move():
    from grants.pipeline.selectors import days_waiting

    now = datetime.datetime(2026, 3, 11, 12, tzinfo=datetime.UTC)
    application = Application(
        status=Status.SUBMITTED, status_changed_at=now - datetime.timedelta(days=3, hours=1)
    )
    assert days_waiting(application, now) == 3
    application.status = Status.CLOSED
    assert days_waiting(application, now) is None
