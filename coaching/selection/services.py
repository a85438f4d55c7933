"""Selection's writes: an enterprise applies, the agency scores and decides, the applicants
are told (once). Selecting enrols, through the core's `enrolment_create`."""

from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _

from digitalees.mail import send_templated_mail
from network.models import Membership

from ..models import SCORE_MAX, Application, ApplicationScore, Cohort, Criterion, Enrolment, Plan
from ..services import enrolment_create

MOTIVATION_MIN = 30  # a sentence or two: enough for the committee to read something
DECISIONS = (Application.Status.SELECTED, Application.Status.NOT_SELECTED)


def application_submit(*, cohort: Cohort, organisation, by, motivation: str) -> Application:
    """An enterprise's application; the view has checked that `by` is one of its admins.
    Only while the call is open, one per enterprise and cohort; `by` gets an
    acknowledgement."""
    motivation = motivation.strip()
    if not Cohort.objects.accepting_applications().filter(pk=cohort.pk).exists():
        raise ValidationError(
            _("The call of this cohort is not open: applications are not accepted."),
            code="call_closed",
        )
    if len(motivation) < MOTIVATION_MIN:
        raise ValidationError(
            {
                "motivation": _(
                    "Say in a few sentences (at least %(count)d characters) why your enterprise "
                    "wants to be coached."
                )
                % {"count": MOTIVATION_MIN}
            }
        )
    try:
        with transaction.atomic():
            application = Application.objects.create(
                cohort=cohort, organisation=organisation, submitted_by=by, motivation=motivation
            )
            send_templated_mail(
                template="email/coaching/application_received",
                to=[by.email],
                context={
                    "cohort_name": cohort.name,
                    "organisation_name": organisation.name,
                    "motivation": motivation,
                    "call_closes_on": cohort.call_closes_on,
                    "starts_on": cohort.starts_on,
                    "calls_path": reverse("coaching:call_list"),
                },
                language=get_language(),
            )
    except IntegrityError as exc:
        raise ValidationError(
            {
                "organisation": _("%(name)s has already applied to this cohort.")
                % {"name": organisation.name}
            },
            code="already_applied",
        ) from exc
    return application


def _check_undecided_told(application: Application) -> None:
    if application.notified_at is not None:
        raise ValidationError(
            _("%(name)s has already been told the decision: it can no longer change.")
            % {"name": application.organisation.name},
            code="notified",
        )


def _clean_scores(scores: dict[str, Any]) -> dict[str, int]:
    """Every criterion scored, each from 0 to SCORE_MAX."""
    unknown = set(scores) - set(Criterion.values)
    if unknown:
        raise ValueError(f"not a criterion: {unknown}")
    errors = {}
    cleaned = {}
    for criterion in Criterion:
        raw: Any = scores.get(criterion.value)
        value: int | None
        try:
            value = int(raw)
        except (TypeError, ValueError):
            value = None
        if value is None or not 0 <= value <= SCORE_MAX:
            errors[criterion.value] = _("Score each criterion from 0 to %(max)d.") % {
                "max": SCORE_MAX
            }
        else:
            cleaned[criterion.value] = value
    if errors:
        raise ValidationError(errors)
    return cleaned


def application_score(
    *, application: Application, scores: dict[str, int], by, comments: dict[str, str] | None = None
) -> list[ApplicationScore]:
    """The committee's score of an application on every criterion (0 to 5), replacing the
    previous one; until the applicant has been told the decision."""
    _check_undecided_told(application)
    if application.cohort.status not in (Cohort.Status.CALL_OPEN, Cohort.Status.SELECTION):
        raise ValidationError(
            _("Applications are scored while the call is open or during the selection."),
            code="not_selecting",
        )
    comments = comments or {}
    cleaned = _clean_scores(scores)
    now = timezone.now()
    with transaction.atomic():
        return [
            ApplicationScore.objects.update_or_create(
                application=application,
                criterion=criterion,
                defaults={
                    "score": score,
                    "comment": comments.get(criterion, "").strip(),
                    "scored_by": by,
                    "scored_at": now,
                },
            )[0]
            for criterion, score in cleaned.items()
        ]


def application_decide(
    *, application: Application, status: str, reason: str, by, share_reason: bool = False
) -> Application:
    """Select or not, with the reasons kept. Selecting enrols the enterprise, never beyond
    the cohort's places; a decision may change until the applicant is told."""
    reason = reason.strip()
    if status not in DECISIONS:
        raise ValidationError({"status": _("Choose “selected” or “not selected”.")})
    if not reason:
        raise ValidationError(
            {"reason": _("Write down the reasons for the decision: the programme keeps them.")}
        )
    if application.status == Application.Status.WITHDRAWN:
        raise ValidationError(_("This application was withdrawn."), code="withdrawn")
    with transaction.atomic():
        # The cohort's row, locked: two decisions at once cannot both take the last place.
        cohort = Cohort.objects.select_for_update().get(pk=application.cohort_id)
        application = Application.objects.select_for_update().get(pk=application.pk)
        _check_undecided_told(application)
        if cohort.status != Cohort.Status.SELECTION:
            raise ValidationError(
                _("Decisions are taken during the selection: the cohort is “%(status)s”.")
                % {"status": cohort.get_status_display()},
                code="not_selecting",
            )
        enrolment = Enrolment.objects.filter(application=application).first()
        if status == Application.Status.SELECTED and enrolment is None:
            enrolled = cohort.enrolments.count()
            if enrolled >= cohort.capacity:
                raise ValidationError(
                    _(
                        "The cohort's %(capacity)d places are taken: un-select an enterprise "
                        "first, or give the cohort more places."
                    )
                    % {"capacity": cohort.capacity},
                    code="full",
                )
            enrolment_create(
                cohort=cohort, organisation=application.organisation, application=application
            )
        if status == Application.Status.NOT_SELECTED and enrolment is not None:
            if Plan.objects.filter(enrolment=enrolment).exists():
                raise ValidationError(
                    _("%(name)s has already started its plan: it stays enrolled.")
                    % {"name": application.organisation.name},
                    code="has_plan",
                )
            enrolment.delete()
        application.status = status
        application.decision_reason = reason
        application.reason_shared = share_reason
        application.decided_by = by
        application.decided_at = timezone.now()
        application.save(
            update_fields=["status", "decision_reason", "reason_shared", "decided_by", "decided_at"]
        )
    return application


