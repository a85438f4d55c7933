"""The programme's methodology as data: its five phases, their steps and the deliverable each
step is expected to produce (French and English), and the themes participants evaluate.
Agency staff edit them afterwards (coaching:methodology); this only fills an empty table."""

from django.db import migrations

# (title fr, title en, description fr, description en, [(step fr, step en, deliverable fr,
# deliverable en), …])
PHASES = [
    (
        "Diagnostic",
        "Diagnostic",
        "Faire le point sur la maturité numérique de l'entreprise, avec toute l'équipe.",
        "Take stock of the enterprise's digital maturity, with the whole team.",
        [
            (
                "Réaliser l'autodiagnostic en équipe",
                "Run the self-diagnostic as a team",
                "Résultat du diagnostic de l'entreprise (plusieurs répondants)",
                "The enterprise's diagnostic result (several respondents)",
            ),
            (
                "Lire les résultats avec le coach",
                "Read the results with the coach",
                "Note de lecture : forces, faiblesses et surprises",
                "Reading notes: strengths, weaknesses and surprises",
            ),
            (
                "Recenser les outils et les usages actuels",
                "List the current tools and practices",
                "Inventaire des outils, des comptes et des données",
                "Inventory of tools, accounts and data",
            ),
        ],
    ),
    (
        "Vision et priorités",
        "Vision and priorities",
        "Dire où l'entreprise veut être dans un an et choisir ses priorités.",
        "Say where the enterprise wants to be in a year and choose its priorities.",
        [
            (
                "Formuler la vision numérique",
                "Write the digital vision",
                "Énoncé de vision validé par la direction",
                "Vision statement approved by the management",
            ),
            (
                "Choisir trois priorités",
                "Choose three priorities",
                "Liste des priorités, reliées aux dimensions du diagnostic",
                "List of priorities, linked to the diagnostic's dimensions",
            ),
        ],
    ),
    (
        "Plan d'action",
        "Action plan",
        "Traduire les priorités en actions datées, avec un responsable et un budget.",
        "Turn the priorities into dated actions, each with an owner and a budget.",
        [
            (
                "Définir les actions et leurs responsables",
                "Define the actions and their owners",
                "Plan de transformation avec ses actions",
                "Transformation plan with its actions",
            ),
            (
                "Estimer les budgets et chercher les financements",
                "Estimate the budgets and look for funding",
                "Budget du plan et pistes de financement (bourse de digitalisation)",
                "The plan's budget and funding options (digitalisation grant)",
            ),
            (
                "Fixer les jalons",
                "Set the milestones",
                "Calendrier des jalons partagé avec l'équipe",
                "Milestone calendar shared with the team",
            ),
        ],
    ),
    (
        "Mise en œuvre",
        "Implementation",
        "Mener les actions, se former et partager ce qui marche avec les autres pilotes.",
        "Carry out the actions, train, and share what works with the other pilots.",
        [
            (
                "Mener les actions prioritaires",
                "Carry out the priority actions",
                "Actions prioritaires terminées ou en cours",
                "Priority actions done or under way",
            ),
            (
                "Former l'équipe",
                "Train the team",
                "Plan de formation et formations suivies",
                "Training plan and the courses followed",
            ),
            (
                "Partager en intervision",
                "Share in an intervision",
                "Retour d'expérience présenté à la cohorte",
                "Lessons learnt presented to the cohort",
            ),
            (
                "Faire le point à mi-parcours",
                "Review progress halfway",
                "Bilan à mi-parcours et plan ajusté",
                "Halfway review and adjusted plan",
            ),
        ],
    ),
    (
        "Évaluation",
        "Evaluation",
        "Mesurer le chemin parcouru et évaluer l'accompagnement.",
        "Measure how far the enterprise has come and evaluate the coaching.",
        [
            (
                "Refaire le diagnostic",
                "Run the diagnostic again",
                "Nouveau résultat, comparé au premier par dimension",
                "New result, compared with the first one per dimension",
            ),
            (
                "Évaluer l'accompagnement",
                "Evaluate the coaching",
                "Évaluation de chaque thème de l'accompagnement",
                "Evaluation of each theme of the coaching",
            ),
            (
                "Rédiger le bilan et les suites",
                "Write the review and what comes next",
                "Bilan du plan et prochaines étapes",
                "The plan's review and next steps",
            ),
        ],
    ),
]

THEMES = [
    ("selection", "La sélection des entreprises", "The selection of the enterprises"),
    ("coaching", "L'accompagnement individuel", "Individual coaching"),
    ("intervisions", "Les intervisions", "Intervisions"),
    ("tools", "Les outils", "The tools"),
    ("plan", "Le plan de transformation", "The transformation plan"),
]


def load_methodology(apps, schema_editor):
    Phase = apps.get_model("coaching", "Phase")
    Step = apps.get_model("coaching", "Step")
    EvaluationTheme = apps.get_model("coaching", "EvaluationTheme")
    if not Phase.objects.exists():
        for position, (title_fr, title_en, text_fr, text_en, steps) in enumerate(PHASES, 1):
            phase = Phase.objects.create(
                position=position,
                title_fr=title_fr,
                title_en=title_en,
                description_fr=text_fr,
                description_en=text_en,
            )
            Step.objects.bulk_create(
                Step(
                    phase=phase,
                    position=n,
                    title_fr=step_fr,
                    title_en=step_en,
                    deliverable_fr=deliverable_fr,
                    deliverable_en=deliverable_en,
                )
                for n, (step_fr, step_en, deliverable_fr, deliverable_en) in enumerate(steps, 1)
            )
    for position, (code, title_fr, title_en) in enumerate(THEMES, 1):
        EvaluationTheme.objects.get_or_create(
            code=code,
            defaults={"position": position, "title_fr": title_fr, "title_en": title_en},
        )


class Migration(migrations.Migration):
    dependencies = [("coaching", "0001_initial")]

    operations = [migrations.RunPython(load_methodology, migrations.RunPython.noop)]
