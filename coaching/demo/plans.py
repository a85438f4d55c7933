"""The pilot cohort: the 15 demo EES enrolled, each with a plan started from its latest
diagnostic and actions in every status (some overdue, some due within the week)."""

import datetime
import random
from decimal import Decimal

from django.utils import timezone

from digitalees.models import User
from network.demo import PILOTS, enterprise_number
from network.models import Organisation

from .. import services
from ..models import Cohort, Plan
from ..selectors import action_proposals

SEED = 2026
PILOT_COHORT = "DigitalEES — cohorte pilote 2026"

ACTIONS = [
    # title, dimension, priority, status, progress, budget
    ("Choisir un outil de gestion des bénévoles", "tools", "high", "in_progress", 40, 1200),
    ("Former l'équipe aux bases de la cybersécurité", "security", "high", "todo", 0, 800),
    ("Mettre en place des sauvegardes automatiques", "security", "high", "done", 100, 300),
    ("Rédiger la charte d'usage du numérique", "responsible", "medium", "todo", 0, None),
    ("Migrer les fichiers partagés vers un espace commun", "data", "medium", "blocked", 30, 500),
    ("Refondre le site web", "communication", "low", "dropped", 10, 4000),
    ("Recenser les compétences numériques de l'équipe", "skills", "medium", "done", 100, None),
    ("Remplacer les postes de plus de 7 ans", "equipment", "low", "in_progress", 50, 6000),
]


def seed(*, password: str, stdout) -> list[tuple[str, str]]:
    if Cohort.objects.filter(name=PILOT_COHORT).exists():
        return []
    rng = random.Random(SEED)
    today = timezone.localdate()
    agency = User.objects.get(email="agence@digitalees.test")
    cohort = services.cohort_create(
        name=PILOT_COHORT,
        created_by=agency,
        description_fr="Quinze entreprises pilotes accompagnées pendant un an.",
        description_en="Fifteen pilot enterprises coached for a year.",
        call_opens_on=today - datetime.timedelta(days=150),
        call_closes_on=today - datetime.timedelta(days=120),
        starts_on=today - datetime.timedelta(days=90),
        ends_on=today + datetime.timedelta(days=275),
        capacity=15,
        hours_per_enterprise=Decimal("40"),
        status=Cohort.Status.RUNNING,
    )
    numbers = [enterprise_number(pilot[1]) for pilot in PILOTS]
    organisations = Organisation.objects.filter(enterprise_number__in=numbers).order_by("name")
    for index, organisation in enumerate(organisations):
        enrolment = services.enrolment_create(cohort=cohort, organisation=organisation)
        coach = organisation.coach_assignments.select_related("coach").first().coach
        admin = organisation.memberships.filter(role="admin").select_related("user").first().user
        # The plan starts from the enterprise's first diagnostic, so that its latest one
        # shows the change per dimension since.
        result = organisation.results.order_by("created_at", "pk").first()
        plan = services.plan_create(
            enrolment=enrolment,
            created_by=coach,
            vision=(
                f"Dans un an, {organisation.name} s'appuie sur des outils numériques simples "
                "et sûrs, que toute l'équipe maîtrise."
            ),
            objectives="Sécuriser nos données\nGagner du temps sur l'administratif\n"
            "Mieux faire connaître nos activités",
            baseline_result=result,
            proposals=action_proposals(result),
        )
        _add_actions(plan, index, rng, today, owners=[admin, coach], by=coach)
    stdout.write(f"Coaching: {organisations.count()} enterprises in “{cohort.name}”.")
    return []


def _add_actions(plan: Plan, index: int, rng, today, *, owners, by) -> None:
    rows = []
    for n, (title, dimension, priority, status, progress, budget) in enumerate(ACTIONS):
        if (n + index) % 4 == 3 and status not in ("done", "dropped", "blocked"):
            continue  # plans differ in size
        starts_on = today - datetime.timedelta(days=rng.randint(20, 80))
        # One overdue and one due within the week per plan, the rest later.
        due_on = {
            0: today - datetime.timedelta(days=rng.randint(2, 15)),
            1: today + datetime.timedelta(days=rng.randint(1, 6)),
        }.get(n, today + datetime.timedelta(days=rng.randint(20, 200)))
        progress = min(100, max(0, progress + rng.randint(-10, 10))) if progress < 100 else 100
        rows.append(
            {
                "title": title,
                "dimension_code": dimension,
                "priority": priority,
                "status": status,
                "progress": progress,
                "estimated_budget": Decimal(budget) if budget else None,
                "owner": owners[n % len(owners)],
                "starts_on": starts_on,
                "due_on": max(due_on, starts_on),
                "position": n,
            }
        )
    services.actions_create_bulk(plan=plan, by=by, rows=rows)
