"""Writes of the diagnostic: starting, answering, submitting, and organisation results."""

import operator
import secrets
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import reduce

from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from digitalees.db import insert_rows
from digitalees.figures import figures_changed
from digitalees.mail import send_templated_mail
from network import rules as network_rules
from network import services as network_services
from network.models import Membership, Organisation

from . import scoring, selectors
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
    Structure,
    answers_of,
    benchmarks_forget,
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
    loaded = selectors.loaded_answers(assessment)
    if loaded is not None and locked.updated_at == assessment.updated_at:
        # No answer was saved since these were loaded (each save moves updated_at under
        # this lock): they are the draft's answers, no need to read them again.
        setattr(locked, selectors.ANSWERS_ATTR, loaded)
    return locked


def _chosen(structure, question: Question, choice_codes: list[str]) -> list:
    """The question's choices named by `choice_codes` (none clears the answer), or a
    ValidationError saying why they cannot be one answer."""
    codes = list(dict.fromkeys(c for c in choice_codes if c))
    if not codes:
        return []
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
    return selected


def answers_save(
    *, assessment: Assessment, choice_codes: dict[Question, list[str]]
) -> dict[int, list[int]]:
    """Record the answers to several questions at once (a part posted as a form; an empty
    list clears an answer), in a fixed number of queries. Questions whose choices are not
    a valid answer keep their previous answer; once the others are saved, a ValidationError
    keyed by question code says why. Returns the assessment's answers after the save
    ({question id: [choice ids]})."""
    structure = questionnaire_structure(assessment.questionnaire_id)
    selected: dict[Question, list] = {}
    errors: dict[str, list[str]] = {}
    for question, codes in choice_codes.items():
        if question.questionnaire_id != assessment.questionnaire_id:
            raise ValidationError(_("This question is not part of this diagnostic."))
        try:
            selected[question] = _chosen(structure, question, codes)
        except ValidationError as error:
            errors[question.code] = error.messages
    answers = (
        _answer_write_at_once(assessment=assessment, selected=selected)
        if len(selected) == 1
        else None
    )
    if answers is None:
        answers = _answers_write(assessment=assessment, selected=selected)
    if errors:
        raise ValidationError(errors)
    return answers


def answer_save(
    *, assessment: Assessment, question: Question, choice_codes: list[str]
) -> dict[int, list[int]]:
    """Record one answer (an empty list clears it). Choices must be the question's own.
    Returns the assessment's answers after the save."""
    try:
        return answers_save(assessment=assessment, choice_codes={question: choice_codes})
    except ValidationError as error:
        raise ValidationError(error.messages) from None


# One answer saved in one statement, atomic without a transaction around it (no BEGIN and
# COMMIT): it dates the draft under its row lock, only if it is still a draft and no save
# touched it since its answers were loaded (else nothing is written and the general path
# runs), records the answer, drops the choices no longer chosen and adds the new ones.
# Autosave sends one such request per answer given: this is the application's commonest
# write (3 queries a request instead of 7).
_ANSWER_AT_ONCE = """
WITH draft AS (
    UPDATE {assessment} SET updated_at = %(now)s
    WHERE id = %(assessment_id)s AND status = %(draft)s AND updated_at = %(seen)s
    RETURNING id
), answer AS (
    INSERT INTO {answer} (assessment_id, question_id, updated_at)
    SELECT id, %(question_id)s, %(now)s FROM draft
    ON CONFLICT (assessment_id, question_id) DO UPDATE SET updated_at = EXCLUDED.updated_at
    RETURNING id
), dropped AS (
    DELETE FROM {link} USING answer
    WHERE {link}.answer_id = answer.id AND NOT ({link}.choice_id = ANY(%(choices)s::bigint[]))
), added AS (
    INSERT INTO {link} (answer_id, choice_id)
    SELECT answer.id, chosen FROM answer, unnest(%(choices)s::bigint[]) AS chosen
    ON CONFLICT (answer_id, choice_id) DO NOTHING
)
SELECT count(*) FROM draft
"""


