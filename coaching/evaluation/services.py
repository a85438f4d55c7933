"""Writes of the programme's evaluation: participants' evaluations, the themes staff ask
about, and closing a cohort (each plan's closing diagnostic, invitations to run one)."""

from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from digitalees.mail import send_templated_mail
from network.models import Membership

from ..models import (
    Cohort,
    Enrolment,
    Evaluation,
    EvaluationAnswer,
    EvaluationTheme,
    Phase,
    Plan,
    Verdict,
)
from .selectors import closing_results

# Participants evaluate a cohort under way (a phase just finished) or one closed.
EVALUATED_STATUSES = (Cohort.Status.RUNNING, Cohort.Status.CLOSED)
COMMENT_MAX = 2000


# --- Evaluations ---------------------------------------------------------------------------


def evaluation_submit(
    *,
    cohort: Cohort,
    enrolment: Enrolment,
    respondent,
    phase: Phase | None,
    answers: dict[int, dict],
) -> Evaluation:
    """Save a participant's verdict and comment on every theme asked (`answers`: theme id →
    {"verdict", "comment"}), for the whole cohort (`phase` None) or one phase. A respondent
    has one evaluation per (cohort, phase): submitting again replaces their answers."""
    if cohort.status not in EVALUATED_STATUSES:
        raise ValidationError(_("The evaluation opens once the coaching is under way."))
    if enrolment.cohort_id != cohort.pk:
        raise ValidationError(_("This enterprise is not enrolled in this cohort."))
    if not Membership.objects.filter(
        user=respondent, organisation_id=enrolment.organisation_id
    ).exists():
        raise ValidationError(_("Only the members of an enrolled enterprise evaluate it."))
    asked = {theme.pk: theme for theme in EvaluationTheme.objects.filter(is_active=True)}
    not_asked = set(answers) - set(asked)
    if not_asked:
        raise ValidationError(_("Some answers are about a theme that is not asked."))
    missing = [theme for pk, theme in asked.items() if pk not in answers]
    if missing:
        raise ValidationError(
            _("Give a verdict on every theme: %(themes)s is missing.")
            % {"themes": ", ".join(theme.tr("title") for theme in missing)}
        )
    rows = []
    for theme_pk, answer in answers.items():
        verdict = answer.get("verdict")
        if verdict not in Verdict.values:
            raise ValidationError(
                _("“%(verdict)s” is not a verdict: choose improve, modify, keep or remove.")
                % {"verdict": verdict}
            )
        comment = (answer.get("comment") or "").strip()
        if len(comment) > COMMENT_MAX:
            raise ValidationError(
                _("A comment has at most %(max)d characters.") % {"max": COMMENT_MAX}
            )
        rows.append((theme_pk, verdict, comment))
    with transaction.atomic():
        evaluation, created = Evaluation.objects.select_for_update().get_or_create(
            cohort=cohort,
            respondent=respondent,
            phase=phase,
            defaults={"enrolment": enrolment},
        )
        if not created:
            evaluation.answers.all().delete()
            evaluation.enrolment = enrolment
            evaluation.submitted_at = timezone.now()
            evaluation.save(update_fields=["enrolment", "submitted_at"])
        EvaluationAnswer.objects.bulk_create(
            EvaluationAnswer(evaluation=evaluation, theme_id=pk, verdict=verdict, comment=comment)
            for pk, verdict, comment in rows
        )
    return evaluation


# --- Themes --------------------------------------------------------------------------------


def _clean_titles(title_fr: str, title_en: str) -> tuple[str, str]:
    title_fr, title_en = (title_fr or "").strip(), (title_en or "").strip()
    errors = {}
    if not title_fr:
        errors["title_fr"] = _("Give the theme a French title.")
    if not title_en:
        errors["title_en"] = _("Give the theme an English title.")
    if errors:
        raise ValidationError(errors)
    return title_fr, title_en


def _theme_code(title: str) -> str:
    base = slugify(title)[:36] or "theme"
    code, n = base, 2
    while EvaluationTheme.objects.filter(code=code).exists():
        code, n = f"{base}-{n}", n + 1
    return code


@transaction.atomic
def evaluation_theme_create(*, title_fr: str, title_en: str) -> EvaluationTheme:
    """A theme participants are asked about from now on, after the others."""
    title_fr, title_en = _clean_titles(title_fr, title_en)
    position = (EvaluationTheme.objects.aggregate(last=Max("position"))["last"] or 0) + 1
    return EvaluationTheme.objects.create(
        code=_theme_code(title_en), position=position, title_fr=title_fr, title_en=title_en
    )


def evaluation_theme_update(
    *, theme: EvaluationTheme, title_fr: str, title_en: str, is_active: bool
) -> EvaluationTheme:
    """Rename a theme, or stop (or start again) asking it. Its answers are kept: the
    results of past evaluations still show it."""
    theme.title_fr, theme.title_en = _clean_titles(title_fr, title_en)
    theme.is_active = is_active
    theme.save(update_fields=["title_fr", "title_en", "is_active"])
    return theme


# --- Closing a cohort ------------------------------------------------------------------------


@dataclass
class CohortClosing:
    """What closing a cohort did: the plans given their closing diagnostic, and those whose
    enterprise has not run one since the plan began (their admins were invited to)."""

    measured: list[Plan] = field(default_factory=list)
    awaiting: list[Plan] = field(default_factory=list)
    invited: int = 0


@transaction.atomic
def cohort_close(*, cohort: Cohort, by) -> CohortClosing:
    """Close a running cohort: each plan's closing diagnostic becomes the enterprise's
    latest one since the plan began (or stays empty, and the enterprise's admins are
    invited by e-mail to run one: closing happens once, so they are invited once)."""
    cohort = Cohort.objects.select_for_update().get(pk=cohort.pk)
    if cohort.status != Cohort.Status.RUNNING:
        raise ValidationError(
            _("Only a cohort whose coaching is under way can be closed (this one is “%(status)s”).")
            % {"status": cohort.get_status_display()}
        )
    outcome = CohortClosing()
    plans = list(Plan.objects.filter(enrolment__cohort=cohort).select_related("organisation"))
    closing = closing_results(plans)
    for plan in plans:
        result = closing[plan.pk]
        if result is not None:
            plan.final_result = result
            plan.save(update_fields=["final_result"])
            outcome.measured.append(plan)
        else:
            outcome.awaiting.append(plan)
    for plan in outcome.awaiting:
        outcome.invited += _invite_to_closing_diagnostic(plan, cohort)
    cohort.status = Cohort.Status.CLOSED
    cohort.closed_at = timezone.now()
    cohort.save(update_fields=["status", "closed_at"])
    return outcome


def _invite_to_closing_diagnostic(plan: Plan, cohort: Cohort) -> int:
    admins = Membership.objects.filter(
        organisation_id=plan.organisation_id, role=Membership.Role.ADMIN
    ).select_related("user")
    sent = 0
    for membership in admins:
        if not membership.user.email:
            continue
        send_templated_mail(
            template="email/coaching/closing_diagnostic",
            to=[membership.user.email],
            context={
                "organisation_name": plan.organisation.name,
                "cohort_name": cohort.name,
                "path": reverse("diagnostic:start"),
                "plan_path": reverse("coaching:plan_detail", kwargs={"pk": plan.pk}),
            },
            language=get_language(),
        )
        sent += 1
    return sent
