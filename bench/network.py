"""The public network's rows of `make bench`: the directory (first page, and searched by text
with a filter), the experiences searched in full text with a filter, one experience's public
page, the events list, the public statistics (figures cached, and their recompute as an
operation), and a visitor's journey (`network.flow_visitor`): search the experiences, open
one, the organisation's profile, the events list, an event, and register.

Filled in two steps, like coaching's and grants': first a few experiences, events and
registrations among the organisations of the diagnostic's first fill (the small count), then,
once the diagnostic's top-up has written every organisation, the issue's volume: digital
themes on every public organisation (about 60 % of them), 3,000 published experiences (each
with its 15 items and its topics, besides some drafts and submissions), 500 events past and
future with their registration questions, and 20,000 registrations (confirmed, waiting,
cancelled, awaiting confirmation; attendance on past events) with their answers; a tenth at
BENCH_SCALE=small.

The measured experience and event are written through network.experiences' and
network.events' services, as a member, staff and registrants do; the volume of experiences
through network.experiences' bulk service (its search text and item keys folded by the same
functions), the rest in bulk (`digitalees.db.insert_rows`) as network.events' services store
it (answers as answers_check keeps them, questions numbered from 1).
"""

import datetime
import itertools
import random
import re
import time
from dataclasses import dataclass
from html.parser import HTMLParser
from urllib.parse import urlencode

from django.urls import NoReverseMatch, reverse
from django.utils.text import slugify

from bench.measure import FLOW, OPERATION, Item
from bench.run import HOST, BenchError, check, get

SEED = 11


@dataclass(frozen=True)
class Volume:
    experiences: int  # published
    events: int
    registrations: int

    def describe(self) -> str:
        return (
            f"{self.experiences} experiences, {self.events} events, "
            f"{self.registrations} registrations"
        )


# scale -> the volume (a tenth at small)
VOLUMES = {"full": Volume(3000, 500, 20000), "small": Volume(300, 50, 2000)}
# The small count: this many of each among the organisations of the diagnostic's first fill.
FIRST = Volume(experiences=10, events=6, registrations=120)
# Besides the published ones, drafts and submissions that no public page may show.
UNPUBLISHED_SHARE = 0.1
# Events: a share of drafts (never shown) and of cancelled ones; days around today.
DRAFT_EVENT_SHARE, CANCELLED_EVENT_SHARE = 0.04, 0.03
EVENT_DAYS = (-540, 180)
# Attendance recorded on the past events' confirmed registrations.
ATTENDANCE_WEIGHTS = {"present": 78, "absent": 12, "excused": 10}
MEMBER_SHARE = 0.55  # registrations of members (an account), the others visitors'
FLOW_WARMUP, FLOW_REPEAT = 2, 10
RECOMPUTE_WARMUP, RECOMPUTE_REPEAT = 2, 10

DIMENSIONS = [
    "strategy",
    "tools",
    "data",
    "security",
    "skills",
    "communication",
    "equipment",
    "responsible",
]

# --- what the experiences say -----------------------------------------------------------


@dataclass(frozen=True)
class Story:
    """A kind of digital project that EES tell about, with what its experiences draw from."""

    titles: tuple[str, ...]
    why: str
    story: str  # formatted text, as nh3 leaves it
    topics: tuple[str, ...]
    tools: tuple[str, ...]


