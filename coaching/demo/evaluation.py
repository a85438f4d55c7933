"""Evaluations in the pilot cohort: five participants evaluate its first phase, with
varied verdicts and comments (through the evaluation's service)."""

from network.models import Membership

from ..evaluation import services
from ..models import Cohort, Evaluation, EvaluationTheme, Phase
from .plans import PILOT_COHORT

# Used only when the themes' data migration has not run (a database emptied by tests).
DEFAULT_THEMES = [
    ("La sélection des entreprises", "The selection of the enterprises"),
    ("L'accompagnement individuel", "Individual coaching"),
    ("Les intervisions", "Intervisions"),
    ("Les outils", "The tools"),
    ("Le plan de transformation", "The transformation plan"),
]
VERDICTS = ["keep", "improve", "keep", "modify", "keep", "remove", "improve"]
COMMENTS = [
    "Très utile, à garder tel quel.",
    "Il faudrait plus de temps pour cette étape.",
    "",
    "Les échanges entre pairs nous ont beaucoup apporté.",
    "Trop théorique au début, plus concret ensuite.",
    "",
    "Un calendrier connu à l'avance aiderait les petites équipes.",
]
RESPONDENTS = 5


def seed(*, password: str, stdout) -> list[tuple[str, str]]:
    cohort = Cohort.objects.filter(name=PILOT_COHORT).first()
    if cohort is None or Evaluation.objects.filter(cohort=cohort).exists():
        return []
    if not EvaluationTheme.objects.exists():
        for title_fr, title_en in DEFAULT_THEMES:
            services.evaluation_theme_create(title_fr=title_fr, title_en=title_en)
    themes = list(EvaluationTheme.objects.filter(is_active=True))
    phase = Phase.objects.order_by("position").first()  # None: the whole accompaniment
    enrolments = cohort.enrolments.select_related("organisation").order_by("organisation__name")
    for n, enrolment in enumerate(enrolments[:RESPONDENTS]):
        admin = (
            Membership.objects.filter(organisation=enrolment.organisation, role="admin")
            .select_related("user")
            .first()
        )
        if admin is None:
            continue
        answers = {
            theme.pk: {
                "verdict": VERDICTS[(n + i) % len(VERDICTS)],
                "comment": COMMENTS[(2 * n + i) % len(COMMENTS)],
            }
            for i, theme in enumerate(themes)
        }
        services.evaluation_submit(
            cohort=cohort, enrolment=enrolment, respondent=admin.user, phase=phase, answers=answers
        )
    stdout.write(f"Coaching: {RESPONDENTS} evaluations in “{cohort.name}”.")
    return []
