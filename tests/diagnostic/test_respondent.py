"""The respondent's journey: own results listed and attached to an organisation, drafts
started only when asked, resumed, deleted; the review with the answers; the campaign's
welcome page; the duration and question counts taken from the questionnaire's data."""

import re

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.html import escape

from diagnostic import selectors, services
from diagnostic.models import Assessment, Question, Result
from tests.diagnostic.conftest import answer_everything
from tests.factories import MembershipFactory, OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db


def _page(client, url):
    client.cookies["django_language"] = "en"
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def _main(page):
    return page[page.index("<main") : page.index("</main>")]


def _messages(response):
    return [str(m) for m in response.wsgi_request._messages]


def _kept_for_oneself(user, rank=3):
    assessment = services.assessment_start(respondent=user)
    return services.assessment_submit(assessment=answer_everything(assessment, rank=rank))


def _results_url(assessment):
    return reverse("diagnostic:results", kwargs={"uuid": assessment.uuid})


# --- the facts every text states ----------------------------------------------------------


def test_parts_questions_and_duration_come_from_the_questionnaire(questionnaire):
    facts = selectors.questionnaire_facts(questionnaire.pk)
    questions = Question.objects.filter(questionnaire=questionnaire)
    assert facts.parts == questionnaire.dimensions.count()
    assert facts.questions_max == questions.count()
    assert facts.questions_min == questions.filter(show_if_question=None).count()
    assert facts.questions_vary
    assert facts.minutes % 5 == 0
    expected = facts.questions_max * selectors.SECONDS_PER_QUESTION / 60
    assert abs(facts.minutes - expected) <= 2.5


def test_the_start_page_states_one_duration_and_the_counts_of_the_data(client, questionnaire):
    facts = selectors.questionnaire_facts(questionnaire.pk)
    page = _page(client, reverse("diagnostic:start"))
    assert f"About {facts.minutes} minutes" in page
    assert f"{facts.questions_min} to {facts.questions_max} questions in {facts.parts} parts" in (
        page
    )
    assert "15 minutes" not in page and "20 to 30" not in page
    client.cookies["django_language"] = "fr"
    french = client.get(reverse("diagnostic:start")).content.decode()
    assert f"Environ {facts.minutes} minutes" in french
    assert "20 à 30" not in french and "15 minutes" not in french


def test_the_campaign_invitation_states_the_same_duration(
    client, questionnaire, mailoutbox, django_capture_on_commit_callbacks
):
    admin = MembershipFactory(role="admin")
    campaign = services.campaign_open(organisation=admin.organisation, opened_by=admin.user)
    with django_capture_on_commit_callbacks(execute=True):
        services.campaign_invite(campaign=campaign, email="lea@example.be", invited_by=admin.user)
    minutes = selectors.questionnaire_facts(questionnaire.pk).minutes
    [message] = mailoutbox
    assert f"{minutes} minutes" in message.body


# --- the start page: nothing is created by opening it; drafts come first -------------------


def test_opening_the_start_page_starts_no_draft(client, questionnaire):
    user = UserFactory()
    client.get(reverse("diagnostic:start"))
    client.force_login(user)
    page = _page(client, reverse("diagnostic:start"))
    assert Assessment.objects.count() == 0
    assert "Resume where you left off" not in page
    assert "Start the diagnostic" in page


def _first_part_answered(user, questionnaire):
    """A draft of `user` whose first part is answered: its structure and how many were."""
    draft = services.assessment_start(respondent=user)
    structure = selectors.questionnaire_structure(questionnaire.pk)
    first_part = structure.questions_of[structure.dimensions[0].id]
    for question in first_part:
        first_choice = structure.choices[structure.choices_of[question.id][0]]
        services.answer_save(assessment=draft, question=question, choice_codes=[first_choice.code])
    return draft, structure, len(first_part)


