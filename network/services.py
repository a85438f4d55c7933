"""Writes on organisations, memberships, invitations and coach assignments."""

from datetime import timedelta

from django.core import signing
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from digitalees.mail import send_templated_mail
from digitalees.roles import is_coach

from .models import CoachAssignment, Invitation, Membership, Organisation
from .signals import organisation_changed

INVITATION_SALT = "network.invitation"
INVITATION_MAX_AGE = timedelta(days=14)


class InvitationError(Exception):
    """An invitation link that cannot be used; the message is shown to the visitor."""


def _unique_slug(name: str) -> str:
    base = slugify(name)[:200] or "ees"
    slug, n = base, 2
    while Organisation.objects.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


@transaction.atomic
def organisation_create(*, user, **fields) -> Organisation:
    """Create an organisation; its creator becomes its admin."""
    if not fields.get("logo"):
        fields.pop("logo", None)
    organisation = Organisation(slug=_unique_slug(fields["name"]), **fields)
    organisation.full_clean()
    organisation.save()
    Membership.objects.create(user=user, organisation=organisation, role=Membership.Role.ADMIN)
    return organisation


def organisation_update(*, organisation: Organisation, **fields) -> Organisation:
    """Save an edit (`fields`, or what a ModelForm already set on the instance) and tell the
    other apps which fields changed (signals.organisation_changed)."""
    for name, value in fields.items():
        setattr(organisation, name, value)
    organisation.full_clean()
    changed = organisation.changed_fields()
    organisation.save()
    if changed:
        organisation_changed.send(sender=Organisation, organisation=organisation, changed=changed)
    return organisation


def invitation_token(invitation: Invitation) -> str:
    return signing.dumps({"i": invitation.pk, "e": invitation.email.lower()}, salt=INVITATION_SALT)


def invitation_url(invitation: Invitation) -> str:
    return reverse("network:invitation_accept", kwargs={"token": invitation_token(invitation)})


@transaction.atomic
def invitation_create(
    *, organisation: Organisation, email: str, role: str, invited_by
) -> Invitation:
    email = email.strip()
    if Membership.objects.filter(organisation=organisation, user__email__iexact=email).exists():
        raise ValidationError(
            _("%(email)s is already a member of this organisation.") % {"email": email}
        )
    if organisation.invitations.pending().filter(email__iexact=email).exists():
        raise ValidationError(
            _("An invitation to %(email)s is already pending; revoke it to send a new one.")
            % {"email": email}
        )
    invitation = Invitation.objects.create(
        organisation=organisation, email=email, role=role, invited_by=invited_by
    )
    context = {
        "organisation_name": organisation.name,
        "inviter_name": invited_by.display_name,
        "role": invitation.get_role_display(),
        "accept_path": invitation_url(invitation),
        "expires_days": INVITATION_MAX_AGE.days,
    }
    # Queued in this transaction: the invitation and its e-mail are committed together.
    send_templated_mail(
        template="network/email/invitation", to=[email], context=context, language=get_language()
    )
    return invitation


def invitation_from_token(token: str) -> Invitation:
    """The invitation a link names, or InvitationError saying why the link cannot be used."""
    try:
        data = signing.loads(token, salt=INVITATION_SALT, max_age=INVITATION_MAX_AGE)
    except signing.SignatureExpired as exc:
        raise InvitationError(
            _("This invitation has expired. Ask the organisation's admin to send a new one.")
        ) from exc
    except signing.BadSignature as exc:
        raise InvitationError(
            _("This invitation link is not valid. Check that you copied it whole.")
        ) from exc
    invitation = Invitation.objects.select_related("organisation").filter(pk=data.get("i")).first()
    if invitation is None or invitation.email.lower() != data.get("e"):
        raise InvitationError(_("This invitation has been withdrawn."))
    if invitation.accepted_at is not None:
        raise InvitationError(_("This invitation has already been used."))
    return invitation


def invitation_accept(*, invitation: Invitation, user) -> Membership:
    if user.email.lower() != invitation.email.lower():
        raise InvitationError(
            _("This invitation was sent to %(email)s. Log in with that address to accept it.")
            % {"email": invitation.email}
        )
    with transaction.atomic():
        # Claim the invitation: only one request may turn it into a membership.
        claimed = Invitation.objects.filter(pk=invitation.pk, accepted_at__isnull=True).update(
            accepted_at=timezone.now(), accepted_by=user
        )
        if not claimed:
            raise InvitationError(_("This invitation has already been used."))
        membership, created = Membership.objects.get_or_create(
            user=user,
            organisation=invitation.organisation,
            defaults={"role": invitation.role},
        )
        if not created and invitation.role == Membership.Role.ADMIN and not membership.is_admin:
            membership.role = Membership.Role.ADMIN
            membership.save(update_fields=["role"])
    return membership


def invitation_revoke(*, invitation: Invitation) -> None:
    if invitation.accepted_at is not None:
        raise ValidationError(_("This invitation has already been accepted."))
    invitation.delete()


@transaction.atomic
def membership_remove(*, membership: Membership) -> None:
    organisation = Organisation.objects.select_for_update().get(pk=membership.organisation_id)
    if (
        membership.is_admin
        and not organisation.memberships.filter(role=Membership.Role.ADMIN)
        .exclude(pk=membership.pk)
        .exists()
    ):
        raise ValidationError(
            _("An organisation keeps at least one admin: name another admin first.")
        )
    membership.delete()


def coach_assign(*, organisation: Organisation, coach, assigned_by) -> CoachAssignment:
    if not is_coach(coach):
        raise ValidationError(_("%(name)s is not a coach.") % {"name": coach.display_name})
    try:
        with transaction.atomic():
            return CoachAssignment.objects.create(
                organisation=organisation, coach=coach, assigned_by=assigned_by
            )
    except IntegrityError as exc:
        raise ValidationError(
            _("%(name)s already coaches this organisation.") % {"name": coach.display_name}
        ) from exc


def coach_unassign(*, assignment: CoachAssignment) -> None:
    assignment.delete()
