"""Factories of the public network's rows (experiences, events, registrations,
subscribers), written as the services leave them."""

import datetime

import factory
from django.utils import timezone

from network.experiences.services import search_vectors_refresh
from network.models import (
    Event,
    Experience,
    ExperienceItem,
    Registration,
    Subscriber,
    Topic,
)
from network.text import fold
from tests.factories import OrganisationFactory

ITEMS = {
    ExperienceItem.Kind.DIFFICULTY: ["Le temps manque", "Résistance au changement", "Budget"],
    ExperienceItem.Kind.TIP: ["Bloquer une demi-journée", "Impliquer l'équipe", "Demander"],
    ExperienceItem.Kind.PHASE: ["Diagnostic", "Plan", "Mise en œuvre"],
    ExperienceItem.Kind.TOOL: ["Nextcloud", "Canva", "Odoo"],
    ExperienceItem.Kind.KEYWORD: ["Patience", "Écoute", "Partage"],
}


def experience_search_text(experience: Experience) -> str:
    items = " ".join(i.text for i in experience.items.all())
    return fold(" ".join((experience.title, experience.why, experience.story, items)))


class ExperienceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Experience
        skip_postgeneration_save = True

    organisation = factory.SubFactory(OrganisationFactory, is_public=True)
    slug = factory.Sequence(lambda n: f"retour-{n}")
    title = factory.Sequence(lambda n: f"Notre passage au numérique n°{n}")
    why = "Pour gagner du temps sur l'administratif et mieux servir nos bénéficiaires."
    story = "<p>Nous avons commencé par <strong>le diagnostic</strong>.</p>"
    status = Experience.Status.PUBLISHED
    published_at = factory.LazyFunction(timezone.now)
    submitted_at = factory.LazyFunction(timezone.now)

    @factory.post_generation
    def items(self, create, extracted, **kwargs):
        """Three of each kind (ITEMS, or `items={kind: [...]}`), then the search text."""
        if not create:
            return
        chosen = {**ITEMS, **(extracted or {})}
        ExperienceItem.objects.bulk_create(
            ExperienceItem(experience=self, kind=kind, position=i, text=text, key=fold(text))
            for kind, texts in chosen.items()
            for i, text in enumerate(texts, start=1)
        )
        self.search_text = experience_search_text(self)
        self.save(update_fields=["search_text"])
        search_vectors_refresh([self.pk])

    @factory.post_generation
    def topics(self, create, extracted, **kwargs):
        """`topics=["data", ...]`: the topics of those codes."""
        if create and extracted:
            self.topics.set(Topic.objects.filter(code__in=extracted))


class EventFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Event

    slug = factory.Sequence(lambda n: f"evenement-{n}")
    kind = Event.Kind.WORKSHOP
    title_fr = factory.Sequence(lambda n: f"Atelier numérique n°{n}")
    title_en = factory.Sequence(lambda n: f"Digital workshop no. {n}")
    description_fr = "Un atelier pratique pour les EES."
    description_en = "A hands-on workshop for social-economy enterprises."
    starts_at = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=10))
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + datetime.timedelta(hours=3))
    venue = "Maison de l'économie sociale"
    address = "Rue de Fer 1, 5000 Namur"
    capacity = 20
    is_published = True


class RegistrationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Registration

    event = factory.SubFactory(EventFactory)
    email = factory.Sequence(lambda n: f"participant{n}@example.be")
    first_name = "Camille"
    last_name = factory.Sequence(lambda n: f"Dupont{n}")
    status = Registration.Status.CONFIRMED
    confirmed_at = factory.LazyFunction(timezone.now)


class SubscriberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Subscriber

    email = factory.Sequence(lambda n: f"lecteur{n}@example.be")
    confirmed_at = factory.LazyFunction(timezone.now)
