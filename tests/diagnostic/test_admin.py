"""The diagnostic's data in the admin: every registered model's pages open, the records that
must not change refuse it, and the admin reads French."""

import pytest
from django.contrib import admin
from django.urls import reverse

from diagnostic import services
from diagnostic.models import (
    Answer,
    Assessment,
    Campaign,
    DimensionScore,
    Question,
    Questionnaire,
    Report,
    Result,
)
from tests.conftest import superuser_with_mfa
from tests.diagnostic.conftest import answer_everything
from tests.factories import MembershipFactory

pytestmark = pytest.mark.django_db

READ_ONLY = [Questionnaire, Question, Campaign, Assessment, Result, Report]


@pytest.fixture
def data(questionnaire):
    """A member's submitted diagnostic (with its result and a report) and a campaign's."""
    membership = MembershipFactory(role="admin")
    own = services.assessment_start(
        questionnaire=questionnaire,
        organisation=membership.organisation,
        respondent=membership.user,
    )
    services.assessment_submit(assessment=answer_everything(own))
    campaign = services.campaign_open(
        organisation=membership.organisation, opened_by=membership.user
    )
    answer = services.assessment_start(campaign=campaign, respondent=membership.user)
    services.assessment_submit(assessment=answer_everything(answer, rank=2))
    Report.objects.create(result=Result.objects.first(), language="fr")
    return own


@pytest.fixture
def root_client(client):
    client.force_login(superuser_with_mfa())
    return client


def _url(model, view, *args):
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}", args=args)


def test_every_registered_model_has_a_changelist_and_a_change_page(root_client, data):
    for model in admin.site._registry:
        response = root_client.get(_url(model, "changelist"))
        assert response.status_code == 200, model
        obj = model._default_manager.first()
        if obj is not None:
            response = root_client.get(_url(model, "change", obj.pk))
            assert response.status_code == 200, model


@pytest.mark.parametrize("model", READ_ONLY, ids=lambda m: m.__name__)
def test_diagnostic_records_are_read_only(root_client, data, model):
    obj = model._default_manager.first()
    page = root_client.get(_url(model, "change", obj.pk))
    assert page.status_code == 200
    assert b'type="submit"' not in page.content.split(b'id="content-main"')[1]
    assert root_client.post(_url(model, "change", obj.pk), {}).status_code == 403
    assert root_client.get(_url(model, "add")).status_code == 403
    assert root_client.post(_url(model, "delete", obj.pk), {"post": "yes"}).status_code == 403
    assert model._default_manager.filter(pk=obj.pk).exists()


def test_a_submitted_assessment_shows_its_answers_and_scores(root_client, data):
    page = root_client.get(_url(Assessment, "change", data.pk)).content.decode()
    first = Answer.objects.filter(assessment=data).select_related("question").first()
    assert first.question.code in page
    assert DimensionScore.objects.filter(assessment=data).count() == 8
    # The visitor key opens the results: never shown.
    assert "visitor_key" not in page


def test_a_data_request_finds_a_person_s_assessments_by_address(root_client, data):
    other = MembershipFactory()
    page = root_client.get(_url(Assessment, "changelist"), {"q": data.respondent.email})
    theirs = Assessment.objects.filter(respondent=data.respondent).count()
    assert theirs >= 2  # their own and their campaign answer
    assert page.context["cl"].result_count == theirs
    page = root_client.get(_url(Assessment, "changelist"), {"q": other.user.email})
    assert page.context["cl"].result_count == 0


def test_the_admin_reads_french(root_client, data):
    page = root_client.get(_url(Assessment, "change", data.pk)).content.decode()
    assert "Évolution" not in page
    assert "Score global" in page and "Questionnaire" in page
    changelist = root_client.get(_url(Result, "changelist")).content.decode()
    index = root_client.get(reverse("admin:index")).content.decode()
    # Django's "Modification" on each change link reads as a verb; the diagnostic's models
    # are read-only: "Afficher".
    assert 'aria-describedby="network-organisation">Modifier</a>' in index
    assert 'aria-describedby="diagnostic-assessment">Afficher</a>' in index
    assert "Pièces jointes" in index and "File d&#x27;envoi des e-mails" in index
    assert "Évolution" not in changelist
    assert "Dernier de son organisation" in changelist
