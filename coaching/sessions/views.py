"""An enterprise's coaching page, its individual sessions, and the cohort's intervisions
with their invitations, attendance, questions and summary."""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from digitalees.service_errors import add_service_errors, error_text
from network.models import Organisation

from ..models import IntervisionQuestion, Plan
from ..rules import (
    CohortAccess,
    get_cohort_for,
    get_enrolment_for,
    get_intervision_for,
    get_session_for,
)
from . import selectors, services
from .forms import (
    AttendanceForm,
    IntervisionForm,
    InviteForm,
    QuestionForm,
    SessionForm,
    SummaryForm,
    TakenUpForm,
)

User = get_user_model()


# --- The enterprise's coaching page ----------------------------------------------------


@login_required
@require_GET
def enrolment_detail(request, pk):
    enrolment, access = get_enrolment_for(request, pk)
    page = selectors.enrolment_page(enrolment)
    plan = Plan.objects.filter(enrolment=enrolment).only("pk").first()
    return render(
        request,
        "coaching/sessions/enrolment_detail.html",
        {
            "enrolment": enrolment,
            "organisation": enrolment.organisation,
            "page": page,
            "plan": plan,
            "now": timezone.now(),
            "can_manage_sessions": access.can_manage_sessions,
            "show_private_notes": access.can_see_private_notes,
            "can_create_plan": access.can_edit_plan,
        },
    )


# --- Individual sessions ---------------------------------------------------------------


def _session_form(request, enrolment, *, initial=None, data=None):
    coaches = User.objects.filter(
        coach_assignments__organisation_id=enrolment.organisation_id
    ).order_by("last_name", "email")
    members = User.objects.filter(memberships__organisation_id=enrolment.organisation_id).order_by(
        "last_name", "email"
    )
    return SessionForm(data, initial=initial, coaches=coaches, members=members)


