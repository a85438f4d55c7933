"""Sessions and intervisions for the reminder and calendar tests (their services belong to
the sessions part: written here with the models)."""

import datetime

from django.utils import timezone

from coaching.models import CoachingSession, Intervision, IntervisionInvitation


def make_session(
    enrolment, *, coach, starts_in=datetime.timedelta(hours=20), participants=(), **fields
):
    session = CoachingSession.objects.create(
        enrolment=enrolment,
        coach=coach,
        starts_at=timezone.now() + starts_in,
        topics=fields.pop("topics", "Outils collaboratifs"),
        **fields,
    )
    session.participants.set(participants)
    return session


def make_intervision(cohort, *, starts_in=datetime.timedelta(hours=20), invitees=(), **fields):
    intervision = Intervision.objects.create(
        cohort=cohort,
        title=fields.pop("title", "Intervision : la donnée"),
        starts_at=timezone.now() + starts_in,
        location=fields.pop("location", "Namur, Espace Digital"),
        **fields,
    )
    for user, enrolment in invitees:
        IntervisionInvitation.objects.create(
            intervision=intervision, user=user, enrolment=enrolment
        )
    return intervision
