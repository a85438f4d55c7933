"""grants' demo data, as the issue asks for it: two calls, one open and one closed, with
applications in every status, reviews and payments, written through the services; safe
to run twice; the outside experts see only the applications assigned to them."""

import pytest
from django.core.management import call_command
from django.urls import reverse

from digitalees.models import User
from grants import amounts
from grants.demo import CLOSED_CALL, OPEN_CALL
from grants.files import check_upload
from grants.models import (
    Application,
    Attachment,
    BudgetLine,
    Call,
    DecisionLetter,
    DeMinimisAid,
    Expense,
    Payment,
    Review,
    ReviewerAssignment,
    Status,
    StatusChange,
)
from grants.rules import applications_visible_to

pytestmark = pytest.mark.django_db


def _counts():
    return {
        model.__name__: model.objects.count()
        for model in (
            Call,
            Application,
            BudgetLine,
            Attachment,
            DeMinimisAid,
            StatusChange,
            ReviewerAssignment,
            Review,
            Payment,
            Expense,
            DecisionLetter,
            User,
        )
    }


@pytest.fixture
def seeded(settings, capsys):
    """What seed_demo printed."""
    settings.DEBUG = True
    call_command("seed_demo")
    return capsys.readouterr().out


def test_every_status_is_there_within_each_calls_envelope(seeded):
    open_call, closed_call = (
        Call.objects.get(title_fr=OPEN_CALL),
        Call.objects.get(title_fr=CLOSED_CALL),
    )
    assert open_call.is_open() and closed_call.is_closed()
    assert set(Application.objects.values_list("status", flat=True)) == set(Status.values)
    for call in (open_call, closed_call):
        assert 3 <= call.criteria.count() <= 5
        assert call.categories.exists() and call.required_documents.filter(code="quote").exists()
        figures = amounts.call_figures(call)
        assert figures.committed <= call.envelope and figures.remaining >= 0
        paid = sum(p.amount for p in Payment.objects.filter(application__call=call))
        assert paid <= figures.committed
    # Approved, and every decision since, has its amount, its reasons and its letter.
    for application in Application.objects.filter(
        status__in=[Status.APPROVED, Status.SIGNED, Status.REPORTED, Status.CLOSED]
    ):
        assert 0 < application.approved_amount <= application.requested_amount
        assert application.letters.filter(decision=Status.APPROVED).exists()
        assert application.payments.filter(kind=Payment.Kind.ADVANCE).exists() == (
            application.status != Status.APPROVED
        )
    for application in Application.objects.filter(status=Status.REJECTED):
        assert application.decision_reasons and application.letters.exists()
    for application in Application.objects.filter(status=Status.CLOSED):
        balance = application.payments.get(kind=Payment.Kind.BALANCE)
        assert sum(p.amount for p in application.payments.all()) <= application.approved_amount
        assert balance.amount > 0
    reported = Application.objects.get(status=Status.REPORTED)
    assert reported.final_report.expenses.count() >= 2
    # The draft is half filled in: a project and a budget, no documents yet.
    draft = Application.objects.get(status=Status.DRAFT)
    assert draft.summary and draft.budget_lines.exists() and not draft.attachments.exists()
    # Budgets, plan actions, de minimis declarations, reviews on weighted criteria.
    assert BudgetLine.objects.filter(category__code="hardware").exists()
    assert BudgetLine.objects.filter(action__isnull=False).exists()
    assert Application.objects.filter(actions__isnull=False).exists()
    assert DeMinimisAid.objects.exists()
    in_review = Application.objects.filter(status=Status.IN_REVIEW)
    assert all(Review.objects.filter(assignment__application=a).exists() for a in in_review)
    assert ReviewerAssignment.objects.filter(declaration="conflict").count() == 1
    # The documents are real files, recognised by their content like any upload.
    for attachment in Attachment.objects.all()[:3]:
        with attachment.file.open("rb") as file:
            assert check_upload(file).content_type == "application/pdf"
    assert "expert1@digitalees.test" in seeded and "expert2@digitalees.test" in seeded


def test_running_it_twice_adds_nothing(seeded):
    before = _counts()
    call_command("seed_demo")
    assert _counts() == before


def test_the_experts_see_only_the_applications_assigned_to_them(seeded, client):
    for email in ("expert1@digitalees.test", "expert2@digitalees.test"):
        expert = User.objects.get(email=email)
        assigned = set(
            ReviewerAssignment.objects.filter(reviewer=expert)
            .exclude(declaration="conflict")
            .values_list("application_id", flat=True)
        )
        assert assigned
        assert set(applications_visible_to(expert).values_list("pk", flat=True)) == assigned
        client.force_login(expert)
        for application in Application.objects.all():
            response = client.get(reverse("grants:application_detail", args=[application.pk]))
            assert response.status_code == (200 if application.pk in assigned else 404)
    # expert2's conflict took them off that application.
    conflict = ReviewerAssignment.objects.get(declaration="conflict")
    assert conflict.reviewer.email == "expert2@digitalees.test"
    assert not applications_visible_to(conflict.reviewer).filter(pk=conflict.application_id)
