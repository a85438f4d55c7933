"""The applicant's pages: the list, applying to a call, the steps of the form (each saved
on its own, a stale save refused), the documents, submitting, answering a request for
information, withdrawing. Rights come from grants.rules; writes go through the services."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from digitalees.service_errors import add_service_errors, error_text

from .. import amounts, services
from .. import selectors as core_selectors
from ..eligibility import eligibility_missing
from ..files import MAX_BYTES, allowed_types_text, file_response
from ..models import (
    BEFORE_DECISION,
    ZERO,
    Application,
    Attachment,
    Call,
    DocumentType,
    Status,
    StatusChange,
)
from ..rules import get_application_for, organisations_to_apply_for
from ..services import PROJECT_FIELDS, AidInput, LineInput, StaleEdit
from . import selectors
from . import services as apply_services
from .forms import (
    ActionsForm,
    AidFormSet,
    BudgetForm,
    BudgetFormSet,
    DeMinimisForm,
    DocumentForm,
    ProjectForm,
    ReasonForm,
    RespondForm,
    StartForm,
    SubmitForm,
    clean_aids,
)


def _posted(request):
    """The form's data on a POST, even an empty one (an empty POST is still a submission)."""
    return request.POST if request.method == "POST" else None


def _files(request):
    return request.FILES if request.method == "POST" else None


# --- The applicant's list and applying to a call --------------------------------------


