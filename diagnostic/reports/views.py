"""PDF reports of results pages: ask for one, follow its preparation, download it.

Whoever may see the results may ask for and download their report; to anyone else the
report does not exist (404). A report of an organisation's results, or of an account's
diagnostic, sends those who are not logged in to the login page first.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST
from django_htmx.http import HttpResponseClientRedirect

from digitalees import ratelimit
from digitalees.service_errors import error_text
from network.rules import get_organisation_for

from ..models import Report, Result
from ..rules import LoginRequired, get_assessment_for, get_report_for
from . import services as reports
from .forms import ReportRequestForm

STATUS_TEMPLATE = "diagnostic/report/_status.html"
FORM_TEMPLATE = "diagnostic/report/_form.html"


def _results_url(report: Report) -> str:
    if report.result_id:
        return reverse(
            "diagnostic:organisation_result",
            kwargs={"slug": report.result.organisation.slug, "pk": report.result_id},
        )
    return reverse("diagnostic:results", kwargs={"uuid": report.assessment.uuid})


def _respond(request, report: Report, *, results_url: str, notify_email: str):
    """The status block for htmx; otherwise back to the results page, with a message."""
    if request.htmx:
        return render(request, STATUS_TEMPLATE, {"report": report})
    if report.status == Report.Status.READY:
        messages.success(request, _("Your PDF report is ready: download it below."))
    elif notify_email and report.emails(notify_email):
        messages.info(
            request,
            _(
                "Your PDF report is being prepared. The download link appears on this page "
                "and will be sent to %(email)s."
            )
            % {"email": notify_email},
        )
    else:
        messages.info(
            request,
            _("Your PDF report is being prepared. Reload this page in a moment to download it."),
        )
    return redirect(results_url)


def _invalid(request, form, context: dict, results_url: str):
    if request.htmx:
        # 200, not 400: htmx swaps only successful responses, and the block must show why.
        return render(request, FORM_TEMPLATE, {**context, "form": form})
    messages.error(request, " ".join(form.errors.get("email", [])))
    return redirect(results_url)


def _ask(request, *, context: dict, results_url: str, **source):
    form = ReportRequestForm(request.POST)
    if not form.is_valid():
        return _invalid(request, form, context, results_url)
    user = request.user
    notify_email = user.email if user.is_authenticated else form.cleaned_data["email"]
    if (
        notify_email
        and not user.is_authenticated
        and not ratelimit.allow(request, "report_notice", limit=5, period=3600)
    ):
        # A typed address: keep the report, drop the notice beyond a few per hour.
        notify_email = ""
    try:
        report = reports.report_request(
            **source,
            language=request.LANGUAGE_CODE,
            requested_by=user,
            notify_email=notify_email,
        )
    except ValidationError as error:
        messages.error(request, error_text(error))
        if request.htmx:
            return HttpResponseClientRedirect(results_url)
        return redirect(results_url)
    return _respond(request, report, results_url=results_url, notify_email=notify_email)


@require_POST
def assessment_request(request, uuid):
    """Ask for the PDF of an assessment's results (a visitor's included)."""
    assessment = get_assessment_for(request, uuid)
    if not assessment.is_submitted:
        raise Http404  # a draft has no results page, hence no report
    results_url = reverse("diagnostic:results", kwargs={"uuid": assessment.uuid})
    return _ask(
        request,
        context={"assessment": assessment},
        results_url=results_url,
        assessment=assessment,
    )


@login_required
@require_POST
def result_request(request, slug, pk):
    """Ask for the PDF of an organisation's result."""
    organisation, _access = get_organisation_for(request, slug)
    result = get_object_or_404(Result, pk=pk, organisation=organisation)
    results_url = reverse(
        "diagnostic:organisation_result", kwargs={"slug": organisation.slug, "pk": result.pk}
    )
    return _ask(
        request,
        context={"result": result, "organisation": organisation},
        results_url=results_url,
        result=result,
    )


@require_GET
def status(request, pk):
    """The report's block: polled by htmx every two seconds while it is being prepared."""
    try:
        report = get_report_for(request, pk)
    except LoginRequired:
        # A poll whose session ended: the whole page goes to the login, then back to where it
        # was. Never name the report's results here: the visitor is not known to see them.
        back = (request.htmx.current_url_abs_path if request.htmx else None) or "/"
        login = redirect_to_login(back)
        return HttpResponseClientRedirect(login.url) if request.htmx else login
    return render(request, STATUS_TEMPLATE, {"report": report})


@require_GET
def download(request, pk):
    """The PDF, as an attachment, once it is ready; until then, back to the results page."""
    try:
        report = get_report_for(request, pk)
    except LoginRequired:
        return redirect_to_login(request.get_full_path())  # the link in the e-mail
    if report.status == Report.Status.PENDING:
        messages.info(
            request,
            _("This report is still being prepared: its download link appears below."),
        )
        return redirect(_results_url(report))
    try:
        if report.status != Report.Status.READY or not report.file:
            raise FileNotFoundError
        pdf = report.file.open("rb")
    except FileNotFoundError:
        messages.info(request, _("This report is not available. Ask for it again below."))
        return redirect(_results_url(report))
    response = FileResponse(
        pdf,
        as_attachment=True,
        filename=reports.report_filename(report),
        content_type="application/pdf",
    )
    # The report holds private figures: no shared cache may keep it.
    patch_cache_control(response, private=True, no_store=True)
    return response
