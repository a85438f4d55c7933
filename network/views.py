from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from digitalees.roles import agency_staff_required
from digitalees.service_errors import error_text

from . import selectors, services
from .forms import (
    CoachAssignmentForm,
    InvitationForm,
    MembershipRoleForm,
    OrganisationForm,
    StaffOrganisationFilterForm,
)
from .models import CoachAssignment, Organisation
from .rules import get_invitation_for, get_membership_for, get_organisation_for


@login_required
@require_http_methods(["GET", "POST"])
def organisation_create(request):
    form = OrganisationForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            organisation = services.organisation_create(user=request.user, **form.cleaned_data)
        except ValidationError as error:  # e.g. a logo whose pixels cannot be read
            form.add_error(None, error)
        else:
            messages.success(
                request,
                _("%(name)s is registered and you are its admin.") % {"name": organisation.name},
            )
            return redirect(organisation)
    return render(
        request,
        "network/organisation_form.html",
        {"form": form, "creating": True},
    )


@login_required
@require_http_methods(["GET", "POST"])
def organisation_edit(request, slug):
    organisation, _access = get_organisation_for(request, slug, manage=True)
    form = OrganisationForm(request.POST or None, request.FILES or None, instance=organisation)
    if request.method == "POST" and form.is_valid():
        # The form already validated the instance; the service saves it.
        try:
            services.organisation_update(organisation=organisation)
        except ValidationError as error:  # e.g. a logo whose pixels cannot be read
            form.add_error(None, error)
        else:
            messages.success(request, _("The organisation's profile is saved."))
            return redirect(organisation)
    return render(
        request,
        "network/organisation_form.html",
        {"form": form, "organisation": organisation},
    )


@login_required
@require_http_methods(["GET", "POST"])
def invitation_create(request, slug):
    organisation, _access = get_organisation_for(request, slug, manage=True)
    form = InvitationForm(request.POST or None)
    existing = None  # someone already a member: offered a role change instead
    if request.method == "POST" and form.is_valid():
        try:
            services.invitation_create(
                organisation=organisation,
                email=form.cleaned_data["email"],
                role=form.cleaned_data["role"],
                invited_by=request.user,
            )
        except services.AlreadyMember as error:
            form.add_error("email", error)
            existing = error.membership
        except ValidationError as error:
            form.add_error("email", error)
        else:
            messages.success(
                request,
                _("An invitation is on its way to %(email)s.")
                % {"email": form.cleaned_data["email"]},
            )
            return redirect(organisation)
    return render(
        request,
        "network/invitation_form.html",
        {
            "form": form,
            "organisation": organisation,
            "existing": existing,
            # The role the admin asked for, if it is not theirs already.
            "offered_role": (
                form.cleaned_data["role"]
                if existing is not None and existing.role != form.cleaned_data["role"]
                else None
            ),
        },
    )


STALE_MEMBERSHIP = gettext_lazy(
    "This person no longer belongs to the organisation: nothing was changed."
)


@login_required
@require_GET
def invitation_revoke_confirm(request, slug, pk):
    """Asks before withdrawing an invitation (works without JavaScript)."""
    organisation, invitation = get_invitation_for(request, slug, pk)
    if invitation.accepted_at is not None or invitation.revoked_at is not None:
        messages.info(
            request,
            _("The invitation to %(email)s is no longer pending: nothing to withdraw.")
            % {"email": invitation.email},
        )
        return redirect(organisation)
    return render(
        request,
        "confirm.html",
        {
            "organisation": organisation,
            "title": _("Withdraw the invitation to %(email)s?") % {"email": invitation.email},
            "explanation": _(
                "The link in the e-mail stops working. You can send a new invitation later."
            ),
            "action": reverse(
                "network:invitation_revoke", kwargs={"slug": organisation.slug, "pk": pk}
            ),
            "confirm_label": _("Withdraw the invitation"),
            "cancel_url": organisation.get_absolute_url(),
        },
    )


@login_required
@require_POST
def invitation_revoke(request, slug, pk):
    organisation, invitation = get_invitation_for(request, slug, pk)
    try:
        services.invitation_revoke(invitation=invitation)
    except ValidationError as error:
        messages.error(request, error_text(error))
    else:
        messages.success(
            request, _("The invitation to %(email)s is withdrawn.") % {"email": invitation.email}
        )
    return redirect(organisation)


@login_required
@require_GET
def membership_remove_confirm(request, slug, pk):
    """Asks before removing a member, or before leaving for one's own membership."""
    organisation, access, membership = get_membership_for(request, slug, pk, remove=True)
    if membership is None:
        messages.info(request, STALE_MEMBERSHIP)
        return redirect(organisation)
    leaving = membership.user_id == request.user.pk
    names = {"name": membership.user.display_name, "organisation": organisation.name}
    if leaving:
        title = _("Leave %(organisation)s?") % names
        explanation = _(
            "You will no longer see the organisation's pages, results and plans. "
            "To come back, an admin must invite you again."
        )
        confirm_label = _("Leave the organisation")
    else:
        title = _("Remove %(name)s from %(organisation)s?") % names
        explanation = (
            _(
                "%(name)s will no longer see the organisation's pages, results and plans. "
                "The diagnostics they submitted stay in the organisation's results."
            )
            % names
        )
        confirm_label = _("Remove %(name)s") % names
    blocked = ""
    if selectors.is_last_admin(membership):
        blocked = (
            _(
                "You are the organisation's only admin. Make another member admin first: "
                "an organisation keeps at least one admin."
            )
            if leaving
            else _(
                "%(name)s is the organisation's only admin. Make another member admin first: "
                "an organisation keeps at least one admin."
            )
            % names
        )
    return render(
        request,
        "confirm.html",
        {
            "organisation": organisation,
            "title": title,
            "explanation": explanation,
            "blocked": blocked,
            "action": reverse(
                "network:membership_remove", kwargs={"slug": organisation.slug, "pk": pk}
            ),
            "confirm_label": confirm_label,
            "cancel_url": organisation.get_absolute_url(),
        },
    )


