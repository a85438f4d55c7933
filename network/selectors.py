"""Reads about organisations that other apps and the dashboard need."""

import datetime
import secrets
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.db.models import Count, Q
from django.utils import timezone

from digitalees.figures import cached_figures
from digitalees.roles import COACH_GROUP

from .models import (
    AttendanceStatus,
    CoachAssignment,
    Event,
    Experience,
    Membership,
    Organisation,
)


def memberships_for(user):
    """The user's memberships with their organisation and its head counts, in one query."""
    return (
        Membership.objects.filter(user=user)
        .select_related("organisation")
        .annotate(
            member_count=Count("organisation__memberships", distinct=True),
            pending_invitations=Count(
                "organisation__invitations",
                filter=Q(organisation__invitations__accepted_at__isnull=True),
                distinct=True,
            ),
        )
        .order_by("organisation__name")
    )


def organisations_coached_by(user):
    return Organisation.objects.coached_by(user).order_by("name")


def programme_figures() -> dict:
    """{organisations, public, coached}: how many organisations are registered, show a
    public profile, have a coach. One query."""
    return Organisation.objects.aggregate(
        organisations=Count("pk", distinct=True),
        public=Count("pk", filter=Q(is_public=True), distinct=True),
        coached=Count("pk", filter=Q(coach_assignments__isnull=False), distinct=True),
    )


def coaches():
    return (
        get_user_model()
        .objects.filter(groups__name=COACH_GROUP)
        .order_by("last_name", "first_name", "email")
    )


def organisation_people(organisation: Organisation):
    """Members (admins first) and assigned coaches of one organisation."""
    members = organisation.memberships.select_related("user").order_by("role", "user__email").all()
    assignments = (
        CoachAssignment.objects.filter(organisation=organisation)
        .select_related("coach")
        .prefetch_related("areas")  # what each coach brings, shown beside their name
    )
    return members, assignments


def is_last_admin(membership: Membership) -> bool:
    """Whether removing this membership or making it a member would leave its organisation
    without an admin (the service decides, under a lock; pages warn beforehand)."""
    return (
        membership.is_admin
        and not Membership.objects.filter(
            organisation_id=membership.organisation_id, role=Membership.Role.ADMIN
        )
        .exclude(pk=membership.pk)
        .exists()
    )


def pending_invitations(organisation: Organisation):
    return organisation.invitations.pending().select_related("invited_by")


def staff_organisation_list(
    *, q: str = "", province: str = "", legal_form: str = "", sector: str = ""
):
    qs = Organisation.objects.annotate(
        member_count=Count("memberships", distinct=True),
        coach_count=Count("coach_assignments", distinct=True),
    )
    if q:
        qs = qs.filter(
            Q(name__icontains=q)
            | Q(enterprise_number__icontains=q.replace(".", ""))
            | Q(municipality__icontains=q)
            | Q(postcode=q.strip())
        )
    if province:
        qs = qs.filter(province=province)
    if legal_form:
        qs = qs.filter(legal_form=legal_form)
    if sector:
        qs = qs.filter(sector=sector)
    return qs.order_by("name")


LIBRARY_VERSION_KEY = "network:library:version"


def library_version() -> str:
    """A token that changes whenever the resource library changes (a resource, a topic or
    their links: see receivers). Caches built from the library put it in their keys, so
    that an edit shows at once."""
    version = cache.get(LIBRARY_VERSION_KEY)
    if version is None:
        cache.add(LIBRARY_VERSION_KEY, secrets.token_hex(8), timeout=None)
        version = cache.get(LIBRARY_VERSION_KEY, "")
    return version


def library_changed() -> None:
    cache.set(LIBRARY_VERSION_KEY, secrets.token_hex(8), timeout=None)


# --- The programme's public figures (digitalees.figures) --------------------------------

# The data names of network's public figures: their versions are renewed by the writes
# that change them (organisations registered or deleted; experiences, events and
# registrations). Every app's figures depend on the first: an organisation deleted takes
# its results, enrolments and applications with it.
ORGANISATIONS_DATA = "network.organisations"
ACTIVITY_DATA = "network.activity"


@dataclass(frozen=True)
class PublicFigures:
    organisations: int  # registered
    experiences: int  # published
    # (end, people present) of each published event not cancelled: which ones are held
    # depends on the time of reading, not on a write.
    events: tuple[tuple[datetime.datetime, int], ...]

    def events_held(self, now=None) -> int:
        now = now or timezone.now()
        return sum(1 for ends_at, _present in self.events if ends_at < now)

    def attendance(self, now=None) -> int:
        """People present at the events held (as staff recorded it)."""
        now = now or timezone.now()
        return sum(present for ends_at, present in self.events if ends_at < now)


def public_figures() -> PublicFigures:
    """Organisations registered, experiences published, events and their attendance:
    three queries when they changed, none otherwise."""
    return cached_figures(
        "network", depends_on=(ORGANISATIONS_DATA, ACTIVITY_DATA), compute=_public_figures
    )


def _public_figures() -> PublicFigures:
    events = (
        Event.objects.published()
        .filter(cancelled_at__isnull=True)
        .annotate(
            present=Count(
                "registrations", filter=Q(registrations__attendance=AttendanceStatus.PRESENT)
            )
        )
        .order_by("ends_at")
        .values_list("ends_at", "present")
    )
    return PublicFigures(
        organisations=Organisation.objects.count(),
        experiences=Experience.objects.published().count(),
        events=tuple(events),
    )