STORIES = [
    Story(
        titles=(
            "Un outil partagé pour suivre nos bénévoles",
            "Fini les tableurs : nos bénévoles dans un CRM",
        ),
        why="Nos bénévoles changent souvent ; sans outil commun, chaque coordinatrice tenait "
        "sa propre liste et les informations se perdaient.",
        story="<p>Nous avons commencé par lister ce que chaque équipe notait sur les "
        "<strong>bénévoles</strong>.</p><p>Après trois démonstrations, l'équipe a choisi "
        "l'outil le plus simple, puis nous avons repris les données en deux journées.</p>",
        topics=("tools", "data"),
        tools=("Odoo", "Airtable", "Dolibarr", "CiviCRM", "Framaforms"),
    ),
    Story(
        titles=(
            "Du serveur dans l'armoire au cloud partagé",
            "Nos fichiers enfin accessibles depuis le terrain",
        ),
        why="Le vieux serveur tombait en panne et personne ne savait le réparer ; les "
        "équipes de terrain n'avaient aucun accès aux documents.",
        story="<p>Un coach nous a aidés à comparer trois offres.</p><ul><li>une migration "
        "progressive, service par service</li><li>une formation d'une heure pour chacun"
        "</li></ul>",
        topics=("tools", "security", "equipment"),
        tools=("Nextcloud", "Microsoft 365", "Google Workspace", "kDrive", "Synology"),
    ),
    Story(
        titles=(
            "Nos sauvegardes, enfin automatiques",
            "Après le rançongiciel, une sécurité à notre mesure",
        ),
        why="Un poste infecté nous a fait perdre une semaine de travail : il fallait "
        "protéger les données des personnes que nous accompagnons.",
        story="<p>Nous avons fait l'inventaire de nos données, puis mis en place des "
        "<em>sauvegardes chiffrées</em> et un gestionnaire de mots de passe pour toute "
        "l'équipe.</p>",
        topics=("security", "data"),
        tools=("Bitwarden", "KeePassXC", "Veeam", "Synology", "Proton Mail"),
    ),
    Story(
        titles=(
            "Un site accessible qui reçoit des dons",
            "Refaire notre site avec et pour nos publics",
        ),
        why="Notre site datait de dix ans, illisible sur téléphone ; les donateurs ne "
        "trouvaient pas comment nous soutenir.",
        story="<p>Des bénévoles et des usagers ont testé chaque maquette.</p><p>Le "
        "formulaire de dons en ligne a doublé les petits dons en six mois.</p>",
        topics=("communication",),
        tools=("WordPress", "Canva", "Brevo", "Mollie", "Matomo"),
    ),
    Story(
        titles=(
            "Former toute l'équipe aux outils numériques",
            "Des ateliers du vendredi pour apprivoiser le numérique",
        ),
        why="Une partie de l'équipe n'osait pas utiliser les nouveaux outils ; les "
        "compétences étaient concentrées sur deux personnes.",
        story="<p>Chaque vendredi, une demi-heure : une personne montre une astuce aux "
        "autres.</p><p>En un an, chacun a animé au moins un atelier.</p>",
        topics=("skills",),
        tools=("Microsoft Teams", "Jitsi Meet", "Moodle", "Framapad", "Loom"),
    ),
    Story(
        titles=(
            "Un plan numérique construit avec l'équipe",
            "Du diagnostic au plan : nos priorités numériques",
        ),
        why="Nous achetions des outils au coup par coup, sans vision d'ensemble ni budget prévu.",
        story="<p>L'autodiagnostic a ouvert la discussion ; trois réunions ont suffi pour "
        "fixer <strong>cinq priorités</strong> et un budget sur deux ans.</p>",
        topics=("strategy",),
        tools=("Trello", "Miro", "Framaboard", "LibreOffice Calc", "Klaxoon"),
    ),
    Story(
        titles=(
            "Une boutique en ligne pour nos objets de seconde main",
            "Vendre en ligne sans perdre le contact avec nos clients",
        ),
        why="Le magasin ne suffisait plus à écouler les objets réparés, et la clientèle "
        "jeune achète en ligne.",
        story="<p>Nous avons photographié et décrit 300 objets avec les stagiaires en "
        "insertion.</p><p>Le retrait en magasin garde le lien avec les clients.</p>",
        topics=("tools", "communication"),
        tools=("WooCommerce", "Shopify", "SumUp", "Odoo", "Vinted Pro"),
    ),
    Story(
        titles=(
            "Des plannings en ligne pour nos équipes de terrain",
            "Les horaires partagés sur téléphone",
        ),
        why="Les plannings papier changeaient chaque jour ; les travailleurs apprenaient "
        "leurs horaires au dernier moment.",
        story="<p>Un planning partagé, consultable sur téléphone, avec une notification à "
        "chaque changement.</p><p>Les appels pour les remplacements ont diminué de moitié."
        "</p>",
        topics=("tools", "equipment"),
        tools=("Google Agenda", "Skello", "Planday", "Doodle", "WhatsApp"),
    ),
    Story(
        titles=(
            "Des chiffres fiables pour notre rapport annuel",
            "Nos données au service du conseil d'administration",
        ),
        why="Le rapport d'activité prenait trois semaines à compiler depuis cinq fichiers "
        "différents.",
        story="<p>Nous avons défini une dizaine d'indicateurs avec le conseil "
        "d'administration, puis un tableau de bord alimenté chaque mois.</p>",
        topics=("data", "strategy"),
        tools=("Power BI", "Looker Studio", "Metabase", "LibreOffice Calc", "KoboToolbox"),
    ),
    Story(
        titles=(
            "Mettre nos pratiques en conformité avec le RGPD",
            "Le RGPD, pas à pas, dans une petite ASBL",
        ),
        why="Nous traitons des données sensibles sur les personnes accompagnées sans savoir "
        "qui y avait accès.",
        story="<p>Un registre des traitements, des accès revus par rôle et une charte "
        "signée par tous : rien d'insurmontable, à condition d'y consacrer du temps.</p>",
        topics=("security", "data", "responsible"),
        tools=("Registre de l'APD", "Bitwarden", "Nextcloud", "Proton Drive", "Tuta"),
    ),
    Story(
        titles=(
            "Du matériel reconditionné pour toute l'équipe",
            "Un numérique plus sobre et plus durable",
        ),
        why="Nos ordinateurs étaient lents et le budget ne permettait pas d'en acheter des "
        "neufs ; nous voulions aussi réduire notre empreinte.",
        story="<p>Nous avons remplacé douze postes par du matériel reconditionné et "
        "installé des logiciels libres.</p><p>Le coût a été divisé par trois.</p>",
        topics=("equipment", "responsible"),
        tools=("Linux Mint", "LibreOffice", "Firefox", "Thunderbird", "Emmabuntüs"),
    ),
]

DIFFICULTIES = [
    "Le temps manque pour se former",
    "La résistance au changement",
    "Un budget limité",
    "Des données éparpillées",
    "Trop d'outils à la fois",
    "Le départ de la personne référente",
    "Une connexion internet instable",
    "Des bénévoles peu à l'aise avec le numérique",
    "Des offres commerciales difficiles à comparer",
    "La peur de perdre des données",
]
TIPS = [
    "Bloquer une demi-journée par mois",
    "Impliquer l'équipe dès le début",
    "Commencer petit et montrer les résultats",
    "Demander l'avis d'une autre EES",
    "Nommer une personne référente et un binôme",
    "Tester avec un petit groupe avant de généraliser",
    "Documenter chaque procédure en une page",
    "Prévoir un budget de formation",
    "Se faire accompagner par un coach",
    "Garder l'ancien système un mois en parallèle",
]
PHASES = [
    "L'autodiagnostic en équipe",
    "L'inventaire des outils et des données",
    "Le choix des priorités",
    "La comparaison des solutions",
    "Le test avec quelques volontaires",
    "La migration des données",
    "La formation de l'équipe",
    "Le bilan après six mois",
]
KEYWORDS = [
    "Patience",
    "Écoute",
    "Partage",
    "Simplicité",
    "Persévérance",
    "Confiance",
    "Coopération",
    "Sobriété",
    "Autonomie",
    "Curiosité",
]
ITEM_POOLS = {"difficulty": DIFFICULTIES, "tip": TIPS, "phase": PHASES, "keyword": KEYWORDS}
ITEM_KINDS = ["difficulty", "tip", "phase", "tool", "keyword"]
PER_KIND = 3


