"""Calls' test data: call forms' posted data, drafts, calls in each state."""

import datetime

from django.utils import timezone

from grants.models import CostCategory, DocumentType
from tests.grants.factories import make_call


def draft_call(**fields):
    """An unpublished call that could be published (criteria and categories set)."""
    return make_call(publish=False, **fields)


def upcoming_call(**fields):
    now = timezone.now()
    return make_call(
        opens_at=now + datetime.timedelta(days=10),
        deadline=now + datetime.timedelta(days=40),
        **fields,
    )


def closed_call(**fields):
    now = timezone.now()
    return make_call(
        opens_at=now - datetime.timedelta(days=60),
        deadline=now - datetime.timedelta(days=2),
        **fields,
    )


def _local(value: datetime.datetime) -> str:
    return timezone.localtime(value).strftime("%Y-%m-%dT%H:%M")


def call_form_data(**overrides) -> dict:
    """What the call form posts, valid unless overridden."""
    now = timezone.now()
    data = {
        "title_fr": "Bourse numérique 2027",
        "title_en": "Digital grant 2027",
        "summary_fr": "Soutenir la transformation numérique des EES.",
        "summary_en": "Support the digital transformation of EES.",
        "eligibility_fr": "Les EES wallonnes.",
        "eligibility_en": "Walloon EES.",
        "opens_at": _local(now + datetime.timedelta(days=1)),
        "deadline": _local(now + datetime.timedelta(days=60)),
        "envelope": "200000.00",
        "max_grant": "20000.00",
        "cofinancing_rate": "80",
        "advance_rate": "50",
        "screening_days": "10",
        "categories": [c.pk for c in CostCategory.objects.exclude(code="staff")],
        "required_documents": [d.pk for d in DocumentType.objects.all()[:1]],
    }
    data.update(overrides)
    return data


def criteria_form_data(rows, *, initial=0) -> dict:
    """The criteria formset's data: `rows` dicts of (id, title_fr, title_en, weight, ORDER,
    DELETE)."""
    data = {
        "criteria-TOTAL_FORMS": str(len(rows)),
        "criteria-INITIAL_FORMS": str(initial),
        "criteria-MIN_NUM_FORMS": "0",
        "criteria-MAX_NUM_FORMS": "30",
    }
    for i, row in enumerate(rows):
        for key, value in row.items():
            if key == "DELETE" and not value:
                continue
            data[f"criteria-{i}-{key}"] = "on" if value is True else value
    return data
