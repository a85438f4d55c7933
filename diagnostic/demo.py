"""Demo diagnostics for `manage.py seed_demo` (safe to run twice).

Three hundred fictional EES beside network's fifteen pilots, each with one or two submitted
diagnostics, so that results pages, histories and benchmarks have something to show:

- every pilot has a result from about a year ago and a better recent one;
- every pilot has five to eight fictional peers (same sector, size band and province), so the
  benchmark of similar EES shows on its results page;
- the first pilot (whose admin's login is printed) runs a campaign, still open, in which
  three colleagues answered through the services: its latest result shows perception gaps.

Rows are scored with the pure functions of `scoring` and written with bulk_create: they are
exactly what `services.assessment_submit` stores (tests/diagnostic/test_demo.py builds one
assessment both ways and compares), at a fraction of the cost. `bench` fills its volumes with
the same generators and writers.
"""

import random
import secrets
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from allauth.account.models import EmailAddress
from django.contrib.auth.hashers import make_password
from django.db.models import F, OuterRef, Subquery
from django.utils import timezone
from django.utils.text import slugify

from digitalees.models import User
from network.demo import FIRST_NAMES, LAST_NAMES, PILOTS, enterprise_number
from network.models import Membership, Organisation

from . import scoring, services
from .models import (
    Answer,
    Assessment,
    DimensionScore,
    Questionnaire,
    Result,
    ResultScore,
)
from .selectors import Structure, questionnaire_structure, visible_question_ids

SEED = 2026
ORGANISATIONS = 300
# Enterprise numbers of generated organisations: body "08" + 6 digits. network/demo.py's
# pilots use bodies 04…–07…, tests/factories.py 02…: the ranges never meet.
NUMBER_PREFIX = "08"
PEERS_PER_PILOT = (5, 8)
SECOND_ASSESSMENT_SHARE = 0.4

# --- organisations -----------------------------------------------------------------------

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
# Bigger organisations score a bit higher (more staff, more often an IT person).
SIZE_BOOST = {
    "0": -0.08,
    "1-4": -0.05,
    "5-9": -0.02,
    "10-19": 0.0,
    "20-49": 0.03,
    "50-99": 0.06,
    "100-249": 0.09,
    "250+": 0.12,
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
                size_band=size_band,
                social_purpose=rng.choice(purposes),
                is_public=rng.random() < 0.6,
            )
        )
    return specs


def organisations_create(
    specs: Sequence[OrganisationSpec], *, batch_size: int = 1000
) -> dict[str, Organisation]:
    """Create the organisations not there yet; {enterprise number: organisation} for all."""
    numbers = [s.enterprise_number for s in specs]
    existing = set(
        Organisation.objects.filter(enterprise_number__in=numbers).values_list(
            "enterprise_number", flat=True
        )
    )
    missing = [s for s in specs if s.enterprise_number not in existing]
    slugs = {slugify(s.name) for s in missing}
    taken = set(Organisation.objects.filter(slug__in=slugs).values_list("slug", flat=True))
    rows = []
    for spec in missing:
        slug = slugify(spec.name)
        if slug in taken:
            slug = f"{slug}-{spec.enterprise_number[-4:]}"
        taken.add(slug)
        rows.append(
            Organisation(
                name=spec.name,
                slug=slug,
                enterprise_number=spec.enterprise_number,
                legal_form=spec.legal_form,
                sector=spec.sector,
                province=spec.province,
                postcode=spec.postcode,
                size_band=spec.size_band,
                social_purpose=spec.social_purpose,
                website=f"https://{slug}.example.be" if spec.is_public else "",
                is_public=spec.is_public,
            )
        )
    Organisation.objects.bulk_create(rows, batch_size=batch_size)
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


# --- answers -----------------------------------------------------------------------------


@dataclass
class Profile:
    """How one organisation answers: its maturity (0–1, the share of good practices), how it
    leans per dimension, and the random draws behind each answer. Answering twice with the
    same draws and a higher maturity gives answers at least as good, question by question."""

    maturity: float
    leaning: dict[str, float] = field(default_factory=dict)  # dimension code -> offset
    draws: dict[str, list[float]] = field(default_factory=dict)  # question code -> [0, 1)
    facts: dict[str, str] = field(default_factory=dict)  # context question -> choice code