def test_a_draft_is_offered_first_with_its_progress_and_last_save(client, questionnaire):
    user = UserFactory()
    draft, structure, answered = _first_part_answered(user, questionnaire)
    client.force_login(user)
    page = _main(_page(client, reverse("diagnostic:start")))
    shown = selectors.visible_question_ids(structure, selectors.answers_of(draft))
    assert f"{answered} of {len(shown)} questions answered" in page
    assert "last saved on" in page
    # Resuming opens the first part with a question left, the first thing offered.
    resume = reverse("diagnostic:dimension", kwargs={"uuid": draft.uuid, "position": 2})
    assert page.index(f'href="{resume}"') < page.index('action="/diagnostic/"')
    assert "Start a new diagnostic" in page and "Start the diagnostic" not in page
    assert reverse("diagnostic:draft_delete_confirm", kwargs={"uuid": draft.uuid}) in page


def test_the_dashboard_lists_drafts_with_their_progress_too(client, questionnaire):
    user = UserFactory()
    draft, structure, answered = _first_part_answered(user, questionnaire)
    client.force_login(user)
    page = _main(_page(client, reverse("dashboard")))
    shown = selectors.visible_question_ids(structure, selectors.answers_of(draft))
    assert f"{answered} of {len(shown)} questions answered" in page
    resume = reverse("diagnostic:dimension", kwargs={"uuid": draft.uuid, "position": 2})
    assert f'href="{resume}"' in page
    assert reverse("diagnostic:draft_delete_confirm", kwargs={"uuid": draft.uuid}) in page


def test_a_visitors_draft_is_offered_in_their_browser_only(client, questionnaire):
    client.post(reverse("diagnostic:start"))
    draft = Assessment.objects.get()
    assert str(draft.uuid) in _page(client, reverse("diagnostic:start"))
    other = client.__class__()
    assert str(draft.uuid) not in _page(other, reverse("diagnostic:start"))


# --- deleting a draft ----------------------------------------------------------------------


def test_a_draft_is_deleted_after_a_confirmation_page(client, questionnaire):
    user = UserFactory()
    draft = answer_everything(services.assessment_start(respondent=user), rank=1)
    client.force_login(user)
    confirm = _page(client, reverse("diagnostic:draft_delete_confirm", kwargs={"uuid": draft.uuid}))
    delete_url = reverse("diagnostic:draft_delete", kwargs={"uuid": draft.uuid})
    assert f'action="{delete_url}"' in confirm and "Delete this draft?" in confirm

    response = client.post(delete_url)
    assert response.status_code == 302 and response.url == reverse("diagnostic:start")
    assert "The draft and its answers are deleted." in _messages(response)
    assert not Assessment.objects.filter(pk=draft.pk).exists()


def test_deleting_a_draft_twice_says_so_and_changes_nothing(client, questionnaire):
    user = UserFactory()
    draft = services.assessment_start(respondent=user)
    kept = services.assessment_start(respondent=user)
    client.force_login(user)
    client.cookies["django_language"] = "en"
    delete_url = reverse("diagnostic:draft_delete", kwargs={"uuid": draft.uuid})
    client.post(delete_url)
    again = client.post(delete_url)
    assert again.status_code == 302
    assert "This draft no longer exists: it was already deleted." in _messages(again)
    # The stale confirmation page says the same.
    stale = client.get(reverse("diagnostic:draft_delete_confirm", kwargs={"uuid": draft.uuid}))
    assert stale.status_code == 302
    assert "This draft no longer exists: it was already deleted." in _messages(stale)
    assert list(Assessment.objects.all()) == [kept]


def test_someone_elses_draft_cannot_be_deleted(client, questionnaire):
    draft = services.assessment_start(respondent=UserFactory())
    visitor_draft = services.assessment_start()
    client.force_login(UserFactory())
    for assessment in (draft, visitor_draft):
        url = reverse("diagnostic:draft_delete", kwargs={"uuid": assessment.uuid})
        assert client.post(url).status_code == 404
        confirm = reverse("diagnostic:draft_delete_confirm", kwargs={"uuid": assessment.uuid})
        assert client.get(confirm).status_code == 404
    assert Assessment.objects.count() == 2


