"""Demo data of the network's events (seed_demo, after the pilot organisations): six events
past and future, registrations by demo members and visitors, a waiting list on a full one,
attendance recorded on a past one. Written through the services; safe to run twice (an
event whose slug exists is left as it is)."""

from datetime import timedelta

from django.utils import timezone

from ..models import Event, EventQuestion, Membership, Topic
from . import services

# slug, kind, title, description, days from now (start), hours, venue, address, online,
# capacity, members registered, visitors registered, past (attendance recorded)
EVENTS = [
    (
        "intervision-reseau-outils-collaboratifs",
        Event.Kind.INTERVISION,
        "Intervision ouverte au réseau : nos outils collaboratifs",
        "Trois EES pilotes racontent comment elles ont choisi et déployé leurs outils "
        "collaboratifs, puis on échange en petits groupes sur vos propres difficultés.",
        -21,
        3,
        "Maison de l'économie sociale",
        "Rue de Fer 1, 5000 Namur",
        "",
        25,
        8,
        2,
        True,
    ),
    (
        "webinaire-cybersecurite-asbl",
        Event.Kind.WEBINAR,
        "Webinaire : la cybersécurité pour les petites ASBL",
        "Mots de passe, sauvegardes, hameçonnage : les bons réflexes en une heure, avec "
        "les questions des participants.",
        -45,
        1,
        "",
        "",
        "https://visio.example.be/cybersecurite",
        None,
        5,
        1,
        True,
    ),
    (
        "atelier-cartographier-ses-outils",
        Event.Kind.WORKSHOP,
        "Atelier : cartographier ses outils numériques",
        "Un atelier pratique pour dresser la carte des outils de votre organisation et "
        "repérer les doublons, les trous et les priorités.",
        12,
        3,
        "Espace coopératif",
        "Rue des Croisiers 15, 4000 Liège",
        "",
        4,
        6,
        1,
        False,
    ),
    (
        "webinaire-rgpd-en-pratique",
        Event.Kind.WEBINAR,
        "Webinaire : le RGPD en pratique dans une EES",
        "Registre des traitements, consentement, droits des personnes : ce qu'une petite "
        "structure doit vraiment faire, exemples à l'appui.",
        6,
        2,
        "",
        "",
        "https://visio.example.be/rgpd",
        None,
        3,
        2,
        False,
    ),
    (
        "atelier-site-web-accessible",
        Event.Kind.WORKSHOP,
        "Atelier : un site web accessible à tous",
        "Contrastes, textes alternatifs, navigation au clavier : on teste ensemble les "
        "sites des participants.",
        30,
        3,
        "Le Quai 10",
        "Quai Arthur Rimbaud 10, 6000 Charleroi",
        "",
        15,
        2,
        0,
        False,
    ),
    (
        "evenement-de-cloture-digitalees",
        Event.Kind.CLOSING,
        "Événement de clôture du programme DigitalEES",
        "Les quinze EES pilotes présentent leur transformation numérique, suivies d'un "
        "moment d'échange et d'un drink.",
        75,
        5,
        "Palais des Congrès",
        "Esplanade de l'Europe 2, 4020 Liège",
        "",
        150,
        4,
        2,
        False,
    ),
]
VISITORS = [
    ("Martine", "Gilson", "ASBL Quartier Vivant"),
    ("Olivier", "Marchal", "Coopérative Les Tisserands"),
]


def seed(*, password: str, stdout) -> list[tuple[str, str]]:
    members = list(
        Membership.objects.select_related("user", "organisation").order_by("organisation", "pk")
    )
    topics = list(Topic.objects.all()[:4])
    now = timezone.now().replace(minute=0, second=0, microsecond=0)
    created = 0
    for number, row in enumerate(EVENTS):
        (slug, kind, title, description, days, hours, venue, address, online, capacity,
         n_members, n_visitors, past) = row  # fmt: skip
        if Event.objects.filter(slug=slug).exists():
            continue
        starts = now.replace(hour=9) + timedelta(days=abs(days) if past else days)
        event = services.event_save(
            event=Event(
                slug=slug,
                kind=kind,
                title_fr=title,
                description_fr=description,
                starts_at=starts,
                ends_at=starts + timedelta(hours=hours),
                venue=venue,
                address=address,
                online_url=online,
                capacity=capacity,
                is_published=True,
            ),
            topics=topics[number % len(topics) : number % len(topics) + 2] if topics else None,
        )
        question = services.question_save(
            question=EventQuestion(
                event=event,
                label_fr="Avez-vous des besoins particuliers (accessibilité, régime) ?",
                label_en="Any particular needs (accessibility, diet)?",
                kind=EventQuestion.Kind.TEXT,
            )
        )
        registrations = []
        for membership in members[number : number + n_members]:
            user = membership.user
            if event.registrations.filter(email__iexact=user.email).exists():
                continue
            registrations.append(
                services.registration_create(
                    event=event,
                    user=user,
                    email=user.email,
                    first_name=user.first_name,
                    last_name=user.last_name,
                    organisation=membership.organisation,
                    language="fr",
                    answers={question.pk: "Aucun" if len(registrations) % 3 else ""},
                )
            )
        for index, (first, last, organisation) in enumerate(VISITORS[:n_visitors]):
            visitor = services.registration_create(
                event=event,
                email=f"{first.lower()}.{last.lower()}@example.org",
                first_name=first,
                last_name=last,
                organisation_name=organisation,
                language="fr",
            )
            # The first visitor confirmed by the link; the second has not yet.
            if index == 0:
                visitor = services.registration_confirm(registration=visitor)
            registrations.append(visitor)
        if past:
            # Held: its dates move to the past, and the agency recorded attendance.
            back = timedelta(days=2 * abs(days))
            event.starts_at -= back
            event.ends_at -= back
            services.event_save(event=event)
            confirmed = [r for r in registrations if r.status == "confirmed"]
            services.attendance_record(
                event=event,
                attendance={
                    r.pk: ("present", "present", "present", "absent", "excused")[i % 5]
                    for i, r in enumerate(confirmed)
                },
            )
        created += 1
    if created:
        stdout.write(f"  {created} events with their registrations")
    return []
