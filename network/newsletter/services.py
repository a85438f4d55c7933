"""The newsletter: double opt-in subscription, one-click unsubscription, the monthly digest.

A subscriber receives nothing until they open the signed link e-mailed to them and confirm
(a POST: a link fetched by a mail scanner confirms nothing). Subscribing answers the same
whether the address was known or not; an address already receiving is left as it is and
sent nothing. The digest claims each subscriber by a conditional update on digest_month in
the transaction that queues their e-mail: a run repeated, or resumed after a crash, sends
each subscriber one digest per month.
"""

import datetime
import time
from typing import NamedTuple

from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from digitalees.mail import absolute_url, send_templated_mail

from ..models import Subscriber
from . import selectors

CONFIRM_SALT = "network.newsletter.confirm"
UNSUBSCRIBE_SALT = "network.newsletter.unsubscribe"
CONFIRM_MAX_AGE = datetime.timedelta(days=3)
LANGUAGES = {code for code, _name in settings.LANGUAGES}


class LinkError(ValidationError):
    """A confirmation or unsubscription link that cannot be used (the message says why)."""


# --- Links -----------------------------------------------------------------------------


def confirm_token(subscriber: Subscriber) -> str:
    # "t": when it was issued (ms), so that a link sent before an unsubscription cannot undo it.
    return signing.dumps(
        {"s": subscriber.pk, "e": subscriber.email.lower(), "t": int(time.time() * 1000)},
        salt=CONFIRM_SALT,
    )


def unsubscribe_token(subscriber: Subscriber) -> str:
    """It does not expire: a digest read months later still unsubscribes."""
    return signing.dumps({"s": subscriber.pk, "e": subscriber.email.lower()}, salt=UNSUBSCRIBE_SALT)


def _subscriber(data) -> Subscriber | None:
    if not isinstance(data, dict) or not isinstance(data.get("s"), int):
        return None
    subscriber = Subscriber.objects.filter(pk=data["s"]).first()
    if subscriber is None or subscriber.email.lower() != data.get("e"):
        return None
    return subscriber


def subscriber_from_confirm_token(token: str) -> Subscriber:
    """The subscriber a confirmation link names, or LinkError saying why it cannot be used."""
    try:
        data = signing.loads(token, salt=CONFIRM_SALT, max_age=CONFIRM_MAX_AGE)
    except signing.SignatureExpired as exc:
        raise LinkError(
            _("This confirmation link has expired. Subscribe again to receive a new one.")
        ) from exc
    except signing.BadSignature as exc:
        raise LinkError(
            _("This confirmation link is not valid. Check that you copied it whole.")
        ) from exc
    subscriber = _subscriber(data)
    if subscriber is None:
        raise LinkError(_("This confirmation link is not valid. Check that you copied it whole."))
    issued = data.get("t")
    if (
        subscriber.unsubscribed_at is not None
        and isinstance(issued, int)
        and issued < subscriber.unsubscribed_at.timestamp() * 1000
    ):
        raise LinkError(
            _("This link was sent before you unsubscribed. Subscribe again to receive a new one.")
        )
    return subscriber


def subscriber_from_unsubscribe_token(token: str) -> Subscriber:
    try:
        data = signing.loads(token, salt=UNSUBSCRIBE_SALT)
    except signing.BadSignature as exc:
        raise LinkError(
            _("This unsubscription link is not valid. Check that you copied it whole.")
        ) from exc
    subscriber = _subscriber(data)
    if subscriber is None:
        raise LinkError(_("This unsubscription link is not valid. Check that you copied it whole."))
    return subscriber


def unsubscribe_path(subscriber: Subscriber) -> str:
    return reverse(
        "network:newsletter_unsubscribe", kwargs={"token": unsubscribe_token(subscriber)}
    )


def unsubscribe_headers(subscriber: Subscriber) -> dict[str, str]:
    """RFC 2369 and RFC 8058: mail programs' "unsubscribe" button posts to this address,
    without a cookie or a CSRF token."""
    url = absolute_url(
        reverse(
            "network:newsletter_unsubscribe_one_click",
            kwargs={"token": unsubscribe_token(subscriber)},
        )
    )
    return {"List-Unsubscribe": f"<{url}>", "List-Unsubscribe-Post": "List-Unsubscribe=One-Click"}


# --- Subscribing -----------------------------------------------------------------------


def _send_confirmation(subscriber: Subscriber) -> None:
    send_templated_mail(
        template="email/network/newsletter_confirm",
        to=[subscriber.email],
        context={
            "confirm_path": reverse(
                "network:newsletter_confirm", kwargs={"token": confirm_token(subscriber)}
            ),
            "expires_days": CONFIRM_MAX_AGE.days,
        },
        language=subscriber.language,
    )


