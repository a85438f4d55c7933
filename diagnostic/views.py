from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django_htmx.http import HttpResponseClientRedirect

from digitalees import ratelimit
from digitalees.redirects import safe_next
from digitalees.service_errors import error_text
from network.rules import (
    get_organisation_for,
    member_organisation,
    memberships_of,
)

from . import selectors, services
from .forms import EmailForm
from .models import Assessment, Questionnaire, Result
from .rules import (
    can_attach,
    can_claim,
    can_delete_draft,
    can_follow_to_organisation,
    get_assessment_for,
    get_campaign_for,
    get_draft_for,
    get_own_assessment_for,
    get_result_for,
    remember_visitor_key,
    visitor_keys,
)


def _dimension_url(assessment, position):
    return reverse("diagnostic:dimension", kwargs={"uuid": assessment.uuid, "position": position})


def _results_url(assessment):
    return reverse("diagnostic:results", kwargs={"uuid": assessment.uuid})


@require_http_methods(["GET", "POST"])
def start(request):
    """Anyone may start, a visitor included; a member may answer for their organisation.
    Opening the page starts nothing: a draft is created only by the form's POST."""
    questionnaire = Questionnaire.current()
    memberships = list(memberships_of(request.user))
    if request.method == "POST":
        organisation = None
        slug = request.POST.get("organisation", "")
        if slug:
            organisation = member_organisation(request.user, slug)
        assessment = services.assessment_start(
            questionnaire=questionnaire, respondent=request.user, organisation=organisation
        )
        remember_visitor_key(request, assessment)
        return redirect(_dimension_url(assessment, 1))
    drafts = selectors.drafts_with_progress(request.user, visitor_keys(request))
    for row in drafts:
        row.can_delete = can_delete_draft(request, row.draft)
    return render(
        request,
        "diagnostic/start.html",
        {
            "questionnaire": questionnaire,
            "facts": selectors.questionnaire_facts(questionnaire.pk) if questionnaire else None,
            "memberships": memberships,
            "drafts": drafts,
            "own_assessments": list(selectors.own_assessments(request.user)[:20]),
        },
    )


@require_GET
def draft_delete_confirm(request, uuid):
    """Asks before deleting a draft (a page, so that it works without JavaScript)."""
    assessment = get_draft_for(request, uuid)
    if assessment is None:
        messages.info(request, _("This draft no longer exists: it was already deleted."))
        return redirect("diagnostic:start")
    if not can_delete_draft(request, assessment):
        messages.error(request, _("This diagnostic cannot be deleted."))
        return redirect("diagnostic:start")
    structure = selectors.questionnaire_structure(assessment.questionnaire_id)
    answers = selectors.answers_of(assessment)
    shown = selectors.visible_question_ids(structure, answers)
    return render(
        request,
        "diagnostic/draft_delete.html",
        {"assessment": assessment, "progress": selectors.progress_of(structure, answers, shown)},
    )


@require_POST
def draft_delete(request, uuid):
    assessment = get_draft_for(request, uuid)
    if assessment is None:
        messages.info(request, _("This draft no longer exists: it was already deleted."))
        return redirect("diagnostic:start")
    try:
        services.draft_delete(assessment=assessment)
    except ValidationError as error:
        messages.error(request, error_text(error))
    else:
        messages.success(request, _("The draft and its answers are deleted."))
    return redirect("diagnostic:start")


@require_GET
def welcome(request, uuid):
    """Where a campaign invitation lands: whose campaign, how long, who sees what."""
    assessment = get_assessment_for(request, uuid, answer=True)
    if assessment.is_submitted:
        return redirect(_results_url(assessment))
    if assessment.campaign is None:
        return redirect(_dimension_url(assessment, 1))
    return render(
        request,
        "diagnostic/welcome.html",
        {
            "assessment": assessment,
            "campaign": assessment.campaign,
            "organisation": assessment.organisation,
            "facts": selectors.questionnaire_facts(assessment.questionnaire_id),
            "is_closed": not assessment.campaign.is_open,
        },
    )


def _answering(request, uuid):
    """The respondent's draft, with its answers loaded in the same query."""
    return get_assessment_for(request, uuid, answer=True, queryset=selectors.with_answers())


