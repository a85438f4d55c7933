"""The pilot cohort's sessions and intervisions: 2 to 5 past sessions per enterprise (shared
and private notes, next steps, a few of them turned into actions), one planned session
next week, two past intervisions with attendance in every state and their summaries, and
one in ten days with questions (some anonymous). Safe to run twice."""

import datetime
import random

from django.utils import timezone

from digitalees.models import User

from ..models import CoachingSession, Cohort, Plan
from ..sessions import services
from .plans import PILOT_COHORT

SEED = 2027

TOPICS = [
    (
        "Lecture du diagnostic et priorités",
        "Nous avons relu ensemble le diagnostic et retenu trois priorités pour l'année.",
        "L'équipe est motivée mais la direction hésite à y consacrer du temps.",
        "Partager le diagnostic avec le conseil d'administration\nLister les outils utilisés",
    ),
    (
        "Sauvegardes et sécurité des données",
        "Un point sur les sauvegardes : deux postes ne sont pas sauvegardés.",
        "Risque réel : les fichiers des bénéficiaires sont sur un seul ordinateur portable.",
        "Acheter un disque de sauvegarde externe\nActiver la double authentification",
    ),
    (
        "Choix d'un outil de gestion des bénévoles",
        "Trois outils comparés ; une démonstration est prévue avec le fournisseur retenu.",
        "Budget serré : orienter vers une solution libre ou un tarif associatif.",
        "Demander une démonstration\nRecenser les besoins des coordinateurs",
    ),
    (
        "Communication en ligne",
        "Le site est peu mis à jour ; une personne pourrait s'en charger deux heures par mois.",
        "La coordinatrice est surchargée, à ne pas lui confier de tâche supplémentaire.",
        "Désigner une personne responsable du site",
    ),
    (
        "Compétences numériques de l'équipe",
        "Un questionnaire court permettra de repérer les besoins de formation.",
        "Deux personnes expriment une forte appréhension face aux outils.",
        "Diffuser le questionnaire de compétences\nPlanifier une formation de base",
    ),
]

QUESTIONS = [
    (
        "Comment convaincre notre conseil d'administration d'investir dans le numérique ?",
        "strategy",
        False,
    ),
    ("Quel outil libre utilisez-vous pour partager vos fichiers ?", "tools", False),
    ("Que faire si un ordinateur avec des données de bénéficiaires est volé ?", "security", True),
    ("Comment accompagner des collègues qui ont peur des outils numériques ?", "skills", True),
    ("Avez-vous obtenu des aides pour renouveler votre matériel ?", "", True),
    ("Comment mesurer ce que notre site web nous apporte ?", "communication", False),
]

ATTENDANCE = ["present", "present", "absent", "excused"]


def _at(day: datetime.date, hour: int) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, 0)))


def seed(*, password: str, stdout) -> list[tuple[str, str]]:
    cohort = Cohort.objects.filter(name=PILOT_COHORT).first()
    if cohort is None or CoachingSession.objects.filter(enrolment__cohort=cohort).exists():
        return []
    rng = random.Random(SEED)
    today = timezone.localdate()
    enrolments = list(cohort.enrolments.select_related("organisation").order_by("pk"))
    sessions = 0
    for index, enrolment in enumerate(enrolments):
        organisation = enrolment.organisation
        coach = organisation.coach_assignments.select_related("coach").first().coach
        members = list(User.objects.filter(memberships__organisation=organisation).order_by("pk"))
        has_plan = Plan.objects.filter(enrolment=enrolment).exists()
        count = 2 + index % 4  # 2 to 5
        for n in range(count):
            topic, shared, private, steps = TOPICS[(index + n) % len(TOPICS)]
            day = today - datetime.timedelta(days=80 - n * (70 // count) - rng.randint(0, 5))
            session = services.session_create(
                enrolment=enrolment,
                coach=coach,
                starts_at=_at(max(day, cohort.starts_on), rng.choice([9, 10, 14])),
                duration_minutes=rng.choice([60, 90, 90, 120]),
                topics=topic,
                shared_notes=shared,
                private_notes=private,
                next_steps=steps,
                participants=members[:1],
            )
            sessions += 1
            if n == 0 and index % 3 == 0 and has_plan:  # a few next steps became actions
                services.session_step_action(session=session, index=0, by=coach)
        services.session_create(
            enrolment=enrolment,
            coach=coach,
            starts_at=_at(today + datetime.timedelta(days=7 + index % 3), 10),
            duration_minutes=90,
            topics="Point d'étape sur le plan",
            participants=members[:2],
        )
        sessions += 1
    organiser = User.objects.get(email="coach1@digitalees.test")
    _intervisions(cohort, organiser, enrolments, today)
    stdout.write(f"Coaching: {sessions} sessions and 3 intervisions in “{cohort.name}”.")
    return []


def _intervisions(cohort, organiser, enrolments, today) -> None:
    past = [
        (
            "Intervision 1 — partir du diagnostic",
            60,
            "Chaque entreprise a présenté ses trois priorités. Constat partagé : la sécurité "
            "des données est le point faible le plus fréquent.",
        ),
        (
            "Intervision 2 — choisir ses outils",
            25,
            "Retours d'expérience sur les outils collaboratifs libres ; une liste commune "
            "d'outils testés sera tenue à jour par la cohorte.",
        ),
    ]
    for title, days_ago, summary in past:
        # Invitations go out before an intervision: it is organised ahead, then held.
        intervision = services.intervision_create(
            cohort=cohort,
            organised_by=organiser,
            title=title,
            starts_at=_at(today + datetime.timedelta(days=1), 13),
            location="Namur, Espace Digital Wallonia",
            description="Tour de table\nÉchanges en petits groupes\nMise en commun",
        )
        services.intervision_invite(intervision=intervision, by=organiser)
        services.intervision_update(
            intervision=intervision,
            starts_at=_at(today - datetime.timedelta(days=days_ago), 13),
        )
        invitations = list(intervision.invitations.order_by("pk"))
        services.intervision_record_attendance(
            intervision=intervision,
            attendance={
                invitation.pk: ATTENDANCE[n % len(ATTENDANCE)]
                for n, invitation in enumerate(invitations)
            },
        )
        services.intervision_share_summary(intervision=intervision, summary=summary)
    coming = services.intervision_create(
        cohort=cohort,
        organised_by=organiser,
        title="Intervision 3 — sécurité et données",
        starts_at=_at(today + datetime.timedelta(days=10), 13),
        location="En ligne (lien envoyé la veille)",
        description="Les sauvegardes\nLes mots de passe\nVos questions",
    )
    services.intervision_invite(intervision=coming, by=organiser)
    askers = [
        invitation.user
        for invitation in coming.invitations.select_related("user")[: len(QUESTIONS)]
    ]
    for (text, theme, anonymous), asker in zip(QUESTIONS, askers, strict=False):
        services.question_ask(
            intervision=coming, asked_by=asker, text=text, theme=theme, anonymous=anonymous
        )