def _answer_write_at_once(
    *, assessment: Assessment, selected: dict[Question, list]
) -> dict[int, list[int]] | None:
    """Save one answer in one statement on PostgreSQL when the answers loaded with the
    assessment are still current, and return the answers; None when it wrote nothing (then
    the general path runs)."""
    [(question, choices)] = selected.items()
    known = selectors.loaded_answers(assessment)
    if not choices or known is None or connection.vendor != "postgresql":
        return None
    now = timezone.now()
    sql = _ANSWER_AT_ONCE.format(
        assessment=connection.ops.quote_name(Assessment._meta.db_table),
        answer=connection.ops.quote_name(Answer._meta.db_table),
        link=connection.ops.quote_name(Answer.choices.through._meta.db_table),
    )
    with connection.cursor() as cursor:
        cursor.execute(
            sql,
            {
                "now": now,
                "assessment_id": assessment.pk,
                "draft": Assessment.Status.DRAFT,
                "seen": assessment.updated_at,
                "question_id": question.pk,
                "choices": [c.id for c in choices],
            },
        )
        [[written]] = cursor.fetchall()
    if not written:
        return None
    assessment.updated_at = now
    answers = dict(known)
    answers[question.id] = [c.id for c in choices]
    setattr(assessment, selectors.ANSWERS_ATTR, answers)
    return answers


@transaction.atomic
def _answers_write(*, assessment: Assessment, selected: dict[Question, list]) -> dict[int, list]:
    now = timezone.now()
    # The answers the caller loaded with the assessment are still its answers if no save
    # touched it since (every save moves updated_at, under the row's lock): then one
    # conditional update locks the draft, checks it and dates it, and the links to change
    # are known without reading them. Otherwise lock it and replace the links blindly.
    known = selectors.loaded_answers(assessment)
    if known is None or not (
        Assessment.objects.filter(
            pk=assessment.pk, status=Assessment.Status.DRAFT, updated_at=assessment.updated_at
        ).update(updated_at=now)
    ):
        known = None
        _lock_draft(assessment)
        Assessment.objects.filter(pk=assessment.pk).update(updated_at=now)
    assessment.updated_at = now

    cleared = [q for q, choices in selected.items() if not choices]
    if cleared and (known is None or any(known.get(q.id) for q in cleared)):
        Answer.objects.filter(assessment=assessment, question__in=cleared).delete()
    kept = {q: choices for q, choices in selected.items() if choices}
    # One statement whether each answer is new or not (INSERT … ON CONFLICT DO UPDATE), which
    # also gives each answer's id.
    rows = Answer.objects.bulk_create(
        [Answer(assessment=assessment, question=q, updated_at=now) for q in kept],
        update_conflicts=True,
        unique_fields=["assessment", "question"],
        update_fields=["updated_at"],
    )
    links = Answer.choices.through
    drop: list[Q] = []  # links to delete
    add: list[tuple[int, int]] = []  # (answer id, choice id) to insert
    swaps: list[tuple[int, int, int]] = []  # (answer id, old choice id, new choice id)
    for answer, (question, choices) in zip(rows, kept.items(), strict=True):
        chosen = {c.id for c in choices}
        if known is None:
            drop.append(Q(answer_id=answer.pk) & ~Q(choice_id__in=chosen))
            add += [(answer.pk, c) for c in chosen]
            continue
        current = set(known.get(question.id, []))
        gone, new = current - chosen, chosen - current
        if len(gone) == 1 and len(new) == 1:
            swaps.append((answer.pk, gone.pop(), new.pop()))
            continue
        if gone:
            drop.append(Q(answer_id=answer.pk, choice_id__in=gone))
        add += [(answer.pk, c) for c in new]
    if len(swaps) == 1 and not drop and not add:
        # One choice replaced by another (a radio button changed, the commonest save): one
        # update rather than a delete and an insert.
        answer_id, old, new_choice = swaps[0]
        links.objects.filter(answer_id=answer_id, choice_id=old).update(choice_id=new_choice)
    else:
        for answer_id, old, new_choice in swaps:
            drop.append(Q(answer_id=answer_id, choice_id=old))
            add.append((answer_id, new_choice))
        if drop:
            links.objects.filter(reduce(operator.or_, drop)).delete()
        if add:
            links.objects.bulk_create(
                [links(answer_id=a, choice_id=c) for a, c in add], ignore_conflicts=True
            )

    if known is None:
        if hasattr(assessment, selectors.ANSWERS_ATTR):
            delattr(assessment, selectors.ANSWERS_ATTR)
        answers = selectors.answers_of(assessment)
    else:
        answers = dict(known)
        for question in cleared:
            answers.pop(question.id, None)
        for question, choices in kept.items():
            answers[question.id] = [c.id for c in choices]
    setattr(assessment, selectors.ANSWERS_ATTR, answers)
    return answers