def test_a_visitor_deletes_the_draft_started_in_their_browser(client, questionnaire):
    client.post(reverse("diagnostic:start"))
    draft = Assessment.objects.get()
    response = client.post(reverse("diagnostic:draft_delete", kwargs={"uuid": draft.uuid}))
    assert response.status_code == 302
    assert Assessment.objects.count() == 0


def test_submitted_results_and_campaign_drafts_are_not_deleted(client, questionnaire):
    admin = MembershipFactory(role="admin")
    submitted = _kept_for_oneself(admin.user)
    campaign = services.campaign_open(organisation=admin.organisation, opened_by=admin.user)
    campaign_draft = campaign.assessments.get()
    client.force_login(admin.user)
    client.cookies["django_language"] = "en"
    # A stale form: the draft was submitted in another tab.
    response = client.post(reverse("diagnostic:draft_delete", kwargs={"uuid": submitted.uuid}))
    assert "This diagnostic was submitted: its results are kept." in _messages(response)
    response = client.post(reverse("diagnostic:draft_delete", kwargs={"uuid": campaign_draft.uuid}))
    assert any("campaign" in m for m in _messages(response))
    assert Assessment.objects.filter(pk__in=[submitted.pk, campaign_draft.pk]).count() == 2
    # The campaign's draft is offered to resume, not to delete.
    page = _page(client, reverse("diagnostic:start"))
    assert str(campaign_draft.uuid) in page
    assert reverse("diagnostic:draft_delete_confirm", kwargs={"uuid": campaign_draft.uuid}) not in (
        page
    )


# --- own results: listed, then attached to an organisation --------------------------------


def test_results_kept_for_oneself_are_listed_on_the_start_page_and_the_dashboard(
    client, questionnaire
):
    user = UserFactory()
    kept = _kept_for_oneself(user)
    someone_else = _kept_for_oneself(UserFactory())
    client.force_login(user)
    for url in (reverse("diagnostic:start"), reverse("dashboard")):
        page = _main(_page(client, url))
        assert f'href="{_results_url(kept)}"' in page
        assert f"{kept.overall_score:.0f}/100" in page
        assert kept.get_level_display() in page
        assert "Kept for yourself" in page
        assert _results_url(someone_else) not in page


def test_own_campaign_answers_are_listed_as_such(client, questionnaire):
    admin = MembershipFactory(role="admin")
    campaign = services.campaign_open(organisation=admin.organisation, opened_by=admin.user)
    own = services.assessment_submit(assessment=answer_everything(campaign.assessments.get()))
    client.force_login(admin.user)
    page = _main(_page(client, reverse("dashboard")))
    assert f'href="{_results_url(own)}"' in page
    assert f"Your answers to the campaign of {admin.organisation.name}" in page


def test_results_kept_for_oneself_are_attached_to_an_organisation(client, questionnaire):
    membership = MembershipFactory()
    kept = _kept_for_oneself(membership.user)
    organisation = membership.organisation
    client.force_login(membership.user)
    results = _page(client, _results_url(kept))
    attach_url = reverse("diagnostic:attach", kwargs={"uuid": kept.uuid})
    assert f'action="{attach_url}"' in results and organisation.name in results

    response = client.post(attach_url, {"organisation": organisation.slug})
    assert response.status_code == 302 and response.url == _results_url(kept)
    kept.refresh_from_db()
    assert kept.organisation == organisation and kept.respondent == membership.user
    result = Result.objects.get(organisation=organisation)
    assert result.assessment == kept and result.is_latest
    assert result.overall_score == kept.overall_score
    history = _page(
        client, reverse("diagnostic:organisation_history", kwargs={"slug": organisation.slug})
    )
    assert reverse(
        "diagnostic:organisation_result", kwargs={"slug": organisation.slug, "pk": result.pk}
    ) in (history)
    # No longer offered to attach.
    assert f'action="{attach_url}"' not in _page(client, _results_url(kept))


