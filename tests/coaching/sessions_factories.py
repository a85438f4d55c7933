"""Sessions and intervisions for tests, written through the sessions' services."""

import datetime

from django.utils import timezone

from coaching.models import Intervision
from coaching.sessions import services


def when(days: float, hour: int = 10) -> datetime.datetime:
    """Today at `hour` (Brussels), `days` days away."""
    return timezone.localtime().replace(hour=hour, minute=0, second=0, microsecond=0) + (
        datetime.timedelta(days=days)
    )


def make_session(enrolment, *, coach=None, days=-2, **fields):
    if coach is None:
        coach = enrolment.organisation.coach_assignments.first().coach
    fields.setdefault("duration_minutes", 90)
    fields.setdefault("topics", "Outils collaboratifs")
    return services.session_create(enrolment=enrolment, coach=coach, starts_at=when(days), **fields)


def make_intervision(cohort, *, by=None, days=5, invite=True, **fields):
    """An intervision `days` away (created in the future, then moved if in the past: one
    that already took place), its cohort's people invited."""
    fields.setdefault("title", "Intervision")
    intervision = services.intervision_create(
        cohort=cohort, organised_by=by, starts_at=when(max(days, 1)), **fields
    )
    if invite:
        services.intervision_invite(intervision=intervision, by=by)
    if days < 1:
        Intervision.objects.filter(pk=intervision.pk).update(starts_at=when(days))
        intervision.refresh_from_db()
    return intervision
