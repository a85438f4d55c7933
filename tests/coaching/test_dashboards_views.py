"""The coaching dashboards: the coach's enterprises, a cohort's, and a member's own plan
against the cohort's median; each in a number of queries that does not grow."""

import datetime

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone

from coaching import services
from coaching.dashboards import selectors
from coaching.evaluation.services import cohort_close
from coaching.models import CoachingSession, Intervision
from tests.coaching.factories import make_action, make_cohort, make_plan
from tests.conftest import agency_with_mfa
from tests.factories import CoachAssignmentFactory, CoachFactory, MembershipFactory

pytestmark = pytest.mark.django_db

COACH_DASHBOARD = reverse("coaching:coach_dashboard")
DASHBOARD = reverse("dashboard")
# Most queries per page, the same with one enterprise and with several (measured with 1
# and 6 enterprises of 1 and 6 actions each: coach dashboard 8/8, cohort dashboard 11/11,
# the member's page after log-in 12/12), plus a margin of three.
MOST = {"coach": 11, "cohort": 14, "member": 15}


@pytest.fixture
def english(client):
    client.cookies["django_language"] = "en"
    return client


def _today():
    return timezone.localdate()


def _enterprise(cohort, coach, *, name, progress=(), overdue=0, due_in=None, hours=0):
    """An enrolled organisation coached by `coach`, its admin, its plan with one action per
    `progress` figure, `overdue` actions past due, and `hours` of sessions held."""
    admin = MembershipFactory(organisation__name=name, role="admin")
    organisation = admin.organisation
    CoachAssignmentFactory(coach=coach, organisation=organisation)
    plan = make_plan(organisation, cohort=cohort)
    for value in progress:
        make_action(plan, progress=value, status="in_progress")
    for n in range(overdue):
        make_action(plan, title=f"Late {n}", due_on=_today() - datetime.timedelta(days=3 + n))
    if due_in is not None:
        make_action(plan, title="Next one", due_on=_today() + datetime.timedelta(days=due_in))
    if hours:
        CoachingSession.objects.create(
            enrolment=plan.enrolment,
            coach=coach,
            starts_at=timezone.now() - datetime.timedelta(days=2),
            duration_minutes=hours * 60,
            topics="Outils",
        )
    return organisation, plan, admin.user


def test_the_coach_sees_their_enterprises_overdue_first(english):
    coach = CoachFactory()
    cohort = make_cohort()
    _enterprise(cohort, coach, name="Atelier Calme", progress=[80], due_in=5)
    _enterprise(cohort, coach, name="Boutique Retard", progress=[20], overdue=2, hours=3)
    other = CoachFactory()
    _enterprise(cohort, other, name="Pas la sienne", progress=[10], overdue=5)
    english.force_login(coach)

    content = english.get(COACH_DASHBOARD).content.decode()

    assert "Pas la sienne" not in content
    assert content.index("Boutique Retard") < content.index("Atelier Calme")
    assert "2 actions overdue" in content
    assert "None overdue" in content
    assert "3.0 h of 40.0 h" in content
    assert "Next one" in content


def test_the_coach_orders_their_enterprises(english):
    coach = CoachFactory()
    cohort = make_cohort()
    _enterprise(cohort, coach, name="Zèbre", progress=[10], overdue=1)
    _enterprise(cohort, coach, name="Abeille", progress=[90], hours=2)
    english.force_login(coach)

    def names(**query):
        response = english.get(COACH_DASHBOARD, query)
        return [row.organisation.name for row in response.context["rows"]], response

    assert names()[0] == ["Zèbre", "Abeille"]  # overdue first
    assert names(order="name")[0] == ["Abeille", "Zèbre"]
    assert names(order="hours")[0] == ["Abeille", "Zèbre"]
    assert names(order="last_contact")[0] == ["Zèbre", "Abeille"]  # never contacted first
    order, response = names(order="bogus")
    assert order == ["Zèbre", "Abeille"]
    assert "Choose an order from the list." in response.content.decode()


