"""Selection's demo data (after plans.py): the pilot cohort's applications, scored and
decided on paper before the platform (each attached to its enrolment), a few enterprises
not selected, areas of expertise on the coaches' assignments; and the 2027 cohort with its
call open and five applications awaiting their scores. Safe to run twice."""

import datetime
import random

from django.utils import timezone

from digitalees.models import User
from network import services as network_services
from network.models import CoachAssignment, Membership, Organisation, Topic

from .. import services
from ..models import Application, Cohort, Criterion
from ..selection import services as selection_services
from ..staff import services as staff_services
from .plans import PILOT_COHORT

SEED = 2027
NEXT_COHORT = "DigitalEES — cohorte 2027"

MOTIVATIONS = [
    "Nous voulons sortir des tableurs éparpillés et mieux protéger les données de nos "
    "bénéficiaires.",
    "Notre équipe a grandi vite : il nous faut des outils communs et une vraie stratégie "
    "numérique.",
    "Nos bénévoles et nos travailleurs ne partagent pas les mêmes outils ; nous voulons un plan "
    "réaliste, adapté à nos moyens.",
    "Le diagnostic nous a montré nos faiblesses en sécurité et en communication : nous voulons "
    "être accompagnés pour avancer.",
    "Nous préparons une demande de bourse de digitalisation et voulons un plan solide pour la "
    "porter.",
]
SELECTED_REASONS = [
    "Projet de transformation clair, équipe motivée et direction impliquée.",
    "Besoins urgents en sécurité des données ; capacité de l'équipe à porter le projet.",
    "Bonne complémentarité avec la cohorte ; moyens humains dégagés pour le projet.",
]
# The diagnostic's dimensions, topics of the same codes.
DIMENSION_CODES = [
    "strategy",
    "tools",
    "data",
    "security",
    "skills",
    "communication",
    "equipment",
    "responsible",
]
NOT_SELECTED_REASON = (
    "Projet pertinent mais encore peu défini ; moyens humains insuffisants cette année. "
    "Candidature bienvenue à la prochaine cohorte, après un autodiagnostic en équipe."
)


def _admin(organisation):
    membership = (
        Membership.objects.filter(organisation=organisation, role=Membership.Role.ADMIN)
        .select_related("user")
        .order_by("created_at", "pk")
        .first()
    )
    return membership.user if membership else None


def _scores(rng, low: int, high: int) -> dict[str, int]:
    return {c: rng.randint(low, high) for c in Criterion.values}


def seed(*, password: str, stdout) -> list[tuple[str, str]]:
    rng = random.Random(SEED)
    agency = User.objects.get(email="agence@digitalees.test")
    pilot = Cohort.objects.filter(name=PILOT_COHORT).first()
    if pilot is not None and not pilot.applications.exists():
        _pilot_selection(pilot, rng, agency)
        _areas(pilot, rng)
    if not Cohort.objects.filter(name=NEXT_COHORT).exists():
        _next_cohort(rng, agency)
    return []


def _generated(count: int, *, exclude=()) -> list[Organisation]:
    # The diagnostic's demo organisations (enterprise numbers 08…), with an admin each.
    return list(
        Organisation.objects.filter(
            enterprise_number__startswith="08", memberships__role=Membership.Role.ADMIN
        )
        .exclude(pk__in=exclude)
        .exclude(enrolments__isnull=False)
        .distinct()
        .order_by("enterprise_number")[:count]
    )


def _pilot_selection(cohort: Cohort, rng, agency) -> None:
    closing = cohort.call_closes_on - datetime.timedelta(days=5)
    submitted = datetime.datetime.combine(
        closing, datetime.time(10), tzinfo=timezone.get_current_timezone()
    )
    decided = submitted + datetime.timedelta(days=12)
    for index, enrolment in enumerate(cohort.enrolments.select_related("organisation")):
        selection_services.application_import(
            cohort=cohort,
            organisation=enrolment.organisation,
            submitted_by=_admin(enrolment.organisation),
            motivation=MOTIVATIONS[index % len(MOTIVATIONS)],
            submitted_at=submitted - datetime.timedelta(days=rng.randint(0, 20)),
            scores=_scores(rng, 3, 5),
            scored_by=agency,
            status=Application.Status.SELECTED,
            reason=SELECTED_REASONS[index % len(SELECTED_REASONS)],
            decided_by=agency,
            decided_at=decided,
        )
    for index, organisation in enumerate(_generated(3)):
        selection_services.application_import(
            cohort=cohort,
            organisation=organisation,
            submitted_by=_admin(organisation),
            motivation=MOTIVATIONS[(index + 2) % len(MOTIVATIONS)],
            submitted_at=submitted - datetime.timedelta(days=rng.randint(0, 20)),
            scores=_scores(rng, 1, 3),
            scored_by=agency,
            status=Application.Status.NOT_SELECTED,
            reason=NOT_SELECTED_REASON,
            share_reason=index != 2,
            decided_by=agency,
            decided_at=decided,
        )


def _areas(cohort: Cohort, rng) -> None:
    topics = list(Topic.objects.filter(code__in=DIMENSION_CODES).order_by("code"))
    if not topics:
        return
    assignments = CoachAssignment.objects.filter(organisation__enrolments__cohort=cohort).order_by(
        "pk"
    )
    for assignment in assignments:
        if not assignment.areas.exists():
            network_services.coach_set_areas(assignment=assignment, areas=rng.sample(topics, 2))


def _next_cohort(rng, agency) -> None:
    today = timezone.localdate()
    cohort = services.cohort_create(
        name=NEXT_COHORT,
        created_by=agency,
        description_fr="La deuxième cohorte : quinze entreprises accompagnées pendant un an.",
        description_en="The second cohort: fifteen enterprises coached for a year.",
        call_opens_on=today - datetime.timedelta(days=10),
        call_closes_on=today + datetime.timedelta(days=50),
        starts_on=today + datetime.timedelta(days=80),
        ends_on=today + datetime.timedelta(days=445),
        capacity=15,
    )
    staff_services.cohort_advance(cohort=cohort, status=Cohort.Status.CALL_OPEN)
    pilot_ids = Application.objects.filter(cohort__name=PILOT_COHORT).values("organisation")
    for index, organisation in enumerate(_generated(5, exclude=pilot_ids)):
        selection_services.application_submit(
            cohort=cohort,
            organisation=organisation,
            by=_admin(organisation),
            motivation=MOTIVATIONS[index % len(MOTIVATIONS)],
        )
