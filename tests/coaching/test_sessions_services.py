"""Sessions and intervisions' writes and the two reads the dashboards call."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from coaching.models import (
    Action,
    CoachingSession,
    Intervision,
    IntervisionInvitation,
    IntervisionQuestion,
)
from coaching.sessions import selectors, services
from tests.factories import MembershipFactory, OrganisationFactory, UserFactory

from .factories import enrol
from .sessions_factories import make_intervision, make_session, when

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(roles):
    return roles


@pytest.fixture
def deliver(django_capture_on_commit_callbacks):
    """`with deliver():` mail queued inside is delivered as on commit (into `mailoutbox`)."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


# --- Sessions --------------------------------------------------------------------------


def test_a_session_is_logged_with_its_notes(enrolment, people):
    session = make_session(
        enrolment, shared_notes="Pour tous", private_notes="Pour le coach", next_steps="A\n\nB"
    )
    session.refresh_from_db()
    assert (session.coach, session.shared_notes, session.private_notes) == (
        people["coach"],
        "Pour tous",
        "Pour le coach",
    )
    assert session.next_step_list == ["A", "B"]


@pytest.mark.parametrize("minutes", [0, 601])
def test_a_duration_out_of_range_is_refused(enrolment, people, minutes):
    with pytest.raises(ValidationError) as error:
        make_session(enrolment, duration_minutes=minutes)
    assert "duration_minutes" in error.value.message_dict
    assert not CoachingSession.objects.exists()


def test_a_session_outside_the_cohort_is_refused(enrolment, people):
    with pytest.raises(ValidationError) as error:
        make_session(enrolment, days=-60)  # the cohort started 20 days ago
    assert "starts_at" in error.value.message_dict


def test_the_coach_is_one_of_the_enterprise_s_coaches(enrolment, people):
    with pytest.raises(ValidationError) as error:
        make_session(enrolment, coach=people["unassigned_coach"])
    assert "coach" in error.value.message_dict
    assert not CoachingSession.objects.exists()


def test_participants_are_the_enterprise_s_members(enrolment, people):
    with pytest.raises(ValidationError) as error:
        make_session(enrolment, days=7, participants=[people["other_org_member"]])
    assert "participants" in error.value.message_dict
    session = make_session(enrolment, days=7, participants=[people["member"]])
    assert list(session.participants.all()) == [people["member"]]


def test_an_update_is_checked_like_a_creation(enrolment, people):
    session = make_session(enrolment)
    with pytest.raises(ValidationError):
        services.session_update(session=session, duration_minutes=0)
    session.refresh_from_db()
    assert session.duration_minutes == 90
    services.session_update(session=session, topics="Cybersécurité", participants=[])
    session.refresh_from_db()
    assert session.topics == "Cybersécurité"


def test_a_next_step_becomes_an_action_once(plan, people):
    session = make_session(plan.enrolment, next_steps="Choisir un outil\nFormer l'équipe")
    action, created = services.session_step_action(session=session, index=1, by=people["coach"])
    again, created_again = services.session_step_action(
        session=session, index=1, by=people["coach"]
    )
    assert (created, created_again) == (True, False)
    assert again == action
    assert (action.title, action.from_session, action.plan) == ("Former l'équipe", session, plan)
    assert Action.objects.filter(from_session=session).count() == 1


def test_a_next_step_needs_a_plan(enrolment, people):
    session = make_session(enrolment, next_steps="Choisir un outil")
    with pytest.raises(ValidationError) as error:
        services.session_step_action(session=session, index=0, by=people["coach"])
    assert error.value.code == "no_plan"
    assert not Action.objects.exists()


def test_an_unknown_next_step_is_refused(plan, people):
    session = make_session(plan.enrolment, next_steps="Choisir un outil")
    with pytest.raises(ValidationError):
        services.session_step_action(session=session, index=3, by=people["coach"])


# --- Hours and last contact ------------------------------------------------------------


def test_hours_count_the_sessions_held_only(enrolment, people):
    other = enrol(OrganisationFactory(), enrolment.cohort)
    make_session(enrolment, days=-3, duration_minutes=90)
    make_session(enrolment, days=-1, duration_minutes=50)
    make_session(enrolment, days=3, duration_minutes=120)  # planned: not used yet
    hours = selectors.hours_by_enrolment([enrolment.pk, other.pk])
    assert hours == {enrolment.pk: Decimal("2.3"), other.pk: Decimal("0.0")}


def test_last_contact_is_the_last_session_held(enrolment, people):
    other = enrol(OrganisationFactory(), enrolment.cohort)
    make_session(enrolment, days=-3)
    last = make_session(enrolment, days=-1)
    make_session(enrolment, days=3)
    contacts = selectors.last_contact_by_enrolment([enrolment.pk, other.pk])
    assert contacts == {enrolment.pk: last.starts_at, other.pk: None}


