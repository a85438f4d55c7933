"""Views of the network's events: the public list and page, registration (and its signed
confirmation and cancellation links), the .ics file, and the agency's pages."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from digitalees import ratelimit
from digitalees.exports import csv_response
from digitalees.roles import agency_staff_required, is_agency_staff
from digitalees.service_errors import add_service_errors, error_text
from grants.files import file_response

from ..models import Certificate, Event, EventQuestion, Registration, RegistrationStatus
from ..rules import memberships_of
from . import calendar, certificates, selectors, services
from .forms import (
    AttendanceForm,
    EventFilterForm,
    EventForm,
    EventMessageForm,
    QuestionForm,
    RegistrationForm,
)

PAGE_SIZE = 12


# --- Public ------------------------------------------------------------------------------


@require_GET
def event_list(request):
    form = EventFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    events = selectors.public_event_list(kind=filters.get("kind") or "", theme=filters.get("theme"))
    page = Paginator(events, PAGE_SIZE).get_page(request.GET.get("page"))
    for event in page.object_list:
        event.seats_left = selectors.seats_left(event)
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "network/events/event_list.html",
        {"form": form, "page": page, "query": query.urlencode(), "now": timezone.now()},
    )


def _public_event(request, slug) -> Event:
    """A published event; an unpublished one exists for agency staff only (a preview)."""
    event = get_object_or_404(Event, slug=slug)
    if not event.is_published and not is_agency_staff(request.user):
        raise Http404
    return event


def _own_registration(request, event) -> Registration | None:
    if not request.user.is_authenticated:
        return None
    return (
        event.registrations.active().filter(user=request.user).order_by("-created_at").first()
        or event.registrations.active().filter(email__iexact=request.user.email).first()
    )


def _registration_form(request, event, data=None):
    memberships = None
    if request.user.is_authenticated:
        memberships = list(memberships_of(request.user).order_by("organisation__name"))
    return RegistrationForm(data, event=event, memberships=memberships)


def _detail(request, event, form=None, status=200):
    own = _own_registration(request, event)
    is_open = services.registration_is_open(event)
    if form is None and is_open and own is None:
        form = _registration_form(request, event)
    return render(
        request,
        "network/events/event_detail.html",
        {
            "event": event,
            "form": form if is_open and own is None else None,
            "is_open": is_open,
            "seats_left": selectors.seats_left(event),
            "own": own,
            "own_cancel_token": services.registration_token(own, salt=services.CANCEL_SALT)
            if own
            else "",
            "topics": list(event.topics.all()),
            "is_past": event.ends_at < timezone.now(),
        },
        status=status,
    )


@require_GET
def event_detail(request, slug):
    return _detail(request, _public_event(request, slug))


@require_POST
def event_register(request, slug):
    event = _public_event(request, slug)
    if _own_registration(request, event) is not None:
        messages.info(request, _("You are already registered for this event."))
        return redirect(event)
    form = _registration_form(request, event, request.POST)
    if not form.is_valid():
        return _detail(request, event, form)
    user = request.user if request.user.is_authenticated else None
    if user is not None:
        who = {
            "email": user.email,
            "first_name": user.first_name or user.email.split("@")[0],
            "last_name": user.last_name,
            "organisation": form.chosen_organisation(),
        }
    else:
        # A visitor's registration e-mails the address they typed: not a way to send
        # mail to strangers in bulk.
        if not ratelimit.allow(request, "event_registration", limit=10, period=3600):
            form.add_error(None, _("Too many registrations from your connection: try again later."))
            return _detail(request, event, form, status=429)
        who = {
            "email": form.cleaned_data["email"],
            "first_name": form.cleaned_data["first_name"],
            "last_name": form.cleaned_data["last_name"],
            "organisation_name": form.cleaned_data["organisation_name"],
        }
    try:
        registration = services.registration_create(
            event=event,
            user=user,
            language=translation.get_language(),
            answers=form.answers(),
            **who,
        )
    except ValidationError as error:
        add_service_errors(form, error)
        return _detail(request, event, form)
    if registration.status == RegistrationStatus.UNCONFIRMED:
        messages.success(
            request,
            _("Almost there: follow the link we sent to %(email)s to confirm your registration.")
            % {"email": registration.email},
        )
    elif registration.status == RegistrationStatus.WAITING:
        messages.warning(
            request,
            _(
                "The event is full: you are on the waiting list. We will e-mail you if a "
                "seat frees up."
            ),
        )
    else:
        messages.success(request, _("You are registered. The invitation is in your mailbox."))
    return redirect(event)


@require_GET
def event_ics(request, slug):
    event = _public_event(request, slug)
    response = HttpResponse(calendar.event_ics(event), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{event.slug}.ics"'
    return response


def _invalid_link(request):
    return render(request, "network/events/link_invalid.html", status=400)


@require_GET
def registration_confirm(request, token):
    registration = services.registration_from_token(
        token, salt=services.CONFIRM_SALT, max_age=services.CONFIRM_MAX_AGE
    )
    if registration is None:
        return _invalid_link(request)
    return render(
        request,
        "network/events/registration_confirm.html",
        {"registration": registration, "event": registration.event, "token": token},
    )


@require_POST
def registration_confirm_action(request, token):
    registration = services.registration_from_token(
        token, salt=services.CONFIRM_SALT, max_age=services.CONFIRM_MAX_AGE
    )
    if registration is None:
        return _invalid_link(request)
    try:
        registration = services.registration_confirm(registration=registration)
    except ValidationError as error:
        messages.error(request, error_text(error))
        return redirect(registration.event)
    if registration.status == RegistrationStatus.WAITING:
        messages.warning(
            request,
            _(
                "Your registration is confirmed, but the event is full: you are on the "
                "waiting list."
            ),
        )
    else:
        messages.success(
            request, _("Your registration is confirmed. The invitation is in your mailbox.")
        )
    return redirect(registration.event)


@require_GET
def registration_cancel(request, token):
    registration = services.registration_from_token(token, salt=services.CANCEL_SALT)
    if registration is None:
        return _invalid_link(request)
    return render(
        request,
        "network/events/registration_cancel.html",
        {"registration": registration, "event": registration.event, "token": token},
    )


@require_POST
def registration_cancel_action(request, token):
    registration = services.registration_from_token(token, salt=services.CANCEL_SALT)
    if registration is None:
        return _invalid_link(request)
    try:
        services.registration_cancel(registration=registration)
    except ValidationError as error:
        messages.error(request, error_text(error))
    else:
        messages.success(request, _("Your registration is cancelled."))
    return redirect(registration.event)


@require_GET
def certificate_download(request, token):
    pk = services.certificate_pk_from_token(token)
    certificate = (
        Certificate.objects.select_related("registration__event").filter(pk=pk).first()
        if pk
        else None
    )
    if certificate is None:
        return _invalid_link(request)
    if certificate.status != Certificate.Status.READY or not certificate.file.name:
        raise Http404
    return file_response(
        certificate.file,
        name=certificates.certificate_filename(certificate),
        content_type="application/pdf",
    )


# --- Agency staff ------------------------------------------------------------------------


@agency_staff_required
@require_GET
def staff_event_list(request):
    page = Paginator(selectors.staff_event_list(), 50).get_page(request.GET.get("page"))
    return render(request, "network/events/staff_event_list.html", {"page": page})


@agency_staff_required
@require_http_methods(["GET", "POST"])
def staff_event_create(request):
    return _event_form(request, Event())


@agency_staff_required
@require_http_methods(["GET", "POST"])
def staff_event_edit(request, pk):
    return _event_form(request, get_object_or_404(Event, pk=pk))


def _event_form(request, event):
    creating = event.pk is None
    form = EventForm(request.POST or None, instance=event)
    if request.method == "POST" and form.is_valid():
        try:
            event = services.event_save(
                event=form.instance, topics=form.cleaned_data["topics"], by=request.user
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The event is saved."))
            return redirect("network:staff_event_detail", pk=event.pk)
    return render(
        request,
        "network/events/staff_event_form.html",
        {"form": form, "event": event, "creating": creating},
    )


@agency_staff_required
@require_GET
def staff_event_detail(request, pk):
    event = get_object_or_404(Event, pk=pk)
    registrations = list(selectors.registrations_for_staff(event))
    counts = dict.fromkeys(RegistrationStatus.values, 0)
    for registration in registrations:
        counts[registration.status] += 1
    return render(
        request,
        "network/events/staff_event_detail.html",
        {
            "event": event,
            "questions": list(event.questions.all()),
            "registrations": registrations,
            "counts": counts,
            "seats_left": None
            if event.capacity is None
            else max(event.capacity - counts[RegistrationStatus.CONFIRMED], 0),
            "event_messages": list(event.messages.select_related("sent_by")),
            "started": event.starts_at <= timezone.now(),
            "present": sum(1 for r in registrations if r.attendance == "present"),
        },
    )


@agency_staff_required
@require_POST
def staff_event_cancel(request, pk):
    event = get_object_or_404(Event, pk=pk)
    try:
        services.event_cancel(event=event, by=request.user)
    except ValidationError as error:
        messages.error(request, error_text(error))
    else:
        messages.success(request, _("The event is cancelled and everyone registered is told."))
    return redirect("network:staff_event_detail", pk=event.pk)


@agency_staff_required
@require_http_methods(["GET", "POST"])
def staff_question_create(request, pk):
    event = get_object_or_404(Event, pk=pk)
    return _question_form(request, event, EventQuestion(event=event))


@agency_staff_required
@require_http_methods(["GET", "POST"])
def staff_question_edit(request, pk, question_pk):
    event = get_object_or_404(Event, pk=pk)
    return _question_form(request, event, get_object_or_404(event.questions, pk=question_pk))


def _question_form(request, event, question):
    creating = question.pk is None
    form = QuestionForm(request.POST or None, instance=question)
    if request.method == "POST" and form.is_valid():
        try:
            services.question_save(question=form.instance)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The question is saved."))
            return redirect("network:staff_event_detail", pk=event.pk)
    return render(
        request,
        "network/events/staff_question_form.html",
        {"form": form, "event": event, "creating": creating},
    )


@agency_staff_required
@require_POST
def staff_question_delete(request, pk, question_pk):
    event = get_object_or_404(Event, pk=pk)
    services.question_delete(question=get_object_or_404(event.questions, pk=question_pk))
    messages.success(request, _("The question is removed."))
    return redirect("network:staff_event_detail", pk=event.pk)


@agency_staff_required
@require_GET
def staff_registration_export(request, pk):
    event = get_object_or_404(Event, pk=pk)
    questions = list(event.questions.all())
    registrations = selectors.registrations_for_staff(event)

    def rows():
        for r in registrations:
            answers = {a.question_id: a.value for a in r.answers.all()}
            yield [
                r.last_name,
                r.first_name,
                r.email,
                r.organisation_name,
                r.get_status_display(),
                r.get_attendance_display() if r.attendance else "",
                timezone.localtime(r.created_at).replace(tzinfo=None, microsecond=0),
                *[answers.get(q.pk, "") for q in questions],
            ]

    columns = [
        _("Last name"),
        _("First name"),
        _("E-mail address"),
        _("Organisation"),
        _("Status"),
        _("Attendance"),
        _("Registered"),
        *[q.label for q in questions],
    ]
    return csv_response(columns=columns, rows=rows(), filename=f"inscriptions-{event.slug}.csv")


@agency_staff_required
@require_POST
def staff_registration_cancel(request, pk, registration_pk):
    event = get_object_or_404(Event, pk=pk)
    registration = get_object_or_404(event.registrations, pk=registration_pk)
    try:
        services.registration_cancel(registration=registration, by_staff=True)
    except ValidationError as error:
        messages.error(request, error_text(error))
    else:
        messages.success(
            request,
            _("The registration of %(name)s is cancelled.") % {"name": registration.full_name},
        )
    return redirect("network:staff_event_detail", pk=event.pk)


@agency_staff_required
@require_http_methods(["GET", "POST"])
def staff_attendance(request, pk):
    event = get_object_or_404(Event, pk=pk)
    registrations = event.registrations.holding_seat().order_by("last_name", "first_name", "pk")
    form = AttendanceForm(request.POST or None, registrations=registrations)
    if request.method == "POST" and form.is_valid():
        try:
            services.attendance_record(event=event, attendance=form.attendance())
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Attendance is recorded."))
            return redirect("network:staff_event_detail", pk=event.pk)
    return render(request, "network/events/staff_attendance.html", {"form": form, "event": event})


@agency_staff_required
@require_http_methods(["GET", "POST"])
def staff_event_message(request, pk):
    event = get_object_or_404(Event, pk=pk)
    form = EventMessageForm(request.POST or None, initial={"audience": "present"})
    if request.method == "POST" and form.is_valid():
        try:
            message = services.event_message_send(event=event, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                _("The message is sent to %(count)s people.") % {"count": message.recipients},
            )
            return redirect("network:staff_event_detail", pk=event.pk)
    return render(
        request,
        "network/events/staff_event_message.html",
        {
            "form": form,
            "event": event,
            "present": services.message_recipients(event, "present").count(),
            "registered": services.message_recipients(event, "registered").count(),
        },
    )


@agency_staff_required
@require_POST
def staff_certificates_issue(request, pk):
    event = get_object_or_404(Event, pk=pk)
    try:
        issued = certificates.certificates_issue(event=event)
    except ValidationError as error:
        messages.error(request, error_text(error))
    else:
        messages.success(
            request,
            _("%(count)s certificates are being prepared; each is e-mailed once ready.")
            % {"count": len(issued)},
        )
    return redirect("network:staff_event_detail", pk=event.pk)


@agency_staff_required
@require_POST
def staff_certificate_retry(request, pk):
    certificate = get_object_or_404(Certificate.objects.select_related("registration"), pk=pk)
    try:
        certificates.certificate_retry(certificate)
    except ValidationError as error:
        messages.error(request, error_text(error))
    else:
        messages.success(request, _("The certificate is being prepared again."))
    return redirect("network:staff_event_detail", pk=certificate.registration.event_id)


@agency_staff_required
@require_GET
def staff_certificate_download(request, pk):
    certificate = get_object_or_404(
        Certificate.objects.select_related("registration__event"),
        pk=pk,
        status=Certificate.Status.READY,
    )
    if not certificate.file.name:
        raise Http404
    return file_response(
        certificate.file,
        name=certificates.certificate_filename(certificate),
        content_type="application/pdf",
    )
