"""Reminder e-mails: who gets what, once per event, and never after opting out.

Mail goes through the database queue to the locmem outbox (tests/conftest.py)."""

import datetime

import pytest
from django.utils import timezone
from post_office.models import Email

from coaching import services as core
from coaching.models import Action, Cohort, IntervisionInvitation, IntervisionQuestion, ReminderSent
from coaching.reminders import services
from coaching.tasks import send_action_reminders, send_coach_digests, send_session_reminders
from network.models import Membership
from tests.factories import CoachAssignmentFactory

from .factories import make_action
from .reminder_helpers import make_intervision, make_session

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 12, 7)  # a Monday


def _due(plan, owner, days, **fields):
    return make_action(plan, owner=owner, due_on=TODAY + datetime.timedelta(days=days), **fields)


def test_an_owner_is_told_of_an_action_due_within_seven_days(
    plan, roles, mailoutbox, django_capture_on_commit_callbacks
):
    action = _due(plan, roles["member"], 3, title="Choisir un outil de gestion")
    with django_capture_on_commit_callbacks(execute=True):
        assert services.action_reminders_send(today=TODAY) == 1
    [message] = mailoutbox
    assert message.to == [roles["member"].email]
    assert "Choisir un outil de gestion" in message.subject
    assert "10 décembre" in message.subject  # the due date, in French by default
    assert f"/coaching/actions/{action.pk}/" in message.body
    assert "jeudi 10 décembre 2026" in message.body
    assert ReminderSent.objects.get().event == f"action:{action.pk}:2026-12-10"


def test_no_reminder_for_an_action_due_later_done_dropped_or_without_owner(
    plan, roles, mailoutbox, django_capture_on_commit_callbacks
):
    _due(plan, roles["member"], 8)
    _due(plan, roles["member"], 2, status=Action.Status.DONE)
    _due(plan, roles["member"], 2, status=Action.Status.DROPPED)
    _due(plan, None, 2)
    with django_capture_on_commit_callbacks(execute=True):
        assert services.action_reminders_send(today=TODAY) == 0
    assert not mailoutbox


def test_an_overdue_action_is_reminded_the_day_after_once_per_due_date(
    plan, roles, mailoutbox, django_capture_on_commit_callbacks
):
    action = _due(plan, roles["member"], -1, title="Former l'équipe")
    with django_capture_on_commit_callbacks(execute=True):
        services.action_reminders_send(today=TODAY)
        services.action_reminders_send(today=TODAY + datetime.timedelta(days=1))
    assert len(mailoutbox) == 1
    assert "retard" in mailoutbox[0].subject.lower()  # "Action en retard : Former l'équipe"
    assert "Former l'équipe" in mailoutbox[0].subject

    # Postponed: reminded again for the new date, when it comes near, then when it passes.
    core.action_update(
        action=action,
        by=roles["member"],
        version=action.version,
        due_on=TODAY + datetime.timedelta(days=5),
    )
    with django_capture_on_commit_callbacks(execute=True):
        services.action_reminders_send(today=TODAY)
        services.action_reminders_send(today=TODAY + datetime.timedelta(days=6))
    assert len(mailoutbox) == 3
    assert set(ReminderSent.objects.values_list("kind", flat=True)) == {
        ReminderSent.Kind.ACTION_OVERDUE,
        ReminderSent.Kind.ACTION_DUE_SOON,
    }


def test_an_action_overdue_for_more_than_a_week_is_left_to_the_digest(
    plan, roles, mailoutbox, django_capture_on_commit_callbacks
):
    _due(plan, roles["member"], -8)
    with django_capture_on_commit_callbacks(execute=True):
        assert services.action_reminders_send(today=TODAY) == 0


