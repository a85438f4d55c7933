"""Calendar feeds: a secret address per person, renewable; what each person's feed holds."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from coaching.calendar import services
from coaching.models import Action, CalendarFeed
from network.models import CoachAssignment, Membership
from tests.factories import CoachAssignmentFactory

from .factories import enrol, make_action
from .reminder_helpers import make_intervision, make_session

pytestmark = pytest.mark.django_db


def _feed(client, user):
    feed = services.calendar_feed_renew(user=user)
    response = client.get(reverse("coaching:calendar_feed", kwargs={"token": feed.token}))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return Calendar.from_ical(response.content)


def _events(calendar):
    return {str(e["SUMMARY"]): e for e in calendar.walk("VEVENT")}


@pytest.fixture
def coaching_data(cohort, plan, roles):
    today = timezone.localdate()
    session = make_session(
        plan.enrolment,
        coach=roles["coach"],
        starts_in=datetime.timedelta(days=3),
        private_notes="NOTE PRIVÉE DU COACH",
        shared_notes="Notes partagées",
        topics="Sauvegardes",
    )
    intervision = make_intervision(
        cohort, starts_in=datetime.timedelta(days=5), invitees=[(roles["member"], plan.enrolment)]
    )
    mine = make_action(
        plan,
        owner=roles["member"],
        due_on=today + datetime.timedelta(days=4),
        title="Action du membre",
    )
    coach_owned = make_action(
        plan,
        owner=roles["coach"],
        due_on=today + datetime.timedelta(days=6),
        title="Action du coach",
    )
    make_action(plan, owner=roles["member"], due_on=today, title="Finie", status=Action.Status.DONE)
    return {
        "session": session,
        "intervision": intervision,
        "mine": mine,
        "coach_owned": coach_owned,
    }


def test_a_members_feed_holds_sessions_invited_intervisions_and_the_plans_due_dates(
    client, plan, roles, coaching_data
):
    events = _events(_feed(client, roles["member"]))
    name = plan.organisation.name
    assert set(events) == {
        f"Séance d'accompagnement — {name}",
        "Intervision : Intervision : la donnée",
        f"Échéance : Action du membre — {name}",
        f"Échéance : Action du coach — {name}",  # an action of their plan
    }
    session = events[f"Séance d'accompagnement — {name}"]
    assert session["UID"] == f"coaching-session-{coaching_data['session'].pk}@127.0.0.1"
    assert session["DTSTART"].dt == coaching_data["session"].starts_at.replace(microsecond=0)
    assert session["DTSTART"].dt.utcoffset() == datetime.timedelta(0)
    assert session["DTEND"].dt - session["DTSTART"].dt == datetime.timedelta(minutes=90)
    assert "DTSTAMP" in session
    assert str(session["URL"]).endswith(f"/coaching/sessions/{coaching_data['session'].pk}/")
    due = events[f"Échéance : Action du membre — {name}"]
    assert due["DTSTART"].dt == coaching_data["mine"].due_on  # an all-day event
    assert str(due["URL"]).endswith(f"/coaching/actions/{coaching_data['mine'].pk}/")


def test_a_colleague_not_invited_does_not_get_the_intervision(client, plan, roles, coaching_data):
    """Only the member is invited: the admin of the same enterprise has its session and its
    plan's due dates, not the intervision."""
    events = _events(_feed(client, roles["org_admin"]))
    assert f"Séance d'accompagnement — {plan.organisation.name}" in events
    assert "Intervision : Intervision : la donnée" not in events


def test_no_coach_notes_in_any_feed(client, roles, coaching_data):
    for role in ("member", "coach"):
        services.calendar_feed_renew(user=roles[role])
        feed = CalendarFeed.objects.get(user=roles[role])
        body = client.get(reverse("coaching:calendar_feed", kwargs={"token": feed.token}))
        text = body.content.decode().replace("&#x27;", "'")
        assert "Sauvegardes" in text
        assert "NOTE PRIV" not in text and "Notes partag" not in text


def test_a_coachs_feed_holds_their_enterprises_sessions_cohort_intervisions_and_own_actions(
    client, plan, roles, coaching_data
):
    events = _events(_feed(client, roles["coach"]))
    name = plan.organisation.name
    assert set(events) == {
        f"Séance d'accompagnement — {name}",
        "Intervision : Intervision : la donnée",
        f"Échéance : Action du coach — {name}",
    }


def test_a_stranger_sees_nothing_and_who_left_sees_nothing_more(client, plan, roles, coaching_data):
    assert _events(_feed(client, roles["other_org_member"])) == {}
    assert _events(_feed(client, roles["unassigned_coach"])) == {}
    Membership.objects.filter(user=roles["member"]).delete()
    CoachAssignment.objects.filter(coach=roles["coach"]).delete()
    assert _events(_feed(client, roles["member"])) == {}
    assert _events(_feed(client, roles["coach"])) == {}


def test_renewing_the_address_retires_the_old_one(client, user):
    client.force_login(user)
    response = client.post(reverse("coaching:calendar_renew"), follow=True)
    assert "L'adresse de votre agenda est prête" in response.content.decode().replace("&#x27;", "'")
    old = CalendarFeed.objects.get(user=user).token
    assert old in response.content.decode().replace("&#x27;", "'")  # shown to copy
    client.post(reverse("coaching:calendar_renew"))
    new = CalendarFeed.objects.get(user=user).token
    assert new != old
    client.logout()
    assert client.get(reverse("coaching:calendar_feed", kwargs={"token": old})).status_code == 404
    assert client.get(reverse("coaching:calendar_feed", kwargs={"token": new})).status_code == 200


def test_the_settings_page_offers_to_create_the_address_first(client, user):
    client.force_login(user)
    page = client.get(reverse("coaching:calendar_settings")).content.decode().replace("&#x27;", "'")
    assert "Créer mon adresse d'agenda" in page
    assert not CalendarFeed.objects.exists()  # a GET creates nothing


def test_an_unknown_token_or_an_inactive_account_answers_404(client, user):
    assert (
        client.get(reverse("coaching:calendar_feed", kwargs={"token": "nope"})).status_code == 404
    )
    feed = services.calendar_feed_renew(user=user)
    user.is_active = False
    user.save()
    url = reverse("coaching:calendar_feed", kwargs={"token": feed.token})
    assert client.get(url).status_code == 404


@pytest.mark.parametrize("many", [False, True])
def test_the_feed_asks_a_constant_number_of_queries(
    client, cohort, roles, many, django_assert_max_num_queries
):
    today = timezone.localdate()
    count = 8 if many else 1
    for _n in range(count):
        enrolment = enrol(CoachAssignmentFactory(coach=roles["coach"]).organisation, cohort)
        from coaching import services as core

        plan = core.plan_create(enrolment=enrolment, created_by=None)
        make_session(enrolment, coach=roles["coach"], starts_in=datetime.timedelta(days=2))
        make_action(plan, owner=roles["coach"], due_on=today + datetime.timedelta(days=3))
        make_intervision(cohort, starts_in=datetime.timedelta(days=4))
    feed = services.calendar_feed_renew(user=roles["coach"])
    url = reverse("coaching:calendar_feed", kwargs={"token": feed.token})
    with django_assert_max_num_queries(7):
        response = client.get(url)
    assert len(Calendar.from_ical(response.content).walk("VEVENT")) == 3 * count