@login_required
@require_POST
def membership_remove(request, slug, pk):
    organisation, _access, membership = get_membership_for(request, slug, pk, remove=True)
    if membership is None:
        messages.error(request, STALE_MEMBERSHIP)
        return redirect(organisation)
    try:
        services.membership_remove(membership=membership)
    except ValidationError as error:
        messages.error(request, error_text(error))
        return redirect(organisation)
    if membership.user_id == request.user.pk:
        messages.success(
            request, _("You no longer belong to %(organisation)s.") % {"organisation": organisation}
        )
        return redirect("dashboard")
    messages.success(
        request,
        _("%(name)s no longer belongs to %(organisation)s.")
        % {"name": membership.user.display_name, "organisation": organisation.name},
    )
    return redirect(organisation)


@login_required
@require_POST
def membership_role(request, slug, pk):
    """Make a member admin or an admin member again (stepping down, for one's own)."""
    organisation, _access, membership = get_membership_for(request, slug, pk)
    if membership is None:
        messages.error(request, STALE_MEMBERSHIP)
        return redirect(organisation)
    form = MembershipRoleForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose a role from the list."))
        return redirect(organisation)
    try:
        membership = services.membership_set_role(
            membership=membership, role=form.cleaned_data["role"]
        )
    except ValidationError as error:
        messages.error(request, error_text(error))
        return redirect(organisation)
    names = {"name": membership.user.display_name, "organisation": organisation.name}
    if membership.user_id == request.user.pk and not membership.is_admin:
        message = _("You are no longer an admin of %(organisation)s.") % names
    elif membership.is_admin:
        message = _("%(name)s is now an admin of %(organisation)s.") % names
    else:
        message = _("%(name)s is now a member of %(organisation)s, no longer an admin.") % names
    messages.success(request, message)
    return redirect(organisation)


def _invitation_or_invalid_page(request, token):
    try:
        return services.invitation_from_token(token), None
    except services.InvitationError as error:
        page = render(
            request, "network/invitation_invalid.html", {"reason": str(error)}, status=400
        )
        return None, page


@require_GET
def invitation_accept(request, token):
    """Anyone may open the link; joining (`invitation_join`) needs the invited address's
    account."""
    invitation, invalid = _invitation_or_invalid_page(request, token)
    if invalid:
        return invalid
    email_matches = (
        request.user.is_authenticated and request.user.email.lower() == invitation.email.lower()
    )
    return render(
        request,
        "network/invitation_accept.html",
        {"invitation": invitation, "token": token, "email_matches": email_matches},
    )


@login_required
@require_POST
def invitation_join(request, token):
    invitation, invalid = _invitation_or_invalid_page(request, token)
    if invalid:
        return invalid
    try:
        services.invitation_accept(invitation=invitation, user=request.user)
    except services.InvitationError as error:
        messages.error(request, str(error))
        return redirect("network:invitation_accept", token=token)
    messages.success(
        request,
        _("Welcome to %(organisation)s.") % {"organisation": invitation.organisation.name},
    )
    return redirect(invitation.organisation)


@require_GET
@agency_staff_required
def staff_organisation_list(request):
    form = StaffOrganisationFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    organisations = selectors.staff_organisation_list(**{k: v for k, v in filters.items() if v})
    page = Paginator(organisations, 50).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "network/staff_organisation_list.html",
        {"form": form, "page": page, "query": query.urlencode()},
    )


@agency_staff_required
@require_POST
def coach_assign(request, slug):
    organisation = get_object_or_404(Organisation, slug=slug)
    form = CoachAssignmentForm(request.POST)
    if form.is_valid():
        try:
            services.coach_assign(
                organisation=organisation,
                coach=form.cleaned_data["coach"],
                assigned_by=request.user,
            )
        except ValidationError as error:
            messages.error(request, error_text(error))
        else:
            messages.success(
                request,
                _("%(name)s now coaches %(organisation)s.")
                % {"name": form.cleaned_data["coach"].display_name, "organisation": organisation},
            )
    else:
        messages.error(request, _("Choose a coach from the list."))
    return redirect(organisation)


@agency_staff_required
@require_POST
def coach_unassign(request, slug, pk):
    organisation = get_object_or_404(Organisation, slug=slug)
    assignment = get_object_or_404(
        CoachAssignment.objects.select_related("coach"), pk=pk, organisation=organisation
    )
    services.coach_unassign(assignment=assignment)
    messages.success(
        request,
        _("%(name)s no longer coaches %(organisation)s.")
        % {"name": assignment.coach.display_name, "organisation": organisation},
    )
    return redirect(organisation)
