"""The bulk writer (`services.assessments_create_bulk`, used by the demo and the bench) and
the one-row path (`answer_save` then `assessment_submit`) store the same rows for the same
answers: scores, dimension scores, results and the latest flag come from the same functions."""

import random
from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db.models import F
from django.utils import timezone, translation

from diagnostic import demo, services
from diagnostic.models import Answer, Assessment, DimensionScore, Result, ResultScore
from diagnostic.selectors import PeerProfile, benchmark_for, questionnaire_structure
from network.models import Organisation
from tests.factories import MembershipFactory

pytestmark = pytest.mark.django_db


def _stored(assessment: Assessment) -> dict:
    """Everything submitting stores about an assessment, in comparable form."""
    assessment.refresh_from_db()
    result = Result.objects.filter(assessment=assessment).first()
    return {
        "status": assessment.status,
        "visitor_key": assessment.visitor_key,
        "overall_score": assessment.overall_score,
        "level": assessment.level,
        "question_scores": assessment.question_scores,
        "answers": {
            a.question.code: sorted(c.code for c in a.choices.all())
            for a in Answer.objects.filter(assessment=assessment).prefetch_related("choices")
        },
        "dimension_scores": {
            ds.dimension.code: ds.score
            for ds in DimensionScore.objects.filter(assessment=assessment).select_related(
                "dimension"
            )
        },
        "result": result
        and {
            "created_at": result.created_at == assessment.submitted_at,
            "respondents": result.respondents,
            "overall_score": result.overall_score,
            "level": result.level,
            "question_scores": result.question_scores,
            "is_latest": result.is_latest,
            # The peer group recorded with the result: the organisation's profile then.
            "profile": (result.sector, result.size_band, result.province),
            "scores": {
                s.dimension_code: (s.score, s.spread, s.is_latest) for s in result.scores.all()
            },
        },
    }


def _answers(structure, seed, **kwargs):
    rng = random.Random(seed)
    profile = demo.profile_for(
        structure, rng, size_band=rng.choice(list(demo.SIZE_BOOST)), sector="social_health"
    )
    return demo.answers_for(structure, profile, progress=rng.uniform(-0.2, 0.2), **kwargs)


def _submit_one(structure, questionnaire, membership, answers) -> Assessment:
    by_id = {q.id: q for q in structure.questions}
    assessment = services.assessment_start(
        questionnaire=questionnaire,
        respondent=membership.user,
        organisation=membership.organisation,
    )
    for question_id, choice_ids in answers.items():
        services.answer_save(
            assessment=assessment,
            question=by_id[question_id],
            choice_codes=[structure.choices[c].code for c in choice_ids],
        )
    return services.assessment_submit(assessment=assessment)


def _row(membership, answers, *, days_ago=0.0, **kwargs) -> services.AssessmentRow:
    submitted = timezone.now() - timedelta(days=days_ago)
    return services.AssessmentRow(
        answers,
        membership.organisation_id,
        membership.user_id,
        started_at=submitted - timedelta(hours=1),
        submitted_at=submitted,
        **kwargs,
    )


@pytest.mark.parametrize("seed", range(6))
def test_bulk_rows_are_what_the_one_row_path_stores(questionnaire, seed):
    structure = questionnaire_structure(questionnaire.id)
    answers = _answers(structure, seed)

    one = _submit_one(structure, questionnaire, MembershipFactory(role="admin"), answers)
    [bulk] = services.assessments_create_bulk(
        questionnaire_id=questionnaire.id, rows=[_row(MembershipFactory(role="admin"), answers)]
    )

    assert _stored(bulk) == _stored(one)
    assert _stored(bulk)["result"]["is_latest"] is True
    assert len(_stored(bulk)["result"]["scores"]) == len(structure.dimensions)


def test_bulk_results_take_their_place_among_existing_ones(questionnaire):
    """An older result written in bulk stays behind the organisation's latest; a newer one
    becomes the latest, with its scores, as with the service."""
    structure = questionnaire_structure(questionnaire.id)
    membership = MembershipFactory(role="admin")
    answers = _answers(structure, 1)

    def write(days_ago):
        rows = [_row(membership, answers, days_ago=days_ago)]
        return services.assessments_create_bulk(questionnaire_id=questionnaire.id, rows=rows)[
            0
        ].result

    current = write(10)
    older = write(300)
    newer = write(1)
    for result in (current, older, newer):
        result.refresh_from_db()
    assert (older.is_latest, current.is_latest, newer.is_latest) == (False, False, True)
    assert set(ResultScore.objects.filter(is_latest=True).values_list("result", flat=True)) == {
        newer.pk
    }


