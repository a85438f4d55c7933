"""The pipeline's exports (the filtered applications with their amounts) and the de minimis
register (the programme's grants per beneficiary, with a year filter and a total), as pages
and files: headers, a row's values, decimal commas in the French CSV, numbers and dates in
the workbooks read back with openpyxl, wrong filters answered 400 in plain text."""

import csv
import datetime
import io
from decimal import Decimal

import openpyxl
import pytest
from django.urls import reverse
from django.utils import timezone

from grants.models import Status
from tests.conftest import agency_with_mfa
from tests.factories import OrganisationFactory
from tests.grants.factories import make_application, make_call

from .pipeline_factories import decided, in_english

pytestmark = pytest.mark.django_db

COLUMNS = [
    "Reference",
    "Organisation",
    "Enterprise number",
    "Province",
    "Call",
    "Status",
    "Submitted on",
    "Decided on",
    "Total cost excl. VAT (€)",
    "Eligible costs (€)",
    "Amount requested (€)",
    "Amount approved (€)",
    "Amount paid (€)",
]
REGISTER_COLUMNS = [
    "Beneficiary",
    "Enterprise number",
    "Amount (€)",
    "Date granted",
    "Call",
    "Reference",
]


@pytest.fixture
def staff(client):
    client.force_login(agency_with_mfa())
    return in_english(client)


@pytest.fixture
def french_staff(client):
    client.force_login(agency_with_mfa())
    return client  # French is the default language


@pytest.fixture
def call():
    return make_call(title_en="Digital boost", envelope=Decimal("1000000.00"))


def _csv(response, delimiter=","):
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    body = b"".join(response.streaming_content).decode("utf-8")
    assert body.startswith("\ufeff")
    return list(csv.reader(io.StringIO(body[1:]), delimiter=delimiter))


