"""Every e-mail is three templates (subject, plain text, HTML) sent through one helper.

Sending writes the message to the database (django-post-office's Email table) in the
transaction of what caused it: an invitation and its e-mail are committed together or not at
all. Once that commits, a worker is asked to deliver it; the periodic task
`deliver_queued_mail` delivers whatever is still due (the broker was down, a worker died, the
mail server refused it), each message once: a worker claims a message with a conditional
update before sending it. post_office's own sender (`send_queued_mail`) is not used: it
claims no row, relying on a file lock that holds on one machine only, and retries at a fixed
interval.
"""

import logging
import sys
import time
from contextvars import ContextVar
from datetime import timedelta

from celery import current_app
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import DisallowedHost
from django.core.files.base import ContentFile
from django.core.mail import EmailMultiAlternatives, get_connection
from django.core.mail.backends.base import BaseEmailBackend
from django.core.mail.backends.console import EmailBackend as ConsoleBackend
from django.core.mail.backends.filebased import EmailBackend as FileBackend
from django.db import transaction
from django.db.models import Q
from django.http import HttpRequest
from django.template.loader import render_to_string
from django.utils import timezone, translation
from post_office import mail as post_office_mail
from post_office.connections import connections
from post_office.models import STATUS, Email, Log
from post_office.settings import get_default_mailer, get_max_retries, get_retry_timedelta
from post_office.utils import cleanup_expired_mails, create_attachments

logger = logging.getLogger(__name__)

# Enqueued by name: digitalees.tasks imports this module.
DELIVER_TASK = "digitalees.tasks.deliver_mail"
# Other workers leave a claimed message alone this long: longer than the delivery task's hard
# time limit, after which the claim is dead (its worker was killed) and the message is due.
CLAIM = timedelta(minutes=5)
DUE_STATUSES = (STATUS.queued, STATUS.requeued)
# Messages hold invitation, access and password-reset links: kept for the admin's "was it
# sent?" no longer than the longest of them is valid (an access link, 60 days).
KEEP = timedelta(days=60)

# The request being answered, if any (set by middleware.RequestOriginMiddleware): an e-mail
# sent while answering it links to the site as its browser reached it, like allauth's own.
current_request: ContextVar[HttpRequest | None] = ContextVar("current_request", default=None)


def site_url() -> str:
    """The site's address, without a trailing slash, for links in e-mails: the origin of the
    request being answered (its host checked against ALLOWED_HOSTS), else SITE_URL (a
    background task has no request)."""
    request = current_request.get()
    if request is not None:
        try:
            return request.build_absolute_uri("/").rstrip("/")
        except DisallowedHost:
            pass
    return settings.SITE_URL


def absolute_url(path: str) -> str:
    """`path` (from reverse(), starting with /) as a link that works from an e-mail."""
    return site_url() + path


def _recipient_name(to: list[str]) -> str:
    """The name of the one person a message goes to, if they have an account with a name:
    the greeting uses it ("Bonjour Anne Dubois,")."""
    if len(to) != 1:
        return ""
    user = get_user_model().objects.filter(email__iexact=to[0]).first()
    return user.get_full_name() if user is not None else ""


def send_templated_mail(
    *,
    template: str,
    to: list[str],
    context: dict,
    language: str | None = None,
    headers: dict[str, str] | None = None,
    attachments: list[tuple[str, bytes, str]] | None = None,
) -> int:
    """Render `<template>_subject.txt`, `<template>.txt` and `<template>.html`, and queue the
    message: it is delivered by a worker once the caller's transaction commits.

    `language` is the recipient's; a message queued from a task has no request to take it
    from. `headers` are extra headers (a reminder's List-Unsubscribe), kept in the queue;
    `attachments` (filename, content, mimetype) are kept with it (a decision letter's PDF).
    """
    context = {"site_url": site_url(), "recipient_name": _recipient_name(to), **context}
    with translation.override(language or settings.LANGUAGE_CODE):
        subject = render_to_string(f"{template}_subject.txt", context)
        text = render_to_string(f"{template}.txt", context)
        html = render_to_string(f"{template}.html", context)
    subject = " ".join(subject.split())
    message = EmailMultiAlternatives(subject=subject, body=text, to=to, headers=headers)
    message.attach_alternative(html, "text/html")
    for filename, content, mimetype in attachments or ():
        message.attach(filename, content, mimetype)
    return message.send()


class QueuedEmailBackend(BaseEmailBackend):
    """EMAIL_BACKEND: every message, ours and allauth's, is written to the Email table and
    delivered by a worker through POST_OFFICE["BACKENDS"]["default"] once the transaction
    commits (at once, in-process, when tasks run eagerly: development without Redis)."""

    def send_messages(self, email_messages):
        try:
            return self._queue(email_messages)
        except Exception:
            if not self.fail_silently:  # mail_admins(fail_silently=True) must not raise
                raise
            logger.exception("E-mails could not be queued")
            return 0

    def _queue(self, email_messages):
        emails = []
        for message in email_messages:
            headers = dict(message.extra_headers)
            if message.reply_to:
                headers.setdefault("Reply-To", ", ".join(str(v) for v in message.reply_to))
            html = next(
                (
                    body
                    for body, mimetype in getattr(message, "alternatives", [])
                    if mimetype == "text/html"
                ),
                "",
            )
            emails.append(
                post_office_mail.create(
                    sender=message.from_email,
                    recipients=message.to,
                    cc=message.cc,
                    bcc=message.bcc,
                    subject=message.subject,
                    message=message.body,
                    html_message=html,
                    headers=headers or None,
                )
            )
            _keep_attachments(emails[-1], message)
        if emails:
            # Robust: a broker that is down must not fail the request; the periodic task
            # delivers the message later.
            ids = [e.pk for e in emails]
            transaction.on_commit(lambda: _enqueue(ids), robust=True)
        return len(emails)