# --- scoring and the rows a submission stores: one set of rules for one row or many -------


@dataclass(frozen=True)
class AssessmentScores:
    """What submitting an assessment computes from its answers (pure: no database)."""

    questions: dict[str, float | None]  # question code -> 0–10, over the questions shown
    dimensions: dict[str, float | None]  # dimension code -> 0–100
    overall: float | None
    level: int | None
    unanswered: list  # the dimensions (models) without any scored answer

    def check_complete(self) -> None:
        """A diagnostic is submitted only with at least one scored answer per part."""
        if self.unanswered:
            raise ValidationError(
                _(
                    "Answer at least one question in each part before you submit. "
                    "Missing: %(parts)s."
                )
                % {"parts": ", ".join(d.tr("title") for d in self.unanswered)}
            )


def assessment_scores(structure: Structure, answers: dict[int, list[int]]) -> AssessmentScores:
    """Scores of the answers {question id: [choice ids]}: each shown scored question 0–10,
    each dimension 0–100, the overall score and its level."""
    shown = visible_question_ids(structure, answers)
    questions: dict[str, float | None] = {}
    for question in structure.questions:
        if question.type == scoring.CONTEXT or question.id not in shown:
            continue
        selected = [structure.choice_values[c] for c in answers.get(question.id, [])]
        all_choices = [structure.choice_values[c] for c in structure.choices_of[question.id]]
        questions[question.code] = scoring.question_score(question.type, selected, all_choices)
    dimensions = scoring.dimension_scores(questions, structure.dimension_of)
    overall = scoring.overall_score(dimensions.values())
    level = scoring.level_for(overall)
    return AssessmentScores(
        questions=questions,
        dimensions=dimensions,
        overall=overall,
        level=level.number if level else None,
        unanswered=[d for d in structure.dimensions if dimensions.get(d.code) is None],
    )


def _submitted_fields(scores: AssessmentScores, submitted_at) -> dict:
    return {
        "status": Assessment.Status.SUBMITTED,
        "submitted_at": submitted_at,
        "overall_score": scores.overall,
        "level": scores.level,
        "question_scores": scores.questions,
    }


def _dimension_score_rows(assessment_id: int, structure: Structure, scores: AssessmentScores):
    return [
        {"assessment_id": assessment_id, "dimension_id": d.id, "score": scores.dimensions[d.code]}
        for d in structure.dimensions
    ]


def _claim_as_loaded(assessment: Assessment, structure: Structure) -> dict | None:
    """Submit a draft outside campaigns from the answers loaded with it, claiming it with
    one conditional update that holds only if no answer was saved since they were loaded
    (each save moves updated_at) and it is still a draft. The fields submitted, or None
    (then the locked path runs: it reads the answers again, or says why it cannot)."""
    loaded = selectors.loaded_answers(assessment)
    if loaded is None or assessment.campaign_id is not None:
        return None
    scores = assessment_scores(structure, loaded)
    if scores.unanswered:
        return None
    submitted = _submitted_fields(scores, timezone.now())
    claimed = Assessment.objects.filter(
        pk=assessment.pk, status=Assessment.Status.DRAFT, updated_at=assessment.updated_at
    ).update(**submitted)
    return {**submitted, "scores": scores} if claimed else None