@dataclass
class ExperienceContent:
    title: str
    why: str
    story: str
    topics: list[str]
    items: list[tuple[str, int, str]]  # (kind, position 1..3, text)

    def as_fields(self) -> dict:
        """What network.experiences' services take: title, why, story, items by kind,
        topic codes."""
        items: dict[str, list[str]] = {}
        for kind, _position, text in self.items:
            items.setdefault(kind, []).append(text)
        return {
            "title": self.title,
            "why": self.why,
            "story": self.story,
            "items": items,
            "topics": list(self.topics),
        }


def experience_content(rng: random.Random, story: Story | None = None) -> ExperienceContent:
    """An experience as a member writes it: a kind of project, its three difficulties,
    tips, phases, tools and keywords."""
    story = story or rng.choice(STORIES)
    items = []
    for kind in ITEM_KINDS:
        pool = list(story.tools) if kind == "tool" else ITEM_POOLS[kind]
        texts = rng.sample(pool, PER_KIND)
        if kind == "phase":  # phases are told in the order they came
            texts.sort(key=pool.index)
        items += [(kind, position, text) for position, text in enumerate(texts, start=1)]
    topics = list(story.topics)
    if rng.random() < 0.3:
        topics.append(rng.choice([d for d in DIMENSIONS if d not in topics]))
    return ExperienceContent(
        title=rng.choice(story.titles),
        why=story.why,
        story=story.story,
        topics=topics,
        items=items,
    )


def experience_search_text(content: ExperienceContent) -> str:
    """What network.experiences stores as search_text (its pure function)."""
    from network.experiences.services import search_text_of

    return search_text_of(
        title=content.title,
        why=content.why,
        story=content.story,
        item_texts=(text for _kind, _position, text in content.items),
    )


# --- events ---------------------------------------------------------------------------


@dataclass(frozen=True)
class EventKindPlan:
    weight: int
    titles: tuple[tuple[str, str], ...]  # (French, English)
    hours: float
    capacity: tuple[int, int] | None  # seats drawn in this range, None: no limit
    registrations: tuple[int, int]  # registrations drawn in this range (before scaling)
    online: bool = False


EVENT_KINDS = {
    "workshop": EventKindPlan(
        40,
        (
            ("Atelier : sécuriser ses données", "Workshop: securing your data"),
            ("Atelier : choisir son outil de gestion", "Workshop: choosing a management tool"),
            ("Atelier : un site accessible", "Workshop: an accessible website"),
            ("Atelier : le RGPD en pratique", "Workshop: GDPR in practice"),
        ),
        3,
        (15, 30),
        (10, 40),
    ),
    "webinar": EventKindPlan(
        30,
        (
            ("Webinaire : le cloud pour les EES", "Webinar: the cloud for social enterprises"),
            ("Webinaire : financer son projet numérique", "Webinar: funding a digital project"),
            ("Webinaire : les outils collaboratifs", "Webinar: collaborative tools"),
        ),
        1.5,
        None,
        (25, 110),
        online=True,
    ),
    "intervision": EventKindPlan(
        20,
        (
            ("Intervision du réseau", "Network intervision"),
            ("Intervision : retours d'expérience", "Intervision: experiences shared"),
        ),
        2.5,
        (10, 20),
        (6, 22),
    ),
    "closing": EventKindPlan(
        2,
        (("Rencontre de clôture DigitalEES", "DigitalEES closing event"),),
        6,
        (150, 250),
        (140, 260),
    ),
    "other": EventKindPlan(
        8,
        (("Matinée du numérique solidaire", "Morning of solidarity digital"),),
        4,
        (40, 80),
        (20, 80),
    ),
}
VENUES = [
    ("Maison de l'économie sociale", "Rue de Fer 1, 5000 Namur"),
    ("Espace coopératif", "Rue Saint-Gilles 27, 4000 Liège"),
    ("Centre culturel", "Grand-Place 10, 7000 Mons"),
    ("Hall des Tanneurs", "Rue des Tanneurs 4, 6700 Arlon"),
    ("La Ruche", "Avenue des Combattants 3, 1340 Ottignies"),
]
QUESTIONS = [
    ("Avez-vous un régime alimentaire particulier ?", "Any dietary needs?", "text", "", False),
    (
        "Comment avez-vous connu l'événement ?",
        "How did you hear about the event?",
        "choice",
        "Lettre d'information | Newsletter\nRéseaux sociaux | Social media\n"
        "Un collègue | A colleague",
        True,
    ),
    ("Avez-vous besoin d'un accès PMR ?", "Do you need step-free access?", "checkbox", "", False),
    (
        "Qu'attendez-vous de cette séance ?",
        "What do you expect from this session?",
        "long_text",
        "",
        False,
    ),
]
ANSWERS = {
    "text": ["", "Végétarien", "Sans gluten", ""],
    "long_text": ["Des exemples concrets.", "Rencontrer d'autres EES.", ""],
    "checkbox": ["", "", "", "yes"],  # as network.events' answers_check stores a tick
}


@dataclass
class EventSpec:
    kind: str
    title_fr: str
    title_en: str
    starts_in_days: float  # from now; negative: past
    hours: float
    capacity: int | None
    online: bool
    venue: tuple[str, str]
    questions: list[tuple[str, str, str, str, bool]]
    topics: list[str]
    is_published: bool = True
    cancelled: bool = False
    registrations: int = 0

    @property
    def is_past(self) -> bool:
        return self.starts_in_days < 0


