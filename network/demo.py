"""Demo organisations and people for `manage.py seed_demo` (safe to run twice)."""

from functools import lru_cache

from allauth.account.models import EmailAddress
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group
from django.utils.text import slugify

from digitalees.models import User
from digitalees.roles import AGENCY_GROUP, COACH_GROUP

from . import services
from .contact import demo as contact_demo
from .directory import demo as directory_demo
from .events import demo as events_demo
from .experiences import demo as experiences_demo
from .library import demo as library_demo
from .models import Membership, Organisation
from .newsletter import demo as newsletter_demo

# name, enterprise-number body (8 digits), legal form, sector, province, postcode,
# municipality, size band,
# social purpose. Fictional organisations; the check digits are computed.
PILOTS = [
    (
        "Ressourcerie du Pays de Herve",
        "04521187",
        "scees",
        "environment",
        "LG",
        "4650",
        "Herve",
        "20-49",
        "Collecte, réparation et revente d'objets de seconde main, avec des emplois d'insertion.",
    ),
    (
        "Les Jardins de la Molignée",
        "04633021",
        "asbl",
        "food",
        "NA",
        "5537",
        "Anhée",
        "10-19",
        "Maraîchage biologique et formation de demandeurs d'emploi aux métiers verts.",
    ),
    (
        "Atelier Protégé du Hainaut Occidental",
        "04178836",
        "eta",
        "services",
        "HT",
        "7500",
        "Tournai",
        "100-249",
        "Emploi de travailleurs en situation de handicap en sous-traitance industrielle.",
    ),
    (
        "Coopérative Énergie Ardenne",
        "05892240",
        "scees",
        "energy",
        "LX",
        "6600",
        "Bastogne",
        "5-9",
        "Production citoyenne d'électricité renouvelable et accompagnement à la sobriété.",
    ),
    (
        "Maison de l'Entraide Wavrienne",
        "04419950",
        "asbl",
        "social_health",
        "BW",
        "1300",
        "Wavre",
        "10-19",
        "Aide sociale de proximité, épicerie solidaire et permanences administratives.",
    ),
    (
        "Transit Bâtiment",
        "04785512",
        "ei",
        "housing",
        "HT",
        "6000",
        "Charleroi",
        "50-99",
        "Rénovation de logements sociaux par des équipes en formation par le travail.",
    ),
    (
        "Fondation Lire Ensemble",
        "06301174",
        "foundation",
        "education",
        "LG",
        "4000",
        "Liège",
        "1-4",
        "Lutte contre l'illettrisme des adultes par des ateliers d'écriture et de lecture.",
    ),
    (
        "Mutualité Solidaire du Condroz",
        "04097763",
        "mutual",
        "finance",
        "NA",
        "5590",
        "Ciney",
        "20-49",
        "Assurance santé complémentaire et prévention pour les familles rurales.",
    ),
    (
        "Vélo Solidaire Namurois",
        "07124486",
        "sfs",
        "energy",
        "NA",
        "5000",
        "Namur",
        "5-9",
        "Réparation de vélos, ateliers d'autoréparation et livraisons à vélo en insertion.",
    ),
    (
        "Culture en Partage Mons",
        "04866390",
        "asbl",
        "culture",
        "HT",
        "7000",
        "Mons",
        "1-4",
        "Accès à la culture pour les publics précarisés : places offertes et médiation.",
    ),
    (
        "Repair Café du Brabant wallon",
        "05547718",
        "asbl",
        "environment",
        "BW",
        "1340",
        "Ottignies-Louvain-la-Neuve",
        "0",
        "Réseau de bénévoles qui réparent avec les habitants plutôt que de jeter.",
    ),
    (
        "Coopérative Terroir Gaumais",
        "06789123",
        "scees",
        "food",
        "LX",
        "6760",
        "Virton",
        "10-19",
        "Circuit court de produits fermiers entre producteurs gaumais et cantines.",
    ),
    (
        "Habitat Partagé Liégeois",
        "04960022",
        "sfs",
        "housing",
        "LG",
        "4020",
        "Liège",
        "5-9",
        "Logements intergénérationnels et accompagnement des locataires fragilisés.",
    ),
    (
        "Formation Numérique Pour Tous",
        "05233847",
        "asbl",
        "education",
        "HT",
        "6200",
        "Châtelet",
        "10-19",
        "Formations aux compétences numériques de base pour les demandeurs d'emploi.",
    ),
    (
        "Solidarité Nord-Sud Ottignies",
        "04382265",
        "asbl",
        "international",
        "BW",
        "1340",
        "Ottignies-Louvain-la-Neuve",
        "1-4",
        "Projets de coopération avec des coopératives agricoles d'Afrique de l'Ouest.",
    ),
]