@transaction.atomic
def assessment_submit(*, assessment: Assessment) -> Assessment:
    """Score and lock the assessment; record the organisation's result if it has one."""
    structure = questionnaire_structure(assessment.questionnaire_id)
    submitted = _claim_as_loaded(assessment, structure)
    if submitted is not None:
        scores = submitted.pop("scores")
    else:
        assessment = _lock_draft(assessment)
        if assessment.campaign is not None and not assessment.campaign.is_open:
            raise ValidationError(_("This campaign is closed: answers can no longer be submitted."))
        scores = assessment_scores(structure, answers_of(assessment))
        scores.check_complete()
        submitted = _submitted_fields(scores, timezone.now())
        # Claim the draft: only one request may submit it.
        claimed = Assessment.objects.filter(
            pk=assessment.pk, status=Assessment.Status.DRAFT
        ).update(**submitted)
        if not claimed:
            raise AssessmentLocked(_("This diagnostic was already submitted."))
    for name, value in submitted.items():
        setattr(assessment, name, value)
    figures_changed(selectors.DIAGNOSTIC_DATA)  # diagnostics done, and the results'
    DimensionScore.objects.bulk_create(
        DimensionScore(**row) for row in _dimension_score_rows(assessment.pk, structure, scores)
    )
    if assessment.campaign is not None:
        campaign_result_update(campaign=assessment.campaign)
    elif assessment.organisation_id:
        result_record(assessment=assessment, dimension_scores=scores.dimensions)
    return assessment


@dataclass(frozen=True)
class AssessmentRow:
    """One assessment for `assessments_create_bulk`: who answered what, and when
    (`submitted_at` None: a draft). Outside campaigns."""

    answers: dict[int, list[int]]  # question id -> [choice ids]
    organisation_id: int | None = None
    respondent_id: int | None = None
    started_at: datetime | None = None
    submitted_at: datetime | None = None


def _check_answers(structure: Structure, answers: dict[int, list[int]]) -> None:
    for question_id, choice_ids in answers.items():
        if not set(choice_ids) <= set(structure.choices_of.get(question_id, ())):
            raise ValidationError(_("This answer is not one of the question's choices."))


@transaction.atomic
def assessments_create_bulk(
    *, questionnaire_id: int, rows: Sequence[AssessmentRow], batch_size: int = 2000
) -> list[Assessment]:
    """Many assessments at once, for volumes (the demo, the bench): with their answers and,
    for those submitted, what `assessment_submit` stores (scores, dimension scores, the
    organisation's result and latest flag), computed by the same functions. Drafts stay
    drafts. A fixed number of queries per batch, whatever the number of rows."""
    structure = questionnaire_structure(questionnaire_id)
    now = timezone.now()
    figures_changed(selectors.DIAGNOSTIC_DATA)
    scored: list[AssessmentScores | None] = []
    for row in rows:
        _check_answers(structure, row.answers)
        scores = assessment_scores(structure, row.answers) if row.submitted_at else None
        if scores:
            scores.check_complete()
        scored.append(scores)
    assessments = [
        Assessment(
            questionnaire_id=questionnaire_id,
            organisation_id=row.organisation_id,
            respondent_id=row.respondent_id,
            visitor_key="" if row.respondent_id else secrets.token_urlsafe(32),
            created_at=row.started_at or row.submitted_at or now,
            **(_submitted_fields(scores, row.submitted_at) if scores else {}),
        )
        for row, scores in zip(rows, scored, strict=True)
    ]
    Assessment.objects.bulk_create(assessments, batch_size=batch_size)
    answers = [
        (a.pk, question_id, choice_ids)
        for a, row in zip(assessments, rows, strict=True)
        for question_id, choice_ids in row.answers.items()
        if choice_ids
    ]
    answer_ids = insert_rows(
        Answer,
        [{"assessment_id": a, "question_id": q, "updated_at": now} for a, q, _c in answers],
        batch_size=batch_size,
    )
    insert_rows(
        Answer.choices.through,
        [
            {"answer_id": answer_id, "choice_id": choice_id}
            for answer_id, (_a, _q, choice_ids) in zip(answer_ids, answers, strict=True)
            for choice_id in dict.fromkeys(choice_ids)
        ],
        batch_size=batch_size,
    )
    submitted = [(a, s) for a, s in zip(assessments, scored, strict=True) if s]
    insert_rows(
        DimensionScore,
        [row for a, s in submitted for row in _dimension_score_rows(a.pk, structure, s)],
        batch_size=batch_size,
    )
    # auto_now stamped them with today; a year-old diagnostic was last saved a year ago.
    for start in range(0, len(submitted), batch_size):
        ids = [a.pk for a, _s in submitted[start : start + batch_size]]
        Assessment.objects.filter(pk__in=ids).update(updated_at=F("submitted_at"))
    results_record_bulk(
        assessments=[a for a, _s in submitted if a.organisation_id],
        dimension_scores=[s.dimensions for a, s in submitted if a.organisation_id],
        batch_size=batch_size,
    )
    return assessments


