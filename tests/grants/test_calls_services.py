"""Calls' services: each refusal says why and changes nothing."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from grants import services
from grants.calls import services as calls_services
from grants.calls.services import CriterionInput
from grants.models import Call, CostCategory, Criterion, Status
from tests.factories import AgencyStaffFactory, OrganisationFactory
from tests.grants.calls_factories import draft_call
from tests.grants.factories import make_application, make_call, reviewer

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


def _fields(**overrides):
    now = timezone.now()
    fields = {
        "title_fr": "Bourse 2027",
        "title_en": "Grant 2027",
        "summary_fr": "Résumé",
        "summary_en": "Summary",
        "eligibility_fr": "EES",
        "eligibility_en": "EES",
        "opens_at": now + datetime.timedelta(days=1),
        "deadline": now + datetime.timedelta(days=30),
        "envelope": Decimal("100000.00"),
        "max_grant": Decimal("10000.00"),
        "cofinancing_rate": Decimal("80"),
        "advance_rate": Decimal("50"),
        "screening_days": 10,
    }
    fields.update(overrides)
    return fields


def _refused(field, **overrides) -> list[str]:
    with pytest.raises(ValidationError) as caught:
        services.call_create(
            created_by=None, categories=CostCategory.objects.all(), **_fields(**overrides)
        )
    assert not Call.objects.exists()
    return caught.value.message_dict[field]


def test_a_deadline_before_the_opening_is_refused():
    now = timezone.now()
    messages = _refused("deadline", opens_at=now, deadline=now - datetime.timedelta(hours=1))
    assert messages == ["The deadline must come after the opening."]


def test_a_cap_over_the_envelope_is_refused():
    messages = _refused("max_grant", envelope=Decimal("5000.00"), max_grant=Decimal("6000.00"))
    assert messages == ["The maximum grant cannot exceed the envelope."]


@pytest.mark.parametrize("field", ["envelope", "max_grant"])
@pytest.mark.parametrize("amount", ["-1.00", "0.00"])
def test_a_negative_or_zero_amount_is_refused(field, amount):
    assert _refused(field, **{field: Decimal(amount)}) == ["Enter an amount greater than zero."]


def test_an_absurd_envelope_is_refused():
    messages = _refused("envelope", envelope=Decimal("5000000000.00"))
    assert "not plausible" in messages[0]


@pytest.mark.parametrize("rate", ["0", "100.5", "-3"])
def test_a_rate_out_of_1_to_100_is_refused(rate):
    messages = _refused("cofinancing_rate", cofinancing_rate=Decimal(rate))
    assert messages == ["The co-financing rate must be a percentage between 1 and 100."]


def test_an_advance_over_100_percent_is_refused():
    messages = _refused("advance_rate", advance_rate=Decimal("120"))
    assert messages == ["The advance must be a percentage between 0 and 100."]


def test_the_envelope_cannot_drop_below_what_is_committed():
    call = make_call(envelope=Decimal("50000.00"))
    make_application(OrganisationFactory(), Status.APPROVED, call=call)  # 9,680 committed
    with pytest.raises(ValidationError) as caught:
        services.call_update(call, envelope=Decimal("9000.00"), max_grant=Decimal("9000.00"))
    assert "already committed" in caught.value.message_dict["envelope"][0]
    call.refresh_from_db()
    assert call.envelope == Decimal("50000.00")
    assert call.max_grant == Decimal("15000.00")


def test_an_update_checks_the_call_as_a_whole():
    call = make_call(envelope=Decimal("50000.00"), max_grant=Decimal("10000.00"))
    with pytest.raises(ValidationError) as caught:
        services.call_update(call, max_grant=Decimal("60000.00"))
    assert caught.value.message_dict["max_grant"]
    call.refresh_from_db()
    assert call.max_grant == Decimal("10000.00")


def test_publishing_without_criteria_is_refused():
    call = draft_call(criteria=[])
    with pytest.raises(ValidationError) as caught:
        services.call_publish(call)
    assert caught.value.messages == ["Add the review criteria before you publish the call."]
    call.refresh_from_db()
    assert call.published_at is None


def test_publishing_without_categories_is_refused():
    call = draft_call(categories=[])
    with pytest.raises(ValidationError, match="cost categories"):
        services.call_publish(call)
    call.refresh_from_db()
    assert call.published_at is None


def test_publishing_past_the_deadline_is_refused():
    now = timezone.now()
    call = draft_call(
        opens_at=now - datetime.timedelta(days=9), deadline=now - datetime.timedelta(days=1)
    )
    with pytest.raises(ValidationError, match="deadline has passed"):
        services.call_publish(call)
    call.refresh_from_db()
    assert call.published_at is None


def test_publishing_twice_is_refused():
    call = draft_call()
    services.call_publish(call)
    first = Call.objects.get(pk=call.pk).published_at
    with pytest.raises(ValidationError, match="already published"):
        services.call_publish(Call.objects.get(pk=call.pk))
    assert Call.objects.get(pk=call.pk).published_at == first


# --- Criteria ---------------------------------------------------------------------------


def _inputs(call):
    return [
        CriterionInput(pk=c.pk, title_fr=c.title_fr, title_en=c.title_en, weight=c.weight)
        for c in call.criteria.order_by("position")
    ]


def test_criteria_are_added_edited_removed_and_ordered():
    call = draft_call()
    first, second, third = _inputs(call)
    calls_services.criteria_save(
        call,
        criteria=[
            CriterionInput(pk=third.pk, title_fr="Impact", title_en="Impact", weight=5),
            first,
            CriterionInput(title_fr="Durabilité", title_en="Sustainability", weight=2),
        ],
    )
    rows = list(call.criteria.order_by("position").values_list("title_en", "weight", "position"))
    assert rows == [("Impact", 5, 0), ("Relevance", 3, 1), ("Sustainability", 2, 2)]
    assert not Criterion.objects.filter(pk=second.pk).exists()


@pytest.mark.parametrize("weight", [0, 101])
def test_a_weight_out_of_1_to_100_is_refused(weight):
    call = draft_call()
    before = list(call.criteria.values_list("pk", "weight"))
    inputs = _inputs(call)
    inputs[0] = CriterionInput(pk=inputs[0].pk, title_fr="A", title_en="A", weight=weight)
    with pytest.raises(ValidationError) as caught:
        calls_services.criteria_save(call, criteria=inputs)
    assert caught.value.messages == ["Criterion 1: the weight must be between 1 and 100."]
    assert list(call.criteria.values_list("pk", "weight")) == before


def test_a_published_call_keeps_a_criterion():
    call = make_call()
    with pytest.raises(ValidationError, match="at least one"):
        calls_services.criteria_save(call, criteria=[])
    assert call.criteria.count() == 3


def test_criteria_cannot_change_once_a_review_was_submitted():
    call = make_call()
    application = make_application(OrganisationFactory(), Status.IN_REVIEW, call=call)
    expert = reviewer()
    assignment = services.reviewer_assign(application, reviewer=expert, by=AgencyStaffFactory())
    services.conflict_declare(assignment, conflict=False)
    assignment.refresh_from_db()
    criteria = list(call.criteria.all())
    # A draft review (not submitted) does not fix the criteria yet.
    services.review_save(
        assignment,
        scores={c.pk: 3 for c in criteria},
        recommendation="approve",
        comment="Solide.",
        submit=False,
    )
    calls_services.criteria_save(call, criteria=_inputs(call))
    services.review_save(
        assignment, scores={c.pk: 3 for c in criteria}, recommendation="approve", comment="Ok."
    )
    before = list(call.criteria.values_list("pk", "title_en", "weight", "position"))
    changed = _inputs(call)
    changed[0] = CriterionInput(pk=changed[0].pk, title_fr="X", title_en="X", weight=50)
    with pytest.raises(ValidationError) as caught:
        calls_services.criteria_save(call, criteria=changed)
    assert caught.value.messages == [
        "A review has been submitted on this call: its criteria can no longer change."
    ]
    assert list(call.criteria.values_list("pk", "title_en", "weight", "position")) == before