def test_hours_and_last_contact_take_one_query_each(enrolment, people, django_assert_num_queries):
    ids = [enrolment.pk] + [enrol(OrganisationFactory(), enrolment.cohort).pk for _ in range(3)]
    make_session(enrolment)
    with django_assert_num_queries(1):
        selectors.hours_by_enrolment(ids)
    with django_assert_num_queries(1):
        selectors.last_contact_by_enrolment(ids)


# --- Intervisions ----------------------------------------------------------------------


def test_by_default_every_member_of_every_enterprise_is_invited_once(
    enrolment, people, mailoutbox, deliver
):
    second = enrol(OrganisationFactory(), enrolment.cohort)
    colleague = MembershipFactory(organisation=second.organisation).user
    intervision = make_intervision(enrolment.cohort, by=people["coach"], invite=False)
    with deliver():
        services.intervision_invite(intervision=intervision, by=people["coach"])
    invited = set(intervision.invitations.values_list("user", "enrolment"))
    assert invited == {
        (people["member"].pk, enrolment.pk),
        (people["org_admin"].pk, enrolment.pk),
        (colleague.pk, second.pk),
    }
    assert sorted(m.to[0] for m in mailoutbox) == sorted(
        [people["member"].email, people["org_admin"].email, colleague.email]
    )
    assert intervision.title in mailoutbox[0].subject
    path = reverse("coaching:intervision_detail", kwargs={"pk": intervision.pk})
    assert path in mailoutbox[0].body  # where to post questions before it
    # Inviting again adds nobody and sends nothing more.
    with deliver():
        assert services.intervision_invite(intervision=intervision, by=people["coach"]) == []
    assert len(mailoutbox) == 3


def test_a_coach_invites_chosen_people_or_whole_teams(enrolment, people, mailoutbox, deliver):
    second = enrol(OrganisationFactory(), enrolment.cohort)
    colleague = MembershipFactory(organisation=second.organisation).user
    intervision = make_intervision(enrolment.cohort, invite=False)
    with deliver():
        services.intervision_invite(intervision=intervision, by=None, users=[people["org_admin"]])
        services.intervision_invite(
            intervision=intervision, by=None, organisations=[second.organisation]
        )
    assert set(intervision.invitations.values_list("user", flat=True)) == {
        people["org_admin"].pk,
        colleague.pk,
    }
    assert len(mailoutbox) == 2


def test_a_stranger_to_the_cohort_cannot_be_invited(enrolment, people, mailoutbox):
    intervision = make_intervision(enrolment.cohort, invite=False)
    with pytest.raises(ValidationError):
        services.intervision_invite(
            intervision=intervision, by=None, users=[people["member"], people["other_org_member"]]
        )
    assert not intervision.invitations.exists()
    assert mailoutbox == []


def test_nobody_is_invited_once_it_has_started(enrolment, people):
    intervision = make_intervision(enrolment.cohort, days=-1, invite=False)
    with pytest.raises(ValidationError):
        services.intervision_invite(intervision=intervision, by=None)
    assert not intervision.invitations.exists()


def test_attendance_is_recorded_in_every_state(enrolment, people):
    intervision = make_intervision(enrolment.cohort, days=-1)
    member, admin = (
        intervision.invitations.get(user=people["member"]),
        intervision.invitations.get(user=people["org_admin"]),
    )
    services.intervision_record_attendance(
        intervision=intervision, attendance={member.pk: "present", admin.pk: "excused"}
    )
    member.refresh_from_db()
    admin.refresh_from_db()
    assert (member.attendance, admin.attendance) == ("present", "excused")


def test_attendance_waits_for_the_start(enrolment, people):
    intervision = make_intervision(enrolment.cohort, days=2)
    invitation = intervision.invitations.first()
    with pytest.raises(ValidationError) as error:
        services.intervision_record_attendance(
            intervision=intervision, attendance={invitation.pk: "present"}
        )
    assert error.value.code == "not_started"
    invitation.refresh_from_db()
    assert invitation.attendance == "invited"


def test_attendance_of_someone_not_invited_changes_nothing(enrolment, people):
    intervision = make_intervision(enrolment.cohort, days=-1)
    elsewhere = make_intervision(enrolment.cohort, days=-2)
    own = intervision.invitations.first()
    foreign = elsewhere.invitations.first()
    with pytest.raises(ValidationError) as error:
        services.intervision_record_attendance(
            intervision=intervision, attendance={own.pk: "present", foreign.pk: "present"}
        )
    assert error.value.code == "not_invited"
    assert set(IntervisionInvitation.objects.values_list("attendance", flat=True)) == {"invited"}


def test_an_unknown_attendance_is_refused(enrolment, people):
    intervision = make_intervision(enrolment.cohort, days=-1)
    own = intervision.invitations.first()
    with pytest.raises(ValidationError):
        services.intervision_record_attendance(intervision=intervision, attendance={own.pk: "late"})
    own.refresh_from_db()
    assert own.attendance == "invited"


