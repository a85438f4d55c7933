import hashlib

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST
from django_htmx.http import HttpResponseClientRedirect

from digitalees import ratelimit
from digitalees.charts import line_svg
from network.models import Membership, Organisation
from network.rules import check_organisation_access
from network.selectors import library_version

from . import selectors, services
from .forms import EmailForm
from .models import Campaign, Questionnaire, Result
from .rules import get_assessment_for, remember_visitor_key, visitor_keys
from .summaries import results_summary


def _dimension_url(assessment, position):
    return reverse("diagnostic:dimension", kwargs={"uuid": assessment.uuid, "position": position})


def _results_url(assessment):
    return reverse("diagnostic:results", kwargs={"uuid": assessment.uuid})


@require_http_methods(["GET", "POST"])
def start(request):
    """Anyone may start, a visitor included; a member may answer for their organisation."""
    questionnaire = Questionnaire.current()
    memberships = []
    if request.user.is_authenticated:
        memberships = list(
            Membership.objects.filter(user=request.user).select_related("organisation")
        )
    drafts = selectors.drafts_of(request.user, visitor_keys(request))
    if request.method == "POST":
        organisation = None
        slug = request.POST.get("organisation", "")
        if slug:
            membership = next((m for m in memberships if m.organisation.slug == slug), None)
            if membership is None:
                raise Http404
            organisation = membership.organisation
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


RESULTS_BODY_SECONDS = 60 * 60


def _results_body(request, *, source: tuple, organisation, build) -> str:
    """The body of a results page (scores, chart, benchmark, recommendations) is the same for
    every reader and is most of the page's cost: it is cached per source, language, benchmark
    and version of the resource library, so that a result that changes, a peer group that
    moves or a recommended resource that is edited renders anew. `build(benchmark)` returns
    the context to render it."""
    benchmark = selectors.benchmark_for(organisation) if organisation else None
    identity = repr(
        (source, organisation.pk if organisation else None, benchmark, library_version())
    )
    fingerprint = hashlib.sha256(identity.encode()).hexdigest()[:32]
    key = f"diagnostic:results-body:v1:{get_language()}:{fingerprint}"
    body = cache.get(key)
    if body is None:
        body = render_to_string("diagnostic/_results_body.html", build(benchmark), request=request)
        cache.set(key, body, RESULTS_BODY_SECONDS)
    return body


def results(request, uuid):
    assessment = get_assessment_for(request, uuid)
    if not assessment.is_submitted:
        return redirect(_dimension_url(assessment, 1))

    def build(benchmark):
        structure = selectors.questionnaire_structure(assessment.questionnaire_id)
        scores = {
            ds.dimension.code: ds.score
            for ds in assessment.dimension_scores.select_related("dimension")
        }
        change = None
        previous = selectors.previous_assessment(assessment)
        if previous:
            change = selectors.change_since(
                previous.question_scores, assessment.question_scores, structure
            )
        context = results_summary(
            structure=structure,
            scores=scores,
            overall=assessment.overall_score,
            organisation=assessment.organisation,
            benchmark=benchmark,
            change=change,
        )
        context["previous_date"] = previous.submitted_at if previous else None
        return context

    context = {
        "assessment": assessment,
        "organisation": assessment.organisation,
        "body": _results_body(
            request,
            source=("assessment", assessment.pk, assessment.overall_score),
            organisation=assessment.organisation,
            build=build,
        ),
    }
    if request.user.is_authenticated and assessment.respondent_id is None:
        context["user_memberships"] = Membership.objects.filter(user=request.user).select_related(
            "organisation"
        )
    return render(request, "diagnostic/results.html", context)


@login_required
def organisation_history(request, slug):
    organisation = get_object_or_404(Organisation, slug=slug)
    access = check_organisation_access(request.user, organisation)
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
            "access": access,
            "history": history[::-1],
            "chart": chart,
            "campaigns": organisation.campaigns.annotate(
                respondents=Count("assessments"),
                submitted=Count("assessments", filter=Q(assessments__status="submitted")),
            ),
        },
    )


@login_required
def organisation_result(request, slug, pk):
    result = get_object_or_404(
        Result.objects.select_related("organisation"),
        pk=pk,
        organisation__slug=slug,
    )
    organisation = result.organisation
    check_organisation_access(request.user, organisation)

    def build(benchmark):
        structure = selectors.questionnaire_structure(result.questionnaire_id)
        rows = list(result.scores.all())
        scores = {s.dimension_code: s.score for s in rows}
        spreads = {s.dimension_code: s.spread for s in rows}
        previous = selectors.previous_result(result)
        change = (
            selectors.change_since(previous.question_scores, result.question_scores, structure)
            if previous
            else None
        )
        context = results_summary(
            structure=structure,
            scores=scores,
            overall=result.overall_score,
            organisation=organisation,
            benchmark=benchmark,
            spreads=spreads,
            change=change,
        )
        context.update(
            {"result": result, "previous_date": previous.created_at if previous else None}
        )
        return context

    # A campaign's result changes in place as respondents submit: its figures are part of
    # the cache key.
    source = ("result", result.pk, result.overall_score, result.respondents, result.created_at)
    context = {
        "result": result,
        "organisation": organisation,
        "body": _results_body(request, source=source, organisation=organisation, build=build),
    }
    return render(request, "diagnostic/results.html", context)


# --- resume links, claiming a visitor's results -------------------------------------------


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
        organisation = get_object_or_404(Organisation, slug=slug, memberships__user=request.user)
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
    organisation = get_object_or_404(Organisation, slug=slug)
    check_organisation_access(request.user, organisation, manage=True)
    try:
        campaign = services.campaign_open(organisation=organisation, opened_by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("diagnostic:organisation_history", slug=slug)
    messages.success(
        request, _("The campaign is open. Invite your colleagues, then answer yourself.")
    )
    return redirect("diagnostic:campaign_detail", slug=slug, pk=campaign.pk)


def _get_campaign_for_user(request, slug, pk, *, manage=False):
    organisation = get_object_or_404(Organisation, slug=slug)
    access = check_organisation_access(request.user, organisation, manage=manage)
    campaign = get_object_or_404(
        Campaign.objects.select_related("organisation", "questionnaire"),
        pk=pk,
        organisation=organisation,
    )
    return campaign, access


@login_required
@require_http_methods(["GET", "POST"])
def campaign_detail(request, slug, pk):
    campaign, access = _get_campaign_for_user(request, slug, pk, manage=request.method == "POST")
    form = EmailForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
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
    participants = campaign.assessments.select_related("respondent").order_by("created_at")
    own = next((a for a in participants if a.respondent_id == request.user.pk), None)
    return render(
        request,
        "diagnostic/campaign_detail.html",
        {
            "campaign": campaign,
            "organisation": campaign.organisation,
            "access": access,
            "participants": participants,
            "submitted": sum(1 for a in participants if a.is_submitted),
            "own": own,
            "form": form,
            "result": Result.objects.filter(campaign=campaign).first(),
        },
        status=400 if form.errors else 200,
    )


@login_required
@require_POST
def campaign_close(request, slug, pk):
    campaign, _access = _get_campaign_for_user(request, slug, pk, manage=True)
    try:
        services.campaign_close(campaign=campaign)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The campaign is closed."))
    return redirect("diagnostic:campaign_detail", slug=slug, pk=pk)