def _page(assessment, position, *, errors=None):
    structure = selectors.questionnaire_structure(assessment.questionnaire_id)
    dimension = structure.dimension_at(position)
    if dimension is None:
        raise Http404
    answers = selectors.answers_of(assessment)  # as loaded, or as the last save left them
    shown = selectors.visible_question_ids(structure, answers)
    items = []
    for question in structure.questions_of[dimension.id]:
        if question.id not in shown:
            continue
        selected = set(answers.get(question.id, []))
        items.append(
            {
                "question": question,
                "choices": [
                    (structure.choices[c], c in selected) for c in structure.choices_of[question.id]
                ],
                "answered": bool(selected),
                "errors": (errors or {}).get(question.code, []),
            }
        )
    return {
        "assessment": assessment,
        "structure": structure,
        "dimension": dimension,
        "items": items,
        "progress": selectors.progress_of(structure, answers, shown),
        "shown": shown,
        "is_first": position == 1,
        "is_last": position == len(structure.dimensions),
    }


@require_http_methods(["GET", "POST"])
def dimension(request, uuid, position):
    """One page per dimension. Works as a plain form; htmx saves each answer as it is given."""
    assessment = _answering(request, uuid)
    if assessment.is_submitted:
        messages.info(request, _("This diagnostic was submitted: here are its results."))
        return redirect(_results_url(assessment))
    context = _page(assessment, position)
    if request.method == "GET":
        return render(request, "diagnostic/dimension.html", context)

    errors = {}
    shown_before = context["shown"]
    try:
        services.answers_save(
            assessment=assessment,
            choice_codes={
                item["question"]: request.POST.getlist(item["question"].code)
                for item in context["items"]
            },
        )
    except services.AssessmentLocked as error:
        messages.error(request, str(error))
        return redirect(_results_url(assessment))
    except ValidationError as error:
        errors = error.message_dict
    if errors:
        context = _page(assessment, position, errors=errors)
        return render(request, "diagnostic/dimension.html", context, status=400)
    context = _page(assessment, position)
    if context["shown"] - shown_before:
        messages.info(request, _("Your answers opened new questions on this page."))
        return redirect(_dimension_url(assessment, position))
    nav = request.POST.get("nav", "next")
    if nav == "prev" and position > 1:
        return redirect(_dimension_url(assessment, position - 1))
    if nav == "review" or context["is_last"]:
        return redirect("diagnostic:review", uuid=assessment.uuid)
    if nav == "stay":
        messages.success(request, _("Your answers are saved."))
        return redirect(_dimension_url(assessment, position))
    return redirect(_dimension_url(assessment, position + 1))


@require_POST
def answer(request, uuid, code):
    """Save one answer as soon as it is given (htmx); returns the page's questions."""
    assessment = _answering(request, uuid)
    structure = selectors.questionnaire_structure(assessment.questionnaire_id)
    question = structure.question_by_code.get(code)
    if question is None:
        raise Http404
    errors = {}
    try:
        services.answer_save(
            assessment=assessment, question=question, choice_codes=request.POST.getlist(code)
        )
    except services.AssessmentLocked as error:
        messages.error(request, str(error))
        if request.htmx:
            return HttpResponseClientRedirect(_results_url(assessment))
        return redirect(_results_url(assessment))
    except ValidationError as error:
        errors[code] = error.messages
    if not request.htmx:
        if errors:
            messages.error(request, " ".join(errors[code]))
        return redirect(_dimension_url(assessment, question.dimension.position))
    context = _page(assessment, question.dimension.position, errors=errors)
    context["saved_question"] = None if errors else question
    return render(request, "diagnostic/_questions.html", context)


@require_http_methods(["GET", "POST"])
def review(request, uuid):
    assessment = _answering(request, uuid)
    if assessment.is_submitted:
        messages.info(request, _("This diagnostic was submitted: here are its results."))
        return redirect(_results_url(assessment))
    error = None
    if request.method == "POST":
        try:
            services.assessment_submit(assessment=assessment)
        except services.AssessmentLocked as locked:
            messages.error(request, str(locked))
            return redirect(_results_url(assessment))
        except ValidationError as invalid:
            error = " ".join(invalid.messages)
        else:
            messages.success(request, _("Your diagnostic is submitted. Here are your results."))
            return redirect(_results_url(assessment))
    structure = selectors.questionnaire_structure(assessment.questionnaire_id)
    answers = selectors.answers_of(assessment)
    shown = selectors.visible_question_ids(structure, answers)
    return render(
        request,
        "diagnostic/review.html",
        {
            "assessment": assessment,
            "parts": selectors.review_parts(structure, answers, shown),
            "progress": selectors.progress_of(structure, answers, shown),
            "error": error,
        },
        status=400 if error else 200,
    )