def _result_of(assessment: Assessment) -> Result:
    """The organisation's result that one member's submitted assessment makes."""
    organisation_id, submitted_at = assessment.organisation_id, assessment.submitted_at
    overall, level = assessment.overall_score, assessment.level
    if organisation_id is None or submitted_at is None or overall is None or level is None:
        raise ValueError("Only an organisation's submitted assessment makes its result.")
    return Result(
        organisation_id=organisation_id,
        questionnaire_id=assessment.questionnaire_id,
        assessment=assessment,
        created_at=submitted_at,
        respondents=1,
        overall_score=overall,
        level=level,
        question_scores=assessment.question_scores,
        is_latest=False,  # results_latest_mark decides
    )


def _result_score_rows(
    result: Result, rows: Mapping[str, tuple[float | None, float | None]], *, is_latest=False
):
    """{dimension code: (score, spread)} as ResultScore rows; a dimension without a score
    has none. Not the latest until results_latest_mark (or _takes_latest) says so."""
    return [
        {
            "result_id": result.pk,
            "dimension_code": code,
            "score": score,
            "spread": spread,
            "is_latest": is_latest,
        }
        for code, (score, spread) in rows.items()
        if score is not None
    ]


def results_latest_mark(*, organisation_ids: Iterable[int], batch_size: int = 2000) -> set[int]:
    """Mark each organisation's newest result (newest by date, then by id), and its scores,
    as its latest: the one benchmarks read. The ids of the latest results.
    Callers hold the organisations' locks or write them alone (bulk)."""
    organisation_ids = sorted(set(organisation_ids))
    latest_ids: set[int] = set()
    for start in range(0, len(organisation_ids), batch_size):
        chunk = organisation_ids[start : start + batch_size]
        newest: dict[int, int] = {}
        rows = (
            Result.objects.filter(organisation_id__in=chunk)
            .order_by("organisation_id", "-created_at", "-pk")
            .values_list("organisation_id", "pk")
        )
        for organisation_id, pk in rows:
            newest.setdefault(organisation_id, pk)
        latest = list(newest.values())
        # Unmark before marking: at most one latest result per organisation (a constraint).
        Result.objects.filter(organisation_id__in=chunk, is_latest=True).exclude(
            pk__in=latest
        ).update(is_latest=False)
        ResultScore.objects.filter(result__organisation_id__in=chunk, is_latest=True).exclude(
            result_id__in=latest
        ).update(is_latest=False)
        Result.objects.filter(pk__in=latest, is_latest=False).update(is_latest=True)
        ResultScore.objects.filter(result_id__in=latest, is_latest=False).update(is_latest=True)
        latest_ids.update(latest)
    return latest_ids


def _store_result(
    result: Result,
    dimension_rows: Mapping[str, tuple[float | None, float | None]],
    *,
    organisation: Organisation,
) -> Result:
    """Save `result` with one score row per dimension, then mark the organisation's newest
    result as its latest. Callers hold the organisation's lock."""
    transaction.on_commit(lambda: benchmarks_forget([organisation]))
    figures_changed(selectors.DIAGNOSTIC_DATA)
    _stamp_profile(result, organisation)
    replacing = result.pk is not None  # a campaign's result, updated in place
    result.is_latest = not replacing and _takes_latest(result)
    result.save()
    if replacing:
        ResultScore.objects.filter(result=result).delete()
    ResultScore.objects.bulk_create(
        ResultScore(**row)
        for row in _result_score_rows(result, dimension_rows, is_latest=result.is_latest)
    )
    if not result.is_latest:
        latest = results_latest_mark(organisation_ids=[result.organisation_id])
        result.is_latest = result.pk in latest
    return result


