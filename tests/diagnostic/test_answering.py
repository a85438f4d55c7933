import re

import pytest
from django.urls import reverse

from diagnostic.models import Answer, Assessment, Question, Result
from diagnostic.services import assessment_submit
from network.models import Resource
from tests.diagnostic.conftest import answer_everything
from tests.factories import CoachAssignmentFactory, MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db


def _start(client, **data):
    response = client.post(reverse("diagnostic:start"), data)
    assert response.status_code == 302
    uuid = re.search(r"/diagnostic/([0-9a-f-]+)/part/1/", response.url).group(1)
    return Assessment.objects.get(uuid=uuid), response.url


def test_a_visitor_starts_and_sees_the_first_part(client, questionnaire):
    assessment, url = _start(client)
    assert assessment.respondent is None and assessment.visitor_key
    response = client.get(url)
    assert response.status_code == 200
    first = questionnaire.dimensions.get(position=1)
    assert first.title_fr in response.content.decode()
    assert 'type="radio"' in response.content.decode()


def test_htmx_saves_one_answer_and_returns_the_questions(client, questionnaire):
    assessment, _url = _start(client)
    question = Question.objects.filter(questionnaire=questionnaire, type="scale").first()
    response = client.post(
        reverse("diagnostic:answer", kwargs={"uuid": assessment.uuid, "code": question.code}),
        {question.code: "3"},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200
    answer = Answer.objects.get(assessment=assessment, question=question)
    assert [c.code for c in answer.choices.all()] == ["3"]
    content = response.content.decode()
    assert 'id="questions"' in content and 'hx-swap-oob="true"' in content
    assert 'value="3" checked' in content


def test_a_checklist_answer_changes_then_clears(
    client, questionnaire, django_assert_max_num_queries
):
    assessment, _url = _start(client)
    question = Question.objects.get(questionnaire=questionnaire, code="security.measures")
    url = reverse("diagnostic:answer", kwargs={"uuid": assessment.uuid, "code": question.code})

    def chosen():
        answer = Answer.objects.filter(assessment=assessment, question=question).first()
        return sorted(c.code for c in answer.choices.all()) if answer else None

    def send(*codes):
        return client.post(url, {question.code: list(codes)}, HTTP_HX_REQUEST="true")

    send("antivirus", "two_factor")
    assert chosen() == ["antivirus", "two_factor"]
    # Session, account, assessment, its lock, the answer, its choices (drop, add), the
    # assessment's date and the page's answers: the same count at every answer.
    with django_assert_max_num_queries(11):
        send("two_factor", "device_lock")
    assert chosen() == ["device_lock", "two_factor"]
    # "None of these" cannot be combined: refused, the previous answer stays.
    client.cookies["django_language"] = "en"
    refused = send("none", "antivirus")
    assert "cannot be combined with other choices" in refused.content.decode()
    assert chosen() == ["device_lock", "two_factor"]
    send("none")
    assert chosen() == ["none"]
    send()  # everything unticked: no answer any more
    assert chosen() is None


def test_plain_form_saves_the_page_and_moves_on(client, questionnaire):
    assessment, url = _start(client)
    questions = Question.objects.filter(dimension__position=1, questionnaire=questionnaire)
    data = {"nav": "next"}
    for q in questions:
        data[q.code] = q.choices.order_by("position").first().code
    response = client.post(url, data)
    assert response.status_code == 302
    assert response.url.endswith("/part/2/")
    assert Answer.objects.filter(assessment=assessment).count() == questions.count()
    # Back keeps the answers.
    page = client.get(url).content.decode()
    first = questions.first().choices.order_by("position").first()
    assert f'id="c-{first.pk}" value="{first.code}" checked' in page


def test_conditional_questions_follow_the_answer(client, questionnaire):
    website = Question.objects.get(questionnaire=questionnaire, code="communication.website")
    dependants = list(website.dependants.all())
    assert dependants
    assessment, _url = _start(client)
    page_url = reverse(
        "diagnostic:dimension",
        kwargs={"uuid": assessment.uuid, "position": website.dimension.position},
    )
    page = client.get(page_url).content.decode()
    assert f'id="q-{dependants[0].code}"' not in page
    response = client.post(
        reverse("diagnostic:answer", kwargs={"uuid": assessment.uuid, "code": website.code}),
        {website.code: "yes"},
        HTTP_HX_REQUEST="true",
    )
    assert f'id="q-{dependants[0].code}"' in response.content.decode()


@pytest.mark.parametrize(
    "case",
    ["choice_of_another_question", "unknown_choice", "two_choices_for_a_scale", "other_version"],
)
def test_bad_answers_are_refused_and_change_nothing(client, questionnaire, case):
    assessment, _url = _start(client)
    scale = Question.objects.filter(questionnaire=questionnaire, type="scale").first()
    other = Question.objects.filter(questionnaire=questionnaire, type="yesno").first()
    code, values, status = scale.code, ["2"], 200
    if case == "choice_of_another_question":
        values = ["yes"]  # a yes/partly/no code sent to a 0-4 scale question
    elif case == "unknown_choice":
        values = ["9"]
    elif case == "two_choices_for_a_scale":
        values = ["1", "2"]
    elif case == "other_version":
        code, status = "strategy.no_such_question_in_this_version", 404
    client.cookies["django_language"] = "en"
    response = client.post(
        reverse("diagnostic:answer", kwargs={"uuid": assessment.uuid, "code": code}),
        {code: values},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == status
    if status == 200:
        assert 'role="alert"' in response.content.decode()
    assert not Answer.objects.filter(assessment=assessment).exists()
    assert other  # the questionnaire has both types


def test_someone_elses_assessment_is_404(client, questionnaire):
    assessment, url = _start(client)
    stranger = client.__class__()
    assert stranger.get(url).status_code == 404
    stranger.force_login(UserFactory())
    assert stranger.get(url).status_code == 404
    assert (
        stranger.get(reverse("diagnostic:results", kwargs={"uuid": assessment.uuid})).status_code
        == 404
    )


def test_review_lists_unanswered_and_submit_locks(client, questionnaire):
    assessment, _url = _start(client)
    review = reverse("diagnostic:review", kwargs={"uuid": assessment.uuid})
    client.cookies["django_language"] = "en"
    response = client.post(review)
    assert response.status_code == 400
    assert "Answer at least one question in each part" in response.content.decode()
    assessment.refresh_from_db()
    assert assessment.status == "draft"

    answer_everything(assessment, rank=2)
    page = client.get(review).content.decode()
    assert "Not answered" not in page
    response = client.post(review)
    assert response.status_code == 302
    assessment.refresh_from_db()
    assert assessment.is_submitted and assessment.overall_score is not None
    assert assessment.dimension_scores.count() == 8

    # Locked: a second submit and later answers change nothing.
    score = assessment.overall_score
    assert client.post(review).status_code == 302
    question = Question.objects.filter(questionnaire=questionnaire, type="scale").first()
    response = client.post(
        reverse("diagnostic:answer", kwargs={"uuid": assessment.uuid, "code": question.code}),
        {question.code: "0"},
        HTTP_HX_REQUEST="true",
    )
    assert response.headers.get("HX-Redirect", "").endswith("/results/")
    answer = Answer.objects.get(assessment=assessment, question=question)
    assert [c.code for c in answer.choices.all()] == ["2"]
    assessment.refresh_from_db()
    assert assessment.overall_score == score


def test_results_page_shows_scores_radar_table_and_recommendations(client, questionnaire):
    assessment, _url = _start(client)
    answer_everything(assessment, rank=1)
    assessment = assessment_submit(assessment=assessment)
    client.cookies["django_language"] = "en"
    response = client.get(reverse("diagnostic:results", kwargs={"uuid": assessment.uuid}))
    content = response.content.decode()
    assert response.status_code == 200
    assert "<svg" in content and 'role="img"' in content
    assert "<caption>Scores out of 100 per dimension" in content
    assert "What to do next" in content
    assert f"{assessment.overall_score:.0f}" in content


def test_an_edited_resource_shows_at_once_on_results_pages(
    client, questionnaire, django_capture_on_commit_callbacks
):
    assessment, _url = _start(client)
    answer_everything(assessment, rank=0)  # the weakest everywhere: every recommendation
    assessment = assessment_submit(assessment=assessment)
    url = reverse("diagnostic:results", kwargs={"uuid": assessment.uuid})
    client.cookies["django_language"] = "en"
    page = client.get(url).content.decode()  # its resources are now in the cache
    resource = next(r for r in Resource.objects.published() if r.title_en in page)

    with django_capture_on_commit_callbacks(execute=True):
        resource.title_en = "A brand-new guide to passwords"
        resource.save()
    assert "A brand-new guide to passwords" in client.get(url).content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        resource.is_published = False
        resource.save()
    assert "A brand-new guide to passwords" not in client.get(url).content.decode()


def test_member_diagnostic_becomes_the_organisations_result(client, questionnaire):
    membership = MembershipFactory()
    client.force_login(membership.user)
    assessment, _url = _start(client, organisation=membership.organisation.slug)
    assert assessment.organisation == membership.organisation
    answer_everything(assessment)
    assessment = assessment_submit(assessment=assessment)
    result = Result.objects.get(organisation=membership.organisation)
    assert result.is_latest and result.overall_score == assessment.overall_score
    assert result.scores.count() == 8


def test_cannot_start_for_an_organisation_one_does_not_belong_to(client, questionnaire):
    other = MembershipFactory()
    client.force_login(UserFactory())
    response = client.post(reverse("diagnostic:start"), {"organisation": other.organisation.slug})
    assert response.status_code == 404
    assert not Assessment.objects.exists()


def test_the_organisation_page_leads_to_its_diagnostics(client, questionnaire):
    membership = MembershipFactory()
    organisation = membership.organisation
    page_url = organisation.get_absolute_url()
    history_url = reverse("diagnostic:organisation_history", kwargs={"slug": organisation.slug})
    client.force_login(membership.user)
    client.cookies["django_language"] = "en"

    page = client.get(page_url).content.decode()
    assert "No self-diagnostic submitted yet." in page
    assert f'href="{history_url}"' in page
    assert f'href="{reverse("diagnostic:start")}">Take the self-diagnostic' in page

    assessment, _url = _start(client, organisation=organisation.slug)
    assessment = assessment_submit(assessment=answer_everything(assessment))
    result = Result.objects.get(organisation=organisation, is_latest=True)
    result_url = reverse(
        "diagnostic:organisation_result", kwargs={"slug": organisation.slug, "pk": result.pk}
    )
    page = client.get(page_url).content.decode()
    assert f'href="{result_url}">Latest self-diagnostic: {result.overall_score:.0f}/100 on' in page

    # Its coach reads the same results, and does not take the diagnostic for it.
    client.force_login(CoachAssignmentFactory(organisation=organisation).coach)
    page = client.get(page_url).content.decode()
    assert f'href="{result_url}"' in page and f'href="{history_url}"' in page
    assert "Take the self-diagnostic" not in page