def test_several_actions_of_one_owner_come_in_one_email(
    plan, roles, mailoutbox, django_capture_on_commit_callbacks
):
    first = _due(plan, roles["member"], 1, title="Première")
    second = _due(plan, roles["member"], 6, title="Seconde")
    _due(plan, roles["org_admin"], 2, title="Celle de l'admin")
    with django_capture_on_commit_callbacks(execute=True):
        assert services.action_reminders_send(today=TODAY) == 2
    by_recipient = {m.to[0]: m for m in mailoutbox}
    message = by_recipient[roles["member"].email]
    assert message.subject == "2 actions à échéance dans les 7 jours"
    assert "Première" in message.body and "Seconde" in message.body
    assert "Celle de l'admin" not in message.body
    assert ReminderSent.objects.filter(recipient=roles["member"]).count() == 2
    assert {first.pk, second.pk} == {
        int(e.split(":")[1])
        for e in ReminderSent.objects.filter(recipient=roles["member"]).values_list(
            "event", flat=True
        )
    }


def test_running_the_task_twice_sends_nothing_more(
    plan, roles, mailoutbox, django_capture_on_commit_callbacks, monkeypatch
):
    monkeypatch.setattr(timezone, "localdate", lambda *a, **k: TODAY)
    _due(plan, roles["member"], 2)
    with django_capture_on_commit_callbacks(execute=True):
        assert send_action_reminders.apply().get() == 1
        assert send_action_reminders.apply().get() == 0
    assert len(mailoutbox) == 1
    assert Email.objects.count() == 1


def test_a_reminder_already_recorded_is_not_sent_even_if_the_first_read_missed_it(
    plan, roles, mailoutbox, django_capture_on_commit_callbacks
):
    """The unique constraint decides, not the read before it (another run may have
    inserted the row between the two)."""
    action = _due(plan, roles["member"], 2)
    ReminderSent.objects.create(
        kind=ReminderSent.Kind.ACTION_DUE_SOON,
        event=f"action:{action.pk}:{action.due_on.isoformat()}",
        recipient=roles["member"],
    )
    items = [(f"action:{action.pk}:{action.due_on.isoformat()}", action)]
    with django_capture_on_commit_callbacks(execute=True):
        sent = services._send(
            kind=ReminderSent.Kind.ACTION_DUE_SOON,
            recipient=roles["member"],
            items=items,
            template="email/coaching/action_reminder",
            context=lambda claimed: {"overdue": False, "actions": []},
        )
    assert sent is False
    assert not mailoutbox


def test_turned_off_no_reminder_but_other_mail_still_goes(
    plan, roles, mailoutbox, django_capture_on_commit_callbacks
):
    from network import services as network_services

    services.reminder_preference_set(user=roles["member"], enabled=False)
    _due(plan, roles["member"], 2)
    with django_capture_on_commit_callbacks(execute=True):
        assert services.action_reminders_send(today=TODAY) == 0
        network_services.invitation_create(
            organisation=plan.organisation,
            email=roles["member"].email.replace("@", "+x@"),
            role="member",
            invited_by=roles["org_admin"],
        )
    assert len(mailoutbox) == 1 and "invit" in mailoutbox[0].subject.lower()
    assert not ReminderSent.objects.exists()
    # Back on: reminded.
    services.reminder_preference_set(user=roles["member"], enabled=True)
    with django_capture_on_commit_callbacks(execute=True):
        assert services.action_reminders_send(today=TODAY) == 1


def test_an_owner_who_left_the_organisation_is_not_reminded(
    plan, roles, mailoutbox, django_capture_on_commit_callbacks
):
    _due(plan, roles["member"], 2)
    Membership.objects.filter(user=roles["member"]).delete()
    with django_capture_on_commit_callbacks(execute=True):
        assert services.action_reminders_send(today=TODAY) == 0


def test_no_reminder_for_a_closed_cohort(
    plan, roles, mailoutbox, django_capture_on_commit_callbacks
):
    _due(plan, roles["member"], 2)
    Cohort.objects.update(status=Cohort.Status.CLOSED)
    with django_capture_on_commit_callbacks(execute=True):
        assert services.action_reminders_send(today=TODAY) == 0


