"""Demo data of the network's library (seed_demo, after the pilot organisations): safe to
run twice. The data migrations load the starter library (diagnostic 0002 and 0010); these
are a few more of the platform's own guides, a template to download and a guide still being
written (not published), added through the agency's services."""

from io import BytesIO

from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook

from network.models import Resource, Topic

from . import services

GUIDES = [
    {
        "title_fr": "Par où commencer : la feuille de route numérique d'une EES",
        "title_en": "Where to start: a social enterprise's digital roadmap",
        "summary_fr": (
            "Quatre étapes pour passer du diagnostic à un plan d'action réaliste, à la "
            "mesure d'une petite équipe."
        ),
        "summary_en": (
            "Four steps from the diagnostic to a realistic action plan, sized for a small team."
        ),
        "body_fr": (
            "Partez de votre autodiagnostic : retenez les deux ou trois dimensions les plus "
            "faibles, pas davantage. Une feuille de route qui veut tout changer ne change rien."
            "\n\nPour chacune, écrivez le problème tel que l'équipe le vit (« nous ressaisissons "
            "trois fois les inscriptions ») plutôt que la solution rêvée (« il nous faut un "
            "CRM »).\n\nDonnez à chaque action un responsable, une échéance et un budget, même "
            "approximatif : c'est ce que demandera la bourse de digitalisation.\n\nRevoyez la "
            "feuille de route tous les trois mois avec votre coach, et refaites le diagnostic "
            "au bout d'un an pour mesurer le chemin parcouru."
        ),
        "body_en": (
            "Start from your self-diagnostic: keep the two or three weakest dimensions, no "
            "more. A roadmap that tries to change everything changes nothing.\n\nFor each, "
            'write the problem as the team lives it ("we type registrations in three times") '
            'rather than the dream solution ("we need a CRM").\n\nGive each action an owner, '
            "a deadline and a budget, even a rough one: the digitalisation grant will ask for "
            "them.\n\nReview the roadmap every three months with your coach, and take the "
            "diagnostic again after a year to measure how far you have come."
        ),
        "kind": Resource.Kind.GUIDE,
        "topics": ["strategy"],
    },
    {
        "title_fr": "Choisir un outil de gestion des bénévoles",
        "title_en": "Choosing a volunteer management tool",
        "summary_fr": (
            "Les questions à poser avant d'adopter un outil : besoins, données, coût réel "
            "et adoption par les bénévoles."
        ),
        "summary_en": (
            "The questions to ask before adopting a tool: needs, data, real cost and "
            "take-up by volunteers."
        ),
        "body_fr": (
            "Listez ce que l'outil doit faire la première semaine : planning des "
            "permanences, coordonnées, rappels. Le reste peut attendre.\n\nVérifiez où sont "
            "hébergées les données des bénévoles et si vous pouvez les exporter : le jour où "
            "vous changez d'outil, elles doivent vous suivre.\n\nComptez le coût réel : "
            "abonnement, temps de mise en place, formation. Un outil gratuit que personne "
            "n'utilise coûte cher.\n\nFaites tester l'outil par deux ou trois bénévoles "
            "avant de décider : leur avis compte plus que la liste des fonctions."
        ),
        "body_en": (
            "List what the tool must do in its first week: shift planning, contact details, "
            "reminders. The rest can wait.\n\nCheck where the volunteers' data is hosted and "
            "whether you can export it: the day you change tools, it must come with "
            "you.\n\nCount the real cost: subscription, set-up time, training. A free tool "
            "nobody uses is expensive.\n\nHave two or three volunteers try the tool before you "
            "decide: their opinion counts more than the list of features."
        ),
        "kind": Resource.Kind.GUIDE,
        "topics": ["tools", "communication"],
    },
    {
        "title_fr": "Sensibiliser l'équipe au hameçonnage en trente minutes",
        "title_en": "Raising the team's awareness of phishing in thirty minutes",
        "summary_fr": (
            "Le déroulé d'un atelier court pour reconnaître un message piégé et savoir quoi faire."
        ),
        "summary_en": (
            "The outline of a short workshop to recognise a trapped message and know what to do."
        ),
        "body_fr": (
            "Dix minutes d'exemples : montrez trois vrais messages piégés reçus par des "
            "associations (faux fournisseur, fausse banque, faux colis) et cherchez ensemble "
            "les indices.\n\nDix minutes de règles simples : ne jamais payer ni changer un "
            "numéro de compte sur la foi d'un seul courriel, vérifier l'adresse de "
            "l'expéditeur, appeler en cas de doute.\n\nDix minutes pour décider qui prévenir "
            "quand on a cliqué, et comment : une personne, un numéro, sans reproche."
        ),
        "body_en": (
            "Ten minutes of examples: show three real trapped messages received by "
            "associations (fake supplier, fake bank, fake parcel) and look for the clues "
            "together.\n\nTen minutes of simple rules: never pay or change an account number "
            "on the strength of one e-mail, check the sender's address, call when in "
            "doubt.\n\nTen minutes to decide whom to tell after a click, and how: one person, "
            "one number, no blame."
        ),
        "kind": Resource.Kind.TRAINING,
        "topics": ["security", "skills"],
    },
    {
        "title_fr": "Guide de l'archivage numérique (en préparation)",
        "title_en": "Digital archiving guide (in preparation)",
        "summary_fr": "Conserver, classer et retrouver les documents de l'association.",
        "summary_en": "Keeping, filing and finding the association's documents.",
        "body_fr": (
            "Ce guide est en cours de rédaction par l'agence.\n\nIl couvrira les durées de "
            "conservation, le plan de classement et les sauvegardes."
        ),
        "body_en": (
            "The agency is writing this guide.\n\nIt will cover retention periods, the filing "
            "plan and backups."
        ),
        "kind": Resource.Kind.GUIDE,
        "topics": ["data"],
        "is_published": False,
    },
]