@login_required
@require_safe
def application_list(request):
    return render(
        request,
        "grants/apply/application_list.html",
        {
            "rows": selectors.applications_of(request.user),
            "open_calls": selectors.open_calls(),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def application_start(request, slug):
    call = get_object_or_404(Call.objects.published(), slug=slug)
    organisations = organisations_to_apply_for(request.user)
    applied = list(
        Application.objects.filter(call=call, organisation__in=organisations)
        .exclude(status=Status.WITHDRAWN)
        .select_related("organisation")
    )
    form = StartForm(_posted(request), organisations=organisations)
    is_open = call.is_open()
    if request.method == "POST" and form.is_valid():
        organisation = form.cleaned_data["organisation"]
        try:
            application = services.application_create(
                call=call,
                organisation=organisation,
                by=request.user,
                title=form.cleaned_data["title"],
            )
        except ValidationError as error:
            existing = next((a for a in applied if a.organisation_id == organisation.pk), None)
            if existing is not None and getattr(error, "code", None) == "duplicate":
                messages.info(request, error_text(error))
                return redirect("grants:application_detail", pk=existing.pk)
            add_service_errors(form, error)
        else:
            messages.success(
                request, _("Your application is started: fill in its steps, in any order.")
            )
            return redirect("grants:application_step", pk=application.pk, step=Application.STEPS[0])
    return render(
        request,
        "grants/apply/application_start.html",
        {
            "call": call,
            "form": form,
            "is_open": is_open,
            "applied": applied,
            "has_organisations": organisations.exists(),
        },
    )


# --- The steps ---------------------------------------------------------------------------


def _after_save(request, application: Application, step: str):
    """Save: back to the step, saved. Save and continue: on to the next step, and after
    the last to the pre-check."""
    messages.success(request, _("Saved."))
    if "continue" in request.POST:
        index = Application.STEPS.index(step)
        if index + 1 < len(Application.STEPS):
            return redirect(
                "grants:application_step", pk=application.pk, step=Application.STEPS[index + 1]
            )
        return redirect("grants:application_submit", pk=application.pk)
    return redirect("grants:application_step", pk=application.pk, step=step)


def _render_step(request, application, step, context, *, stale=""):
    steps = selectors.steps_of(application)
    index = Application.STEPS.index(step)
    return render(
        request,
        "grants/apply/step.html",
        {
            "application": application,
            "steps": steps,
            "step": steps[index],
            "previous_step": steps[index - 1] if index else None,
            "is_last": index + 1 == len(steps),
            "stale": stale,
            "template": f"grants/apply/steps/{step}.html",
            **context,
        },
    )


def _project(request, application):
    def initial():
        return {
            "version": application.version,
            **{name: getattr(application, name) for name in PROJECT_FIELDS},
        }

    form = ProjectForm(_posted(request), initial=initial())
    stale = ""
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        version = data.pop("version")
        try:
            services.application_save_project(application, version=version, **data)
        except StaleEdit as error:
            stale = error_text(error)
            application.refresh_from_db()
            form = ProjectForm(initial=initial())
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            return _after_save(request, application, "project")
    return _render_step(request, application, "project", {"form": form}, stale=stale)


def _actions(request, application):
    actions = selectors.plan_actions(application)
    groups = selectors.action_groups(application, actions)

    def initial():
        return {
            "version": application.version,
            "actions": list(application.actions.values_list("pk", flat=True)),
        }

    form = ActionsForm(_posted(request), initial=initial(), groups=groups)
    stale = ""
    if request.method == "POST" and form.is_valid():
        chosen = set(form.cleaned_data["actions"])
        try:
            services.application_save_actions(
                application,
                version=form.cleaned_data["version"],
                actions=[a for a in actions if a.pk in chosen],
            )
        except StaleEdit as error:
            stale = error_text(error)
            application.refresh_from_db()
            form = ActionsForm(initial=initial(), groups=groups)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            return _after_save(request, application, "actions")
    return _render_step(
        request,
        application,
        "actions",
        {"form": form, "has_plan": application.plan_id is not None, "has_actions": bool(actions)},
        stale=stale,
    )


def _line_initial(line):
    return {
        "category": line.category_id,
        "description": line.description,
        "supplier": line.supplier,
        "amount_excl_vat": line.amount_excl_vat,
        "vat": line.vat,
        "vat_recoverable": line.vat_recoverable,
        "action": line.action_id,
    }


def _show_line_errors(error: ValidationError, form, line_forms) -> None:
    """The service names a line's field as `line-<i>-<field>`: show it on that line."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error.messages)
        return
    for key, errors in error.message_dict.items():
        parts = key.split("-", 2)
        if parts[0] == "line" and len(parts) == 3 and int(parts[1]) < len(line_forms):
            line_form = line_forms[int(parts[1])]
            field = parts[2] if parts[2] in line_form.fields else None
            line_form.add_error(field, errors)
        else:
            form.add_error(key if key in form.fields else None, errors)


def _budget(request, application):
    call = application.call
    categories, eligible = selectors.category_choices(call)
    actions = selectors.plan_actions(application)
    action_choices = [(a.pk, a.title) for a in actions]

    def build(data=None):
        lines = core_selectors.budget_of(application)
        formset = BudgetFormSet(
            data,
            initial=[_line_initial(line) for line in lines],
            prefix="line",
            categories=categories,
            actions=action_choices,
        )
        formset.extra = 1 if (not lines or "add" in request.GET) else 0
        form = BudgetForm(
            data,
            initial={
                "version": application.version,
                "requested_amount": application.requested_amount if lines else None,
            },
        )
        return lines, formset, form

    lines, formset, form = build(_posted(request))
    stale = ""
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        line_forms = [
            f for f in formset.forms if f.cleaned_data and not f.cleaned_data.get("DELETE")
        ]
        inputs = [
            LineInput(
                category_id=f.cleaned_data["category"],
                description=f.cleaned_data["description"],
                supplier=f.cleaned_data["supplier"],
                amount_excl_vat=f.cleaned_data["amount_excl_vat"],
                vat=f.cleaned_data["vat"] if f.cleaned_data["vat"] is not None else ZERO,
                vat_recoverable=f.cleaned_data["vat_recoverable"],
                action_id=f.cleaned_data.get("action"),
            )
            for f in line_forms
        ]
        try:
            services.application_save_budget(
                application,
                version=form.cleaned_data["version"],
                lines=inputs,
                requested_amount=form.cleaned_data["requested_amount"],
            )
        except StaleEdit as error:
            stale = error_text(error)
            application.refresh_from_db()
            lines, formset, form = build()
        except ValidationError as error:
            _show_line_errors(error, form, line_forms)
        else:
            if "add_line" in request.POST:
                messages.success(request, _("Saved. Fill in the new line."))
                url = reverse(
                    "grants:application_step", kwargs={"pk": application.pk, "step": "budget"}
                )
                return redirect(f"{url}?add=1#budget-lines")
            return _after_save(request, application, "budget")
    totals = amounts.budget_totals(call, lines, eligible)
    return _render_step(
        request,
        application,
        "budget",
        {
            "form": form,
            "formset": formset,
            "totals": totals,
            "eligible_ids": ",".join(str(pk) for pk in sorted(eligible)),
            "call": call,
            "has_actions": bool(action_choices),
        },
        stale=stale,
    )


def _documents(request, application):
    call = application.call
    choices, required = selectors.document_type_choices(call)
    form = DocumentForm(
        _posted(request),
        _files(request),
        initial={"version": application.version},
        document_types=choices,
    )
    stale = ""
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        type_id = form.cleaned_data["document_type"]
        try:
            if upload:
                services.attachment_add(
                    application,
                    by=request.user,
                    file=upload,
                    document_type=DocumentType.objects.filter(pk=type_id).first()
                    if type_id
                    else None,
                )
            elif "continue" in request.POST:
                apply_services.application_save_documents(
                    application, version=form.cleaned_data["version"]
                )
            else:
                form.add_error("file", _("Choose a file to upload."))
        except StaleEdit as error:
            stale = error_text(error)
            application.refresh_from_db()
            form = DocumentForm(initial={"version": application.version}, document_types=choices)
        except ValidationError as error:
            if getattr(error, "code", None) == "not_editable":
                form.add_error(None, error.messages)
            else:
                form.add_error("file", error.messages)
        else:
            if not form.errors:
                if upload:
                    messages.success(request, _("“%(name)s” is attached.") % {"name": upload.name})
                    if "continue" not in request.POST:
                        return redirect(
                            "grants:application_step", pk=application.pk, step="documents"
                        )
                return _after_save(request, application, "documents")
    attachments = core_selectors.attachments_of(application)
    return _render_step(
        request,
        application,
        "documents",
        {
            "form": form,
            "attachments": attachments,
            "missing_documents": selectors.missing_documents(application, required, attachments),
            "max_mb": MAX_BYTES // (1024 * 1024),
            "types_text": allowed_types_text(),
        },
        stale=stale,
    )


def _de_minimis(request, application):
    def build(data=None):
        aids = list(application.de_minimis_aids.all())
        formset = AidFormSet(
            data,
            initial=[
                {
                    "granting_body": a.granting_body,
                    "description": a.description,
                    "granted_on": a.granted_on,
                    "amount": a.amount,
                }
                for a in aids
            ],
            prefix="aid",
        )
        declared = application.de_minimis_declared_at is not None
        formset.extra = 1 if ((not aids and not declared) or "add" in request.GET) else 0
        form = DeMinimisForm(
            data, initial={"version": application.version, "no_aid": declared and not aids}
        )
        return formset, form

    formset, form = build(_posted(request))
    stale = ""
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        try:
            aids = clean_aids(formset, form.cleaned_data["no_aid"])
        except ValidationError as error:
            form.add_error(None, error)
        else:
            aid_forms = [
                f for f in formset.forms if f.cleaned_data and not f.cleaned_data.get("DELETE")
            ]
            try:
                services.application_save_de_minimis(
                    application,
                    version=form.cleaned_data["version"],
                    aids=[
                        AidInput(
                            granting_body=a["granting_body"],
                            granted_on=a["granted_on"],
                            amount=a["amount"],
                            description=a["description"],
                        )
                        for a in aids
                    ],
                )
            except StaleEdit as error:
                stale = error_text(error)
                application.refresh_from_db()
                formset, form = build()
            except ValidationError as error:
                _show_aid_errors(error, form, aid_forms)
            else:
                if "add_aid" in request.POST:
                    url = reverse(
                        "grants:application_step",
                        kwargs={"pk": application.pk, "step": "de_minimis"},
                    )
                    messages.success(request, _("Saved. Fill in the new aid."))
                    return redirect(f"{url}?add=1#aids")
                return _after_save(request, application, "de_minimis")
    return _render_step(
        request,
        application,
        "de_minimis",
        {
            "form": form,
            "formset": formset,
            "figures": selectors.de_minimis_figures(application),
        },
        stale=stale,
    )


def _show_aid_errors(error: ValidationError, form, aid_forms) -> None:
    if not hasattr(error, "error_dict"):
        form.add_error(None, error.messages)
        return
    for key, errors in error.message_dict.items():
        parts = key.split("-", 2)
        if parts[0] == "aid" and len(parts) == 3 and int(parts[1]) < len(aid_forms):
            aid_form = aid_forms[int(parts[1])]
            aid_form.add_error(parts[2] if parts[2] in aid_form.fields else None, errors)
        else:
            form.add_error(None, errors)


STEP_VIEWS = {
    "project": _project,
    "actions": _actions,
    "budget": _budget,
    "documents": _documents,
    "de_minimis": _de_minimis,
}


@login_required
@require_http_methods(["GET", "POST"])
def application_step(request, pk, step):
    if step not in STEP_VIEWS:
        raise Http404
    application, _access = get_application_for(request, pk, edit=True)
    return STEP_VIEWS[step](request, application)


# --- Documents ---------------------------------------------------------------------------


@login_required
@require_POST
def attachment_delete(request, pk, attachment_pk):
    application, _access = get_application_for(request, pk, edit=True)
    attachment = get_object_or_404(Attachment, pk=attachment_pk, application=application)
    try:
        services.attachment_remove(attachment)
    except ValidationError as error:
        messages.error(request, error_text(error))
    else:
        messages.success(request, _("“%(name)s” is removed.") % {"name": attachment.original_name})
    return redirect("grants:application_step", pk=application.pk, step="documents")


@login_required
@require_safe
def attachment_download(request, pk):
    attachment = Attachment.objects.filter(pk=pk).only("application_id").first()
    if attachment is None:
        raise Http404
    get_application_for(request, attachment.application_id)
    attachment = Attachment.objects.get(pk=pk)
    return file_response(
        attachment.file, name=attachment.original_name, content_type=attachment.content_type
    )


# --- Submitting, answering, withdrawing ---------------------------------------------------


def _precheck_items(application: Application) -> list[dict]:
    """Each missing item, with the page that fixes it."""
    urls = {
        "organisation": reverse(
            "network:organisation_edit", kwargs={"slug": application.organisation.slug}
        ),
        "diagnostic": reverse("diagnostic:start"),
    }
    items = []
    for item in eligibility_missing(application):
        fix = getattr(item, "fix", "")
        if fix in Application.STEPS:
            url = reverse("grants:application_step", kwargs={"pk": application.pk, "step": fix})
            label = _("Go to the step “%(step)s”") % {"step": selectors.STEP_LABELS[fix]}
        elif fix == "organisation":
            url, label = urls[fix], _("Edit the organisation's profile")
        elif fix == "diagnostic":
            url, label = urls[fix], _("Take the self-diagnostic")
        else:
            url, label = "", ""
        items.append({"text": str(item), "url": url, "label": label})
    return items


@login_required
@require_http_methods(["GET", "POST"])
def application_submit(request, pk):
    application, _access = get_application_for(request, pk, applicant=True)
    if application.status != Status.DRAFT:
        raise PermissionDenied
    form = SubmitForm(_posted(request))
    missing = _precheck_items(application)
    if request.method == "POST" and form.is_valid():
        try:
            services.application_submit(
                application, by=request.user, comment=form.cleaned_data["comment"]
            )
        except ValidationError as error:
            if missing:  # the page lists each item, with the page that fixes it
                form.add_error(None, _("The application is not complete yet: see below."))
            else:
                form.add_error(None, error.messages)
        else:
            messages.success(
                request, _("Your application is submitted. The agency will screen it.")
            )
            return redirect("grants:application_detail", pk=application.pk)
    call = application.call
    return render(
        request,
        "grants/apply/application_submit.html",
        {
            "application": application,
            "call": call,
            "is_open": call.is_open(),
            "missing": missing,
            "steps": selectors.steps_of(application),
            "budget_lines": core_selectors.budget_of(application),
            "attachments": core_selectors.attachments_of(application),
            "form": form,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def application_withdraw(request, pk):
    application, _access = get_application_for(request, pk, applicant=True)
    if application.status not in BEFORE_DECISION:
        raise PermissionDenied
    form = ReasonForm(_posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            services.application_withdraw(
                application, by=request.user, comment=form.cleaned_data["reason"]
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Your application is withdrawn."))
            return redirect("grants:application_detail", pk=application.pk)
    return render(
        request,
        "grants/apply/application_withdraw.html",
        {"application": application, "form": form},
    )


@login_required
@require_http_methods(["GET", "POST"])
def application_respond(request, pk):
    application, _access = get_application_for(request, pk, applicant=True)
    if application.status != Status.INFO_REQUESTED:
        raise PermissionDenied
    choices, _required = selectors.document_type_choices(application.call)
    form = RespondForm(_posted(request), _files(request), document_types=choices)
    if request.method == "POST" and form.is_valid():
        type_id = form.cleaned_data["document_type"]
        try:
            apply_services.application_respond(
                application,
                by=request.user,
                response=form.cleaned_data["response"],
                file=form.cleaned_data["file"],
                document_type=DocumentType.objects.filter(pk=type_id).first()
                if type_id and form.cleaned_data["file"]
                else None,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request, _("Your answer is sent: the agency goes on with your application.")
            )
            return redirect("grants:application_detail", pk=application.pk)
    request_change = (
        StatusChange.objects.filter(application=application, to_status=Status.INFO_REQUESTED)
        .order_by("-at", "-pk")
        .first()
    )
    return render(
        request,
        "grants/apply/application_respond.html",
        {
            "application": application,
            "agency_request": request_change,
            "steps": selectors.steps_of(application),
            "form": form,
        },
    )
