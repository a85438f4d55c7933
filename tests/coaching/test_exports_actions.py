"""A cohort's actions as a workbook and a CSV: one row per action, typed values in the
reader's language, formulas defused; the agency exports the whole cohort, a coach the
enterprises they coach; the queries do not grow with the actions."""

import csv
import datetime
import io
from decimal import Decimal

import openpyxl
import pytest
from django.conf import settings as django_settings
from django.urls import reverse
from django.utils import timezone

from tests.factories import CoachAssignmentFactory, MembershipFactory, OrganisationFactory

from .factories import make_action, make_cohort, make_plan

pytestmark = pytest.mark.django_db

COLUMNS = [
    "Enterprise",
    "Cohort",
    "Action",
    "Dimension",
    "Priority",
    "Owner",
    "Start date",
    "Due date",
    "Status",
    "Progress (%)",
    "Estimated budget (€)",
    "Overdue",
]


def _url(cohort, format):
    return reverse("coaching:cohort_actions_export", kwargs={"slug": cohort.slug, "format": format})


def _csv(response, delimiter=","):
    body = b"".join(response.streaming_content).decode("utf-8")
    assert body.startswith("\ufeff")
    return list(csv.reader(io.StringIO(body[1:]), delimiter=delimiter))


def _xlsx(response):
    assert response["Content-Type"] == (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    return openpyxl.load_workbook(io.BytesIO(response.content)).active


@pytest.fixture
def cohort_of_two(roles, organisation, plan):
    """`organisation`'s plan (its coach is roles' coach) and another enterprise's plan in the
    same cohort, coached by someone else; and an action of another cohort."""
    today = timezone.localdate()
    owner = roles["member"]
    make_action(
        plan,
        title='=HYPERLINK("http://evil.example")',
        dimension_code="security",
        priority="high",
        owner=owner,
        starts_on=today - datetime.timedelta(days=10),
        due_on=today - datetime.timedelta(days=1),
        estimated_budget=Decimal("1234.50"),
        progress=40,
    )
    other = OrganisationFactory(name="Zèbre coopérative")
    CoachAssignmentFactory(organisation=other)
    other_plan = make_plan(other, cohort=plan.enrolment.cohort)
    make_action(other_plan, title="Former l'équipe", status="done")
    make_action(make_plan(OrganisationFactory(), cohort=make_cohort()), title="Ailleurs")
    return plan.enrolment.cohort


@pytest.fixture
def english_client(client):
    client.cookies[django_settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def test_the_agency_exports_every_action_of_the_cohort_as_csv(
    english_client, roles, organisation, cohort_of_two
):
    english_client.force_login(roles["agency"])
    response = english_client.get(_url(cohort_of_two, "csv"))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    today = timezone.localdate().isoformat()
    assert response["Content-Disposition"] == (
        f'attachment; filename="digitalees-actions-{cohort_of_two.slug}-{today}.csv"'
    )
    header, *rows = _csv(response)
    assert header == COLUMNS
    assert [row[0] for row in rows] == [organisation.name, "Zèbre coopérative"]
    first = dict(zip(header, rows[0], strict=True))
    member = roles["member"]
    assert first == {
        "Enterprise": organisation.name,
        "Cohort": cohort_of_two.name,
        "Action": '\'=HYPERLINK("http://evil.example")',  # defused: never a formula
        "Dimension": "Cybersecurity",
        "Priority": "High",
        "Owner": member.display_name,
        "Start date": (timezone.localdate() - datetime.timedelta(days=10)).isoformat(),
        "Due date": (timezone.localdate() - datetime.timedelta(days=1)).isoformat(),
        "Status": "To do",
        "Progress (%)": "40",
        "Estimated budget (€)": "1234.50",
        "Overdue": "Yes",
    }
    second = dict(zip(header, rows[1], strict=True))
    assert (second["Status"], second["Progress (%)"], second["Overdue"]) == ("Done", "100", "No")
    assert (second["Owner"], second["Due date"], second["Estimated budget (€)"]) == ("", "", "")


def test_the_french_csv_has_semicolons_decimal_commas_and_french_labels(
    client, roles, cohort_of_two
):
    client.force_login(roles["agency"])
    header, *rows = _csv(client.get(_url(cohort_of_two, "csv")), delimiter=";")
    assert header[:3] == ["Entreprise", "Cohorte", "Action"]
    first = dict(zip(header, rows[0], strict=True))
    assert first["Budget estimé (€)"] == "1234,50"
    assert (first["Priorité"], first["Statut"], first["En retard"]) == ("Haute", "À faire", "Oui")


def test_the_workbook_has_typed_values_text_that_is_never_a_formula_and_widths(
    english_client, roles, organisation, cohort_of_two
):
    english_client.force_login(roles["agency"])
    response = english_client.get(_url(cohort_of_two, "xlsx"))
    assert response.status_code == 200
    assert response["Content-Disposition"].endswith(f'{timezone.localdate().isoformat()}.xlsx"')
    sheet = _xlsx(response)
    header, *rows = [list(row) for row in sheet.iter_rows(values_only=True)]
    assert header == COLUMNS
    first = dict(zip(header, rows[0], strict=True))
    assert first["Action"] == '=HYPERLINK("http://evil.example")'
    assert sheet["C2"].data_type == "s"  # stored as text: Excel does not run it
    start = timezone.localdate() - datetime.timedelta(days=10)
    assert first["Start date"] == datetime.datetime.combine(start, datetime.time())
    assert sheet["G2"].number_format == "DD/MM/YYYY"
    assert first["Estimated budget (€)"] == pytest.approx(1234.5)
    assert first["Progress (%)"] == 40
    assert len(rows) == 2
    assert sheet.column_dimensions["C"].width == 44
    assert sheet.freeze_panes == "A2"


def test_a_coach_exports_only_the_enterprises_they_coach(
    english_client, roles, organisation, cohort_of_two
):
    english_client.force_login(roles["coach"])
    header, *rows = _csv(english_client.get(_url(cohort_of_two, "csv")))
    assert [row[0] for row in rows] == [organisation.name]


@pytest.mark.parametrize(
    "role,status",
    [("member", 403), ("org_admin", 403), ("other_org_member", 404), ("unassigned_coach", 404)],
)
def test_participants_are_refused_and_strangers_find_nothing(
    client, roles, cohort_of_two, role, status
):
    client.force_login(roles[role])
    for format in ("csv", "xlsx"):
        assert client.get(_url(cohort_of_two, format)).status_code == status


def test_an_unknown_format_is_not_found(client, roles, cohort_of_two):
    client.force_login(roles["agency"])
    assert client.get(_url(cohort_of_two, "pdf")).status_code == 404


def test_a_visitor_is_sent_to_log_in(client, cohort_of_two):
    response = client.get(_url(cohort_of_two, "csv"))
    assert response.status_code == 302 and response.url.startswith(reverse("account_login"))


@pytest.mark.parametrize("format", ["csv", "xlsx"])
def test_the_export_reads_a_fixed_number_of_queries(
    format, client, roles, plan, cohort_of_two, django_assert_max_num_queries
):
    client.force_login(roles["agency"])

    def download():
        response = client.get(_url(cohort_of_two, format))
        if response.streaming:
            return b"".join(response.streaming_content)
        return response.content

    with django_assert_max_num_queries(12) as few:
        download()
    for _enterprise in range(3):
        other = OrganisationFactory()
        MembershipFactory(organisation=other)
        other_plan = make_plan(other, cohort=cohort_of_two)
        for _action in range(10):
            make_action(other_plan)
    with django_assert_max_num_queries(len(few.captured_queries)):
        download()
