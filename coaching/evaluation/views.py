"""The programme's evaluation: participants evaluate each theme of the accompaniment, the
agency and the cohort's coaches read the results per theme, the agency keeps the themes."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from digitalees.roles import agency_staff_required
from digitalees.service_errors import error_text

from ..models import Cohort, EvaluationTheme, Plan, Verdict
from ..rules import get_cohort_for, get_cohort_to_evaluate
from . import selectors, services
from .forms import EvaluationForm, PhaseChoiceForm, ResultsPhaseForm, ThemeForm, ThemeUpdateForm


def _phase(data, form_class=PhaseChoiceForm) -> tuple[PhaseChoiceForm, object]:
    """(the phase chooser, the phase chosen or None); an unknown phase is the form's error."""
    form = form_class(data)
    if form.is_valid():
        return form, form.cleaned_data["phase"]
    return form, None


@login_required
@require_http_methods(["GET", "POST"])
def evaluation_form(request, slug):
    """A participant's evaluation of the cohort's accompaniment, or of one phase. Sending it
    again replaces their answers (the page says when they last sent it)."""
    cohort, access = get_cohort_to_evaluate(request, slug)
    data = request.POST if request.method == "POST" else request.GET
    phase_form, phase = _phase(data)
    context = {"cohort": cohort, "phase_form": phase_form, "phase": phase}
    if phase_form.errors:
        return render(request, "coaching/evaluation/form.html", context, status=400)
    if cohort.status not in services.EVALUATED_STATUSES:
        context["closed_reason"] = _("The evaluation opens once the coaching is under way.")
        return render(request, "coaching/evaluation/form.html", context)
    themes = list(EvaluationTheme.objects.filter(is_active=True))
    existing = selectors.own_evaluation(cohort=cohort, respondent=request.user, phase=phase)
    initial = {}
    if existing is not None:
        for answer in existing.answers.all():
            initial[f"verdict_{answer.theme_id}"] = answer.verdict
            initial[f"comment_{answer.theme_id}"] = answer.comment
    form = EvaluationForm(
        request.POST if request.method == "POST" else None, themes=themes, initial=initial
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.evaluation_submit(
                cohort=cohort,
                enrolment=access.member_enrolments[0],
                respondent=request.user,
                phase=phase,
                answers=form.answers(),
            )
        except ValidationError as error:
            form.add_error(None, error_text(error))
        else:
            messages.success(
                request,
                _("Thank you: your evaluation is saved.")
                if existing is None
                else _("Your evaluation is updated."),
            )
            return redirect("dashboard")
    context.update({"form": form, "existing": existing, "themes": themes})
    return render(request, "coaching/evaluation/form.html", context)


@login_required
@require_GET
def evaluation_results(request, slug):
    """The cohort's evaluation per theme: how many chose each verdict, and the comments,
    never who wrote them. The agency and the cohort's coaches read it."""
    cohort, access = get_cohort_for(request, slug, organise=True)
    evaluated = selectors.respondents_by_phase(cohort)
    if "phase" not in request.GET and evaluated and evaluated[0][0] is not None:
        # Nobody evaluated the whole programme yet: open on the first part that was.
        url = reverse("coaching:evaluation_results", kwargs={"slug": cohort.slug})
        return redirect(f"{url}?phase={evaluated[0][0].pk}")
    phase_form, phase = _phase(request.GET, ResultsPhaseForm)
    if phase_form.errors:
        raise Http404
    respondents, results = selectors.evaluation_results(cohort=cohort, phase=phase)
    return render(
        request,
        "coaching/evaluation/results.html",
        {
            "cohort": cohort,
            "phase_form": phase_form,
            "phase": phase,
            "respondents": respondents,
            "results": results,
            "evaluated": evaluated,
            "can_manage_themes": access.is_agency,
            "verdict_choices": Verdict.choices,
        },
    )


@agency_staff_required
@require_http_methods(["GET", "POST"])
def evaluation_themes(request):
    """The themes participants evaluate: add one here; rename one or stop asking it on its
    own page."""
    form = ThemeForm(request.POST or None, prefix="new")
    if request.method == "POST" and form.is_valid():
        try:
            theme = services.evaluation_theme_create(
                title_fr=form.cleaned_data["title_fr"], title_en=form.cleaned_data["title_en"]
            )
        except ValidationError as error:
            form.add_error(None, error_text(error))
        else:
            messages.success(
                request, _("“%(theme)s” is asked from now on.") % {"theme": theme.tr("title")}
            )
            return redirect("coaching:evaluation_themes")
    return render(
        request,
        "coaching/evaluation/themes.html",
        {
            "form": form,
            "themes": EvaluationTheme.objects.all(),
            "cohorts": Cohort.objects.filter(status__in=services.EVALUATED_STATUSES).order_by(
                "-starts_on"
            ),
        },
    )


@agency_staff_required
@require_http_methods(["GET", "POST"])
def evaluation_theme_edit(request, pk):
    theme = EvaluationTheme.objects.filter(pk=pk).first()
    if theme is None:
        raise Http404
    form = ThemeUpdateForm(request.POST or None, instance=theme)
    if request.method == "POST" and form.is_valid():
        try:
            services.evaluation_theme_update(
                theme=EvaluationTheme.objects.get(pk=pk),
                title_fr=form.cleaned_data["title_fr"],
                title_en=form.cleaned_data["title_en"],
                is_active=form.cleaned_data["is_active"],
            )
        except ValidationError as error:
            form.add_error(None, error_text(error))
        else:
            messages.success(request, _("The theme is saved."))
            return redirect("coaching:evaluation_themes")
    return render(
        request,
        "coaching/evaluation/theme_form.html",
        {"form": form, "theme": EvaluationTheme.objects.get(pk=pk)},
    )


@agency_staff_required
@require_GET
def cohort_close_confirm(request, slug):
    """Asks before closing a cohort, listing the enterprises that have not yet run their
    closing diagnostic (their admins will be invited to)."""
    cohort = _cohort_or_404(slug)
    blocked = ""
    if cohort.status != Cohort.Status.RUNNING:
        blocked = _("Only a cohort whose coaching is under way can be closed.")
    plans = list(_plans(cohort))
    closing = selectors.closing_results(plans)
    awaiting = [plan for plan in plans if closing[plan.pk] is None]
    explanation = _(
        "Each plan keeps the enterprise's latest diagnostic since the plan began as its "
        "closing diagnostic. The cohort's pages stay readable; its plans no longer appear "
        "on the dashboards."
    )
    if awaiting:
        explanation += " " + _(
            "No closing diagnostic yet for: %(names)s. Their admins will be invited by "
            "e-mail to run one."
        ) % {"names": ", ".join(plan.organisation.name for plan in awaiting)}
    return render(
        request,
        "confirm.html",
        {
            "title": _("Close “%(cohort)s”?") % {"cohort": cohort.name},
            "explanation": explanation,
            "blocked": blocked,
            "action": reverse("coaching:cohort_close", kwargs={"slug": cohort.slug}),
            "confirm_label": _("Close the cohort"),
            "cancel_url": reverse("coaching:cohort_dashboard", kwargs={"slug": cohort.slug}),
        },
    )


@agency_staff_required
@require_POST
def cohort_close(request, slug):
    cohort = _cohort_or_404(slug)
    try:
        outcome = services.cohort_close(cohort=cohort, by=request.user)
    except ValidationError as error:
        messages.error(request, error_text(error))
    else:
        messages.success(
            request,
            _(
                "The cohort is closed. Plans with their closing diagnostic: %(measured)d; "
                "waiting for one: %(awaiting)d."
            )
            % {"measured": len(outcome.measured), "awaiting": len(outcome.awaiting)},
        )
    return redirect("coaching:cohort_dashboard", slug=cohort.slug)


def _cohort_or_404(slug) -> Cohort:
    cohort = Cohort.objects.filter(slug=slug).first()
    if cohort is None:
        raise Http404
    return cohort


def _plans(cohort):
    return Plan.objects.filter(enrolment__cohort=cohort).select_related("organisation")