@require_GET
def results(request, uuid):
    assessment = get_assessment_for(request, uuid, queryset=selectors.with_result())
    if not assessment.is_submitted:
        return redirect(_dimension_url(assessment, 1))
    context = {
        **selectors.result_figures(assessment=assessment).as_context(),
        "assessment": assessment,
        "is_campaign_answer": assessment.campaign_id is not None,
        "links_to_organisation": can_follow_to_organisation(request, assessment),
    }
    if assessment.campaign_id is not None and context["links_to_organisation"]:
        campaign_result = Result.objects.filter(campaign_id=assessment.campaign_id).first()
        context["campaign_result"] = campaign_result
    context["can_claim"] = can_claim(request, assessment)
    if context["can_claim"]:
        context["user_memberships"] = memberships_of(request.user)
    context["can_attach"] = can_attach(request, assessment)
    if context["can_attach"]:
        context["user_memberships"] = memberships_of(request.user)
    return render(request, "diagnostic/results.html", context)


@require_GET
@login_required
def organisation_history(request, slug):
    organisation, access = get_organisation_for(request, slug)
    history = selectors.results_history(organisation)
    chart = selectors.history_chart(history) if history else None
    campaigns = list(
        organisation.campaigns.annotate(
            respondents=Count("assessments"),
            submitted=Count("assessments", filter=Q(assessments__status="submitted")),
        )
    )
    open_campaign = next((c for c in campaigns if c.is_open), None)
    return render(
        request,
        "diagnostic/history.html",
        {
            "organisation": organisation,
            "can_take_diagnostic": access.is_member,
            # One campaign at a time (the service refuses a second): the open one is offered.
            "can_open_campaign": access.can_manage and open_campaign is None,
            "open_campaign": open_campaign,
            "history": history[::-1],
            "chart": chart,
            "campaigns": campaigns,
        },
    )


@require_GET
@login_required
def organisation_result(request, slug, pk):
    result = get_result_for(request, slug, pk)
    context = {**selectors.result_figures(result=result).as_context(), "result": result}
    return render(request, "diagnostic/results.html", context)


# --- resume links, claiming a visitor's results -------------------------------------------


@require_GET
def access(request, token):
    """A resume link or a campaign invitation: opens the assessment in this browser."""
    try:
        assessment = services.assessment_from_token(token)
    except services.AccessLinkError as error:
        return render(request, "diagnostic/link_invalid.html", {"reason": str(error)}, status=400)
    remember_visitor_key(request, assessment)
    if assessment.is_submitted:
        return redirect(_results_url(assessment))
    if assessment.campaign_id is not None:
        return redirect("diagnostic:welcome", uuid=assessment.uuid)
    return redirect(_dimension_url(assessment, 1))


@require_POST
def resume_link(request, uuid):
    assessment = get_assessment_for(request, uuid, answer=True)
    form = EmailForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(form.errors["email"]))
    elif not ratelimit.allow(request, "resume_link", limit=5, period=3600):
        messages.error(request, _("Too many links were requested from here. Try again later."))
    else:
        try:
            services.resume_link_send(assessment=assessment, email=form.cleaned_data["email"])
        except ValidationError as error:
            messages.error(request, error_text(error))
        else:
            messages.success(
                request,
                _("A link to resume your diagnostic is on its way to %(email)s.")
                % {"email": form.cleaned_data["email"]},
            )
    return redirect(safe_next(request, _dimension_url(assessment, 1)))


@login_required
@require_POST
def claim(request, uuid):
    assessment = get_assessment_for(request, uuid)
    organisation = None
    slug = request.POST.get("organisation", "")
    if slug:
        organisation = member_organisation(request.user, slug)
    try:
        services.assessment_claim(
            assessment=assessment, user=request.user, organisation=organisation
        )
    except ValidationError as error:
        messages.error(request, error_text(error))
    else:
        if organisation:
            messages.success(
                request,
                _("These results are now the latest diagnostic of %(organisation)s.")
                % {"organisation": organisation.name},
            )
        else:
            messages.success(request, _("These results are kept in your account."))
    return redirect(_results_url(assessment))


