"""grants' bench module (bench/grants.py), on the test database: the bulk rows are the rows
the services would write (totals, reviews' weighted scores, one application per
organisation and call), the measured application has its 5 budget lines and 3 reviews, and
the flow's form reader sends what a browser would."""

from decimal import Decimal
from types import SimpleNamespace

import pytest
from django.contrib.auth.models import Group

from bench import grants as bench_grants
from digitalees.roles import AGENCY_GROUP
from grants import amounts
from grants.models import (
    Application,
    BudgetLine,
    CostCategory,
    Payment,
    Review,
    ReviewScore,
    Status,
    StatusChange,
)
from grants.services import weighted_score
from tests.factories import MembershipFactory, UserFactory
from tests.grants.factories import submitted_diagnostic

pytestmark = pytest.mark.django_db


@pytest.fixture
def bench():
    staff = UserFactory(email="agence@bench.test")
    staff.groups.add(Group.objects.get(name=AGENCY_GROUP))
    memberships = [MembershipFactory(role="admin") for _ in range(12)]
    measured, submitter = memberships[0], memberships[1]
    submitted_diagnostic(measured.organisation, measured.user)
    return SimpleNamespace(
        scale="small",
        organisation=measured.organisation,
        admin_id=measured.user.pk,
        submitter=submitter.organisation,
        submitter_id=submitter.user.pk,
        organisations=[m.organisation.pk for m in memberships],
    )


def test_the_bulk_rows_are_those_the_services_would_write(bench):
    fill = bench_grants._Fill(bench)
    application, draft = fill.measured()
    fill.bulk(25, bench.organisations)
    bulk = Application.objects.exclude(pk__in=[application.pk, draft.pk])
    assert bulk.count() == 25
    # Never the measured organisations, and once per call.
    assert not bulk.filter(organisation__in=[bench.organisation, bench.submitter]).exists()
    pairs = list(bulk.values_list("call_id", "organisation_id"))
    assert len(pairs) == len(set(pairs))
    for row in bulk.prefetch_related("budget_lines"):
        lines = list(row.budget_lines.all())
        assert 3 <= len(lines) <= 6
        eligible = set(row.call.categories.values_list("pk", flat=True))
        totals = amounts.budget_totals(row.call, lines, eligible)
        assert (row.total_cost, row.eligible_total, row.requested_amount) == (
            totals.total_cost,
            totals.eligible_total,
            totals.max_request,
        )
        moves = list(row.status_changes.values_list("to_status", flat=True))
        assert moves == bench_grants.PATHS[row.status]
        reviews = Review.objects.filter(assignment__application=row)
        assert reviews.count() == (2 if row.status in bench_grants.REVIEWED else 0)
        criteria = list(row.call.criteria.all())
        for review in reviews:
            scores = dict(
                ReviewScore.objects.filter(review=review).values_list("criterion_id", "score")
            )
            assert review.weighted_score == weighted_score(scores, criteria)
        if row.status == Status.SIGNED:
            advance = row.payments.get(kind=Payment.Kind.ADVANCE)
            assert advance.amount == amounts.advance_of(row)
    for call in fill.calls.calls:
        assert amounts.call_figures(call).remaining >= 0
    # The measured application: in review with 5 budget lines and 3 reviews.
    assert application.status == Status.IN_REVIEW
    assert BudgetLine.objects.filter(application=application).count() == 5
    assert Review.objects.filter(assignment__application=application).count() == 3
    assert StatusChange.objects.filter(application=application).count() == 3
    assert draft.status == Status.DRAFT and draft.call_id != application.call_id
    assert bench_grants.VOLUMES == {"full": 5000, "small": 500}
    assert Decimal(0) < application.requested_amount <= application.call.max_grant


FORM = """
<form method="post" action="/i18n/setlang/"><input name="next" value="/"></form>
<form method="get"><input name="q" value="x"></form>
<form method="post" enctype="multipart/form-data">
  <input type="hidden" name="csrfmiddlewaretoken" value="t">
  <input type="hidden" name="version" value="7">
  <input type="hidden" name="lines-TOTAL_FORMS" value="1">
  <input type="hidden" name="lines-INITIAL_FORMS" value="0">
  <select name="lines-0-category"><option value="">---</option>{options}</select>
  <input name="lines-0-description" value="">
  <input name="lines-0-amount_excl_vat" value="">
  <input type="checkbox" name="lines-0-vat_recoverable">
  <input type="checkbox" name="no_aid" checked>
  <textarea name="summary">Avant</textarea>
  <input type="file" name="file">
  <button name="action" value="save">Enregistrer</button>
</form>
"""


def test_the_flows_form_reader_sends_what_a_browser_would():
    options = "".join(
        f'<option value="{c.pk}">{c.name_fr}</option>' for c in CostCategory.objects.all()
    )
    page = SimpleNamespace(
        content=FORM.format(options=options).encode(), request={"PATH_INFO": "/steps/budget/"}
    )
    form = bench_grants._form(page)
    assert form.data["version"] == "7" and form.data["summary"] == "Avant"
    assert form.data["no_aid"] == "on" and "lines-0-vat_recoverable" not in form.data
    # Neither the header's language switcher nor a search form is the page's form.
    assert "q" not in form.data and "next" not in form.data
    assert form.file_field == "file"
    assert form.data["lines-TOTAL_FORMS"] == "2"
    form.fill(
        summary="Après",
        **{"0-category": "software", "1-category": "training", "1-description": "Formation"},
    )
    assert form.data["summary"] == "Après"
    assert form.data["lines-0-category"] == str(CostCategory.objects.get(code="software").pk)
    assert form.data["lines-1-category"] == str(CostCategory.objects.get(code="training").pk)
    assert form.data["lines-1-description"] == "Formation"
