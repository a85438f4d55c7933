"""Demo diagnostics for `manage.py seed_demo` (safe to run twice).

Three hundred fictional EES beside network's fifteen pilots, each with one or two submitted
diagnostics, so that results pages, histories and benchmarks have something to show:

- every pilot has a result from about a year ago and a better recent one;
- every pilot has five to eight fictional peers (same sector, size band and province), so the
  benchmark of similar EES shows on its results page;
- the first pilot (whose admin's login is printed) runs a campaign, still open, in which
  three colleagues answered through the services: its latest result shows perception gaps.

What is made lives beside: `organisations` (the fictional EES and their admins), `answers`
(how each answers), `campaigns` (the first pilot's campaign). Everything is written through
the services: the diagnostics with `services.assessments_create_bulk`, which scores and
stores them with the same functions as `services.assessment_submit`, at a fraction of the
cost. `bench` fills its volumes with the same generators and services.
"""

import random
from collections.abc import Sequence
from datetime import datetime, timedelta

from django.utils import timezone

from network.demo import PILOTS, enterprise_number
from network.models import Membership, Organisation

from .. import services
from ..models import Assessment, Questionnaire, Result
from ..selectors import Structure, questionnaire_structure
from .answers import SIZE_BOOST, Profile, answers_for, pilot_profile, profile_for
from .campaigns import campaign_create
from .organisations import (
    NUMBER_PREFIX,
    PEERS_PER_PILOT,
    OrganisationSpec,
    admins_create,
    generate_organisations,
    organisations_create,
)

__all__ = [
    "NUMBER_PREFIX",
    "PEERS_PER_PILOT",
    "SIZE_BOOST",
    "Item",
    "OrganisationSpec",
    "Profile",
    "admins_create",
    "answers_for",
    "assessments_create",
    "campaign_create",
    "generate_organisations",
    "organisations_create",
    "profile_for",
    "seed",
]

SEED = 2026
ORGANISATIONS = 300
SECOND_ASSESSMENT_SHARE = 0.4

# One assessment to write: {question id: [choice ids]}, organisation, respondent, dates.
Item = services.AssessmentRow


def assessments_create(
    structure: Structure, questionnaire_id: int, items: Sequence[Item], *, batch_size: int = 2000
) -> list[Assessment]:
    """`services.assessments_create_bulk`, under the name the bench's runner calls."""
    return services.assessments_create_bulk(
        questionnaire_id=questionnaire_id, rows=items, batch_size=batch_size
    )


def _when(rng: random.Random, now: datetime, days_ago: float) -> tuple[datetime, datetime]:
    """(started, submitted) about `days_ago` days before `now`, in working hours or so."""
    submitted = now - timedelta(days=days_ago, minutes=rng.randint(0, 600))
    return submitted - timedelta(minutes=rng.randint(20, 60 * 24 * 6)), submitted


def _overall(structure: Structure, answers) -> float | None:
    return services.assessment_scores(structure, answers).overall


def seed(*, password: str, stdout) -> list[tuple[str, str]]:
    """Fictional EES with submitted diagnostics; two results for each pilot. No new logins
    worth printing: the pilots' admins (printed by network) see the results."""
    questionnaire = Questionnaire.current()
    if questionnaire is None:
        stdout.write("No questionnaire is published: no demo diagnostics.")
        return []
    structure = questionnaire_structure(questionnaire.id)
    rng = random.Random(SEED)
    now = timezone.now()

    pilot_groups = [
        (sector, size, province) for _n, _b, _f, sector, province, _p, _m, size, _s in PILOTS
    ]
    specs = generate_organisations(rng, ORGANISATIONS, peer_groups=pilot_groups)
    generated = organisations_create(specs)
    pilots = {
        o.enterprise_number: o
        for o in Organisation.objects.filter(
            enterprise_number__in=[enterprise_number(p[1]) for p in PILOTS]
        )
    }
    everyone = [*pilots.values(), *generated.values()]
    admins = admins_create(generated.values(), password=password)
    admins.update(
        {
            org_id: user_id
            for org_id, user_id in Membership.objects.filter(
                organisation__in=pilots.values(), role=Membership.Role.ADMIN
            )
            .order_by("created_at", "pk")
            .values_list("organisation_id", "user_id")
            if org_id not in admins
        }
    )
    # Organisations that already have a result keep what they have (second run, or
    # someone answered in the meantime).
    done = set(
        Result.objects.filter(organisation__in=everyone).values_list("organisation_id", flat=True)
    )

    items: list[Item] = []
    # Pilots: one diagnostic about a year ago, a better one in the last weeks.
    for _name, body, *_rest in PILOTS:
        organisation = pilots.get(enterprise_number(body))
        if organisation is None:
            continue
        profile_rng = random.Random(f"{SEED}-{body}")
        profile = pilot_profile(structure, organisation, seed=SEED, rng=profile_rng)
        before = answers_for(structure, profile)
        progress = profile_rng.uniform(0.1, 0.2)
        after = answers_for(structure, profile, progress=progress)
        while _overall(structure, after) <= _overall(structure, before):
            progress += 0.05
            after = answers_for(structure, profile, progress=progress)
        if organisation.pk in done:
            continue
        for answers, days in (
            (before, profile_rng.uniform(350, 380)),
            (after, profile_rng.uniform(7, 45)),
        ):
            started, submitted = _when(profile_rng, now, days)
            items.append(
                Item(answers, organisation.pk, admins.get(organisation.pk), started, submitted)
            )
    # Generated organisations: one diagnostic, or two some months apart (most progress).
    for spec in specs:
        organisation = generated[spec.enterprise_number]
        profile = profile_for(structure, rng, size_band=spec.size_band, sector=spec.sector)
        first_days = rng.uniform(20, 720)
        second_days = first_days - rng.uniform(120, 400)
        rounds = [(0.0, _when(rng, now, first_days))]
        progress = rng.gauss(0.06, 0.07)
        if rng.random() < SECOND_ASSESSMENT_SHARE and second_days > 3:
            rounds.append((progress, _when(rng, now, second_days)))
        if organisation.pk in done:
            continue
        for delta, (started, submitted) in rounds:
            items.append(
                Item(
                    answers_for(structure, profile, progress=delta),
                    organisation.pk,
                    admins.get(organisation.pk),
                    started,
                    submitted,
                )
            )
    services.assessments_create_bulk(questionnaire_id=questionnaire.id, rows=items)
    if items:
        stdout.write(
            f"Diagnostic: {len(items)} submitted diagnostics for "
            f"{len({i.organisation_id for i in items})} organisations."
        )
    first_pilot = pilots.get(enterprise_number(PILOTS[0][1]))
    if first_pilot is not None and not first_pilot.campaigns.exists():
        campaign = campaign_create(first_pilot, structure, seed=SEED)
        stdout.write(
            f"Diagnostic: an open campaign of {first_pilot.name} with "
            f"{campaign.assessments.count()} respondents."
        )
    return []