def test_attaching_twice_says_so_and_changes_nothing(client, questionnaire):
    membership = MembershipFactory()
    other = MembershipFactory(user=membership.user)
    kept = _kept_for_oneself(membership.user)
    client.force_login(membership.user)
    client.cookies["django_language"] = "en"
    attach_url = reverse("diagnostic:attach", kwargs={"uuid": kept.uuid})
    client.post(attach_url, {"organisation": membership.organisation.slug})
    # The same form, still open in another tab, for the other organisation.
    again = client.post(attach_url, {"organisation": other.organisation.slug})
    assert again.status_code == 302
    assert "These results are already attached to an organisation." in _messages(again)
    kept.refresh_from_db()
    assert kept.organisation == membership.organisation
    assert Result.objects.count() == 1


def test_attaching_to_an_organisation_one_does_not_belong_to_is_refused(client, questionnaire):
    user = UserFactory()
    kept = _kept_for_oneself(user)
    stranger_organisation = OrganisationFactory()
    client.force_login(user)
    attach_url = reverse("diagnostic:attach", kwargs={"uuid": kept.uuid})
    assert client.post(attach_url, {"organisation": stranger_organisation.slug}).status_code == 404
    assert client.post(attach_url, {"organisation": ""}).status_code == 404
    kept.refresh_from_db()
    assert kept.organisation is None and not Result.objects.exists()
    with pytest.raises(ValidationError):
        services.assessment_attach(assessment=kept, user=user, organisation=stranger_organisation)
    kept.refresh_from_db()
    assert kept.organisation is None and not Result.objects.exists()


def test_only_the_owner_attaches_results(client, questionnaire):
    """A colleague who may see the organisation's results may not act on them (403), and
    the service refuses anyone but the respondent."""
    membership = MembershipFactory()
    kept = _kept_for_oneself(membership.user)
    services.assessment_attach(
        assessment=kept, user=membership.user, organisation=membership.organisation
    )
    colleague = MembershipFactory(organisation=membership.organisation)
    client.force_login(colleague.user)
    attach_url = reverse("diagnostic:attach", kwargs={"uuid": kept.uuid})
    assert client.get(_results_url(kept)).status_code == 200
    assert (
        client.post(attach_url, {"organisation": membership.organisation.slug}).status_code == 403
    )
    mine = _kept_for_oneself(membership.user)
    with pytest.raises(ValidationError):
        services.assessment_attach(
            assessment=mine, user=colleague.user, organisation=membership.organisation
        )
    mine.refresh_from_db()
    assert mine.organisation is None


# --- the review shows the answers -----------------------------------------------------------


def test_the_review_shows_each_answer_with_a_link_to_change_it(client, questionnaire):
    client.post(reverse("diagnostic:start"))
    draft = answer_everything(Assessment.objects.get(), rank=2)
    structure = selectors.questionnaire_structure(questionnaire.pk)
    skipped = structure.questions[0]
    services.answer_save(assessment=draft, question=skipped, choice_codes=[])
    page = _main(_page(client, reverse("diagnostic:review", kwargs={"uuid": draft.uuid})))
    answers = selectors.answers_of(draft)
    shown = selectors.visible_question_ids(structure, answers)
    for question in structure.questions:
        if question.id not in shown:
            assert f"#q-{question.code}" not in page
            continue
        link = reverse(
            "diagnostic:dimension",
            kwargs={"uuid": draft.uuid, "position": question.dimension.position},
        )
        assert f'href="{link}#q-{question.code}"' in page
        for choice_id in answers.get(question.id, []):
            assert escape(structure.choices[choice_id].label_en) in page
    assert page.count("Not answered") == 1
    unanswered = page.index("Not answered")
    assert page.index(escape(skipped.text_en)) < unanswered
    assert unanswered < page.index(escape(structure.questions[1].text_en))


def test_the_review_reads_a_fixed_number_of_queries(
    client, questionnaire, django_assert_max_num_queries
):
    client.post(reverse("diagnostic:start"))
    draft = answer_everything(Assessment.objects.get(), rank=3)
    url = reverse("diagnostic:review", kwargs={"uuid": draft.uuid})
    client.get(url)  # the questionnaire's structure is cached per process
    with django_assert_max_num_queries(4):
        assert client.get(url).status_code == 200