def test_every_reminder_carries_an_unsubscribe_link_and_headers(
    plan, roles, mailoutbox, django_capture_on_commit_callbacks
):
    _due(plan, roles["member"], 2)
    with django_capture_on_commit_callbacks(execute=True):
        services.action_reminders_send(today=TODAY)
    [message] = mailoutbox
    token = services.unsubscribe_token(roles["member"])
    assert f"/coaching/reminders/off/{token}/" in message.body
    html = message.alternatives[0][0]
    assert f"/coaching/reminders/off/{token}/" in html
    assert message.extra_headers["List-Unsubscribe"].endswith(f"/coaching/reminders/off/{token}/>")
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"


def test_a_token_names_its_user_and_a_forged_one_nobody(roles):
    token = services.unsubscribe_token(roles["member"])
    assert services.user_from_unsubscribe_token(token) == roles["member"]
    assert services.user_from_unsubscribe_token(token[:-2] + "xx") is None
    assert services.user_from_unsubscribe_token("nothing") is None


# --- sessions and intervisions -----------------------------------------------------------


def test_the_coach_and_participants_are_reminded_of_a_session_the_day_before(
    enrolment, roles, mailoutbox, django_capture_on_commit_callbacks
):
    session = make_session(
        enrolment, coach=roles["coach"], participants=[roles["member"]], private_notes="SECRET"
    )
    make_session(enrolment, coach=roles["coach"], starts_in=datetime.timedelta(hours=30))
    make_session(enrolment, coach=roles["coach"], starts_in=-datetime.timedelta(hours=2))
    with django_capture_on_commit_callbacks(execute=True):
        assert services.session_reminders_send() == 2
        assert send_session_reminders.apply().get() == 0
    assert sorted(m.to[0] for m in mailoutbox) == sorted(
        [roles["coach"].email, roles["member"].email]
    )
    by_recipient = {m.to[0]: m for m in mailoutbox}
    message = by_recipient[roles["member"].email]
    assert f"avec {roles['coach'].display_name}" in message.body
    assert "avec" not in by_recipient[roles["coach"].email].body
    assert enrolment.organisation.name in message.subject
    assert f"/coaching/sessions/{session.pk}/" in message.body
    assert "Outils collaboratifs" in message.body
    assert "SECRET" not in message.body


def test_a_participant_who_left_the_organisation_is_not_reminded(
    enrolment, roles, mailoutbox, django_capture_on_commit_callbacks
):
    make_session(enrolment, coach=roles["coach"], participants=[roles["member"]])
    Membership.objects.filter(user=roles["member"]).delete()
    with django_capture_on_commit_callbacks(execute=True):
        assert services.session_reminders_send() == 1
    assert [m.to for m in mailoutbox] == [[roles["coach"].email]]


def test_a_rescheduled_session_is_reminded_again(
    enrolment, roles, mailoutbox, django_capture_on_commit_callbacks
):
    session = make_session(enrolment, coach=roles["coach"])
    with django_capture_on_commit_callbacks(execute=True):
        services.session_reminders_send()
    session.starts_at += datetime.timedelta(hours=2)
    session.save()
    with django_capture_on_commit_callbacks(execute=True):
        services.session_reminders_send()
    assert len(mailoutbox) == 2


def test_intervision_invitees_not_excused_are_reminded(
    cohort, enrolment, roles, mailoutbox, django_capture_on_commit_callbacks
):
    intervision = make_intervision(
        cohort, invitees=[(roles["member"], enrolment), (roles["org_admin"], enrolment)]
    )
    IntervisionInvitation.objects.filter(user=roles["org_admin"]).update(
        attendance=IntervisionInvitation.Attendance.EXCUSED
    )
    with django_capture_on_commit_callbacks(execute=True):
        assert services.session_reminders_send() == 1
        assert services.session_reminders_send() == 0
    [message] = mailoutbox
    assert message.to == [roles["member"].email]
    assert "la donnée" in message.subject
    assert f"/coaching/intervisions/{intervision.pk}/" in message.body
    assert "Namur, Espace Digital" in message.body


# --- the weekly digest -------------------------------------------------------------------


