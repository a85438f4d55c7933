"""Attendance certificates: a PDF per person recorded present, rendered by a Celery task
(digitalees.jobs, as grants.letters: claimed by a conditional update, rendered holding no
lock, queued again when its message is lost) and e-mailed with the PDF attached once ready,
with a signed link to download it again."""

import secrets
from pathlib import Path

from celery import current_app
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.text import slugify
from django.utils.translation import gettext as _

from digitalees import jobs
from digitalees.mail import send_templated_mail
from digitalees.pdf import pdf_render

from ..models import AttendanceStatus, Certificate, Event, Registration, RegistrationStatus

RENDER_TASK = "network.events.tasks.render_certificate"
TEMPLATE = "network/events/certificate.html"
STYLESHEET = Path(settings.BASE_DIR) / "templates" / "network" / "events" / "certificate.css"
MAIL_TEMPLATE = "email/network/events_certificate"
AGENCY_NAME = "Agence du Numérique"


def certificates_issue(*, event: Event) -> list[Certificate]:
    """A pending certificate for each person recorded present who has none yet, each
    queued for rendering once the transaction commits."""
    if event.starts_at > timezone.now():
        raise ValidationError(
            _("Certificates are issued once the event has taken place."), code="too_early"
        )
    present = Registration.objects.filter(
        event=event,
        status=RegistrationStatus.CONFIRMED,
        attendance=AttendanceStatus.PRESENT,
        certificate__isnull=True,
    )
    created = []
    with transaction.atomic():
        for registration in present.select_for_update(of=("self",)):
            certificate = Certificate.objects.create(
                registration=registration, language=registration.language
            )
            created.append(certificate)
        ids = [c.pk for c in created]
        transaction.on_commit(lambda: [_enqueue(pk) for pk in ids], robust=True)
    if not created:
        raise ValidationError(
            _(
                "Everyone recorded present already has a certificate, or nobody is "
                "recorded present."
            ),
            code="nothing",
        )
    return created


def _enqueue(certificate_id: int) -> None:
    current_app.signature(RENDER_TASK, args=[certificate_id]).delay()


def certificate_claim(certificate_id: int, *, token: str) -> Certificate | None:
    return jobs.job_claim(
        Certificate.objects.select_related("registration__event", "registration__organisation"),
        certificate_id,
        token=token,
    )


def certificate_render(certificate: Certificate, *, token: str = "") -> Certificate | None:
    pdf = certificate_pdf(certificate)
    return certificate if certificate_finish(certificate, pdf=pdf, token=token) else None


def certificate_finish(certificate: Certificate, *, pdf: bytes, token: str) -> bool:
    """Store the PDF and, if the attempt still holds the job, mark it ready and queue its
    e-mail with the PDF attached (one transaction); else the file is deleted."""
    from .services import certificate_url

    certificate.file.save(f"{secrets.token_urlsafe(16)}.pdf", ContentFile(pdf), save=False)
    now = timezone.now()
    with transaction.atomic():
        held = Certificate.objects.filter(
            pk=certificate.pk, status=Certificate.Status.PENDING, claim_token=token
        ).update(
            status=Certificate.Status.READY,
            file=certificate.file.name,
            ready_at=now,
            error="",
            claim_token="",
            claimed_at=None,
        )
        if held:
            certificate.status, certificate.ready_at = Certificate.Status.READY, now
            if certificate.mailed_at is None:
                registration = certificate.registration
                send_templated_mail(
                    template=MAIL_TEMPLATE,
                    to=[registration.email],
                    context={
                        "registration": registration,
                        "event_title": _title(registration.event, certificate.language),
                        "download_path": certificate_url(certificate),
                    },
                    language=certificate.language,
                    attachments=[(certificate_filename(certificate), pdf, "application/pdf")],
                )
                Certificate.objects.filter(pk=certificate.pk).update(mailed_at=now)
                certificate.mailed_at = now
            return True
    if certificate.file.name:
        certificate.file.storage.delete(certificate.file.name)
    return False


def certificate_fail(certificate_id: int, *, token: str, error: str, final: bool) -> None:
    jobs.job_fail(Certificate, certificate_id, token=token, error=error, final=final)


def certificate_requeue_stale() -> int:
    return jobs.job_requeue_stale(Certificate, enqueue=_enqueue)


def certificate_retry(certificate: Certificate) -> Certificate:
    """Render a failed certificate again (agency staff)."""
    if certificate.status != Certificate.Status.FAILED:
        raise ValidationError(
            _("This certificate has not failed: there is nothing to render again."),
            code="not_failed",
        )
    with transaction.atomic():
        jobs.job_restart(certificate)
        pk = certificate.pk
        transaction.on_commit(lambda: _enqueue(pk), robust=True)
    certificate.refresh_from_db()
    return certificate


def _title(event: Event, language: str) -> str:
    return getattr(event, f"title_{language}", "") or event.title_fr


def certificate_html(certificate: Certificate) -> str:
    registration = certificate.registration
    event = registration.event
    with translation.override(certificate.language):
        return render_to_string(
            TEMPLATE,
            {
                "certificate": certificate,
                "registration": registration,
                "event": event,
                "event_title": _title(event, certificate.language),
                "organisation_name": registration.organisation_name,
                "agency_name": AGENCY_NAME,
                "issued_on": timezone.localdate(),
            },
        )


def certificate_pdf(certificate: Certificate) -> bytes:
    return pdf_render(certificate_html(certificate), stylesheet=STYLESHEET)


def certificate_filename(certificate: Certificate) -> str:
    registration = certificate.registration
    name = slugify(registration.full_name) or "participant"
    return f"digitalees-attestation-{registration.event.slug}-{name}.pdf"