def test_the_start_page_reads_a_fixed_number_of_queries(
    client, questionnaire, django_assert_max_num_queries
):
    membership = MembershipFactory()
    for _ in range(3):
        answer_everything(services.assessment_start(respondent=membership.user), rank=1)
        _kept_for_oneself(membership.user)
    client.force_login(membership.user)
    client.cookies["django_language"] = "en"
    client.get(reverse("diagnostic:start"))
    with django_assert_max_num_queries(8):
        page = client.get(reverse("diagnostic:start")).content.decode()
    assert page.count("questions answered") == 3


# --- the campaign respondent --------------------------------------------------------------


def _invite(client, mailoutbox, capture, email):
    admin = MembershipFactory(role="admin")
    campaign = services.campaign_open(organisation=admin.organisation, opened_by=admin.user)
    with capture(execute=True):
        services.campaign_invite(campaign=campaign, email=email, invited_by=admin.user)
    link = "/" + re.search(r"https?://[^/]+/(diagnostic/link/\S+/)", mailoutbox[-1].body).group(1)
    return admin, campaign, link


def test_a_campaign_invitation_lands_on_a_welcome_page(
    client, questionnaire, mailoutbox, django_capture_on_commit_callbacks
):
    admin, campaign, link = _invite(
        client, mailoutbox, django_capture_on_commit_callbacks, "lea@example.be"
    )
    assessment = campaign.assessments.get(respondent_email="lea@example.be")
    response = client.get(link)
    welcome = reverse("diagnostic:welcome", kwargs={"uuid": assessment.uuid})
    assert response.status_code == 302 and response.url == welcome
    page = _main(_page(client, welcome))
    facts = selectors.questionnaire_facts(questionnaire.pk)
    assert admin.organisation.name in page
    assert admin.user.display_name in page
    assert f"about {facts.minutes} minutes" in page
    assert "sees only the aggregate of all answers" in page
    first_part = reverse("diagnostic:dimension", kwargs={"uuid": assessment.uuid, "position": 1})
    assert f'href="{first_part}"' in page
    assert Assessment.objects.filter(campaign=campaign).count() == 2  # nothing new started


def test_after_submitting_a_respondent_sees_their_answers_and_the_campaigns_result(
    client, questionnaire, mailoutbox, django_capture_on_commit_callbacks
):
    admin, campaign, link = _invite(
        client, mailoutbox, django_capture_on_commit_callbacks, "outsider@example.be"
    )
    # A member answers through their account; an outside respondent through the link.
    member = MembershipFactory(organisation=admin.organisation)
    own = services.assessment_start(campaign=campaign, respondent=member.user)
    services.assessment_submit(assessment=answer_everything(own))
    result = Result.objects.get(campaign=campaign)
    client.force_login(member.user)
    page = _main(_page(client, _results_url(own)))
    assert "<h1>Your answers</h1>" in page
    result_url = reverse(
        "diagnostic:organisation_result",
        kwargs={"slug": admin.organisation.slug, "pk": result.pk},
    )
    assert f'href="{result_url}"' in page

    outsider = client.__class__()
    outsider.get(link)
    theirs = campaign.assessments.get(respondent_email="outsider@example.be")
    services.assessment_submit(assessment=answer_everything(theirs))
    page = _main(_page(outsider, _results_url(theirs)))
    assert "<h1>Your answers</h1>" in page
    assert result_url not in page  # they may not see the organisation
    history = reverse("diagnostic:organisation_history", kwargs={"slug": admin.organisation.slug})
    assert history not in page


# --- the visitor's first steps --------------------------------------------------------------


def test_the_home_page_and_navigation_lead_to_the_diagnostic(client, questionnaire):
    page = _page(client, reverse("home"))
    main = _main(page)
    start = f'href="{reverse("diagnostic:start")}"'
    assert main.index(start) < main.index("btn-outline-primary")
    nav = page[page.index("<nav") : page.index("</nav>")]
    assert start in nav and "Self-diagnostic" in nav
