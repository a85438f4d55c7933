"""A plan with something in every part of its PDF, for the exports' tests."""

import datetime
from decimal import Decimal

from django.utils import timezone

from coaching import services
from coaching.models import Phase, Step
from diagnostic import services as diagnostic_services
from tests.diagnostic.conftest import answer_everything
from tests.factories import CoachAssignmentFactory, MembershipFactory, OrganisationFactory

from .factories import enrol, make_cohort

LONG_WORD = "Dématérialisationdesprocéduresadministrativesdel'entreprise" * 2


def submit_result(organisation, user, *, rank):
    assessment = diagnostic_services.assessment_start(respondent=user, organisation=organisation)
    diagnostic_services.assessment_submit(assessment=answer_everything(assessment, rank=rank))
    assessment.refresh_from_db()
    return assessment.result


def methodology():
    """Two phases of two steps each (the agency's methodology, in place of the one a
    migration loads: long titles, to test the layout)."""
    if Phase.objects.filter(title_fr="Phase 1").exists():
        return list(Step.objects.all())
    Phase.objects.all().delete()
    steps = []
    for p in (1, 2):
        phase = Phase.objects.create(position=p, title_fr=f"Phase {p}", title_en=f"Phase {p} (en)")
        for s in (1, 2):
            steps.append(
                Step.objects.create(
                    phase=phase,
                    position=s,
                    title_fr=f"Étape {p}.{s} : un intitulé d'étape plutôt long",
                    title_en=f"Step {p}.{s}: a rather long step title",
                    deliverable_fr="Un livrable attendu décrit en une phrase complète",
                    deliverable_en="An expected deliverable described in a full sentence",
                )
            )
    return steps


def rich_plan(*, organisation=None, cohort=None, actions_per_status=3, long_texts=False):
    """A plan started from a diagnostic, measured again since, with actions in every status
    (some overdue, with owners, dates and budgets), milestones and a step done."""
    organisation = organisation or OrganisationFactory(
        name="Coopérative d'insertion socioprofessionnelle du Pays de Herve et de la Basse-Meuse"
        if long_texts
        else "Ressourcerie test"
    )
    admin = MembershipFactory(organisation=organisation, role="admin").user
    coach = CoachAssignmentFactory(organisation=organisation).coach
    submit_result(organisation, admin, rank=1)
    cohort = cohort or make_cohort(name="Cohorte pilote des exports")
    plan = services.plan_create(
        enrolment=enrol(organisation, cohort),
        created_by=coach,
        vision="Une équipe autonome avec des outils sûrs. " * (8 if long_texts else 1),
        objectives="Sécuriser nos données\nGagner du temps\n"
        + ("Un objectif très long " * 12 if long_texts else "Se faire connaître"),
    )
    submit_result(organisation, admin, rank=3)  # the latest since the plan began
    today = timezone.localdate()
    rows = []
    n = 0
    for status in ("todo", "in_progress", "blocked", "done", "dropped"):
        for i in range(actions_per_status):
            n += 1
            title = f"Action {n} : mettre en place l'outil de gestion partagé"
            if long_texts and i == 0:
                title = f"{LONG_WORD} {n}"
            rows.append(
                {
                    "title": title,
                    "dimension_code": ["strategy", "security", "tools"][i % 3],
                    "priority": ["high", "medium", "low"][i % 3],
                    "status": status,
                    "progress": 100 if status == "done" else min(90, 10 * i),
                    "owner": [admin, coach][i % 2],
                    "starts_on": today - datetime.timedelta(days=40),
                    "due_on": today + datetime.timedelta(days=-5 if i == 0 else 30),
                    "estimated_budget": Decimal("123456.78") if i == 1 else None,
                    "position": n,
                }
            )
    services.actions_create_bulk(plan=plan, by=coach, rows=rows)
    services.milestone_create(
        plan=plan, title="Outil choisi et équipe formée", due_on=today + datetime.timedelta(30)
    )
    reached = services.milestone_create(
        plan=plan, title="Sauvegardes en place", due_on=today - datetime.timedelta(10)
    )
    services.milestone_reach(milestone=reached, reached_on=today - datetime.timedelta(12))
    steps = methodology()
    services.step_complete(plan=plan, step=steps[0], by=coach, note="Rapport du diagnostic")
    plan.refresh_from_db()
    return plan
