"""Selection's pages: the open calls, applying, and the agency's selection table with its
actions (score, decide, notify)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from digitalees.roles import agency_staff_required, is_agency_staff
from digitalees.service_errors import add_service_errors, error_text

from ..models import Application, Cohort, Criterion
from ..rules import organisations_to_apply_for
from . import selectors
from . import services as selection_services
from .forms import ApplicationForm, DecisionForm, ScoreForm


@require_GET
def call_list(request):
    calls = list(selectors.open_calls())
    applied = selectors.applied_organisation_ids(request.user, [c.pk for c in calls])
    admin_of = list(organisations_to_apply_for(request.user).values_list("pk", flat=True))
    rows = [
        {
            "cohort": cohort,
            # Every organisation the user may apply for has applied already.
            "all_applied": bool(admin_of) and set(admin_of) <= applied.get(cohort.pk, set()),
        }
        for cohort in calls
    ]
    return render(
        request,
        "coaching/selection/call_list.html",
        {"rows": rows, "is_admin": bool(admin_of)},
    )


def _cohort_for_applicants(request, slug) -> Cohort:
    """A cohort whose call has been opened; one still in preparation does not exist for
    applicants (the agency sees it)."""
    cohort = get_object_or_404(Cohort, slug=slug)
    if cohort.status == Cohort.Status.DRAFT and not is_agency_staff(request.user):
        raise Http404
    return cohort


@login_required
@require_http_methods(["GET", "POST"])
def cohort_apply(request, slug):
    cohort = _cohort_for_applicants(request, slug)
    organisations = organisations_to_apply_for(request.user)
    is_open = Cohort.objects.accepting_applications().filter(pk=cohort.pk).exists()
    if request.method == "POST" and not organisations.exists():
        # Only an organisation's admins apply for it.
        raise PermissionDenied
    form = ApplicationForm(request.POST or None, user=request.user)
    if request.method == "POST":
        if not is_open:
            messages.error(
                request, _("The call of this cohort is not open: applications are not accepted.")
            )
        elif form.is_valid():
            try:
                selection_services.application_submit(
                    cohort=cohort,
                    organisation=form.cleaned_data["organisation"],
                    by=request.user,
                    motivation=form.cleaned_data["motivation"],
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(
                    request,
                    _(
                        "The application of %(name)s is sent. An acknowledgement is on its way "
                        "to %(email)s."
                    )
                    % {"name": form.cleaned_data["organisation"].name, "email": request.user.email},
                )
                return redirect("coaching:call_list")
    applied = selectors.applied_organisation_ids(request.user, [cohort.pk]).get(cohort.pk, set())
    return render(
        request,
        "coaching/selection/cohort_apply.html",
        {
            "cohort": cohort,
            "form": form,
            "is_open": is_open,
            "has_organisations": organisations.exists(),
            "applied": [o for o in organisations if o.pk in applied],
        },
    )


def _selection_url(cohort, application=None) -> str:
    url = reverse("coaching:cohort_selection", kwargs={"slug": cohort.slug})
    return f"{url}#application-{application.pk}" if application else url


@require_GET
@agency_staff_required
def cohort_selection(request, slug):
    cohort = get_object_or_404(Cohort, slug=slug)
    rows = selectors.selection_rows(cohort)
    for row in rows:
        initial = {c: s for c, s in row.scores.items() if s is not None}
        row.score_form = ScoreForm(initial=initial, prefix=f"a{row.application.pk}")
        row.decision_form = DecisionForm(
            initial={
                "status": row.application.status
                if row.application.status in selection_services.DECISIONS
                else None,
                "reason": row.application.decision_reason,
                "share_reason": row.application.reason_shared,
            },
            prefix=f"d{row.application.pk}",
        )
    counts = selectors.selection_counts(cohort)
    return render(
        request,
        "coaching/selection/cohort_selection.html",
        {
            "cohort": cohort,
            "rows": rows,
            "counts": counts,
            "criteria": Criterion,
            "total_max": selectors.TOTAL_MAX,
            "places_left": max(cohort.capacity - counts["selected"], 0),
            "can_decide": cohort.status == Cohort.Status.SELECTION,
            "can_score": cohort.status in (Cohort.Status.CALL_OPEN, Cohort.Status.SELECTION),
        },
    )


def _application(pk) -> Application:
    return get_object_or_404(Application.objects.select_related("cohort", "organisation"), pk=pk)


def _form_errors(form) -> str:
    return " ".join(
        f"{form.fields[name].label}: {error}" if name in form.fields else str(error)
        for name, errors in form.errors.items()
        for error in errors
    )


@agency_staff_required
@require_POST
def application_score(request, pk):
    application = _application(pk)
    form = ScoreForm(request.POST, prefix=f"a{application.pk}")
    if not form.is_valid():
        messages.error(
            request,
            _("The scores of %(name)s are not saved: %(errors)s")
            % {"name": application.organisation.name, "errors": _form_errors(form)},
        )
    else:
        try:
            selection_services.application_score(
                application=application, scores=form.cleaned_data, by=request.user
            )
        except ValidationError as error:
            messages.error(request, error_text(error))
        else:
            messages.success(
                request,
                _("The scores of %(name)s are saved.") % {"name": application.organisation.name},
            )
    return redirect(_selection_url(application.cohort, application))


@agency_staff_required
@require_POST
def application_decide(request, pk):
    application = _application(pk)
    form = DecisionForm(request.POST, prefix=f"d{application.pk}")
    if not form.is_valid():
        messages.error(
            request,
            _("The decision on %(name)s is not saved: %(errors)s")
            % {"name": application.organisation.name, "errors": _form_errors(form)},
        )
    else:
        try:
            application = selection_services.application_decide(
                application=application,
                status=form.cleaned_data["status"],
                reason=form.cleaned_data["reason"],
                share_reason=form.cleaned_data["share_reason"],
                by=request.user,
            )
        except ValidationError as error:
            messages.error(request, error_text(error))
        else:
            messages.success(
                request,
                _(
                    "%(name)s: “%(decision)s” is saved. The applicant is told when you send "
                    "the decisions."
                )
                % {
                    "name": application.organisation.name,
                    "decision": application.get_status_display(),
                },
            )
    return redirect(_selection_url(application.cohort, application))


@agency_staff_required
@require_POST
def cohort_notify(request, slug):
    cohort = get_object_or_404(Cohort, slug=slug)
    try:
        told = selection_services.cohort_notify_applicants(cohort=cohort)
    except ValidationError as error:
        messages.error(request, error_text(error))
    else:
        if told:
            messages.success(
                request,
                ngettext(
                    "The decision is sent to %(count)d applicant.",
                    "The decisions are sent to %(count)d applicants.",
                    told,
                )
                % {"count": told},
            )
        else:
            messages.info(request, _("Every applicant has already been told: nothing was sent."))
    return redirect(_selection_url(cohort))