@login_required
@require_POST
def attach(request, uuid):
    """Attach results kept for oneself to one of one's organisations."""
    assessment = get_own_assessment_for(request, uuid)
    organisation = member_organisation(request.user, request.POST.get("organisation", ""))
    try:
        services.assessment_attach(
            assessment=assessment, user=request.user, organisation=organisation
        )
    except ValidationError as error:
        messages.error(request, error_text(error))
    else:
        messages.success(
            request,
            _("These results are now part of the diagnostic history of %(organisation)s.")
            % {"organisation": organisation.name},
        )
    return redirect(_results_url(assessment))


# --- campaigns ----------------------------------------------------------------------------


@login_required
@require_POST
def campaign_open(request, slug):
    organisation, _access = get_organisation_for(request, slug, manage=True)
    try:
        campaign = services.campaign_open(organisation=organisation, opened_by=request.user)
    except ValidationError as error:
        messages.error(request, error_text(error))
        return redirect("diagnostic:organisation_history", slug=slug)
    messages.success(
        request, _("The campaign is open. Invite your colleagues, then answer yourself.")
    )
    return redirect("diagnostic:campaign_detail", slug=slug, pk=campaign.pk)


def _campaign_page(request, campaign, access, form, *, status=200):
    participants = campaign.assessments.select_related("respondent").order_by("created_at")
    own = next((a for a in participants if a.respondent_id == request.user.pk), None)
    return render(
        request,
        "diagnostic/campaign_detail.html",
        {
            "campaign": campaign,
            "organisation": campaign.organisation,
            "can_manage": access.can_manage,
            "participants": participants,
            "submitted": sum(1 for a in participants if a.is_submitted),
            "own": own,
            "form": form,
            "result": Result.objects.filter(campaign=campaign).first(),
        },
        status=status,
    )


@require_GET
@login_required
def campaign_detail(request, slug, pk):
    campaign, access = get_campaign_for(request, slug, pk)
    return _campaign_page(request, campaign, access, EmailForm())


@login_required
@require_POST
def campaign_invite(request, slug, pk):
    """Invite a colleague to answer; invalid input shows the campaign's page with the error."""
    campaign, access = get_campaign_for(request, slug, pk, manage=True)
    form = EmailForm(request.POST)
    if form.is_valid():
        try:
            services.campaign_invite(
                campaign=campaign, email=form.cleaned_data["email"], invited_by=request.user
            )
        except ValidationError as error:
            form.add_error("email", error)
        else:
            messages.success(
                request,
                _("An invitation is on its way to %(email)s.")
                % {"email": form.cleaned_data["email"]},
            )
            return redirect("diagnostic:campaign_detail", slug=slug, pk=pk)
    return _campaign_page(request, campaign, access, form, status=400)


@login_required
@require_GET
def campaign_close_confirm(request, slug, pk):
    """Asks before closing a campaign (works without JavaScript)."""
    campaign, _access = get_campaign_for(request, slug, pk, manage=True)
    detail = reverse("diagnostic:campaign_detail", kwargs={"slug": slug, "pk": pk})
    if not campaign.is_open:
        messages.info(request, _("This campaign is already closed."))
        return redirect(detail)
    pending = campaign.assessments.exclude(status=Assessment.Status.SUBMITTED).count()
    explanation = _(
        "Nobody can answer any more; the result keeps the answers submitted so far. "
        "A closed campaign cannot be opened again."
    )
    if pending:
        explanation = " ".join(
            [
                ngettext(
                    "%(count)s respondent has not submitted yet.",
                    "%(count)s respondents have not submitted yet.",
                    pending,
                )
                % {"count": pending},
                explanation,
            ]
        )
    return render(
        request,
        "confirm.html",
        {
            "organisation": campaign.organisation,
            "title": _("Close the campaign of %(date)s?")
            % {"date": date_format(campaign.created_at, "DATE_FORMAT")},
            "explanation": explanation,
            "action": reverse("diagnostic:campaign_close", kwargs={"slug": slug, "pk": pk}),
            "confirm_label": _("Close the campaign"),
            "cancel_url": detail,
        },
    )


@login_required
@require_POST
def campaign_close(request, slug, pk):
    campaign, _access = get_campaign_for(request, slug, pk, manage=True)
    try:
        services.campaign_close(campaign=campaign)
    except ValidationError as error:
        messages.error(request, error_text(error))
    else:
        messages.success(request, _("The campaign is closed."))
    return redirect("diagnostic:campaign_detail", slug=slug, pk=pk)