def event_specs(rng: random.Random, count: int, registrations: int) -> list[EventSpec]:
    """`count` events spread over the programme (most past, some to come), published but
    for a few drafts, with `registrations` spread over the published ones not cancelled."""
    kinds = list(EVENT_KINDS)
    specs = []
    for _ in range(count):
        kind = rng.choices(kinds, weights=[EVENT_KINDS[k].weight for k in kinds])[0]
        plan = EVENT_KINDS[kind]
        title_fr, title_en = rng.choice(plan.titles)
        draft = rng.random() < DRAFT_EVENT_SHARE
        specs.append(
            EventSpec(
                kind=kind,
                title_fr=title_fr,
                title_en=title_en,
                starts_in_days=rng.uniform(*EVENT_DAYS),
                hours=plan.hours,
                capacity=rng.randint(*plan.capacity) if plan.capacity else None,
                online=plan.online,
                venue=rng.choice(VENUES),
                questions=rng.sample(QUESTIONS, rng.randint(1, 3)),
                topics=rng.sample(DIMENSIONS, rng.randint(1, 2)),
                is_published=not draft,
                cancelled=not draft and rng.random() < CANCELLED_EVENT_SHARE,
            )
        )
    spread_registrations(rng, specs, registrations)
    return specs


def spread_registrations(rng: random.Random, specs: list[EventSpec], total: int) -> None:
    """Registrations per event, drawn by kind, then adjusted one at a time to `total`."""
    open_ = [s for s in specs if s.is_published and not s.cancelled]
    if not open_:
        return
    for spec in open_:
        spec.registrations = rng.randint(*EVENT_KINDS[spec.kind].registrations)
    while (current := sum(s.registrations for s in open_)) != total:
        spec = rng.choice(open_)
        if current > total and spec.registrations > 1:
            spec.registrations -= 1
        elif current < total:
            spec.registrations += 1


@dataclass
class Person:
    email: str
    first_name: str
    last_name: str
    user_id: int | None = None
    organisation_id: int | None = None
    organisation_name: str = ""


def registration_statuses(
    rng: random.Random, spec: EventSpec
) -> list[tuple[str, str]]:  # [(status, attendance)]
    """Each registration's status in the order they came: the seats go to the first, the
    others wait; some cancel (their seat going to the first waiting); on an event to come,
    a few visitors have not clicked their link yet. Attendance on past events only."""
    statuses = []
    seats = spec.capacity
    taken = 0
    for _ in range(spec.registrations):
        roll = rng.random()
        if roll < 0.08:
            statuses.append("cancelled")
        elif not spec.is_past and roll < 0.12:
            statuses.append("unconfirmed")
        elif seats is None or taken < seats:
            statuses.append("confirmed")
            taken += 1
        else:
            statuses.append("waiting")
    attendance = list(ATTENDANCE_WEIGHTS)
    weights = list(ATTENDANCE_WEIGHTS.values())
    return [
        (
            status,
            rng.choices(attendance, weights=weights)[0]
            if spec.is_past and status == "confirmed"
            else "",
        )
        for status in statuses
    ]


def visitor(rng: random.Random, n: int) -> Person:
    from network.demo import FIRST_NAMES, LAST_NAMES

    first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
    return Person(
        email=f"{slugify(first)}.{slugify(last)}.{n}@exemple.be",
        first_name=first,
        last_name=last,
        organisation_name=rng.choice(["", "", "Indépendant", "Commune", "CPAS", "Asbl locale"]),
    )


# --- the fill -------------------------------------------------------------------------


