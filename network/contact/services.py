"""The contact relay: a member writes to another organisation through the platform.

Each message is relayed by e-mail from the platform's address, naming its author and their
organisation, with a link to answer on the platform. Neither side's address is shown until
a member of the organisation written to answers: from that reply on, the thread's page
shows each side the other's address and relayed e-mails carry the author's as Reply-To.
Sending is limited per member, counted on the threads' rows (contact_thread_sender_idx),
so that the limits hold with the cache down.
"""

from datetime import timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from digitalees.mail import send_templated_mail
from digitalees.models import User

from ..models import ContactMessage, ContactThread, Membership, Organisation

THREADS_PER_DAY = 5
THREADS_PER_TARGET_PER_WEEK = 2
BODY_MAX_LENGTH = 5000


def contact_recipients(organisation: Organisation) -> list[User]:
    """Who receives what is written to `organisation`: its admins, or all its members when
    it has no admin."""
    memberships = Membership.objects.filter(
        organisation=organisation, user__is_active=True
    ).select_related("user")
    admins = [m.user for m in memberships if m.is_admin]
    return admins or [m.user for m in memberships]


def _check_limits(*, sender: User, to_organisation: Organisation) -> None:
    # The sender's row locked: two messages sent at once are counted one after the other.
    User.objects.select_for_update().filter(pk=sender.pk).first()
    now = timezone.now()
    threads = ContactThread.objects.filter(sender=sender)
    if threads.filter(created_at__gte=now - timedelta(days=1)).count() >= THREADS_PER_DAY:
        raise ValidationError(
            _(
                "You have written to %(count)s organisations in the last 24 hours, the most "
                "allowed: try again tomorrow."
            )
            % {"count": THREADS_PER_DAY},
            code="rate_limited",
        )
    recent = threads.filter(
        to_organisation=to_organisation, created_at__gte=now - timedelta(days=7)
    )
    if recent.count() >= THREADS_PER_TARGET_PER_WEEK:
        raise ValidationError(
            _(
                "You have written to this organisation %(count)s times this week, the most "
                "allowed: answer in one of your conversations, or wait a few days."
            )
            % {"count": THREADS_PER_TARGET_PER_WEEK},
            code="rate_limited",
        )


def _relay(*, thread: ContactThread, message: ContactMessage, recipients: list[User]) -> None:
    """One e-mail per recipient, from the platform's address. The author's address goes in
    only once the thread is answered (then as Reply-To, too)."""
    author = message.author
    revealed = thread.replied_at is not None
    from_sender = author is not None and author.pk == thread.sender_id
    organisation = thread.from_organisation if from_sender else thread.to_organisation
    context = {
        "thread_subject": thread.subject,
        "author_name": author.display_name if author else "",
        "author_email": author.email if author and revealed else "",
        "author_organisation": organisation.name,
        "recipient_organisation": (
            thread.to_organisation.name if from_sender else thread.from_organisation.name
        ),
        "body": message.body,
        "first": not thread.messages.exclude(pk=message.pk).exists(),
        "thread_path": reverse("network:contact_thread", kwargs={"pk": thread.pk}),
    }
    headers = {"Reply-To": author.email} if author and revealed else None
    for recipient in recipients:
        if author is not None and recipient.pk == author.pk:
            continue
        send_templated_mail(
            template="email/network/contact_message",
            to=[recipient.email],
            context=context,
            headers=headers,
        )


@transaction.atomic
def contact_thread_create(
    *,
    sender: User,
    from_organisation: Organisation,
    to_organisation: Organisation,
    subject: str,
    body: str,
) -> ContactThread:
    """Write to `to_organisation` for `from_organisation` (one of the sender's), and relay
    the message to its admins."""
    if not Membership.objects.filter(user=sender, organisation=from_organisation).exists():
        raise ValidationError(
            _("You can only write for an organisation you belong to."), code="not_member"
        )
    if not (to_organisation.is_public and to_organisation.accepts_contact):
        raise ValidationError(
            _("This organisation does not receive messages through the platform."),
            code="closed",
        )
    if Membership.objects.filter(user=sender, organisation=to_organisation).exists():
        raise ValidationError(
            _("You belong to this organisation: write to your colleagues directly."),
            code="own",
        )
    subject, body = subject.strip(), body.strip()
    if not subject or not body:
        raise ValidationError(_("Write a subject and a message."), code="required")
    if len(body) > BODY_MAX_LENGTH:
        raise ValidationError(
            _("A message holds %(count)s characters at most.") % {"count": BODY_MAX_LENGTH},
            code="too_long",
        )
    _check_limits(sender=sender, to_organisation=to_organisation)
    thread = ContactThread.objects.create(
        sender=sender,
        from_organisation=from_organisation,
        to_organisation=to_organisation,
        subject=subject,
    )
    message = ContactMessage.objects.create(thread=thread, author=sender, body=body)
    # Queued in this transaction: the thread and its e-mails are committed together.
    _relay(thread=thread, message=message, recipients=contact_recipients(to_organisation))
    return thread


def _target_side(thread: ContactThread) -> list[User]:
    """The organisation's recipients, and its members who answered in the thread."""
    recipients = contact_recipients(thread.to_organisation)
    known = {user.pk for user in recipients}
    answered = User.objects.filter(
        is_active=True,
        pk__in=thread.messages.exclude(author=thread.sender).values("author"),
        memberships__organisation=thread.to_organisation,
    ).exclude(pk__in=known)
    return recipients + list(answered)


@transaction.atomic
def contact_reply(*, thread: ContactThread, author: User, body: str) -> ContactMessage:
    """Answer in `thread`, as its sender or a member of the organisation written to; the
    first answer of the latter shows each side the other's address from then on."""
    body = body.strip()
    if not body:
        raise ValidationError(_("Write a message."), code="required")
    if len(body) > BODY_MAX_LENGTH:
        raise ValidationError(
            _("A message holds %(count)s characters at most.") % {"count": BODY_MAX_LENGTH},
            code="too_long",
        )
    is_sender = author.pk == thread.sender_id
    if (
        not is_sender
        and not Membership.objects.filter(
            user=author, organisation_id=thread.to_organisation_id
        ).exists()
    ):
        raise ValidationError(_("You do not take part in this conversation."), code="stranger")
    # Locked: two first answers at once record one of them.
    thread = (
        ContactThread.objects.select_for_update()
        .select_related("sender", "from_organisation", "to_organisation")
        .get(pk=thread.pk)
    )
    now = timezone.now()
    if not is_sender and thread.replied_at is None:
        thread.replied_by, thread.replied_at = author, now
        thread.save(update_fields=["replied_by", "replied_at"])
    message = ContactMessage.objects.create(thread=thread, author=author, body=body, created_at=now)
    recipients = [thread.sender] if not is_sender else _target_side(thread)
    _relay(thread=thread, message=message, recipients=recipients)
    return message
