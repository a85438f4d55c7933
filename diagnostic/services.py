"""Writes of the diagnostic: starting, answering, submitting, and organisation results."""

import secrets

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from digitalees.mail import send_templated_mail
from network.models import Membership, Organisation

from . import scoring
from .access import (  # noqa: F401  (AccessLinkError, assessment_from_token: for the views)
    ACCESS_MAX_AGE,
    AccessLinkError,
    access_token,
    assessment_from_token,
)
from .models import (
    Answer,
    Assessment,
    Campaign,
    DimensionScore,
    Question,
    Questionnaire,
    Result,
    ResultScore,
)
from .reports import services as reports
from .selectors import (
    answers_of,
    benchmark_refresh,
    questionnaire_structure,
    visible_question_ids,
)


class AssessmentLocked(Exception):
    """The assessment was submitted: its answers can no longer change."""


def assessment_start(
    *,
    questionnaire: Questionnaire | None = None,
    respondent=None,
    organisation: Organisation | None = None,
    campaign: Campaign | None = None,
) -> Assessment:
    questionnaire = questionnaire or (campaign.questionnaire if campaign else None)
    questionnaire = questionnaire or Questionnaire.current()
    if questionnaire is None:
        raise ValidationError(_("No questionnaire is published yet."))
    return Assessment.objects.create(
        questionnaire=questionnaire,
        respondent=respondent if respondent and respondent.is_authenticated else None,
        organisation=organisation or (campaign.organisation if campaign else None),
        campaign=campaign,
        visitor_key="" if respondent and respondent.is_authenticated else secrets.token_urlsafe(32),
    )


def _lock_draft(assessment: Assessment) -> Assessment:
    locked = Assessment.objects.select_for_update().get(pk=assessment.pk)
    if locked.is_submitted:
        raise AssessmentLocked(
            _("This diagnostic was submitted: its answers can no longer change.")
        )
    return locked


@transaction.atomic
def answer_save(
    *, assessment: Assessment, question: Question, choice_codes: list[str]
) -> Answer | None:
    """Record one answer (an empty list clears it). Choices must be the question's own."""
    _lock_draft(assessment)
    if question.questionnaire_id != assessment.questionnaire_id:
        raise ValidationError(_("This question is not part of this diagnostic."))
    codes = list(dict.fromkeys(c for c in choice_codes if c))
    if not codes:
        Answer.objects.filter(assessment=assessment, question=question).delete()
        return None
    structure = questionnaire_structure(assessment.questionnaire_id)
    choices = {
        choice.code: choice
        for choice in (structure.choices[c] for c in structure.choices_of.get(question.id, []))
    }
    unknown = [c for c in codes if c not in choices]
    if unknown:
        raise ValidationError(_("This answer is not one of the question's choices."))
    selected = [choices[c] for c in codes]
    if not question.is_multiple and len(selected) != 1:
        raise ValidationError(_("Choose one answer."))
    if question.is_multiple and len(selected) > 1 and any(c.exclusive for c in selected):
        raise ValidationError(
            _("“%(label)s” cannot be combined with other choices.")
            % {"label": next(c for c in selected if c.exclusive).tr("label")}
        )
    answer, _created = Answer.objects.get_or_create(assessment=assessment, question=question)
    # What choices.set() does, without first reading the current choices: drop the others,
    # add the missing ones.
    links = Answer.choices.through
    links.objects.filter(answer=answer).exclude(choice__in=selected).delete()
    links.objects.bulk_create(
        [links(answer=answer, choice=choice) for choice in selected], ignore_conflicts=True
    )
    Assessment.objects.filter(pk=assessment.pk).update(updated_at=timezone.now())
    return answer


def _question_scores(assessment: Assessment) -> dict[str, float | None]:
    """{question code: 0–10 or None} over the questions the respondent was shown."""
    structure = questionnaire_structure(assessment.questionnaire_id)
    answers = answers_of(assessment)
    shown = visible_question_ids(structure, answers)
    scores = {}
    for question in structure.questions:
        if question.type == scoring.CONTEXT or question.id not in shown:
            continue
        selected_ids = answers.get(question.id, [])
        selected = [structure.choice_values[c] for c in selected_ids]
        all_choices = [structure.choice_values[c] for c in structure.choices_of[question.id]]
        scores[question.code] = scoring.question_score(question.type, selected, all_choices)
    return scores