def test_a_closed_cohort_leaves_the_coach_dashboard(english):
    coach = CoachFactory()
    _enterprise(make_cohort(status="closed"), coach, name="Cohorte finie")
    english.force_login(coach)
    assert "Cohorte finie" not in english.get(COACH_DASHBOARD).content.decode()


def test_hours_and_last_contact_count_sessions_held_only():
    coach = CoachFactory()
    _org, plan, _admin = _enterprise(make_cohort(), coach, name="Heures", hours=2)
    held = timezone.now() - datetime.timedelta(days=2)
    CoachingSession.objects.create(
        enrolment=plan.enrolment,
        coach=coach,
        starts_at=timezone.now() + datetime.timedelta(days=3),
        duration_minutes=90,
        topics="Plus tard",
    )
    pk = plan.enrolment.pk
    assert selectors.hours_by_enrolment([pk])[pk] == 2
    assert abs(selectors.last_contact_by_enrolment([pk])[pk] - held) < datetime.timedelta(minutes=1)


def test_an_enrolment_without_a_plan_offers_to_write_it(english):
    coach = CoachFactory()
    cohort = make_cohort()
    membership = MembershipFactory(organisation__name="Sans Plan", role="admin")
    CoachAssignmentFactory(coach=coach, organisation=membership.organisation)
    enrolment = services.enrolment_create(cohort=cohort, organisation=membership.organisation)
    english.force_login(coach)
    content = english.get(COACH_DASHBOARD).content.decode()
    assert reverse("coaching:plan_create", kwargs={"pk": enrolment.pk}) in content


def test_the_cohort_dashboard_shows_the_agency_every_enterprise_and_the_totals(english):
    cohort = make_cohort()
    coach, other = CoachFactory(), CoachFactory()
    _enterprise(cohort, coach, name="Alpha", progress=[10], overdue=1, hours=2)
    _enterprise(cohort, other, name="Beta", progress=[50], overdue=2, hours=1)
    _enterprise(cohort, other, name="Gamma", progress=[90])
    english.force_login(agency_with_mfa())

    response = english.get(reverse("coaching:cohort_dashboard", kwargs={"slug": cohort.slug}))

    totals = response.context["totals"]
    assert (totals.enterprises, totals.overdue, totals.hours_used) == (3, 3, 3)
    # Each plan's progress is the mean of its actions, overdue ones (0 %) included.
    assert totals.median_progress == 17  # Alpha 5, Beta 17, Gamma 90
    content = response.content.decode()
    assert all(name in content for name in ("Alpha", "Beta", "Gamma"))
    assert reverse("coaching:cohort_close_confirm", kwargs={"slug": cohort.slug}) in content


def test_a_coach_sees_only_their_own_enterprises_on_the_cohort_dashboard(english):
    cohort = make_cohort()
    coach, other = CoachFactory(), CoachFactory()
    _enterprise(cohort, coach, name="Mienne", progress=[10])
    _enterprise(cohort, other, name="Autre Un", progress=[50])
    _enterprise(cohort, other, name="Autre Deux", progress=[90])
    english.force_login(coach)

    response = english.get(reverse("coaching:cohort_dashboard", kwargs={"slug": cohort.slug}))

    content = response.content.decode()
    assert "Mienne" in content
    assert "Autre Un" not in content and "Autre Deux" not in content
    assert response.context["totals"].enterprises == 1
    assert response.context["totals"].median_progress == 50  # the cohort's, of its 3 plans
    assert "Close the cohort" not in content