def test_a_coach_gets_a_weekly_digest_of_their_enterprises_once(
    cohort, plan, roles, mailoutbox, django_capture_on_commit_callbacks, monkeypatch
):
    today = timezone.localdate()
    overdue = make_action(
        plan,
        owner=roles["member"],
        due_on=today - datetime.timedelta(days=20),
        title="Inventorier le parc",
    )
    make_action(
        plan,
        owner=roles["member"],
        due_on=today + datetime.timedelta(days=3),
        title="Choisir un hébergeur",
    )
    make_action(
        plan, owner=roles["member"], due_on=today + datetime.timedelta(days=30), title="Plus tard"
    )
    make_session(
        plan.enrolment,
        coach=roles["coach"],
        starts_in=datetime.timedelta(days=2),
        topics="Sauvegardes",
    )
    intervision = make_intervision(cohort, starts_in=datetime.timedelta(days=4))
    IntervisionQuestion.objects.create(intervision=intervision, text="Quel CRM ?")
    # Another coach's enterprise stays out of this coach's digest.
    other = make_action(
        core.plan_create(
            enrolment=core.enrolment_create(
                cohort=cohort, organisation=CoachAssignmentFactory().organisation
            ),
            created_by=None,
        ),
        by=None,
        title="Ailleurs",
        due_on=today,
    )
    with django_capture_on_commit_callbacks(execute=True):
        assert send_coach_digests.apply().get() == 2
        assert services.coach_digests_send() == 0
    message = next(m for m in mailoutbox if m.to == [roles["coach"].email])
    assert plan.organisation.name in message.body
    assert (
        "Inventorier le parc" in message.body and f"/coaching/actions/{overdue.pk}/" in message.body
    )
    assert "Choisir un hébergeur" in message.body
    assert "Plus tard" not in message.body
    assert "Sauvegardes" in message.body
    assert "1 question posée, 1 pas encore reprise" in message.body
    assert other.title not in message.body
    assert ReminderSent.objects.filter(recipient=roles["coach"]).get().event == (
        services.digest_event(today)
    )


def test_a_coach_with_nothing_this_week_gets_no_digest(
    plan, roles, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        assert services.coach_digests_send() == 0
    assert not mailoutbox


def test_the_digest_asks_a_constant_number_of_queries(cohort, roles, django_assert_max_num_queries):
    from coaching.reminders import selectors

    from .factories import enrol

    today = timezone.localdate()
    for _n in range(6):
        assignment = CoachAssignmentFactory(coach=roles["coach"])
        p = core.plan_create(enrolment=enrol(assignment.organisation, cohort), created_by=None)
        for days in (-3, 1, 2):
            make_action(p, due_on=today + datetime.timedelta(days=days))
        make_session(p.enrolment, coach=roles["coach"], starts_in=datetime.timedelta(days=1))
    make_intervision(cohort, starts_in=datetime.timedelta(days=2))
    with django_assert_max_num_queries(6):
        digests = selectors.coach_digests(today)
        [digest] = digests
        assert digest.overdue_count == 6 and digest.due_count == 12
        assert len(digest.intervisions) == 1


def test_reminders_in_english_templates_render(plan, roles):
    """The templates have their English source (the language of the other locale)."""
    from django.template.loader import render_to_string
    from django.utils import translation

    action = _due(plan, roles["member"], 2, title="Plan")
    with translation.override("en"):
        subject = render_to_string(
            "email/coaching/action_reminder_subject.txt",
            {"overdue": False, "actions": [services._action_line(action)]},
        )
    assert subject.strip() == f"Action due on {action.due_on:%-d} December: Plan"


def test_a_deactivated_owner_is_not_reminded(
    plan, roles, mailoutbox, django_capture_on_commit_callbacks
):
    _due(plan, roles["member"], 2)
    roles["member"].is_active = False
    roles["member"].save(update_fields=["is_active"])
    with django_capture_on_commit_callbacks(execute=True):
        assert services.action_reminders_send(today=TODAY) == 0
    assert not mailoutbox
    assert not ReminderSent.objects.exists()
