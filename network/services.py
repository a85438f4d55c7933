"""Writes on organisations, memberships, invitations and coach assignments."""

from collections.abc import Sequence
from datetime import timedelta
from io import BytesIO
from pathlib import PurePath

from django.core import signing
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from PIL import Image, ImageOps

from digitalees.figures import figures_changed
from digitalees.mail import send_templated_mail
from digitalees.roles import is_coach

from .models import CoachAssignment, Invitation, Membership, Organisation, Topic
from .selectors import ORGANISATIONS_DATA, is_last_admin
from .signals import organisation_changed
from .text import fold

INVITATION_SALT = "network.invitation"
INVITATION_MAX_AGE = timedelta(days=14)
# Each invitation e-mails an address someone typed: a few dozen are plenty for a team, and
# the limits keep an account from turning the platform into a mass mailer.
INVITATIONS_PER_USER_PER_HOUR = 20
INVITATIONS_PER_ORGANISATION_PER_DAY = 50


class InvitationError(Exception):
    """An invitation link that cannot be used; the message is shown to the visitor."""


class AlreadyMember(ValidationError):
    """An invitation to someone who already belongs to the organisation: none is sent; the
    page offers to change their role instead."""

    def __init__(self, membership: Membership):
        self.membership = membership
        super().__init__(
            _("%(name)s (%(email)s) is already a member of this organisation, as %(role)s.")
            % {
                "name": membership.user.display_name,
                "email": membership.user.email,
                "role": membership.get_role_display().lower(),
            },
            code="already_member",
        )


def _slug_base(name: str) -> str:
    return slugify(name)[:200] or "ees"


def _unique_slug(name: str, *, taken: set[str] | None = None) -> str:
    """The name's slug, numbered if an organisation (or one of `taken`) already has it."""
    base = _slug_base(name)
    slug, n = base, 2
    while (taken is not None and slug in taken) or Organisation.objects.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


# Logos are shown small: stored at most this wide and high, whatever was uploaded.
LOGO_STORED_SIDE = 512


def _reencode_logo(organisation: Organisation) -> None:
    """A newly uploaded logo is replaced by a WebP of bounded size drawn from its pixels
    alone: no metadata (camera, location), no bytes of the upload that a browser might
    read as something else. network.validators.validate_logo has bounded its pixels."""
    upload = organisation.logo
    if not upload or upload._committed:  # type: ignore[attr-defined]  # FieldFile's own flag
        return
    upload.seek(0)
    try:
        with Image.open(upload) as image:
            image.draft("RGB", (LOGO_STORED_SIDE, LOGO_STORED_SIDE))  # JPEG: decode smaller
            picture = ImageOps.exif_transpose(image)
            picture.thumbnail((LOGO_STORED_SIDE, LOGO_STORED_SIDE))
            if picture.mode not in ("RGB", "RGBA"):
                picture = picture.convert("RGBA")
            encoded = BytesIO()
            picture.save(encoded, format="WEBP", quality=90)
    except (OSError, ValueError) as exc:
        raise ValidationError(
            {"logo": _("This image cannot be read: save it again as PNG, JPEG or WebP.")}
        ) from exc
    name = f"{PurePath(upload.name or 'logo').stem}.webp"
    organisation.logo = ContentFile(encoded.getvalue(), name=name)


def _fold_search_text(organisation: Organisation) -> None:
    """The directory searches this (network.text: accents and case ignored)."""
    organisation.search_text = fold(
        " ".join((organisation.name, organisation.municipality, organisation.social_purpose))
    )


@transaction.atomic
def organisation_create(*, user, **fields) -> Organisation:
    """Create an organisation; its creator becomes its admin."""
    if not fields.get("logo"):
        fields.pop("logo", None)
    organisation = Organisation(slug=_unique_slug(fields["name"]), **fields)
    organisation.full_clean()
    _reencode_logo(organisation)
    _fold_search_text(organisation)
    organisation.save()
    Membership.objects.create(user=user, organisation=organisation, role=Membership.Role.ADMIN)
    figures_changed(ORGANISATIONS_DATA)
    return organisation


@transaction.atomic
def organisations_create_bulk(
    *, organisations: Sequence[Organisation], batch_size: int = 1000
) -> list[Organisation]:
    """Many new organisations at once (the demo, the bench), valid as organisation_create
    makes them and with unique slugs by the same rule; no member yet (membership_add)."""
    numbers = [o.enterprise_number for o in organisations]
    taken_numbers = set(
        Organisation.objects.filter(enterprise_number__in=numbers).values_list(
            "enterprise_number", flat=True
        )
    )
    if taken_numbers or len(set(numbers)) < len(numbers):
        raise ValidationError(
            Organisation._meta.get_field("enterprise_number").error_messages["unique"]
        )
    bases = {_slug_base(o.name) for o in organisations}
    taken = set(Organisation.objects.filter(slug__in=bases).values_list("slug", flat=True))
    for organisation in organisations:
        base = _slug_base(organisation.name)
        # Only a name already taken costs a query (or a few) to number it.
        organisation.slug = _unique_slug(organisation.name, taken=taken) if base in taken else base
        taken.add(organisation.slug)
        organisation.full_clean(exclude=["slug"], validate_unique=False)
        _fold_search_text(organisation)
    figures_changed(ORGANISATIONS_DATA)
    return Organisation.objects.bulk_create(organisations, batch_size=batch_size)