FIRST_NAMES = [
    "Camille",
    "Nicolas",
    "Sophie",
    "Julien",
    "Élise",
    "Mehdi",
    "Laura",
    "Thomas",
    "Aïcha",
    "Pierre",
    "Manon",
    "Youssef",
    "Claire",
    "Antoine",
    "Inès",
    "Benoît",
]
LAST_NAMES = [
    "Dubois",
    "Lambert",
    "Martin",
    "Dupont",
    "Peeters",
    "Leclercq",
    "Renard",
    "Simon",
    "Lejeune",
    "Hermans",
    "Collard",
    "Goffin",
    "Mathieu",
    "Delvaux",
]


def enterprise_number(body: str) -> str:
    return f"{body}{97 - int(body) % 97:02d}"


@lru_cache(maxsize=4)
def _hashed(password: str) -> str:
    # One hash for every demo account: hashing takes about a second per account.
    return make_password(password)


def demo_user(email, first_name, last_name, *, password, group=None, superuser=False):
    user = User.objects.filter(email__iexact=email).first()
    if user is None:
        user = User(email=email, first_name=first_name, last_name=last_name)
        user.password = _hashed(password)
        user.is_staff = user.is_superuser = superuser
        user.save()
    EmailAddress.objects.get_or_create(
        user=user, email=email, defaults={"verified": True, "primary": True}
    )
    if group:
        user.groups.add(Group.objects.get(name=group))
    return user


def seed(*, password: str, stdout) -> list[tuple[str, str]]:
    """15 pilot EES with members, 3 coaches, 1 agency staff member and a superuser."""
    logins = []
    admin = demo_user("admin@digitalees.test", "Ada", "Admin", superuser=True, password=password)
    logins.append((admin.email, "superuser (Django admin)"))
    agency = demo_user(
        "agence@digitalees.test", "Véronique", "Agence", group=AGENCY_GROUP, password=password
    )
    logins.append((agency.email, "agency staff"))
    coaches = [
        demo_user(f"coach{i}@digitalees.test", first, last, group=COACH_GROUP, password=password)
        for i, (first, last) in enumerate(
            [("Marc", "Coach"), ("Nadia", "Coach"), ("Luc", "Coach")], start=1
        )
    ]
    logins += [(c.email, "coach") for c in coaches]

    for index, pilot in enumerate(PILOTS):
        name, body, form, sector, province, postcode, municipality, size, purpose = pilot
        number = enterprise_number(body)
        organisation = Organisation.objects.filter(enterprise_number=number).first()
        slug = organisation.slug if organisation else slugify(name)
        people = []
        for person in range(2 + index % 3):
            first = FIRST_NAMES[(index * 3 + person) % len(FIRST_NAMES)]
            last = LAST_NAMES[(index * 5 + person) % len(LAST_NAMES)]
            role = Membership.Role.ADMIN if person == 0 else Membership.Role.MEMBER
            local = "admin" if person == 0 else f"membre{person}"
            email = f"{local}.{slug}@digitalees.test"
            people.append((demo_user(email, first, last, password=password), role))
            if index == 0:
                logins.append((email, f"{role.label} — {name}"))
        # Through the services, as in the browser: its first admin registers it, the others
        # join it, the agency assigns its coach.
        if organisation is None:
            organisation = services.organisation_create(
                user=people[0][0],
                name=name,
                enterprise_number=number,
                legal_form=form,
                sector=sector,
                province=province,
                postcode=postcode,
                municipality=municipality,
                size_band=size,
                social_purpose=purpose,
                website=f"https://{slug}.example.be",
                is_public=index % 3 != 2,
            )
        for user, role in people:
            services.membership_add(organisation=organisation, user=user, role=role)
        coach = coaches[index % len(coaches)]
        if not organisation.coach_assignments.filter(coach=coach).exists():
            services.coach_assign(organisation=organisation, coach=coach, assigned_by=agency)
    # The public network, part by part, on these organisations and people.
    for part in (
        directory_demo,
        experiences_demo,
        events_demo,
        library_demo,
        newsletter_demo,
        contact_demo,
    ):
        logins += part.seed(password=password, stdout=stdout)
    return [(email, str(role)) for email, role in logins]