# Context answers by size band: how many computers.
COMPUTERS = {
    "0": ["none", "up_to_5"],
    "1-4": ["up_to_5"],
    "5-9": ["up_to_5", "6_to_20"],
    "10-19": ["6_to_20"],
    "20-49": ["6_to_20", "21_to_50"],
    "50-99": ["21_to_50", "over_50"],
    "100-249": ["over_50"],
    "250+": ["over_50"],
}
SENSITIVE_SECTORS = {"social_health", "integration", "finance", "housing", "education"}


def profile_for(
    structure: Structure, rng: random.Random, *, size_band: str, sector: str
) -> Profile:
    maturity = 0.42 + SIZE_BOOST.get(size_band, 0.0) + rng.gauss(0, 0.17)
    profile = Profile(maturity=min(0.95, max(0.03, maturity)))
    profile.leaning = {d.code: rng.gauss(0, 0.1) for d in structure.dimensions}
    for question in structure.questions:
        profile.draws[question.code] = [
            rng.random() for _ in range(2 + len(structure.choices_of[question.id]))
        ]
    sensitive = rng.random() < (0.7 if sector in SENSITIVE_SECTORS else 0.3)
    website = rng.random() < 0.45 + 0.5 * profile.maturity
    profile.facts = {
        "equipment.computers": rng.choice(COMPUTERS.get(size_band, ["up_to_5"])),
        "skills.computer_share": rng.choice(
            [
                "almost_none",
                "under_quarter",
                "quarter_to_half",
                "half_to_three_quarters",
                "over_three_quarters",
            ]
        ),
        "data.sensitive": "yes" if sensitive else rng.choice(["no", "no", "unsure"]),
        "communication.website": "yes" if website else rng.choice(["no", "in_progress"]),
    }
    return profile


def answers_for(
    structure: Structure, profile: Profile, *, progress: float = 0.0
) -> dict[int, list[int]]:
    """{question id: [choice ids]} of a respondent with `profile`, `progress` (0–1) higher
    than its usual maturity. Every shown question is answered but a few (never the first of
    a dimension), as people do."""
    answers: dict[int, list[int]] = {}
    first_of = {qs[0].id for qs in structure.questions_of.values() if qs}
    by_id = {q.id: q for q in structure.questions}
    for question in structure.questions:
        parent = question.show_if_question_id
        if parent is not None:
            parent_codes = {structure.choices[c].code for c in answers.get(parent, [])}
            if parent not in by_id or not parent_codes & set(question.show_if_choices):
                continue
        choices = [structure.choices[c] for c in structure.choices_of[question.id]]
        if not choices:
            continue
        skip, spread, *items = profile.draws[question.code]
        if question.type == scoring.CONTEXT:
            code = profile.facts.get(question.code)
            chosen = next((c for c in choices if c.code == code), None)
            answers[question.id] = [(chosen or choices[int(spread * len(choices))]).id]
            continue
        if skip < 0.03 and question.id not in first_of:
            continue
        dimension = structure.dimension_of[question.code]
        p = profile.maturity + profile.leaning.get(dimension, 0.0) + progress
        p = min(1.0, max(0.0, p + (spread - 0.5) * 0.5))
        if question.type == scoring.CHECKLIST:
            plain = [c for c in choices if not c.exclusive]
            picked = [c.id for c, draw in zip(plain, items, strict=False) if draw < p]
            exclusive = [c.id for c in choices if c.exclusive]
            answers[question.id] = picked or exclusive[:1] or [plain[0].id]
        else:
            ordered = sorted(choices, key=lambda c: c.value)
            rank = min(len(ordered) - 1, int(p * len(ordered)))
            answers[question.id] = [ordered[rank].id]
    return answers


# --- scoring and writing ------------------------------------------------------------------


@dataclass
class Scored:
    question_scores: dict[str, float | None]
    dimensions: dict[str, float | None]  # dimension code -> 0–100
    overall: float
    level: int