@transaction.atomic
def assessment_submit(*, assessment: Assessment) -> Assessment:
    """Score and lock the assessment; record the organisation's result if it has one."""
    assessment = _lock_draft(assessment)
    if assessment.campaign_id and not assessment.campaign.is_open:
        raise ValidationError(_("This campaign is closed: answers can no longer be submitted."))
    structure = questionnaire_structure(assessment.questionnaire_id)
    question_scores = _question_scores(assessment)
    by_dimension = scoring.dimension_scores(question_scores, structure.dimension_of)
    empty = [d for d in structure.dimensions if by_dimension.get(d.code) is None]
    if empty:
        raise ValidationError(
            _("Answer at least one question in each part before you submit. Missing: %(parts)s.")
            % {"parts": ", ".join(d.tr("title") for d in empty)}
        )
    overall = scoring.overall_score(by_dimension.values())
    submitted = {
        "status": Assessment.Status.SUBMITTED,
        "submitted_at": timezone.now(),
        "overall_score": overall,
        "level": scoring.level_for(overall).number,
        "question_scores": question_scores,
    }
    # Claim the draft: only one request may submit it.
    claimed = Assessment.objects.filter(pk=assessment.pk, status=Assessment.Status.DRAFT).update(
        **submitted
    )
    if not claimed:
        raise AssessmentLocked(_("This diagnostic was already submitted."))
    for name, value in submitted.items():
        setattr(assessment, name, value)
    DimensionScore.objects.bulk_create(
        DimensionScore(assessment=assessment, dimension=d, score=by_dimension[d.code])
        for d in structure.dimensions
    )
    if assessment.campaign_id:
        campaign_result_update(campaign=assessment.campaign)
    elif assessment.organisation_id:
        result_record(assessment=assessment, dimension_scores=by_dimension)
    return assessment


def _store_result(
    result: Result,
    dimension_rows: dict[str, tuple[float, float | None]],
    *,
    organisation: Organisation,
) -> Result:
    """Save `result` with one score row per dimension, then mark the organisation's newest
    result as its latest (the one benchmarks read). Callers hold the organisation's lock."""
    transaction.on_commit(lambda: benchmark_refresh(organisation))
    replacing = result.pk is not None  # a campaign's result, updated in place
    result.is_latest = False
    result.save()
    if replacing:
        ResultScore.objects.filter(result=result).delete()
    ResultScore.objects.bulk_create(
        ResultScore(result=result, dimension_code=code, score=score, spread=spread, is_latest=False)
        for code, (score, spread) in dimension_rows.items()
        if score is not None
    )
    organisation_id = result.organisation_id
    newest = (
        Result.objects.filter(organisation_id=organisation_id)
        .order_by("-created_at", "-pk")
        .values_list("pk", flat=True)
        .first()
    )
    Result.objects.filter(organisation_id=organisation_id, is_latest=True).exclude(
        pk=newest
    ).update(is_latest=False)
    ResultScore.objects.filter(result__organisation_id=organisation_id, is_latest=True).exclude(
        result_id=newest
    ).update(is_latest=False)
    Result.objects.filter(pk=newest).update(is_latest=True)
    ResultScore.objects.filter(result_id=newest).update(is_latest=True)
    result.is_latest = result.pk == newest
    return result


@transaction.atomic
def result_record(*, assessment: Assessment, dimension_scores: dict | None = None) -> Result:
    """A single member's submitted assessment becomes the organisation's latest result.
    `dimension_scores` ({code: score}) spares reading what the caller has just written."""
    # Serialise result writes per organisation: the "latest" flag must stay unique.
    organisation = Organisation.objects.select_for_update().get(pk=assessment.organisation_id)
    if dimension_scores is None:
        dimension_scores = {
            ds.dimension.code: ds.score
            for ds in assessment.dimension_scores.select_related("dimension")
        }
    scores = {code: (score, None) for code, score in dimension_scores.items()}
    result = Result(
        organisation_id=assessment.organisation_id,
        questionnaire_id=assessment.questionnaire_id,
        assessment=assessment,
        created_at=assessment.submitted_at,
        respondents=1,
        overall_score=assessment.overall_score,
        level=assessment.level,
        question_scores=assessment.question_scores,
    )
    return _store_result(result, scores, organisation=organisation)


@transaction.atomic
def campaign_result_update(*, campaign: Campaign) -> Result | None:
    """The campaign's result: the mean of its submitted answers, with the spread of the
    respondents' dimension scores (perception gaps), never who answered what."""
    organisation = Organisation.objects.select_for_update().get(pk=campaign.organisation_id)
    submitted = list(
        campaign.assessments.submitted().prefetch_related("dimension_scores__dimension")
    )
    if not submitted:
        return None
    structure = questionnaire_structure(campaign.questionnaire_id)
    question_scores = scoring.mean_scores([a.question_scores for a in submitted])
    by_dimension = scoring.dimension_scores(question_scores, structure.dimension_of)
    per_respondent: dict[str, list[float]] = {}
    for a in submitted:
        for ds in a.dimension_scores.all():
            per_respondent.setdefault(ds.dimension.code, []).append(ds.score)
    rows = {
        code: (
            score,
            round(max(per_respondent[code]) - min(per_respondent[code]), 1)
            if len(per_respondent.get(code, [])) > 1
            else None,
        )
        for code, score in by_dimension.items()
    }
    overall = scoring.overall_score(by_dimension.values())
    result = Result.objects.filter(campaign=campaign).first() or Result(
        organisation_id=campaign.organisation_id,
        questionnaire_id=campaign.questionnaire_id,
        campaign=campaign,
    )
    result.created_at = max(a.submitted_at for a in submitted)
    result.respondents = len(submitted)
    result.overall_score = overall
    result.level = scoring.level_for(overall).number
    result.question_scores = question_scores
    if result.pk:
        # A new respondent changed the result: its stored PDFs show the old figures.
        reports.report_invalidate(result)
    return _store_result(result, rows, organisation=organisation)


