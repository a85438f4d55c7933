"""The decision letter: a PDF rendered by a Celery task (digitalees.jobs: claimed by a
conditional update, no lock held while rendering, queued again when its message is lost),
attached to the application and e-mailed to its admins once ready.

The letter's row is the job. Rendering happens outside any transaction; marking it ready
and queuing the e-mail with the PDF attached happen in one transaction, and only if the
attempt still holds the job: a letter is e-mailed once, and the queued message (with its
attachment) survives a broker outage like any other (digitalees.mail).
"""

import secrets
from pathlib import Path

from celery import current_app
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from digitalees import jobs
from digitalees.mail import send_templated_mail
from digitalees.pdf import pdf_render

from . import amounts
from .models import Application, DecisionLetter, Status

RENDER_TASK = "grants.tasks.render_decision_letter"
TEMPLATE = "grants/decisions/letter.html"
STYLESHEET = Path(settings.BASE_DIR) / "templates" / "grants" / "decisions" / "letter.css"
MAIL_TEMPLATE = "email/grants/decisions_letter"
# The agency that signs the letters (its letterhead).
AGENCY_NAME = "Agence du Numérique"
AGENCY_ADDRESS = "Avenue Prince de Liège 133, 5100 Jambes"


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


def letter_claim(letter_id: int, *, token: str) -> DecisionLetter | None:
    """Claim a pending letter for the render attempt `token` (see jobs.job_claim)."""
    return jobs.job_claim(
        DecisionLetter.objects.select_related(
            "application__call", "application__organisation", "application__decided_by"
        ),
        letter_id,
        token=token,
    )


def letter_render(letter: DecisionLetter, *, token: str = "") -> DecisionLetter | None:
    """Render the PDF of a letter claimed by `token` (outside any transaction, holding no
    lock), store it, mark it ready and e-mail it; None when it was taken over meanwhile."""
    pdf = letter_pdf(letter)
    return letter if letter_finish(letter, pdf=pdf, token=token) else None


def letter_finish(letter: DecisionLetter, *, pdf: bytes, token: str) -> bool:
    """Store the PDF and, if the attempt `token` still holds the letter, mark it ready and
    queue the e-mail to the organisation's admins with the PDF attached (one transaction);
    else the file is deleted."""
    from .notify import applicant_emails

    letter.file.save(f"{secrets.token_urlsafe(16)}.pdf", ContentFile(pdf), save=False)
    now = timezone.now()
    with transaction.atomic():
        held = DecisionLetter.objects.filter(
            pk=letter.pk, status=DecisionLetter.Status.PENDING, claim_token=token
        ).update(
            status=DecisionLetter.Status.READY,
            file=letter.file.name,
            ready_at=now,
            error="",
            claim_token="",
            claimed_at=None,
        )
        if held:
            letter.status, letter.ready_at, letter.error = DecisionLetter.Status.READY, now, ""
            to = applicant_emails(letter.application)
            if to and letter.mailed_at is None:
                _mail(letter, pdf, to)
                DecisionLetter.objects.filter(pk=letter.pk).update(mailed_at=now)
                letter.mailed_at = now
            return True
    if letter.file.name:
        letter.file.storage.delete(letter.file.name)
    return False


def _mail(letter: DecisionLetter, pdf: bytes, to: list[str]) -> None:
    application = letter.application
    context = {
        "reference": application.reference,
        "title": application.title,
        "organisation_name": application.organisation.name,
        "call_title": getattr(application.call, f"title_{letter.language}", "")
        or application.call.title_fr,
        "approved": letter.decision == Status.APPROVED,
        "application_path": reverse("grants:application_detail", kwargs={"pk": application.pk}),
    }
    for address in to:
        send_templated_mail(
            template=MAIL_TEMPLATE,
            to=[address],
            context=context,
            language=letter.language,
            attachments=[(letter_filename(letter), pdf, "application/pdf")],
        )


def letter_fail(letter_id: int, *, token: str, error: str, final: bool) -> None:
    """Record why rendering failed (see jobs.job_fail)."""
    jobs.job_fail(DecisionLetter, letter_id, token=token, error=error, final=final)


def letter_requeue_stale() -> int:
    """Queue again each pending letter that no live worker renders (jobs.job_requeue_stale).
    Run by the periodic task; returns how many were queued."""
    return jobs.job_requeue_stale(DecisionLetter, enqueue=_enqueue)


def letter_retry(letter: DecisionLetter) -> DecisionLetter:
    """Render a failed letter again (agency staff): pending again, queued on commit. Its
    e-mail goes once, when it is first ready."""
    if letter.status != DecisionLetter.Status.FAILED:
        raise ValidationError(
            _("This letter has not failed: there is nothing to render again."), code="not_failed"
        )
    with transaction.atomic():
        jobs.job_restart(letter)
        letter_id = letter.pk
        transaction.on_commit(lambda: _enqueue(letter_id), robust=True)
    letter.refresh_from_db()
    return letter


def letter_pdf(letter: DecisionLetter) -> bytes:
    return pdf_render(letter_html(letter), stylesheet=STYLESHEET)


def letter_context(letter: DecisionLetter) -> dict:
    application = letter.application
    approved = letter.decision == Status.APPROVED
    amount = application.approved_amount if approved else None
    decided_on = timezone.localdate(application.decided_at or letter.created_at)
    signatory = application.decided_by
    return {
        "letter": letter,
        "application": application,
        "organisation": application.organisation,
        "call": application.call,
        "approved": approved,
        "amount": amount,
        "rate": application.call.cofinancing_rate,
        "advance": amounts.advance_of(application) if approved else None,
        "balance": (amount - amounts.advance_of(application)) if amount is not None else None,
        "decided_on": decided_on,
        "signatory": (signatory.get_full_name() or signatory.email) if signatory else "",
        "agency_name": AGENCY_NAME,
        "agency_address": AGENCY_ADDRESS,
    }


def letter_html(letter: DecisionLetter) -> str:
    with translation.override(letter.language):
        return render_to_string(TEMPLATE, letter_context(letter))


def letter_filename(letter: DecisionLetter) -> str:
    """digitalees-decision-<reference>-<language>.pdf"""
    return f"digitalees-decision-{letter.application.reference}-{letter.language}.pdf"
