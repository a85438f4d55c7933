"""Reviews: staff assign reviewers and read the scores side by side; a reviewer declares any
conflict of interest, then scores the application. Rights: grants.rules."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from digitalees.roles import is_agency_staff, is_reviewer
from digitalees.service_errors import add_service_errors, error_text

from .. import selectors as core_selectors
from .. import services
from ..models import ReviewerAssignment
from ..rules import get_application_for, get_assignment_for
from . import selectors
from .forms import AssignForm, DeclarationForm, ReviewForm


def _back(request, application):
    """Where an action on the application's reviews returns: the page it was sent from."""
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return redirect(target)
    return redirect("grants:application_detail", pk=application.pk)


@login_required
@require_POST
def reviewer_assign(request, pk):
    application, _access = get_application_for(request, pk, manage=True)
    form = AssignForm(request.POST, queryset=selectors.reviewer_candidates())
    if form.is_valid():
        reviewer = form.cleaned_data["reviewer"]
        try:
            services.reviewer_assign(application, reviewer=reviewer, by=request.user)
        except ValidationError as error:
            messages.error(request, error_text(error))
        else:
            messages.success(
                request,
                _("%(name)s is asked to review this application; they were told by e-mail.")
                % {"name": reviewer.display_name},
            )
    else:
        messages.error(request, " ".join(form.errors["reviewer"]))
    return _back(request, application)


@login_required
@require_POST
def reviewer_unassign(request, pk, assignment_pk):
    application, _access = get_application_for(request, pk, manage=True)
    assignment = (
        ReviewerAssignment.objects.select_related("reviewer")
        .filter(pk=assignment_pk, application=application)
        .first()
    )
    if assignment is None:
        raise Http404
    try:
        services.reviewer_unassign(assignment)
    except ValidationError as error:
        messages.error(request, error_text(error))
    else:
        messages.success(
            request,
            _("%(name)s no longer reviews this application.")
            % {"name": assignment.reviewer.display_name},
        )
    return _back(request, application)


@login_required
@require_safe
def application_reviews(request, pk):
    application, access = get_application_for(request, pk, manage=True)
    form = None
    if application.status in services.ASSIGNABLE_STATUSES:
        form = AssignForm(queryset=selectors.assignable_reviewers(application))
    return render(
        request,
        "grants/review/application_reviews.html",
        {
            "application": application,
            "access": access,
            "table": selectors.side_by_side(application),
            "form": form,
        },
    )


@login_required
@require_safe
def review_home(request):
    user = request.user
    if not (is_reviewer(user) or is_agency_staff(user) or selectors.has_assignments(user)):
        raise PermissionDenied
    return render(request, "grants/review/home.html", {"home": selectors.home(user)})


@login_required
@require_http_methods(["GET", "POST"])
def review_declare(request, pk):
    assignment, access = get_assignment_for(request, pk)
    application = assignment.application
    if assignment.declaration != ReviewerAssignment.Declaration.PENDING:
        if request.method == "POST":
            messages.info(request, _("You have already made your declaration."))
        return redirect("grants:review_form", pk=assignment.pk)
    form = DeclarationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.conflict_declare(
                assignment, conflict=form.conflict, details=form.cleaned_data["details"]
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            if form.conflict:
                messages.success(
                    request,
                    _(
                        "You declared a conflict of interest with %(reference)s: you are taken "
                        "off this application and the agency is told."
                    )
                    % {"reference": application.reference},
                )
                return redirect("grants:review_home")
            messages.success(request, _("Thank you. You can now review the application."))
            return redirect("grants:review_form", pk=assignment.pk)
    return render(
        request,
        "grants/review/declare.html",
        {"assignment": assignment, "application": application, "form": form},
    )


@login_required
@require_http_methods(["GET", "POST"])
def review_form(request, pk):
    assignment, access = get_assignment_for(request, pk)
    if assignment.declaration == ReviewerAssignment.Declaration.PENDING:
        if request.method == "POST":
            messages.error(request, _("Declare first that you have no conflict of interest."))
        return redirect("grants:review_declare", pk=assignment.pk)
    application = assignment.application
    criteria = list(application.call.criteria.all())
    review = selectors.review_of(assignment)
    initial = {}
    if review is not None:
        initial = {
            "recommendation": review.recommendation,
            "comment": review.comment,
            "comment_shared": review.comment_shared,
            **{f"criterion_{s.criterion_id}": s.score for s in review.scores.all()},
        }
    is_open = application.status in services.REVIEWABLE_STATUSES
    form = ReviewForm(request.POST or None, initial=initial, criteria=criteria)
    if request.method == "POST" and form.is_valid():
        submit = "submit" in request.POST
        try:
            services.review_save(
                assignment,
                scores=form.scores(),
                recommendation=form.cleaned_data["recommendation"],
                comment=form.cleaned_data["comment"],
                comment_shared=form.cleaned_data["comment_shared"],
                submit=submit,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            if submit:
                messages.success(
                    request,
                    _("Your review is submitted. You may change it until the decision."),
                )
            else:
                messages.success(request, _("Your draft is saved; submit it once it is ready."))
            return redirect("grants:review_form", pk=assignment.pk)
    return render(
        request,
        "grants/review/review_form.html",
        {
            "assignment": assignment,
            "application": application,
            "access": access,
            "review": review,
            "is_open": is_open,
            "form": form,
            "budget_lines": core_selectors.budget_of(application),
            "attachments": core_selectors.attachments_of(application),
            "actions": list(application.actions.order_by("pk")),
        },
    )