def _stamp_profile(result: Result, organisation: Organisation) -> None:
    """The organisation's profile as the result is recorded: the peer group of its
    benchmark, whatever the organisation's profile becomes later."""
    result.sector = organisation.sector
    result.size_band = organisation.size_band
    result.province = organisation.province


def _takes_latest(result: Result) -> bool:
    """Whether a new result, not saved yet, is its organisation's newest (by date, a tie
    going to the newer row, as results_latest_mark orders them): then the current latest
    and its scores are unmarked here (one latest per organisation, a constraint) and the new
    rows are written marked, two statements fewer than marking after the write. False (an
    older result, a visitor's kept one): results_latest_mark decides once it is written."""
    current = (
        Result.objects.filter(organisation_id=result.organisation_id, is_latest=True)
        .values_list("pk", "created_at")
        .first()
    )
    if current is not None:
        pk, created_at = current
        if created_at > result.created_at:
            return False
        Result.objects.filter(pk=pk).update(is_latest=False)
        ResultScore.objects.filter(result_id=pk).update(is_latest=False)
    return True


# Nested in a submission: part of its transaction, no savepoint of its own.
@transaction.atomic(savepoint=False)
def result_record(*, assessment: Assessment, dimension_scores: dict | None = None) -> Result:
    """A single member's submitted assessment becomes the organisation's latest result.
    `dimension_scores` ({code: score}) spares reading what the caller has just written."""
    if assessment.organisation_id is None or not assessment.is_submitted:
        raise ValueError("Only an organisation's submitted assessment makes its result.")
    # Serialise result writes per organisation: the "latest" flag must stay unique.
    organisation = Organisation.objects.select_for_update().get(pk=assessment.organisation_id)
    if dimension_scores is None:
        dimension_scores = {
            ds.dimension.code: ds.score
            for ds in assessment.dimension_scores.select_related("dimension")
        }
    scores = {code: (score, None) for code, score in dimension_scores.items()}
    return _store_result(_result_of(assessment), scores, organisation=organisation)


@transaction.atomic
def results_record_bulk(
    *,
    assessments: Sequence[Assessment],
    dimension_scores: Sequence[dict[str, float | None]],
    batch_size: int = 2000,
) -> list[Result]:
    """What `result_record` does for each of many submitted assessments (outside campaigns),
    `dimension_scores` ({code: score}) in the same order: results, their scores, each
    organisation's latest marked once at the end. The cached benchmarks of their groups
    are forgotten once this commits (computed again on their next reading)."""
    if not assessments:
        return []
    # The organisations' locks, as result_record takes one: the latest flag stays unique.
    organisations = list(
        Organisation.objects.select_for_update()
        .filter(pk__in={a.organisation_id for a in assessments})
        .order_by("pk")
        .only("sector", "size_band", "province")
    )
    results = [_result_of(a) for a in assessments]
    by_id = {o.pk: o for o in organisations}
    for result in results:
        _stamp_profile(result, by_id[result.organisation_id])
    Result.objects.bulk_create(results, batch_size=batch_size)
    insert_rows(
        ResultScore,
        [
            row
            for result, by_dimension in zip(results, dimension_scores, strict=True)
            for row in _result_score_rows(
                result, {code: (score, None) for code, score in by_dimension.items()}
            )
        ],
        batch_size=batch_size,
    )
    latest = results_latest_mark(
        organisation_ids=[o.pk for o in organisations], batch_size=batch_size
    )
    for result in results:
        result.is_latest = result.pk in latest
    transaction.on_commit(lambda: benchmarks_forget(organisations))
    return results


