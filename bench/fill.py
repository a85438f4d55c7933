"""Reproducible data for the bench.

Organisations spread like Wallonia's EES over sectors, provinces and size bands, each with
one to a dozen submitted diagnostics (about three on average), generated with the demo's
generators and written through `diagnostic.services.assessments_create_bulk`: the rows
`assessment_submit` would store (answers and their choices, dimension scores, organisation
results with their scores and the latest flag), scored by the same functions, at tens of
thousands of rows a second (PostgreSQL's COPY: `digitalees.db.insert_rows`).

Everything is drawn from fixed seeds: the same scale gives the same organisations and
answers on every run (dates are relative to the day of the run).
"""

import random
import time
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import timedelta

from django.db import connection
from django.utils import timezone

from diagnostic import demo, services

SEED = 42
# scale -> (organisations, submitted assessments)
VOLUMES = {"full": (6600, 20000), "small": (660, 2000)}
# Queries are counted a first time on this many assessments, then again at full volume.
FIRST_VOLUME = 100
# The measured organisation: several results (history) and peers enough for a benchmark
# in the first fill already.
HISTORY = 4
PEERS_FIRST = 7
MAX_PER_ORGANISATION = 12
# Many organisations answer once or twice, a few a dozen times: about three on average.
COUNT_WEIGHTS = {1: 34, 2: 24, 3: 14, 4: 9, 5: 7, 6: 5, 7: 3, 8: 2, 9: 1, 10: 1}
CHUNK = 2000  # assessments per bulk write


@dataclass
class Plan:
    specs: list  # demo.OrganisationSpec
    counts: list[int]  # submitted assessments per organisation, same order
    target: int  # index of the measured organisation
    first: list[int]  # organisations of the first (small) fill
    rest: list[int] = field(default_factory=list)

    def volume(self, indexes) -> int:
        return sum(self.counts[i] for i in indexes)


def plan(scale: str) -> Plan:
    organisations, assessments = VOLUMES[scale]
    rng = random.Random(SEED)
    specs = demo.generate_organisations(rng, organisations)
    counts = rng.choices(list(COUNT_WEIGHTS), weights=list(COUNT_WEIGHTS.values()), k=len(specs))
    groups: dict[tuple, list[int]] = defaultdict(list)
    for index, spec in enumerate(specs):
        groups[(spec.sector, spec.size_band, spec.province)].append(index)
    # The measured organisation belongs to the largest peer group.
    members = max(groups.values(), key=lambda m: (len(m), -m[0]))
    target = members[0]
    counts[target] = max(counts[target], HISTORY)
    fixed = {target}
    while sum(counts) < assessments:
        index = rng.randrange(len(specs))
        if counts[index] < MAX_PER_ORGANISATION:
            counts[index] += 1
    while sum(counts) > assessments:
        index = rng.randrange(len(specs))
        if counts[index] > 1 and index not in fixed:
            counts[index] -= 1
    first = members[:PEERS_FIRST]
    chosen = set(first)
    for index in range(len(specs)):
        if sum(counts[i] for i in first) >= FIRST_VOLUME:
            break
        if index not in chosen:
            first.append(index)
            chosen.add(index)
    rest = [i for i in range(len(specs)) if i not in chosen]
    return Plan(specs=specs, counts=counts, target=target, first=first, rest=rest)


def write(plan: Plan, indexes, *, structure, questionnaire_id, log=print) -> dict[int, tuple]:
    """Write the organisations `indexes` of the plan with an admin each and their submitted
    assessments. {index: (organisation, admin user id)}."""
    started = time.perf_counter()
    specs = [plan.specs[i] for i in indexes]
    by_number = demo.organisations_create(specs)
    organisations = {i: by_number[plan.specs[i].enterprise_number] for i in indexes}
    admins = demo.admins_create(organisations.values(), password=None, domain="bench.test")
    now = timezone.now()
    items: list[services.AssessmentRow] = []
    written = 0
    for index in indexes:
        organisation = organisations[index]
        rng = random.Random(SEED * 1_000_003 + index)
        spec = plan.specs[index]
        profile = demo.profile_for(structure, rng, size_band=spec.size_band, sector=spec.sector)
        days = sorted((rng.uniform(1, 1100) for _ in range(plan.counts[index])), reverse=True)
        progress = 0.0
        for days_ago in days:
            submitted = now - timedelta(days=days_ago)
            items.append(
                services.AssessmentRow(
                    demo.answers_for(structure, profile, progress=progress),
                    organisation.pk,
                    admins[organisation.pk],
                    started_at=submitted - timedelta(minutes=rng.randint(20, 60 * 24 * 6)),
                    submitted_at=submitted,
                )
            )
            progress += rng.gauss(0.04, 0.05)
        if len(items) >= CHUNK or index == indexes[-1]:
            services.assessments_create_bulk(
                questionnaire_id=questionnaire_id, rows=items, batch_size=CHUNK
            )
            written += len(items)
            items = []
            log(
                f"\r  {written} assessments of {len(indexes)} organisations written "
                f"({time.perf_counter() - started:.0f} s)",
                end="",
                flush=True,
            )
    log("")
    analyse()
    return {i: (organisations[i], admins[organisations[i].pk]) for i in indexes}


def analyse() -> None:
    """Fresh planner statistics, as autovacuum keeps them in production."""
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")
