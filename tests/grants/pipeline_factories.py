"""Test data of the pipeline: applications made through the services (tests/grants/
factories.py), then dated in the past as if time had passed since their last move."""

import datetime

from django.conf import settings as django_settings
from django.utils import timezone

from grants.models import Application


def days_ago(days: float) -> datetime.datetime:
    return timezone.now() - datetime.timedelta(days=days)


def waited(application: Application, days: float, *, submitted: bool = True) -> Application:
    """As if the application's last move (and its submission) were `days` ago."""
    moment = days_ago(days)
    fields = {"status_changed_at": moment}
    if submitted:
        fields["submitted_at"] = moment
    Application.objects.filter(pk=application.pk).update(**fields)
    application.refresh_from_db()
    return application


def decided(application: Application, moment: datetime.datetime) -> Application:
    Application.objects.filter(pk=application.pk).update(decided_at=moment)
    application.refresh_from_db()
    return application


def in_english(client):
    client.cookies[django_settings.LANGUAGE_COOKIE_NAME] = "en"
    return client