def test_the_member_sees_their_plan_against_the_median_never_another_figure(english):
    cohort = make_cohort()
    coach = CoachFactory()
    _org, plan, admin = _enterprise(cohort, coach, name="La Nôtre", progress=[42], due_in=4)
    _enterprise(cohort, coach, name="Voisine Un", progress=[73])
    _enterprise(cohort, coach, name="Voisine Deux", progress=[44])
    Intervision.objects.create(
        cohort=cohort,
        title="Intervision de mars",
        starts_at=timezone.now() + datetime.timedelta(days=9),
    )
    english.force_login(admin)

    content = english.get(DASHBOARD).content.decode()

    assert ">21 %<" in content  # their own plan: 42 % and 0 %
    assert "median progress of 44 %" in content
    assert "Your plan is behind the median." in content
    assert "73 %" not in content
    assert "Voisine" not in content
    assert "Next one" in content
    assert "Intervision de mars" in content
    assert reverse("coaching:plan_detail", kwargs={"pk": plan.pk}) in content
    assert reverse("coaching:evaluation_form", kwargs={"slug": cohort.slug}) in content


def test_the_median_is_not_shown_for_fewer_than_three_plans(english):
    cohort = make_cohort()
    coach = CoachFactory()
    _org, _plan, admin = _enterprise(cohort, coach, name="La Nôtre", progress=[21])
    _enterprise(cohort, coach, name="Voisine", progress=[73])
    english.force_login(admin)

    content = english.get(DASHBOARD).content.decode()

    assert "not shown while it has fewer than 3 plans" in content
    assert "73 %" not in content
    assert "median progress of" not in content


def test_a_cohort_closed_lately_asks_the_member_for_a_closing_diagnostic(english):
    cohort = make_cohort()
    _org, plan, admin = _enterprise(cohort, CoachFactory(), name="La Nôtre", progress=[50])
    cohort_close(cohort=cohort, by=None)
    english.force_login(admin)

    content = english.get(DASHBOARD).content.decode()

    assert "The coaching has ended." in content
    assert "Run the closing diagnostic to measure what your plan has changed" in content
    assert reverse("coaching:evaluation_form", kwargs={"slug": cohort.slug}) in content


def _many(size):
    """`size` enterprises of one coach in one cohort, each with `size` actions (some
    overdue), sessions and an intervision; one member belongs to all of them."""
    coach = CoachFactory()
    cohort = make_cohort()
    member = None
    for n in range(size):
        organisation, plan, admin = _enterprise(
            cohort, coach, name=f"EES {n}", progress=[10 * n] * size, overdue=1, due_in=2, hours=1
        )
        member = member or admin
        if n:
            MembershipFactory(organisation=organisation, user=member)
    Intervision.objects.create(
        cohort=cohort, title="Intervision", starts_at=timezone.now() + datetime.timedelta(days=5)
    )
    return coach, cohort, member


@pytest.mark.parametrize("size", [1, 6])
def test_dashboards_cost_the_same_queries_with_one_enterprise_or_several(
    client, size, django_assert_max_num_queries
):
    coach, cohort, member = _many(size)
    agency = agency_with_mfa()
    pages = [
        (coach, COACH_DASHBOARD, "coach"),
        (agency, reverse("coaching:cohort_dashboard", kwargs={"slug": cohort.slug}), "cohort"),
        (member, DASHBOARD, "member"),
    ]
    for user, url, name in pages:
        client.force_login(user)
        cache.clear()
        with django_assert_max_num_queries(MOST[name]):
            response = client.get(url)
        assert response.status_code == 200, name
    assert (
        len(selectors.member_plans(member.memberships.values_list("organisation", flat=True)))
        == size
    )


def test_the_coach_and_agency_summaries_after_log_in(english):
    coach, cohort, _member = _many(2)
    english.force_login(coach)
    content = english.get(DASHBOARD).content.decode()
    assert "You coach 2 enterprises in cohorts under way." in content
    assert "2 actions are overdue." in content
    assert COACH_DASHBOARD in content

    english.force_login(agency_with_mfa())
    content = english.get(DASHBOARD).content.decode()
    assert reverse("coaching:cohort_dashboard", kwargs={"slug": cohort.slug}) in content
    assert cohort.name in content