def score(structure: Structure, answers: dict[int, list[int]]) -> Scored:
    """What `services.assessment_submit` computes, from {question id: [choice ids]}."""
    shown = visible_question_ids(structure, answers)
    question_scores: dict[str, float | None] = {}
    for question in structure.questions:
        if question.type == scoring.CONTEXT or question.id not in shown:
            continue
        selected = [structure.choice_values[c] for c in answers.get(question.id, [])]
        all_choices = [structure.choice_values[c] for c in structure.choices_of[question.id]]
        question_scores[question.code] = scoring.question_score(
            question.type, selected, all_choices
        )
    dimensions = scoring.dimension_scores(question_scores, structure.dimension_of)
    empty = [d.code for d in structure.dimensions if dimensions.get(d.code) is None]
    if empty:
        raise ValueError(f"no answer in {', '.join(empty)}: it could not be submitted")
    overall = scoring.overall_score(dimensions.values())
    return Scored(question_scores, dimensions, overall, scoring.level_for(overall).number)


@dataclass
class Item:
    """One assessment to write: who answered what, and when."""

    answers: dict[int, list[int]]
    organisation_id: int | None = None
    respondent_id: int | None = None
    started_at: datetime | None = None
    submitted_at: datetime | None = None  # None: a draft


def bulk_insert(model, rows: list[dict], *, batch_size: int) -> list[int]:
    """Insert rows ({attname: value}) with bulk_create; their ids, in order."""
    objects = model.objects.bulk_create([model(**row) for row in rows], batch_size=batch_size)
    return [o.pk for o in objects]


def assessments_create(
    structure: Structure,
    questionnaire_id: int,
    items: Sequence[Item],
    *,
    batch_size: int = 2000,
    insert: Callable[..., list[int]] = bulk_insert,
    backdate_answers: bool = True,
) -> list[Assessment]:
    """Write assessments with their answers; the submitted ones (a `submitted_at`) with
    the scores, dimension scores and organisation results that `assessment_submit` stores.
    Drafts stay drafts. A fixed number of queries per batch, whatever the number of items.

    `insert` writes the many small rows (answers, their choices, scores): bulk_create by
    default, COPY for the bench's volumes."""
    now = timezone.now()
    scored = [score(structure, i.answers) if i.submitted_at else None for i in items]
    assessments = [
        Assessment(
            questionnaire_id=questionnaire_id,
            organisation_id=item.organisation_id,
            respondent_id=item.respondent_id,
            visitor_key="" if item.respondent_id else secrets.token_urlsafe(32),
            status=Assessment.Status.SUBMITTED if s else Assessment.Status.DRAFT,
            created_at=item.started_at or item.submitted_at or now,
            submitted_at=item.submitted_at,
            overall_score=s.overall if s else None,
            level=s.level if s else None,
            question_scores=s.question_scores if s else {},
        )
        for item, s in zip(items, scored, strict=True)
    ]
    Assessment.objects.bulk_create(assessments, batch_size=batch_size)
    answers = [
        (a.pk, question_id, choice_ids, item.submitted_at or now)
        for a, item in zip(assessments, items, strict=True)
        for question_id, choice_ids in item.answers.items()
        if choice_ids
    ]
    answer_ids = insert(
        Answer,
        [
            {"assessment_id": a, "question_id": q, "updated_at": when}
            for a, q, _choices, when in answers
        ],
        batch_size=batch_size,
    )
    insert(
        Answer.choices.through,
        [
            {"answer_id": answer_id, "choice_id": choice_id}
            for answer_id, (_a, _q, choice_ids, _when) in zip(answer_ids, answers, strict=True)
            for choice_id in dict.fromkeys(choice_ids)
        ],
        batch_size=batch_size,
    )
    submitted = [(a, s) for a, s in zip(assessments, scored, strict=True) if s]
    insert(
        DimensionScore,
        [
            {"assessment_id": a.pk, "dimension_id": d.id, "score": s.dimensions[d.code]}
            for a, s in submitted
            for d in structure.dimensions
        ],
        batch_size=batch_size,
    )
    # auto_now stamped them with today; a year-old diagnostic was last saved a year ago.
    for start in range(0, len(submitted), batch_size):
        ids = [a.pk for a, _s in submitted[start : start + batch_size]]
        Assessment.objects.filter(pk__in=ids).update(updated_at=F("submitted_at"))
        if backdate_answers:
            Answer.objects.filter(assessment_id__in=ids).update(
                updated_at=Subquery(
                    Assessment.objects.filter(pk=OuterRef("assessment_id")).values("submitted_at")[
                        :1
                    ]
                )
            )
    results = [
        (
            Result(
                organisation_id=a.organisation_id,
                questionnaire_id=questionnaire_id,
                assessment=a,
                created_at=a.submitted_at,
                respondents=1,
                overall_score=a.overall_score,
                level=a.level,
                question_scores=a.question_scores,
                is_latest=False,
            ),
            s,
        )
        for a, s in submitted
        if a.organisation_id and not a.campaign_id
    ]
    Result.objects.bulk_create([r for r, _s in results], batch_size=batch_size)
    insert(
        ResultScore,
        [
            {
                "result_id": r.pk,
                "dimension_code": code,
                "score": value,
                "spread": None,
                "is_latest": False,
            }
            for r, s in results
            for code, value in s.dimensions.items()
            if value is not None
        ],
        batch_size=batch_size,
    )
    latest_results_mark({r.organisation_id for r, _s in results}, batch_size=batch_size)
    return assessments


