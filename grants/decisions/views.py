"""The agency's moves on an application (screen, ask for information, send to review,
decide, record the signed agreement) and the decision letter (download, render again).

Every view asks grants.rules: agency staff only for the moves (`manage=True`), whoever
sees the application through its organisation for the letter. A move the table does not
allow from the current status (a stale page, a tampered form) is refused by the service
with its message, and nothing changes.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from digitalees.service_errors import add_service_errors, error_text

from .. import letters, services
from ..files import file_response
from ..models import DecisionLetter, Status
from ..rules import get_application_for
from . import selectors
from .forms import DecisionForm, InfoRequestForm, MoveForm, SignForm
from .rules import get_letter_for


def _detail(application):
    return redirect(reverse("grants:application_detail", kwargs={"pk": application.pk}))


def _simple_move(request, pk, service, done: str):
    application, _access = get_application_for(request, pk, manage=True)
    form = MoveForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
        return _detail(application)
    try:
        service(
            application, by=request.user, internal_comment=form.cleaned_data["internal_comment"]
        )
    except ValidationError as error:
        messages.error(request, error_text(error))
    else:
        messages.success(request, done)
    return _detail(application)


@login_required
@require_POST
def application_screen(request, pk):
    return _simple_move(request, pk, services.screening_start, _("Screening has started."))


@login_required
@require_POST
def application_send_to_review(request, pk):
    return _simple_move(request, pk, services.review_start, _("The application is now in review."))


@login_required
@require_http_methods(["GET", "POST"])
def application_request_info(request, pk):
    application, _access = get_application_for(request, pk, manage=True)
    form = InfoRequestForm(request.POST if request.method == "POST" else None)
    if form.is_valid():
        try:
            services.info_request(application, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Your request was sent to the applicant."))
            return _detail(application)
    return render(
        request,
        "grants/decisions/request_info.html",
        {"application": application, "form": form},
    )


@login_required
@require_http_methods(["GET", "POST"])
def application_decide(request, pk):
    application, _access = get_application_for(request, pk, manage=True)
    if request.method == "POST":
        form = DecisionForm(request.POST)
    else:
        form = DecisionForm(
            initial={"decision": DecisionForm.APPROVE, "amount": application.requested_amount}
        )
    if form.is_valid():
        data = form.cleaned_data
        try:
            if data["decision"] == DecisionForm.APPROVE:
                services.application_approve(
                    application,
                    by=request.user,
                    amount=data["amount"],
                    reasons=data["reasons"],
                    internal_comment=data["internal_comment"],
                )
                done = _("The application is approved; its decision letter is being prepared.")
            else:
                services.application_reject(
                    application,
                    by=request.user,
                    reasons=data["reasons"],
                    internal_comment=data["internal_comment"],
                )
                done = _("The application is rejected; its decision letter is being prepared.")
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, done)
            return _detail(application)
    context = {
        "application": application,
        "form": form,
        "can_decide": application.status in (Status.IN_REVIEW, Status.SCREENING),
        "can_approve": application.status == Status.IN_REVIEW,
        **selectors.decision_page(application),
    }
    return render(request, "grants/decisions/decide.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def application_sign(request, pk):
    application, _access = get_application_for(request, pk, manage=True)
    form = SignForm(request.POST if request.method == "POST" else None)
    if form.is_valid():
        try:
            services.agreement_sign(
                application, by=request.user, signed_on=form.cleaned_data["signed_on"]
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The signed agreement is recorded."))
            return _detail(application)
    return render(request, "grants/decisions/sign.html", {"application": application, "form": form})


@login_required
@require_safe
def letter_download(request, pk):
    letter, _access = get_letter_for(request, pk)
    if letter.status != DecisionLetter.Status.READY or not letter.file:
        messages.info(request, _("The decision letter is not ready yet."))
        return _detail(letter.application)
    try:
        letter.file.open("rb").close()
    except FileNotFoundError:
        messages.error(
            request, _("The decision letter's file is missing: the agency can render it again.")
        )
        return _detail(letter.application)
    return file_response(
        letter.file, name=letters.letter_filename(letter), content_type="application/pdf"
    )


@login_required
@require_POST
def letter_retry(request, pk):
    letter, _access = get_letter_for(request, pk, manage=True)
    try:
        letters.letter_retry(letter)
    except ValidationError as error:
        messages.error(request, error_text(error))
    else:
        messages.success(request, _("The decision letter is being prepared again."))
    return _detail(letter.application)
