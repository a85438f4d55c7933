"""Grants' test data, written through grants' services: an application in any status is
made by the moves a real one goes through."""

import datetime
import io
from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from diagnostic.services import assessment_start, assessment_submit
from grants import services
from grants.models import Application, Call, CostCategory, Payment, Status
from grants.services import AidInput, LineInput
from tests.diagnostic.conftest import answer_everything
from tests.factories import AgencyStaffFactory, MembershipFactory, UserFactory

_counter = iter(range(1, 10**9))

# The order a real application goes through, and the service each move takes.
PATH = [
    Status.DRAFT,
    Status.SUBMITTED,
    Status.SCREENING,
    Status.IN_REVIEW,
    Status.APPROVED,
    Status.SIGNED,
    Status.REPORTED,
    Status.CLOSED,
]


def make_call(*, by=None, criteria=None, categories=None, required_documents=(), **fields) -> Call:
    """A published call, open since a week and for a month more (override any field)."""
    now = timezone.now()
    n = next(_counter)
    defaults = {
        "title_fr": f"Bourse numérique {n}",
        "title_en": f"Digital grant {n}",
        "summary_fr": "Soutenir la transformation numérique des EES.",
        "summary_en": "Support the digital transformation of EES.",
        "eligibility_fr": "Les EES wallonnes ayant réalisé l'autodiagnostic.",
        "eligibility_en": "Walloon EES that completed the self-diagnostic.",
        "opens_at": now - datetime.timedelta(days=7),
        "deadline": now + datetime.timedelta(days=30),
        "envelope": Decimal("100000.00"),
        "max_grant": Decimal("15000.00"),
        "cofinancing_rate": Decimal("80"),
        "advance_rate": Decimal("50"),
    }
    defaults.update(fields)
    publish = defaults.pop("publish", True)
    call = services.call_create(
        created_by=by,
        categories=categories
        if categories is not None
        else CostCategory.objects.exclude(code="staff"),
        required_documents=required_documents,
        criteria=criteria
        if criteria is not None
        else [
            {"title_fr": "Pertinence", "title_en": "Relevance", "weight": 3},
            {"title_fr": "Faisabilité", "title_en": "Feasibility", "weight": 2},
            {"title_fr": "Impact social", "title_en": "Social impact", "weight": 1},
        ],
        **defaults,
    )
    if publish:
        if call.deadline <= timezone.now():  # a closed call: published while it was open
            Call.objects.filter(pk=call.pk).update(published_at=call.opens_at)
            call.refresh_from_db()
        else:
            services.call_publish(call)
    return call


def pdf_file(name="devis.pdf") -> SimpleUploadedFile:
    body = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
    return SimpleUploadedFile(name, body, content_type="application/pdf")


def png_file(name="photo.png", size=(20, 20)) -> SimpleUploadedFile:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", size, "white").save(buffer, format="PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


def submitted_diagnostic(organisation, respondent):
    return assessment_submit(
        assessment=answer_everything(
            assessment_start(respondent=respondent, organisation=organisation)
        )
    )


def budget(amount="10000.00", *, category="software", vat="2100.00", recoverable=False):
    return [
        LineInput(
            category_id=CostCategory.objects.get(code=category).pk,
            description="Logiciel de gestion des bénévoles",
            supplier="Coopérative du Code",
            amount_excl_vat=Decimal(amount),
            vat=Decimal(vat),
            vat_recoverable=recoverable,
        )
    ]