def latest_results_mark(organisation_ids: Iterable[int], *, batch_size: int = 2000) -> None:
    """Mark each organisation's newest result (and its scores) as its latest, as
    `services._store_result` does for one: newest by date, then by id."""
    organisation_ids = sorted(organisation_ids)
    for start in range(0, len(organisation_ids), batch_size):
        chunk = organisation_ids[start : start + batch_size]
        newest: dict[int, int] = {}
        rows = (
            Result.objects.filter(organisation_id__in=chunk)
            .order_by("organisation_id", "-created_at", "-pk")
            .values_list("organisation_id", "pk")
        )
        for organisation_id, pk in rows:
            newest.setdefault(organisation_id, pk)
        latest = list(newest.values())
        Result.objects.filter(organisation_id__in=chunk, is_latest=True).exclude(
            pk__in=latest
        ).update(is_latest=False)
        ResultScore.objects.filter(result__organisation_id__in=chunk, is_latest=True).exclude(
            result_id__in=latest
        ).update(is_latest=False)
        Result.objects.filter(pk__in=latest, is_latest=False).update(is_latest=True)
        ResultScore.objects.filter(result_id__in=latest, is_latest=False).update(is_latest=True)


# --- seed_demo ------------------------------------------------------------------------------


def _when(rng: random.Random, now: datetime, days_ago: float) -> tuple[datetime, datetime]:
    """(started, submitted) about `days_ago` days before `now`, in working hours or so."""
    submitted = now - timedelta(days=days_ago, minutes=rng.randint(0, 600))
    return submitted - timedelta(minutes=rng.randint(20, 60 * 24 * 6)), submitted


