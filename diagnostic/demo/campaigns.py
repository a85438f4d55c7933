"""The demo's campaign: several members of one organisation answer the same diagnostic."""

import random

from network.models import Membership, Organisation

from .. import services
from ..selectors import Structure
from .answers import answers_for, pilot_profile, profile_for


def campaign_create(organisation: Organisation, structure: Structure, *, seed: int):
    """A campaign opened by the organisation's admin, answered by the admin, the other members
    and a colleague invited by e-mail, each seeing the organisation a little differently
    (their own leaning per dimension), then submitted: all through the services, as in the
    browser (the invitations are e-mailed as the page sends them: in development, to
    var/mail/). The campaign stays open."""
    memberships = list(
        Membership.objects.filter(organisation=organisation)
        .select_related("user")
        .order_by("created_at", "pk")
    )
    admin = next(m.user for m in memberships if m.role == Membership.Role.ADMIN)
    campaign = services.campaign_open(organisation=organisation, opened_by=admin)
    colleagues = [m.user.email for m in memberships if m.user != admin]
    for email in [*colleagues, f"coordination.{organisation.slug}@digitalees.test"]:
        services.campaign_invite(campaign=campaign, email=email, invited_by=admin)
    # As mature as the organisation's own recent diagnostic (see seed), each respondent
    # with their own draws and leaning per dimension: the perception gaps.
    maturity = pilot_profile(structure, organisation, seed=seed).maturity
    questions = {q.id: q for q in structure.questions}
    for person, assessment in enumerate(campaign.assessments.order_by("pk")):
        profile = profile_for(
            structure,
            random.Random(f"{seed}-campaign-{person}"),
            size_band=organisation.size_band,
            sector=organisation.sector,
        )
        profile.maturity = maturity + 0.15
        for question_id, choice_ids in answers_for(structure, profile).items():
            services.answer_save(
                assessment=assessment,
                question=questions[question_id],
                choice_codes=[structure.choices[c].code for c in choice_ids],
            )
        services.assessment_submit(assessment=assessment)
    return campaign
