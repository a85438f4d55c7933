"""Grants' admin: every model's list opens for a superuser; an application and what hangs
on it are read-only (status, amounts, timeline: only the services change them); a call's
texts and dates are corrected through the service, its money never."""

from decimal import Decimal

import pytest
from django.contrib import admin
from django.urls import reverse

from grants import services
from grants.models import Application, Call, Status
from tests.conftest import superuser_with_mfa
from tests.factories import OrganisationFactory
from tests.grants.factories import advance, make_application, make_call, pdf_file, reviewer

from .pipeline_factories import in_english

pytestmark = pytest.mark.django_db

GRANTS_MODELS = [m for m in admin.site._registry if m._meta.app_label == "grants"]
EDITABLE = {"costcategory", "documenttype", "call"}


@pytest.fixture
def root(client):
    client.force_login(superuser_with_mfa())
    return in_english(client)


@pytest.fixture
def closed():
    """A closed application, and one in review with a document and a submitted review:
    a row of every model."""
    in_review = make_application(OrganisationFactory(), Status.DRAFT)
    services.attachment_add(in_review, by=in_review.created_by, file=pdf_file())
    services.application_submit(in_review, by=in_review.created_by)
    advance(in_review, Status.IN_REVIEW)
    expert = reviewer()
    assignment = services.reviewer_assign(in_review, reviewer=expert, by=None)
    services.conflict_declare(assignment, conflict=False)
    services.review_save(
        assignment,
        scores={c.pk: 4 for c in in_review.call.criteria.all()},
        recommendation="approve",
        comment="Solide.",
    )
    return make_application(OrganisationFactory(), Status.CLOSED)


def test_every_grants_model_is_in_the_admin():
    from django.apps import apps

    assert set(GRANTS_MODELS) == set(apps.get_app_config("grants").get_models())


@pytest.mark.parametrize("model", GRANTS_MODELS, ids=lambda m: m._meta.model_name)
def test_each_list_opens_and_only_reference_lists_take_additions(model, root, closed):
    meta = model._meta
    assert root.get(reverse(f"admin:grants_{meta.model_name}_changelist")).status_code == 200
    add = root.get(reverse(f"admin:grants_{meta.model_name}_add")).status_code
    assert add == (200 if meta.model_name in {"costcategory", "documenttype"} else 403)


@pytest.mark.parametrize("model", GRANTS_MODELS, ids=lambda m: m._meta.model_name)
def test_each_record_opens(model, root, closed):
    record = model.objects.first()
    assert record is not None, model
    url = reverse(f"admin:grants_{model._meta.model_name}_change", args=[record.pk])
    response = root.get(url)
    assert response.status_code == 200
    saves = b'name="_save"' in response.content
    assert saves == (model._meta.model_name in EDITABLE)


def test_an_application_is_read_only_with_its_timeline_and_payments(root, closed):
    url = reverse("admin:grants_application_change", args=[closed.pk])

    response = root.get(url)

    page = response.content.decode()
    assert "Status changes" in page and "Payments" in page and "Budget lines" in page
    assert f"VIR-{closed.pk}-S" in page  # the balance's payment reference
    posted = root.post(url, {"status": "draft", "approved_amount": "99999.00"})
    assert posted.status_code == 403
    closed.refresh_from_db()
    assert (closed.status, closed.approved_amount) == (Status.CLOSED, Decimal("9680.00"))
    delete = reverse("admin:grants_application_delete", args=[closed.pk])
    assert root.post(delete, {"post": "yes"}).status_code == 403
    assert Application.objects.filter(pk=closed.pk).exists()


def _call_form(call, **changes):
    data = {
        "title_fr": call.title_fr,
        "title_en": call.title_en,
        "summary_fr": call.summary_fr,
        "summary_en": call.summary_en,
        "eligibility_fr": call.eligibility_fr,
        "eligibility_en": call.eligibility_en,
        "opens_at_0": call.opens_at.strftime("%Y-%m-%d"),
        "opens_at_1": call.opens_at.strftime("%H:%M:%S"),
        "deadline_0": call.deadline.strftime("%Y-%m-%d"),
        "deadline_1": call.deadline.strftime("%H:%M:%S"),
        "screening_days": call.screening_days,
        "criteria-TOTAL_FORMS": "0",
        "criteria-INITIAL_FORMS": "0",
    }
    data.update(changes)
    return data


def test_a_call_s_words_are_corrected_but_not_its_money(root):
    call = make_call()
    url = reverse("admin:grants_call_change", args=[call.pk])

    response = root.post(
        url, _call_form(call, title_en="Digital boost 2027", envelope="1.00", max_grant="1.00")
    )

    assert response.status_code == 302, response.content.decode()[:2000]
    call.refresh_from_db()
    assert call.title_en == "Digital boost 2027"
    assert call.envelope == Decimal("100000.00")
    assert call.max_grant == Decimal("15000.00")


def test_a_call_whose_deadline_comes_before_its_opening_is_refused(root):
    call = make_call()
    url = reverse("admin:grants_call_change", args=[call.pk])
    before = call.opens_at.replace(year=call.opens_at.year - 1)

    response = root.post(
        url,
        _call_form(
            call,
            deadline_0=before.strftime("%Y-%m-%d"),
            deadline_1=before.strftime("%H:%M:%S"),
        ),
    )

    assert response.status_code == 200
    assert "The deadline must come after the opening." in response.content.decode()
    assert Call.objects.get(pk=call.pk).deadline == call.deadline


def test_the_admin_is_for_superusers(client, roles, closed):
    client.force_login(roles["agency"])
    url = reverse("admin:grants_application_changelist")
    assert client.get(url).status_code == 302  # Django's admin login
