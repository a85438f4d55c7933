"""Fictional organisations for the demo and the bench: names, places and profiles spread
like Wallonia's EES over sectors, provinces and size bands, and an admin account each."""

import random
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from allauth.account.models import EmailAddress
from django.contrib.auth.hashers import make_password
from django.utils.text import slugify

from digitalees.models import User
from network import services as network_services
from network.demo import FIRST_NAMES, LAST_NAMES, PILOTS, enterprise_number
from network.models import Membership, Organisation

# Enterprise numbers of generated organisations: body "08" + 6 digits. network/demo.py's
# pilots use bodies 04…–07…, tests/factories.py 02…: the ranges never meet.
NUMBER_PREFIX = "08"
PEERS_PER_PILOT = (5, 8)

# (commune, postcode) per province; every postcode lies in network.validators' ranges.
PLACES = {
    "BW": [
        ("Wavre", "1300"),
        ("Rixensart", "1330"),
        ("Ottignies", "1340"),
        ("Perwez", "1360"),
        ("Jodoigne", "1370"),
        ("Nivelles", "1400"),
        ("Waterloo", "1410"),
        ("Braine-l'Alleud", "1420"),
        ("Tubize", "1480"),
        ("Court-Saint-Étienne", "1490"),
    ],
    "HT": [
        ("Charleroi", "6000"),
        ("Châtelet", "6200"),
        ("Fleurus", "6220"),
        ("Chimay", "6460"),
        ("Thuin", "6530"),
        ("Mons", "7000"),
        ("Soignies", "7060"),
        ("La Louvière", "7100"),
        ("Binche", "7130"),
        ("Tournai", "7500"),
        ("Mouscron", "7700"),
        ("Ath", "7800"),
        ("Enghien", "7850"),
    ],
    "LG": [
        ("Liège", "4000"),
        ("Herstal", "4040"),
        ("Seraing", "4100"),
        ("Waremme", "4300"),
        ("Huy", "4500"),
        ("Visé", "4600"),
        ("Herve", "4650"),
        ("Eupen", "4700"),
        ("Verviers", "4800"),
        ("Spa", "4900"),
        ("Malmedy", "4960"),
    ],
    "LX": [
        ("Bastogne", "6600"),
        ("Arlon", "6700"),
        ("Virton", "6760"),
        ("Libramont", "6800"),
        ("Bouillon", "6830"),
        ("Neufchâteau", "6840"),
        ("Marche-en-Famenne", "6900"),
        ("Durbuy", "6940"),
    ],
    "NA": [
        ("Namur", "5000"),
        ("Gembloux", "5030"),
        ("Sambreville", "5060"),
        ("Andenne", "5300"),
        ("Dinant", "5500"),
        ("Rochefort", "5580"),
        ("Ciney", "5590"),
        ("Philippeville", "5600"),
        ("Couvin", "5660"),
    ],
}