class Fill:
    """Themes, experiences, events and registrations: the rows the services write, in bulk."""

    def __init__(self, *, staff_id: int):
        from django.utils import timezone

        from network.models import Topic

        self.rng = random.Random(SEED)
        self.now = timezone.now()
        self.topics = {t.code: t.pk for t in Topic.objects.filter(code__in=DIMENSIONS)}
        missing = set(DIMENSIONS) - set(self.topics)
        if missing:
            raise BenchError(f"network: no topics of codes {', '.join(sorted(missing))}")
        self.staff_id = staff_id
        self.themed: set[int] = set()  # organisations whose themes are written
        self.with_experience: set[int] = set()
        self.written = Volume(0, 0, 0)
        self.visitors = itertools.count(1)
        self.slugs = itertools.count(1)

    # --- themes ---------------------------------------------------------------------

    def themes(self, organisations) -> None:
        """1 to 4 digital themes on each public organisation of `organisations`."""
        from digitalees.db import insert_rows
        from network.models import Organisation

        rows = []
        for organisation_id, is_public in organisations:
            if organisation_id in self.themed or not is_public:
                continue
            self.themed.add(organisation_id)
            rng = random.Random(SEED * 7919 + organisation_id)
            for code in rng.sample(DIMENSIONS, rng.randint(1, 4)):
                rows.append({"organisation_id": organisation_id, "topic_id": self.topics[code]})
        insert_rows(Organisation.themes.through, rows)

    # --- experiences ----------------------------------------------------------------

    def experiences(self, count: int, organisations) -> list[int]:
        """`count` published experiences (and UNPUBLISHED_SHARE more, drafts, submissions
        and some sent back) of public organisations not sharing one yet, one each, through
        network.experiences' bulk service, with their moderation steps; their ids."""
        from digitalees.db import insert_rows
        from digitalees.models import User
        from network.experiences.services import experiences_create_bulk
        from network.models import ExperienceModeration, Organisation

        rng = self.rng
        authors = self._admins([pk for pk, _public in organisations])
        candidates = [
            pk
            for pk, is_public in organisations
            if is_public and pk not in self.with_experience and pk in authors
        ]
        unpublished = round(count * UNPUBLISHED_SHARE)
        chosen = candidates[: count + unpublished]
        if len(chosen) < count + unpublished:
            raise BenchError(
                f"network: {len(candidates)} public organisations for "
                f"{count + unpublished} experiences"
            )
        owners = Organisation.objects.only("pk").in_bulk(chosen)
        users = User.objects.only("pk").in_bulk([authors[pk] for pk in chosen])
        data, moderations = [], []
        for n, organisation_id in enumerate(chosen):
            self.with_experience.add(organisation_id)
            content = experience_content(rng)
            published = n < count
            status = "published" if published else rng.choice(["draft", "submitted", "returned"])
            created = self.now - datetime.timedelta(days=rng.uniform(30, 720))
            submitted = None if status == "draft" else created + datetime.timedelta(days=7)
            published_at = (
                submitted + datetime.timedelta(days=rng.uniform(1, 10)) if published else None
            )
            remarks = "Pourriez-vous préciser le budget ?" if status == "returned" else ""
            author = authors[organisation_id]
            data.append(
                {
                    "organisation": owners[organisation_id],
                    "author": users[author],
                    "status": status,
                    "created_at": created,
                    "submitted_at": submitted,
                    "published_at": published_at,
                    "remarks": remarks,
                    **content.as_fields(),
                }
            )
            if submitted:
                moderations.append((n, "submitted", author, "", submitted))
            if published:
                moderations.append((n, "published", self.staff_id, "", published_at))
            elif status == "returned":
                moderations.append((n, "returned", self.staff_id, remarks, submitted))
        ids = [e.pk for e in experiences_create_bulk(experiences=data)]
        insert_rows(
            ExperienceModeration,
            [
                {"experience_id": ids[i], "action": action, "by_id": by, "remarks": r, "at": at}
                for i, action, by, r, at in moderations
            ],
        )
        self.written = Volume(
            self.written.experiences + count, self.written.events, self.written.registrations
        )
        return ids

    # --- events and registrations ---------------------------------------------------

    def events(self, specs: list[EventSpec], organisations) -> list[int]:
        """The events of `specs` with their questions, registrations and answers; their
        ids. Members register with their account, visitors with an address of theirs."""
        from digitalees.db import insert_rows
        from network.models import Event, EventQuestion, Registration, RegistrationAnswer

        rng = self.rng
        members = self._members([pk for pk, _public in organisations])
        rows = []
        for spec in specs:
            starts = self.now + datetime.timedelta(days=spec.starts_in_days)
            starts = starts.replace(minute=0, second=0, microsecond=0)
            name, address = spec.venue
            rows.append(
                {
                    "slug": f"{slugify(spec.title_fr)[:190]}-{next(self.slugs)}",
                    "kind": spec.kind,
                    "title_fr": spec.title_fr,
                    "title_en": spec.title_en,
                    "description_fr": "Une séance pratique pour les EES : des exemples, des "
                    "outils, et du temps pour échanger entre participants.",
                    "description_en": "A hands-on session for social-economy enterprises: "
                    "examples, tools, and time to talk with one another.",
                    "starts_at": starts,
                    "ends_at": starts + datetime.timedelta(hours=spec.hours),
                    "venue": "" if spec.online else name,
                    "address": "" if spec.online else address,
                    "online_url": "https://visio.exemple.be/digitalees" if spec.online else "",
                    "capacity": spec.capacity,
                    "registration_closes_at": None,
                    "is_published": spec.is_published,
                    "cancelled_at": (
                        min(starts - datetime.timedelta(days=3), self.now)
                        if spec.cancelled
                        else None
                    ),
                    "created_by_id": self.staff_id,
                    # Published some weeks before, and before today.
                    "created_at": min(
                        starts - datetime.timedelta(days=rng.uniform(20, 60)),
                        self.now - datetime.timedelta(days=1),
                    ),
                }
            )
        ids = insert_rows(Event, rows)
        insert_rows(
            Event.topics.through,
            [
                {"event_id": pk, "topic_id": self.topics[code]}
                for pk, spec in zip(ids, specs, strict=True)
                for code in spec.topics
            ],
        )
        question_rows, question_of = [], []
        for pk, spec in zip(ids, specs, strict=True):
            for position, (label_fr, label_en, kind, options, required) in enumerate(
                spec.questions, start=1
            ):
                question_rows.append(
                    {
                        "event_id": pk,
                        "label_fr": label_fr,
                        "label_en": label_en,
                        "kind": kind,
                        "options": options,
                        "required": required,
                        "position": position,
                    }
                )
                question_of.append((pk, kind, options))
        question_ids = insert_rows(EventQuestion, question_rows)
        questions: dict[int, list[tuple[int, str, str]]] = {}
        for question_id, (event_id, kind, options) in zip(question_ids, question_of, strict=True):
            questions.setdefault(event_id, []).append((question_id, kind, options))
        registrations, answers = [], []
        for pk, spec, row in zip(ids, specs, rows, strict=True):
            statuses = registration_statuses(rng, spec)
            people = rng.sample(members, min(len(members), round(len(statuses) * MEMBER_SHARE)))
            while len(people) < len(statuses):
                people.append(visitor(rng, next(self.visitors)))
            rng.shuffle(people)
            opened = row["created_at"] + datetime.timedelta(days=1)
            span = (min(row["starts_at"], self.now) - opened).total_seconds()
            for n, ((status, attendance), person) in enumerate(zip(statuses, people, strict=True)):
                at = opened + datetime.timedelta(seconds=span * (n + 1) / (len(statuses) + 1))
                confirmed = status not in ("unconfirmed",)
                registrations.append(
                    {
                        "event_id": pk,
                        "user_id": person.user_id,
                        "email": person.email,
                        "first_name": person.first_name,
                        "last_name": person.last_name,
                        "organisation_id": person.organisation_id,
                        "organisation_name": person.organisation_name,
                        "language": "fr" if rng.random() < 0.9 else "en",
                        "status": status,
                        "attendance": attendance,
                        "created_at": at,
                        "confirmed_at": at + datetime.timedelta(minutes=5) if confirmed else None,
                        "waiting_since": at if status == "waiting" else None,
                        "cancelled_at": (
                            at + datetime.timedelta(days=1) if status == "cancelled" else None
                        ),
                        "reminded_at": (
                            row["starts_at"] - datetime.timedelta(days=1)
                            if spec.is_past and status == "confirmed"
                            else None
                        ),
                    }
                )
                answers.append(
                    [
                        (question_id, _answer(rng, kind, options))
                        for question_id, kind, options in questions.get(pk, [])
                    ]
                )
        registration_ids = insert_rows(Registration, registrations)
        insert_rows(
            RegistrationAnswer,
            [
                {"registration_id": registration_id, "question_id": question_id, "value": value}
                for registration_id, given in zip(registration_ids, answers, strict=True)
                for question_id, value in given
            ],
        )
        self.written = Volume(
            self.written.experiences,
            self.written.events + len(specs),
            self.written.registrations + len(registrations),
        )
        return ids

    # --- who ------------------------------------------------------------------------

    def _admins(self, organisation_ids) -> dict[int, int]:
        from network.models import Membership

        return dict(
            Membership.objects.filter(
                organisation_id__in=organisation_ids, role=Membership.Role.ADMIN
            ).values_list("organisation_id", "user_id")
        )

    def _members(self, organisation_ids) -> list[Person]:
        from network.models import Membership

        return [
            Person(
                email=email,
                first_name=first,
                last_name=last,
                user_id=user_id,
                organisation_id=organisation_id,
                organisation_name=name,  # as registration_create copies it
            )
            for user_id, organisation_id, name, email, first, last in Membership.objects.filter(
                organisation_id__in=organisation_ids
            )
            .order_by("pk")
            .values_list(
                "user_id",
                "organisation_id",
                "organisation__name",
                "user__email",
                "user__first_name",
                "user__last_name",
            )
        ]