# Nested in a submission: part of its transaction, no savepoint of its own.
@transaction.atomic(savepoint=False)
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
        code: (score, scoring.spread(per_respondent.get(code, [])))
        for code, score in by_dimension.items()
    }
    overall = scoring.overall_score(by_dimension.values())
    level = scoring.level_for(overall)
    assert overall is not None and level is not None  # each respondent scored every part
    result = Result.objects.filter(campaign=campaign).first() or Result(
        organisation_id=campaign.organisation_id,
        questionnaire_id=campaign.questionnaire_id,
        campaign=campaign,
    )
    result.created_at = max(a.submitted_at for a in submitted)
    result.respondents = len(submitted)
    result.overall_score = overall
    result.level = level.number
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
    if organisation and not network_rules.is_member(user, organisation):
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


@transaction.atomic
def assessment_attach(*, assessment: Assessment, user, organisation: Organisation) -> Assessment:
    """Attach results their owner kept for themselves to one of the owner's organisations:
    they then count in its history and, if newest, become its latest result, as a visitor's
    results claimed for it would."""
    assessment = Assessment.objects.select_for_update().get(pk=assessment.pk)
    if assessment.respondent_id != user.pk:
        raise ValidationError(_("Only the person who answered can attach these results."))
    if assessment.organisation_id or assessment.campaign_id:
        raise ValidationError(_("These results are already attached to an organisation."))
    if not assessment.is_submitted:
        raise ValidationError(_("Submit the diagnostic before you attach its results."))
    if not network_rules.is_member(user, organisation):
        raise ValidationError(_("You can only attach results to an organisation you belong to."))
    assessment.organisation = organisation
    assessment.save(update_fields=["organisation", "updated_at"])
    # Reports rendered before name no organisation: render them again on request.
    reports.report_invalidate_for_assessment(assessment)
    result_record(assessment=assessment)
    return assessment


def draft_delete(*, assessment: Assessment) -> None:
    """Delete a draft and its answers. Submitted diagnostics and campaign drafts stay (a
    campaign counts its respondents); a stale request raises ValidationError, changing
    nothing."""
    if assessment.campaign_id is not None:
        raise ValidationError(
            _("A campaign's diagnostic cannot be deleted: the campaign counts you as taking part.")
        )
    deleted, _rows = Assessment.objects.filter(
        pk=assessment.pk, status=Assessment.Status.DRAFT, campaign=None
    ).delete()
    if not deleted:
        raise ValidationError(_("This diagnostic was submitted: its results are kept."))


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


# Each campaign invitation e-mails an address someone typed: enough for a whole team, not
# enough to turn the platform into a mass mailer.
CAMPAIGN_INVITATIONS_PER_USER_PER_HOUR = 30
CAMPAIGN_INVITATIONS_PER_ORGANISATION_PER_DAY = 100


def _check_campaign_invitation_limits(*, campaign: Campaign, invited_by) -> None:
    """ValidationError once this user or this organisation has sent its share. Counted on
    the rows, not the cache, so that the limit holds with Redis down; the caller holds the
    campaign's lock, so concurrent invitations cannot slip past."""
    now = timezone.now()
    network_services.sending_limits_check(
        sent_by_user=Assessment.objects.filter(
            invited_by=invited_by, created_at__gte=now - timedelta(hours=1)
        ).count(),
        per_user_per_hour=CAMPAIGN_INVITATIONS_PER_USER_PER_HOUR,
        sent_for_organisation=Assessment.objects.filter(
            organisation_id=campaign.organisation_id,
            invited_by__isnull=False,
            created_at__gte=now - timedelta(days=1),
        ).count(),
        per_organisation_per_day=CAMPAIGN_INVITATIONS_PER_ORGANISATION_PER_DAY,
        organisation_message=_(
            "%(count)s invitations to this organisation's campaigns were sent in the last "
            "24 hours, the most allowed: try again tomorrow."
        ),
    )


@transaction.atomic
def campaign_invite(*, campaign: Campaign, email: str, invited_by) -> Assessment:
    """Invite a colleague: they get their own assessment and a personal link by e-mail."""
    campaign = Campaign.objects.select_for_update().get(pk=campaign.pk)
    _check_campaign_invitation_limits(campaign=campaign, invited_by=invited_by)
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
        invited_by=invited_by,
    )
    context = {
        "organisation_name": campaign.organisation.name,
        "inviter_name": invited_by.display_name,
        "minutes": selectors.questionnaire_facts(campaign.questionnaire_id).minutes,
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