def cohort_notify_applicants(*, cohort: Cohort) -> int:
    """E-mail each decided applicant's admins their decision, once: each application is
    claimed by a conditional update before its e-mails are queued, in one transaction (a
    second click, or two at once, sends nothing twice). Refused while an application awaits
    a decision: every applicant hears at the same time. Returns how many were told."""
    waiting = cohort.applications.filter(status=Application.Status.SUBMITTED).count()
    if waiting:
        raise ValidationError(
            ngettext(
                "Decide every application first: %(count)d still awaits a decision.",
                "Decide every application first: %(count)d still await a decision.",
                waiting,
            )
            % {"count": waiting},
            code="undecided",
        )
    applications = list(
        cohort.applications.filter(status__in=DECISIONS, notified_at__isnull=True)
        .select_related("organisation")
        .order_by("pk")
    )
    admins: dict[int, list[str]] = {}
    for organisation_id, email in Membership.objects.filter(
        organisation__in=[a.organisation_id for a in applications],
        role=Membership.Role.ADMIN,
    ).values_list("organisation_id", "user__email"):
        admins.setdefault(organisation_id, []).append(email)
    told = 0
    language = get_language()
    with transaction.atomic():
        now = timezone.now()
        for application in applications:
            claimed = Application.objects.filter(
                pk=application.pk, notified_at__isnull=True, status=application.status
            ).update(notified_at=now)
            if not claimed:
                continue
            told += 1
            selected = application.status == Application.Status.SELECTED
            context = {
                "cohort_name": cohort.name,
                "organisation_name": application.organisation.name,
                "starts_on": cohort.starts_on,
                "ends_on": cohort.ends_on,
                "hours": cohort.hours_per_enterprise,
                "reason": application.decision_reason if application.reason_shared else "",
                "dashboard_path": reverse("dashboard"),
                "diagnostic_path": reverse("diagnostic:start"),
                "calls_path": reverse("coaching:call_list"),
                "contact_email": settings.CONTACT_EMAIL,
            }
            template = "selected" if selected else "not_selected"
            for email in sorted(admins.get(application.organisation_id, [])):
                send_templated_mail(
                    template=f"email/coaching/application_{template}",
                    to=[email],
                    context=context,
                    language=language,
                )
    return told


@transaction.atomic
def application_import(
    *,
    cohort: Cohort,
    organisation,
    submitted_by,
    motivation: str,
    submitted_at,
    scores: dict[str, int],
    scored_by,
    status: str,
    reason: str,
    decided_by,
    decided_at,
    share_reason: bool = False,
) -> Application:
    """An application scored and decided before the platform (the pilot cohort was selected
    on paper), recorded with its history: the applicant was told when it was decided. A
    selected one is attached to the enterprise's enrolment, made if there is none yet."""
    if status not in DECISIONS:
        raise ValidationError({"status": _("Choose “selected” or “not selected”.")})
    if not reason.strip():
        raise ValidationError(
            {"reason": _("Write down the reasons for the decision: the programme keeps them.")}
        )
    cleaned = _clean_scores(scores)
    if Application.objects.filter(cohort=cohort, organisation=organisation).exists():
        raise ValidationError(
            {
                "organisation": _("%(name)s has already applied to this cohort.")
                % {"name": organisation.name}
            },
            code="already_applied",
        )
    enrolment = Enrolment.objects.filter(cohort=cohort, organisation=organisation).first()
    if status == Application.Status.NOT_SELECTED and enrolment is not None:
        raise ValidationError(
            _("%(name)s is enrolled in this cohort: it was selected.")
            % {"name": organisation.name},
            code="enrolled",
        )
    application = Application.objects.create(
        cohort=cohort,
        organisation=organisation,
        submitted_by=submitted_by,
        motivation=motivation.strip(),
        submitted_at=submitted_at,
        status=status,
        decision_reason=reason.strip(),
        reason_shared=share_reason,
        decided_by=decided_by,
        decided_at=decided_at,
        notified_at=decided_at,
    )
    ApplicationScore.objects.bulk_create(
        ApplicationScore(
            application=application,
            criterion=criterion,
            score=score,
            scored_by=scored_by,
            scored_at=decided_at,
        )
        for criterion, score in cleaned.items()
    )
    if status == Application.Status.SELECTED:
        if enrolment is None:
            if cohort.enrolments.count() >= cohort.capacity:
                raise ValidationError(
                    _(
                        "The cohort's %(capacity)d places are taken: un-select an enterprise "
                        "first, or give the cohort more places."
                    )
                    % {"capacity": cohort.capacity},
                    code="full",
                )
            enrolment_create(cohort=cohort, organisation=organisation, application=application)
        else:
            Enrolment.objects.filter(pk=enrolment.pk).update(application=application)
    return application