TEMPLATE = {
    "title_fr": "Modèle de budget d'un projet de digitalisation",
    "title_en": "Budget template for a digitalisation project",
    "summary_fr": (
        "Un tableur à compléter : postes de dépenses, cofinancement et montant demandé à la "
        "bourse de digitalisation."
    ),
    "summary_en": (
        "A spreadsheet to fill in: cost items, co-financing and the amount asked from the "
        "digitalisation grant."
    ),
    "body_fr": (
        "Complétez une ligne par dépense prévue, avec l'action du plan qu'elle finance.\n\n"
        "Le total et la part cofinancée se calculent d'eux-mêmes ; reportez-les dans votre "
        "demande de bourse."
    ),
    "body_en": (
        "Fill in one row per planned expense, with the plan's action it funds.\n\nThe total "
        "and the co-financed share compute themselves; copy them into your grant application."
    ),
    "kind": Resource.Kind.TEMPLATE,
    "topics": ["strategy", "tools"],
}


def _budget_workbook() -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Budget"
    sheet.append(["Action du plan", "Poste de dépense", "Fournisseur", "Montant HTVA (€)"])
    for row in [
        ["Site web", "Développement", "", 4500],
        ["Site web", "Hébergement (1 an)", "", 240],
        ["Formation de l'équipe", "Formation", "", 1200],
    ]:
        sheet.append(row)
    sheet.append([])
    sheet.append(["", "", "Total", "=SUM(D2:D4)"])
    sheet.append(["", "", "Taux de cofinancement", 0.8])
    sheet.append(["", "", "Montant demandé", "=D6*D7"])
    for column, width in zip("ABCD", (28, 24, 22, 18), strict=True):
        sheet.column_dimensions[column].width = width
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _create(entry: dict, **extra) -> bool:
    if Resource.objects.filter(title_fr=entry["title_fr"]).exists():
        return False
    fields = {**entry, **extra}
    fields["topics"] = list(Topic.objects.filter(code__in=fields["topics"]))
    services.resource_create(language="fr", **fields)
    return True


def seed(*, password: str, stdout) -> list[tuple[str, str]]:
    added = sum(_create(guide) for guide in GUIDES)
    added += _create(
        TEMPLATE,
        file=SimpleUploadedFile("modele-budget-digitalisation.xlsx", _budget_workbook()),
    )
    if added:
        stdout.write(f"Library: {added} resources added.\n")
    return []
