"""Queries of the answering path, counted as `make bench` counts them: every statement the
request sends, on the database the tests run on (PostgreSQL in CI, as the bench). Inside
the test's transaction a service's transaction is a savepoint and its release, as many
statements as the BEGIN and COMMIT the bench counts."""

import random

import pytest
from django.conf import settings
from django.db import connection
from django.urls import reverse

from bench import diagnostic as bench_diagnostic
from diagnostic import demo, services
from diagnostic.models import Answer, Assessment, Questionnaire
from diagnostic.selectors import answers_of, questionnaire_structure, with_answers
from tests.diagnostic.conftest import answer_everything
from tests.factories import MembershipFactory

pytestmark = pytest.mark.django_db

# Counted where the bench counts: PostgreSQL (one answer is one statement there) with the
# sessions read from the cache, as in production; on the development default (SQLite, the
# session read from the database on each request) the counts are not the bench's.
AS_THE_BENCH = connection.vendor == "postgresql" and settings.SESSION_ENGINE.endswith("cached_db")
as_the_bench = pytest.mark.skipif(
    not AS_THE_BENCH, reason="counted on PostgreSQL with cached sessions (DATABASE_URL, REDIS_URL)"
)
# The bench's target (bench_diagnostic.FLOW_MAX_QUERIES, 150). Counted here: the 38 answers
# shown at 3 each (the account with its role groups, the draft with its answers, the
# write), the 8 parts and the review at 2, the submission's (its transaction a savepoint
# here, two statements the bench does not see; an organisation with no result yet, two
# fewer than one whose latest result it replaces) and the results' 6 (the peer benchmark and
# the resources not cached yet): 148 today.
FLOW_QUERIES = bench_diagnostic.FLOW_MAX_QUERIES


@pytest.fixture
def setting_out(client):
    """(client of a member, their draft, the questionnaire's structure, a full set of
    answers {question id: [choice ids]})."""
    questionnaire = Questionnaire.current()
    structure = questionnaire_structure(questionnaire.id)
    membership = MembershipFactory(role="admin")
    client.force_login(membership.user)
    draft = services.assessment_start(
        questionnaire=questionnaire,
        respondent=membership.user,
        organisation=membership.organisation,
    )
    profile = demo.profile_for(structure, random.Random(7), size_band="", sector="")
    return client, draft, structure, demo.answers_for(structure, profile)


def _chosen(assessment, question):
    answer = Answer.objects.filter(assessment=assessment, question=question).first()
    return sorted(c.code for c in answer.choices.all()) if answer else []


def _scale_question(structure):
    return next(q for q in structure.questions if q.type == "scale")


@as_the_bench
def test_saving_an_answer_new_or_changed_takes_five_queries_at_most(
    setting_out, django_assert_max_num_queries
):
    client, draft, structure, _answers = setting_out
    question = _scale_question(structure)
    url = reverse("diagnostic:answer", kwargs={"uuid": draft.uuid, "code": question.code})

    def send(value):
        response = client.post(url, {question.code: value}, HTTP_HX_REQUEST="true")
        assert response.status_code == 200
        return response

    client.get(bench_diagnostic.part_url(draft, 1))  # the page the answers are given on
    with django_assert_max_num_queries(bench_diagnostic.ANSWER_MAX_QUERIES):
        send("1")
    assert _chosen(draft, question) == ["1"]
    with django_assert_max_num_queries(bench_diagnostic.ANSWER_MAX_QUERIES):
        response = send("3")
    assert _chosen(draft, question) == ["3"]
    assert 'value="3" checked' in response.content.decode()
    assert 'value="1" checked' not in response.content.decode()


