from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django_htmx.http import HttpResponseClientRedirect

from digitalees import ratelimit
from digitalees.charts import line_svg
from network.rules import get_organisation_for, member_organisation, memberships_of

from . import selectors, services
from .forms import EmailForm
from .models import Questionnaire, Result
from .rules import (
    can_claim,
    get_assessment_for,
    get_campaign_for,
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
    """Anyone may start, a visitor included; a member may answer for their organisation."""
    questionnaire = Questionnaire.current()
    memberships = list(memberships_of(request.user))
    drafts = selectors.drafts_of(request.user, visitor_keys(request))
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
    return render(
        request,
        "diagnostic/start.html",
        {
            "questionnaire": questionnaire,
            "memberships": memberships,
            "drafts": drafts[:10],
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
            "rows": selectors.unanswered_by_dimension(structure, answers, shown),
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
    }
    context["can_claim"] = can_claim(request, assessment)
    if context["can_claim"]:
        context["user_memberships"] = memberships_of(request.user)
    return render(request, "diagnostic/results.html", context)


@require_GET
@login_required
def organisation_history(request, slug):
    organisation, access = get_organisation_for(request, slug)
    history = selectors.results_history(organisation)
    chart = None
    if history:
        chart = line_svg(
            points=[(r.created_at.strftime("%m/%Y"), r.overall_score) for r in history],
            title=_("Overall score over time"),
            description=_(
                "Line chart of the overall score of each result, from 0 to 100. "
                "The table that follows gives the same figures."
            ),
        )
    return render(
        request,
        "diagnostic/history.html",
        {
            "organisation": organisation,
            "can_take_diagnostic": access.is_member,
            "can_open_campaign": access.can_manage,
            "history": history[::-1],
            "chart": chart,
            "campaigns": organisation.campaigns.annotate(
                respondents=Count("assessments"),
                submitted=Count("assessments", filter=Q(assessments__status="submitted")),
            ),
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
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(
                request,
                _("A link to resume your diagnostic is on its way to %(email)s.")
                % {"email": form.cleaned_data["email"]},
            )
    next_url = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}):
        next_url = _dimension_url(assessment, 1)
    return redirect(next_url)


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
        messages.error(request, " ".join(error.messages))
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


# --- campaigns ----------------------------------------------------------------------------


@login_required
@require_POST
def campaign_open(request, slug):
    organisation, _access = get_organisation_for(request, slug, manage=True)
    try:
        campaign = services.campaign_open(organisation=organisation, opened_by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
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
@require_POST
def campaign_close(request, slug, pk):
    campaign, _access = get_campaign_for(request, slug, pk, manage=True)
    try:
        services.campaign_close(campaign=campaign)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The campaign is closed."))
    return redirect("diagnostic:campaign_detail", slug=slug, pk=pk)