def _answer(rng: random.Random, kind: str, options: str) -> str:
    if kind == "choice":
        return rng.choice(options.splitlines()).split("|")[0].strip()
    return rng.choice(ANSWERS[kind])


def _organisations(exclude=()) -> list[tuple[int, bool]]:
    """(id, is public) of every organisation, in id order, but `exclude`."""
    from network.models import Organisation

    return [
        row
        for row in Organisation.objects.order_by("pk").values_list("pk", "is_public")
        if row[0] not in exclude
    ]


# --- the rows -------------------------------------------------------------------------


def items(bench) -> list[Item]:
    rows = _Rows(bench)
    bench.network = rows  # top_up() finds it there
    return rows.items()


def top_up(bench) -> None:
    """Called by the runner between the small count and the full one."""
    bench.network.top_up()
    from bench import fill

    fill.analyse()


# The visitor's searches: a word of the measured experience's with one of its topics, and a
# word of the measured organisation's social purpose in its province (both match in the
# first fill already, so that the small count renders the same list as the full one).
EXPERIENCE_QUERY_WORD, EXPERIENCE_QUERY_TOPIC = "bénévoles", "tools"
MEASURED_STORY = STORIES[0]  # mentions bénévoles, about tools
MEASURED_EVENT_REGISTRATIONS = 30  # members, half the seats


def directory_word(organisation) -> str:
    """The longest word of the organisation's social purpose, as a visitor would type it."""
    return max(re.findall(r"\w+", organisation.social_purpose), key=len)