@as_the_bench
def test_a_part_posted_as_a_form_takes_ten_queries_at_most(
    setting_out, django_assert_max_num_queries
):
    client, draft, structure, answers = setting_out
    first, second = structure.dimensions[:2]
    url = bench_diagnostic.part_url(draft, 1)
    data = bench_diagnostic.part_data(structure, first, answers)
    client.get(url)
    with django_assert_max_num_queries(bench_diagnostic.PART_FORM_MAX_QUERIES):
        response = client.post(url, data)
    assert response["Location"] == bench_diagnostic.part_url(draft, second.position)
    saved = answers_of(Assessment.objects.get(pk=draft.pk))
    assert {q: sorted(c) for q, c in saved.items()} == {
        q.id: sorted(answers[q.id]) for q in structure.questions_of[first.id] if q.id in answers
    }
    # Posted again with other answers: changed, in as many queries.
    other = {q.code: [] for q in structure.questions_of[first.id]}
    question = _scale_question(structure)
    other[question.code] = ["4" if data[question.code] != ["4"] else "1"]
    with django_assert_max_num_queries(bench_diagnostic.PART_FORM_MAX_QUERIES):
        client.post(url, other)
    assert _chosen(draft, question) == other[question.code]
    assert Answer.objects.filter(assessment=draft).count() == 1


@as_the_bench
def test_the_whole_questionnaire_with_autosave_keeps_its_queries(
    setting_out, django_assert_max_num_queries
):
    client, draft, structure, answers = setting_out
    with django_assert_max_num_queries(FLOW_QUERIES):
        bench_diagnostic.autosave_flow(client, draft, structure, answers)
    draft.refresh_from_db()
    assert draft.is_submitted
    assert {q: sorted(c) for q, c in answers_of(draft).items()} == {
        q: sorted(c) for q, c in answers.items()
    }


def test_the_whole_questionnaire_as_a_form_gives_the_same_answers(setting_out):
    client, draft, structure, answers = setting_out
    bench_diagnostic.form_flow(client, draft, structure, answers)
    draft.refresh_from_db()
    assert draft.is_submitted
    assert {q: sorted(c) for q, c in answers_of(draft).items()} == {
        q: sorted(c) for q, c in answers.items()
    }


def test_answers_loaded_before_another_tab_saved_are_not_trusted(setting_out):
    """Two tabs: the first loaded the draft's answers, the second saves meanwhile; the first's
    next save starts from the answers as they are now, and returns them (the page shows
    them and decides from them which questions show)."""
    _client, draft, structure, _answers = setting_out
    question, other = [q for q in structure.questions if q.type == "scale"][:2]
    services.answer_save(assessment=draft, question=question, choice_codes=["1"])
    first_tab = with_answers().get(pk=draft.pk)
    second_tab = with_answers().get(pk=draft.pk)
    services.answer_save(assessment=second_tab, question=question, choice_codes=["2"])
    services.answer_save(assessment=second_tab, question=other, choice_codes=["3"])
    answers = services.answer_save(assessment=first_tab, question=question, choice_codes=["4"])
    assert _chosen(draft, question) == ["4"]
    assert answers == answers_of(Assessment.objects.get(pk=draft.pk))
    # A part saved from a stale tab, too.
    services.answer_save(assessment=second_tab, question=other, choice_codes=["1"])
    answers = services.answers_save(
        assessment=first_tab, choice_codes={question: ["0"], other: ["1"]}
    )
    assert _chosen(draft, question) == ["0"]
    assert answers == answers_of(Assessment.objects.get(pk=draft.pk))


def test_a_draft_submitted_meanwhile_takes_no_more_answers(setting_out):
    _client, draft, structure, _answers = setting_out
    question, other = [q for q in structure.questions if q.type == "scale"][:2]
    answer_everything(draft)
    before = {q: _chosen(draft, q) for q in (question, other)}
    # Loaded with its answers just before another tab submits it.
    stale = with_answers().get(pk=draft.pk)
    services.assessment_submit(assessment=Assessment.objects.get(pk=draft.pk))
    with pytest.raises(services.AssessmentLocked):
        services.answer_save(assessment=stale, question=question, choice_codes=["0"])
    with pytest.raises(services.AssessmentLocked):
        services.answers_save(assessment=stale, choice_codes={question: ["0"], other: ["0"]})
    assert {q: _chosen(draft, q) for q in (question, other)} == before


def test_submitting_from_a_stale_tab_scores_the_answers_as_they_are(setting_out):
    _client, draft, structure, _answers = setting_out
    question = _scale_question(structure)
    answer_everything(draft, rank=0)
    stale = with_answers().get(pk=draft.pk)
    services.answer_save(
        assessment=Assessment.objects.get(pk=draft.pk), question=question, choice_codes=["4"]
    )
    submitted = services.assessment_submit(assessment=stale)
    assert submitted.question_scores[question.code] == 10
