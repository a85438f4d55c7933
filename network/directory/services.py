"""Writes of the public directory: what an organisation shows publicly."""

from collections.abc import Sequence

from django.db import transaction

from network.models import Organisation, Topic
from network.services import organisation_update

# The choices a public profile's form sets (network.models.Organisation).
PUBLIC_CHOICES = (
    "is_public",
    "public_social_purpose",
    "public_municipality",
    "public_website",
    "public_logo",
    "accepts_contact",
)


@transaction.atomic
def public_profile_update(
    *, organisation: Organisation, themes: Sequence[Topic], **choices: bool
) -> Organisation:
    """Save what the organisation shows publicly and the digital themes it worked on,
    through organisation_update (which tells the other apps what changed); in one
    transaction, which organisation_update's lock of the row needs."""
    unknown = set(choices) - set(PUBLIC_CHOICES)
    if unknown:
        raise TypeError(f"not a public-profile choice: {', '.join(sorted(unknown))}")
    organisation = organisation_update(organisation=organisation, **choices)
    organisation.themes.set(themes)
    return organisation