class _Rows:
    def __init__(self, bench):
        from digitalees.models import User

        self.bench = bench
        self.staff = User.objects.get(email="agence@bench.test")
        self.fill = Fill(staff_id=self.staff.pk)
        first = _organisations()
        self.first_ids = {pk for pk, _public in first}
        self.fill.themes(first)
        self.experience = self._measured_experience(first)
        self.organisation = self.experience.organisation
        self.fill.experiences(FIRST.experiences - 1, first)
        self.event = self._measured_event(first)
        others = event_specs(
            random.Random(SEED + 1),
            FIRST.events - 1,
            FIRST.registrations - MEASURED_EVENT_REGISTRATIONS,
        )
        self.fill.events(others, first)
        self.visitor = self._visitor()
        self.registered = itertools.count(1)

    def _measured_experience(self, organisations):
        """The experience opened: the first public organisation's, written, submitted and
        published through network.experiences' services, as a member and staff do."""
        from digitalees.models import User
        from network.experiences import services
        from network.models import Organisation, Topic

        fill = self.fill
        authors = fill._admins([pk for pk, _public in organisations])
        organisation = Organisation.objects.get(
            pk=next(pk for pk, public in organisations if public and pk in authors)
        )
        fill.with_experience.add(organisation.pk)
        author = User.objects.get(pk=authors[organisation.pk])
        fields = experience_content(random.Random(SEED + 3), MEASURED_STORY).as_fields()
        topics = Topic.objects.filter(code__in=fields.pop("topics"))
        experience = services.experience_create(
            organisation=organisation, author=author, topics=topics, **fields
        )
        services.experience_submit(experience=experience, by=author)
        services.experience_publish(experience=experience, by=self.staff)
        fill.written = Volume(1, fill.written.events, fill.written.registrations)
        experience.refresh_from_db()
        return experience

    def _measured_event(self, organisations):
        """The event registered for: a workshop in three weeks with 60 seats and three
        questions, saved through network.events' services, with members registered."""
        from django.utils import timezone

        from network.events import services
        from network.models import Event, EventQuestion, Membership, Topic

        starts = (timezone.now() + datetime.timedelta(days=21)).replace(
            hour=9, minute=30, second=0, microsecond=0
        )
        name, address = VENUES[0]
        event = services.event_save(
            event=Event(
                kind="workshop",
                title_fr="Atelier : choisir son outil de gestion",
                title_en="Workshop: choosing a management tool",
                description_fr="Comparer trois outils de gestion à partir de vos besoins, "
                "avec des EES qui les utilisent.",
                description_en="Compare three management tools against your needs, with "
                "social enterprises that use them.",
                starts_at=starts,
                ends_at=starts + datetime.timedelta(hours=3),
                venue=name,
                address=address,
                capacity=60,
                is_published=True,
            ),
            topics=Topic.objects.filter(code="tools"),
            by=self.staff,
        )
        for label_fr, label_en, kind, options, required in QUESTIONS[:3]:
            services.question_save(
                question=EventQuestion(
                    event=event,
                    label_fr=label_fr,
                    label_en=label_en,
                    kind=kind,
                    options=options,
                    required=required,
                )
            )
        questions = list(event.questions.all())
        rng = random.Random(SEED + 4)
        admins = (
            Membership.objects.filter(
                organisation_id__in=[pk for pk, _public in organisations], role="admin"
            )
            .select_related("user", "organisation")
            .order_by("pk")[:MEASURED_EVENT_REGISTRATIONS]
        )
        for membership in admins:
            user = membership.user
            services.registration_create(
                event=event,
                email=user.email,
                first_name=user.first_name,
                last_name=user.last_name,
                user=user,
                organisation=membership.organisation,
                answers={q.pk: _answer(rng, q.kind, q.options) for q in questions},
            )
        fill = self.fill
        fill.written = Volume(
            fill.written.experiences,
            fill.written.events + 1,
            fill.written.registrations + len(admins),
        )
        return event

    def _visitor(self):
        from django.test import Client

        return Client(raise_request_exception=True, HTTP_HOST=HOST)

    def top_up(self, log=print) -> None:
        started = time.perf_counter()
        volume = VOLUMES[self.bench.scale]
        fill = self.fill
        rest = _organisations(exclude=self.first_ids)
        fill.themes(rest)
        fill.experiences(volume.experiences - fill.written.experiences, rest)
        log(
            f"\r  network: {fill.written.experiences} experiences "
            f"({time.perf_counter() - started:.0f} s)",
            end="",
            flush=True,
        )
        specs = event_specs(
            random.Random(SEED + 2),
            volume.events - fill.written.events,
            volume.registrations - fill.written.registrations,
        )
        fill.events(specs, _organisations())
        log(f"\r  network: {fill.written.describe()} ({time.perf_counter() - started:.0f} s)")

    # --- URLs -----------------------------------------------------------------------

    def experience_search_url(self) -> str:
        query = urlencode({"q": EXPERIENCE_QUERY_WORD, "theme": EXPERIENCE_QUERY_TOPIC})
        return f"{reverse('network:experience_list')}?{query}"

    def directory_search_url(self) -> str:
        query = urlencode(
            {"q": directory_word(self.organisation), "province": self.organisation.province}
        )
        return f"{reverse('network:directory')}?{query}"

    def experience_url(self) -> str:
        return reverse("network:experience_detail", kwargs={"slug": self.experience.slug})

    def profile_url(self) -> str:
        return reverse("network:profile", kwargs={"slug": self.organisation.slug})

    def event_url(self) -> str:
        return reverse("network:event_detail", kwargs={"slug": self.event.slug})

    # --- items ----------------------------------------------------------------------

    def items(self) -> list[Item]:
        bench, visitor = self.bench, self.visitor
        items = [
            Item("network.directory", get(visitor, reverse("network:directory"))),
            Item("network.directory_search", get(visitor, self.directory_search_url())),
            Item("network.experience_search", get(visitor, self.experience_search_url())),
            Item("network.experience_detail", get(visitor, self.experience_url())),
            Item("network.event_list", get(visitor, reverse("network:event_list"))),
        ]
        items.extend(self._statistics_items())
        items.append(self._flow_item())
        bench.notes.append(
            f"network: measured at {VOLUMES[bench.scale].describe()} (and "
            f"{round(UNPUBLISHED_SHARE * 100)} % more experiences not published), themes on "
            "every public organisation; queries_small at "
            f"{FIRST.describe()}. Pages as an anonymous visitor: network.directory_search "
            f"is {self.directory_search_url()}, network.experience_search is "
            f"{self.experience_search_url()}, network.experience_detail an experience with "
            "its 15 items; network.statistics with its figures cached (the first request "
            "computes them)."
        )
        return items

    def _statistics_items(self) -> list[Item]:
        """The public statistics page with its figures cached, as every visitor after the
        first reads it: a request before each run (outside the timing) computes what a write
        elsewhere in the bench (a diagnostic submitted, an enrolment) made stale. And the
        figures computed afresh, as the first request after such a write computes them."""
        try:
            url = reverse("statistics")
            from digitalees.figures import figures_changed
        except (NoReverseMatch, ImportError) as error:
            self.bench.notes.append(f"network.statistics skipped: {error}.")
            return []
        visitor = self.visitor
        page = Item(
            "network.statistics",
            get(visitor, url),
            before=lambda: check(visitor.get(url), 200),
        )
        try:
            from coaching import selectors as coaching
            from coaching.services import COACHING_DATA
            from diagnostic import selectors as diagnostic
            from grants import selectors as grants
            from grants.workflow import GRANTS_DATA
            from network import selectors as network
        except ImportError as error:
            self.bench.notes.append(f"network.statistics_recompute skipped: {error}.")
            return [page]
        names = (
            network.ORGANISATIONS_DATA,
            network.ACTIVITY_DATA,
            diagnostic.DIAGNOSTIC_DATA,
            COACHING_DATA,
            GRANTS_DATA,
        )

        def recompute():
            for app in (network, diagnostic, coaching, grants):
                app.public_figures()

        self.bench.notes.append(
            "network.statistics_recompute: every app's public figures computed afresh and "
            "cached (network's, diagnostic's, coaching's, grants' public_figures after each "
            "kind of data they depend on is renewed), without the page."
        )
        recompute_item = Item(
            "network.statistics_recompute",
            recompute,
            before=lambda: figures_changed(*names),
            kind=OPERATION,
            warmup=RECOMPUTE_WARMUP,
            repeat=RECOMPUTE_REPEAT,
        )
        return [page, recompute_item]

    # --- the visitor's journey -----------------------------------------------------

    def _flow_item(self):
        """Search the experiences, open the measured one, its organisation's profile, the
        events list, the measured event, and register for it as a visitor (a new address
        and a new client address each run, as different visitors would)."""
        from network.models import Registration

        visitor = self.visitor
        state: dict = {}

        def before():
            n = next(self.registered)
            state.update(
                n=n,
                email=f"visiteur.{n}@exemple.be",
                address=f"10.{n // 65536 % 256}.{n // 256 % 256}.{n % 256}",
            )
            visitor.cookies.pop("messages", None)

        def run():
            address = {"REMOTE_ADDR": state["address"]}
            check(visitor.get(self.experience_search_url(), **address), 200)
            check(visitor.get(self.experience_url(), **address), 200)
            check(visitor.get(self.profile_url(), **address), 200)
            check(visitor.get(reverse("network:event_list"), **address), 200)
            page = check(visitor.get(self.event_url(), **address), 200)
            form = registration_form(page)
            form.fill(
                email=state["email"],
                first_name="Camille",
                last_name=f"Visiteuse {state['n']}",
                organisation_name="Asbl du quartier",
            )
            response = visitor.post(form.action, form.data, **address)
            if response.status_code not in (200, 302):
                raise BenchError(f"{form.action}: {response.status_code}")
            if not Registration.objects.filter(event=self.event, email=state["email"]).exists():
                raise BenchError(f"{form.action}: {state['email']} was not registered")

        self.bench.notes.append(
            "network.flow_visitor: a visitor searches the experiences, opens one, its "
            "organisation's profile, the events list, an event (3 questions) and registers "
            "(the form's post; the confirmation e-mail is sent in-process)."
        )
        return Item(
            "network.flow_visitor",
            run,
            before=before,
            kind=FLOW,
            warmup=FLOW_WARMUP,
            repeat=FLOW_REPEAT,
        )