def test_both_paths_mark_one_latest_result_between_them(questionnaire):
    """A member submits after a bulk write: their result becomes the latest; a bulk write of
    an older diagnostic afterwards leaves it the latest."""
    structure = questionnaire_structure(questionnaire.id)
    membership = MembershipFactory(role="admin")
    answers = _answers(structure, 2)
    services.assessments_create_bulk(
        questionnaire_id=questionnaire.id, rows=[_row(membership, answers, days_ago=30)]
    )
    one = _submit_one(structure, questionnaire, membership, answers)
    services.assessments_create_bulk(
        questionnaire_id=questionnaire.id, rows=[_row(membership, answers, days_ago=60)]
    )

    latest = Result.objects.get(organisation=membership.organisation, is_latest=True)
    assert latest.assessment == one
    assert Result.objects.filter(organisation=membership.organisation).count() == 3
    assert not ResultScore.objects.exclude(is_latest=F("result__is_latest")).exists()


def test_bulk_refuses_what_submitting_refuses_and_writes_nothing(questionnaire):
    structure = questionnaire_structure(questionnaire.id)
    membership = MembershipFactory(role="admin")
    first_part = {q.id for q in structure.questions_of[structure.dimensions[0].id]}
    incomplete = {q: c for q, c in _answers(structure, 3).items() if q not in first_part}
    complete = _answers(structure, 4)

    with translation.override("en"), pytest.raises(ValidationError) as error:
        services.assessments_create_bulk(
            questionnaire_id=questionnaire.id,
            rows=[_row(membership, complete), _row(membership, incomplete)],
        )
    assert "Answer at least one question in each part" in str(error.value)
    assert structure.dimensions[0].title_en in str(error.value)
    foreign_choice = structure.choices_of[structure.questions[1].id][0]
    wrong = {**complete, structure.questions[0].id: [foreign_choice]}
    with translation.override("en"), pytest.raises(ValidationError, match="question's choices"):
        services.assessments_create_bulk(
            questionnaire_id=questionnaire.id, rows=[_row(membership, wrong)]
        )
    assert not Assessment.objects.exists()


def test_drafts_written_in_bulk_stay_drafts(questionnaire):
    structure = questionnaire_structure(questionnaire.id)
    membership = MembershipFactory(role="admin")
    answers = _answers(structure, 5)
    [draft] = services.assessments_create_bulk(
        questionnaire_id=questionnaire.id,
        rows=[services.AssessmentRow(answers, membership.organisation_id, membership.user_id)],
    )
    draft.refresh_from_db()
    assert draft.status == Assessment.Status.DRAFT and draft.overall_score is None
    assert not Result.objects.exists() and not DimensionScore.objects.exists()
    assert Answer.objects.filter(assessment=draft).count() == len(answers)
    # …and a member can go on answering and submit it through the one-row path.
    services.assessment_submit(assessment=draft)
    assert Result.objects.get(assessment=draft).is_latest


def test_a_bulk_write_leaves_no_stale_benchmark(questionnaire, django_capture_on_commit_callbacks):
    """The peer group's quartiles read before a bulk write are not served after it."""
    structure = questionnaire_structure(questionnaire.id)
    group = {"sector": "food", "size_band": "5-9", "province": "NA", "postcode": "5000"}
    memberships = [MembershipFactory(role="admin", organisation__name=f"O{i}") for i in range(6)]
    Organisation.objects.filter(pk__in=[m.organisation_id for m in memberships]).update(**group)
    organisation = Organisation.objects.get(pk=memberships[0].organisation_id)
    outsider = PeerProfile(**{k: v for k, v in group.items() if k != "postcode"})
    assert benchmark_for(outsider).count == 0  # read (and cached) before the write

    with django_capture_on_commit_callbacks(execute=True):
        results = services.assessments_create_bulk(
            questionnaire_id=questionnaire.id,
            rows=[_row(m, _answers(structure, 10 + i)) for i, m in enumerate(memberships)],
        )
    benchmark = benchmark_for(outsider)
    assert benchmark.count == 6 and benchmark.overall is not None
    # A member of the group is compared with the five others, as the one-row path stores it.
    first = Result.objects.get(assessment=results[0])
    assert (first.sector, first.size_band, first.province) == ("food", "5-9", "NA")
    own = benchmark_for(PeerProfile.of_result(first))
    assert (own.scope, own.count) == ("exact", 5)
    assert own == benchmark_for(PeerProfile.of_organisation(organisation))