@transaction.atomic
def subscriber_subscribe(*, email: str, language: str) -> Subscriber:
    """Ask `email` to confirm its subscription (a new address, one not confirmed yet, or
    one that unsubscribed). An address already receiving the newsletter is left as it is
    and sent nothing: the caller answers the same in every case."""
    email = email.strip()
    if language not in LANGUAGES:
        raise ValidationError(_("Choose a language from the list."), code="invalid")
    subscriber = Subscriber.objects.select_for_update().filter(email__iexact=email).first()
    if subscriber is None:
        try:
            with transaction.atomic():  # a savepoint: the same address typed twice at once
                subscriber = Subscriber.objects.create(email=email, language=language)
        except IntegrityError:
            subscriber = Subscriber.objects.select_for_update().get(email__iexact=email)
    if subscriber.confirmed_at is not None and subscriber.unsubscribed_at is None:
        return subscriber
    if subscriber.language != language:
        subscriber.language = language
        subscriber.save(update_fields=["language"])
    # Queued in this transaction: the row and its e-mail are committed together.
    _send_confirmation(subscriber)
    return subscriber


def subscriber_confirm(*, subscriber: Subscriber) -> bool:
    """Start sending the digest to `subscriber` (again, after an unsubscription). Returns
    whether anything changed (a second click changes nothing)."""
    now = timezone.now()
    changed = (
        Subscriber.objects.filter(pk=subscriber.pk)
        .filter(Q(confirmed_at__isnull=True) | Q(unsubscribed_at__isnull=False))
        .update(confirmed_at=now, unsubscribed_at=None)
    )
    subscriber.refresh_from_db()
    return bool(changed)


def subscriber_unsubscribe(*, subscriber: Subscriber) -> bool:
    """Send `subscriber` nothing more. Returns whether anything changed."""
    changed = Subscriber.objects.filter(pk=subscriber.pk, unsubscribed_at__isnull=True).update(
        unsubscribed_at=timezone.now()
    )
    subscriber.refresh_from_db()
    return bool(changed)


# --- The monthly digest ----------------------------------------------------------------


def previous_month(today: datetime.date | None = None) -> datetime.date:
    """The first day of the month before `today`'s: the month a digest sent today covers."""
    today = today or timezone.localdate()
    return (today.replace(day=1) - datetime.timedelta(days=1)).replace(day=1)


BATCH = 200


class DigestRun(NamedTuple):
    sent: int
    finished: bool  # False: stopped by the time budget, subscribers are left to send to


def _claim(subscriber_id: int, month: datetime.date) -> bool:
    """Mark the digest of `month` as this run's to send: one run, one worker only."""
    return bool(
        Subscriber.objects.receiving()
        .filter(pk=subscriber_id)
        .filter(Q(digest_month__isnull=True) | Q(digest_month__lt=month))
        .update(digest_month=month)
    )


def _send_digest(subscriber: Subscriber, contents: selectors.Digest) -> int:
    """Claim the subscriber and queue their digest in one transaction: both are committed
    or neither. Returns 1 if sent, 0 if another run had claimed them."""
    with transaction.atomic():
        if not _claim(subscriber.pk, contents.month):
            return 0
        send_templated_mail(
            template="email/network/newsletter_digest",
            to=[subscriber.email],
            context={
                "digest": contents,
                "month": contents.month,
                "unsubscribe_path": unsubscribe_path(subscriber),
            },
            language=subscriber.language,
            headers=unsubscribe_headers(subscriber),
        )
    return 1


def digest_send(
    *,
    month: datetime.date | None = None,
    now: datetime.datetime | None = None,
    seconds: float = 150,
) -> DigestRun:
    """Send the digest of `month` (last month by default) to every receiving subscriber
    who has not had it, each in their language; nothing when the month brought nothing
    new. Stops after `seconds` (the task queues itself again for the rest)."""
    month = month or previous_month()
    contents = selectors.digest_contents(month, now=now)
    if contents.is_empty:
        return DigestRun(0, True)
    stop_at = time.monotonic() + seconds
    sent = 0
    while True:
        # Re-read a batch each time: those claimed (by this run or another) drop out.
        batch = list(selectors.digest_recipients(month)[:BATCH])
        if not batch:
            break
        for subscriber in batch:
            if time.monotonic() > stop_at:
                return DigestRun(sent, False)
            sent += _send_digest(subscriber, contents)
    return DigestRun(sent, True)