def make_draft(organisation, *, call=None, by=None, complete=True, diagnostic=True) -> Application:
    """A draft of `organisation` (a member made if `by` is None); `complete`: every step
    saved, ready to submit (with a submitted diagnostic unless `diagnostic` is False)."""
    call = call or make_call()
    by = by or MembershipFactory(organisation=organisation, role="admin").user
    application = services.application_create(
        call=call, organisation=organisation, by=by, title="Un outil pour nos bénévoles"
    )
    if not complete:
        return application
    services.application_save_project(
        application,
        version=application.version,
        title=application.title,
        summary="Remplacer les tableurs par un outil partagé.",
        objectives="Gagner deux heures par semaine de coordination.",
        expected_results="Un planning en ligne.",
        starts_on=timezone.localdate(),
        ends_on=timezone.localdate() + datetime.timedelta(days=180),
    )
    services.application_save_budget(application, version=application.version, lines=budget())
    for document in call.required_documents.all():
        services.attachment_add(application, by=by, file=pdf_file(), document_type=document)
    services.application_save_de_minimis(
        application,
        version=application.version,
        aids=[
            AidInput(
                granting_body="Région wallonne",
                granted_on=timezone.localdate() - datetime.timedelta(days=400),
                amount=Decimal("5000.00"),
            )
        ],
    )
    if diagnostic:
        submitted_diagnostic(organisation, by)
    return application


def make_application(organisation, status=Status.SUBMITTED, *, call=None, by=None, staff=None):
    """An application of `organisation` brought to `status` through the services."""
    application = make_draft(organisation, call=call, by=by)
    if status == Status.DRAFT:
        return application
    if status == Status.WITHDRAWN:
        services.application_withdraw(application, by=application.created_by, comment="Reporté.")
        return application
    services.application_submit(application, by=application.created_by)
    return advance(application, status, staff=staff)


def advance(application, status, *, staff=None):
    """Move a submitted application on to `status`, as the agency and the applicant would."""
    by = application.created_by
    staff = staff or AgencyStaffFactory()
    if application.status == status:
        return application
    for step in PATH[PATH.index(application.status) + 1 :]:
        if status in (Status.INFO_REQUESTED, Status.RESUBMITTED) and step == Status.IN_REVIEW:
            services.info_request(application, by=staff, message="Joignez un second devis.")
            if status == Status.RESUBMITTED:
                services.info_respond(application, by=by, response="Le voici.")
            return application
        if status == Status.REJECTED and step == Status.APPROVED:
            services.application_reject(application, by=staff, reasons="Budget hors du champ.")
            return application
        _move(application, step, by=by, staff=staff)
        if application.status == status:
            return application
    return application


def _move(application, step, *, by, staff):
    today = timezone.localdate()
    if step == Status.SCREENING:
        services.screening_start(application, by=staff)
    elif step == Status.IN_REVIEW:
        services.review_start(application, by=staff)
    elif step == Status.APPROVED:
        services.application_approve(
            application, by=staff, amount=application.requested_amount, reasons="Projet solide."
        )
    elif step == Status.SIGNED:
        services.agreement_sign(application, by=staff, signed_on=today)
        services.payment_record(
            application,
            by=staff,
            kind=Payment.Kind.ADVANCE,
            amount=services.amounts.advance_of(application),
            paid_on=today,
            reference=f"VIR-{application.pk}-A",
        )
    elif step == Status.REPORTED:
        report = services.final_report_save(
            application, by=by, achievements="L'outil est en place.", completed_actions=[]
        )
        services.expense_add(
            report,
            invoice=pdf_file("facture.pdf"),
            proof_of_payment=pdf_file("preuve.pdf"),
            category_id=CostCategory.objects.get(code="software").pk,
            description="Licence annuelle",
            supplier="Coopérative du Code",
            invoice_number="F-2026-001",
            invoice_date=today,
            amount_excl_vat=Decimal("10000.00"),
            vat=Decimal("2100.00"),
        )
        services.final_report_submit(application, by=by)
    elif step == Status.CLOSED:
        for expense in application.final_report.expenses.all():
            services.expense_check(expense, by=staff, accepted=True)
        services.payment_record(
            application,
            by=staff,
            kind=Payment.Kind.BALANCE,
            amount=services.amounts.balance_of(application).due,
            paid_on=today,
            reference=f"VIR-{application.pk}-S",
        )


def reviewer():
    from django.contrib.auth.models import Group

    from digitalees.roles import REVIEWER_GROUP

    user = UserFactory()
    user.groups.add(Group.objects.get_or_create(name=REVIEWER_GROUP)[0])
    return user
