"""The Django admin saves organisations through the service, as the profile page does."""

import pytest
from django.urls import reverse

from diagnostic import services as diagnostic_services
from diagnostic.models import Questionnaire
from diagnostic.selectors import (
    PeerProfile,
    benchmark_for,
    benchmark_of_result,
    questionnaire_structure,
)
from digitalees.models import User
from network.models import Organisation
from tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


def _with_results(count, **group):
    """`count` organisations of one peer group, each with a submitted diagnostic."""
    questionnaire = Questionnaire.current()
    structure = questionnaire_structure(questionnaire.id)
    answers = {q.id: structure.choices_of[q.id][-1:] for q in structure.questions}
    organisations = [OrganisationFactory(**group) for _ in range(count)]
    diagnostic_services.assessments_create_bulk(
        questionnaire_id=questionnaire.id,
        rows=[
            diagnostic_services.AssessmentRow(answers, o.pk, submitted_at=o.created_at)
            for o in organisations
        ],
    )
    return organisations


def _change_data(organisation: Organisation, **changes) -> dict:
    data = {
        "name": organisation.name,
        "slug": organisation.slug,
        "enterprise_number": organisation.enterprise_number,
        "legal_form": organisation.legal_form,
        "sector": organisation.sector,
        "province": organisation.province,
        "postcode": organisation.postcode,
        "municipality": organisation.municipality,
        "size_band": organisation.size_band,
        "social_purpose": organisation.social_purpose,
        "website": organisation.website,
    }
    for prefix in ("memberships", "coach_assignments"):
        data |= {f"{prefix}-TOTAL_FORMS": "0", f"{prefix}-INITIAL_FORMS": "0"}
    return data | changes


def test_a_sector_changed_in_the_admin_refreshes_both_peer_groups(
    client, settings, django_capture_on_commit_callbacks
):
    settings.STAFF_REQUIRE_MFA = False
    food = {"sector": "food", "size_band": "5-9", "province": "NA", "postcode": "5000"}
    culture = food | {"sector": "culture"}
    moving, *_others = _with_results(6, **food)
    _with_results(5, **culture)
    # Both groups' quartiles are read, and kept in the cache, before the edit (as an
    # organisation of each group that has no result yet would see them).
    outside_food, outside_culture = (
        PeerProfile(g["sector"], g["size_band"], g["province"]) for g in (food, culture)
    )
    assert benchmark_for(outside_food).count == 6
    assert benchmark_for(outside_culture).count == 5

    client.force_login(User.objects.create_superuser(email="root@example.be", password="x"))
    url = reverse("admin:network_organisation_change", args=[moving.pk])
    assert client.get(url).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, _change_data(moving, sector="culture"))
    assert response.status_code == 302, response.context and response.context["errors"]

    moving.refresh_from_db()
    assert moving.sector == "culture"
    assert benchmark_for(outside_food).count == 5
    assert benchmark_for(outside_culture).count == 6
    # Its past result keeps the group recorded with it: the five others of the food sector.
    past = benchmark_of_result(moving.results.get())
    assert (past.scope, past.count, past.profile.sector) == ("exact", 5, "food")


def test_an_organisation_added_in_the_admin_is_saved(client, settings):
    settings.STAFF_REQUIRE_MFA = False
    client.force_login(User.objects.create_superuser(email="root@example.be", password="x"))
    template = OrganisationFactory.build()
    response = client.post(
        reverse("admin:network_organisation_add"), _change_data(template, name="Nouvelle EES")
    )
    assert response.status_code == 302
    assert Organisation.objects.get(name="Nouvelle EES").enterprise_number == (
        template.enterprise_number
    )
