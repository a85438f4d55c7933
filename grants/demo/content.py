"""What the demo's (and the bench's) applications say: projects an EES would bring to a
digitalisation grant, and the budget lines that go with them (laptops, a CRM licence, a
website, a training…), in French, as the applicants write them."""

from dataclasses import dataclass
from decimal import Decimal


@dataclass(frozen=True)
class Line:
    category: str  # CostCategory.code
    description: str
    supplier: str
    amount_excl_vat: Decimal
    vat_rate: int  # % (training is exempt; some suppliers are not subject to VAT)
    vat_recoverable: bool = False
    # The plan action it serves, by its title in coaching's demo plans (when the plan has it).
    action: str = ""

    @property
    def vat(self) -> Decimal:
        return (self.amount_excl_vat * self.vat_rate / 100).quantize(Decimal("0.01"))


TOOL_ACTION = "Choisir un outil de gestion des bénévoles"
EQUIPMENT_ACTION = "Remplacer les postes de plus de 7 ans"
BACKUP_ACTION = "Mettre en place des sauvegardes automatiques"
SECURITY_ACTION = "Former l'équipe aux bases de la cybersécurité"
WEBSITE_ACTION = "Refondre le site web"

LINES = {
    "laptops": Line(
        "hardware",
        "Quatre ordinateurs portables pour l'équipe (4 × 850 €)",
        "Ordi Solidaire SCRL",
        Decimal("3400.00"),
        21,
        action=EQUIPMENT_ACTION,
    ),
    "reconditioned": Line(
        "hardware",
        "Six ordinateurs reconditionnés et leurs écrans",
        "Ressources Informatiques ASBL",
        Decimal("2700.00"),
        21,
        action=EQUIPMENT_ACTION,
    ),
    "crm": Line(
        "software",
        "Licence annuelle d'un CRM pour associations (10 utilisateurs)",
        "Coopérative du Code",
        Decimal("1800.00"),
        21,
        action=TOOL_ACTION,
    ),
    "volunteers": Line(
        "software",
        "Abonnement à un outil de planning des bénévoles (2 ans)",
        "Bénévolat Facile SRL",
        Decimal("960.00"),
        21,
        action=TOOL_ACTION,
    ),
    "website": Line(
        "website",
        "Refonte du site web, avec la prise de dons en ligne",
        "Atelier Web Coopératif",
        Decimal("4500.00"),
        21,
        action=WEBSITE_ACTION,
    ),
    "shop": Line(
        "website",
        "Boutique en ligne pour la vente en circuit court",
        "Atelier Web Coopératif",
        Decimal("3800.00"),
        21,
    ),
    "training": Line(
        "training",
        "Formation de l'équipe au nouvel outil (2 jours)",
        "Formanum ASBL",
        Decimal("1200.00"),
        0,
        action=TOOL_ACTION,
    ),
    "security_training": Line(
        "training",
        "Sensibilisation de l'équipe à la cybersécurité (1 journée)",
        "Cyber Wallonie",
        Decimal("750.00"),
        0,
        action=SECURITY_ACTION,
    ),
    "backup": Line(
        "security",
        "Sauvegarde externalisée et chiffrée des données (3 ans)",
        "Nuage Belge SC",
        Decimal("640.00"),
        21,
        action=BACKUP_ACTION,
    ),
    "network": Line(
        "connectivity",
        "Réseau Wi-Fi de l'atelier et son installation",
        "Réseaux du Sud SRL",
        Decimal("1150.00"),
        21,
    ),
    "consultant": Line(
        "services",
        "Accompagnement au choix de l'outil et à la migration des données",
        "Conseil Numérique Solidaire",
        Decimal("2200.00"),
        21,
        vat_recoverable=True,
    ),
    # Not a cost this programme funds: the eligible total leaves it out.
    "staff": Line(
        "staff",
        "Temps de la coordinatrice consacré au projet (40 heures)",
        "",
        Decimal("1600.00"),
        0,
    ),
}


@dataclass(frozen=True)
class Project:
    title: str
    summary: str
    objectives: str
    expected_results: str
    lines: tuple[str, ...]  # keys of LINES


PROJECTS = [
    Project(
        "Un CRM pour suivre nos bénévoles et nos donateurs",
        "Nous gérons aujourd'hui nos 120 bénévoles et nos donateurs dans trois tableurs "
        "différents. Nous voulons un outil partagé, accessible à toute l'équipe.",
        "Gagner deux heures par semaine de coordination.\nNe plus perdre de contacts.",
        "Un CRM en service, l'équipe formée, les données des tableurs reprises.",
        ("crm", "training", "consultant", "laptops"),
    ),
    Project(
        "Un site web qui raconte notre projet et reçoit des dons",
        "Notre site date de 2014 et ne s'affiche pas sur un téléphone. Nous voulons un site "
        "simple, accessible, que nous mettons à jour nous-mêmes.",
        "Faire connaître nos activités.\nRecevoir des dons en ligne.",
        "Un site accessible, la prise de dons en ligne, deux personnes formées à le tenir.",
        ("website", "training", "staff"),
    ),
    Project(
        "Des postes de travail sûrs pour l'atelier",
        "Nos ordinateurs ont plus de sept ans et nos données ne sont sauvegardées nulle part. "
        "Nous voulons des postes reconditionnés, une sauvegarde et une équipe sensibilisée.",
        "Sécuriser nos données.\nÉquiper chaque poste de l'atelier.",
        "Six postes en service, une sauvegarde quotidienne vérifiée, l'équipe sensibilisée.",
        ("reconditioned", "backup", "security_training", "network"),
    ),
    Project(
        "Planifier les bénévoles et vendre en ligne",
        "Les plannings se font par téléphone et nos produits ne se vendent qu'au magasin. "
        "Nous voulons un outil de planning et une petite boutique en ligne.",
        "Remplir les plannings une semaine à l'avance.\nVendre 15 % de nos produits en ligne.",
        "Un planning en ligne, une boutique ouverte, l'équipe formée aux deux outils.",
        ("volunteers", "shop", "training"),
    ),
]