# --- a page's registration form, as a browser sends it ---------------------------------


class RegistrationForm(HTMLParser):
    """The fields of the first form of a page that posts somewhere else than the header's
    (language, log-out), with the values the page shows; `fill` sets the named ones and
    answers every question left empty (a select's first real option, a checkbox ticked
    only when required, a text "Rien de particulier")."""

    SKIP_ACTIONS = ("/i18n/", "/logout", "/accounts/", "/newsletter/")

    def __init__(self, path: str):
        super().__init__()
        self.action = path
        self.data: dict[str, str] = {}
        self.options: dict[str, list[str]] = {}
        self.checkboxes: dict[str, tuple[str, bool]] = {}  # name -> (value, required)
        self.texts: list[str] = []
        self._path = path
        self._in_form = self._done = False
        self._select: str | None = None
        self._textarea: str | None = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if self._done:
            return
        if tag == "form" and (a.get("method") or "").lower() == "post":
            action = a.get("action") or self._path
            if not any(part in action for part in self.SKIP_ACTIONS):
                self._in_form, self.action = True, action
            return
        if not self._in_form:
            return
        name = a.get("name")
        if tag == "input" and name:
            kind = (a.get("type") or "text").lower()
            if kind == "checkbox":
                self.checkboxes[name] = (a.get("value", "on"), "required" in a)
                if "checked" in a:
                    self.data[name] = a.get("value", "on")
            elif kind == "radio":
                self.options.setdefault(name, []).append(a.get("value", ""))
                if "checked" in a:
                    self.data[name] = a.get("value", "")
            elif kind not in ("submit", "button", "image", "reset", "file"):
                self.data[name] = a.get("value", "")
                if kind == "text":
                    self.texts.append(name)
        elif tag == "select" and name:
            self._select = name
            self.options[name] = []
        elif tag == "option" and self._select:
            self.options[self._select].append(a.get("value", ""))
            if "selected" in a:
                self.data[self._select] = a.get("value", "")
        elif tag == "textarea" and name:
            self._textarea = name
            self.data[name] = ""
            self.texts.append(name)

    def handle_data(self, data):
        if self._textarea:
            self.data[self._textarea] += data

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None
        elif tag == "form" and self._in_form:
            self._in_form, self._done = False, True

    def fill(self, **values) -> None:
        for name, value in values.items():
            if name in self.data or name in self.texts:
                self.data[name] = value
        for name, choices in self.options.items():
            if not self.data.get(name):
                real = [c for c in choices if c]
                if real:
                    self.data[name] = real[0]
        for name, (value, required) in self.checkboxes.items():
            if required:
                self.data[name] = value
        for name in self.texts:
            if not self.data.get(name):
                self.data[name] = "Rien de particulier"


def registration_form(response) -> RegistrationForm:
    form = RegistrationForm(response.request["PATH_INFO"])
    form.feed(response.content.decode())
    if not form.data:
        raise BenchError(f"{response.request['PATH_INFO']}: no registration form on the page")
    return form