def seed(*, password: str, stdout) -> list[tuple[str, str]]:
    """Fictional EES with submitted diagnostics; two results for each pilot. No new logins
    worth printing: the pilots' admins (printed by network) see the results."""
    questionnaire = Questionnaire.current()
    if questionnaire is None:
        stdout.write("No questionnaire is published: no demo diagnostics.")
        return []
    structure = questionnaire_structure(questionnaire.id)
    rng = random.Random(SEED)
    now = timezone.now()

    pilot_groups = [
        (sector, size, province) for _n, _b, _f, sector, province, _p, size, _s in PILOTS
    ]
    specs = generate_organisations(rng, ORGANISATIONS, peer_groups=pilot_groups)
    generated = organisations_create(specs)
    pilots = {
        o.enterprise_number: o
        for o in Organisation.objects.filter(
            enterprise_number__in=[enterprise_number(p[1]) for p in PILOTS]
        )
    }
    everyone = [*pilots.values(), *generated.values()]
    admins = admins_create(generated.values(), password=password)
    admins.update(
        {
            org_id: user_id
            for org_id, user_id in Membership.objects.filter(
                organisation__in=pilots.values(), role=Membership.Role.ADMIN
            )
            .order_by("created_at", "pk")
            .values_list("organisation_id", "user_id")
            if org_id not in admins
        }
    )
    # Organisations that already have a result keep what they have (second run, or
    # someone answered in the meantime).
    done = set(
        Result.objects.filter(organisation__in=everyone).values_list("organisation_id", flat=True)
    )

    items: list[Item] = []
    # Pilots: one diagnostic about a year ago, a better one in the last weeks.
    for _name, body, *_rest in PILOTS:
        organisation = pilots.get(enterprise_number(body))
        if organisation is None:
            continue
        profile_rng = random.Random(f"{SEED}-{body}")
        profile = _pilot_profile(structure, organisation, profile_rng)
        before = answers_for(structure, profile)
        progress = profile_rng.uniform(0.1, 0.2)
        after = answers_for(structure, profile, progress=progress)
        while score(structure, after).overall <= score(structure, before).overall:
            progress += 0.05
            after = answers_for(structure, profile, progress=progress)
        if organisation.pk in done:
            continue
        for answers, days in (
            (before, profile_rng.uniform(350, 380)),
            (after, profile_rng.uniform(7, 45)),
        ):
            started, submitted = _when(profile_rng, now, days)
            items.append(
                Item(answers, organisation.pk, admins.get(organisation.pk), started, submitted)
            )
    # Generated organisations: one diagnostic, or two some months apart (most progress).
    for spec in specs:
        organisation = generated[spec.enterprise_number]
        profile = profile_for(structure, rng, size_band=spec.size_band, sector=spec.sector)
        first_days = rng.uniform(20, 720)
        second_days = first_days - rng.uniform(120, 400)
        rounds = [(0.0, _when(rng, now, first_days))]
        progress = rng.gauss(0.06, 0.07)
        if rng.random() < SECOND_ASSESSMENT_SHARE and second_days > 3:
            rounds.append((progress, _when(rng, now, second_days)))
        if organisation.pk in done:
            continue
        for delta, (started, submitted) in rounds:
            items.append(
                Item(
                    answers_for(structure, profile, progress=delta),
                    organisation.pk,
                    admins.get(organisation.pk),
                    started,
                    submitted,
                )
            )
    assessments_create(structure, questionnaire.id, items)
    if items:
        stdout.write(
            f"Diagnostic: {len(items)} submitted diagnostics for "
            f"{len({i.organisation_id for i in items})} organisations."
        )
    first_pilot = pilots.get(enterprise_number(PILOTS[0][1]))
    if first_pilot is not None and not first_pilot.campaigns.exists():
        campaign = campaign_create(first_pilot, structure)
        stdout.write(
            f"Diagnostic: an open campaign of {first_pilot.name} with "
            f"{campaign.assessments.count()} respondents."
        )
    return []


def _pilot_profile(structure: Structure, organisation: Organisation, rng=None) -> Profile:
    """A pilot's profile, drawn from its own seed: the same on every run."""
    body = organisation.enterprise_number[:-2]
    rng = rng or random.Random(f"{SEED}-{body}")
    profile = profile_for(
        structure, rng, size_band=organisation.size_band, sector=organisation.sector
    )
    profile.maturity = min(profile.maturity, 0.7)  # room to progress
    return profile


def campaign_create(organisation: Organisation, structure: Structure):
    """A campaign opened by the organisation's admin, answered by the admin, the other members
    and a colleague invited by e-mail, each seeing the organisation a little differently
    (their own leaning per dimension), then submitted: all through the services, as in the
    browser. The campaign stays open."""
    memberships = list(
        Membership.objects.filter(organisation=organisation)
        .select_related("user")
        .order_by("created_at", "pk")
    )
    admin = next(m.user for m in memberships if m.role == Membership.Role.ADMIN)
    campaign = services.campaign_open(organisation=organisation, opened_by=admin)
    for membership in memberships:
        if membership.user != admin:
            services.campaign_invite(
                campaign=campaign, email=membership.user.email, invited_by=admin, send_email=False
            )
    services.campaign_invite(
        campaign=campaign,
        email=f"coordination.{organisation.slug}@digitalees.test",
        invited_by=admin,
        send_email=False,
    )
    # As mature as the organisation's own recent diagnostic (see seed), each respondent
    # with their own draws and leaning per dimension: the perception gaps.
    maturity = _pilot_profile(structure, organisation).maturity
    questions = {q.id: q for q in structure.questions}
    for person, assessment in enumerate(campaign.assessments.order_by("pk")):
        profile = profile_for(
            structure,
            random.Random(f"{SEED}-campaign-{person}"),
            size_band=organisation.size_band,
            sector=organisation.sector,
        )
        profile.maturity = maturity + 0.15
        for question_id, choice_ids in answers_for(structure, profile).items():
            services.answer_save(
                assessment=assessment,
                question=questions[question_id],
                choice_codes=[structure.choices[c].code for c in choice_ids],
            )
        services.assessment_submit(assessment=assessment)
    return campaign