@transaction.atomic  # the stored row is locked below: outside a transaction that fails
def organisation_update(*, organisation: Organisation, **fields) -> Organisation:
    """Save an edit (`fields`, or what a form already set on the instance: the profile page,
    the Django admin) and tell the other apps which fields changed
    (signals.organisation_changed, once the values before the edit are known)."""
    for name, value in fields.items():
        setattr(organisation, name, value)
    organisation.full_clean()
    # What an edit changes, not what follows from it (search_text follows from the name...).
    derived = ("updated_at", "search_text")
    names = [f.attname for f in Organisation._meta.concrete_fields if f.attname not in derived]
    # The stored row, locked: two edits at once each see what the other left.
    before = Organisation.objects.select_for_update().values(*names).get(pk=organisation.pk)
    _reencode_logo(organisation)
    _fold_search_text(organisation)
    organisation.save()
    changed = {name: old for name, old in before.items() if getattr(organisation, name) != old}
    if changed:
        organisation_changed.send(sender=Organisation, organisation=organisation, changed=changed)
    return organisation


def invitation_token(invitation: Invitation) -> str:
    return signing.dumps({"i": invitation.pk, "e": invitation.email.lower()}, salt=INVITATION_SALT)


def invitation_url(invitation: Invitation) -> str:
    return reverse("network:invitation_accept", kwargs={"token": invitation_token(invitation)})


def sending_limits_check(
    *,
    sent_by_user: int,
    per_user_per_hour: int,
    sent_for_organisation: int,
    per_organisation_per_day: int,
    organisation_message: str,
) -> None:
    """ValidationError once a user has sent its share of invitations of one kind in the last
    hour, or an organisation in the last day (`organisation_message` says which, with
    %(count)s): what every service that lets a user make the platform send e-mail asks."""
    if sent_by_user >= per_user_per_hour:
        raise ValidationError(
            _(
                "You have sent %(count)s invitations in the last hour, the most allowed: "
                "wait a while before sending more."
            )
            % {"count": per_user_per_hour},
            code="rate_limited",
        )
    if sent_for_organisation >= per_organisation_per_day:
        raise ValidationError(
            organisation_message % {"count": per_organisation_per_day}, code="rate_limited"
        )


def _check_invitation_limits(*, organisation: Organisation, invited_by) -> None:
    """ValidationError once this user or this organisation has sent its share. Counted on
    the rows (revoked ones included), not the cache, so that the limit holds with Redis down."""
    # Concurrent invitations for one organisation queue here, so that none slips past.
    Organisation.objects.select_for_update().filter(pk=organisation.pk).first()
    now = timezone.now()
    sending_limits_check(
        sent_by_user=Invitation.objects.filter(
            invited_by=invited_by, created_at__gte=now - timedelta(hours=1)
        ).count(),
        per_user_per_hour=INVITATIONS_PER_USER_PER_HOUR,
        sent_for_organisation=Invitation.objects.filter(
            organisation=organisation, created_at__gte=now - timedelta(days=1)
        ).count(),
        per_organisation_per_day=INVITATIONS_PER_ORGANISATION_PER_DAY,
        organisation_message=_(
            "%(count)s invitations to this organisation were sent in the last 24 hours, "
            "the most allowed: try again tomorrow."
        ),
    )


@transaction.atomic
def invitation_create(
    *, organisation: Organisation, email: str, role: str, invited_by
) -> Invitation:
    _check_invitation_limits(organisation=organisation, invited_by=invited_by)
    email = email.strip()
    membership = (
        Membership.objects.select_related("user")
        .filter(organisation=organisation, user__email__iexact=email)
        .first()
    )
    if membership is not None:
        raise AlreadyMember(membership)
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
    if (
        invitation is None
        or invitation.revoked_at is not None
        or invitation.email.lower() != data.get("e")
    ):
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
        claimed = (
            Invitation.objects.pending()
            .filter(pk=invitation.pk)
            .update(accepted_at=timezone.now(), accepted_by=user)
        )
        if not claimed:
            raise InvitationError(_("This invitation has already been used."))
        return membership_add(organisation=invitation.organisation, user=user, role=invitation.role)