# --- access links (resume a visitor's diagnostic, answer a campaign) ---------------------
# The signed links are made and read in access.py: the reports' e-mails use them too.


def resume_link_send(*, assessment: Assessment, email: str) -> None:
    """E-mail the visitor a link to resume their diagnostic from any browser."""
    if not assessment.visitor_key:
        raise ValidationError(_("This diagnostic belongs to an account: log in to resume it."))
    context = {
        "path": reverse("diagnostic:access", kwargs={"token": access_token(assessment)}),
        "expires_days": ACCESS_MAX_AGE.days,
    }
    with transaction.atomic():  # the address and its e-mail are committed together
        Assessment.objects.filter(pk=assessment.pk).update(respondent_email=email)
        send_templated_mail(
            template="diagnostic/email/resume", to=[email], context=context, language=get_language()
        )


@transaction.atomic
def assessment_claim(
    *, assessment: Assessment, user, organisation: Organisation | None
) -> Assessment:
    """Attach a visitor's submitted diagnostic to their new account and, if they choose,
    to one of their organisations (whose latest result it then becomes)."""
    assessment = Assessment.objects.select_for_update().get(pk=assessment.pk)
    if assessment.respondent_id or assessment.organisation_id or assessment.campaign_id:
        raise ValidationError(_("These results are already attached to an account."))
    if not assessment.is_submitted:
        raise ValidationError(_("Submit the diagnostic before you keep its results."))
    if (
        organisation
        and not Membership.objects.filter(user=user, organisation=organisation).exists()
    ):
        raise ValidationError(_("You can only attach results to an organisation you belong to."))
    assessment.respondent = user
    assessment.organisation = organisation
    assessment.visitor_key = ""
    assessment.save(update_fields=["respondent", "organisation", "visitor_key", "updated_at"])
    # Reports rendered before the claim name no organisation: render them again on request.
    reports.report_invalidate_for_assessment(assessment)
    if organisation:
        result_record(assessment=assessment)
    return assessment


# --- campaigns: several respondents of one organisation ----------------------------------


def campaign_open(*, organisation: Organisation, opened_by) -> Campaign:
    """Open a campaign; its opener answers too. One open campaign per organisation."""
    questionnaire = Questionnaire.current()
    try:
        with transaction.atomic():
            campaign = Campaign.objects.create(
                organisation=organisation, questionnaire=questionnaire, opened_by=opened_by
            )
            assessment_start(campaign=campaign, respondent=opened_by)
    except IntegrityError as exc:
        raise ValidationError(
            _("A campaign is already open for this organisation: close it before opening another.")
        ) from exc
    return campaign


@transaction.atomic
def campaign_invite(
    *, campaign: Campaign, email: str, invited_by, send_email: bool = True
) -> Assessment:
    """Invite a colleague: they get their own assessment and a personal link by e-mail
    (`send_email=False`: no e-mail, for demo colleagues who answer at once)."""
    campaign = Campaign.objects.select_for_update().get(pk=campaign.pk)
    if not campaign.is_open:
        raise ValidationError(_("This campaign is closed."))
    email = email.strip()
    if campaign.assessments.filter(respondent_email__iexact=email).exists() or (
        campaign.assessments.filter(respondent__email__iexact=email).exists()
    ):
        raise ValidationError(_("%(email)s is already taking part.") % {"email": email})
    member = (
        Membership.objects.filter(organisation=campaign.organisation, user__email__iexact=email)
        .select_related("user")
        .first()
    )
    assessment = Assessment.objects.create(
        questionnaire=campaign.questionnaire,
        organisation=campaign.organisation,
        campaign=campaign,
        respondent=member.user if member else None,
        respondent_email=email,
        visitor_key=secrets.token_urlsafe(32),
    )
    if not send_email:
        return assessment
    context = {
        "organisation_name": campaign.organisation.name,
        "inviter_name": invited_by.display_name,
        "path": reverse("diagnostic:access", kwargs={"token": access_token(assessment)}),
        "expires_days": ACCESS_MAX_AGE.days,
    }
    send_templated_mail(
        template="diagnostic/email/campaign_invitation",
        to=[email],
        context=context,
        language=get_language(),
    )
    return assessment


def campaign_close(*, campaign: Campaign) -> Campaign:
    closed = Campaign.objects.filter(pk=campaign.pk, closed_at__isnull=True).update(
        closed_at=timezone.now()
    )
    if not closed:
        raise ValidationError(_("This campaign is already closed."))
    campaign.refresh_from_db()
    return campaign
