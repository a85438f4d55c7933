"""The decision letter: a PDF rendered by a Celery task (digitalees.jobs: claimed by a
conditional update, no lock held while rendering, queued again when its message is lost),
attached to the application and e-mailed to its admins once ready."""

from celery import current_app
from django.conf import settings
from django.db import transaction

from .models import Application, DecisionLetter

RENDER_TASK = "grants.tasks.render_decision_letter"


def letter_request(application: Application, *, decision: str, language: str | None = None):
    """A pending letter for `decision`, queued for rendering once the transaction commits
    (robust: a broker that is down fails nothing; the periodic task queues it again)."""
    letter = DecisionLetter.objects.create(
        application=application,
        decision=decision,
        language=language or settings.LANGUAGE_CODE,
    )
    letter_id = letter.pk
    transaction.on_commit(lambda: _enqueue(letter_id), robust=True)
    return letter


def _enqueue(letter_id: int) -> None:
    current_app.signature(RENDER_TASK, args=[letter_id]).delay()
