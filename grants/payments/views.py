"""Payments and the final report: the agency records tranches and checks expenses; the
applicant writes the report, lists its expenses with their files and submits it. Every
right is asked of grants.rules (grants.payments.rules); every write goes through a service."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from digitalees.service_errors import add_service_errors, error_text

from .. import services as core
from ..files import allowed_types_text, content_type_of, file_response
from ..models import CostCategory, Payment, Status
from ..rules import get_application_for
from . import selectors, services
from .forms import ExpenseCheckForm, ExpenseForm, FinalReportForm, PaymentForm, SendBackForm
from .rules import get_expense_for, get_report_application_for


def _detail(application):
    return redirect("grants:application_detail", pk=application.pk)


# --- The agency: tranches, the check, sending the report back --------------------------


@login_required
@require_http_methods(["GET", "POST"])
def payment_create(request, pk):
    application, _access = get_application_for(request, pk, manage=True)
    payments = selectors.payments_of(application)
    kind = selectors.next_tranche(application, payments)
    initial = {
        "kind": kind or Payment.Kind.ADVANCE,
        "amount": selectors.default_amount(application, kind),
        "paid_on": timezone.localdate(),
    }
    form = PaymentForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            payment = core.payment_record(application, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                _("The advance is recorded; the applicant is told.")
                if payment.kind == Payment.Kind.ADVANCE
                else _(
                    "The balance is recorded and the application closed; the applicant is told."
                ),
            )
            return _detail(application)
    return render(
        request,
        "grants/payments/payment_form.html",
        {
            "application": application,
            "form": form,
            "payments": payments,
            "next_tranche": kind,
            "balance": (
                selectors.balance_view(application)
                if application.status == Status.REPORTED
                else None
            ),
            "advance": core.amounts.advance_of(application),
        },
    )


@login_required
@require_POST
def expense_check(request, pk):
    expense, _access = get_expense_for(request, pk, manage=True)
    application = expense.report.application
    form = ExpenseCheckForm(request.POST)
    if form.is_valid():
        try:
            core.expense_check(
                expense,
                by=request.user,
                accepted=form.cleaned_data["decision"] == "accept",
                comment=form.cleaned_data["comment"],
            )
        except ValidationError as error:
            messages.error(request, error_text(error))
        else:
            messages.success(request, _("The expense is checked."))
    else:
        messages.error(request, " ".join(" ".join(e) for e in form.errors.values()))
    return redirect(f"{_detail(application).url}#expense-{expense.pk}")


@login_required
@require_POST
def report_send_back(request, pk):
    application, _access = get_application_for(request, pk, manage=True)
    form = SendBackForm(request.POST)
    if form.is_valid():
        try:
            services.report_send_back(
                application, by=request.user, message=form.cleaned_data["message"]
            )
        except ValidationError as error:
            messages.error(request, error_text(error))
        else:
            messages.success(request, _("The report is sent back to the applicant."))
    else:
        messages.error(request, " ".join(" ".join(e) for e in form.errors.values()))
    return _detail(application)


# --- The applicant: the report, its expenses, their files, the submission -------------


def _report_form(application, report, data=None):
    actions = (
        application.plan.actions.order_by("pk")
        if application.plan_id
        else application.actions.none()
    )
    initial = {}
    if report is not None:
        initial = {
            "achievements": report.achievements,
            "completed_actions": list(report.completed_actions.values_list("pk", flat=True)),
            "version": report.version,
        }
    return FinalReportForm(data, initial=initial, actions=actions)


@login_required
@require_http_methods(["GET", "POST"])
def final_report(request, pk):
    # The applicant's page, to read and to write alike; the others read the report on the
    # application's page (grants/payments/_panel.html).
    application, access = get_report_application_for(request, pk, applicant=True)
    report = selectors.report_of(application)
    form = _report_form(application, report, request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            core.final_report_save(
                application,
                by=request.user,
                achievements=form.cleaned_data["achievements"],
                completed_actions=form.cleaned_data.get("completed_actions") or [],
                version=form.cleaned_data.get("version"),
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The final report is saved."))
            return redirect("grants:final_report", pk=application.pk)
    return render(
        request,
        "grants/payments/final_report.html",
        {
            "application": application,
            "access": access,
            "report": report,
            "form": form,
            "expenses": selectors.expenses_of(report),
            "can_write": access.is_member and application.status == Status.SIGNED,
            "is_signed": application.status == Status.SIGNED,
            "before_signature": application.status
            not in (Status.SIGNED, Status.REPORTED, Status.CLOSED),
            "sent_back": report is not None
            and application.status == Status.SIGNED
            and application.status_changes.filter(from_status=Status.REPORTED).exists(),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def expense_add(request, pk):
    application, _access = get_report_application_for(request, pk, applicant=True)
    funded = selectors.funded_ids(application)
    form = ExpenseForm(
        request.POST or None,
        request.FILES or None,
        categories=CostCategory.objects.all(),
        funded=funded,
        budget_lines=application.budget_lines.select_related("category"),
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.expense_add_for(
                application,
                by=request.user,
                invoice=form.cleaned_data["invoice"],
                proof_of_payment=form.cleaned_data["proof_of_payment"],
                **form.service_fields(),
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The expense is added to the report."))
            return redirect("grants:final_report", pk=application.pk)
    return render(
        request,
        "grants/payments/expense_form.html",
        {
            "application": application,
            "form": form,
            "is_signed": application.status == Status.SIGNED,
            "allowed_types": allowed_types_text(),
        },
    )


@login_required
@require_POST
def expense_delete(request, pk):
    expense, _access = get_expense_for(request, pk, applicant=True)
    application = expense.report.application
    try:
        services.expense_remove(expense, by=request.user)
    except ValidationError as error:
        messages.error(request, error_text(error))
    else:
        messages.success(request, _("The expense is removed from the report."))
    return redirect("grants:final_report", pk=application.pk)


@login_required
@require_safe
def expense_file(request, pk, which):
    expense, _access = get_expense_for(request, pk)
    if which == "invoice":
        field, name = expense.invoice, expense.invoice_name
    elif which == "proof":
        field, name = expense.proof_of_payment, expense.proof_name
    else:
        raise Http404
    return file_response(field, name=name, content_type=content_type_of(name))


@login_required
@require_POST
def final_report_submit(request, pk):
    application, _access = get_report_application_for(request, pk, applicant=True)
    try:
        core.final_report_submit(application, by=request.user)
    except ValidationError as error:
        messages.error(request, error_text(error))
        return redirect("grants:final_report", pk=application.pk)
    messages.success(request, _("The final report is sent to the agency."))
    return _detail(application)