def _keep_attachments(email: Email, message) -> None:
    """The message's attachments, stored with it (post_office's Attachment, in the private
    storage: POST_OFFICE["FILE_STORAGE"]) in the same transaction: a worker attaches them
    at delivery, however late. Only (filename, content, mimetype) attachments are kept; a
    ready-made MIME part is refused rather than dropped."""
    if not message.attachments:
        return
    files = {}
    for attachment in message.attachments:
        if not isinstance(attachment, tuple):
            raise ValueError("Queued e-mails keep (filename, content, mimetype) attachments only.")
        filename, content, mimetype = attachment
        if isinstance(content, str):
            content = content.encode()
        files[filename] = {"file": ContentFile(content), "mimetype": mimetype or ""}
    email.attachments.add(*create_attachments(files))


def _enqueue(email_ids: list[int]) -> None:
    current_app.signature(DELIVER_TASK, args=[email_ids]).delay()


def mail_deliver(*, ids: list[int] | None = None, limit: int = 100, seconds: float = 25) -> int:
    """Deliver the messages that are due (only those of `ids` when given), each claimed
    first so that two workers never send the same one; returns how many were sent.

    Stops claiming after `seconds`, well within the task's time limit: what is left waits
    for the next periodic run. A refused message is tried again later, with back-off.
    """
    now = timezone.now()
    due = Email.objects.filter(status__in=DUE_STATUSES).filter(
        Q(scheduled_time__isnull=True) | Q(scheduled_time__lte=now),
        Q(expires_at__isnull=True) | Q(expires_at__gt=now),
    )
    if ids is not None:
        due = due.filter(pk__in=ids)
    candidates = list(due.order_by("-priority", "pk").values_list("pk", "scheduled_time")[:limit])
    stop_at = time.monotonic() + seconds
    sent = 0
    try:
        for pk, scheduled_time in candidates:
            if time.monotonic() > stop_at:
                break
            email = _claim(pk, scheduled_time)
            if email is not None:
                sent += _deliver(email)
    finally:
        connections.close()
    return sent


def _claim(pk: int, scheduled_time) -> Email | None:
    """Take the message for CLAIM, if no other worker took it since it was read: the
    conditional update changes one row for one worker only."""
    now = timezone.now()
    claimed = (
        Email.objects.filter(pk=pk, status__in=DUE_STATUSES)
        .filter(
            Q(scheduled_time__isnull=True)
            if scheduled_time is None
            else Q(scheduled_time=scheduled_time)
        )
        .update(scheduled_time=now + CLAIM, last_updated=now)
    )
    return Email.objects.filter(pk=pk).first() if claimed else None


def _deliver(email: Email) -> int:
    try:
        message = email.prepare_email_message()
        if message.recipients():
            connections[email.backend_alias or get_default_mailer()].send_messages([message])
    except Exception as exc:  # noqa: BLE001 — any refusal is recorded and retried
        _retry_later(email, exc)
        return 0
    Email.objects.filter(pk=email.pk).update(status=STATUS.sent, last_updated=timezone.now())
    return 1


def _retry_later(email: Email, exc: Exception) -> None:
    """Try again after RETRY_INTERVAL, doubled after each failure; after MAX_RETRIES the
    message is marked failed (it shows in the admin with its log)."""
    retries = email.number_of_retries or 0
    now = timezone.now()
    if retries < get_max_retries():
        changes = {
            "status": STATUS.requeued,
            "number_of_retries": retries + 1,
            "scheduled_time": now + get_retry_timedelta() * 2**retries,
        }
    else:
        changes = {"status": STATUS.failed}
    Email.objects.filter(pk=email.pk).update(last_updated=now, **changes)
    Log.objects.create(
        email=email, status=STATUS.failed, message=str(exc), exception_type=type(exc).__name__
    )
    logger.warning("E-mail %s not delivered (%s: %s)", email.pk, type(exc).__name__, exc)


def mail_purge() -> int:
    """Delete the messages written more than KEEP ago; returns how many."""
    deleted, _attachments = cleanup_expired_mails(timezone.now() - KEEP)
    return deleted


class DirectBackend(BaseEmailBackend):
    """Sends at once through the mail server that the queue delivers to (POST_OFFICE's
    default backend), bypassing the queue: for error reports to ADMINS, which must not
    depend on the database (the error may be there)."""

    def send_messages(self, email_messages):
        connection = get_connection(settings.POST_OFFICE["BACKENDS"]["default"])
        return connection.send_messages(email_messages)


class FileAndConsoleBackend(BaseEmailBackend):
    """Development default: each message goes to var/mail/ and to the console."""

    def __init__(self, fail_silently=False, **kwargs):
        super().__init__(fail_silently=fail_silently)
        settings.EMAIL_FILE_PATH.mkdir(parents=True, exist_ok=True)
        self.file = FileBackend(
            fail_silently=fail_silently, file_path=str(settings.EMAIL_FILE_PATH), **kwargs
        )
        self.console = ConsoleBackend(fail_silently=fail_silently, stream=sys.stdout, **kwargs)

    def send_messages(self, email_messages):
        self.console.send_messages(email_messages)
        return self.file.send_messages(email_messages)