def test_the_summary_is_e_mailed_once(enrolment, people, mailoutbox, deliver):
    intervision = make_intervision(enrolment.cohort, days=-1)
    mailoutbox.clear()
    with deliver():
        assert services.intervision_share_summary(intervision=intervision, summary="Appris : X")
    assert sorted(m.to[0] for m in mailoutbox) == sorted(
        [people["member"].email, people["org_admin"].email]
    )
    assert "Appris : X" in mailoutbox[0].body
    with deliver():
        assert not services.intervision_share_summary(intervision=intervision, summary="Appris : Y")
    assert len(mailoutbox) == 2
    intervision.refresh_from_db()
    assert intervision.summary == "Appris : Y"


def test_the_summary_comes_after_the_start(enrolment, people, mailoutbox):
    intervision = make_intervision(enrolment.cohort, days=2)
    mailoutbox.clear()
    with pytest.raises(ValidationError):
        services.intervision_share_summary(intervision=intervision, summary="Trop tôt")
    intervision.refresh_from_db()
    assert (intervision.summary, intervision.summary_shared_at, mailoutbox) == ("", None, [])


def test_an_intervision_s_duration_is_checked(cohort):
    with pytest.raises(ValidationError) as error:
        services.intervision_create(
            cohort=cohort, organised_by=None, title="X", starts_at=when(3), duration_minutes=0
        )
    assert "duration_minutes" in error.value.message_dict
    assert not Intervision.objects.exists()


# --- Questions -------------------------------------------------------------------------


def test_an_anonymous_question_keeps_no_author(enrolment, people):
    intervision = make_intervision(enrolment.cohort)
    services.question_ask(
        intervision=intervision,
        asked_by=people["member"],
        text="Par où commencer ?",
        anonymous=True,
    )
    stored = IntervisionQuestion.objects.get()
    assert stored.author_id is None
    assert stored.text == "Par où commencer ?"


def test_a_named_question_keeps_its_author_and_theme(enrolment, people):
    intervision = make_intervision(enrolment.cohort)
    question = services.question_ask(
        intervision=intervision, asked_by=people["member"], text="Sauvegardes ?", theme="security"
    )
    assert (question.author, question.theme) == (people["member"], "security")


def test_a_question_after_the_start_is_refused(enrolment, people):
    intervision = make_intervision(enrolment.cohort, days=-1)
    with pytest.raises(ValidationError) as error:
        services.question_ask(intervision=intervision, asked_by=people["member"], text="Trop tard")
    assert error.value.code == "started"
    assert not IntervisionQuestion.objects.exists()


def test_a_question_comes_from_the_cohort_s_people(enrolment, people):
    intervision = make_intervision(enrolment.cohort)
    for outsider in (people["other_org_member"], people["coach"], UserFactory()):
        with pytest.raises(ValidationError):
            services.question_ask(intervision=intervision, asked_by=outsider, text="Moi ?")
    assert not IntervisionQuestion.objects.exists()


def test_an_unknown_theme_is_refused(enrolment, people):
    intervision = make_intervision(enrolment.cohort)
    with pytest.raises(ValidationError) as error:
        services.question_ask(
            intervision=intervision, asked_by=people["member"], text="?", theme="astrology"
        )
    assert "theme" in error.value.message_dict


def test_questions_are_grouped_by_theme(enrolment, people):
    intervision = make_intervision(enrolment.cohort)
    for text, theme in [("A", "security"), ("B", ""), ("C", "security"), ("D", "tools")]:
        services.question_ask(
            intervision=intervision, asked_by=people["member"], text=text, theme=theme
        )
    groups = selectors.questions_by_theme(intervision)
    by_theme = {group.theme: [q.text for q in group.questions] for group in groups}
    assert by_theme == {"security": ["A", "C"], "tools": ["D"], "": ["B"]}
    assert groups[-1].theme == ""  # those without a theme come last


def test_a_question_is_marked_taken_up_and_back(enrolment, people):
    intervision = make_intervision(enrolment.cohort)
    question = services.question_ask(intervision=intervision, asked_by=people["member"], text="?")
    services.question_take_up(question=question, taken_up=True)
    question.refresh_from_db()
    assert question.taken_up_at is not None
    services.question_take_up(question=question, taken_up=False)
    question.refresh_from_db()
    assert question.taken_up_at is None


def test_dates_are_compared_in_brussels(enrolment, people):
    # The cohort's last day counts whole, in local time.
    cohort = enrolment.cohort
    last = datetime.datetime.combine(cohort.ends_on, datetime.time(23, 30))
    from django.utils import timezone

    services.intervision_create(
        cohort=cohort,
        organised_by=None,
        title="Clôture",
        starts_at=timezone.make_aware(last),
    )
    assert Intervision.objects.filter(title="Clôture").exists()