def membership_add(*, organisation: Organisation, user, role: str) -> Membership:
    """`user` joins `organisation` with `role`; someone already a member keeps their
    membership, raised to admin if `role` is admin (never lowered)."""
    membership, created = Membership.objects.get_or_create(
        user=user, organisation=organisation, defaults={"role": role}
    )
    if not created and role == Membership.Role.ADMIN and not membership.is_admin:
        membership.role = Membership.Role.ADMIN
        membership.save(update_fields=["role"])
    return membership


def invitation_revoke(*, invitation: Invitation) -> None:
    # Kept (see Invitation.revoked_at); its link stops working. Claimed like acceptance: a
    # second click, or a confirmation page left open, changes nothing and says why.
    revoked = (
        Invitation.objects.pending().filter(pk=invitation.pk).update(revoked_at=timezone.now())
    )
    if revoked:
        return
    invitation.refresh_from_db(fields=["accepted_at", "revoked_at"])
    if invitation.accepted_at is not None:
        raise ValidationError(_("This invitation has already been accepted."), code="stale")
    raise ValidationError(
        _("The invitation to %(email)s was already withdrawn.") % {"email": invitation.email},
        code="stale",
    )


def _locked_membership(membership: Membership) -> Membership:
    """The membership as stored now, its organisation's row locked: changes to one
    organisation's admins queue here, so that two admins stepping down (or removing each
    other) at once cannot both succeed and leave it without one."""
    Organisation.objects.select_for_update().filter(pk=membership.organisation_id).first()
    current = Membership.objects.select_related("user").filter(pk=membership.pk).first()
    if current is None:
        raise ValidationError(
            _("%(name)s no longer belongs to this organisation: nothing was changed.")
            % {"name": membership.user.display_name},
            code="stale",
        )
    return current


def _check_another_admin(membership: Membership) -> None:
    if is_last_admin(membership):
        raise ValidationError(
            _("An organisation keeps at least one admin: name another admin first."),
            code="last_admin",
        )


@transaction.atomic
def membership_remove(*, membership: Membership) -> None:
    current = _locked_membership(membership)
    _check_another_admin(current)
    current.delete()


@transaction.atomic
def membership_set_role(*, membership: Membership, role: str) -> Membership:
    """Make a member admin, or an admin member again (stepping down, for oneself); an
    organisation never loses its last admin."""
    if role not in Membership.Role.values:
        raise ValidationError(_("Choose a role from the list."), code="invalid")
    current = _locked_membership(membership)
    if current.role == role:
        raise ValidationError(
            _("%(name)s is already %(role)s: nothing was changed.")
            % {"name": current.user.display_name, "role": current.get_role_display().lower()},
            code="unchanged",
        )
    if role != Membership.Role.ADMIN:
        _check_another_admin(current)
    current.role = role
    current.save(update_fields=["role"])
    return current


def coach_assign(
    *, organisation: Organisation, coach, assigned_by, areas: Sequence[Topic] = ()
) -> CoachAssignment:
    """Assign a coach to an organisation, with their areas of expertise for it (topics, whose
    codes are the diagnostic's dimensions). The coach and the organisation's admins are told
    by e-mail, queued in this transaction: they learn of it once it is committed."""
    if not is_coach(coach):
        raise ValidationError(_("%(name)s is not a coach.") % {"name": coach.display_name})
    try:
        with transaction.atomic():
            assignment = CoachAssignment.objects.create(
                organisation=organisation, coach=coach, assigned_by=assigned_by
            )
            if areas:
                assignment.areas.set(areas)
            _tell_coach_assignment(assignment, areas=list(areas))
    except IntegrityError as exc:
        raise ValidationError(
            _("%(name)s already coaches this organisation.") % {"name": coach.display_name}
        ) from exc
    return assignment


def coach_set_areas(*, assignment: CoachAssignment, areas: Sequence[Topic]) -> CoachAssignment:
    """Change what a coach brings to an enterprise (no e-mail: the people already know each
    other)."""
    assignment.areas.set(areas)
    return assignment


def _tell_coach_assignment(assignment: CoachAssignment, *, areas: list[Topic]) -> None:
    organisation, coach = assignment.organisation, assignment.coach
    area_names = [area.tr("name") for area in sorted(areas, key=lambda a: a.code)]
    context = {
        "organisation_name": organisation.name,
        "organisation_path": organisation.get_absolute_url(),
        "coach_name": coach.display_name,
        "coach_email": coach.email,
        "areas": area_names,
    }
    language = get_language()
    send_templated_mail(
        template="network/email/coach_assigned",
        to=[coach.email],
        context=context,
        language=language,
    )
    admins = (
        Membership.objects.filter(organisation=organisation, role=Membership.Role.ADMIN)
        .select_related("user")
        .order_by("user__email")
    )
    for membership in admins:
        send_templated_mail(
            template="network/email/coach_introduced",
            to=[membership.user.email],
            context=context,
            language=language,
        )


def coach_unassign(*, assignment: CoachAssignment) -> None:
    assignment.delete()