# Heads and themes of names, and social purposes, per sector.
SECTOR_WORDS = {
    "social_health": (
        ["Maison", "Centre", "Service", "Espace", "Relais"],
        ["de l'Entraide", "Santé", "d'Accueil", "des Aidants", "Bien Vieillir"],
        [
            "Accompagnement social et aide à domicile pour les personnes isolées.",
            "Accueil de jour, écoute et orientation des personnes en difficulté.",
        ],
    ),
    "education": (
        ["École", "Atelier", "Centre", "Espace", "Université Populaire"],
        ["du Savoir", "Apprendre Ensemble", "des Possibles", "Lire et Écrire", "Numérique"],
        [
            "Alphabétisation et formation de base pour les adultes.",
            "Soutien scolaire et ateliers d'éducation permanente.",
        ],
    ),
    "integration": (
        ["Entreprise", "Atelier", "Chantier", "Tremplin", "Passerelle"],
        ["pour l'Emploi", "Insertion", "Nouveau Départ", "Travail Solidaire", "des Métiers"],
        [
            "Formation par le travail et insertion de demandeurs d'emploi peu qualifiés.",
            "Mise à l'emploi de personnes éloignées du marché du travail.",
        ],
    ),
    "culture": (
        ["Théâtre", "Maison", "Collectif", "Centre", "Atelier"],
        ["des Cultures", "Culture Partagée", "Sport pour Tous", "des Arts", "Loisirs Actifs"],
        [
            "Accès à la culture et à la pratique artistique pour tous les publics.",
            "Activités sportives et de loisirs à prix solidaire.",
        ],
    ),
    "environment": (
        ["Ressourcerie", "Recyclerie", "Repair Café", "Collectif", "Coopérative"],
        ["Seconde Vie", "Zéro Déchet", "Réemploi", "Nature", "Récup"],
        [
            "Collecte, tri et revente d'objets de seconde main.",
            "Réparation et sensibilisation à la réduction des déchets.",
        ],
    ),
    "food": (
        ["Coopérative", "Épicerie", "Jardins", "Ferme", "Comptoir"],
        ["du Terroir", "des Producteurs", "Circuit Court", "Bio", "de la Vallée"],
        [
            "Circuit court de produits locaux entre producteurs et consommateurs.",
            "Maraîchage biologique et épicerie sociale.",
        ],
    ),
    "housing": (
        ["Habitat", "Agence Immobilière Sociale", "Chantier", "Toit", "Maison"],
        ["Solidaire", "Rénovation", "pour Tous", "Ensemble", "du Quartier"],
        [
            "Logements accessibles et accompagnement des locataires.",
            "Rénovation de logements par des équipes en formation.",
        ],
    ),
    "energy": (
        ["Coopérative", "Énergie", "Vélo", "Mobilité", "Soleil"],
        ["Solidaire", "Durable", "en Commun", "des Citoyens", "Ensemble"],
        [
            "Production citoyenne d'énergie renouvelable.",
            "Mobilité douce, réparation de vélos et covoiturage solidaire.",
        ],
    ),
    "finance": (
        ["Mutuelle", "Caisse", "Crédit", "Fonds", "Coopérative"],
        ["Solidaire", "Éthique", "des Citoyens", "d'Épargne Solidaire", "de Proximité"],
        [
            "Microcrédit et accompagnement budgétaire des ménages.",
            "Épargne citoyenne investie dans l'économie sociale.",
        ],
    ),
    "services": (
        ["Atelier", "Entreprise", "Services", "Titres-Services", "Coopérative"],
        ["de Proximité", "pour Tous", "au Quotidien", "Coup de Main", "des Entreprises Sociales"],
        [
            "Sous-traitance et services aux entreprises par des travailleurs en insertion.",
            "Aide ménagère et services de proximité aux familles.",
        ],
    ),
    "international": (
        ["Solidarité", "Association", "Collectif", "Comité", "Alliance"],
        ["Nord-Sud", "Sans Frontières", "pour le Commerce Équitable", "Tiers-Monde", "des Peuples"],
        [
            "Projets de coopération avec des partenaires d'Afrique et d'Amérique latine.",
            "Commerce équitable et sensibilisation à la solidarité internationale.",
        ],
    ),
    "other": (
        ["Collectif", "Association", "Réseau", "Plateforme", "Maison"],
        ["des Initiatives", "Solidaire", "de l'Économie Sociale", "Ensemble", "des Habitants"],
        [
            "Soutien aux initiatives citoyennes et à l'économie sociale locale.",
            "Animation d'un réseau d'associations de quartier.",
        ],
    ),
}

# Rough shares of Wallonia's EES (weights, not exact statistics).
SECTOR_WEIGHTS = {
    "social_health": 18,
    "education": 12,
    "integration": 12,
    "culture": 12,
    "environment": 8,
    "food": 7,
    "housing": 6,
    "energy": 4,
    "finance": 3,
    "services": 10,
    "international": 5,
    "other": 3,
}
PROVINCE_WEIGHTS = {"HT": 33, "LG": 29, "NA": 14, "BW": 13, "LX": 11}
SIZE_WEIGHTS = {
    "0": 12,
    "1-4": 24,
    "5-9": 19,
    "10-19": 16,
    "20-49": 14,
    "50-99": 8,
    "100-249": 5,
    "250+": 2,
}

LEGAL_FORMS_BY_SECTOR = {
    "integration": {"ei": 5, "asbl": 4, "scees": 1},
    "services": {"eta": 3, "asbl": 4, "scees": 2, "sfs": 1},
    "finance": {"mutual": 4, "scees": 4, "asbl": 2},
    "energy": {"scees": 6, "asbl": 3, "sfs": 1},
    "food": {"scees": 4, "asbl": 5, "sfs": 1},
}
DEFAULT_LEGAL_FORMS = {"asbl": 14, "scees": 2, "sfs": 1, "foundation": 1, "other": 1}


@dataclass(frozen=True)
class OrganisationSpec:
    name: str
    enterprise_number: str
    legal_form: str
    sector: str
    province: str
    postcode: str
    municipality: str
    size_band: str
    social_purpose: str
    is_public: bool


def _pick(rng: random.Random, weights: dict[str, int]) -> str:
    return rng.choices(list(weights), weights=list(weights.values()))[0]


def _of(place: str) -> str:
    return f"d'{place}" if place[0] in "AEIOUÉ" else f"de {place}"


