"""Coaching on the pages that compose several apps: the organisation's page links to its
enrolment and plan, the dashboard tells an EES's people of an open call, the home page
links to the calls."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from coaching import services
from coaching.models import Cohort

from .factories import make_cohort

pytestmark = pytest.mark.django_db


def test_the_organisation_page_links_to_its_coaching(roles, organisation, enrolment, client_for):
    url = reverse("network:organisation_detail", kwargs={"slug": organisation.slug})
    page = client_for(roles["member"]).get(url).content.decode()
    assert reverse("coaching:enrolment_detail", kwargs={"pk": enrolment.pk}) in page
    assert reverse("coaching:plan_create", kwargs={"pk": enrolment.pk}) in page
    plan = services.plan_create(enrolment=enrolment, created_by=None)
    page = client_for(roles["coach"]).get(url).content.decode()
    assert reverse("coaching:plan_detail", kwargs={"pk": plan.pk}) in page
    assert reverse("coaching:plan_create", kwargs={"pk": enrolment.pk}) not in page


def _open_call():
    today = timezone.localdate()
    return make_cohort(
        name="Cohorte 2027",
        status=Cohort.Status.CALL_OPEN,
        call_opens_on=today - datetime.timedelta(days=3),
        call_closes_on=today + datetime.timedelta(days=20),
        starts_on=today + datetime.timedelta(days=40),
        ends_on=today + datetime.timedelta(days=400),
    )


def test_the_dashboard_tells_an_enterprise_of_an_open_call(roles, client_for):
    _open_call()
    page = client_for(roles["org_admin"]).get(reverse("dashboard")).content.decode()
    assert "Cohorte 2027" in page
    assert reverse("coaching:call_list") in page
    # A coach who belongs to no organisation is not asked to apply.
    page = client_for(roles["coach"]).get(reverse("dashboard")).content.decode()
    assert "Cohorte 2027" not in page


def test_a_closed_call_is_not_announced(roles, client_for):
    make_cohort(name="Cohorte fermée")  # running: its call closed
    page = client_for(roles["org_admin"]).get(reverse("dashboard")).content.decode()
    assert "Cohorte fermée" not in page


def test_the_home_page_links_to_the_calls(client):
    assert reverse("coaching:call_list") in client.get(reverse("home")).content.decode()