def _xlsx(response):
    assert response.status_code == 200
    assert response["Content-Type"] == (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    return sheet, [list(row) for row in sheet.iter_rows(values_only=True)]


# --- the applications -------------------------------------------------------------------


def test_the_csv_has_the_columns_and_a_closed_application_s_amounts(staff, call):
    organisation = OrganisationFactory(name="=Coopérative; Élan", province="LG")
    closed = make_application(organisation, Status.CLOSED, call=call)
    make_application(OrganisationFactory(), Status.DRAFT, call=call)

    response = staff.get(reverse("grants:export_csv"))

    today = timezone.localdate().isoformat()
    assert response["Content-Disposition"] == (
        f'attachment; filename="digitalees-grant-applications-{today}.csv"'
    )
    header, *rows = _csv(response)
    assert header == COLUMNS
    assert len(rows) == 1  # drafts left out, as on the page
    row = dict(zip(header, rows[0], strict=True))
    assert row == {
        "Reference": closed.reference,
        "Organisation": "'=Coopérative; Élan",  # defused: never a formula, quoted, not split
        "Enterprise number": organisation.enterprise_number_display,
        "Province": "Liège",
        "Call": "Digital boost",
        "Status": "Closed",
        "Submitted on": today,
        "Decided on": today,
        "Total cost excl. VAT (€)": "10000.00",
        "Eligible costs (€)": "12100.00",  # with the VAT it cannot recover
        "Amount requested (€)": "9680.00",
        "Amount approved (€)": "9680.00",
        "Amount paid (€)": "9680.00",  # the advance and the balance
    }


def test_the_french_csv_has_semicolons_decimal_commas_and_french_labels(french_staff, call):
    make_application(OrganisationFactory(), Status.SIGNED, call=call)

    header, row = _csv(french_staff.get(reverse("grants:export_csv")), delimiter=";")

    assert header[:3] == ["Référence", "Organisation", "Numéro d'entreprise"]
    values = dict(zip(header, row, strict=True))
    assert values["Statut"] == "Convention signée"
    assert values["Coûts éligibles (€)"] == "12100,00"
    assert values["Montant versé (€)"] == "4840,00"  # the advance, half the grant


def test_the_exports_follow_the_pipeline_s_filters(staff, call):
    kept = make_application(OrganisationFactory(province="LG"), Status.IN_REVIEW, call=call)
    make_application(OrganisationFactory(province="NA"), Status.IN_REVIEW, call=call)
    make_application(OrganisationFactory(province="LG"), Status.SUBMITTED, call=call)
    query = {"province": "LG", "status": ["in_review"]}

    header, *rows = _csv(staff.get(reverse("grants:export_csv"), query))
    assert [row[0] for row in rows] == [kept.reference]
    _sheet, (header, *rows) = _xlsx(staff.get(reverse("grants:export_xlsx"), query))
    assert [row[0] for row in rows] == [kept.reference]

    page = staff.get(reverse("grants:pipeline"), query).content.decode()
    assert f"{reverse('grants:export_csv')}?province=LG&amp;status=in_review" in page


def test_the_workbook_has_numbers_dates_and_text_that_is_never_a_formula(staff, call):
    organisation = OrganisationFactory(name="=1+1")
    approved = make_application(organisation, Status.APPROVED, call=call)

    sheet, (header, *rows) = _xlsx(staff.get(reverse("grants:export_xlsx")))

    assert header == COLUMNS
    row = dict(zip(header, rows[0], strict=True))
    assert row["Reference"] == approved.reference
    assert row["Organisation"] == "=1+1"
    assert sheet["B2"].data_type == "s"  # stored as text: Excel does not run it
    today = datetime.datetime.combine(timezone.localdate(), datetime.time())
    assert row["Submitted on"] == today
    assert sheet["G2"].number_format == "DD/MM/YYYY"
    assert row["Eligible costs (€)"] == pytest.approx(12100)
    assert row["Amount approved (€)"] == pytest.approx(9680)
    assert sheet["L2"].number_format == "#,##0.00"
    assert row["Amount paid (€)"] == 0
    assert row["Status"] == "Approved"


@pytest.mark.parametrize("name", ["grants:export_csv", "grants:export_xlsx"])
def test_an_export_with_wrong_filters_answers_400_in_plain_text(staff, call, name):
    make_application(OrganisationFactory(), call=call)
    response = staff.get(reverse(name), {"province": "XX"})
    assert response.status_code == 400
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert "Choose a province from the list." in response.content.decode()


def test_the_export_asks_the_same_queries_for_many_applications(
    staff, call, django_assert_max_num_queries
):
    for status in (Status.SUBMITTED, Status.SIGNED, Status.CLOSED, Status.IN_REVIEW):
        make_application(OrganisationFactory(), status, call=call)
    staff.get(reverse("grants:pipeline"))
    with django_assert_max_num_queries(2):  # the account, the rows (a server-side cursor)
        _header, *rows = _csv(staff.get(reverse("grants:export_csv")))
    assert len(rows) == 4


# --- the de minimis register ------------------------------------------------------------

REGISTER = reverse("grants:de_minimis_register")


@pytest.fixture
def granted(call):
    """One application in every status; those granted (approved, signed, reported, closed)
    decided this year but the closed one, decided last year."""
    applications = {
        status: make_application(OrganisationFactory(name=f"EES {status}"), status, call=call)
        for status in Status.values
    }
    last_year = timezone.now().replace(year=timezone.now().year - 1)
    decided(applications[Status.CLOSED], last_year)
    return applications


GRANTED = [Status.APPROVED, Status.CLOSED, Status.REPORTED, Status.SIGNED]  # by name


def test_the_register_lists_only_the_aid_granted_with_its_total(staff, granted):
    response = staff.get(REGISTER)

    page = response.content.decode()
    shown = [a.reference for a in response.context["page"]]
    assert shown == [granted[status].reference for status in GRANTED]  # per beneficiary
    for status in (Status.REJECTED, Status.WITHDRAWN, Status.IN_REVIEW, Status.SUBMITTED):
        assert granted[status].reference not in page
    assert "€38,720.00" in page  # 4 × 9,680
    assert granted[Status.SIGNED].organisation.enterprise_number_display in page


def test_the_register_s_year_filter(staff, granted):
    this_year = timezone.localdate().year

    response = staff.get(REGISTER, {"year": this_year})

    shown = [a.reference for a in response.context["page"]]
    assert granted[Status.CLOSED].reference not in shown
    assert len(shown) == 3
    page = response.content.decode()
    assert f"Aid granted in {this_year}" in page
    assert "€29,040.00" in page  # 3 × 9,680
    last = staff.get(REGISTER, {"year": this_year - 1})
    assert [a.reference for a in last.context["page"]] == [granted[Status.CLOSED].reference]


def test_a_year_with_no_grant_is_refused_on_the_form(staff, granted):
    response = staff.get(REGISTER, {"year": "1999"})
    assert response.status_code == 200
    page = response.content.decode()
    assert "Choose a year from the list." in page
    assert "No aid is shown while the year is not valid." in page
    assert not response.context["page"].object_list
    for name in ("grants:de_minimis_csv", "grants:de_minimis_xlsx"):
        refused = staff.get(reverse(name), {"year": "1999"})
        assert refused.status_code == 400
        assert "Choose a year from the list." in refused.content.decode()


def test_the_register_s_csv_is_ready_for_the_public_register(french_staff, granted):
    this_year = timezone.localdate().year
    response = french_staff.get(reverse("grants:de_minimis_csv"), {"year": this_year})
    today = timezone.localdate().isoformat()
    assert response["Content-Disposition"] == (
        f'attachment; filename="digitalees-de-minimis-{this_year}-{today}.csv"'
    )
    header, *rows = _csv(response, delimiter=";")
    assert header == ["Bénéficiaire", "Numéro d'entreprise", "Montant (€)", "Date d'octroi"] + [
        "Appel",
        "Référence",
    ]
    approved = granted[Status.APPROVED]
    first = dict(zip(header, rows[0], strict=True))
    assert first == {
        "Bénéficiaire": approved.organisation.name,
        "Numéro d'entreprise": approved.organisation.enterprise_number_display,
        "Montant (€)": "9680,00",
        "Date d'octroi": timezone.localdate(approved.decided_at).isoformat(),
        "Appel": approved.call.title_fr,
        "Référence": approved.reference,
    }
    assert len(rows) == 3


def test_the_register_s_workbook_has_amounts_and_dates(staff, granted):
    sheet, (header, *rows) = _xlsx(staff.get(reverse("grants:de_minimis_xlsx")))
    assert header == REGISTER_COLUMNS
    assert len(rows) == 4
    closed = dict(zip(header, rows[1], strict=True))
    application = granted[Status.CLOSED]
    assert closed["Reference"] == application.reference
    assert closed["Amount (€)"] == pytest.approx(9680)
    assert closed["Date granted"] == datetime.datetime.combine(
        timezone.localdate(application.decided_at), datetime.time()
    )
    assert sheet["C2"].number_format == "#,##0.00"
    assert sum(row[2] for row in rows) == pytest.approx(38720)


@pytest.mark.parametrize("count", [1, 6])
def test_the_register_s_query_count_does_not_grow(
    staff, call, count, django_assert_max_num_queries
):
    for _n in range(count):
        make_application(OrganisationFactory(), Status.APPROVED, call=call)
    staff.get(REGISTER)
    with django_assert_max_num_queries(4):  # the account, the years, the total, the rows
        response = staff.get(REGISTER)
    assert len(response.context["page"]) == count