def generate_organisations(
    rng: random.Random,
    count: int,
    *,
    peer_groups: Sequence[tuple[str, str, str]] = (),
    peers_per_group: tuple[int, int] = PEERS_PER_PILOT,
    prefix: str = NUMBER_PREFIX,
) -> list[OrganisationSpec]:
    """`count` fictional organisations: first a few peers for each (sector, size band,
    province) of `peer_groups`, then organisations spread like Wallonia's EES."""
    groups = []
    for group in peer_groups:
        groups += [group] * rng.randint(*peers_per_group)
    while len(groups) < count:
        groups.append(
            (_pick(rng, SECTOR_WEIGHTS), _pick(rng, SIZE_WEIGHTS), _pick(rng, PROVINCE_WEIGHTS))
        )
    names: set[str] = {p[0] for p in PILOTS}
    specs = []
    for index, (sector, size_band, province) in enumerate(groups[:count]):
        heads, themes, purposes = SECTOR_WORDS[sector]
        for attempt in range(100):
            place, postcode = rng.choice(PLACES[province])
            name = f"{rng.choice(heads)} {rng.choice(themes)} {_of(place)}"
            if name in names:  # a second one in the same town: say which
                name = f"{name} {rng.choice(['Nord', 'Sud', 'Centre', 'Est', 'Ouest'])}"
            if name not in names:
                break
            if attempt == 99:  # every combination taken: number it
                name = f"{name} {index}"
        names.add(name)
        legal_forms = LEGAL_FORMS_BY_SECTOR.get(sector, DEFAULT_LEGAL_FORMS)
        specs.append(
            OrganisationSpec(
                name=name,
                enterprise_number=enterprise_number(f"{prefix}{index:0{8 - len(prefix)}d}"),
                legal_form=_pick(rng, legal_forms),
                sector=sector,
                province=province,
                postcode=postcode,
                municipality=place,
                size_band=size_band,
                social_purpose=rng.choice(purposes),
                is_public=rng.random() < 0.6,
            )
        )
    return specs


def organisations_create(
    specs: Sequence[OrganisationSpec], *, batch_size: int = 1000
) -> dict[str, Organisation]:
    """Create the organisations not there yet (network's bulk service); {enterprise number:
    organisation} for all."""
    numbers = [s.enterprise_number for s in specs]
    existing = set(
        Organisation.objects.filter(enterprise_number__in=numbers).values_list(
            "enterprise_number", flat=True
        )
    )
    network_services.organisations_create_bulk(
        organisations=[
            Organisation(
                name=spec.name,
                enterprise_number=spec.enterprise_number,
                legal_form=spec.legal_form,
                sector=spec.sector,
                province=spec.province,
                postcode=spec.postcode,
                municipality=spec.municipality,
                size_band=spec.size_band,
                social_purpose=spec.social_purpose,
                website=f"https://{_host_label(spec.name)}.example.be" if spec.is_public else "",
                is_public=spec.is_public,
            )
            for spec in specs
            if spec.enterprise_number not in existing
        ],
        batch_size=batch_size,
    )
    return {
        o.enterprise_number: o for o in Organisation.objects.filter(enterprise_number__in=numbers)
    }


def admins_create(
    organisations: Iterable[Organisation],
    *,
    password: str | None,
    domain: str = "digitalees.test",
    batch_size: int = 1000,
) -> dict[int, int]:
    """One admin member (an account) for each organisation that has none yet;
    {organisation id: admin user id} for all. One password hash serves every account."""
    organisations = list(organisations)
    admins = dict(
        Membership.objects.filter(
            organisation__in=organisations, role=Membership.Role.ADMIN
        ).values_list("organisation_id", "user_id")
    )
    missing = [o for o in organisations if o.pk not in admins]
    if missing:
        hashed = make_password(password)
        emails = {o.pk: f"admin.{o.slug}@{domain}" for o in missing}
        existing = set(
            User.objects.filter(email__in=emails.values()).values_list("email", flat=True)
        )
        users = [
            User(
                email=email,
                first_name=FIRST_NAMES[o.pk % len(FIRST_NAMES)],
                last_name=LAST_NAMES[(o.pk // len(FIRST_NAMES)) % len(LAST_NAMES)],
                password=hashed,
            )
            for o in missing
            if (email := emails[o.pk]) not in existing
        ]
        User.objects.bulk_create(users, batch_size=batch_size)
        user_ids = dict(User.objects.filter(email__in=emails.values()).values_list("email", "pk"))
        EmailAddress.objects.bulk_create(
            [
                EmailAddress(user_id=user_ids[u.email], email=u.email, verified=True, primary=True)
                for u in users
            ],
            batch_size=batch_size,
        )
        Membership.objects.bulk_create(
            [
                Membership(
                    user_id=user_ids[emails[o.pk]],
                    organisation=o,
                    role=Membership.Role.ADMIN,
                    created_at=o.created_at,
                )
                for o in missing
            ],
            batch_size=batch_size,
        )
        admins.update({o.pk: user_ids[emails[o.pk]] for o in missing})
    return admins


def _host_label(name: str) -> str:
    """A host name label from an organisation's name: at most 63 letters, digits and
    hyphens, as the URL validator (and DNS) allow."""
    return slugify(name).replace("_", "-")[:63].strip("-") or "ees"