@login_required
@require_http_methods(["GET", "POST"])
def session_create(request, pk):
    enrolment, access = get_enrolment_for(request, pk, manage_sessions=True)
    initial = {"coach": request.user.pk if access.is_coach else None}
    form = _session_form(request, enrolment, initial=initial, data=request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            session = services.session_create(enrolment=enrolment, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            if session.starts_at > timezone.now():
                messages.success(request, _("The session is planned."))
            else:
                messages.success(request, _("The session is logged."))
            return redirect("coaching:session_detail", pk=session.pk)
    return render(
        request,
        "coaching/sessions/session_form.html",
        {"form": form, "enrolment": enrolment, "organisation": enrolment.organisation},
    )


@login_required
@require_GET
def session_detail(request, pk):
    session, access = get_session_for(request, pk)
    plan = Plan.objects.filter(enrolment_id=session.enrolment_id).only("pk").first()
    made = {action.title: action for action in session.actions.all()}
    steps = [
        (index, step, made.get(step[:200])) for index, step in enumerate(session.next_step_list)
    ]
    return render(
        request,
        "coaching/sessions/session_detail.html",
        {
            "session": session,
            "enrolment": session.enrolment,
            "organisation": session.enrolment.organisation,
            "participants": list(session.participants.order_by("last_name", "email")),
            "steps": steps,
            "plan": plan,
            "is_planned": session.starts_at > timezone.now(),
            "can_manage_sessions": access.can_manage_sessions,
            "show_private_notes": access.can_see_private_notes,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def session_edit(request, pk):
    session, _access = get_session_for(request, pk, manage=True)
    enrolment = session.enrolment
    initial = {
        "coach": session.coach_id,
        "starts_at": timezone.localtime(session.starts_at),
        "duration_minutes": session.duration_minutes,
        "topics": session.topics,
        "shared_notes": session.shared_notes,
        "private_notes": session.private_notes,
        "next_steps": session.next_steps,
        "participants": list(session.participants.values_list("pk", flat=True)),
    }
    form = _session_form(request, enrolment, initial=initial, data=request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        participants = list(data.pop("participants"))
        try:
            services.session_update(session=session, participants=participants, **data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The session is saved."))
            return redirect("coaching:session_detail", pk=session.pk)
    return render(
        request,
        "coaching/sessions/session_form.html",
        {
            "form": form,
            "session": session,
            "enrolment": enrolment,
            "organisation": enrolment.organisation,
        },
    )


@login_required
@require_POST
def session_step_action(request, pk, index):
    session, _access = get_session_for(request, pk, manage=True)
    try:
        action, created = services.session_step_action(
            session=session, index=index, by=request.user
        )
    except ValidationError as error:
        messages.error(request, error_text(error))
    else:
        if created:
            messages.success(
                request, _("“%(title)s” is now an action of the plan.") % {"title": action.title}
            )
        else:
            messages.info(
                request,
                _("“%(title)s” was already an action of the plan: nothing was added.")
                % {"title": action.title},
            )
    return redirect("coaching:session_detail", pk=session.pk)


# --- Intervisions ----------------------------------------------------------------------


@login_required
@require_GET
def intervision_list(request, slug):
    cohort, access = get_cohort_for(request, slug)
    coming, past = selectors.cohort_intervisions(cohort)
    return render(
        request,
        "coaching/sessions/intervision_list.html",
        {"cohort": cohort, "coming": coming, "past": past, "can_organise": access.can_organise},
    )


@login_required
@require_http_methods(["GET", "POST"])
def intervision_create(request, slug):
    cohort, _access = get_cohort_for(request, slug, organise=True)
    form = IntervisionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            intervision = services.intervision_create(
                cohort=cohort, organised_by=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request, _("The intervision is created: invite the cohort's people now.")
            )
            return redirect("coaching:intervision_invite", pk=intervision.pk)
    return render(
        request, "coaching/sessions/intervision_form.html", {"form": form, "cohort": cohort}
    )


@login_required
@require_http_methods(["GET", "POST"])
def intervision_edit(request, pk):
    intervision, _access = get_intervision_for(request, pk, organise=True)
    initial = {
        "title": intervision.title,
        "starts_at": timezone.localtime(intervision.starts_at),
        "duration_minutes": intervision.duration_minutes,
        "location": intervision.location,
        "description": intervision.description,
    }
    form = IntervisionForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.intervision_update(intervision=intervision, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The intervision is saved."))
            return redirect("coaching:intervision_detail", pk=intervision.pk)
    return render(
        request,
        "coaching/sessions/intervision_form.html",
        {"form": form, "cohort": intervision.cohort, "intervision": intervision},
    )


def _intervision_page(
    request,
    intervision,
    access: CohortAccess,
    *,
    question_form=None,
    attendance_form=None,
    summary_form=None,
    status=200,
):
    started = services.has_started(intervision)
    themes = services.question_themes()
    context = {
        "intervision": intervision,
        "cohort": intervision.cohort,
        "started": started,
        "can_organise": access.can_organise,
        "themes": themes,
    }
    if access.can_organise:
        invitations = selectors.intervision_invitations(intervision)
        context.update(
            invitations=invitations,
            counts=selectors.attendance_counts(invitations),
            question_groups=selectors.questions_by_theme(intervision),
            attendance_form=attendance_form
            or (AttendanceForm(invitations=invitations) if started and invitations else None),
            summary_form=summary_form
            or (SummaryForm(initial={"summary": intervision.summary}) if started else None),
        )
    else:
        # Participants see the questions' text, never who asked (their own marked "yours").
        own = list(
            intervision.invitations.filter(user=request.user).select_related(
                "enrolment__organisation"
            )
        )
        context.update(
            own_invitations=own,
            question_groups=selectors.questions_by_theme(intervision, participant=request.user),
        )
    if access.is_participant and not started:
        context["question_form"] = question_form or QuestionForm(themes=themes)
    return render(request, "coaching/sessions/intervision_detail.html", context, status=status)


@login_required
@require_GET
def intervision_detail(request, pk):
    intervision, access = get_intervision_for(request, pk)
    return _intervision_page(request, intervision, access)


def _invite_form(intervision, data=None):
    cohort = intervision.cohort
    organisations = Organisation.objects.filter(enrolments__cohort=cohort).order_by("name")
    users = User.objects.filter(memberships__organisation__enrolments__cohort=cohort).distinct()
    return InviteForm(data, organisations=organisations, users=users)


@login_required
@require_http_methods(["GET", "POST"])
def intervision_invite(request, pk):
    intervision, _access = get_intervision_for(request, pk, organise=True)
    form = _invite_form(intervision, request.POST or None)
    started = services.has_started(intervision)
    if request.method == "POST" and form.is_valid() and not started:
        chosen = {}
        if form.cleaned_data["who"] == InviteForm.CHOSEN:
            chosen = {
                "organisations": list(form.cleaned_data["organisations"]),
                "users": list(form.cleaned_data["users"]),
            }
        try:
            new = services.intervision_invite(intervision=intervision, by=request.user, **chosen)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            if new:
                messages.success(
                    request,
                    ngettext(
                        "%(count)s person is invited and receives an e-mail.",
                        "%(count)s people are invited; each receives an e-mail.",
                        len(new),
                    )
                    % {"count": len(new)},
                )
            else:
                messages.info(request, _("Everyone chosen was already invited: nobody was added."))
            return redirect("coaching:intervision_detail", pk=intervision.pk)
    members = list(services.cohort_members(intervision.cohort))
    invited = set(intervision.invitations.values_list("user_id", flat=True))
    teams: dict = {}
    for membership in members:
        teams.setdefault(membership.organisation, []).append(membership)
    return render(
        request,
        "coaching/sessions/intervision_invite.html",
        {
            "form": form,
            "intervision": intervision,
            "cohort": intervision.cohort,
            "teams": teams,
            "invited": invited,
            "started": started,
        },
        status=400 if request.method == "POST" and started else 200,
    )


@login_required
@require_POST
def intervision_attendance(request, pk):
    intervision, access = get_intervision_for(request, pk, organise=True)
    invitations = selectors.intervision_invitations(intervision)
    form = AttendanceForm(request.POST, invitations=invitations)
    if form.unknown_invitations():
        form.add_error(
            None, _("Attendance is recorded for the people invited to this intervision only.")
        )
    elif form.is_valid():
        try:
            services.intervision_record_attendance(
                intervision=intervision, attendance=form.attendance()
            )
        except ValidationError as error:
            messages.error(request, error_text(error))
            return redirect("coaching:intervision_detail", pk=intervision.pk)
        messages.success(request, _("Attendance is recorded."))
        return redirect("coaching:intervision_detail", pk=intervision.pk)
    if not services.has_started(intervision):
        messages.error(request, _("Attendance is recorded once the intervision has started."))
        return redirect("coaching:intervision_detail", pk=intervision.pk)
    return _intervision_page(request, intervision, access, attendance_form=form, status=400)


@login_required
@require_POST
def intervision_summary(request, pk):
    intervision, access = get_intervision_for(request, pk, organise=True)
    form = SummaryForm(request.POST)
    if form.is_valid():
        try:
            emailed = services.intervision_share_summary(
                intervision=intervision, summary=form.cleaned_data["summary"]
            )
        except ValidationError as error:
            if not services.has_started(intervision):
                messages.error(request, error_text(error))
                return redirect("coaching:intervision_detail", pk=intervision.pk)
            add_service_errors(form, error)
        else:
            if emailed:
                messages.success(
                    request, _("The summary is shared: everyone invited receives it by e-mail.")
                )
            else:
                messages.success(request, _("The summary is saved."))
            return redirect("coaching:intervision_detail", pk=intervision.pk)
    if not services.has_started(intervision):
        messages.error(request, _("The summary is shared after the intervision has started."))
        return redirect("coaching:intervision_detail", pk=intervision.pk)
    return _intervision_page(request, intervision, access, summary_form=form, status=400)


@login_required
@require_POST
def question_create(request, pk):
    intervision, access = get_intervision_for(request, pk)
    if not access.is_participant:
        raise PermissionDenied  # coaches and the agency organise; participants ask
    form = QuestionForm(request.POST, themes=services.question_themes())
    if form.is_valid():
        try:
            question = services.question_ask(
                intervision=intervision,
                asked_by=request.user,
                text=form.cleaned_data["text"],
                theme=form.cleaned_data["theme"],
                anonymous=form.cleaned_data["anonymous"],
            )
        except ValidationError as error:
            if error.code == "started":
                messages.error(request, error_text(error))
                return redirect("coaching:intervision_detail", pk=intervision.pk)
            add_service_errors(form, error)
        else:
            if question.is_anonymous:
                messages.success(
                    request,
                    _(
                        "Your question is posted anonymously: your name is not kept with it, "
                        "so it is not marked as yours."
                    ),
                )
            else:
                messages.success(request, _("Your question is posted."))
            return redirect(
                reverse("coaching:intervision_detail", kwargs={"pk": pk}) + "#questions"
            )
    if services.has_started(intervision):
        messages.error(request, _("The intervision has started: questions are asked before it."))
        return redirect("coaching:intervision_detail", pk=intervision.pk)
    return _intervision_page(request, intervision, access, question_form=form, status=400)


@login_required
@require_POST
def question_take_up(request, pk):
    question = IntervisionQuestion.objects.filter(pk=pk).select_related("author").first()
    if question is None:
        raise Http404
    intervision, _access = get_intervision_for(request, question.intervision_id, organise=True)
    form = TakenUpForm(request.POST)
    form.is_valid()  # a checkbox: absent means "not taken up"
    taken_up = form.cleaned_data.get("taken_up", False)
    services.question_take_up(question=question, taken_up=taken_up)
    if request.htmx:
        return render(
            request,
            "coaching/sessions/_question_item.html",
            {"question": question, "intervision": intervision},
        )
    if taken_up:
        messages.success(request, _("The question is marked as taken up."))
    else:
        messages.success(request, _("The question is marked as not taken up yet."))
    return redirect(
        reverse("coaching:intervision_detail", kwargs={"pk": intervision.pk}) + "#questions"
    )
